"""The ``demo`` block: a live demo that loads only when the reader asks for it.

Two steps, on either side of MkDocs' link rewriting (a treeprocessor at priority 0):

1. :class:`DemoPrepareTreeprocessor` (priority 1) reads the options of the
   ``!!! demo`` form from its body (a URL, or ``key: value`` lines) and turns a
   screenshot or a local video into plain ``<img>`` / ``<a>`` elements, so that
   MkDocs checks that the file exists and makes its URL relative to the built
   page, for any ``use_directory_urls``.
2. :func:`render_demo` (called at priority -5 for every demo block) builds the
   click-to-load embed: a link to the demo that shows its screenshot or a
   placeholder, and an inert ``<template>`` holding the iframe, which the
   page's script puts in place when the reader clicks. Nothing is requested from
   a third party before that click; without JavaScript the link opens the demo.

Media in a demo's body that another host would serve (``![shot](https://...)``) is
deferred the same way: its URL waits in ``data-pf-defer-src`` (and ``-srcset``,
``-poster``) until the launch, with a warning. What is local is decided by
:func:`.urls.is_local`, as the browser reads the path (``\\\\host\\x`` is another host).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.treeprocessors import Treeprocessor

from ..blocktypes import BLOCK_TYPES
from ..log import log
from .demo_size import screenshot_size
from .demo_stage import build
from .embeds import DemoOptionError, css_height, resolve
from .safe import LOADED_ATTRIBUTES, as_written, loaded_urls, urls_loaded_by
from .semantic import block_type, label, title_element
from .urls import is_local, scheme
from .util import STASH_RE, classes, prose_text, raw_html

if TYPE_CHECKING:
    from markdown import Markdown

    from . import PortfolioExtension

OPTION_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>\S.*?)\s*$")
URL_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
POSTER = "data-pf-poster"
MEDIA = "data-pf-media"
DEFER = "data-pf-defer-"


def known_options() -> list[str]:
    """The options of a demo block, as its entry in the table of block types declares them."""
    return sorted(BLOCK_TYPES["demo"].options)


def install(md: Markdown, ext: PortfolioExtension) -> None:
    """Register the step that runs before MkDocs rewrites links, and the embed's renderer."""
    md.treeprocessors.register(DemoPrepareTreeprocessor(md, ext), "portfolio_demo_prepare", 1)
    ext.renderers["demo"] = render_demo


class DemoPrepareTreeprocessor(Treeprocessor):
    """Options from the body of ``!!! demo``; screenshot and local media as elements.

    Priority 1: after inline processing, before MkDocs' link rewriting (0).
    """

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext
        self.name = "demo block"

    def run(self, root: etree.Element) -> None:
        for el in list(root.iter()):
            if block_type(el) == "demo":
                self.prepare(el)

    def prepare(self, el: etree.Element) -> None:
        head = title_element(el)
        title = (prose_text(head, raw_html(self.md)) if head is not None else "") \
            or label("demo")
        self.name = f"demo block '{title}'"
        body = [c for c in el if c is not head]
        opts = {k[8:]: v for k, v in el.attrib.items() if k.startswith("data-pf-")}
        if not any(opts.get(k) for k in ("space", "url", "video")) and body:
            found = self.body_options(body[0])
            if found is not None:
                el.remove(body[0])
                body = body[1:]
                for key, value in found.items():
                    el.set(f"data-pf-{key}", value)
                    opts[key] = value
        shot = opts.get("screenshot") or opts.get("poster")
        if shot:
            src = self.local_path(shot, "screenshot" if opts.get("screenshot") else "poster")
            if src is not None:
                self.sized(etree.SubElement(el, "img", {"src": src, "alt": "", POSTER: ""}), src)
        else:  # an image of this site alone in a paragraph of the body is the screenshot
            for child in body:
                if child.tag == "p" and len(child) == 1 and child[0].tag == "img" \
                        and is_local(as_written(child[0].get("src", ""), self.md)) \
                        and not (child.text or "").strip() and not (child[0].tail or "").strip():
                    img = child[0]
                    el.remove(child)
                    img.set(POSTER, "")
                    el.append(img)
                    self.sized(img, as_written(img.get("src", ""), self.md))
                    break
        clip = opts.get("video", "").strip()
        if clip and is_local(clip) and not opts.get("space") and not opts.get("url"):
            href = self.local_path(clip, "video")
            if href is not None:
                etree.SubElement(el, "a", {"href": href, MEDIA: ""})
        for child in body:
            self.defer_remote(child)
        if head is not None:
            self.defer_remote(head, "title")

    def sized(self, img: etree.Element, src: str) -> None:
        """``width`` and ``height`` from the screenshot's file, unless the author gave
        them: the browser reserves its space before it loads (no layout shift)."""
        if img.get("width") or img.get("height"):
            return
        size = screenshot_size(src, str(self.ext.getConfig("docs_dir") or ""),
                               str(self.ext.getConfig("page") or ""))
        if size is not None:
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))

    def defer_remote(self, part: etree.Element, where: str = "body") -> None:
        """Media of another host in the block's body or title waits for the launch (a
        warning says so); raw HTML that would load some is named in a warning."""
        for node in part.iter():
            self.name_raw_remote(where, node.text, node.tail)
            for name in LOADED_ATTRIBUTES:
                value = node.get(name)
                if value is None:
                    continue
                value = as_written(value, self.md)
                remote = [u for u in urls_loaded_by(str(node.tag), name, value)
                          if not is_local(u)]
                if not remote:
                    continue
                if name == "src" and node.tag == "img":
                    node.set(name, "")  # MkDocs' link pass needs one; an empty one loads nothing
                else:
                    del node.attrib[name]
                node.set(DEFER + name, value)
                log.warning(
                    f"{self.name}{self.ext.page_hint()}: '{remote[0]}' in its {where} would "
                    "be loaded from another host when the page loads; it is loaded only when "
                    "the reader launches the demo (put the file under docs/ to show it "
                    "at once)")

    def name_raw_remote(self, where: str, *texts: str | None) -> None:
        """Warn about raw HTML (``<img src="https://...">``) whose media another host would
        serve as the page loads: raw HTML is the author's own, so it is kept as written.
        A text is read with its raw HTML put back, as the browser gets it (a ``<style>``
        tag is stashed alone, its rules stay text between the tags)."""
        for text in texts:
            if not text or not STASH_RE.search(text):
                continue
            remote = [u for u in loaded_urls(as_written(text, self.md)) if not is_local(u)]
            if remote:
                named = " and ".join(f"'{u}'" for u in dict.fromkeys(remote))
                log.warning(
                    f"{self.name}{self.ext.page_hint()}: raw HTML in its {where} loads "
                    f"{named} from another host when the page loads, before the reader "
                    "launches the demo; write it as a Markdown image (![alt](url)), which "
                    "waits for the launch, or put the file under docs/")

    def body_options(self, para: etree.Element) -> dict[str, str] | None:
        """``key: value`` lines or a bare URL, when that is all the paragraph holds."""
        if para.tag != "p":
            return None
        if len(para) == 1 and para[0].tag == "a" and not (para.text or "").strip() \
                and not (para[0].tail or "").strip():
            lines = [para[0].get("href", "")]
        elif len(para):
            return None
        else:
            lines = [line.strip() for line in (para.text or "").splitlines() if line.strip()]
        found: dict[str, str] = {}
        unknown: list[str] = []
        known = known_options()
        for line in (as_written(line, self.md) for line in lines):
            match = OPTION_LINE.match(line)
            if URL_LINE.match(line) and not (match and match["key"] in known):
                found["url"] = line
            elif match and match["key"] in known:
                found[match["key"]] = match["value"]
            elif match:
                unknown.append(match["key"])
            else:
                return None
        if not found:
            return None
        for key in unknown:
            log.warning(f"unknown option '{key}' in a 'demo' block{self.ext.page_hint()}; "
                        f"known options: {', '.join(known)}")
        return found

    def local_path(self, value: str, option: str) -> str | None:
        """A file under ``docs/``, relative to the page; ``None`` (and a warning) if not."""
        value = value.strip()
        where = self.ext.page_hint()
        if not is_local(value):
            remote = scheme(value) in ("http", "https", "")
            why = ("it would be loaded from another host when the page loads" if remote
                   else "only files under docs/ are allowed")
            log.warning(f"'{option}: {value}' of {self.name}{where} is refused: {why}; "
                        "put the file under docs/ and give its path")
            return None
        if value.startswith("/"):  # relative to docs/: make it relative to the page
            page = str(self.ext.getConfig("page") or "")
            start = posixpath.dirname(page) or "."
            value = posixpath.relpath(value.lstrip("/"), start) if page else value.lstrip("/")
        return value


def _pop(el: etree.Element, marker: str) -> etree.Element | None:
    for child in el:
        if marker in child.attrib:
            el.remove(child)
            del child.attrib[marker]
            return child
    return None


def render_demo(
    el: etree.Element, head: etree.Element | None, title: str, ext: PortfolioExtension
) -> dict[str, Any]:
    """Turn a demo block into its click-to-load embed; return its options."""
    data = {k[8:]: el.attrib.pop(k) for k in list(el.attrib) if k.startswith("data-pf-")}
    poster = _pop(el, POSTER)
    local = _pop(el, MEDIA)
    where = ext.page_hint()
    name = f"demo block '{title}'{where}"
    given = [k for k in ("space", "url", "video") if data.get(k)]
    if len(given) > 1:
        log.warning(f"{name} has {' and '.join(repr(k) for k in given)}: only "
                    f"'{given[0]}' is used")
    try:
        embed = resolve(data)
    except DemoOptionError as error:
        log.warning(f"{name}: {error}")
        return data
    if embed is None:
        log.warning(f"{name} has no 'space', 'url' or 'video' option: there is nothing "
                    "to launch")
        return data
    if embed.local:
        if local is None:
            return data
        embed.src = embed.link = local.get("href", embed.src)
    height = ""
    if data.get("height"):
        try:
            height = css_height(data["height"])
        except DemoOptionError as error:
            log.warning(f"{name}: {error}; the default height is used")
    box = build(embed, title, poster, height)
    index = 1 if head is not None else 0
    while index < len(el) and "pf-metric" in classes(el[index]):
        index += 1
    el.insert(index, box)
    data.update({"kind": embed.kind, "embed": embed.src, "link": embed.link,
                 "host": embed.host})
    if poster is not None:
        data["screenshot_src"] = poster.get("src", "")
    return data
