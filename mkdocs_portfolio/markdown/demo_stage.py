"""The click-to-load elements of a demo: the stage the reader launches, and its bar.

A link to the demo that shows its screenshot or a placeholder, and an inert
``<template>`` holding the iframe (or the video), which the page's script puts in
place when the reader clicks; without JavaScript the link opens the demo. A local
image or video is shown as it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .embeds import Embed
from .util import classes

LAUNCH = "Launch demo"
OPEN = "Open in a new tab"


def build(embed: Embed, title: str, poster: etree.Element | None, height: str) -> etree.Element:
    """The embed's elements (see the module's docstring)."""
    box = etree.Element("div", {"class": "pf-demo", "data-pf-kind": embed.kind,
                                "data-pf-shape": embed.shape, "data-search-exclude": ""})
    if height:
        box.set("style", f"--pf-demo-height: {height}")
    if poster is not None:
        poster.set("class", " ".join([*classes(poster), "pf-demo__poster", "off-glb"]))
        poster.set("alt", poster.get("alt") or f"Screenshot of {title}")
        poster.set("loading", "lazy")
    if embed.local:
        if embed.kind == "image":
            box.append(_media_element(embed, title))
        else:
            video = _media_element(embed, title)
            video.set("preload", "metadata" if poster is None else "none")
            if poster is not None:
                video.set("poster", poster.get("src", ""))
            box.append(video)
    else:
        # Its name holds its visible text, in reading order (WCAG 2.5.3, label in name):
        # the launch button's, then the placeholder's title and host.
        name = f"{LAUNCH}: {title}" if poster is not None else f"{LAUNCH}: {title} ({embed.host})"
        stage = etree.SubElement(box, "a", {
            "class": "pf-demo__stage", "href": embed.link, "target": "_blank",
            "rel": "noopener", "data-pf-launch": "", "aria-label": name,
        })
        etree.SubElement(stage, "span", {"class": "pf-demo__play"}).text = LAUNCH
        if poster is not None:
            stage.append(poster)
        else:
            holder = etree.SubElement(stage, "span", {"class": "pf-demo__placeholder"})
            etree.SubElement(holder, "span", {"class": "pf-demo__title"}).text = title
            etree.SubElement(holder, "span", {"class": "pf-demo__host"}).text = embed.host
        template = etree.SubElement(box, "template")
        if embed.kind == "frame":
            etree.SubElement(template, "iframe", {
                "src": embed.src, "title": f"{title} ({embed.label})", "loading": "lazy",
                "allow": embed.allow, "sandbox": embed.sandbox, "allowfullscreen": "",
                "referrerpolicy": "strict-origin-when-cross-origin",
            })
        else:
            media = _media_element(embed, title)
            if embed.kind == "video":
                media.set("autoplay", "")
            template.append(media)
    bar = etree.SubElement(box, "div", {"class": "pf-demo__bar"})
    etree.SubElement(bar, "span", {"class": "pf-demo__host"}).text = embed.host
    link = etree.SubElement(bar, "a", {"class": "pf-demo__open", "href": embed.link,
                                       "target": "_blank", "rel": "noopener"})
    link.text = OPEN
    return box


def _media_element(embed: Embed, title: str) -> etree.Element:
    if embed.kind == "image":
        return etree.Element("img", {"class": "pf-demo__media off-glb", "src": embed.src,
                                     "alt": title, "loading": "lazy"})
    video = etree.Element("video", {"class": "pf-demo__media", "src": embed.src,
                                    "controls": "", "playsinline": "", "title": title})
    video.text = ""
    return video
