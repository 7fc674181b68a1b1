"""Broken links in a real tutorial README: each warned about once, with the fix that fits
(the file's URL on the forge at the built commit), the target as the author wrote it,
and the line where it is written.

The site is a git repository in ``tmp_path``, as an author has it: the README moved
into ``docs/``, the training script and its config at the top of the repository, and
an annotation file under ``docs/`` that ``exclude_docs`` keeps out of the site.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest

from mkdocs_portfolio.audit.lines import prose_lines

from . import harness
from .harness import PNG, Built, git
from .test_audit import URL_STYLES

build = partial(harness.build, allow_warnings=True)

REPO_URL = "https://github.com/acme/redact"

README = """\
# Training a redaction detector

[![CI](https://img.shields.io/badge/ci-passing-green.svg)](https://github.com/acme/redact/actions)
[![License: MIT](https://img.shields.io/badge/license-MIT-blue.svg)](../LICENSE)

<p align="center"><img src="images/arch.png" width="600" alt="The detector"></p>

This tutorial fine-tunes a detector that finds redacted regions in scanned letters.
Run every command from the top of the repository.

## The data

```Condition``` is the field the annotators fill in: `clean`, `redacted` or `unsure`.
Each line of `annotation.jsonl` is one page, with its boxes and its ```Condition```.

~~~~text
```
{"page": 1, "Condition": "redacted"}
~~~~

The labels are in [the annotation file](assets/annotation.jsonl), one page a line.

## Training

```bash
python train.py --config configs/project.yml
```

The script [`train.py`](../train.py) reads
[the project config](configs/project.yml) and writes a checkpoint per epoch; its
loop starts at [line 1](../train.py#L1).

<details><summary>All options</summary>

```yaml
epochs: 20
lr: 0.0003
```

</details>

## Evaluating

Evaluate with [the same script](../train.py "train.py") and `--eval`, which we
recieve as a report per class. [The script][train] also exports the model.

[train]: ../train.py
"""

LABELS = """\
# Labelling guide

Annotators open a page of [the annotation file](../assets/annotation.jsonl) and
draw a box around each redaction.

The rules for handwriting are in [the next round's draft](../drafts/handwriting.md).
"""


OCCURRENCES = {"../train.py": 3, "../train.py#L1": 1, "configs/project.yml": 1,
               "assets/annotation.jsonl": 1, "../LICENSE": 1}
"""The broken links of the README, and how many times each is written."""



def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The line of the ``nth`` place ``needle`` is written in ``text``."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][nth]


def tutorial(root: Path, config: dict[str, Any] | None = None) -> tuple[Path, str]:
    """The repository, committed; its ``mkdocs.yml`` and HEAD."""
    conf = {"site_name": "Redaction detector", "repo_url": REPO_URL,
            "exclude_docs": "*.jsonl\n", "draft_docs": "drafts/\n", **(config or {})}
    config_file = harness.write_site(root, {
        "README.md": README, "guide/labels.md": LABELS, "images/arch.png": PNG,
        "assets/annotation.jsonl": '{"page": 1, "Condition": "redacted"}\n',
        "drafts/handwriting.md": "# Handwriting\n\nTo be written.\n"}, conf)
    (root / "train.py").write_text("import torch\n", encoding="utf-8")
    (root / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    (root / "configs").mkdir()
    (root / "configs" / "project.yml").write_text("epochs: 20\n", encoding="utf-8")
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Tutorial")
    return config_file, git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module", params=URL_STYLES)
def site(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, str]:
    root = tmp_path_factory.mktemp("tutorial")
    config_file, sha = tutorial(root, request.param)
    return build(root, config_file=config_file), sha


def warned(built: Built, target: str) -> list[str]:
    """The warnings of the build that name the link ``target``."""
    return [w for w in built.warnings if f"link '{target}'" in w]


def links(built: Built, page: str) -> dict[str, list[Any]]:
    """The link findings of a page by the target they show."""
    found: dict[str, list[Any]] = {}
    for finding in built.of("links"):
        if finding.page == page:
            found.setdefault(finding.message.split("'")[1], []).append(finding)
    return found


def test_each_broken_link_is_warned_about_once(site: tuple[Built, str]) -> None:
    built, _ = site
    # Three links to a file outside the docs: MkDocs warns about each, the audit adds
    # the fix as an info line.
    assert len(warned(built, "../train.py")) == 3, built.warnings
    assert all("audit [" not in w for w in warned(built, "../train.py"))
    # A link to nowhere: MkDocs' warning alone.
    assert len(warned(built, "configs/project.yml")) == 1, built.warnings
    assert "configs/project.yml" not in links(built, "README.md")
    # Links MkDocs only notes as info (a file left out of the site, a link without a
    # file extension): the audit's warning, once each.
    for target in ("assets/annotation.jsonl", "../LICENSE"):
        (warning,) = warned(built, target)
        assert "audit [links]" in warning
    (warning,) = warned(built, "../assets/annotation.jsonl")
    assert "page 'guide/labels.md'" in warning


def test_the_fix_is_the_file_on_the_forge_at_the_built_commit(site: tuple[Built, str]) -> None:
    built, sha = site
    found = links(built, "README.md")
    assert [f.level for f in found["../train.py"]] == ["info"] * 3
    for finding in found["../train.py"]:
        assert "'train.py', a file of the repository" in finding.message
        assert finding.fix == f"Link to it on the forge instead: {REPO_URL}/blob/{sha}/train.py"
    (line,) = found["../train.py#L1"]
    assert line.fix == f"Link to it on the forge instead: {REPO_URL}/blob/{sha}/train.py#L1"
    (license_link,) = found["../LICENSE"]
    assert license_link.level == "warn"
    assert license_link.fix.endswith(f"{REPO_URL}/blob/{sha}/LICENSE")
    (annotations,) = found["assets/annotation.jsonl"]
    assert "left out of the site" in annotations.message
    assert annotations.fix.endswith(f"{REPO_URL}/blob/{sha}/docs/assets/annotation.jsonl")
    assert ".md file" not in " ".join(f.fix for fs in found.values() for f in fs)


def test_the_target_is_shown_as_written(site: tuple[Built, str]) -> None:
    """MkDocs rewrites a link to a file it knows (left out of the site or not) into a
    URL relative to the page: the finding shows what the author wrote."""
    built, _ = site
    found = links(built, "guide/labels.md")
    assert sorted(found) == ["../assets/annotation.jsonl", "../drafts/handwriting.md"]
    for target, (finding,) in found.items():
        assert f"the link '{target}' is broken" in finding.log_text()
        assert [w for w in built.warnings if "guide/labels.md" in w and "links]" in w
                and target in w] == [f"mkdocs_portfolio: {finding.log_text()}"]
    (draft,) = found["../drafts/handwriting.md"]
    assert draft.fix == "Publish it (take it out of `exclude_docs`, or of `draft_docs`), " \
        "or remove the link"
    shown = {f["message"].split("'")[1] for f in built.report["findings"]
             if f["page"] == "guide/labels.md"}
    assert shown == set(found)


def test_line_numbers_are_where_each_link_is_written(site: tuple[Built, str]) -> None:
    built, _ = site
    found = links(built, "README.md")
    assert [f.line for f in found["../train.py"]] == [
        line_of(README, "](../train.py)"), line_of(README, '](../train.py "train.py")'),
        line_of(README, "[The script][train]")]
    assert [f.line for f in found["assets/annotation.jsonl"]] == [
        line_of(README, "](assets/annotation.jsonl)")]
    assert [f.line for f in found["../LICENSE"]] == [line_of(README, "](../LICENSE)")]
    assert [f.line for f in found["../train.py#L1"]] == [line_of(README, "](../train.py#L1)")]
    labels = links(built, "guide/labels.md")
    for target, (finding,) in labels.items():
        assert finding.line == line_of(LABELS, f"]({target})")
    # Inline code with three backticks opens no fence: a typo further down keeps its line.
    (typo,) = built.of("typos")
    assert typo.line == line_of(README, "recieve")


@pytest.mark.parametrize(("validation", "audit_warns"), [
    pytest.param({"links": {"not_found": "info"}},
                 ["../LICENSE", "../train.py", "../train.py", "../train.py", "../train.py#L1",
                  "assets/annotation.jsonl", "configs/project.yml"], id="not-found-info"),
    pytest.param({"links": {"unrecognized_links": "warn"}}, ["assets/annotation.jsonl"],
                 id="unrecognized-warn"),
])
def test_mkdocs_validation_settings_are_respected(
        tmp_path: Path, validation: dict[str, Any], audit_warns: list[str]) -> None:
    """Where MkDocs warns, the audit does not warn again; where it does not, the audit
    warns, once per link."""
    config_file, sha = tutorial(tmp_path, {"validation": validation})
    built = build(tmp_path, config_file=config_file)
    for target, links_to in OCCURRENCES.items():
        assert len(warned(built, target)) == links_to, (target, built.warnings)
    audit = sorted(f.message.split("'")[1] for f in built.of("links")
                   if f.page == "README.md" and f.level == "warn")
    assert audit == audit_warns
    train = [f for f in built.of("links") if f.message.split("'")[1] == "../train.py"]
    assert [f.fix for f in train] == [
        f"Link to it on the forge instead: {REPO_URL}/blob/{sha}/train.py"] * 3


@pytest.mark.parametrize(("markdown", "prose"), [
    pytest.param("```Condition``` is the field.\nA [link](x.py).\n", [1, 2], id="inline-code"),
    pytest.param("``` python\ncode\n```\nprose\n", [4], id="backtick-fence"),
    pytest.param("~~~ `info` may hold backticks\ncode\n~~~\nprose\n", [4], id="tilde-fence"),
    pytest.param("~~~\n```\ncode\n~~~\nprose\n", [5], id="other-character"),
    pytest.param("````\n```\ncode\n````\nprose\n", [5], id="closing-at-least-as-long"),
    pytest.param("```\n``` no closer\ncode\n```\nprose\n", [5], id="closer-holds-nothing-else"),
    pytest.param('!!! note\n    ```\n    code\n    ```\n    prose\n', [1, 5], id="nested"),
])
def test_fences_as_commonmark_reads_them(markdown: str, prose: list[int]) -> None:
    assert [number for number, _ in prose_lines(markdown)] == prose
