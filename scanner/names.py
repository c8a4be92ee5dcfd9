"""One Aho-Corasick automaton for every roster name variant and every cue phrase.

It runs once over the folded text (see `scanner.text`) and yields tagged hits:
- full-name variants of a person ("jane q doe", "jane doe", "doe jane", aliases), and
- partial names (surname, given name) that count only with a title before them or once the
  person's full name has appeared in the document, and
- cue phrases by class (possession, incident, venue, third_party) and titles,
plus literal known values (schools, plates, emails) so a roster value is found in the same pass.

`resolve_names` turns hits into person mentions with original-text offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

import ahocorasick

from .model import Person
from .text import FoldedText, fold_string

FULL = "full"
SURNAME = "surname"
GIVEN = "given"
CUE = "cue"
TITLE = "title"
KNOWN = "known"

CUE_CLASSES = ("possession", "incident", "venue", "third_party", "label")
_LABEL_AFTER = re.compile(r"[ \t]*(?:[:=#]|-\s)")
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment lines of a data file under scanner/data/."""
    text = resources.files("scanner").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return frozenset(fold_string(t) for t in data_lines("titles.txt"))


# A title says which kind of person it can stand before: a rank is police, "Councilwoman" is civic.
_POLICE_TITLES = frozenset(fold_string(t) for t in (
    "officer ofc police officer patrolman patrolwoman trooper deputy sergeant sgt detective det "
    "lieutenant lt captain capt cpt major maj colonel col commander cmdr chief inspector insp "
    "corporal cpl agent sheriff undersheriff marshal constable investigator").split())
_POLICE_ROLES = ("officer", "police", "detective", "sergeant", "deputy", "trooper", "chief", "sheriff",
                 "lieutenant", "captain", "corporal", "agent", "investigator")


def _fits_title(title: str, person: Person) -> bool:
    police_role = any(r in person.role.lower() for r in _POLICE_ROLES)
    if person.is_family:
        return False
    return police_role if title in _POLICE_TITLES else not police_role or not person.role


def name_variants(name: str) -> tuple[set[str], set[str], set[str]]:
    """(full variants, surnames, given names) of one written name, all folded."""
    raw_tokens = name.replace(",", " ").split()
    tokens = [fold_string(t) for t in raw_tokens]
    tokens = [t for t in tokens if t]
    if tokens and tokens[-1] in _NAME_SUFFIXES and len(tokens) > 2:
        tokens = tokens[:-1]
    full: set[str] = set()
    if not tokens:
        return full, set(), set()
    full.add(" ".join(tokens))
    if len(tokens) == 1:
        return full, set(), set()
    first, last, middle = tokens[0], tokens[-1], tokens[1:-1]
    initials = [m[0] for m in middle]
    full.add(f"{first} {last}")                               # dropped middle name/initial
    if middle:
        full.add(" ".join([first, *initials, last]))          # Jane Quinn Doe -> Jane Q Doe
        full.add(" ".join([last, first, *middle]))            # Doe, Jane Quinn
        full.add(" ".join([last, first, *initials]))          # Doe, Jane Q.
    full.add(f"{last} {first}")                               # Doe, Jane
    if len(first) > 1 and len(last) >= 3:
        full.add(f"{first[0]} {last}")                        # J. Doe
    if len(first) == 1 and middle:                            # J. Quinn Doe -> Quinn Doe
        full.add(" ".join([*middle, last]))
    surnames = {last} if len(last) >= 2 else set()
    if " " in last:  # hyphenated surname "van buskirk": the last part alone is not enough
        pass
    given = {first} if len(first) >= 2 else set()
    return full, surnames, given


class Hit(NamedTuple):
    start: int  # folded offsets
    end: int
    tag: str
    payload: tuple  # person indexes (names), (cue class,), (title,), ((kind, person index), ...)
    text: str


@dataclass
class Mention:
    start: int  # original offsets
    end: int
    person: Person
    how: str  # "full", "title", "surname", "given"
    possessive: bool = False


@dataclass
class Cue:
    start: int
    end: int
    cls: str
    phrase: str


class NameIndex:
    """The automaton plus what it needs to resolve hits. Picklable (for --jobs workers)."""

    def __init__(self, persons: list[Person], known_literals: dict[str, list[tuple[str, int]]] | None = None):
        self.persons = persons
        table: dict[str, list[tuple[str, object]]] = {}

        def add(key: str, tag: str, payload: object) -> None:
            if key and len(key) >= 2:
                table.setdefault(key, []).append((tag, payload))

        partials: list[list[str]] = [[] for _ in persons]

        def add_all(keys, tag: str, idx: int) -> None:
            for key in keys:
                if len(key) >= 2:
                    if tag != FULL:
                        partials[idx].append(key)
                    lst = table.get(key)
                    if lst is None:
                        table[key] = [(tag, idx)]
                    else:
                        lst.append((tag, idx))

        for idx, p in enumerate(persons):
            fulls, surnames, givens = name_variants(p.name)
            main_last = next(iter(surnames), "")
            for written in p.aliases:
                if len(written.split()) == 1 and main_last:
                    # a one-word alias ("Becca") is another given name: "Becca Doe", "Doe, Becca"
                    written = f"{written} {main_last}"
                f, s_, g = name_variants(written)
                parts = written.split()
                if len(parts) > 1 and main_last and len(parts[0].strip(".")) > 1:
                    fulls |= name_variants(f"{parts[0]} {main_last}")[0]
                fulls |= f
                surnames |= s_
                givens |= g
            one_word = {v for v in fulls if " " not in v}  # a one-word alias behaves like a surname
            add_all(fulls - one_word, FULL, idx)
            surnames |= one_word
            add_all(surnames - fulls, SURNAME, idx)
            add_all(givens - surnames - fulls, GIVEN, idx)
        for cls in CUE_CLASSES:
            for phrase in data_lines(f"cues/{cls}.txt"):
                add(fold_string(phrase), CUE, cls)
        for t in titles():
            add(t, TITLE, t)
        for folded_value, entries in (known_literals or {}).items():
            for kind, idx in entries:
                add(folded_value, KNOWN, (kind, idx))

        # person -> the bare words (surname, given name) that may later stand for them
        self.partials_of = [tuple(p) for p in partials]
        self.automaton = ahocorasick.Automaton()
        add_word = self.automaton.add_word
        for key, values in table.items():
            # One entry per tag with every payload under it ("brown" -> all the Browns): a hit is
            # one tuple per occurrence, not one per person sharing the word.
            if len(values) == 1:
                groups = ((values[0][0], (values[0][1],)),)
            else:
                by_tag: dict[str, list] = {}
                for tag, payload in dict.fromkeys(values):
                    by_tag.setdefault(tag, []).append(payload)
                groups = tuple((t, tuple(p)) for t, p in by_tag.items())
            add_word(" " + key + " ", (key, len(key) + 2, groups))
        if len(self.automaton):
            self.automaton.make_automaton()
        self.empty = len(self.automaton) == 0

    def __getstate__(self) -> dict:
        # Persons (with their private values) stay out of pickles: the cache holds only the
        # automaton; the engine re-attaches the roster's persons after loading.
        state = dict(self.__dict__)
        state["persons"] = None
        return state

    def hits(self, folded: str) -> list[Hit]:
        """All whole-word hits in the folded stream.

        Keys are stored with a space on each side and the text is searched with one on each
        side, so every automaton match is already a whole-word match: no check per hit, and no
        wasted hits for short names inside longer words ("al" in "total").
        """
        if self.empty:
            return []
        padded = " " + folded + " "
        return [Hit(end - klen + 1, end - 1, tag, payload, key)
                for end, (key, klen, values) in self.automaton.iter(padded)
                for tag, payload in values]


@dataclass
class DocumentState:
    """What the document has said so far: persons whose full name appeared (for bare surnames)."""

    # person index -> absolute offset of the first full-name mention. Positions, not flags, so a
    # chunk scanned with look-ahead context cannot make a later mention count earlier.
    seen: dict[int, int] = field(default_factory=dict)
    base: int = 0  # absolute offset of the text being resolved
    # person -> first full mention written lower-case (a writer who does not capitalise names);
    # a position, like `seen`, so look-ahead context cannot change an earlier decision
    lowercase: dict[int, int] = field(default_factory=dict)
    # bare word -> {person index: first full mention} for the persons seen so far who may be
    # called by that word: a bare "Brown" looks only at the Browns this document has named.
    by_word: dict[str, dict[int, int]] = field(default_factory=dict)

    def copy(self) -> "DocumentState":
        return DocumentState(dict(self.seen), self.base, dict(self.lowercase),
                             {w: dict(d) for w, d in self.by_word.items()})

    def seen_before(self, idx: int, pos: int) -> bool:
        return self.seen.get(idx, 1 << 62) < self.base + pos

    def mark(self, idx: int, pos: int, words: tuple[str, ...] = ()) -> None:
        at = self.base + pos
        if at < self.seen.get(idx, 1 << 62):
            self.seen[idx] = at
            for w in words:
                self.by_word.setdefault(w, {})[idx] = at


def _capitalised(original: str, start: int, end: int) -> bool:
    """Bare surnames/given names count only when written as names (capitalised or all caps)."""
    ch = original[start:end].lstrip()[:1]
    return ch.isupper()


def resolve_names(index: NameIndex, ft: FoldedText, hits: list[Hit], state: DocumentState) -> tuple[list[Mention], list[Cue], list[Hit]]:
    """Hits -> (person mentions, cues, known-literal hits), in original offsets, left to right."""
    persons = index.persons
    name_hits = [h for h in hits if h.tag in (FULL, SURNAME, GIVEN)]
    cues: list[Cue] = []
    known: list[Hit] = []
    title_ends: dict[int, str] = {}
    for h in hits:
        if h.tag == CUE:
            s, e = ft.span_to_original(h.start, h.end)
            cls = h.payload[0]
            if cls == "label":
                # "House: 6120 Rockhill Ter" is a record label; "the house at" is not
                if not _LABEL_AFTER.match(ft.original, e):
                    continue
                cls = "possession"
            cues.append(Cue(s, e, cls, h.text))
        elif h.tag == TITLE:
            title_ends[h.end] = h.payload[0]
        elif h.tag == KNOWN:
            known.append(h)

    # Longest match wins at each place; overlapping shorter name hits are dropped.
    name_hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.tag != FULL))
    chosen: list[list[Hit]] = []
    last_end = -1
    for h in name_hits:
        if h.start >= last_end:
            chosen.append([h])
            last_end = h.end
        elif chosen and h.start == chosen[-1][0].start and h.end == chosen[-1][0].end:
            chosen[-1].append(h)  # same span, another tag

    mentions: list[Mention] = []
    folded = ft.folded
    by_word = state.by_word
    title_cache: dict[tuple, int | None] = {}
    for group in chosen:
        h0 = group[0]
        fulls = [i for h in group if h.tag == FULL for i in h.payload]
        title = None
        if not fulls:
            # A bare surname or given name: cheap rejection first (most are "Brown" in passing).
            title = title_ends.get(h0.start - 1)
            named = by_word.get(h0.text)
            if title is None and not named:
                continue
            cands = group[0].payload if len(group) == 1 else tuple(dict.fromkeys(i for h in group for i in h.payload))
        s, e = ft.span_to_original(h0.start, h0.end)
        person_idx = None
        how = h0.tag
        if fulls:
            person_idx = _prefer(persons, fulls, state, s)
            state.mark(person_idx, s, index.partials_of[person_idx])
            if not _capitalised(ft.original, s, e):
                at = state.base + s
                state.lowercase[person_idx] = min(state.lowercase.get(person_idx, at), at)
        else:
            titled = title is not None
            at = state.base + s
            seen_cands = [c for c, first in named.items() if first < at] if named else []
            if not _capitalised(ft.original, s, e) and not any(state.lowercase.get(c, at) < at for c in seen_cands):
                continue
            if len(seen_cands) > 1 and titled:
                seen_cands = [c for c in seen_cands if _fits_title(title, persons[c])] or seen_cands
            if len(seen_cands) == 1:
                person_idx = seen_cands[0]
                how = "title" if titled else h0.tag
            elif titled and any(h.tag == SURNAME for h in group) and not seen_cands:
                # depends only on the word and the title: resolved once per document chunk
                key = (cands, title)
                if key not in title_cache:
                    principals = [c for c in cands if not persons[c].is_family]
                    fitting = [c for c in principals if _fits_title(title, persons[c])]
                    pool = fitting or principals or cands
                    title_cache[key] = pool[0] if len(pool) == 1 else None
                person_idx = title_cache[key]
                how = "title"
            if person_idx is None:
                continue
        possessive = folded.startswith(" s ", h0.end) or folded[h0.end:h0.end + 2] == " s" and h0.end + 2 == len(folded)
        mentions.append(Mention(s, e, persons[person_idx], how, possessive))
    return mentions, cues, known


def _prefer(persons: list[Person], idxs: list[int], state: DocumentState, pos: int) -> int:
    """Several persons share a written name: the one already seen, else a principal, else the first."""
    for i in idxs:
        if state.seen_before(i, pos):
            return i
    for i in idxs:
        if not persons[i].is_family:
            return i
    return idxs[0]
