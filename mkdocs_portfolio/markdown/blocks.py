"""The six semantic blocks.

The ``!!!`` and ``???`` forms come from ``admonition`` and ``pymdownx.details``
(the block type is just a class there); the ``///`` form is registered here as a
``pymdownx.blocks`` block per type. All three forms end up as the same element
(``div.admonition.TYPE`` or ``details.TYPE``), and :class:`SemanticTreeprocessor`
then gives every block its anchor id, its metric figure, and records its facts.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pymdownx.blocks.block import Block, type_boolean

from ..blocktypes import BLOCK_TYPES
from ..log import log
from .facts import BlockFact, Metric
from .safe import defuse_title
from .semantic import block_type, label, title_element
from .util import classes, first_sentence, prose_text, raw_html, slugify

if TYPE_CHECKING:
    from . import PortfolioExtension

COMMON_OPTIONS: dict[str, tuple[Any, Any]] = {"open": (None, type_boolean)}
"""The options of every ``///`` block; each type adds its own (``BlockType.options``)."""

BlockRenderer = Callable[[etree.Element, "etree.Element | None", str, "PortfolioExtension"],
                         dict[str, Any]]
"""Turns one block of a type into its finished elements (the demo's embed); returns the
block's options for its facts. Registered by type in ``PortfolioExtension.renderers``."""


class SemanticBlock(Block):
    """``/// TYPE | Title`` with YAML options; ``open: true|false`` makes it collapsible."""

    NAME = ""
    ARGUMENT = None
    OPTIONS: dict[str, tuple[Any, Any]] = {}

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx silently drops a block with a bad option; say what is wrong instead.
        known = self.option_spec
        where = self.config.get("page_hint", lambda: "")()
        kept: dict[str, Any] = {}
        for key, value in options.items():
            if key not in known:
                log.warning(
                    f"unknown option '{key}' in a '/// {self.NAME}' block{where}; "
                    f"known options: {', '.join(sorted(k for k in known if k != 'attrs'))}"
                )
                continue
            parser = known[key][1]
            try:
                if parser is not None:
                    parser(value)
            except Exception:
                log.warning(
                    f"option '{key}' of a '/// {self.NAME}' block{where} has a bad value "
                    f"{value!r}; it is ignored"
                )
                continue
            kept[key] = value
        return bool(super()._validate(parent, arg, **kept))

    def on_create(self, parent: etree.Element) -> etree.Element:
        title = self.argument if self.argument else label(self.NAME)
        opened = self.options.get("open")
        if opened is None:
            el = etree.SubElement(parent, "div", {"class": f"admonition {self.NAME}"})
            head = etree.SubElement(el, "p", {"class": "admonition-title"})
        else:
            el = etree.SubElement(parent, "details", {"class": self.NAME})
            if opened:
                el.set("open", "open")
            head = etree.SubElement(el, "summary")
        head.text = title
        for key, value in self.options.items():
            if key in ("open", "attrs") or value in (None, ""):
                continue
            el.set(f"data-pf-{key}", str(value).lower() if isinstance(value, bool) else str(value))
        return el


def block_classes(page_hint: Any) -> list[tuple[type[Block], dict[str, Any]]]:
    """One :class:`SemanticBlock` subclass per type, with its config."""
    made: list[tuple[type[Block], dict[str, Any]]] = []
    for name, kind in BLOCK_TYPES.items():
        options = dict(COMMON_OPTIONS)
        options.update(kind.options)
        cls = type(
            "Block" + name.title().replace("-", ""),
            (SemanticBlock,),
            {"NAME": name, "OPTIONS": options},
        )
        made.append((cls, {"page_hint": page_hint}))
    return made


def read_metric(el: etree.Element, btype: str, title: etree.Element | None,
                ext: PortfolioExtension, title_text: str,
                stash: Sequence[object] = ()) -> Metric | None:
    """The metric of a result block, from its ``///`` options or a ``Metric:`` line (its
    numbers read from the files they name: :mod:`.bound`)."""
    if btype != "result":
        return None
    # Here, not at the top: mkdocs_portfolio.results imports this package's modules.
    from .bound import MetricSpec, make_metric, parse_line

    data = {k[8:]: el.attrib.pop(k) for k in list(el.attrib) if k.startswith("data-pf-")}
    if data.get("from") or (data.get("metric") and data.get("value")):
        source = data.get("from", "")
        spec = MetricSpec(
            name=data.get("metric") or title_text,  # a file's number: the title names it
            value=data.get("value"),
            source=source,
            baseline=data.get("baseline"),
            unit=data.get("unit", ""),
            lower_is_better=data.get("lower_is_better") == "true",
            relative=data.get("change", "").strip().lower() == "relative",
            precision=int(data["precision"]) if data.get("precision") else None,
        )
        return make_metric(ext, spec, title_text)
    body = [c for c in el if c is not title]
    if body and body[0].tag == "p":
        line = parse_line(prose_text(body[0], stash))
        if line is not None:
            el.remove(body[0])
            return make_metric(ext, line, title_text)
    return None


def metric_element(metric: Metric) -> etree.Element:
    """``<figure class="pf-metric">`` with value, name, baseline and change."""
    fig = etree.Element("figure", {"class": "pf-metric"})
    if metric.improved is not None:
        fig.set("data-pf-improved", "true" if metric.improved else "false")
    value = etree.SubElement(fig, "span", {"class": "pf-metric__value"})
    value.text = metric.value
    if metric.unit and not metric.value.endswith(metric.unit):
        value.text += metric.unit if metric.unit == "%" else f" {metric.unit}"
    cap = etree.SubElement(fig, "figcaption", {"class": "pf-metric__caption"})
    name = etree.SubElement(cap, "span", {"class": "pf-metric__name"})
    name.text = metric.name
    if metric.baseline is not None:
        base = etree.SubElement(cap, "span", {"class": "pf-metric__baseline"})
        base.text = f"baseline {metric.baseline}"
    if metric.delta_text:
        delta = etree.SubElement(cap, "span", {"class": "pf-metric__delta"})
        delta.text = metric.delta_text
    return fig


def prepare_blocks(root: etree.Element, ext: PortfolioExtension) -> None:
    """Safe titles and a unique id for every semantic block below ``root``.

    Runs before ``toc`` and MkDocs' anchor collection (both at priority 5), so that
    headings made later do not reuse a block's id and links to a block validate.
    """
    used = {el.get("id") for el in root.iter() if el.get("id")}
    stash = raw_html(ext.md)
    for el in list(root.iter()):
        btype = block_type(el)
        if btype is None:
            continue
        head = title_element(el)
        if head is not None:
            defuse_title(head, ext.md)  # titles are copied into the overview: no live HTML
        title = prose_text(head, stash) if head is not None else ""
        if head is not None and len(head) == 0 and head.text == btype.capitalize():
            head.text = title = label(btype)  # admonition's default title: "Dead-end"
        if not el.get("id"):
            named = title and slugify(title) != slugify(label(btype))
            base = slugify(f"{btype} {title}") if named else btype
            candidate, n = base, 1
            while candidate in used:
                n += 1
                candidate = f"{base}-{n}"
            el.set("id", candidate)
        used.add(el.get("id"))


def process_blocks(root: etree.Element, ext: PortfolioExtension) -> list[BlockFact]:
    """Metrics and renderers (the demo's) of the semantic blocks below ``root``; return
    their facts."""
    facts: list[BlockFact] = []
    stash = raw_html(ext.md)
    for el in list(root.iter()):
        btype = block_type(el)
        if btype is None:
            continue
        head = title_element(el)
        title = prose_text(head, stash) if head is not None else ""
        title_text = title if head is not None and title else label(btype)
        metric = read_metric(el, btype, head, ext, title_text, stash)
        if metric is not None:
            index = 1 if head is not None else 0
            el.insert(index, metric_element(metric))
        render = ext.renderers.get(btype)
        options = render(el, head, title_text, ext) if render is not None else {}
        body = [c for c in el if c is not head
                and not {"pf-metric", "pf-demo"} & set(classes(c))]
        gist = ""
        for child in body:
            text = prose_text(child, stash, code=True)
            if text:
                gist = first_sentence(text)
                break
        facts.append(BlockFact(btype, title_text, el.get("id", ""), gist, "", metric, options))
    return facts
