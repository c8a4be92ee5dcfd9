"""Health information: terms from a curated lexicon (`data/health_terms.txt`).

The ordinance lists health information as protected. A few hundred conditions, diagnoses,
treatments, medications and care settings (`PTSD`, `chemotherapy`, `dialysis`, `rehab`,
`psychiatric ward`, `insulin`, `pregnant`, ...) are matched case-insensitively as whole words by
one Aho-Corasick automaton, built once per process and shared with the other detectors' context
words (`_common.keyword_hits`: one pass over the lower-cased text for all of them); the longest
whole-word term wins where terms overlap. Ambiguous words (`seizures`, `overdose`) and
upper-case abbreviations (`MS`, `ALS`, `ADD`; a case-sensitive regex) count only right after a
diagnosis cue (`diagnosed with MS`, `treated for an overdose`). Words police reports use in a
non-medical sense (`shot`, `hospital`, drug names that get seized, `Narcan` that officers
administer) are left out: see the data file's header.

`normalized` is the lexicon term, lower-case (`PTSD` -> `ptsd`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import data_lines, keyword_hits, lower_same_length, register_keywords
from .base import Detector, register


_CUE = re.compile(
    r"(?:diagnosed\s+with|treated\s+for|treatment\s+for|suffers\s+from|suffering\s+from|battling|"
    r"living\s+with|lives\s+with|\bhas|\bhad|\bhave)\s+(?:(?:a|an|the|her|his|their|severe|chronic|"
    r"advanced|early|late-stage)\s+)?\Z"
)


def _sections() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"": []}
    current = ""
    for line in data_lines("health_terms.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        else:
            out.setdefault(current, []).append(" ".join(line.split()))
    return out


@lru_cache(maxsize=1)
def _terms() -> dict[str, bool]:
    """term -> needs_cue, for the lexicon and its `[needs_cue]` words (lower-case)."""
    sections = _sections()
    terms = {t.lower(): False for t in sections.get("", [])}
    terms.update({t.lower(): True for t in sections.get("needs_cue", [])})
    return terms


register_keywords(_terms())


@lru_cache(maxsize=1)
def _abbreviations() -> re.Pattern:
    """`[needs_cue_upper]`: upper-case abbreviations, case-sensitive (led by a capital: cheap)."""
    terms = sorted(_sections().get("needs_cue_upper", []), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")  # left edge: in code


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@register
class HealthDetector(Detector):
    kind = Kind.HEALTH
    default_severity = Severity.MEDIUM
    description = "Health information: a condition, treatment, medication or care setting from the lexicon"
    EXAMPLES = {
        "match": ["she was treated for PTSD", "his wife is on dialysis", "in rehab since May",
                  "undergoing chemotherapy", "admitted to the psychiatric ward", "she is pregnant",
                  "needs insulin", "HIV-positive", "Parkinson's disease", "Diagnosed with MS.",
                  "treated for alcohol withdrawal"],
        "no_match": ["the suspect was shot", "responded to an overdose", "transported to the hospital",
                     "insulinx", "chemotherapyist", "prehab", "the disabled vehicle", "Officer Walker",
                     "field sobriety test", "Ms. Smith has MS Word", "responded to an overdose call"],
    }

    def find(self, text: str) -> Iterator[Span]:
        terms = _terms()
        low = lower_same_length(text)
        n = len(low)
        found = []
        for term, starts in keyword_hits(text).items():
            needs_cue = terms.get(term)
            if needs_cue is None:
                continue  # another detector's keyword
            for start in starts:
                end = start + len(term)
                if (start > 0 and _is_word_char(low[start - 1])) or (end < n and _is_word_char(low[end])):
                    continue
                if needs_cue and not _CUE.search(low, max(0, start - 40), start):
                    continue
                found.append((start, -end, term))
        found.sort()
        last_end = -1
        for start, neg_end, term in found:  # leftmost-longest, no overlaps: `psychiatric ward`
            if start >= last_end:
                last_end = -neg_end
                yield self.span(start, -neg_end, term)
        for m in _abbreviations().finditer(text):
            start, end = m.span()
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if not _CUE.search(low, max(0, start - 40), start):
                continue
            if end + 1 < n and text[end] == " " and text[end + 1].isupper():
                continue  # `MS Word`, `ALS Association`: a name, not a diagnosis
            yield self.span(start, end, m.group(0).lower())

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """A roster health value -> the lexicon term it is, or None."""
        term = " ".join(raw.lower().split())
        known = term in _terms() or raw.strip() in _sections().get("needs_cue_upper", [])
        return term if term and known else None
