"""Health information: terms from a curated lexicon (`data/health_terms.txt`).

The ordinance lists health information as protected. A few hundred conditions, diagnoses,
treatments, medications and care settings (`PTSD`, `chemotherapy`, `dialysis`, `rehab`,
`psychiatric ward`, `insulin`, `pregnant`, ...) are matched case-insensitively as whole words by
one Aho-Corasick automaton, built once per process, over the lower-cased text (longest term
wins). Ambiguous abbreviations (`MS`, `ALS`, `ADD`) and words (`seizures`, `overdose`) count
only right after a diagnosis cue (`diagnosed with MS`, `treated for an overdose`). Words police
reports use in a non-medical sense (`shot`, `overdose`, `hospital`, drug names
that get seized, `Narcan` that officers administer) are left out: see the data file's header.

`normalized` is the lexicon term, lower-case (`PTSD` -> `ptsd`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import ahocorasick

from ..model import Kind, Severity, Span
from ._common import data_lines, lower_same_length
from .base import Detector, register


_CUE = re.compile(
    r"(?:diagnosed\s+with|treated\s+for|treatment\s+for|suffers\s+from|suffering\s+from|battling|"
    r"living\s+with|lives\s+with|\bhas|\bhad|\bhave)\s+(?:(?:a|an|the|her|his|their|severe|chronic|"
    r"advanced|early|late-stage)\s+)?\Z"
)


@lru_cache(maxsize=1)
def _automaton() -> "ahocorasick.Automaton":
    """term -> (term, needs_cue) for every lexicon line; `[needs_cue]` terms need a diagnosis cue."""
    automaton = ahocorasick.Automaton()
    needs_cue = False
    for line in data_lines("health_terms.txt"):
        if line == "[needs_cue]":
            needs_cue = True
            continue
        term = " ".join(line.lower().split())
        automaton.add_word(term, (term, needs_cue))
    automaton.make_automaton()
    return automaton


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
        low = lower_same_length(text).replace("\u2019", "'")  # Parkinson’s = Parkinson's
        n = len(low)
        for end_idx, (term, needs_cue) in _automaton().iter_long(low):
            start, end = end_idx - len(term) + 1, end_idx + 1
            if start > 0 and _is_word_char(low[start - 1]):
                continue
            if end < n and _is_word_char(low[end]):
                continue
            if needs_cue:
                if len(term) <= 4 and not text[start:end].isupper() and term not in ("mono",):
                    continue
                if not _CUE.search(low, max(0, start - 40), start):
                    continue
                if end + 1 < n and text[end] == " " and text[end + 1].isupper():
                    continue  # `MS Word`, `ALS Association`: a name, not a diagnosis
            yield self.span(start, end, term)

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """A roster health value -> the lexicon term it is, or None."""
        term = " ".join(raw.lower().split())
        return term if term and term in _automaton() else None
