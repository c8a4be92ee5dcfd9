"""US street addresses (home addresses are what the ordinance's officers complained about).

What counts: a house number (`6184`, `12B`, `12 1/2`), an optional directional (`E`, `NW.`,
`East`), a street name of 1-4 capitalised or numbered words (`Main`, `47th`, `Martin Luther King`),
a USPS suffix from `data/street_suffixes.txt` (`St`, `Ave.`, `Terrace`, ...), an optional trailing
directional, an optional unit (`Apt 4B`, `#12`, `Suite 200`), and an optional tail
`, City, ST 64106` / `City ST 64106` / ` 64068` (city 1-3 capitalised words, a state code or
name from `data/us_states.txt`, a 5 or 9 digit ZIP). The span covers the whole address.
Also: a type before the name (`1015 Avenida Cesar E. Chavez`, `12000 E Highway 40`) and streets
with no type (`4750 Broadway`, `1600 The Paseo`) from `data/street_prefixes.txt`; any other
street without a suffix counts only with a full `, City, ST ZIP` tail. Right after a residence
cue (`lives at`, `resides at`, `home:`, `address:`, `crib`, ...) the street line may be in any
case (`lives at 411 askew ave`, `5730 OaK sT`) or have no suffix if the name is capitalised and
the number has 2+ digits (`lives at 4460 JARBOE in the Westside`; not `home: 2 kids`); those
spans carry `note="after cue"`.

What does not: PO boxes (not a home), `Route 66`, `5 Street Fighter games` (no name before the
suffix), numbers glued to `$`, `,`, `.`, `:` or `#` (`$23,000`, `01:19`), lower-case prose
(`20 miles down the road`), and an event named after a street: `2024 Main Street Festival` (a
capitalised event noun right after the suffix; or a year-like number after `the`/`a`/`an`).

`normalized` is the canonical street line only: house number, directional, name, suffix,
trailing directional, lower-cased and accent-folded, directionals and suffix in their canonical
long form (`6184 E 47th St` and `6184 East 47th Street, Kansas City, MO 64138` both give
`6184 east 47th street`); unit, city, state and ZIP are dropped. A span whose street has no
suffix (`4750 Broadway`, `lives at 4460 JARBOE`) has `note` containing `no suffix`: its
`normalized` (`4460 jarboe`) is a prefix of the roster's (`4460 jarboe street`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import (ADDRESS_LEAD, data_lines, data_table, digit_pass, fold_accents,
                      lower_same_length, positions, register_keywords)
from .base import Detector, register

# Capitalised words right after the suffix that make it an event or project, not a home.
_EVENT_NOUNS = frozenset(
    "festival fest parade fair market marathon celebration party project program programme "
    "association merchants bridge tunnel corridor initiative committee cleanup closure concert "
    "event expansion reconstruction improvements improvement streetscape plan district".split()
)
_ARTICLES = frozenset(("the", "a", "an"))
_PO_BOX = re.compile(r"(?:box|bx|pob|p\.?\s?o\.?)\s*#?\s*$", re.I)


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _variants(words, upper_only_short: bool = False) -> list[str]:
    out = []
    for w in words:
        out.append(w.upper())
        if not (upper_only_short and len(w) <= 2):
            out.append(w[:1].upper() + w[1:])
    return out


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        else:
            out.setdefault(current, []).append(line)
    return out


@lru_cache(maxsize=1)
def _tables():
    suffixes = data_table("street_suffixes.txt")
    directionals = data_table("directionals.txt")
    units = data_table("unit_designators.txt")
    states = {}
    for line in data_lines("us_states.txt"):
        code, *name = line.split()
        states[code] = code
        if name:
            states[" ".join(name)] = code
    sections = _sections("street_prefixes.txt")
    prefixes: dict[str, str] = {}
    for line in sections["prefix"]:
        # multi-word canonical forms (`county road`) have no abbreviations; single words may
        words = line.lower().split()
        if len(words) > 1 and words[0] in ("state", "us", "county", "farm"):
            prefixes[" ".join(words)] = " ".join(words)
        else:
            for w in words:
                prefixes[w] = words[0]
    return suffixes, directionals, units, states, prefixes, tuple(sections["standalone"])


_WS = r"[ \t]{1,3}"
_WORD = r"(?:[A-Z][A-Za-z'’\-]*\.?|[0-9]{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)(?![\w]))"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    suffixes, directionals, units, states, prefixes, standalone = _tables()
    ws, word = _WS, _WORD
    # not glued to a word or another number ("1,234" is money), but a CSV cell (",811 East") is fine
    num = r"(?P<num>[0-9](?<![\w$.:;/#@\-][0-9])(?<![0-9],[0-9])[0-9]{0,5}[A-Z]?(?:[ \t]1/2)?)(?![\w/,.:]|-\w)"
    dirs = r"(?:" + _alts(_variants(directionals, upper_only_short=True)) + r")(?![\w'’\-])\.?"
    suffix = r"(?P<suf>" + _alts(_variants(suffixes)) + r")(?![\w'’\-])\.?"
    titled = [" ".join(w.capitalize() for w in p.split()) for p in prefixes]
    prefix = r"(?P<pre>" + _alts(_variants(titled)).replace(r"\ ", ws) + r")(?![\w'’\-])\.?"
    alone = r"(?P<alone>" + _alts(_variants(standalone)).replace(r"\ ", ws) + r")(?![\w'’\-])"
    unit_words = _alts(_variants(units) + list(units))
    unit = (r"(?:,?[ \t]{0,3}(?:(?:" + unit_words + r")(?![\w])\.?[ \t]{0,3}#?[ \t]{0,2}|#[ \t]{0,2})"
            r"[A-Za-z0-9][A-Za-z0-9\-]{0,5}(?![\w]))")
    state = r"(?:" + _alts([s for s in states if s.isupper()] + [s for s in states if not s.isupper()]) + r")(?![\w])"
    city = r"[A-Z][A-Za-z'’.\-]*(?:[ \t]{1,3}[A-Z][A-Za-z'’.\-]*){0,2}"
    zip_ = r"[0-9]{5}(?:-[0-9]{4})?(?![\w\-])"
    tail = (r"(?:(?:,[ \t]{0,3}\n?[ \t]{0,3}|[ \t]{0,3}\n[ \t]{0,3}|[ \t]{1,3})"
            r"(?P<city>" + city + r")(?:,[ \t]{0,3}|[ \t]{1,3})(?P<state>" + state + r")"
            r"(?:,?[ \t]{1,3}(?P<zip>" + zip_ + r"))?"
            r"|,?[ \t]{1,3}(?P<zip2>" + zip_ + r"))")
    street = (
        r"(?:(?P<name>" + word + r"(?:" + ws + word + r"){0,3})" + ws + suffix
        + r"(?:" + ws + r"(?P<dir2>" + dirs + r"))?"
        r"|" + prefix + ws + r"(?P<name_c>[0-9]{1,4}[A-Z]?(?![\w])|" + word + r"(?:" + ws + word + r"){0,3})"
        r"|" + alone +
        # no suffix at all: only with a full `, City, ST ZIP` after it
        r"|(?P<name_b>" + word + r"(?:" + ws + word + r"){0,2})(?=,[ \t]{0,3}" + city + r",[ \t]{0,3}" + state +
        r",?[ \t]{1,3}" + zip_ + r"))"
    )
    # (?=[A-Z0-9]): most numbers are followed by a lower-case word; fail those before the branches.
    # `num + ws + (?=[A-Z0-9])` is `_common.ADDRESS_LEAD` (after its first digit): the shared digit
    # pass finds where this pattern can match with it, so change both together.
    lead = num + ws + r"(?=[A-Z0-9])(?:(?=[NSEW])(?P<dir>" + dirs + r")" + ws + r")?"
    return re.compile(lead + street + unit + "?" + tail + "?")


# A match starts at a number led like this; inside a zone, the number is a digit run's first digit.
_ZONE_LEAD = re.compile(r"[0-9]" + ADDRESS_LEAD)


def _candidates(text: str) -> list[int]:
    """Every position where `_pattern()` can match, sorted: the shared pass's house-number leads
    (outside zones) and the leads inside zones.

    The zones are searched in one go: each zone with the character before it (for the lead's
    lookbehind) and 16 after it (a lead's reach), joined by NULs, which no lead crosses."""
    dp = digit_pass(text)
    leads, zones = dp.address_leads, dp.zones
    if not zones:
        return leads
    firsts = [zs - 1 if zs else 0 for zs, _ in zones]
    segments = [text[f:ze + 16] for f, (_, ze) in zip(firsts, zones)]
    offsets = list(accumulate((len(seg) + 1 for seg in segments), initial=0))
    inner: list[int] = []
    i = 0
    for m in _ZONE_LEAD.finditer("\0".join(segments)):
        j = m.start()
        while offsets[i + 1] <= j:
            i += 1
        p = firsts[i] + j - offsets[i]
        if p < zones[i][1]:  # in the zone, not in the context after it
            inner.append(p)
    if not inner:
        return leads
    return sorted(leads + inner)


# Residence cues after which an address may be written in any case (`lives at 411 askew ave`,
# `crib 5730 OaK sT`) or with no suffix (`lives at 4460 JARBOE in the Westside`).
_CUES = ("lives at", "live at", "living at", "lives on", "resides at", "residing at", "residence:",
         "home:", "home address", "address:", "addr:", "house:", "crib", "stays at", "staying at", "moved to")
register_keywords(_CUES)
_STOP = frozenset("in on at near by with and but so next across off the a an of to is was has her his".split())


@lru_cache(maxsize=1)
def _relaxed() -> re.Pattern:
    suffixes, directionals, _, _, _, _ = _tables()
    word = r"[a-z0-9][a-z0-9'’\-]*"
    stop = r"(?!(?:" + "|".join(sorted(_STOP)) + r")\b)"
    return re.compile(
        r"[\s:,\-]{0,4}(?P<num>[0-9]{1,6}[a-z]?)(?![\w/,.:])[ \t]{1,3}"
        r"(?:(?P<dir>" + _alts(directionals) + r")\.?[ \t]{1,3})?"
        r"(?:(?P<name>" + word + r"(?:[ \t]{1,3}" + word + r"){0,3}?)[ \t]{1,3}"
        r"(?P<suf>" + _alts(suffixes) + r")(?![\w'’\-])"
        r"|(?P<name_r>" + stop + word + r"(?:[ \t]" + stop + word + r")?)"
        r"(?=[ \t]*(?:[,.;:!?)\n]|\Z|[ \t]+(?:" + "|".join(sorted(_STOP)) + r")\b)))",
        re.I,
    )


def _canon_token(tok: str, table: dict[str, str]) -> str:
    key = tok.lower().rstrip(".")
    return table.get(key, key)


@lru_cache(maxsize=8192)
def _street_line(num: str, dir_: str | None, name: str, suf: str | None, dir2: str | None,
                 pre: str | None = None) -> str:
    suffixes, directionals, _, _, prefixes, _ = _tables()
    parts = [num.lower().replace("\t", " ")]
    if dir_:
        parts.append(_canon_token(dir_, directionals))
    if pre:
        parts.append(prefixes.get(" ".join(pre.lower().rstrip(".").split()), pre.lower()))
    words = [w.rstrip(".").replace("’", "'").replace("'", "").lower() for w in name.split()]
    if words and not dir_ and not pre and words[0] in directionals:
        words[0] = directionals[words[0]]  # `123 N St` and `123 North St` compare equal
    words = ["saint" if w == "st" else w for w in words]
    parts.extend(words)
    if suf:
        parts.append(_canon_token(suf, suffixes))
    if dir2:
        parts.append(_canon_token(dir2, directionals))
    return fold_accents(" ".join(parts))


def _normalized(m: re.Match) -> str:
    g = m.groupdict()
    if g.get("name"):
        return _street_line(g["num"], g.get("dir"), g["name"], g["suf"], g.get("dir2"))
    if g.get("name_c"):
        return _street_line(g["num"], g.get("dir"), g["name_c"], None, None, g["pre"])
    if g.get("alone"):
        return _street_line(g["num"], g.get("dir"), g["alone"], None, None)
    return _street_line(g["num"], g.get("dir"), g.get("name_b") or g.get("name_r") or "", None, None)


@register
class AddressDetector(Detector):
    kind = Kind.ADDRESS
    default_severity = Severity.MEDIUM
    description = "US street address: number, directional, name, USPS suffix, unit, city, state, ZIP"
    EXAMPLES = {
        "match": ["lives at 6184 E 47th St.", "10946 West 59th Ter, Olathe, KS 66062",
                  "9693 West Elmwood Avenue Kansas City KS 66112", "3427 NW Indiana Ave. 64068",
                  "10978 S Main Street", "12 Elm St Apt 4B", "4750 Broadway, Kansas City, MO 64112",
                  "1015 Avenida Cesar E. Chavez", "lives at 918 w 61st terr, her", "crib 411 askew ave",
                  "lives at 4460 JARBOE in the Westside", "1600 The Paseo"],
        "no_match": ["PO Box 1234, Kansas City, MO 64106", "5 Street Fighter games", "Route 66",
                     "at 01:19 hours", "estimate $23,000", "the 2024 Main Street Festival",
                     "drove 20 miles down the road", "Suite 200", "I-435 Hwy", "lives at 15 and works",
                     "home: 2 kids and a dog"],
    }

    def find(self, text: str) -> Iterator[Span]:
        starts: set[int] = set()
        pattern = _pattern()
        # `_pattern().finditer(text)`, tried only where a match can start: at the house-number
        # leads of the shared digit pass, and at the leads inside its zones
        last_end = 0
        for pos in _candidates(text):
            if pos < last_end:
                continue
            m = pattern.match(text, pos)
            if m is None:
                continue
            start, end = m.span()
            last_end = end
            lo = max(0, start - 12)
            before = text[lo:start]
            # every PO-box form holds an x or a p (box, bx, pob, p.o.): test for those first
            if ("x" in before or "p" in before or "X" in before or "P" in before) and _PO_BOX.search(text, lo, start):
                continue
            if self._event(text, start, end, m.group("num")):
                continue
            starts.add(start)
            yield self.span(start, end, _normalized(m), note="" if m.group("suf") or m.group("pre") else "no suffix")
        yield from self._after_cues(text, starts)

    def _after_cues(self, text: str, starts: set[int]) -> Iterator[Span]:
        """Any-case or suffix-less street lines right after a residence cue (`lives at 411 askew ave`)."""
        low = lower_same_length(text)
        for i, cue in positions(text, _CUES):
            j = i + len(cue)
            if (i == 0 or not low[i - 1].isalpha()) and (j >= len(low) or not low[j].isalpha()):
                m = _relaxed().match(text, j)
                if m and m.start("num") not in starts and not (m.group("name_r") and (
                        self._stop(m.group("name_r")) or len(m.group("num")) < 2)):
                    starts.add(m.start("num"))
                    note = "after cue" + ("; no suffix" if m.group("name_r") else "")
                    yield self.span(m.start("num"), m.end(), _normalized(m), note=note)

    @staticmethod
    def _stop(name: str) -> bool:
        """A suffix-less street after a cue must look like a name: capitalised, no stop word."""
        return any(w.lower() in _STOP or not w[0].isupper() for w in name.split())

    @staticmethod
    def _event(text: str, start: int, end: int, num: str) -> bool:
        after = text[end:end + 30].split(None, 1)
        if after and after[0][:1].isupper() and after[0].strip(".,;:").lower() in _EVENT_NOUNS:
            return True
        if len(num) != 4 or num[:2] not in ("19", "20"):
            return False
        before = text[max(0, start - 8):start].split()
        return bool(before) and before[-1].lower() in _ARTICLES

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster address -> canonical street line (`6184 east 47th street`), or None."""
        raw = " ".join(raw.split())
        m = _pattern().search(raw)
        if m and m.start() == 0:
            return _normalized(m)
        # no suffix we know: the part before the first comma, canonicalised token by token
        street = raw.split(",", 1)[0].strip()
        toks = street.split()
        if len(toks) < 2 or not toks[0][:1].isdigit():
            return None
        _, directionals, units, _, _, _ = _tables()
        for i, t in enumerate(toks):  # drop a unit and what follows it
            if i > 1 and (t.startswith("#") or t.lower().rstrip(".") in units):
                toks = toks[:i]
                break
        dir_ = toks[1] if len(toks) > 2 and toks[1].lower().rstrip(".") in directionals else None
        name = " ".join(toks[2:] if dir_ else toks[1:])
        suffixes = _tables()[0]
        last = name.split()[-1] if name else ""
        if last and last.lower().rstrip(".") in suffixes and len(name.split()) > 1:
            return _street_line(toks[0], dir_, name.rsplit(None, 1)[0], last, None)
        return _street_line(toks[0], dir_, name, None, None)
