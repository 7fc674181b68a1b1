"""The overview's compiled templates, kept once per machine: the same HTML whatever the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from mkdocs_portfolio.overview import compiled
from mkdocs_portfolio.overview.compiled import CompiledTemplates

SOURCE = "<p>{{ name }}{% for i in items %} {{ i }}{% endfor %}</p>"


def render(templates: Path, folder: Path | None, compiles: list[str] | None = None) -> str:
    """Render ``page.html`` in a fresh environment (as a new build has) with a fresh cache
    over ``folder`` (as a new process has); names of the templates compiled go to ``compiles``."""
    env = Environment(loader=FileSystemLoader(templates), autoescape=True,
                      bytecode_cache=CompiledTemplates(folder))
    if compiles is not None:
        compile_ = env.compile

        def counting(source: str, name: str | None = None, *args: object) -> object:
            compiles.append(str(name))
            return compile_(source, name, *args)  # type: ignore[arg-type]

        env.compile = counting  # type: ignore[method-assign]
    return env.get_template("page.html").render(name="<b>", items=[1, 2])


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text(SOURCE, encoding="utf-8")
    return folder


EXPECTED = "<p>&lt;b&gt; 1 2</p>"


def test_a_second_process_reads_the_compiled_code(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first: list[str] = []
    assert render(templates, cache, first) == EXPECTED
    assert first == ["page.html"]
    assert len(list(cache.glob("*.cache"))) == 1
    second: list[str] = []
    assert render(templates, cache, second) == EXPECTED
    assert second == []  # read from the file, not compiled


def test_a_changed_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    render(templates, cache)
    (templates / "page.html").write_text(SOURCE.replace("<p>", "<div>"), encoding="utf-8")
    compiles: list[str] = []
    assert render(templates, cache, compiles) == EXPECTED.replace("<p>", "<div>")
    assert compiles == ["page.html"]
    again: list[str] = []
    assert render(templates, cache, again) == EXPECTED.replace("<p>", "<div>")
    assert again == []  # the file was rewritten


@pytest.mark.parametrize("damage", [b"", b"j2", b"garbage" * 10, None])
def test_a_corrupt_file_is_compiled_again(templates: Path, tmp_path: Path,
                                          damage: bytes | None) -> None:
    cache = tmp_path / "cache"
    render(templates, cache)
    (path,) = cache.glob("*.cache")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage is None else damage)
    compiles: list[str] = []
    assert render(templates, cache, compiles) == EXPECTED
    assert compiles == ["page.html"]


def test_a_folder_that_cannot_be_written_just_compiles(templates: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        compiles: list[str] = []
        assert render(templates, blocker / "cache", compiles) == EXPECTED
        assert compiles == ["page.html"]


def test_settings_that_do_not_survive_the_process_keep_no_file() -> None:
    env = Environment(finalize=lambda value: value)
    assert compiled.compiled_templates(env).folder is None
    plain = compiled.compiled_templates(Environment())
    assert plain.folder is not None
    assert compiled.compiled_templates(Environment(trim_blocks=True)).folder != plain.folder
