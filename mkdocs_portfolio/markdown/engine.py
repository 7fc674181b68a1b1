"""What the extension can tell of the engine it runs in, for the author.

Zensical has no plugin API: it drops ``plugins: [portfolio]`` without a word, so the
site gets its pages but neither the overview nor the audit. Zensical keeps the config it
parsed in ``zensical.config`` (its ``root_dir`` is the config file's folder), with the
plugins it does not know already dropped; so the extension reads the config file again
(the ``-f`` / ``--config-file`` of the command, or the first of the names Zensical looks
for) and, when it lists ``portfolio``, logs a warning once. Zensical sets up no Python
logging, so Python's last-resort handler prints it on stderr, beside Zensical's output.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("mkdocs_portfolio.markdown")

CONFIG_NAMES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")
"""The config files ``zensical build`` looks for, in its order."""
PLUGIN = "portfolio"
MESSAGE = ("mkdocs-portfolio: {file} lists the '{plugin}' plugin, but Zensical has no plugin "
           "API, so this build has no overview and no audit: build with "
           "'mkdocs-portfolio build{args}' (or serve with 'mkdocs-portfolio serve{args}'), "
           "which runs Zensical with them, and audit with "
           "'mkdocs-portfolio audit --engine zensical{args}'. "
           "The blocks, folds, snippets, demos and figures of each page work here.")

_told: set[str] = set()
"""Config files already warned about in this process (Zensical renders every page with a
new Markdown instance)."""


class _AnyTags(yaml.SafeLoader):
    """YAML with MkDocs' tags (``!ENV``, ``!!python/name:``) read as plain values."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _zensical_config() -> dict[str, Any] | None:
    """The config Zensical is building (as it parsed it), or ``None`` outside Zensical."""
    config_module = sys.modules.get("zensical.config")
    try:
        config = config_module.get_config() if config_module is not None else None
    except Exception:  # an engine we do not know: say nothing
        return None
    return config if isinstance(config, dict) else None


def zensical_root() -> Path | None:
    """The folder of the config Zensical is building, or ``None`` outside Zensical."""
    root = (_zensical_config() or {}).get("root_dir")
    return Path(root) if isinstance(root, str) else None


def zensical_variant() -> str:
    """The ``theme.variant`` of the site Zensical is building (its default: ``modern``),
    or ``""`` outside Zensical."""
    config = _zensical_config()
    if config is None:
        return ""
    theme = config.get("theme")
    variant = theme.get("variant") if isinstance(theme, dict) else None
    return variant if isinstance(variant, str) else "modern"


def config_file(root: Path, argv: list[str]) -> Path | None:
    """The config file of the command line (``-f``), else the one Zensical finds in ``root``."""
    for i, arg in enumerate(argv[:-1]):
        if arg in ("-f", "--config-file"):
            return Path(argv[i + 1]).resolve()
    for arg in argv:
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1]).resolve()
    return next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)


def listed_plugins(path: Path) -> list[str]:
    """The plugin names a config file lists (``[]`` if it cannot be read)."""
    try:
        if path.suffix == ".toml":
            toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
            with path.open("rb") as handle:
                data: Any = toml.load(handle)
            data = data.get("project", data)
        else:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTags)
    except (OSError, ValueError, yaml.YAMLError, ImportError):
        return []
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        return [str(name) for name in plugins]
    if isinstance(plugins, list):
        return [str(next(iter(p))) if isinstance(p, dict) and p else str(p) for p in plugins]
    return []


def quiet_for(path: Path) -> None:
    """Say nothing of the config at ``path``: our command builds its overview and audit."""
    _told.add(str(path.resolve()))


def tell_of_lost_plugin() -> None:
    """Warn once when Zensical builds a config that lists our plugin."""
    root = zensical_root()
    if root is None:
        return
    path = config_file(root, sys.argv)
    if path is None or str(path.resolve()) in _told:
        return
    _told.add(str(path.resolve()))
    names = listed_plugins(path)
    if PLUGIN in names:
        args = "" if path.name in CONFIG_NAMES[:2] else f" -f {path.name}"
        log.warning(MESSAGE.format(file=path.name, plugin=PLUGIN, args=args))
