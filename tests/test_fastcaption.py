"""``fastcaption``: the cheap import of ``pymdownx.blocks.html`` matches exactly as the
normal one, really applies, and leaves a real build's HTML byte-identical."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

NAMES = ("RE_IDENT", "RE_ID", "RE_CLASS", "RE_ATTR", "RE_ATTR_OPEN", "RE_ATTR_CLOSE")

PROBE = textwrap.dedent("""
    import json, random, re, sys
    NAMES = sys.argv[2].split(",")
    if sys.argv[1] == "fast":
        from mkdocs_portfolio.markdown.fastcaption import import_html_blocks
        import_html_blocks()
    import pymdownx.blocks.html as h
    rnd = random.Random(20)
    alphabet = list("aAzZfFgG09-_#.[]='\\" \\t\\\\\\n\\r") + [
        "\\u017f", "\\u212a", "\\u0130", "\\u0131", "\\x80", "\\xe9", "\\U0001f600",
        "\\U0010ffff", "\\ud800", "\\\\41 ", "\\\\aBcDeF", "\\\\Ff", "--", "@", "`", "{"]
    strings = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
               for _ in range(4000)]
    every = "".join(map(chr, range(0x110000)))
    out = {"flags": {}, "results": {}}
    for name in NAMES:
        p = getattr(h, name)
        out["flags"][name] = bool(p.flags & re.I)
        out["results"][name] = [
            [repr(p.match(s)and p.match(s).group(0)), repr(p.fullmatch(s) and 1),
             repr(p.findall(s))] for s in strings] + [repr(p.findall(every))]
    print(json.dumps(out))
""")


def probe(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, mode, ",".join(NAMES)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_fast_import_matches_exactly_and_really_applies() -> None:
    normal, fast = probe("normal"), probe("fast")
    for name in NAMES:
        assert fast["results"][name] == normal["results"][name], name
    # The rewrite applied: a pymdownx change that defeats it fails here.
    assert normal["flags"]["RE_ATTR"] and normal["flags"]["RE_IDENT"]
    assert not any(fast["flags"][n] for n in ("RE_IDENT", "RE_ID", "RE_CLASS", "RE_ATTR"))


BUILD = textwrap.dedent("""
    import sys
    if sys.argv[1] == "normal":
        import pymdownx.blocks.html  # imported first: the fast path stands aside
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(sys.argv[2], site_dir=sys.argv[3]))
""")

PAGE = """# Figures

![A plot](plot.png)

/// caption
A *plot* with `code`, [a link](https://example.org).
///

| a | b |
| - | - |
| 1 | 2 |

/// caption | ^1
attrs: {id: tab-x, class: "Wide narrow"}
The table.
///

![Other](plot.png)

/// figure-caption | 3.1
Another figure.
///
"""


def test_build_is_byte_identical(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "plot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme: {name: material}\nplugins: [portfolio]\n",
                      encoding="utf-8")
    html = {}
    for mode in ("normal", "fast"):
        site = tmp_path / mode
        subprocess.run([sys.executable, "-c", BUILD, mode, str(config), str(site)],
                       check=True, capture_output=True)
        html[mode] = (site / "index.html").read_bytes()
    assert b'<figure id="table-1">' in html["fast"] and b"__figure-caption_3_1" in html["fast"]
    assert html["fast"] == html["normal"]
