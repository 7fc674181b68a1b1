"""Inline text of a README: plain text, heading slugs, badges.

Pure functions of strings: no MkDocs, no I/O.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_CODE = re.compile(r"(`+)(.+?)\1")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = (re.compile(r"(\*\*|__|~~)(.+?)\1"), re.compile(r"\*(\S(?:.*?\S)?)\*"),
             re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"))
_EMOJI = re.compile(r":[a-z_+-][a-z0-9_+-]*:")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown: str) -> str:
    """Markdown inline text as plain text: no images, links as their text, no tags,
    code as its text, no emphasis markers or emoji codes, entities decoded."""
    text = _IMAGE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    codes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        codes.append(match[2].strip())
        return f"\0{len(codes) - 1}\0"

    text = _CODE.sub(keep, text)
    for pattern in _EMPHASIS:
        text = pattern.sub(lambda m: m[m.lastindex or 0], text)
    text = _ESCAPE.sub(r"\1", _EMOJI.sub("", text))
    text = re.sub(r"\0(\d+)\0", lambda m: codes[int(m[1])], text)
    return " ".join(html.unescape(text).split())


def github_slug(title: str) -> str:
    """The anchor GitHub gives a heading of ``title`` (plain text), before numbering."""
    kept = "".join(ch for ch in title.lower()
                   if ch in " -_" or unicodedata.category(ch)[0] in "LNM")
    return kept.replace(" ", "-")


def toc_slug(title: str) -> str:
    """The anchor MkDocs (Python-Markdown's ``toc``) gives a heading, before numbering."""
    return str(slugify(title, "-"))


class Slugs:
    """Unique anchors in one document, numbered as GitHub (``x-1``) or ``toc`` (``x_1``)."""

    def __init__(self, joiner: str) -> None:
        self.joiner = joiner
        self.seen: set[str] = set()

    def unique(self, slug: str) -> str:
        found, n = slug, 0
        while found in self.seen:
            n += 1
            found = f"{slug}{self.joiner}{n}"
        self.seen.add(found)
        return found


# -- badges ------------------------------------------------------------------------------

BADGE_HOSTS = ("shields.io", "badge.fury.io", "travis-ci.org", "travis-ci.com", "codecov.io",
               "coveralls.io", "circleci.com", "ci.appveyor.com", "pepy.tech",
               "readthedocs.org", "codacy.com", "deepsource.io", "snyk.io")
LAUNCHERS = ("colab.research.google.com", "mybinder.org", "huggingface.co", "kaggle.com",
             "hf.co", "replicate.com", "streamlit.app", "gradio.live")
"""Hosts a badge may link to as a live demo or notebook: such a badge is a demo link."""

_MD_BADGE = re.compile(
    r"\[!\[[^\]]*\](?:\((?P<src1>[^)\s]{1,2000})(?:\s[^)]*)?\)|\[(?P<ref1>[^\]]*)\])\]"
    r"(?:\((?P<href1>[^)\s]{1,2000})(?:\s[^)]*)?\)|\[(?P<hrefref>[^\]]*)\])"
    r"|!\[[^\]]*\](?:\((?P<src2>[^)\s]{1,2000})(?:\s[^)]*)?\)|\[(?P<ref2>[^\]]*)\])")
_HTML_BADGE = re.compile(
    r"<a\b[^>]{0,2000}?\bhref\s*=\s*[\"'](?P<href>[^\"']{0,2000})[\"'][^>]{0,2000}>\s*"
    r"<img\b[^>]{0,2000}?\bsrc\s*=\s*[\"'](?P<src>[^\"']{0,2000})[\"'][^>]{0,2000}>\s*</a>"
    r"|<img\b[^>]{0,2000}?\bsrc\s*=\s*[\"'](?P<src3>[^\"']{0,2000})[\"'][^>]{0,2000}>", re.I)
_FILLER = re.compile(r"</?(?:p|div|span|br|center)\b[^>]*>|&nbsp;|[\s|·•-]", re.I)


def is_badge_url(url: str) -> bool:
    """Whether an image URL is a status badge (shields.io and the like)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    return bool(host) and ("badge" in url.lower()
                           or any(host == h or host.endswith("." + h) for h in BADGE_HOSTS))


def _launcher(url: str) -> bool:
    host = (urlsplit(url.strip()).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in LAUNCHERS)


def without_badges(paragraph: str, refs: Mapping[str, str]) -> str | None:
    """A paragraph made only of badges, without them: ``""`` (drop it) or only the badges
    that open a live demo or notebook; ``None`` when it is not made only of badges.
    ``refs``: reference definitions (lower-case label -> URL)."""
    kept: list[str] = []
    found = False
    for pattern in (_MD_BADGE, _HTML_BADGE):
        def each(match: re.Match[str]) -> str:
            nonlocal found
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            src = groups.get("src1") or groups.get("src2") or groups.get("src") \
                or groups.get("src3") or refs.get((groups.get("ref1") or groups.get("ref2")
                                                   or "").lower(), "")
            href = groups.get("href1") or groups.get("href") \
                or refs.get(groups.get("hrefref", "").lower(), "")
            if not is_badge_url(src):
                return match[0]
            found = True
            if _launcher(href):
                kept.append(match[0])
            return " "

        paragraph = pattern.sub(each, paragraph)
    if not found or _FILLER.sub("", paragraph):
        return None
    return " ".join(kept)
