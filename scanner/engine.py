"""scan_text: fold -> match (automaton + detectors) -> known values -> link -> suppress -> mask.

The `Scanner` is the library API and what the CLI drives:

    from scanner import Scanner, load_roster
    findings = Scanner(roster=load_roster("roster.csv")).scan_text(text, path="memo.txt")
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .cache import cached
from .detectors import DetectorOptions, registry
from .fingerprint import fingerprint, fingerprint_key
from .known import KnownValues, normalize
from .link import Linker
from .mask import mask_value
from .model import Finding, Kind, Person, Severity, Span
from .names import DocumentState, NameIndex, resolve_names
from .roster import Roster
from .suppress import allowed_lines
from .text import FoldedText, LineIndex, ascii_forms, fold_string, strip_invisible

MAX_LINE_SHOWN = 240  # characters of a line kept around a match in text output


@dataclass
class ScanOptions:
    region: str = "US"
    kinds: set[str] | None = None          # enabled kinds; None = all
    allow: list[str] = field(default_factory=list)
    reveal: bool = False
    roster_key: bytes | None = None
    context: int = 0        # lines of context kept around each finding for text output
    render_lines: bool = True  # build each finding's display line (only text output needs it)
    link_window: int = 250  # max characters between a mention and a value tied by position


def _priority(span: Span, known: bool) -> tuple:
    order = {Kind.CARD: 5, Kind.SSN: 4, Kind.BANK_ACCOUNT: 3}
    return (known, order.get(span.kind, 0), span.end - span.start)


def _owner(owners: list[int], persons: list[Person], mentions, pos: int) -> int:
    """A value several roster persons share (siblings' school): the one the document names,
    nearest before the value, else named after it, else the first in the roster."""
    if len(owners) == 1:
        return owners[0]
    ids = {persons[i].id: i for i in owners}
    before = [m for m in mentions if m.person.id in ids and m.start < pos]
    if before:
        return ids[before[-1].person.id]
    after = [m for m in mentions if m.person.id in ids]
    return ids[after[0].person.id] if after else owners[0]


def _inside(sorted_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) within one of the sorted, non-overlapping spans?"""
    i = bisect_left(sorted_spans, (start + 1,)) - 1
    return i >= 0 and sorted_spans[i][0] <= start and end <= sorted_spans[i][1]


class Scanner:
    def __init__(self, roster: Roster | None = None, options: ScanOptions | None = None, **kw) -> None:
        self.options = options or ScanOptions(**kw)
        self.roster = roster or Roster()
        self.persons: list[Person] = self.roster.persons
        enabled = self.options.kinds
        det_opts = DetectorOptions(region=self.options.region)
        self.detectors = [cls(det_opts) for rule, cls in registry().items()
                          if enabled is None or cls.kind.value in enabled]
        self.names_enabled = enabled is None or "name" in enabled
        self.known, self.index = cached(
            (self.roster.content_key(), self.options.region, self.names_enabled), len(self.persons),
            self._build_matchers)
        self.index.persons = self.persons if self.names_enabled else []
        self.known.set_key(self.options.roster_key)
        self.allowed = self._allow_set(self.options.allow)
        self.fp_key = fingerprint_key()
        self.by_id = {p.id: p for p in self.persons}

    def _build_matchers(self) -> tuple[KnownValues, NameIndex]:
        known = KnownValues(self.persons)
        return known, NameIndex(self.persons if self.names_enabled else [], known.literals)

    def _allow_set(self, values: list[str]) -> set[tuple[str, str]]:
        out = set()
        kinds = {cls.kind.value for cls in registry().values()}
        for v in values:
            for kind in kinds:
                n = normalize(kind, v)
                if n:
                    out.add((kind, n))
            out.add(("raw", fold_string(v)))
        return out

    # ------------------------------------------------------------------ public API
    def scan_text(self, text: str, path: str = "-", state: DocumentState | None = None) -> list[Finding]:
        """All findings in `text`, sorted by position, values masked unless reveal was asked."""
        return self._scan(text, path, state or DocumentState())

    def advance_state(self, text: str, state: DocumentState) -> None:
        """Update `state` with the names `text` mentions, exactly as scan_text would, without the rest.

        Lets a large file be scanned in parallel chunks: the parent walks the names chunk by chunk
        (the cheap part) and each worker scans its chunk from the state the chunks before it left.
        """
        if text and self.names_enabled:
            ft = FoldedText(text)
            resolve_names(self.index, ft, self.index.hits(ft.folded), state)

    # ------------------------------------------------------------------ stages
    def _match(self, text: str, state: DocumentState):
        ft = FoldedText(text)
        hits = self.index.hits(ft.folded)
        mentions, cues, literal_hits = resolve_names(self.index, ft, hits, state)
        spans = self._detect(text)
        for h in literal_hits:
            s, e = ft.span_to_original(h.start, h.end)
            for kind in dict.fromkeys(k for k, _ in h.payload):
                spans.append(Span(s, e, Kind(kind), kind, normalize(kind, text[s:e]) or h.text))
        return mentions, cues, spans

    def _detect(self, text: str) -> list[Span]:
        """Run the detectors; zero-width characters hidden inside values are looked through."""
        view, back = strip_invisible(ascii_forms(text))
        spans: list[Span] = []
        for det in self.detectors:
            spans.extend(det.find(view))
        if back is not None:
            for sp in spans:
                sp.start, sp.end = back(sp.start), back(sp.end - 1) + 1
        return spans

    def _resolve_known(self, text: str, spans: list[Span]) -> list[tuple[Span, list[int]]]:
        """Attach known-value owners; drop confirm-only candidates nobody owns; drop overlaps."""
        scored = []
        for s in spans:
            owners = self.known.lookup(s.kind, s.normalized) if s.normalized else []
            if s.confirm_only and not owners:
                continue
            scored.append((s, owners))
        scored.sort(key=lambda so: _priority(so[0], bool(so[1])), reverse=True)
        kept: list[tuple[Span, list[int]]] = []
        starts: list[int] = []   # kept spans never overlap, so sorted starts imply sorted ends
        ends: list[int] = []
        for s, owners in scored:
            i = bisect_left(starts, s.start)
            if (i > 0 and ends[i - 1] > s.start) or (i < len(starts) and starts[i] < s.end):
                continue
            starts.insert(i, s.start)
            ends.insert(i, s.end)
            kept.append((s, owners))
        kept.sort(key=lambda so: so[0].start)
        return kept

    def _is_allowed(self, text: str, s: Span) -> bool:
        if not self.allowed:
            return False
        return (s.kind.value, s.normalized) in self.allowed or ("raw", fold_string(text[s.start:s.end])) in self.allowed

    def _scan(self, text: str, path: str, state: DocumentState) -> list[Finding]:
        if not text:
            return []
        mentions, cues, spans = self._match(text, state)
        pii = self._resolve_known(text, spans)
        emails = [(s.start, s.end) for s, _ in pii if s.kind == Kind.EMAIL]
        if emails:  # "angie.whit81@..." is an address, not a mention of Angie
            mentions = [m for m in mentions if not _inside(emails, m.start, m.end)]
        pii = [(s, o) for s, o in pii if not self._is_allowed(text, s)]
        # sentence/paragraph structure is only needed when there is a value to link
        linker = Linker(text, [s for s, _ in pii], mentions, cues, self.options.link_window) if pii else None
        lines = LineIndex(text)
        silenced = allowed_lines(text)
        raw: list[tuple[int, int, Kind, Severity, str, Person | None, str, bool, str]] = []
        for m in mentions:
            how = {"full": "name", "title": "title and surname", "surname": "surname after the full name",
                   "given": "first name after the full name"}.get(m.how, m.how)
            raw.append((m.start, m.end, Kind.NAME, Severity.LOW, "name", m.person,
                        f"roster name of {m.person.id} ({how}); a name alone is low", False,
                        m.person.id))
        for s, owners in pii:
            if owners:
                p = self.persons[_owner(owners, self.persons, mentions, s.start)]
                raw.append((s.start, s.end, s.kind, Severity.CRITICAL, s.rule, p,
                            f"known {s.kind} of {p.id} ({p.name}) from the roster", True, s.normalized))
                continue
            lk = linker.link(s)
            raw.append((s.start, s.end, s.kind, lk.severity, s.rule, lk.person, lk.reason, False, s.normalized))
        raw.sort(key=lambda r: (r[0], r[1]))
        findings: list[Finding] = []
        for start, end, kind, sev, rule, person, reason, known, norm in raw:
            line, col = lines.line_col(start)
            if line in silenced:
                continue
            end_line, end_col = lines.line_col(end)
            value = text[start:end]
            fam = self.by_id.get(person.family_of) if person is not None and person.family_of else None
            if fam is not None and "family of" not in reason:
                reason += f"; family of {fam.id} ({fam.name})"
            findings.append(Finding(
                path=path, start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col,
                kind=kind, severity=sev, rule=rule,
                value=value if self.options.reveal else mask_value(value),
                reason=reason, fingerprint=fingerprint(self.fp_key, path, kind.value, norm),
                person=person, family_of=fam, known_value=known,
            ))
        if self.options.render_lines:
            self._attach_lines(text, lines, findings)
        return findings

    def _attach_lines(self, text: str, lines: LineIndex, findings: list[Finding]) -> None:
        """Give each finding its display line: every finding on it masked (once, merged), cut to
        MAX_LINE_SHOWN around the finding. Masking keeps lengths, so offsets carry over."""
        by_line: dict[int, list[Finding]] = {}
        for f in findings:
            by_line.setdefault(f.line, []).append(f)
        rendered: dict[int, tuple[int, str]] = {}

        def render(line_no: int) -> tuple[int, str]:
            if line_no not in rendered:
                ls, le = lines.line_bounds(line_no)
                out, pos = [], ls
                for a, b in _merged((max(g.start, ls), min(g.end, le)) for g in by_line.get(line_no, ())):
                    out.append(text[pos:a])
                    out.append(text[a:b] if self.options.reveal else mask_value(text[a:b]))
                    pos = b
                out.append(text[pos:le])
                rendered[line_no] = (ls, "".join(out).replace("\t", " ").replace("\r", " "))
            return rendered[line_no]

        half = MAX_LINE_SHOWN // 2
        ctx = self.options.context
        last = len(lines.starts)
        for line_no, fs in by_line.items():
            ls, line = render(line_no)
            for f in fs:
                a, b = f.start - ls, min(f.end - ls, len(line))
                lo = max(0, a - half)
                hi = min(len(line), max(b, lo) + half)
                prefix = "…" if lo > 0 else ""
                f.line_text = prefix + line[lo:hi] + ("…" if hi < len(line) else "")
                f.line_span = (a - lo + len(prefix), b - lo + len(prefix))
                if ctx:
                    around = [n for n in range(max(1, line_no - ctx), min(last, line_no + ctx) + 1) if n != line_no]
                    f.context_lines = [(n, _cut(render(n)[1], MAX_LINE_SHOWN)) for n in around]


def _merged(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _cut(line: str, n: int) -> str:
    return line if len(line) <= n else line[:n] + "…"
