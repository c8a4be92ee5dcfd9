"""Replace findings in text: byte-for-byte identical everywhere else."""
from __future__ import annotations

from .model import Finding


def redact_text(text: str, findings: list[Finding], style: str = "label") -> str:
    spans = sorted({(f.start, f.end, f.kind.value) for f in findings})
    out, pos = [], 0
    for start, end, kind in spans:
        if start < pos:  # overlapping: extend the previous redaction
            if end > pos:
                if style == "mask":
                    out.append("█" * (end - pos))
                pos = end
            continue
        out.append(text[pos:start])
        out.append(f"[REDACTED:{kind}]" if style == "label" else "█" * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)
