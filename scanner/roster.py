"""Load and validate the roster of protected persons (CSV with header, or JSON list of objects).

Every problem is reported as `path:line: message` (a ScanError) and loading fails as a whole:
a gate must not run against half a roster.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Person, ScanError

VALUE_COLUMNS = ("address", "phone", "email", "dob", "ssn", "school", "plate")
KNOWN_COLUMNS = ("id", "name", "aliases", "role", "family_of") + VALUE_COLUMNS
REQUIRED_COLUMNS = ("id", "name")
HASH_PREFIX = "hmac-sha256:"
_HAS_ALNUM = re.compile(r"[^\W_]")
MAX_FIELD = 1000  # a longer name or value is a broken file, not a person


class RosterError(Exception):
    def __init__(self, errors: list[ScanError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Roster:
    persons: list[Person] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    warnings: list[ScanError] = field(default_factory=list)

    def by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.persons}

    @property
    def hashed(self) -> bool:
        return any(v.startswith(HASH_PREFIX) for p in self.persons for vs in p.values.values() for v in vs)

    def content_key(self) -> str:
        """A stable digest of everything that shapes matching (for caches and fingerprint keys)."""
        import hashlib

        h = hashlib.sha256()
        for p in self.persons:
            h.update(repr((p.id, p.name, p.aliases, p.role, p.family_of, sorted(p.values.items()))).encode())
        return h.hexdigest()

    def counts(self) -> dict:
        values: dict[str, int] = {}
        for p in self.persons:
            for kind, vs in p.values.items():
                values[kind] = values.get(kind, 0) + len(vs)
        return {
            "persons": len(self.persons),
            "protected": sum(1 for p in self.persons if not p.is_family),
            "family_members": sum(1 for p in self.persons if p.is_family),
            "aliases": sum(len(p.aliases) for p in self.persons),
            "known_values": dict(sorted(values.items())),
        }


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    if ";" not in value:
        v = value.strip()
        return [v] if v else []
    return [v for v in (part.strip() for part in str(value).split(";")) if v]


def _read_text(path: Path) -> str:
    """UTF-8 (BOM tolerated), UTF-16/32 with a BOM, UTF-16 without one (SQL Server, .NET exports).

    Strict: a roster with undecodable bytes is refused, not guessed at (a gate must not run
    against a half-read roster). The message names the byte offset, never the content.
    """
    from .walk import NotText, sniff_encoding

    data = path.read_bytes()
    try:
        codec, skip = sniff_encoding(data[:8192])
    except NotText:
        raise ValueError("not a text file (binary content)") from None
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid {codec.upper()} (byte {e.start + skip})") from None


def _delimiter(text: str) -> str:
    """',' unless the header row is only split into `id` and `name` by a tab or a semicolon."""
    first = text.split("\n", 1)[0]
    cells = lambda d: {c.strip().strip('"').lower() for c in first.split(d)}  # noqa: E731
    if set(REQUIRED_COLUMNS) <= cells(","):
        return ","
    for d in ("\t", ";"):
        if set(REQUIRED_COLUMNS) <= cells(d):
            return d
    return ","


def _rows_from_csv(text: str, path: str, errors: list[ScanError]) -> list[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        errors.append(ScanError(path, "empty roster (no header row)", 1))
        return []
    except csv.Error as e:
        errors.append(ScanError(path, f"unreadable CSV: {e}", 1))
        return []
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        errors.append(ScanError(path, f"missing required column(s): {', '.join(missing)}", 1))
        return []
    rows = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                errors.append(ScanError(path, f"{len(row)} fields but the header has {len(header)}", line))
                continue
            rows.append((line, dict(zip(header, row))))
    except csv.Error as e:
        errors.append(ScanError(path, f"unreadable CSV: {e}", reader.line_num))
    return rows


def _rows_from_json(text: str, path: str, errors: list[ScanError]) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        errors.append(ScanError(path, f"invalid JSON: {e.msg}", e.lineno))
        return []
    if isinstance(data, dict) and isinstance(data.get("persons"), list):
        data = data["persons"]
    if not isinstance(data, list):
        errors.append(ScanError(path, "a JSON roster must be a list of objects", 1))
        return []
    rows = []
    for i, obj in enumerate(data, 1):
        if not isinstance(obj, dict):
            errors.append(ScanError(path, f"entry {i} is not an object", None))
            continue
        norm = {}
        for k, v in obj.items():
            if isinstance(v, list):
                v = ";".join(str(x) for x in v)
            norm[str(k).strip().lower()] = "" if v is None else str(v)
        rows.append((i, norm))
    return rows


def parse_roster(text: str, path: str = "<roster>", check_values: bool = False) -> Roster:
    errors: list[ScanError] = []
    stripped = text.lstrip("\ufeff \t\r\n")
    is_json = path.lower().endswith(".json") or stripped.startswith("[") or stripped.startswith("{")
    rows = (_rows_from_json if is_json else _rows_from_csv)(text.lstrip("\ufeff"), path, errors)
    roster = Roster(sources=[path])
    seen: dict[str, int] = {}
    unknown_reported = False
    for line, row in rows:
        where_line = line if not is_json else None
        label = f"entry {line}: " if is_json else ""
        # CSV rows share one header: check it on the first row; JSON objects each carry their own keys
        if not unknown_reported and (is_json or row is rows[0][1]) and any(k and k not in KNOWN_COLUMNS for k in row):
            extra = [k for k in row if k and k not in KNOWN_COLUMNS]
            roster.warnings.append(ScanError(path, f"ignoring unknown column(s): {', '.join(sorted(extra))}", 1))
            unknown_reported = True
        pid = (row.get("id") or "").strip()
        name = " ".join((row.get("name") or "").split())
        if not pid:
            errors.append(ScanError(path, f"{label}empty id", where_line))
            continue
        if not name:
            errors.append(ScanError(path, f"{label}empty name for id {pid!r}", where_line))
            continue
        if not _HAS_ALNUM.search(name):
            errors.append(ScanError(path, f"{label}name of {pid!r} has no letters; it could never match", where_line))
            continue
        too_long = [k for k, v in row.items() if v and len(v) > MAX_FIELD] if max(map(len, row.values()), default=0) > MAX_FIELD else []
        if too_long:
            errors.append(ScanError(path, f"{label}field {too_long[0]!r} is longer than {MAX_FIELD} characters", where_line))
            continue
        if pid in seen:
            errors.append(ScanError(path, f"{label}duplicate id {pid!r} (first on line {seen[pid]})", where_line))
            continue
        seen[pid] = line
        values = {}
        for k in VALUE_COLUMNS:
            cell = row.get(k)
            if cell:  # most cells are empty: split only the filled ones
                vs = _split(cell)
                if vs:
                    values[k] = vs
        roster.persons.append(Person(
            id=pid, name=name, aliases=_split(row.get("aliases")), role=(row.get("role") or "").strip(),
            family_of=(row.get("family_of") or "").strip(), values=values, line=line,
        ))
    ids = {p.id for p in roster.persons}
    for p in roster.persons:
        if p.family_of and p.family_of not in ids:
            errors.append(ScanError(path, f"family_of {p.family_of!r} of {p.id!r} matches no id", p.line if not is_json else None))
        if p.family_of == p.id:
            errors.append(ScanError(path, f"{p.id!r} is listed as family of itself", p.line if not is_json else None))
    if not errors and not roster.persons:
        # A gate run against an empty roster protects nobody by name or known value: refuse it
        # (an export that came out empty is the usual cause).
        errors.append(ScanError(path, "roster has no persons (only a header)" if not is_json else "roster has no persons",
                                1 if not is_json else None))
    if errors:
        raise RosterError(errors)
    if check_values:  # normalising every value costs seconds on a big roster: `roster check` only
        roster.warnings.extend(_unmatchable_values(roster, path, is_json))
    return roster


def _unmatchable_values(roster: Roster, path: str, is_json: bool) -> list[ScanError]:
    """A known value that does not normalise (`N/A` as a phone) can never match: say so, by line
    and column, without quoting the value (roster check output lands in CI logs)."""
    from .known import normalize  # late: known imports this module

    out = []
    for p in roster.persons:
        for kind in VALUE_COLUMNS:
            for i, raw in enumerate(p.values.get(kind, []), 1):
                if raw.startswith(HASH_PREFIX) or normalize(kind, raw):
                    continue
                nth = f"{kind} value {i}" if len(p.values[kind]) > 1 else f"{kind} value"
                where = f"entry {p.line}: " if is_json else ""
                out.append(ScanError(path, f"{where}{nth} of {p.id!r} is not a valid {kind}; it can never match",
                                     None if is_json else p.line))
    return out


def load_roster(path: str | Path, check_values: bool = False) -> Roster:
    p = Path(path)
    try:
        text = _read_text(p)
    except FileNotFoundError:
        raise RosterError([ScanError(str(path), "roster file not found")]) from None
    except IsADirectoryError:
        raise RosterError([ScanError(str(path), "roster path is a directory")]) from None
    except PermissionError:
        raise RosterError([ScanError(str(path), "roster file is not readable (permission denied)")]) from None
    except (OSError, ValueError) as e:
        raise RosterError([ScanError(str(path), f"cannot read roster: {e}")]) from None
    return parse_roster(text, str(path), check_values)


def load_rosters(paths: list[str | Path]) -> Roster:
    """Several rosters merge into one; ids must stay unique across them."""
    merged = Roster()
    errors: list[ScanError] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            r = load_roster(path)
        except RosterError as e:
            errors.extend(e.errors)
            continue
        merged.sources.extend(r.sources)
        merged.warnings.extend(r.warnings)
        for p in r.persons:
            if p.id in seen:
                errors.append(ScanError(str(path), f"duplicate id {p.id!r} (also in {seen[p.id]})", p.line or None))
                continue
            seen[p.id] = str(path)
            merged.persons.append(p)
    if errors:
        raise RosterError(errors)
    return merged
