"""The typo check's dictionary cache: the same answers as the parsed text, whatever the file."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_portfolio import cache
from mkdocs_portfolio.audit import typocache, typos
from mkdocs_portfolio.audit.typocache import Lookup, encode, load


@pytest.fixture(scope="module")
def known() -> dict[str, str]:
    return typos.dictionary()


def cache_file(folder: Path) -> Path:
    found = typocache._codespell()
    assert found is not None
    return folder / typocache._file_name(*found)


def cached(folder: Path) -> Lookup:
    """A lookup that reads the cache in ``folder``, made first if need be."""
    load(typos._parse, folder)
    lookup = load(typos._parse, folder)
    assert lookup.from_cache
    return lookup


NON_WORDS = ["", "the", "The", "TEH", "teh ", " teh", "teh\0", "teh\n", "\0", "\n", "a",
             "é", "\u0441ontain", "ontain", "clockwise", "paint", "\ud800", "teh\0the", "teh\nteh",
             "x" * 10_000, "don't", "don\u2019t"]


def test_every_key_and_non_words_as_parsed(tmp_path: Path, known: dict[str, str]) -> None:
    lookup = cached(tmp_path)
    for key, fix in known.items():
        assert lookup.get(key) == fix, key
    rng = random.Random(20)
    keys = list(known)
    edges = [key[:-1] for key in keys] + [key + "s" for key in keys[::7]] + [
        key.upper() for key in keys[::11]] + NON_WORDS + [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz'é") for _ in range(rng.randint(1, 12)))
        for _ in range(20_000)]
    for word in edges:
        assert lookup.get(word) == known.get(word), word
    words = set(edges) | set(keys[::3])
    assert cached(tmp_path).among(words) == words & known.keys()


def test_the_edge_keys_of_the_dictionary_are_kept(tmp_path: Path, known: dict[str, str]) -> None:
    odd = {key: fix for key, fix in known.items()
           if not key.isascii() or not key.isalpha() or fix == ""}
    assert any(not key.isascii() for key in odd) and any("'" in key for key in odd)
    lookup = cached(tmp_path)
    assert {key: lookup.get(key) for key in odd} == odd


def test_find_typos_is_the_same_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               known: dict[str, str]) -> None:
    texts = ["Teh results of teh model.", "TEH END, and an İstanbul wrod", "Don\u2019t recieve",
             "see https://example.com/teh and teh.md", "Accross the FPR"]
    monkeypatch.setattr(typos, "known_typos", lambda: Lookup(known.get))
    expected = typos.find_typos(texts, ["fpr"])
    monkeypatch.setattr(typos, "known_typos", lambda: cached(tmp_path))
    assert typos.find_typos(texts, ["fpr"]) == expected
    assert [t.word for t in expected] == ["Teh", "wrod", "recieve", "Accross"]


def good_file(folder: Path) -> bytes:
    cached(folder)
    return cache_file(folder).read_bytes()


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "one byte short",
                                    "header only", "offsets", "not json"])
def test_a_damaged_cache_is_written_anew(tmp_path: Path, known: dict[str, str],
                                         damage: str) -> None:
    data = good_file(tmp_path / "good")
    path = cache_file(tmp_path)
    start = len(typocache.MAGIC) + 4
    head = start + int.from_bytes(data[len(typocache.MAGIC):start], "little")
    path.write_bytes({
        "empty": b"",
        "garbage": os.urandom(len(data)),
        "truncated": data[:len(data) // 2],
        "one byte short": data[:-1],
        "header only": data[:head],
        "offsets": data[:head + 8] + b"\xff" * (len(data) - head - 8),
        "not json": data[:start] + b"{" * (head - start) + data[head:],
    }[damage])
    first = load(typos._parse, tmp_path)
    assert not first.from_cache
    assert [first.get(key) for key in list(known)[::50]] == list(known.values())[::50]
    assert path.read_bytes() == data
    assert load(typos._parse, tmp_path).from_cache


@pytest.mark.parametrize("stale", ["codespell", "format", "dictionary size", "dictionary time",
                                   "code", "folder"])
def test_a_stale_cache_is_written_anew(tmp_path: Path, known: dict[str, str], stale: str) -> None:
    found = typocache._codespell()
    assert found is not None
    _, paths = typos._parse()
    header = typocache._header(*found, paths)
    if stale == "codespell":
        header["codespell"] = "0.0.1"
    elif stale == "format":
        header["format"] = typocache.FORMAT + 1
    elif stale == "dictionary size":
        header["dictionaries"][0][1] += 1
    elif stale == "dictionary time":
        header["dictionaries"][-1][2] -= 1
    elif stale == "code":
        header["code"][0][2] += 1
    else:
        header["folder"] = str(tmp_path)
    wrong = dict(known, teh="something else")
    data = encode(wrong, header)
    assert data is not None
    cache_file(tmp_path).write_bytes(data)
    first = load(typos._parse, tmp_path)
    assert not first.from_cache and first.get("teh") == known["teh"]
    again = load(typos._parse, tmp_path)
    assert again.from_cache and again.get("teh") == known["teh"]


def test_an_unwritable_cache_still_finds_the_typos(tmp_path: Path, known: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    for folder in (blocker, blocker / "cache"):
        lookup = load(typos._parse, folder)
        assert not lookup.from_cache and lookup.among({"teh", "the"}) == {"teh"}

    def refuse(*args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "replace", refuse)
    lookup = load(typos._parse, tmp_path / "ro")
    assert not lookup.from_cache and lookup.get("teh") == known["teh"]
    assert list((tmp_path / "ro").iterdir()) == []  # the temporary file is gone too


def test_no_codespell_install_folder_means_parsing(tmp_path: Path, known: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typocache, "_codespell", lambda: None)
    lookup = load(typos._parse, tmp_path)
    assert not lookup.from_cache and lookup.get("teh") == known["teh"]
    assert list(tmp_path.iterdir()) == []


def test_a_word_with_a_separator_is_not_cached() -> None:
    assert encode({"a\nb": "x"}, {}) is None
    assert encode({"a\0b": "x"}, {}) is None
    assert encode({"ab": "x\ny"}, {}) is None
    assert encode({"ab": "x, y", "": ""}, {}) is not None


def test_lookups_are_remembered() -> None:
    asked: list[str] = []

    def get(word: str) -> str | None:
        asked.append(word)
        return {"teh": "the"}.get(word)

    lookup = Lookup(get)
    assert lookup.among({"teh", "the", "a"}) == {"teh"}
    assert lookup.among({"teh", "the", "b"}) == {"teh"}
    assert lookup.get("teh") == "the" and lookup.get("a") is None and lookup.get("c") is None
    assert sorted(asked) == ["a", "b", "c", "teh", "the"]


def test_builds_at_once_share_one_cache(tmp_path: Path, known: dict[str, str]) -> None:
    script = ("import sys; from mkdocs_portfolio.audit import typos, typocache; "
              "k = typocache.load(typos._parse, __import__('pathlib').Path(sys.argv[1])); "
              "print(k.get('teh'), k.get('accross'))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    runs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], env=env,
                             stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs == [f"{known['teh']} {known['accross']}\n"] * 4
    assert [p.name for p in tmp_path.iterdir()] == [cache_file(tmp_path).name]
    assert load(typos._parse, tmp_path).from_cache


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "chosen"))
    assert cache.cache_dir() == tmp_path / "chosen"
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "mkdocs-portfolio"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "mkdocs-portfolio"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "mkdocs-portfolio"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert cache.cache_dir() == tmp_path / "local" / "mkdocs-portfolio"


def test_the_header_names_what_decides_the_content(tmp_path: Path) -> None:
    data = good_file(tmp_path)
    start = len(typocache.MAGIC) + 4
    size = int.from_bytes(data[len(typocache.MAGIC):start], "little")
    header = json.loads(data[start:start + size])
    assert header["format"] == typocache.FORMAT
    assert [os.path.basename(p) for p, _, _ in header["dictionaries"]] == [
        "dictionary.txt", "dictionary_rare.txt"]
    import codespell_lib

    assert header["codespell"] == codespell_lib.__version__
