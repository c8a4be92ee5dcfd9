"""Configuration: `[tool.doxguard]` in the nearest pyproject.toml, or `.doxguard.toml`.

Found from the current folder upward (the first folder holding either wins; `.doxguard.toml`
before `pyproject.toml` in the same folder); `--config FILE` names one directly. Command-line
options win over the file. Unknown keys and wrong types are errors that name the key.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .model import Kind, Severity

KEYS = {"roster", "fail_on", "exclude", "allow", "region", "link_window", "kinds"}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: str | None = None
    roster: list[str] = field(default_factory=list)
    fail_on: str | None = None
    exclude: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    region: str | None = None
    link_window: int | None = None
    kinds: set[str] | None = None


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for d in [folder, *folder.parents]:
        dot = d / ".doxguard.toml"
        if dot.is_file():
            return dot
        py = d / "pyproject.toml"
        if py.is_file() and _has_tool_section(py):
            return py
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "doxguard" in data["tool"]


def _str_list(key: str, value, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: '{key}' must be a string or a list of strings")


def load_config(path: str | Path | None) -> Config:
    """Load an explicit config file, or the discovered one, or defaults when there is none."""
    p = Path(path) if path else find_config()
    if p is None:
        return Config()
    where = str(p)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{where}: config file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{where}: cannot read config ({e.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{where}: invalid TOML: {e}") from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("doxguard", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: [tool.doxguard] must be a table")
    elif isinstance(data.get("tool"), dict) and "doxguard" in data["tool"] and len(data) == 1:
        data = data["tool"]["doxguard"]
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(KEYS))})")
    base = p.parent
    cfg = Config(path=where)
    if "roster" in data:
        cfg.roster = [str((base / r)) if not Path(r).is_absolute() else r for r in _str_list("roster", data["roster"], where)]
    if "fail_on" in data:
        v = data["fail_on"]
        if not isinstance(v, str) or v not in {s.value for s in Severity}:
            raise ConfigError(f"{where}: 'fail_on' must be one of critical, high, medium, low, info")
        cfg.fail_on = v
    if "exclude" in data:
        cfg.exclude = _str_list("exclude", data["exclude"], where)
    if "allow" in data:
        cfg.allow = _str_list("allow", data["allow"], where)
    if "region" in data:
        if not isinstance(data["region"], str) or len(data["region"]) != 2:
            raise ConfigError(f"{where}: 'region' must be a two-letter region code like \"US\"")
        cfg.region = data["region"].upper()
    if "link_window" in data:
        v = data["link_window"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ConfigError(f"{where}: 'link_window' must be a positive integer (characters)")
        cfg.link_window = v
    if "kinds" in data:
        cfg.kinds = parse_kinds(data["kinds"], where)
    return cfg


def parse_kinds(value, where: str) -> set[str]:
    """`kinds = ["ssn", "card"]` (enable only these) or `kinds = {ip = false}` (toggle)."""
    all_kinds = {k.value for k in Kind}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        bad = [v for v in value if v not in all_kinds]
        if bad:
            raise ConfigError(f"{where}: unknown kind '{bad[0]}' in 'kinds'")
        return set(value)
    if isinstance(value, dict):
        enabled = set(all_kinds)
        for k, v in value.items():
            if k not in all_kinds:
                raise ConfigError(f"{where}: unknown kind '{k}' in 'kinds'")
            if not isinstance(v, bool):
                raise ConfigError(f"{where}: 'kinds.{k}' must be true or false")
            (enabled.add if v else enabled.discard)(k)
        return enabled
    raise ConfigError(f"{where}: 'kinds' must be a list of kinds or a table of kind = true/false")
