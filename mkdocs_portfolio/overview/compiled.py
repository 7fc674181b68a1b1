"""The overview's templates compiled once per machine, not once per build.

MkDocs makes a new Jinja environment for every build, so each build (and each
``serve`` rebuild) would compile the overview's templates again: some 1.5 ms each,
15 ms on a site whose overview shows every section. Compiled code is kept in the
process and in the per-machine cache folder (:func:`..cache.cache_dir`), one folder
per Jinja version and set of the environment's settings that the code depends on.
Jinja checks a template's source against the checksum stored with its code, and its
Python version against the file's header, before it uses it; a file that is
missing, stale or unreadable is compiled again and rewritten (atomically), and a
folder that cannot be written just means compiling, as before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from ..cache import cache_dir, write_atomic

FORMAT = 1


class CompiledTemplates(BytecodeCache):
    """Compiled templates by Jinja's key: in memory, and in ``folder`` if there is one."""

    def __init__(self, folder: Path | None) -> None:
        self.compiled: dict[str, tuple[str | None, Any]] = {}
        self.folder = folder

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


_COMPILED: dict[tuple[Any, ...], CompiledTemplates] = {}
"""One cache per set of the environment's settings that the compiled code depends on."""


def _settings(env: Environment) -> tuple[Any, ...]:
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        tuple(sorted(env.extensions)), env.optimized, env.finalize, env.is_async,
    )


def _folder(settings: tuple[Any, ...]) -> Path | None:
    """The cache's folder for these settings; none if they do not read the same in the
    next process (a ``finalize`` function)."""
    if settings[-2] is not None:
        return None
    name = repr((FORMAT, jinja2.__version__, settings[:-2], settings[-1]))
    return cache_dir() / "templates" / hashlib.sha256(name.encode()).hexdigest()[:16]


def compiled_templates(env: Environment) -> CompiledTemplates:
    """The cache of compiled templates for ``env``'s settings."""
    settings = _settings(env)
    found = _COMPILED.get(settings)
    if found is None:
        found = _COMPILED[settings] = CompiledTemplates(_folder(settings))
    return found
