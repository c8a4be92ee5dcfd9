"""The vocabulary every stage shares: kinds, severities, spans, persons, findings.

Offsets are the contract between stages: detectors yield spans as 0-based code-point
offsets into the decoded text (end exclusive); the engine turns spans into findings;
reporters only format findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    NAME = "name"
    SSN = "ssn"
    CARD = "card"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    DOB = "dob"
    SCHOOL = "school"
    HEALTH = "health"
    PLATE = "plate"
    GPS = "gps"
    IP = "ip"
    BANK_ACCOUNT = "bank_account"

    def __str__(self) -> str:  # so f-strings print "phone", not "Kind.PHONE"
        return self.value


class Severity(str, Enum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    # str defines its own comparisons; severities must compare by rank, not alphabetically.
    def __lt__(self, other: object) -> bool:
        return self.rank < Severity(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= Severity(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > Severity(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= Severity(other).rank

    def __hash__(self) -> int:
        return str.__hash__(self)

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.INFO: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}
SEVERITIES_DESC = sorted(Severity, key=lambda s: -s.rank)


@dataclass(slots=True)
class Span:
    """A raw match from a detector: where, what kind, and the value normalised for comparison.

    `confirm_only` marks a candidate that is reported only if it equals a roster person's known
    value (e.g. a date with no birth context, a bare 9-digit run with no SSN context).
    """

    start: int
    end: int
    kind: Kind
    rule: str
    normalized: str
    confirm_only: bool = False
    # Severity floor the detector asks for regardless of linking (ssn/card/bank_account: high).
    floor: Severity | None = None
    note: str = ""


@dataclass(slots=True)
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    family_of: str = ""
    # kind value -> list of raw values from the roster (plaintext or "hmac-sha256:<hex>")
    values: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0  # roster line, for error messages

    @property
    def is_family(self) -> bool:
        return bool(self.family_of)


@dataclass(slots=True)
class Finding:
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    kind: Kind
    severity: Severity
    rule: str
    value: str  # masked unless the scan was asked to reveal
    reason: str
    fingerprint: str
    person: Person | None = None
    family_of: Person | None = None
    known_value: bool = False
    # Extra location for extracted documents: {"page": 3} / {"row": 4, "column": 2} / ...
    location: dict = field(default_factory=dict)
    # The matched line (masked unless revealed) and the span's column range in it, for text output.
    line_text: str = ""
    line_span: tuple[int, int] = (0, 0)
    # --context: neighbouring (line number, text) pairs, masked like line_text.
    context_lines: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        person = None
        if self.person is not None:
            person = {"id": self.person.id, "name": self.person.name}
            if self.family_of is not None:
                person["family_of"] = {"id": self.family_of.id, "name": self.family_of.name}
        d = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "severity": self.severity.value,
            "rule": self.rule,
            "person": person,
            "known_value": self.known_value,
            "value": self.value,
            "reason": self.reason,
            "fingerprint": self.fingerprint,
        }
        if self.location:
            d["location"] = dict(self.location)
        return d


@dataclass(slots=True)
class ScanError:
    path: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict:
        d = {"path": self.path, "message": self.message}
        if self.line is not None:
            d["line"] = self.line
        return d

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ScanResult:
    """Everything a reporter needs: findings, errors and the summary counts."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    skipped_binary: int = 0
    seconds: float = 0.0

    def by_severity(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for sev in SEVERITIES_DESC:
            n = sum(1 for f in self.findings if f.severity == sev)
            if n:
                counts[sev.value] = n
        return counts

    def summary(self) -> dict:
        return {
            "files": self.files,
            "bytes": self.bytes,
            "skipped_binary": self.skipped_binary,
            "findings": len(self.findings),
            "by_severity": self.by_severity(),
            "seconds": round(self.seconds, 3),
        }
