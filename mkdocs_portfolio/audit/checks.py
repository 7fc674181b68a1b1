"""The checks: one per thing the portfolio checklist asks of a writeup.

Each check has an id (used in ``audit.checks`` and in a page's front matter),
the checklist item it serves, and the reason from the checklist. Site checks
look at the whole writeup (is there a dead end anywhere?); page checks look at
one page at a time and can be silenced for that page. Each block type brings its
own check (that the writeup has one), from the table of block types.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from ..blocktypes import BLOCK_TYPES, BlockType, Derived, story_order
from ..lazydata import dataclass
from .findings import Finding
from .lines import Places, find_line, find_lines, link_lines
from .linkcheck import BrokenLink, SiteIndex, broken_image, broken_links
from .typos import page_typos

if TYPE_CHECKING:
    from ..markdown.facts import PageFacts
    from ..memo import PageMemo


@dataclass(frozen=True)
class Check:
    """One check of the audit."""

    id: str
    item: int
    """Number of the checklist item it serves."""
    looks_for: str
    reason: str
    """Why, from the checklist."""
    default: str = "warn"
    scope: str = "page"
    """``site`` (the whole writeup) or ``page`` (each page; can be silenced per page)."""


OTHER_CHECKS: tuple[Check, ...] = (
    Check("overview", 1, "an overview page: the generated one, or a page whose front matter "
          "says `portfolio: overview`",
          "a clear overview first: the reader gets the whole story before the details",
          scope="site"),
    Check("previews", 4, "a `site_url`, which link previews need for their absolute URLs "
          "(when `previews.enabled` is on)",
          "visual design: looks count, from the first look: a link to the writeup, pasted "
          "into a message, previews with its title, summary and image", scope="site"),
    Check("visuals", 6, "a page with more prose than `audit.visual_words` (400 words) and no "
          "image, video, figure, Mermaid diagram or demo",
          "visual explanations (diagrams, figures, animations) beside the text"),
    Check("code-share", 7, "a page whose lines of code outnumber its lines of prose (a line "
          "of prose is ten words) times `audit.max_code_share`",
          "code snippets yes, source dumps no"),
    Check("long-code", 7, "a code block longer than `code.fold_lines` that is neither folded "
          "nor linked to its source",
          "code snippets yes, source dumps no: link out to the full source instead"),
    Check("links-out", 10, "at least one link to another site (the code, the data, a paper)",
          "it links out freely instead of cramming every detail in", default="info",
          scope="site"),
    Check("overview-length", 11, "an overview whose reading time is over "
          "`audit.overview_minutes` (5 minutes)",
          "it stays a compelling, self-contained overview, not a catalogue", scope="site"),
    Check("typos", 12, "misspelt words in prose, from codespell's dictionary",
          "table stakes: no typos"),
    Check("links", 12, "internal links to missing pages, anchors or files that MkDocs does "
          "not already warn about", "table stakes: no broken links"),
    Check("alt-text", 12, "images without alt text (not those marked as decoration)",
          "table stakes: clear writing, for every reader, including those who cannot see "
          "the image"),
    Check("stale-result", 12, "a `result` block whose number written by hand disagrees with "
          "the results file it names (`from:`)",
          "table stakes: no wrong numbers; the page shows the file's, the number written "
          "by hand is stale"),
)
"""The checks that are not a block type's, in the order of their checklist items."""


def block_check(block_type: BlockType) -> Check:
    """A block type's check: that the writeup has a block of the type."""
    check = block_type.check
    return Check(check.id, check.item, check.looks_for, check.reason, scope="site")


def _checks() -> dict[str, Check]:
    made = sorted([*OTHER_CHECKS, *(block_check(t) for t in BLOCK_TYPES.values())],
                  key=lambda c: c.item)  # stable: in each item, the others first
    checks = {c.id: c for c in made}
    if len(checks) < len(made):
        raise ValueError("a block type's check has the id of another check")
    return checks


CHECKS: Mapping[str, Check] = Derived(_checks)
"""Every check by id, in the order of the checklist items they serve."""


@dataclass
class AuditPage:
    """One page under audit."""

    src_uri: str
    url: str
    facts: PageFacts
    levels: dict[str, str] = field(default_factory=dict)
    """Levels set by the page's front matter."""
    source: Callable[[], str] = lambda: ""
    """The page's Markdown (read only when a finding needs a line number)."""
    memo: PageMemo | None = None
    """What the last audit found on the page, under ``--dirty`` (see :func:`.run.run_checks`)."""

    def finding(self, check: str, message: str, fix: str, line: int | None = None) -> Finding:
        return Finding(check, message, fix, self.src_uri, line, url=self.url)


@dataclass
class Thresholds:
    """The numbers and word list the checks use (from ``audit`` and ``code``)."""

    words: list[str] = field(default_factory=list)
    max_code_share: float = 1.0
    visual_words: int = 400
    fold_lines: int = 25


def missing_blocks(pages: list[AuditPage]) -> Iterator[Finding]:
    """A site finding for each block type no page has, in the overview's order."""
    present = {b.type for page in pages for b in page.facts.blocks}
    for kind in story_order():
        if kind.name not in present:
            yield Finding(kind.check.id, f"the writeup has no '{kind.name}' block",
                          kind.check.fix)


def links_out(pages: list[AuditPage]) -> Iterator[Finding]:
    """A site finding when no page links to another site."""
    for page in pages:
        if any(href.startswith(("http://", "https://")) for href in page.facts.links):
            return
    yield Finding("links-out", "no page links to another site",
                  "Link to the full source, the data set, the papers you build on")


def _has_visual(facts: PageFacts) -> bool:
    """An image (Markdown or raw HTML), a video, an inline drawing, a figure, a diagram
    or a demo."""
    return bool(facts.images or facts.videos or facts.drawings or facts.figures
                or facts.diagrams or facts.blocks_of("demo"))


def visuals(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    facts = page.facts
    if facts.words > limits.visual_words and not _has_visual(facts):
        yield page.finding(
            "visuals", f"{facts.words} words of prose and no image, figure, diagram or demo",
            "Add a diagram (a ```mermaid block), a figure with a caption or a screenshot "
            "beside the text, or split the page")


def _lines(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"


def code_share(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    facts = page.facts
    code = facts.code_lines
    if code and code > limits.max_code_share * facts.prose_lines:
        yield page.finding(
            "code-share", f"{_lines(code)} of code against {_lines(facts.prose_lines)} of prose",
            "Keep the lines that make the point and link to the full source, or explain "
            "the code in prose")


def long_code(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    for block in page.facts.code_blocks:
        if block.lines > limits.fold_lines and not block.folded and not block.linked:
            yield page.finding(
                "long-code", f"a code block of {block.lines} lines is neither folded nor "
                "linked to its source",
                "Let it fold (remove `.no-fold`), cut it to the lines that matter, or make it "
                "a source snippet that links to the file", block.line)


def typos(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    for typo in page_typos(page.facts.prose, limits.words):
        times = f" ({typo.count} times)" if typo.count > 1 else ""
        fixes = " or ".join(f"'{fix}'" for fix in typo.suggestion.split(", "))
        yield page.finding(
            "typos", f"'{typo.word}'{times} looks like a typo of {fixes}",
            f"Write {fixes}, or add '{typo.word}' to `audit.words` if it is a name",
            find_line(page.source(), typo.word, word=True))


def stale_results(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    """A finding for each result whose number written by hand is not its file's."""
    for block in page.facts.blocks_of("result"):
        metric = block.metric
        if metric is None or not metric.written:
            continue
        shown = "" if metric.value == metric.held else f", shown as {metric.value}"
        yield page.finding(
            "stale-result", f"the result '{block.title}' says {metric.written}, but "
            f"{metric.source} holds {metric.held}{shown}",
            f"Remove the number written by hand (the page shows the file's), or correct it "
            f"to {metric.value}", find_line(page.source(), metric.source.partition("#")[2]
                                            or metric.source))


def _shown(src: str) -> str:
    """An image's source as a finding names it: on one line, a ``data:`` URI by its type."""
    src = " ".join(src.split())
    if src[:5].lower() == "data:":
        return src.split(",", 1)[0] + ",…"
    return src if len(src) <= 120 else src[:119] + "…"


def alt_text(page: AuditPage, limits: Thresholds) -> Iterator[Finding]:
    source = functools.cache(page.source)
    places = Places(lambda text: find_lines(source(), text))
    for image in page.facts.images:
        written = image.written or image.src  # as the author wrote it, not as MkDocs did
        nth = places.count(written)  # every image of the source counts, with alt or not
        if image.decorative or image.alt.strip():
            continue
        line = places.line(written, nth)
        name = written.rsplit("/", 1)[-1].split("?", 1)[0][:200]
        fix = ("Describe what it shows in its alt text: `<img alt=\"what it shows\" ...>`, "
               "or `alt=\"\"` if it is only decoration") if image.raw else \
            "Describe what it shows in its alt text: `![what it shows](path)`"
        yield page.finding(
            "alt-text", f"the image '{_shown(written)}' has no alt text", fix,
            image.line or line or find_line(source(), name))


def links(page: AuditPage, index: SiteIndex) -> Iterator[Finding]:
    """A finding for each broken link, at the line where it is written; a link MkDocs
    has warned about already is only told again with a fix that says more (a file of
    the repository), as an info line."""
    facts = page.facts
    source = functools.cache(page.source)
    places = Places(lambda text: link_lines(source(), text)
                    or [n for n in [find_line(source(), text)] if n is not None])
    for broken in broken_links(facts.links, page.url, page.src_uri, index,
                               facts.written_links or None):
        written = broken.written
        # More links than places where they are written (made by another extension):
        # the last place.
        line = places.line(written, places.count(written), last=True)
        finding = page.finding("links", f"the link '{written}' is broken: {broken.problem}",
                               _link_fix(broken), line)
        if broken.mkdocs_warned:
            finding.level = "info"
        yield finding
    yield from _broken_images(page, index)


def _broken_images(page: AuditPage, index: SiteIndex) -> Iterator[Finding]:
    """A finding for each image of raw HTML that shows nothing (no file at its path, from
    the built page or from the Markdown file): MkDocs does not look at raw HTML."""
    places = Places(lambda text: find_lines(page.source(), text))
    for image in page.facts.images:
        if not image.raw or not image.src or (image.written and image.written != image.src):
            continue  # a Markdown image (MkDocs checks it), or rewritten to a file that is
        written = image.written or image.src
        nth = places.count(written)
        problem = broken_image(image.src, page.url, index)
        if problem is None:
            continue
        yield page.finding(
            "links", f"the image '{_shown(written)}' is broken: {problem}",
            "Put the file beside the page (the path is relative to the Markdown file, "
            "as on GitHub), or correct the path",
            image.line or places.line(written, nth))


def _link_fix(broken: BrokenLink) -> str:
    file = broken.file
    fragment = broken.written.partition("#")[2]  # a line (#L12) or a heading, as written
    url = file.url + (f"#{fragment}" if fragment else "") if file and file.url else ""
    forge = f"link to it on the forge instead: {url}" if url else ""
    if broken.left_out:
        page = broken.written.split("#", 1)[0].endswith(".md")
        return "Publish it (take it out of `exclude_docs`, or of `draft_docs`)" + (
            f", or {forge}" if forge and not page else ", or remove the link")
    if file is None:
        return ("Point it at an existing page or heading (link to the .md file, so MkDocs "
                "checks it)")
    if forge:
        return forge[0].upper() + forge[1:]
    if file.committed is False:
        return (f"Commit '{file.path}' and link to it on the forge, or move it into the docs "
                "folder so that the site serves it")
    where = "Set `repo_url`" if file.committed else "Set `repo_url` and build from a git checkout"
    return (f"{where} to link to '{file.path}' on the forge (the audit then names the URL), "
            "or move it into the docs folder so that the site serves it")


PAGE_CHECKS: dict[str, Callable[[AuditPage, Thresholds], Iterator[Finding]]] = {
    "visuals": visuals,
    "code-share": code_share,
    "long-code": long_code,
    "typos": typos,
    "alt-text": alt_text,
    "stale-result": stale_results,
}
"""Page checks that need only the page and the thresholds (``links`` needs the site)."""
