"""The plugin's options: defaults, and a clear message naming every bad value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_portfolio.config import PortfolioConfig

from .harness import write_site


def validate(raw: dict[str, object]) -> list[str]:
    cfg = PortfolioConfig()
    cfg.load_dict(raw)
    failed, _ = cfg.validate()
    return [f"{key}: {err}" for key, err in failed]


def test_defaults_are_valid() -> None:
    cfg = PortfolioConfig()
    cfg.load_dict({})
    assert cfg.validate() == ([], [])
    assert cfg.enabled is True
    assert cfg.overview.enabled and cfg.code.enabled and cfg.audit.enabled
    assert (cfg.code.fold_lines, cfg.code.preview_lines) == (25, 10)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"code": {"fold_lines": 0}}, "code: Sub-option 'fold_lines': must be a positive integer"),
        ({"code": {"fold_lines": -3}}, "must be a positive integer, not -3"),
        ({"code": {"fold_lines": "many"}}, "code: Sub-option 'fold_lines': Expected type"),
        ({"code": {"preview_lines": 0}}, "'preview_lines': must be a positive integer"),
        ({"code": {"preview_lines": 25}}, "must be smaller than code.fold_lines (25), not 25"),
        ({"code": {"fold_lines": 8, "preview_lines": 9}}, "smaller than code.fold_lines (8)"),
        ({"code": "yes"}, "code: The configuration is invalid. Expected a key-value mapping"),
        ({"overview": "on"}, "overview: The configuration is invalid. Expected a key-value"),
        ({"audit": ["x"]}, "audit: The configuration is invalid. Expected a key-value mapping"),
        ({"audit": {"checks": {"typos": "loud"}}}, "check 'typos' must be one of warn, info"),
        ({"code": {"unknown": 1}}, None),
    ],
)
def test_bad_values_are_named(raw: dict[str, object], expected: str | None) -> None:
    errors = validate(raw)
    if expected is None:
        assert errors == []
    else:
        assert any(expected in e for e in errors), errors


def test_build_stops_and_names_the_option(tmp_path: Path, capture_logs: Any) -> None:
    config_file = write_site(
        tmp_path, {"index.md": "# Hi\n"},
        {"plugins": [{"portfolio": {"code": {"fold_lines": 5, "preview_lines": 7}}}]},
    )
    with pytest.raises((Abort, ConfigurationError)):
        load_config(str(config_file))
    errors = [r.getMessage() for r in capture_logs.records if r.levelname == "ERROR"]
    assert any("'portfolio'" in e and "preview_lines" in e and "code.fold_lines (5)" in e
               for e in errors), errors
