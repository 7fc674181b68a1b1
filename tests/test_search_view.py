"""The search plugin indexes highlighted code as its text (``code.fast_search``).

Material's search plugin reads the page with each highlighted block's markup taken out
of its code; the index must be the same to the byte, and the site the same to the byte,
as when it reads the page as it is. Compared on whole real sites (the demo, the three
unmarked writeups, a page of every highlighting option), and on the markup that must be
left alone, with Material's own parser.
"""

from __future__ import annotations

import html as htmllib
import shutil
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from mkdocs_portfolio.search_view import code_as_text

from .harness import Built, build

REPO = Path(__file__).resolve().parent.parent
WRITEUPS = Path(__file__).parent / "data" / "writeups"


def _index(html: str) -> list[tuple[str, str, str | None]]:
    """What Material's search plugin makes of ``html``: its sections' titles and texts."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), "".join(s.text), s.id) for s in parser.data]


# -- the markup, alone ------------------------------------------------------------------


PYGMENTS = (
    '<h2 id="train">Train</h2><p>Run:</p>'
    '<div class="language-python highlight"><span class="filename">train.py</span>'
    '<pre><span></span><code><a id="__codelineno-0-1" name="__codelineno-0-1" '
    'href="#__codelineno-0-1"></a><span class="k">def</span> <span class="nf">fit</span>'
    '<span class="p">(</span><span class="n">x</span><span class="p">):</span>\n'
    '<a id="__codelineno-0-2" name="__codelineno-0-2" href="#__codelineno-0-2"></a>'
    '    <span class="k">return</span> <span class="n">x</span> <span class="o">&amp;</span>'
    ' <span class="mi">1</span> <span class="o">&lt;</span> <span class="s2">&quot;é&quot;'
    '</span>  <span class="c1"># (1)!</span><!-- an annotation -->\n</code></pre></div>'
    '<p>Then <code>fit</code> it.</p>'
)


def test_highlighted_code_is_text_and_indexed_the_same() -> None:
    shown = code_as_text(PYGMENTS)
    assert 'class="k"' not in shown and "__codelineno" not in shown
    assert '<span class="filename">train.py</span>' in shown  # outside the code: kept
    assert "<code>def fit(x):\n    return x &amp; 1 &lt; \"é\"  # (1)!\n</code>" in shown
    assert _index(shown) == _index(PYGMENTS)


@pytest.mark.parametrize("code", [
    '<span class="n">a</span><sub>2</sub>',  # a tag the search keeps
    '<span class="n">a</span><br><span class="n">b</span>',
    '<span data-search-exclude>secret</span> <span class="n">b</span>',
    '<span class="n">a</span> < b',  # a stray "<"
    '<span title="a>b">x</span>',  # ">" inside an attribute: read as a tag, not text
])
def test_markup_the_search_reads_otherwise_is_left_alone(code: str) -> None:
    page = f'<p>x</p><pre><code>{code}</code></pre><p>y</p>'
    shown = code_as_text(page)
    if "title=" in code:  # a well-formed tag: shown as its text, the same index
        assert shown != page
    else:
        assert shown == page
    assert _index(shown) == _index(page)


def test_entities_split_by_tags_are_read_piece_by_piece() -> None:
    # html.parser unescapes each piece on its own: "&" and "lt;" in two pieces are not "<".
    page = '<pre><code><span>a &</span>lt; b &amp;amp; &#x41;</code></pre>'
    shown = code_as_text(page)
    assert shown != page
    assert _index(shown) == _index(page)
    assert htmllib.unescape(_index(shown)[0][1]).startswith("<pre><code>a &lt; b &amp; A")


def test_a_page_without_markup_in_its_code_is_the_same_object() -> None:
    page = "<p>x</p><pre><code>plain &lt;text&gt;</code></pre>"
    assert code_as_text(page) is page


# -- whole sites, the view on and off ---------------------------------------------------------


ALL_OPTIONS = '''\
# Training

The loop, with every way of showing a fence.

```python title="train.py" linenums="1" hl_lines="2 3"
import torch  # (1)!

def train(model, loader, epochs: int = 3) -> float:
    """Train & report: loss < 0.1 is "good"."""
    for epoch in range(epochs):
        for x, y in loader:
            loss = model(x, y)
    return float(loss)
```

1.  The only dependency.

```yaml linenums="10"
model:
  name: bert-base   # <- the encoder
  lr: 3.0e-5
```

```console
$ python train.py --epochs 3 && echo "done" > log.txt
epoch 1/3  loss=0.412
```

```text
plain	text with a tab and <angle brackets> & an ampersand
```

Inline: `#!python x = [i ** 2 for i in range(3)]` and `pip install -e .`.

=== "Python"

    ```python
    print("a")
    ```

=== "Shell"

    ```bash
    echo "b" | tr a-z A-Z
    ```
'''

HIGHLIGHT_CONFIG = {
    "markdown_extensions": [
        {"pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span",
                                "pygments_lang_class": True}},
        "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.snippets",
        {"pymdownx.tabbed": {"alternate_style": True}},
        "admonition", "pymdownx.details", "attr_list", "md_in_html",
    ],
    "theme": {"name": "material", "features": ["content.code.annotate"]},
    "plugins": ["search", "portfolio"],
}


def _site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def _both(root: Path, config: Path, off: str, on: str) -> tuple[Built, Built]:
    """The site built with the view (as written) and without it (``on`` replaced)."""
    text = config.read_text("utf-8")
    assert on in text, f"{config} has no {on!r}"
    slow = config.with_name("mkdocs.slow.yml")
    slow.write_text(text.replace(on, off, 1), "utf-8")
    fast = build(root, config_file=config, site_dir=str(root / "site-fast"),
                 allow_warnings=True)
    plain = build(root, config_file=slow, site_dir=str(root / "site-plain"),
                  allow_warnings=True)
    assert any(getattr(m, "_portfolio_view", False)
               for m in fast.config.plugins.events["page_context"]), "view not installed"
    assert not any(getattr(m, "_portfolio_view", False)
                   for m in plain.config.plugins.events["page_context"])
    return fast, plain


def _same_sites(fast: Built, plain: Built) -> None:
    index = "search/search_index.json"
    assert (fast.site_dir / index).read_bytes() == (plain.site_dir / index).read_bytes()
    a, b = _site_files(fast.site_dir), _site_files(plain.site_dir)
    assert a.keys() == b.keys()
    differ = [name for name in a if a[name] != b[name] and not name.endswith(".gz")]
    assert not differ, f"differ: {differ}"


def write_highlight_config(root: Path, style: str) -> Path:
    """``root/mkdocs.yml``: :data:`HIGHLIGHT_CONFIG` with line numbers in ``style``."""
    import yaml

    conf = {"site_name": f"Lines as {style}", **HIGHLIGHT_CONFIG}
    conf["markdown_extensions"] = [
        {"pymdownx.highlight": {**HIGHLIGHT_CONFIG["markdown_extensions"][0][
            "pymdownx.highlight"], "linenums_style": style}},
        *HIGHLIGHT_CONFIG["markdown_extensions"][1:]]
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(conf, sort_keys=False), "utf-8")
    return config


def test_every_highlighting_option_gives_the_same_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(ALL_OPTIONS, "utf-8")
    for style in ("table", "inline", "pymdownx-inline"):
        config = write_highlight_config(root, style)
        fast, plain = _both(root, config, "- portfolio:\n    code:\n      fast_search: false",
                            "- portfolio")
        _same_sites(fast, plain)
        page = (fast.site_dir / "index.html").read_text("utf-8")
        assert 'class="nf">train</span>' in page  # the page keeps its highlighting


@pytest.mark.parametrize("name", ["blog-series", "readme-project", "tutorial"])
def test_real_writeups_give_the_same_site(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    shutil.copytree(WRITEUPS / name, root)
    _same_sites(*_both(root, root / "mkdocs.yml",
                       "plugins: [search, {portfolio: {code: {fast_search: false}}}]",
                       "plugins: [search, portfolio]"))


def test_demo_site_gives_the_same_site(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(REPO / "demo_site", root, ignore=shutil.ignore_patterns("site"))
    fast, plain = _both(root, root / "mkdocs.yml",
                        "  - portfolio:\n      code:\n        fast_search: false\n",
                        "  - portfolio:\n")
    _same_sites(fast, plain)


PROPERDOCS_BUILD = """
import properdocs.replacement  # as `properdocs build` starts: `mkdocs` is ProperDocs
from properdocs.commands.build import build
from properdocs.config import load_config

config = load_config("mkdocs.yml")
config.plugins.on_startup(command="build", dirty=False)
build(config)
print([getattr(m, "_portfolio_view", False) for m in config.plugins.events["page_context"]])
"""


def test_properdocs_search_reads_the_code_as_text(tmp_path: Path) -> None:
    """ProperDocs has the same plugin collection: the view is installed there too (its
    sites are compared with MkDocs', search index included, in test_properdocs.py)."""
    pytest.importorskip("properdocs")
    import subprocess
    import sys

    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(ALL_OPTIONS, "utf-8")
    (root / "mkdocs.yml").write_text("site_name: T\ntheme: material\n"
                                     "plugins: [search, portfolio]\n"
                                     "markdown_extensions: [pymdownx.superfences]\n", "utf-8")
    done = subprocess.run([sys.executable, "-c", PROPERDOCS_BUILD], cwd=root, text=True,
                          capture_output=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "True" in done.stdout.splitlines()[-1], done.stdout
