"""The one URL check (``mkdocs_portfolio.markdown.urls``), against the browser's reading.

Examples first, then properties: Hypothesis builds URLs out of the pieces attackers
use (entities, tabs, newlines, controls, backslashes, odd case) and checks that no URL
the check accepts is a ``javascript:``, ``data:`` or ``vbscript:`` URL to a browser:
once by a Python model of the WHATWG URL parser (written as its state machine, not as
the module's regular expressions), and once in real Chromium, by the HTML parser
(entities decoded in an attribute) and the URL parser together.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_portfolio.markdown.urls import is_local, safe_url, web_url

RUNS_CODE = {"javascript", "data", "vbscript"}
ALLOWED = {"http", "https", "mailto"}


# -- examples ----------------------------------------------------------------------------------

UNSAFE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "java\nscript:x", "java\rscript:x", "\x01javascript:x", "\x00javascript:x",
    "&#106;avascript:x", "&#x6A;avascript:x", "&#X6a;avascript:x", "&#0000106;avascript:x",
    "&#106avascript:x", "jav&#x09;ascript:x", "jav&#9;ascript:x", "jav&Tab;ascript:x",
    "java&NewLine;script:x", "javascript&colon;x", "javascript&#58;x", "javascript&#x3a;x",
    "&amp;#106;avascript:x", "&#38;#106;avascript:x", "javascript://%0awindow.__pwned=1",
    "data:text/html,x", "DATA:image/svg+xml,x", "vbscript:x", "tel:+1", "file:///etc/passwd",
    "ftp://x", "blob:https://x/y", "&#x20;javascript:x", "\x1fjavascript:x",
]
SAFE = [
    "https://example.org/a:b", "http://x", "page.md", "../up/", "#anchor", "mailto:a@b.c",
    "path/with:colon", "?q=javascript:x", "./javascript:x", "", "a b", "java script:x",
    "https://example.org/?a=1&amp;b=2", "img/shot.png", "//cdn.example/x.png",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe(url: str) -> None:
    assert not safe_url(url)


@pytest.mark.parametrize("url", SAFE)
def test_safe(url: str) -> None:
    assert safe_url(url)


@pytest.mark.parametrize(("url", "web"), [
    ("https://github.com/a/b", True), ("http://example.org", True),
    ("HTTPS://example.org/x", True), ("https://user@example.org/x", True),
    ("javascript://%0awindow.__pwned=1", False), ("javascript://example.org", False),
    ("https:example.org", False), ("https:/example.org", False), ("https://", False),
    ("//example.org/x", False), ("example.org", False), ("https:\\\\a.b/x", True),
    ("https://a.b/ x", False), ('https://a.b/"x', True), ("&#104;ttps://a.b/", False),
    ("https://a.b/\x00", False), ("https://a.b/\x7f", False),
    (" https://a.b/", False), ("https://a.b/\n", False), ("ftp://a.b/", False),
    ("data:text/html,x", False), ("https://@/", False),
])
def test_web_url(url: str, web: bool) -> None:
    assert web_url(url) is web


@pytest.mark.parametrize(("path", "local"), [
    ("shot.png", True), ("img/shot.png", True), ("/img/shot.png", True), ("../x.mp4", True),
    ("a\\b.png", True), ("shot.png?v=1", True),
    ("\\\\evil.example\\shot.png", False), ("//evil.example/shot.png", False),
    ("/\\evil.example/shot.png", False), ("\\/evil.example/shot.png", False),
    (" //evil.example/x", False), ("\t\\\\evil.example\\x", False),
    ("/\t/evil.example/x", False), ("https://evil.example/x.png", False),
    ("data:image/png;base64,AAAA", False), ("javascript:x", False),
    ("&#47;/evil.example/x", False), ("&#92;&#92;evil.example\\x", False),
])
def test_is_local(path: str, local: bool) -> None:
    assert is_local(path) is local


# -- a model of the browser -----------------------------------------------------------------------

def _alpha(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def browser_scheme(value: str, base: str = "https") -> str:
    """The protocol of ``new URL(value, base + '://example.org/p/')``, without its ``:``.

    The WHATWG parser: strip leading/trailing C0 controls and space, remove tab and
    newline anywhere, then the "scheme start" and "scheme" states, character by
    character; a string that is not a scheme followed by ':' is relative to the base.
    """
    start, end = 0, len(value)
    while start < end and ord(value[start]) <= 0x20:
        start += 1
    while end > start and ord(value[end - 1]) <= 0x20:
        end -= 1
    chars = [c for c in value[start:end] if c not in "\t\n\r"]
    if not chars or not _alpha(chars[0]):
        return base
    buffer = ""
    for c in chars:
        if _alpha(c) or (c.isascii() and c.isdigit()) or c in "+-.":
            buffer += c
        elif c == ":":
            return buffer.lower()
        else:
            return base
    return base


def in_attribute(value: str) -> str:
    """What the URL parser gets when ``value`` is written in an HTML attribute as
    Python-Markdown writes it (it keeps character references as they are)."""
    return html.unescape(value)


PIECES = [
    "javascript", "JavaScript", "java", "script", "vbscript", "data", "http", "https", "mailto",
    ":", "&colon;", "&#58;", "&#x3A;", "&#106;", "&#x6A;", "&#0106", "&#x6a", "j", "a", "v",
    "\t", "\n", "\r", "&#9;", "&#x09;", "&Tab;", "&NewLine;", "&#10;", "&#13;", " ", "\x00",
    "\x01", "\x1f", "\x7f", "&#0;", "&#32;", "/", "//", "\\", "&#92;", "&#47;", "?", "#", "&",
    "&amp;", ";", "%0a", "(", ")", "=", "x", ".", "+", "-", "\u00a0", "\ufeff", "\u2028",
]
urls = st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join) | st.text(
    st.characters(codec="utf-8", max_codepoint=0x7F), max_size=24)


@given(urls)
@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
def test_accepted_urls_never_run_code(url: str) -> None:
    if safe_url(url):
        for seen in (url, in_attribute(url)):
            assert browser_scheme(seen) in ALLOWED, (url, seen)


@given(urls)
@settings(max_examples=1000)
def test_what_runs_code_is_refused(url: str) -> None:
    for seen in (url, in_attribute(url)):
        if browser_scheme(seen) in RUNS_CODE:
            assert not safe_url(url), (url, seen)
            assert not web_url(url) and not is_local(url), (url, seen)


@given(urls)
@settings(max_examples=1000)
def test_local_paths_stay_on_the_site(url: str) -> None:
    if is_local(url):
        for seen in (url, in_attribute(url)):
            assert browser_scheme(seen) == "https"
            cleaned = "".join(c for c in seen.strip("".join(map(chr, range(33))))
                              if c not in "\t\n\r")
            assert not cleaned.replace("\\", "/").startswith("//"), (url, seen)


@given(urls)
@settings(max_examples=1000)
def test_web_urls_are_http(url: str) -> None:
    if web_url(url):
        assert browser_scheme(url, base="none") in {"http", "https"}
        assert browser_scheme(in_attribute(url), base="none") in {"http", "https"}


# -- the real browser -----------------------------------------------------------------------------

PROBE = """(values) => values.map(([raw, markup]) => {
  const base = 'https://example.org/p/';
  const url = (value, part) => {
    try { return new URL(value, base)[part]; } catch (e) { return 'invalid'; }
  };
  const a = document.createElement('div');
  a.innerHTML = '<a href="' + markup + '">x</a><img src="' + markup + '">';
  const link = a.firstChild;
  return [url(raw, 'protocol'), link.protocol, url(link.getAttribute('href'), 'protocol'),
          url(a.lastChild.getAttribute('src'), 'host')];
})"""


def _markup(value: str) -> str:
    """``value`` in a double-quoted attribute, as Python-Markdown's serializer writes it."""
    from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]

    return str(_escape_attrib_html(value))


@pytest.mark.browser
def test_chromium_agrees(browser: Any) -> None:
    """Every accepted URL of a large generated batch, in real Chromium: ``new URL`` on
    the value itself (a value Jinja escapes) and an ``<a href>`` made by the HTML parser
    from the value as Python-Markdown writes it. One page, one evaluate per batch."""
    batches: list[list[str]] = []

    @given(st.lists(urls, min_size=300, max_size=300))
    @settings(max_examples=6, database=None, suppress_health_check=list(HealthCheck))
    def collect(batch: list[str]) -> None:
        batches.append(batch)

    collect()
    values = sorted({u for batch in batches for u in batch} | set(SAFE) | set(UNSAFE))
    page = browser.new_page()
    try:
        page.set_content('<base href="https://example.org/p/">')
        accepted = [u for u in values if safe_url(u)]
        assert len(accepted) > 200
        seen = page.evaluate(PROBE, [[u, _markup(u)] for u in accepted])
        bad = [(u, s) for u, s in zip(accepted, seen, strict=True)
               if not {s[0], s[1], s[2]} <= {"http:", "https:", "mailto:", "invalid", ":"}]
        assert not bad, json.dumps(bad[:10])
        local = [u for u in values if is_local(u)]
        seen = page.evaluate(PROBE, [[u, _markup(u)] for u in local])
        away = [(u, s) for u, s in zip(local, seen, strict=True)
                if s[1] != "https:" or s[3] != "example.org"]
        assert not away, json.dumps(away[:10])
        # and the check refuses what Chromium reads as code
        refused = [u for u in UNSAFE if u not in (
            "tel:+1", "file:///etc/passwd", "ftp://x", "blob:https://x/y",
            # refused to be safe, though harmless: a reference decoded twice, or one
            # without ';' that Python-Markdown's serializer escapes
            "&amp;#106;avascript:x", "&#38;#106;avascript:x", "&#106avascript:x")]
        seen = page.evaluate(PROBE, [[u, _markup(u)] for u in refused])
        odd = [(u, s) for u, s in zip(refused, seen, strict=True)
               if not {s[0], s[1]} & {"javascript:", "data:", "vbscript:"}]
        assert not odd, odd
    finally:
        page.close()
