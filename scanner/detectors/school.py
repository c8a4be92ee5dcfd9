"""School names (the ordinance protects "school locations": where a protected person's kids are).

What counts: 1-5 capitalised name words (`of`, `the`, `and`, `&` allowed between them) followed
by a school type from `data/school_terms.txt`: `Elementary (School)`, `Middle School`,
`Junior High`, `High School`, `Academy`, `Montessori`, `Prep`/`Preparatory`, `Charter School`,
`Day School`, `Primary School`, plain `School` (`Lincoln School`), or a bare `High` not followed by
a capitalised word (`Trailside High`). The regex is led by the capitalised type word (rare in
prose, so cheap); the name is read backwards from it in code. Right after an attendance cue
(`goes to`, `attends`, `enrolled at`, `picks up at`, ...) a lower-case name counts too
(`her daughter goes to hazelwood montessori`).

What does not: police/fire/training academies (`Police Academy`, `Citizens Police Academy`,
`Training Academy`: a workplace or a course, not a school a child attends), lower-case generic
mentions (`high school`, `the school`), generic-only names (`The School`, `Sunday School`,
`Our High School`), institutions (`Lincoln School Board`, `Blue Valley School District`), and
what is not a school at all (`Mile High Stadium`, `Record High`, `TAX PREP`, `Meal Prep`).

`normalized`: lower-case, accent-folded name words (leading `the` dropped, `Saint`/`St.` -> `st`,
`&` -> `and`, punctuation removed) + the canonical type: `Sunflower Elementary School` and
`Sunflower Elementary` both give `sunflower elementary`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import data_lines, fold_accents, lower_same_length, positions, register_keywords
from .base import Detector, register

_CONNECTORS = frozenset(("of", "the", "and", "&", "de", "la", "del"))
_NAME_WORD = re.compile(r"[A-Z][\w'’.\-]*\Z|[A-Z]\.?\Z|[0-9]{1,3}(?:st|nd|rd|th)?\Z")
_TOKEN = re.compile(r"[^ \t]+")
# attendance cues after which a school name may be written in lower case
_CUES = ("goes to ", "go to ", "going to ", "attends ", "attend ", "attending ", "attended ", "enrolled at ",
         "enrolled in ", "student at ", "students at ", "pick up at ", "picks up at ", "picked up at ",
         "drop off at ", "drops off at ", "dropped off at ", "kids at ", "son at ", "daughter at ")
register_keywords(_CUES)
_MAX_WORDS = 5


@lru_cache(maxsize=1)
def _terms():
    sections: dict[str, list[str]] = {}
    current = ""
    for line in data_lines("school_terms.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).append(line)
    types = {}
    for line in sections["types"]:
        written, canon = (s.strip() for s in line.split("="))
        types[written.lower()] = canon
    return (types, frozenset(w.lower() for w in sections["not_schools"]),
            frozenset(w.lower() for w in sections["generic"]), frozenset(w.lower() for w in sections["after"]))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    types = _terms()[0]
    variants = set()
    for t in types:
        variants.add(" ".join(w.capitalize() for w in t.split()))
        variants.add(t.upper())
    alts = "|".join(re.escape(v).replace(r"\ ", r"[ \t]+") for v in sorted(variants, key=len, reverse=True))
    return re.compile(r"(?:" + alts + r")(?![\w'’\-])")


@lru_cache(maxsize=1)
def _relaxed() -> re.Pattern:
    """1-4 lower-case words + a type, matched on the lower-cased text right after a cue."""
    types = _terms()[0]
    alts = "|".join(re.escape(t).replace(r"\ ", r"[ \t]+") for t in sorted(types, key=len, reverse=True))
    return re.compile(r"[ \t]*(?P<name>(?:[a-z0-9][\w'’.&\-]*[ \t]+){1,4}?)(?P<type>" + alts + r")(?![\w'’\-])")


def _clean(word: str) -> str:
    w = fold_accents(word).lower().replace("’", "'").replace("'s", "s").strip(".,'\"")
    w = re.sub(r"[^\w&]", "", w)
    return {"saint": "st", "&": "and"}.get(w, w)


def _canon(words: list[str], type_canon: str) -> str:
    cleaned = [c for c in (_clean(w) for w in words) if c]
    while cleaned and cleaned[0] == "the":
        cleaned.pop(0)
    return " ".join(cleaned + [type_canon])


def _name_before(text: str, pos: int) -> list[tuple[int, str]]:
    """[(start, word), ...] of the capitalised name ending right before `pos` (same line, <= 5 words)."""
    lo = max(0, pos - 120)
    nl = text.rfind("\n", lo, pos)
    if nl != -1:
        lo = nl + 1
    if pos == lo or text[pos - 1] not in " \t":
        return []
    words: list[tuple[int, str]] = []
    capitals = 0
    for tok in reversed(list(_TOKEN.finditer(text, lo, pos))):
        word = tok.group(0)
        if _NAME_WORD.match(word):
            capitals += 1
        elif not (words and word.lower() in _CONNECTORS):
            break
        words.append((tok.start(), word))
        if capitals == _MAX_WORDS:
            break
    while words and words[-1][1].lower() in _CONNECTORS:  # a name does not start with `of`
        words.pop()
    words.reverse()
    return words


@register
class SchoolDetector(Detector):
    kind = Kind.SCHOOL
    default_severity = Severity.MEDIUM
    description = "School name: capitalised name + Elementary/Middle/High School/Academy/Montessori/Prep/..."
    EXAMPLES = {
        "match": ["her kids go to Sunflower Elementary", "Brush Creek Academy", "Lincoln School",
                  "attends Pembroke Hill School.", "Center Middle School", "St. Teresa's Academy",
                  "Paseo Academy of Fine and Performing Arts", "Lakewood Junior High", "Barstow Prep",
                  "Daughter: Brianna, DOB 5/12/2009, Trailside High", "goes to hazelwood montessori"],
        "no_match": ["Police Academy", "graduated from the Citizens Police Academy", "KCPD Training Academy",
                     "went to high school", "the school", "The School", "Sunday School",
                     "the Lincoln School Board met", "Blue Valley School District", "school board",
                     "TAX PREP intake", "Mile High Stadium", "prices hit a Record High", "goes to high school",
                     "she goes to the school"],
    }

    def find(self, text: str) -> Iterator[Span]:
        found_ends: set[int] = set()
        for m in _pattern().finditer(text):
            words = _name_before(text, m.start())
            span = self._checked(text, words, m.group(0), m.end())
            if span is not None:
                found_ends.add(span.end)
                yield span
        yield from self._after_cues(text, found_ends)

    def _checked(self, text: str, words: list[tuple[int, str]], type_written: str, end: int,
                 strict_words: bool = False) -> Span | None:
        types, not_schools, generic, after_words = _terms()
        # drop leading function words (`At Lincoln School`, `The Barstow School`)
        while words and _clean(words[0][1]) in generic:
            words = words[1:]
        if not words or _clean(words[-1][1]) in not_schools:
            return None
        if strict_words and any(_clean(w) in generic for _, w in words):
            return None  # lower-case mode: `the store near lincoln school` is not a name
        nxt = text[end:end + 24].split("\n", 1)[0].split(None, 1)
        if nxt and nxt[0].lower().strip(".,;:") in after_words:
            return None
        type_key = " ".join(type_written.lower().split())
        if type_key == "high" and nxt and nxt[0][:1].isupper():
            return None  # `Mile High Stadium`: a bare `High` ends the name or it is not a school
        return self.span(words[0][0], end, _canon([w for _, w in words], types[type_key]))

    def _after_cues(self, text: str, found_ends: set[int]) -> Iterator[Span]:
        """Lower-case names right after an attendance cue: `her daughter goes to hazelwood montessori`."""
        low = lower_same_length(text)
        for i, cue in positions(text, _CUES):
            j = i + len(cue)
            if (i == 0 or not low[i - 1].isalpha()) and (m := _relaxed().match(low, j)):
                if m.end() not in found_ends:
                    tokens = _TOKEN.finditer(text, m.start("name"), m.end("name"))
                    words = [(w.start(), w.group(0)) for w in tokens]
                    span = self._checked(text, words, text[m.start("type"):m.end()], m.end(), strict_words=True)
                    if span is not None:
                        found_ends.add(span.end)
                        yield span

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster school -> canonical name (`Sunflower Elementary School` -> `sunflower elementary`)."""
        types = _terms()[0]
        words = raw.split()
        if not words:
            return None
        for n in (3, 2, 1):  # the longest type the name ends with
            if len(words) > n and " ".join(words[-n:]).lower() in types:
                return _canon(words[:-n], types[" ".join(words[-n:]).lower()]) or None
        return " ".join(c for c in (_clean(w) for w in words) if c) or None
