"""Compiled templates kept once per machine, not compiled again in every build.

MkDocs makes a new Jinja environment for every build, so each build (and each
``mkdocs serve`` rebuild) compiles the theme's templates again: Material's ``main.html``
and its partials took some 250 ms of a small site's build here, more than the
plugin's own work, and the overview's templates some 1.5 ms each. The plugin gives the
build's environment a bytecode cache (``template_cache``, on by default), and the
overview's escaping overlay too: compiled code is kept in the process and in the
per-machine cache folder (:func:`..cache.cache_dir`), one folder per Jinja version and
set of the environment's settings that the code depends on (delimiters, extensions,
autoescaping, ...), under a key of the template's name, file and the filters and tests
the environment has (the compiler reads how each is called). Jinja checks a template's
source against the checksum stored with its code, and its Python version against the
file's header, before it uses it; a file that is missing, stale or unreadable is
compiled again and rewritten (atomically), and a folder that cannot be written just
means compiling, as before. An environment whose settings do not read the same in
another process (a ``finalize`` or an autoescape function) is kept in the process only.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from ..cache import cache_dir, write_atomic

FORMAT = 2


class _Bucket(Bucket):
    """A bucket that knows which cache it goes back to."""

    owner: CompiledTemplates


class CompiledTemplates(BytecodeCache):
    """Compiled templates by Jinja's key: in memory, and in ``folder`` if there is one.
    Made by :func:`compiled_templates` for one set of settings: an environment with
    others (an overlay that inherited it) is given the cache of its own settings."""

    def __init__(self, folder: Path | None, settings: tuple[Any, ...] | None = None) -> None:
        self.compiled: dict[str, tuple[str | None, Any]] = {}
        self.folder = folder
        self.settings = settings

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        owner = self
        if self.settings is not None and _settings(environment) != self.settings:
            owner = compiled_templates(environment)
        key = owner.get_cache_key(f"{name}\0{_calls(environment)}", filename)
        bucket = _Bucket(environment, key, owner.get_source_checksum(source))
        bucket.owner = owner
        owner.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        getattr(bucket, "owner", self).dump_bytecode(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.compiled.get(bucket.key)
        if found is None and self.folder is not None:
            found = self._read(bucket)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)
        if self.folder is not None and bucket.code is not None:
            write_atomic(self.folder / f"{bucket.key}.cache", bucket.bytecode_to_string())

    def _read(self, bucket: Bucket) -> tuple[str | None, Any] | None:
        assert self.folder is not None
        try:
            data = (self.folder / f"{bucket.key}.cache").read_bytes()
            bucket.bytecode_from_string(data)  # checks the header and the checksum
        except Exception:  # a corrupt file: pickle and marshal raise many kinds
            bucket.reset()
            return None
        if bucket.code is None:
            return None
        found = (bucket.checksum, bucket.code)
        self.compiled[bucket.key] = found
        bucket.reset()  # load_bytecode() sets it if the checksum agrees
        return found


_COMPILED: dict[tuple[Path | None, tuple[Any, ...]], CompiledTemplates] = {}
"""One cache per cache folder and set of the environment's settings that the compiled
code depends on."""
_CALLS: weakref.WeakKeyDictionary[Environment, tuple[int, str]] = \
    weakref.WeakKeyDictionary()


def _settings(env: Environment) -> tuple[Any, ...]:
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else (env.autoescape,)
    generator = env.code_generator_class
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        tuple(sorted(env.extensions)), env.optimized,
        f"{generator.__module__}.{generator.__qualname__}", autoescape, env.finalize, env.is_async,
    )


def _calls(env: Environment) -> str:
    """A digest of the filters and tests ``env`` has and how each is called: the compiler
    writes a call for what it finds (with the context, the environment, ...)."""
    seen = hash((*map(id, env.filters.values()), None, *map(id, env.tests.values())))
    known = _CALLS.get(env)
    if known is not None and known[0] == seen:
        return known[1]
    calls = repr([sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in found.items())
                  for found in (env.filters, env.tests)])
    digest = hashlib.sha256(calls.encode()).hexdigest()[:16]
    _CALLS[env] = (seen, digest)
    return digest


def _folder(settings: tuple[Any, ...]) -> Path | None:
    """The cache's folder for these settings; none if they do not read the same in the
    next process (a ``finalize`` or an autoescape function)."""
    if settings[-2] is not None or not isinstance(settings[-3], bool):
        return None
    name = repr((FORMAT, jinja2.__version__, settings[:-2], settings[-1]))
    return cache_dir() / "templates" / hashlib.sha256(name.encode()).hexdigest()[:16]


def compiled_templates(env: Environment) -> CompiledTemplates:
    """The cache of compiled templates for ``env``'s settings."""
    settings = _settings(env)
    folder = _folder(settings)
    key = (folder, settings)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = CompiledTemplates(folder, settings)
    return found
