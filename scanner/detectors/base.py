"""The one interface every PII detector implements, and the registry that finds them.

A detector only finds spans: it validates the shape of a value (Luhn, SSA rules, phonenumbers)
but knows nothing about persons, severity or output. Linking and severity live in `scanner.link`.

Adding a detector = one module in this package defining one `@register`ed subclass of
`Detector` (with its EXAMPLES) + its test module. Nothing else needs to change.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import ClassVar, Iterator

from ..model import Kind, Severity, Span


@dataclass(frozen=True)
class DetectorOptions:
    """Settings a detector may read; filled from config/CLI by the engine."""

    region: str = "US"
    extra: dict = field(default_factory=dict)


class Detector:
    kind: ClassVar[Kind]
    rule: ClassVar[str] = ""  # defaults to kind.value
    # Severity of an unlinked finding of this kind (what `doxguard rules` prints).
    default_severity: ClassVar[Severity] = Severity.MEDIUM
    description: ClassVar[str] = ""
    # gitleaks-style self-test: every string in "match" must yield a span of this kind that is
    # not confirm_only; no string in "no_match" may. Enforced by tests/detectors/test_registry.py.
    EXAMPLES: ClassVar[dict[str, list[str]]] = {"match": [], "no_match": []}

    def __init__(self, options: DetectorOptions | None = None) -> None:
        self.options = options or DetectorOptions()

    def find(self, text: str) -> Iterator[Span]:  # pragma: no cover - interface
        raise NotImplementedError

    # helpers shared by detectors -------------------------------------------------------
    def span(self, start: int, end: int, normalized: str, confirm_only: bool = False,
             floor: Severity | None = None, note: str = "") -> Span:
        # positional, in `Span`'s field order: a scan makes tens of thousands of these
        return Span(start, end, self.kind, self.rule or self.kind.value, normalized, confirm_only, floor, note)


_REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    if not cls.rule:
        cls.rule = cls.kind.value
    _REGISTRY[cls.rule] = cls
    return cls


def registry() -> dict[str, type[Detector]]:
    """All detector classes by rule id, importing every module of this package once."""
    if not _REGISTRY:
        pkg = importlib.import_module(__package__)
        for mod in pkgutil.iter_modules(pkg.__path__):
            if mod.name != "base":
                importlib.import_module(f"{__package__}.{mod.name}")
    return dict(sorted(_REGISTRY.items()))


def context_window(text: str, start: int, end: int, before: int = 40, after: int = 20) -> str:
    """Lower-cased text around a candidate, cut to the same line/paragraph when close."""
    lo = max(0, start - before)
    hi = min(len(text), end + after)
    return text[lo:start].lower() + " " + text[end:hi].lower()


def has_context(text: str, start: int, end: int, pattern: re.Pattern, before: int = 40, after: int = 20) -> bool:
    return pattern.search(context_window(text, start, end, before, after)) is not None


def digits_only(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def bounded(text: str, start: int, end: int) -> bool:
    """True if the span is not glued to letters/digits on either side (a whole token)."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        return False
    return True
