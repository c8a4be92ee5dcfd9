"""Analysis: tie each PII span to the roster person it exposes, and decide its severity.

The rules (SPEC "Findings"):
- a known value of a roster person is critical, linked to that person, named or not;
- an incident or public-venue cue right before the value ("the scene at", "held at", "City
  Hall") makes it a place of work or of an event: medium, unlinked;
- a value in the same sentence, line or record as a person's mention is tied by position
  (high); with a cue of possession or residence ("lives at", "her cell", "Doe's", "HOME:") in
  that sentence, or in the paragraph, it is critical;
- a possession cue right before the value with no mention in the sentence ties it to the
  person most recently mentioned (in the paragraph, or just before it: "She lives at ...");
- a third party between the mention and the value ("the victim, who lives at") breaks the tie;
- otherwise the value is medium (ip: info), unlinked. ssn/card/bank_account are never below high.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .model import Kind, Person, Severity, Span
from .names import Cue, Mention

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENT_END = re.compile(r"[.!?;]+(?=[\s\"')\]]|$)|\n")
_CAPITAL_NEXT = re.compile(r"\s+[\"'(]?[A-Z]")
_LABEL_LINE = re.compile(r"^\s*[A-Za-z][A-Za-z .#/_-]{0,30}\s*[:=]", re.M)
# Words after which a '.' does not end a sentence (titles, initials, common abbreviations).
_NO_BREAK_BEFORE = frozenset(
    "mr mrs ms dr sgt det lt capt cpt ofc insp cpl col maj gen gov rep sen hon st jr sr no vs etc "
    "approx dept inc co corp e w n s ne nw se sw ft mt apt ste".split()
)
UNLINK_CUES = ("incident", "venue")
_PRONOUNS = frozenset("he she they his her their him them".split())
GOVERN_WINDOW = 60      # a cue governs a value if it ends at most this many characters before it
AFTER_WINDOW = 30       # venue words right after a value ("1125 Locust St (headquarters)")
CROSS_PARAGRAPH = 600   # "She lives at ..." may refer to a person named this far back
# No decision looks further than this from a value: paragraphs and lines are clipped to it, so a
# chunked scan with more overlap than CONTEXT_RADIUS + CROSS_PARAGRAPH decides exactly as a whole one.
PARA_CAP = 2000
CONTEXT_RADIUS = PARA_CAP + CROSS_PARAGRAPH + 300


@dataclass
class Link:
    severity: Severity
    person: Person | None
    reason: str


class Structure:
    """Paragraph, sentence and line boundaries of one text, for position look-ups by bisect."""

    def __init__(self, text: str, protected: list[tuple[int, int]]):
        self.text = text
        n = len(text)
        self.para_starts = [0] + [m.end() for m in _PARA_BREAK.finditer(text)]
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        ends: list[int] = []
        prose: list[int] = []
        prot = sorted(protected)
        prot_starts = [s for s, _ in prot]
        for m in _SENT_END.finditer(text):
            pos = m.start()
            if text[pos] != "\n":
                i = bisect_right(prot_starts, pos) - 1
                if i >= 0 and prot[i][0] <= pos < prot[i][1] and not (
                        pos == prot[i][1] - 1 and _CAPITAL_NEXT.match(text, pos + 1)):
                    continue  # a dot inside an address or number is not a sentence end (its last one may be)
                j = pos
                while j > 0 and pos - j < 13 and text[j - 1].isalpha():
                    j -= 1
                word = text[j:pos]
                if word and (len(word) == 1 or word.lower() in _NO_BREAK_BEFORE):
                    continue
            ends.append(m.end())
            if "." in m.group(0) or "!" in m.group(0) or "?" in m.group(0):
                prose.append(m.end())  # a prose sentence end; ';' and line breaks are not
        self.sent_starts = [0] + ends
        self.prose_ends = prose
        self._records: dict[int, bool] = {}
        self.n = n

    @staticmethod
    def _bounds(starts: list[int], pos: int, n: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        return starts[i], (starts[i + 1] if i + 1 < len(starts) else n)

    def paragraph(self, pos: int) -> tuple[int, int]:
        s, e = self._bounds(self.para_starts, pos, self.n)
        return max(s, pos - PARA_CAP), min(e, pos + PARA_CAP)

    def sentence(self, pos: int) -> tuple[int, int]:
        s, e = self._bounds(self.sent_starts, pos, self.n)
        ps, pe = self.paragraph(pos)
        return max(s, ps), min(e, pe)

    def line(self, pos: int) -> tuple[int, int]:
        s, e = self._bounds(self.line_starts, pos, self.n)
        return max(s, pos - PARA_CAP), min(e, pos + PARA_CAP)

    def prose_break_between(self, a: int, b: int) -> bool:
        """Is there a prose sentence end in [a, b)?"""
        if b <= a:
            return False
        i = bisect_left(self.prose_ends, a)
        return i < len(self.prose_ends) and self.prose_ends[i] <= b

    def is_record(self, pos: int) -> bool:
        """A short block of `LABEL: value` lines (NAME: … HOME: … CELL: …) reads as one record.

        Judged on the whole paragraph, once per paragraph; one longer than PARA_CAP is prose, not
        a record (which also keeps the answer the same whatever chunk the paragraph is seen in).
        """
        s, e = self._bounds(self.para_starts, pos, self.n)
        if e - s > PARA_CAP:
            return False
        if s not in self._records:
            block = self.text[s:e]
            self._records[s] = block.count("\n") <= 30 and len(_LABEL_LINE.findall(block)) >= 2
        return self._records[s]


def _who(p: Person) -> str:
    return f"{p.id} ({p.name})"


class Linker:
    def __init__(self, text: str, spans: list[Span], mentions: list[Mention], cues: list[Cue], window: int = 250):
        self.text = text
        self.window = window
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.cues = cues
        self.cue_starts = [c.start for c in cues]
        self.structure = Structure(text, [(s.start, s.end) for s in spans])

    def _cues_in(self, lo: int, hi: int, classes: tuple[str, ...]) -> list[Cue]:
        i = bisect_left(self.cue_starts, lo)
        out = []
        while i < len(self.cues) and self.cues[i].start < hi:
            c = self.cues[i]
            if c.end <= hi and c.cls in classes:
                out.append(c)
            i += 1
        return out

    def _mentions_in(self, lo: int, hi: int) -> list[Mention]:
        i = bisect_left(self.mention_starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            out.append(self.mentions[i])
            i += 1
        return out

    def _pronoun_led(self, cue: Cue) -> bool:
        if cue.phrase.split(" ", 1)[0] in _PRONOUNS:
            return True
        before = self.text[max(0, cue.start - 12):cue.start].split()
        return bool(before) and before[-1].lower().strip(",.;:'’") in _PRONOUNS

    def _third_party_between(self, a: int, b: int) -> Cue | None:
        lo, hi = min(a, b), max(a, b)
        found = self._cues_in(lo, hi, ("third_party",))
        return found[-1] if found else None

    def _nearest(self, span: Span, rng: tuple[int, int]) -> Mention | None:
        lo, hi = max(rng[0], span.start - self.window), min(rng[1], span.end + self.window)
        ms = [m for m in self._mentions_in(lo, hi) if m.end <= span.start or m.start >= span.end]
        before = [m for m in ms if m.end <= span.start]
        if before:
            return before[-1]
        after = [m for m in ms if m.start >= span.end]
        return after[0] if after else None

    def link(self, span: Span) -> Link:
        st = self.structure
        para = st.paragraph(span.start)
        sent = st.sentence(span.start)
        line = st.line(span.start)
        floor = span.floor
        default = Severity.INFO if span.kind == Kind.IP else Severity.MEDIUM

        def done(sev: Severity, person: Person | None, reason: str) -> Link:
            if floor is not None and sev < floor:
                return Link(floor, person, f"{span.kind} is {floor} anywhere; " + reason)
            return Link(sev, person, reason)

        # The cue that governs the value: the nearest one before it in its sentence (or line).
        scope_lo = min(sent[0], line[0]) if sent[0] >= line[0] else sent[0]
        scope_lo = max(scope_lo, span.start - GOVERN_WINDOW, para[0])
        before = self._cues_in(scope_lo, span.start, ("possession",) + UNLINK_CUES)
        governing = before[-1] if before else None
        if governing is None or governing.cls not in UNLINK_CUES:
            after_hi = min(line[1], span.end + AFTER_WINDOW)
            after = self._cues_in(span.end, after_hi, ("venue",))
            if after and span.kind in (Kind.ADDRESS, Kind.PHONE, Kind.EMAIL):
                governing = after[0]
        if governing is not None and governing.cls in UNLINK_CUES and span.kind not in (Kind.SSN, Kind.CARD, Kind.BANK_ACCOUNT, Kind.DOB, Kind.HEALTH):
            what = "an incident" if governing.cls == "incident" else "work or of a public event"
            return done(default, None, f"place of {what} ('{governing.phrase}'); not linked")

        # Tied by position: same sentence, else same line, else same record.
        tied, how = None, ""
        tied = self._nearest(span, sent)
        how = "sentence" if tied else ""
        if tied is None:
            # Same line: a record line (CSV row, "Doe -- 12 Elm St -- 816-..."), not a paragraph
            # typed on one line: no prose sentence end may stand between the mention and the value.
            cand = self._nearest(span, line)
            if cand is not None and not st.prose_break_between(cand.end, span.start) \
                    and not st.prose_break_between(span.end, cand.start):
                tied, how = cand, "line"
        if tied is None and st.is_record(span.start):
            tied = self._nearest(span, para)
            how = "record" if tied else ""
        if tied is not None:
            if tied.end <= span.start:
                blocker = self._third_party_between(tied.end, span.start)
            else:  # the person is named after the value: "The suspect, ..., lives at X. Officer Doe ..."
                blocker = self._third_party_between(sent[0], span.start) or self._third_party_between(span.end, tied.start)
            if blocker is not None and how != "record":
                return done(default, None, f"belongs to a third party ('{blocker.phrase}'); not linked")

        local_cue = governing if governing is not None and governing.cls == "possession" else None
        if local_cue is None:
            near = self._cues_in(min(sent[0], line[0]), max(sent[1], line[1]), ("possession",))
            local_cue = near[0] if near else None
        if tied is not None:
            if local_cue is not None:
                return done(Severity.CRITICAL, tied.person, f"tied to {_who(tied.person)} by the cue '{local_cue.phrase}'")
            if tied.possessive and tied.end <= span.start:
                return done(Severity.CRITICAL, tied.person, f"tied to {_who(tied.person)} by the possessive '{self.text[tied.start:tied.end]}'s'")
            para_cues = self._cues_in(para[0], para[1], ("possession",))
            if para_cues:
                return done(Severity.CRITICAL, tied.person, f"same {how} as {_who(tied.person)}, with the cue '{para_cues[0].phrase}' in the paragraph")
            return done(Severity.HIGH, tied.person, f"same {how} as {_who(tied.person)}")

        # A possession cue right before the value, with the person named earlier.
        if governing is not None and governing.cls == "possession":
            # Within the paragraph any cue will do; reaching into an earlier paragraph takes a
            # pronoun ("She lives at", "his cell"): a bare label like "SSN:" may be anybody's.
            lo = para[0] - CROSS_PARAGRAPH if self._pronoun_led(governing) else para[0]
            earlier = self._mentions_in(max(0, lo), governing.start)
            if earlier:
                m = earlier[-1]
                if self._third_party_between(m.end, span.start) is None:
                    return done(Severity.CRITICAL, m.person, f"tied to {_who(m.person)} by the cue '{governing.phrase}'")
        return done(default, None, "not linked to a roster person")
