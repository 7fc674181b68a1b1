"""Dataclasses made on their first instance: the same classes as ``dataclasses.dataclass``
makes, every one of the plugin's can be made, and a small build leaves some unmade."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import marshal
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mkdocs_portfolio
from mkdocs_portfolio import lazydata
from mkdocs_portfolio.lazydata import dataclass, made

from .harness import write_site


def test_a_class_is_made_on_its_first_instance() -> None:
    @dataclass(frozen=True)
    class Point:
        x: int
        tags: list[str] = dataclasses.field(default_factory=list)

    assert Point in lazydata._waiting and not dataclasses.is_dataclass(Point)
    point = Point(1, ["a"])
    assert Point not in lazydata._waiting and dataclasses.is_dataclass(Point)
    assert point == Point(1, ["a"]) and point != Point(2)
    assert repr(point).endswith("<locals>.Point(x=1, tags=['a'])")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    assert dataclasses.replace(point, x=3) == Point(3, ["a"])
    assert dataclasses.asdict(point) == {"x": 1, "tags": ["a"]}
    assert copy.deepcopy(point) == point
    assert Point(1).tags == [] and Point(1).tags is not Point(1).tags
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_the_same_methods_as_dataclasses_makes() -> None:
    def define(decorate):  # type: ignore[no-untyped-def]
        @decorate(frozen=True, order=True)
        class Base:
            a: int
            b: str = "b"

        @decorate(frozen=True)
        class Child(Base):
            c: float = 0.5

        return Base, Child

    lazy, eager = define(dataclass), define(dataclasses.dataclass)
    lazy[1](1)  # makes Child, and Base before it
    for mine, theirs in zip(lazy, eager, strict=True):
        assert [f.name for f in dataclasses.fields(mine)] == \
            [f.name for f in dataclasses.fields(theirs)]
        for name in ("__eq__", "__hash__", "__repr__", "__lt__", "__setattr__", "__init__"):
            assert (getattr(mine, name) is None) == (getattr(theirs, name) is None), name
    assert hash(lazy[1](1, "x", 2.0)) == hash(lazy[1](1, "x", 2.0))
    assert lazy[0](1) < lazy[0](2)
    assert lazy[1].__match_args__ == eager[1].__match_args__ == ("a", "b", "c")


def test_a_subclass_that_is_no_dataclass_makes_its_bases() -> None:
    @dataclass
    class Record:
        name: str

    class Named(Record):
        def greeting(self) -> str:
            return f"hello {self.name}"

        def __init__(self, name: str) -> None:
            super().__init__(name.title())

    assert Named("ada").greeting() == "hello Ada"
    assert Record("x") == Record("x")
    assert made(Record) is Record


def test_every_dataclass_of_the_plugin_can_be_made() -> None:
    for module in pkgutil.walk_packages(mkdocs_portfolio.__path__, "mkdocs_portfolio."):
        importlib.import_module(module.name)
    waiting = list(lazydata._waiting)
    for cls in waiting:
        made(cls)
        assert dataclasses.is_dataclass(cls), cls
    assert not lazydata._waiting


def test_a_small_build_leaves_classes_unmade(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.md": "# A model\n\nIt reads receipts.\n"},
               {"plugins": ["search", "portfolio"]})
    script = textwrap.dedent("""
        import sys
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs_portfolio import lazydata
        from mkdocs_portfolio.projects import model
        config = load_config("mkdocs.yml", site_dir="site")
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        print(model.Project in lazydata._waiting, len(lazydata._waiting))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    unmade, count = done.stdout.split()
    assert unmade == "True" and int(count) >= 10
    assert (tmp_path / "site" / "index.html").is_file()


COMPILING = textwrap.dedent("""
    import builtins, dataclasses
    from mkdocs_portfolio import lazydata
    from mkdocs_portfolio.lazydata import dataclass

    compiled = []
    real_compile = builtins.compile
    def counted(source, *args, **kwargs):
        compiled.append(source)
        return real_compile(source, *args, **kwargs)
    builtins.compile = counted

    def define(decorate):
        @decorate(frozen=True, order=True)
        class Point:
            x: int
            y: int = 0
        return Point
    Point = define(dataclass)
    point = Point(1, 2)
    mine = len(compiled)
    assert "exec" not in vars(dataclasses), "dataclasses' exec left replaced"
    assert point == Point(1, 2) and point < Point(2) and point != Point(1)
    assert repr(point).endswith("Point(x=1, y=2)") and hash(point) == hash(Point(1, 2))
    Twin = define(dataclasses.dataclass)
    for name in ("__init__", "__eq__", "__lt__", "__setattr__", "__hash__"):
        assert getattr(Point, name).__code__.co_code == getattr(Twin, name).__code__.co_code
    lazydata.keep()
    print(mine)
""")


def test_the_methods_are_compiled_once_per_machine(tmp_path: Path) -> None:
    def compiled() -> int:
        done = subprocess.run([sys.executable, "-c", COMPILING], capture_output=True,
                              text=True, timeout=60,
                              env={**os.environ, "MKDOCS_PORTFOLIO_CACHE_DIR": str(tmp_path)})
        assert done.returncode == 0, done.stderr
        return int(done.stdout)

    assert compiled() >= 5  # __init__, __eq__, __lt__ ... of a frozen, ordered class
    kept = list((tmp_path / "dataclasses").iterdir())
    assert len(kept) == 1 and sys.implementation.cache_tag in kept[0].name
    assert compiled() == 0
    keys = list(marshal.loads(kept[0].read_bytes()))
    for broken in (b"", b"\x00not marshal", marshal.dumps(["a list"]),
                   marshal.dumps({"a text, as the first format kept it": b"code"}),
                   marshal.dumps(dict.fromkeys(keys, "not marshal")),
                   marshal.dumps(dict.fromkeys(keys, b"\x00not marshal")),
                   marshal.dumps(dict.fromkeys(keys, marshal.dumps("not code")))):
        kept[0].write_bytes(broken)
        assert compiled() >= 5, broken  # compiled again, silently
        assert compiled() == 0, broken  # and kept again
    assert all(len(key) == 16 for key in keys)  # digests, not the texts
    kept[0].write_bytes(marshal.dumps({b"old version....": b"x" * (lazydata.KEPT_BYTES + 1)}))
    assert compiled() >= 5
    assert sorted(marshal.loads(kept[0].read_bytes())) == sorted(keys)  # the old one went
    assert compiled() == 0
