"""Configuration: `[tool.doxguard]` in the nearest pyproject.toml, or `.doxguard.toml`.

Found from the current folder upward (the first folder holding either wins; `.doxguard.toml`
before `pyproject.toml` in the same folder); `--config FILE` names one directly. Command-line
options win over the file. Unknown keys and wrong types are errors that name the key.
"""
from __future__ import annotations

import re
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


_OUR_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*[\"']?doxguard\b|^\s*tool\s*\.\s*doxguard\b", re.M)


def _has_tool_section(path: Path) -> bool:
    """Does this pyproject.toml configure doxguard? A broken file that seems to counts as yes, so
    loading it reports the error instead of silently falling back to another config (fail closed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return bool(_OUR_TABLE.search(text))
    return isinstance(data.get("tool"), dict) and "doxguard" in data["tool"]


def _key_line(text: str, key: str, pyproject: bool) -> int | None:
    """1-based line where `key` is set (for `path:line:` messages); None when not found."""
    lines = text.splitlines()
    start = 0
    if pyproject:
        for i, line in enumerate(lines):
            if re.match(r"\s*\[\s*tool\s*\.\s*[\"']?doxguard[\"']?\s*[.\]]", line):
                start = i
                break
    key_re = re.compile(r"\s*(?:\[\s*(?:tool\s*\.\s*doxguard\s*\.\s*)?)?[\"']?" + re.escape(key) + r"[\"']?\s*[=.\]]")
    for i in range(start, len(lines)):
        if key_re.match(lines[i]):
            return i + 1
    return None


def check_region(region: str) -> str:
    """A phone region code phonenumbers knows ("US", "GB"...), upper-cased; ValueError otherwise."""
    import phonenumbers

    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"unknown region {region!r} (a two-letter code phonenumbers knows, like \"US\")")
    return code


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
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{p}: config is a directory, not a file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: cannot read config ({getattr(e, 'strerror', None) or e.__class__.__name__})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+)", str(e))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise ConfigError(f"{p}:{m.group(1)}: invalid TOML: {msg}" if m else f"{p}: invalid TOML: {msg}") from None
    pyproject = p.name == "pyproject.toml"
    if pyproject:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "doxguard" not in tool:
            raise ConfigError(f"{p}: no [tool.doxguard] table")
        data = tool["doxguard"]
        if not isinstance(data, dict):
            raise ConfigError(f"{_where(p, text, 'doxguard', pyproject)}: [tool.doxguard] must be a table")
    elif isinstance(data.get("tool"), dict) and "doxguard" in data["tool"] and len(data) == 1:
        data = data["tool"]["doxguard"]
        pyproject = True  # keys live under [tool.doxguard] here too

    def where(key: str) -> str:
        return _where(p, text, key, pyproject)

    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where(unknown[0])}: unknown key '{unknown[0]}' (known: {', '.join(sorted(KEYS))})")
    base = p.parent
    cfg = Config(path=str(p))
    if "roster" in data:
        cfg.roster = [str((base / r)) if not Path(r).is_absolute() else r
                      for r in _str_list("roster", data["roster"], where("roster"))]
    if "fail_on" in data:
        v = data["fail_on"]
        if not isinstance(v, str) or v not in {s.value for s in Severity}:
            raise ConfigError(f"{where('fail_on')}: 'fail_on' must be one of critical, high, medium, low, info")
        cfg.fail_on = v
    if "exclude" in data:
        cfg.exclude = _str_list("exclude", data["exclude"], where("exclude"))
    if "allow" in data:
        cfg.allow = _str_list("allow", data["allow"], where("allow"))
    if "region" in data:
        if not isinstance(data["region"], str):
            raise ConfigError(f"{where('region')}: 'region' must be a two-letter region code like \"US\"")
        try:
            cfg.region = check_region(data["region"])
        except ValueError as e:
            raise ConfigError(f"{where('region')}: 'region': {e}") from None
    if "link_window" in data:
        v = data["link_window"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ConfigError(f"{where('link_window')}: 'link_window' must be a positive integer (characters)")
        cfg.link_window = v
    if "kinds" in data:
        cfg.kinds = parse_kinds(data["kinds"], where("kinds"))
    return cfg


def _where(p: Path, text: str, key: str, pyproject: bool) -> str:
    line = _key_line(text, key, pyproject)
    return f"{p}:{line}" if line else str(p)


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
