"""A deterministic generator of a realistic N-page machine-learning writeup.

Every page has front matter, ~800-1500 words of prose under headings, 2-6 fenced
code blocks of 10 to 200 lines (some with ``title=``, ``linenums`` and highlighted
lines), figures with captions, tables, admonitions, links, and the semantic blocks
of mkdocs-portfolio in all three forms (``!!!``, ``???`` and ``///``); about a
third of the pages have a Mermaid diagram. Page ``i`` is the same text whatever
N is (only its links to other pages depend on N), so that per-page costs at
N = 200 and N = 1000 compare like with like.

The same ``docs/`` folder is built by several configs that differ only in their
``plugins:`` list (see :data:`VARIANTS`); the Markdown extensions are listed by
hand in all of them, as a Material user without our plugin would list them, so
that "without" renders the same admonitions, code and diagrams.

    python -m benchmarks.generate 200 /tmp/bench-200
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SECTIONS = ("data", "features", "models", "training", "evaluation", "deployment",
            "experiments", "analysis")
SEED = 20261128

# -- the configs ---------------------------------------------------------------

MARKDOWN_EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    {"pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span",
                            "pygments_lang_class": True}},
    "pymdownx.inlinehilite",
    "pymdownx.blocks.caption",
    {"pymdownx.superfences": {"custom_fences": [
        {"name": "mermaid", "class": "mermaid",
         "format": "!!python/name:pymdownx.superfences.fence_code_format"}]}},
]
"""What Material's docs recommend for such a site, listed by hand in every variant."""

VARIANTS: dict[str, list[Any]] = {
    "without": ["search"],
    "with": ["search", "portfolio"],
    # The plugin's own cost: no search view, no highlighted code kept between builds.
    "own": ["search", {"portfolio": {"code": {"fast_search": False, "highlight_cache": False}}}],
    "disabled": ["search", {"portfolio": {"enabled": False}}],
    "no-audit": ["search", {"portfolio": {"audit": {"enabled": False}}}],
    "no-overview": ["search", {"portfolio": {"overview": {"enabled": False}}}],
    "no-page-info": ["search", {"portfolio": {"page_info": {"enabled": False}}}],
    "no-fold": ["search", {"portfolio": {"code": {"enabled": False}}}],
    "blocks-only": ["search", {"portfolio": {
        "audit": {"enabled": False}, "overview": {"enabled": False},
        "page_info": {"enabled": False}, "code": {"enabled": False}}}],
    "bare-without": [],
    "bare-with": ["portfolio"],
}
"""``plugins:`` of each config; ``with`` and ``without`` are the comparison, the others
take the plugin's features apart (``benchmarks.run --variants with no-audit``)."""


def config_text(variant: str) -> str:
    """The ``mkdocs.yml`` of one variant (YAML, with the one ``!!python/name`` tag)."""
    conf: dict[str, Any] = {
        "site_name": "Churn prediction for a subscription service",
        "site_description": "A machine-learning writeup, generated for benchmarking.",
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "font": False,  # no Google Fonts: nothing is requested from outside at load
            "features": ["content.code.copy", "content.code.annotate",
                         "navigation.sections", "navigation.instant"],
            "palette": [
                {"scheme": "default", "toggle": {"icon": "material/brightness-7",
                                                 "name": "Dark mode"}},
                {"scheme": "slate", "toggle": {"icon": "material/brightness-4",
                                               "name": "Light mode"}},
            ],
        },
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "plugins": VARIANTS[variant],
    }
    text = yaml.safe_dump(conf, sort_keys=False, allow_unicode=True)
    return text.replace("'!!python/name:pymdownx.superfences.fence_code_format'",
                        "!!python/name:pymdownx.superfences.fence_code_format")


# -- words -------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words("""model dataset feature label baseline metric pipeline embedding encoder decoder
batch epoch gradient optimizer scheduler checkpoint tokenizer vocabulary sample split
distribution threshold prediction customer subscription event window cohort signal
latency budget experiment ablation hypothesis variance bias error loss regularisation
dropout layer attention transformer classifier regressor forest ensemble calibration
recall precision score benchmark deployment service endpoint request cache queue
schedule dashboard alert drift monitor retraining annotation reviewer guideline table
column join aggregate timestamp leakage fold validation test holdout seed run config
notebook report figure chart histogram curve trade-off constraint stakeholder team
product decision cost revenue churn retention campaign segment region device session""")
VERBS = _words("""reduces improves explains predicts measures captures limits removes adds keeps
changes hides shows tracks compares estimates doubles halves separates combines drops
balances splits weights ranks filters joins caches serves monitors logs samples
""")
ADJECTIVES = _words("""small large noisy clean stable sparse dense cheap expensive slow fast
simple robust fragile recent older weekly daily monthly calibrated biased fair strong
weak useful surprising expected clear careful honest full partial final early late
""")
ADVERBS = _words("""clearly mostly slightly rarely often quickly barely largely roughly
consistently""")
CONNECTIVES = ["However,", "In practice,", "As a result,", "For this reason,", "In short,",
               "At first,", "Later,", "On the held-out weeks,", "In the ablation,",
               "With the new split,"]
TITLE_WORDS = _words("""Data Features Labels Splits Baselines Models Training Tuning Evaluation
Errors Calibration Serving Monitoring Drift Costs Results Ablations Lessons Leakage
Sampling Embeddings Thresholds Segments Retraining""")


def sentence(rng: random.Random) -> str:
    """One sentence of plausible ML prose, spelled correctly."""
    words: list[str] = []
    if rng.random() < 0.2:
        words.append(rng.choice(CONNECTIVES))
    words += ["the", rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    if rng.random() < 0.3:
        words.append(rng.choice(ADVERBS))
    words += [rng.choice(VERBS), "the", rng.choice(NOUNS)]
    while len(words) < rng.randint(9, 18):
        words += [rng.choice(["of", "for", "in", "on", "with", "across", "per"]),
                  rng.choice(["the", "each", "every", "a"]),
                  rng.choice(ADJECTIVES) if rng.random() < 0.4 else rng.choice(NOUNS),
                  rng.choice(NOUNS)]
    r = rng.random()
    if r < 0.08:
        words[-1] = f"`{words[-1].replace('-', '_')}`"
    elif r < 0.14:
        words[-1] = f"**{words[-1]}**"
    elif r < 0.18:
        words[-1] = f"*{words[-1]}*"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def n_words(text: str) -> int:
    return len(text.split())


# -- code --------------------------------------------------------------------------

IDENTS = _words("""batch features labels model loader optimizer scheduler loss logits scores
threshold window cohort frame metrics history config step epoch device encoder
weights sample split store client cache result""")
CALLS = ["torch.zeros({a}, {n})", "np.mean({a}, axis=0)", "{a}.to(device)",
         "pd.read_parquet(\"{a}.parquet\")", "model({a})", "F.cross_entropy({a}, {b})",
         "{a}.groupby(\"{b}\").agg(\"mean\")", "sorted({a}, key=len)",
         "roc_auc_score({a}, {b})", "{a}.clip(0.0, 1.0)", "len({a}) // {n}",
         "dict(zip({a}, {b}))", "{a}[{b} > {f}]", "math.log1p({a})"]


def _expr(rng: random.Random) -> str:
    return rng.choice(CALLS).format(a=rng.choice(IDENTS), b=rng.choice(IDENTS),
                                    n=rng.choice((8, 16, 32, 128, 512)),
                                    f=rng.choice((0.1, 0.25, 0.5, 0.9)))


def python_code(rng: random.Random, lines: int) -> list[str]:
    out = ["import math", "", "import numpy as np", "import torch", ""]
    while len(out) < lines:
        name = f"{rng.choice(VERBS)[:-1]}_{rng.choice(IDENTS)}"
        out.append(f"def {name}({rng.choice(IDENTS)}: Tensor, {rng.choice(IDENTS)}: int = "
                   f"{rng.randint(1, 64)}) -> dict[str, float]:")
        out.append(f'    """{sentence(rng)}"""')
        depth = 1
        for _ in range(rng.randint(4, 14)):
            pad = "    " * depth
            r = rng.random()
            if r < 0.15 and depth < 3:
                out.append(f"{pad}for {rng.choice(IDENTS)} in {rng.choice(IDENTS)}:")
                depth += 1
            elif r < 0.25 and depth < 3:
                out.append(f"{pad}if {rng.choice(IDENTS)} > {rng.choice((0, 1, 0.5))}:")
                depth += 1
            elif r < 0.35:
                out.append(f"{pad}# {sentence(rng).lower()}")
            elif r < 0.42:
                out.append(f'{pad}log.info("{rng.choice(IDENTS)} %.4f", '
                           f"{rng.choice(IDENTS)})")
            else:
                out.append(f"{pad}{rng.choice(IDENTS)} = {_expr(rng)}")
            if depth > 1 and rng.random() < 0.3:
                depth -= 1
        out.append(f"    return {{\"{rng.choice(IDENTS)}\": float({rng.choice(IDENTS)})}}")
        out.append("")
    return out[:lines]


def yaml_code(rng: random.Random, lines: int) -> list[str]:
    out: list[str] = []
    while len(out) < lines:
        out.append(f"{rng.choice(IDENTS)}:")
        for _ in range(rng.randint(2, 6)):
            value = rng.choice([str(rng.randint(1, 512)), f"{rng.random():.3f}",
                                rng.choice(NOUNS), "true", "false"])
            out.append(f"  {rng.choice(IDENTS)}_{rng.choice(NOUNS).replace('-', '_')}: {value}")
    return out[:lines]


def bash_code(rng: random.Random, lines: int) -> list[str]:
    commands = ["python -m train --config configs/{a}.yaml --seed {n}",
                "dvc repro {a}", "pytest -q tests/test_{a}.py",
                "aws s3 cp s3://bucket/{a}/ data/{a}/ --recursive",
                "docker build -t churn-{a}:{n} .", "export {A}_DIR=/data/{a}",
                "jq '.{a}' reports/metrics.json"]
    out = []
    for _ in range(lines):
        a = rng.choice(IDENTS)
        out.append(rng.choice(commands).format(a=a, A=a.upper(), n=rng.randint(1, 99)))
    return out


def json_code(rng: random.Random, lines: int) -> list[str]:
    body = [f'  "{rng.choice(IDENTS)}_{i}": {rng.random():.4f},' for i in range(max(1, lines - 2))]
    body[-1] = body[-1].rstrip(",")
    return ["{", *body, "}"]


LANGS: list[tuple[str, str, Callable[[random.Random, int], list[str]]]] = [
    ("python", ".py", python_code), ("python", ".py", python_code),
    ("python", ".py", python_code), ("yaml", ".yaml", yaml_code),
    ("bash", ".sh", bash_code), ("json", ".json", json_code),
]


def code_block(rng: random.Random) -> str:
    lines = int(10 + 190 * rng.random() ** 2.2)  # mostly short, some up to 200 lines
    lang, ext, make = rng.choice(LANGS)
    attrs = [lang]
    if rng.random() < 0.4:
        attrs.append(f'title="{rng.choice(IDENTS)}{ext}"')
    if rng.random() < 0.3:
        attrs.append('linenums="1"')
    if rng.random() < 0.15:
        attrs.append(f'hl_lines="{rng.randint(2, 5)}-{rng.randint(6, 9)}"')
    body = make(rng, lines)
    annotate = lang == "python" and rng.random() < 0.15 and len(body) > 6
    if annotate:
        body[5] = body[5] + "  # (1)!"
    text = "``` " + " ".join(attrs) + "\n" + "\n".join(body) + "\n```\n"
    if annotate:
        text += "\n1.  " + sentence(rng) + "\n"
    return text


# -- the other parts of a page ---------------------------------------------------------

def table(rng: random.Random) -> str:
    cols = ["model", *rng.sample(["F1", "AUC", "recall", "precision", "latency (ms)",
                                  "cost per 1k ($)"], rng.randint(2, 4))]
    rows = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for _ in range(rng.randint(3, 8)):
        kind = rng.choice(["forest", "boosting", "logistic", "transformer", "baseline"])
        name = f"{rng.choice(ADJECTIVES)} {kind}"
        rows.append("| " + " | ".join([name] + [f"{rng.random():.3f}" for _ in cols[1:]]) + " |")
    return "\n".join(rows) + "\n"


def figure(rng: random.Random) -> str:
    k = rng.randint(1, 6)
    alt = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} by {rng.choice(NOUNS)}"
    return (f"![{alt.capitalize()}](../assets/figures/figure-{k}.svg)\n\n"
            f"/// caption\n{sentence(rng)}\n///\n")


def mermaid(rng: random.Random) -> str:
    nodes = rng.sample(IDENTS, 5)
    edges = "\n".join(f"    {a}[{a.title()}] --> {b}[{b.title()}]"
                      for a, b in itertools.pairwise(nodes))
    return f"``` mermaid\nflowchart LR\n{edges}\n```\n"


def admonition(rng: random.Random) -> str:
    kind = rng.choice(["note", "tip", "warning", "info", "example"])
    title = f"{rng.choice(TITLE_WORDS)} {rng.choice(NOUNS)}"
    return f'!!! {kind} "{title}"\n\n    {paragraph(rng, 2)}\n'


def semantic_block(rng: random.Random, btype: str) -> str:
    title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(NOUNS)}"
    body = paragraph(rng, rng.randint(2, 4))
    form = rng.random()
    if btype == "result" and form < 0.5:
        value = rng.uniform(0.6, 0.95)
        return (f"/// result | {title}\nmetric: F1\nvalue: {value:.2f}\n"
                f"baseline: {value - rng.uniform(0.01, 0.1):.2f}\n\n{body}\n///\n")
    if btype == "result":
        value = rng.uniform(0.6, 0.95)
        head = f"Metric: AUC = {value:.2f} (baseline {value - 0.05:.2f})\n\n    "
        return f'!!! result "{title}"\n\n    {head}{body}\n'
    if form < 0.2:
        return f"/// {btype} | {title}\n{body}\n///\n"
    if form < 0.6:
        return f'!!! {btype} "{title}"\n\n    {body}\n'
    marker = "???+" if form < 0.8 else "???"
    return f'{marker} {btype} "{title}"\n\n    {body}\n'


def demo_block(rng: random.Random) -> str:
    return (f"/// demo | Try the {rng.choice(NOUNS)} model\nspace: example/churn-demo\n\n"
            f"{sentence(rng)}\n///\n")


def page_path(i: int) -> str:
    """The source path of page ``i`` (``i >= 1``; page 0 is ``index.md``)."""
    section = SECTIONS[i % len(SECTIONS)]
    return f"{section}/{section}-{i:04d}.md"


def page_text(i: int, n: int) -> str:
    """Page ``i`` of an ``n``-page site."""
    rng = random.Random(f"{SEED}:{i}")
    links = random.Random(f"{SEED}:{i}:links")  # the only draws that depend on n
    title = f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS).lower()} {i}"
    meta = {"title": title, "description": sentence(rng)}
    if rng.random() < 0.05:
        meta["portfolio"] = {"audit": {"code-share": "off"}}
    parts: list[str] = ["---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n",
                        f"# {title}\n", paragraph(rng, 3) + "\n"]

    extras: list[str] = [code_block(rng) for _ in range(rng.randint(2, 6))]
    extras += [figure(rng) for _ in range(rng.randint(1, 2))]
    extras.append(table(rng))
    extras += [admonition(rng) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.35:
        extras.append(mermaid(rng))
    for btype, chance in (("problem", 0.08), ("use-case", 0.08), ("result", 0.3),
                          ("dead-end", 0.5), ("next-step", 0.4)):
        if rng.random() < chance:
            extras.append(semantic_block(rng, btype))
    if i % 50 == 3:  # a few demos: 4 at N=200
        extras.append(demo_block(rng))
    rng.shuffle(extras)

    target = rng.randint(800, 1500)
    words = n_words(parts[-1])
    headings = rng.randint(4, 8)
    per_heading = max(1, len(extras) // headings + 1)
    k = 0
    here = page_path(i) if i else "index.md"
    depth = here.count("/")
    for h in range(headings):
        level = "##" if h == 0 or rng.random() < 0.7 else "###"
        parts.append(f"{level} {rng.choice(TITLE_WORDS)} and {rng.choice(NOUNS)}s\n")
        for _ in range(rng.randint(1, 3)):
            if words >= target and h < headings - 1:
                break
            text = paragraph(rng, rng.randint(3, 7))
            if rng.random() < 0.35 and n > 1:
                j = links.randrange(1, n)
                link = "../" * depth + page_path(j)
                text += f" See [{rng.choice(NOUNS)} notes]({link})."
            if rng.random() < 0.2:
                paper = f"2{rng.randint(100, 999)}.{rng.randint(10000, 99999)}"
                text += f" The [{rng.choice(NOUNS)} paper](https://arxiv.org/abs/{paper})."
            parts.append(text + "\n")
            words += n_words(text)
        for _ in range(per_heading):
            if k < len(extras):
                parts.append(extras[k])
                k += 1
    while words < target:
        text = paragraph(rng, 5)
        parts.append(text + "\n")
        words += n_words(text)
    parts += extras[k:]
    return "\n".join(parts)


def index_text(n: int) -> str:
    rng = random.Random(f"{SEED}:index")
    return "\n".join([
        "# Churn prediction for a subscription service\n",
        paragraph(rng, 4) + "\n",
        semantic_block(rng, "problem"),
        semantic_block(rng, "use-case"),
        '!!! result "Headline"\n\n    Metric: F1 = 0.91 (baseline 0.84)\n\n    '
        + paragraph(rng, 2) + "\n",
        f"The writeup has {n - 1} pages; start with [the data](data/data-0008.md).\n"
        if n > 8 else "",
    ])


def svg(k: int) -> str:
    rng = random.Random(f"{SEED}:svg:{k}")
    bars = "".join(
        f'<rect x="{10 + 30 * b}" y="{150 - h}" width="20" height="{h}" fill="#3f51b5"/>'
        for b, h in enumerate(rng.randint(20, 140) for _ in range(10)))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" '
            f'viewBox="0 0 320 160">{bars}</svg>\n')


def generate(n: int, root: Path) -> Path:
    """Write an ``n``-page site under ``root`` (``docs/`` and one config per variant).

    Returns ``root``. Writing is skipped for files that already hold the same text,
    so that re-generating does not touch modification times.
    """
    if n < 1:
        raise ValueError(f"a site needs at least one page, not {n}")
    root.mkdir(parents=True, exist_ok=True)
    docs = root / "docs"
    wanted: dict[Path, str] = {docs / "index.md": index_text(n)}
    for i in range(1, n):
        wanted[docs / page_path(i)] = page_text(i, n)
    for k in range(1, 7):
        wanted[docs / "assets" / "figures" / f"figure-{k}.svg"] = svg(k)
    for variant in VARIANTS:
        wanted[root / f"mkdocs.{variant}.yml"] = config_text(variant)
    write_site(wanted, docs)
    return root


def write_site(wanted: dict[Path, str], docs: Path) -> None:
    """Write each file whose text changed (modification times stay as they were), and
    remove the pages of ``docs`` not wanted: a larger earlier site's would be built."""
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for path in docs.rglob("*.md"):
        if path not in wanted:
            path.unlink()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="number of pages (N)")
    parser.add_argument("root", type=Path, help="folder to write the site into")
    args = parser.parse_args(argv)
    generate(args.pages, args.root)
    print(f"{args.pages} pages in {args.root / 'docs'}; configs: "
          + ", ".join(f"mkdocs.{v}.yml" for v in VARIANTS))


if __name__ == "__main__":
    main()
