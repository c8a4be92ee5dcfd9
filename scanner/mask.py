"""Masking: applied once, in the engine, before any reporter sees a value."""
from __future__ import annotations

KEEP = 2  # trailing letters/digits left visible by default
MAX_VISIBLE = 4  # a hard ceiling whatever `keep` a caller asks for (tests/robustness enforce it)


def mask_value(value: str, keep: int = KEEP) -> str:
    """Replace letters and digits with '*' except the last `keep`; separators stay for shape.

    Short values (under 6 letters/digits) are masked whole: two of five characters is too much.
    `keep` is clamped to 0..MAX_VISIBLE: no caller can unmask more than 4 letters/digits.
    """
    keep = max(0, min(int(keep), MAX_VISIBLE))
    alnum = sum(1 for ch in value if ch.isalnum())
    visible = keep if alnum >= 6 else 0
    out = []
    for ch in reversed(value):
        if ch.isalnum():
            if visible > 0:
                out.append(ch)
                visible -= 1
            else:
                out.append("*")
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(ch)
    return "".join(reversed(out))
