"""Links and images of a README's pages, rewritten to resolve from ``docs/``.

- An image (``![](images/a.png)``, ``<img src>``, ``<source srcset>``, a link to an
  image or a video) is copied into ``docs/`` at its path, so that the site has it.
- A link to a README section (``#training``) goes to the page the section became.
- A link to another file of the repository goes to it on the forge, at the default
  branch, when the repository's URL is known; else it stays relative (``../train.py``),
  for the user to see in MkDocs' warnings.

What a path names is asked of ``locate`` (the file system, in :mod:`.files`):
pure otherwise. Fenced code, HTML comments and inline code are left alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import field
from typing import Literal
from urllib.parse import quote, unquote

from ..lazydata import dataclass
from .split import Page, Readme, paragraphs

MEDIA = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico",
                   "mp4", "webm", "mov", "ogv", "ogg", "mp3", "wav"})
_TEXT = r"(?:[^\[\]]|\[(?:[^\[\]]|\[[^\[\]]*\])*\])*"
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>" + _TEXT + r")\]\((?P<pre>\s*)"
                     r"(?P<url><[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
                     r"(?P<rest>(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*)\)")
_REF_DEF = re.compile(r"^(?P<pre> {0,3}\[[^\]]+\]:\s*)(?P<url>\S+)", re.M)
_TAG = re.compile(r"<(?:img|source|video|audio|a)\b[^>]*>", re.I)
_ATTR = re.compile(r"\b(?P<name>src|href|poster|srcset|data-src)\s*=\s*"
                   r"(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.I | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_IMAGES_ONLY = re.compile(r"(?:<(p|div|center)\b([^>]*)>)?\s*((?:<img\b[^>]*>\s*"
                          r"(?:<br\s*/?>\s*)?)+)(?(1)</\1>)", re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_HTML_ATTR = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))")

Role = Literal["image", "link"]


@dataclass(frozen=True)
class Found:
    """A file or folder of the repository that a README path names."""

    kind: Literal["file", "folder"]
    repo_path: str
    """Its path in the repository (``configs/x.yml``)."""
    from_docs: str
    """Its path relative to the writeup's ``docs/`` (``../configs/x.yml``)."""
    dest: str
    """Where a copy of it goes in ``docs/`` (its path as the README wrote it)."""


Locate = Callable[[str], "Found | str"]
"""A path as written in the README -> what it names, or why it names nothing."""


@dataclass
class Outcome:
    """What the rewriting did, for the user."""

    copies: dict[str, str] = field(default_factory=dict)
    """Path in ``docs/`` -> path in the repository, of every image to copy."""
    forge: dict[str, str] = field(default_factory=dict)
    """Path in the repository -> its URL on the forge."""
    relative: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


class Rewriter:
    """Rewrites the links of a README's pages (:meth:`page`), gathering an
    :class:`Outcome`. ``forge_url``: a repository path and its kind -> its URL (``None``
    without a repository URL); ``readme``: the README's own path in the repository."""

    def __init__(self, readme: Readme, locate: Locate,
                 forge_url: Callable[[str, str], str] | None, readme_path: str) -> None:
        self.readme, self.locate, self.forge_url = readme, locate, forge_url
        self.readme_path = readme_path
        self.outcome = Outcome()

    def page(self, page: Page) -> None:
        """Add the reference definitions the page uses, then rewrite its links."""
        lowered = page.text.lower()
        for label, line in self.readme.refs.items():
            if f"[{label}]" in lowered:
                page.add("" if page.lines[-1].strip() else page.lines[-1])
                page.add(line)
        for start, end in reversed(paragraphs(page)):
            images = markdown_images(page.lines[start:end])
            if images is not None:
                page.lines[start:end], page.code[start:end] = images, [False] * len(images)
        runs: list[tuple[int, int]] = []
        for i, code in enumerate(page.code):
            if code:
                continue
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        for start, end in runs:
            text = "\n".join(page.lines[start:end])
            page.lines[start:end] = self.text(text, page).split("\n")

    def text(self, text: str, page: Page) -> str:
        """``text`` (Markdown outside fenced code) with its links rewritten; its code
        spans (also in a link's text) are set aside meanwhile."""
        spans: list[str] = []

        def aside(match: re.Match[str]) -> str:
            spans.append(match[0])
            return f"\0{len(spans) - 1}\0"

        done = self._prose(_CODE_SPAN.sub(aside, text.replace("\0", "")), page)
        return re.sub(r"\0(\d+)\0", lambda m: spans[int(m[1])], done)

    def _prose(self, text: str, page: Page) -> str:
        def inline(m: re.Match[str]) -> str:
            url = m["url"]
            bare = url[1:-1] if url.startswith("<") else url
            new = self.target(bare, "image" if m["bang"] else "link", page)
            new = f"<{new}>" if url.startswith("<") else new
            return f"{m['bang']}[{self._prose(m['text'], page)}]({m['pre']}{new}{m['rest']})"

        def ref_def(m: re.Match[str]) -> str:
            return m["pre"] + self.target(m["url"], "link", page)

        def tag(m: re.Match[str]) -> str:
            def attr(a: re.Match[str]) -> str:
                name, value = a["name"].lower(), a["value"]
                role: Role = "link" if name == "href" else "image"
                if name == "srcset":
                    value = ", ".join(" ".join([self.target(c.split()[0], role, page, True),
                                                *c.split()[1:]])
                                      for c in value.split(",") if c.strip())
                else:
                    value = self.target(value, role, page, True)
                return f"{a['name']}={a['q']}{value}{a['q']}"
            return _ATTR.sub(attr, m[0])

        text = _INLINE.sub(inline, text)
        text = _REF_DEF.sub(ref_def, text)
        return _TAG.sub(tag, text)

    def target(self, url: str, role: Role, page: Page, raw: bool = False) -> str:
        """The new target of ``url`` on ``page`` (``url`` itself if it stays). ``raw``: in
        an HTML tag, which MkDocs leaves as it is: the URL of the built page (with
        directory URLs, as the written config builds), not the path of a source file."""
        if not url or _SCHEME.match(url.strip()):
            return url
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        up = "../" if raw and page.name != "index.md" else ""
        if not path:
            return self._anchor(url, fragment, page, up if raw else None)
        found = self.locate(unquote(path))
        if isinstance(found, str):
            self.outcome.unresolved.append(f"{page.name}: '{url}' ({found})")
            return url
        if found.repo_path == self.readme_path:
            return self._anchor(url, fragment, page, up if raw else None) if fragment \
                else (up or "./") if raw else "index.md"
        tail = f"#{fragment}" if fragment else ""
        extension = posixpath.splitext(found.repo_path)[1][1:].lower()
        if found.kind == "file" and (role == "image" or extension in MEDIA):
            self.outcome.copies[found.dest] = found.repo_path
            return up + quote(found.dest) + tail
        if self.forge_url is not None:
            link = self.forge_url(found.repo_path, found.kind)
            self.outcome.forge[found.repo_path + "/" * (found.kind == "folder")] = link
            return link + tail
        self.outcome.relative.append(f"{page.name}: '{url}' -> '{found.from_docs}'")
        return up + quote(found.from_docs) + tail

    def _anchor(self, url: str, fragment: str, page: Page, up: str | None) -> str:
        """The link to a README heading's new place; ``up``: as a built URL, from a page
        that far below the site's top (``None``: as a source path, ``training.md#x``)."""
        key = unquote(fragment).lower().removeprefix("user-content-")
        if key not in self.readme.anchors:
            self.outcome.unresolved.append(f"{page.name}: '{url}' (no section of the "
                                           "README has this anchor)")
            return url
        name, anchor = self.readme.anchors[key]
        tail = f"#{anchor}" if anchor else ""
        if name == page.name:
            return tail or "#"
        if up is None:
            return name + tail
        return (up + ("" if name == "index.md" else name[:-3] + "/") or "./") + tail


def markdown_images(lines: list[str]) -> list[str] | None:
    """A paragraph of ``<img>`` tags alone, or in one ``<p>``/``<div>`` (the
    ``<p align="center"><img src="a.png" width="600"></p>`` of READMEs), as Markdown
    images with their attributes (``![](a.png){ width="600" }``), in the wrapper made
    ``markdown``: so that MkDocs checks and rewrites their paths as of any image."""
    found = _IMAGES_ONLY.fullmatch(" ".join(line.strip() for line in lines))
    if found is None:
        return None
    images: list[str] = []
    for tag in _IMG.findall(found[3]):
        attrs = {m[1].lower(): m[2] if m[2] is not None else m[3] if m[3] is not None
                 else m[4] for m in _HTML_ATTR.finditer(tag[4:])}
        src = attrs.pop("src", "").strip()
        if not src or any(c in src for c in "<>\n"):
            return None
        alt = re.sub(r"([\\\[\]])", r"\\\1", attrs.pop("alt", ""))
        title = attrs.pop("title", "").replace('"', "&quot;")
        target = f"<{src}>" if " " in src else src
        if title:
            target += f' "{title}"'
        rest = " ".join(f'{k}="{v}"' for k, v in attrs.items()
                        if not any(c in v for c in '"{}\n'))
        images.append(f"![{alt}]({target})" + (f"{{ {rest} }}" if rest else ""))
    if found[1] is None:
        return images
    return [f"<{found[1]}{found[2].rstrip()} markdown>", *images, f"</{found[1]}>"]
