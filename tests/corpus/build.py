"""Build the quality corpus (docs/*.txt + labels.jsonl) from the annotated sources in src/.

    python tests/corpus/build.py            # rewrite docs/ and labels.jsonl, then verify
    python tests/corpus/build.py --check    # verify only (exit 1 on any problem)

Source format (src/<category>.txt): documents separated by header lines

    ==== <doc-stem> [hard] [template=<free text>]

and, inside a document, labelled spans written as

    [[KIND PERSON FLAGS|text]]

KIND is a SPEC kind (name, ssn, card, phone, ...). PERSON is a roster id or '-' (not linked).
FLAGS (any order): 'known' (the value is that person's roster value, possibly reformatted),
'crit' / 'high' / 'med' / 'low' / 'info' (min_severity), 'opt' (optional: allow-listed public
value or a value a scanner may or may not report; it is neither a miss nor a false positive).
Default min_severity: name -> low; ssn/card/bank_account -> high; ip -> info; known -> critical;
other kinds -> critical when linked to a person, medium when not.
Tokens <U+XXXX> anywhere are replaced by that code point first (zero-width characters,
Cyrillic/Greek look-alikes), so the sources stay readable.

The category of every document is the source file's name; expect_gate is 'fail' for dox_post,
known_leak, generic_pii and obfuscated, 'pass' otherwise. Offsets are 0-based code points,
end exclusive, computed from the final text and verified (text == doc[start:end]).
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
DOCS = HERE / "docs"
LABELS = HERE / "labels.jsonl"
ROSTER = HERE / "roster.csv"

CATEGORIES = ["clean_press", "incident", "dox_post", "known_leak", "generic_pii", "near_miss", "obfuscated"]
FAIL_CATEGORIES = {"dox_post", "known_leak", "generic_pii", "obfuscated"}
KINDS = {"name", "ssn", "card", "phone", "email", "address", "dob", "school", "health", "plate", "gps", "ip",
         "bank_account"}
SEV = {"crit": "critical", "high": "high", "med": "medium", "low": "low", "info": "info"}
ALWAYS_HIGH = {"ssn", "card", "bank_account"}

HEADER = re.compile(r"^==== (\S+)(.*)$", re.M)
MARK = re.compile(r"\[\[([a-z_]+)(?: +([A-Za-z0-9-]+))?((?: +[a-z]+)*)\|(.*?)\]\]", re.S)
UPLUS = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Latin look-alikes, only for the self-checks below (the scanner has its own folding).
CONFUSABLES = str.maketrans("АВЕКМНОРСТХаеорсухіїјΑΒΕΖΗΙΚΜΝΟΡΤΥΧοѕ", "ABEKMHOPCTXaeopcyxiijABEZHIKMNOPTYXos")


def load_roster() -> dict[str, dict]:
    with ROSTER.open(encoding="utf-8-sig", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(ZERO_WIDTH).translate(CONFUSABLES)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s.casefold().replace("\u2019", "'")


def digits(s: str) -> str:
    d = "".join(c for c in s if c.isdigit())
    return d[1:] if len(d) == 11 and d.startswith("1") else d


def values(row: dict, kind: str) -> list[str]:
    return [v.strip() for v in (row.get(kind) or "").split(";") if v.strip()]


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(s: str) -> date | None:
    s = fold(s).strip().rstrip(".")
    m = re.fullmatch(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})", s)
    if m:
        y = int(m[3])
        y = y + (1900 if y > 30 else 2000) if y < 100 else y
        return date(y, int(m[1]), int(m[2]))
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", s)
    if m and m[1][:3] in _MONTHS:
        return date(int(m[3]), _MONTHS[m[1][:3]], int(m[2]))
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})", s)
    if m and m[2][:3] in _MONTHS:
        return date(int(m[3]), _MONTHS[m[2][:3]], int(m[1]))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    return None


_STREET = {"st": "street", "ave": "avenue", "av": "avenue", "rd": "road", "ln": "lane", "ter": "terrace",
           "terr": "terrace", "pkwy": "parkway", "blvd": "boulevard", "dr": "drive", "trfy": "trafficway",
           "e": "east", "w": "west", "n": "north", "s": "south",
           "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest"}


def addr_key(s: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(s))
    words = [_STREET.get(w, w) for w in words]
    return " ".join(words[:3])


def same_value(kind: str, text: str, roster_value: str) -> bool:
    if kind in ("phone", "ssn"):
        return digits(text) == digits(roster_value)
    if kind == "dob":
        return parse_date(text) is not None and parse_date(text) == parse_date(roster_value)
    if kind == "address":
        return addr_key(text) == addr_key(roster_value)
    if kind == "plate":
        return re.sub(r"[^a-z0-9]", "", fold(text)) == re.sub(r"[^a-z0-9]", "", fold(roster_value))
    if kind == "email":
        t = re.sub(r"\s*[\[(]\s*at\s*[\])]\s*", "@", fold(text))
        t = re.sub(r"\s*[\[(]\s*dot\s*[\])]\s*", ".", t)
        return t.replace(" ", "") == fold(roster_value)
    if kind == "school":
        a, b = re.findall(r"[a-z]+", fold(text)), re.findall(r"[a-z]+", fold(roster_value))
        return a[:2] == b[:2]
    return fold(text) == fold(roster_value)


def luhn_ok(d: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def ssn_ok(d: str) -> bool:
    return len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"


def parse_source(path: Path) -> list[tuple[str, dict, str]]:
    raw = UPLUS.sub(lambda m: chr(int(m[1], 16)), path.read_text(encoding="utf-8"))
    heads = list(HEADER.finditer(raw))
    out = []
    for i, h in enumerate(heads):
        body = raw[h.end() + 1: heads[i + 1].start() if i + 1 < len(heads) else len(raw)]
        body = body.strip("\n") + "\n"
        meta = {"hard": False, "template": path.stem}
        for tok in h[2].split():
            if tok == "hard":
                meta["hard"] = True
            elif tok.startswith("template="):
                meta["template"] = tok.split("=", 1)[1]
        out.append((h[1], meta, body))
    return out


def render(body: str, roster: dict[str, dict], where: str, problems: list[str]) -> tuple[str, list[dict]]:
    text_parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(body):
        before = body[pos:m.start()]
        text_parts.append(before)
        length += len(before)
        kind, person, flags, value = m[1], m[2], (m[3] or "").split(), m[4]
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        person = None if person in (None, "-") else person
        if person is not None and person not in roster:
            problems.append(f"{where}: unknown person {person!r}")
        known = "known" in flags
        sev = next((SEV[f] for f in flags if f in SEV), None)
        if sev is None:
            if kind == "name":
                sev = "low"
            elif kind in ALWAYS_HIGH and not known:
                sev = "high"
            elif kind == "ip":
                sev = "info"
            elif known or person:
                sev = "critical"
            else:
                sev = "medium"
        for f in flags:
            if f not in SEV and f not in ("known", "opt"):
                problems.append(f"{where}: unknown flag {f!r}")
        span = {"start": length, "end": length + len(value), "kind": kind, "person": person,
                "known_value": known, "min_severity": sev}
        if "opt" in flags:
            span["optional"] = True
        span["text"] = value
        spans.append(span)
        text_parts.append(value)
        length += len(value)
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        problems.append(f"{where}: unparsed markup left in text")
    return text, spans


def check_doc(name: str, category: str, text: str, spans: list[dict], roster: dict[str, dict],
              problems: list[str]) -> None:
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover
        phonenumbers = None
    where = f"docs/{name}"
    for s in spans:
        if text[s["start"]:s["end"]] != s["text"]:
            problems.append(f"{where}: offset mismatch for {s['text']!r}")
        kind, val, person = s["kind"], s["text"], s["person"]
        if kind == "phone" and phonenumbers is not None:
            squashed = re.sub(r"\s*\.\s*", ".", val)
            num = phonenumbers.parse(re.sub(r"[^\d+]", "", squashed) or "0", "US")
            if not phonenumbers.is_valid_number(num):
                problems.append(f"{where}: phone {val!r} is not valid per phonenumbers")
        if kind == "ssn" and not ssn_ok(digits(val)):
            problems.append(f"{where}: ssn {val!r} breaks the SSA rules")
        if kind == "card":
            d = digits(val)
            if not luhn_ok(d):
                problems.append(f"{where}: card {val!r} fails Luhn")
        if kind == "name" and person is not None:
            row = roster[person]
            names = [row["name"], *values(row, "aliases")]
            tokens = {t for n in names for t in re.findall(r"[a-z]+", fold(n))}
            got = re.findall(r"[a-z]+", fold(val))
            initials = {t[0] for t in tokens}
            if not got or not all(g in tokens or (len(g) == 1 and g in initials) for g in got) \
                    or all(len(g) == 1 for g in got):
                problems.append(f"{where}: name {val!r} does not look like {person} {row['name']!r}")
        if s["known_value"]:
            if person is None:
                problems.append(f"{where}: known value {val!r} without a person")
            elif not any(same_value(kind, val, v) for v in values(roster[person], kind)):
                problems.append(f"{where}: {val!r} is not a known {kind} of {person}")
        elif kind not in ("name",):
            for pid, row in roster.items():
                if any(same_value(kind, val, v) for v in values(row, kind)):
                    problems.append(f"{where}: {val!r} equals a known {kind} of {pid} but is not marked known")
        if category in ("clean_press", "incident", "near_miss") and s["min_severity"] in ("high", "critical") \
                and not s.get("optional"):
            problems.append(f"{where}: a pass document holds a {s['min_severity']} span {val!r}")
    # Unlabelled roster values / full names (folded) anywhere in the text?
    folded = fold(text)
    # digit runs joined only by phone/SSN separators (not by thousands commas or words)
    runs = [digits(m[0]) for m in re.finditer(r"\+?[\d(][\d ().+\-]*\d", text.translate(ZERO_WIDTH))]
    flat = "|".join(runs) + "|" + "|".join(r[1:] for r in runs if r.startswith("1"))
    covered = [(s["start"], s["end"], s["kind"]) for s in spans]
    for pid, row in roster.items():
        for kind in ("phone", "ssn"):
            for v in values(row, kind):
                d = digits(v)
                if d in flat and not any(k == kind and same_value(kind, text[a:b], v) for a, b, k in covered):
                    problems.append(f"{where}: roster {kind} of {pid} appears unlabelled")
        for n in [row["name"], *values(row, "aliases")]:
            parts = [p.strip(".,") for p in fold(n).split()]
            if len(parts) < 2:
                continue
            full = re.escape(parts[0]) + r"(?:\W+[a-z]\.?)?\W+" + re.escape(parts[-1])
            if len(folded) != len(text):
                continue  # folding changed the length (zero-width etc.): skip the positional check
            for m in re.finditer(r"\b" + full + r"\b", folded):
                if not any(k == "name" and a <= m.start() < b for a, b, k in covered):
                    problems.append(f"{where}: unlabelled name {text[m.start():m.end()]!r} ({pid})")
    # Completeness: shapes a scanner will certainly report must carry a label.
    def labelled(a: int, b: int, kinds: tuple[str, ...]) -> bool:
        return any(k in kinds and x < b and a < y for x, y, k in covered)

    if phonenumbers is not None:
        for m in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.STRICT_GROUPING):
            if not labelled(m.start, m.end, ("phone",)):
                problems.append(f"{where}: unlabelled valid phone {m.raw_string!r}")
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        if not labelled(m.start(), m.end(), ("email",)):
            problems.append(f"{where}: unlabelled email {m[0]!r}")
    for m in re.finditer(r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])", text):
        if ssn_ok(digits(m[0])) and not labelled(m.start(), m.end(), ("ssn", "phone")):
            problems.append(f"{where}: unlabelled valid SSN shape {m[0]!r}")
    for m in re.finditer(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])", text):
        d = digits(m[0])
        if luhn_ok(d) and d[0] in "23456" and not labelled(m.start(), m.end(), ("card", "bank_account")):
            problems.append(f"{where}: unlabelled Luhn-valid number {m[0]!r}")
    for m in re.finditer(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])", text):
        if all(int(x) < 256 for x in m[0].split(".")) and not labelled(m.start(), m.end(), ("ip",)):
            problems.append(f"{where}: unlabelled IPv4 address {m[0]!r}")
    dobs = {parse_date(v) for row in roster.values() for v in values(row, "dob")}
    for m in re.finditer(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}", text):
        try:
            d = parse_date(m[0])
        except ValueError:
            continue
        if d in dobs and not labelled(m.start(), m.end(), ("dob",)):
            problems.append(f"{where}: date {m[0]!r} equals a roster dob but is not labelled")
    ends = sorted((s["start"], s["end"]) for s in spans)
    for (a1, b1), (a2, b2) in zip(ends, ends[1:]):
        if a2 < b1:
            problems.append(f"{where}: overlapping spans at {a1}-{b1} and {a2}-{b2}")


def build(write: bool) -> int:
    roster = load_roster()
    problems: list[str] = []
    records = []
    seen: set[str] = set()
    for category in CATEGORIES:
        path = SRC / f"{category}.txt"
        if not path.exists():
            continue
        for stem, meta, body in parse_source(path):
            name = f"{stem}.txt"
            if name in seen:
                problems.append(f"duplicate document {name}")
            seen.add(name)
            text, spans = render(body, roster, f"{path.name}:{stem}", problems)
            check_doc(name, category, text, spans, roster, problems)
            gate = "fail" if category in FAIL_CATEGORIES else "pass"
            if gate == "fail" and category != "generic_pii" and not any(
                    s["min_severity"] in ("high", "critical") and not s.get("optional") for s in spans):
                problems.append(f"docs/{name}: a fail document without any high/critical span")
            records.append(({"doc": f"docs/{name}", "category": category, "expect_gate": gate, "spans": spans,
                             "hard": meta["hard"], "template": meta["template"]}, text))
    if write:
        DOCS.mkdir(exist_ok=True)
        for old in DOCS.glob("*.txt"):
            if old.name not in seen:
                old.unlink()
        for rec, text in records:
            (HERE / rec["doc"]).write_text(text, encoding="utf-8", newline="")
        with LABELS.open("w", encoding="utf-8") as fh:
            for rec, _ in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        on_disk = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
        if on_disk != [r for r, _ in records]:
            problems.append("labels.jsonl is out of date: run build.py")
        for rec, text in records:
            p = HERE / rec["doc"]
            if not p.exists() or p.read_text(encoding="utf-8") != text:
                problems.append(f"{rec['doc']} is out of date: run build.py")
    for p in problems:
        print(p, file=sys.stderr)
    counts: dict[str, int] = {}
    for rec, _ in records:
        counts[rec["category"]] = counts.get(rec["category"], 0) + 1
    print(f"{len(records)} documents: " + ", ".join(f"{c}={n}" for c, n in counts.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(build(write="--check" not in sys.argv[1:]))
