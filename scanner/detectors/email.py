"""E-mail addresses.

Found without a regex over the whole text: `str.find("@")`, then expand left over local-part
characters and right over domain characters (each character is looked at at most twice, so it is
linear even for `@@@@` or `a@a@a@` runs). Counts when the local part is a valid dot-atom and the
domain has at least two labels, an alphabetic TLD of 2+ letters, and is not a file name:
`user@localhost`, `@handle` mentions, `a@b` and `image@2x.png` do not count.
Obfuscated forms count too (`jnunez.kc [at] gmail [dot] com`, `jo (at) x.org`,
`jo at gmail dot com`): found from a bracketed `at`/`dot` or a ` dot `, normalised to the address.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import positions, register_keywords
from .base import Detector, register

# The local-part characters real addresses use (RFC 5322 allows more, e.g. `/`, `=`, `'`, but
# those mostly glue an address to a URL or to quoting around it).
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_LOCAL_RUN = re.compile(r"[a-zA-Z0-9._%+\-]*")
_DOMAIN = re.compile(r"[A-Za-z0-9.\-]{1,253}")
_RETINA = re.compile(r"[0-9]+x", re.I)
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\Z")
# "TLDs" that are really file extensions: image@2x.png, logo@3x.jpg, report@final.pdf
_FILE_EXT = frozenset(
    "png jpg jpeg gif svg webp bmp tif tiff ico heic pdf doc docx xls xlsx ppt pptx txt csv tsv json "
    "xml yaml yml html htm js ts css scss py rb java go rs c h cpp md rst log mp3 mp4 wav avi mkv "
    "zip gz tgz tar rar exe dll so bin dat".split()
)
_MAX_LOCAL = 64

# Obfuscated addresses: `jnunez.kc [at] gmail [dot] com`, `jo(at)x.org`, `jo at gmail dot com`.
_OBF_TRIGGER = re.compile(r"[\[({<] ?(?:[Aa][Tt]|[Dd][Oo][Tt]) ?[\])}>]")
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_OBFUSCATED = re.compile(
    r"(?<![\w.%+-])(?P<local>[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+){0,5})" + _AT +
    r"(?P<domain>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:" + _DOT + r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?){0,3})"
    + _DOT + r"(?P<tld>[a-z]{2,24})(?![\w-])",
    re.I,
)
_DOT_NORMAL = re.compile(_DOT, re.I)
register_keywords((" dot ",))
# `x at y dot com` with no brackets: only a handle-like local part and a common TLD
_PLAIN_TLDS = frozenset("com net org edu gov us io co info biz me mil".split())
_PLAIN_STOP = frozenset(
    "i me my we us our you your he him his she her they them it its am is are was be been "
    "meet met see look here there home work stay stays live lives arrive arrived who what that this "
    "one all out up".split()
)


def _valid(local: str, domain: str) -> bool:
    if not local or not domain or local[0] == "." or local[-1] == "." or ".." in local:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253:
        return False
    tld = labels[-1]
    if not (2 <= len(tld) <= 24 and tld.isascii() and tld.isalpha()):
        return False
    if tld.lower() in _FILE_EXT:
        return False
    if _RETINA.fullmatch(labels[0]):  # retina asset names: icon@2x.something
        return False
    return all(_LABEL.match(label) for label in labels)


@register
class EmailDetector(Detector):
    kind = Kind.EMAIL
    default_severity = Severity.MEDIUM
    description = "E-mail address (dot-atom local part, domain with an alphabetic TLD)"
    EXAMPLES = {
        "match": ["mail jolsen@icloud.com today", "Barr.Tammy62@Hotmail.com", "<a.b+tag@mail.example.org>",
                  "email: lisa_roberts72@outlook.com.", "jnunez.kc [at] gmail [dot] com",
                  "write jo (at) example.org", "mail jo at gmail dot com"],
        "no_match": ["user@localhost", "follow @kcpolice", "a@b", "image@2x.png", "a@b.c",
                     "x@domain.123", "john..doe@example.com", "@@@@", "name@-example.com",
                     "meet me at noon dot com", "we met at the park. Dot com era", "[at] home"],
    }

    def find(self, text: str) -> Iterator[Span]:
        n = len(text)
        at = text.find("@")
        while at != -1:
            nxt = text.find("@", at + 1)
            span = self._at(text, at, n)
            if span is not None:
                yield span
            at = nxt
        yield from self._obfuscated(text)

    def _obfuscated(self, text: str) -> Iterator[Span]:
        """`name [at] domain [dot] com` and the like, looked for only around a bracketed at/dot or a
        ` dot ` (merged windows, so every character is searched a bounded number of times)."""
        n = len(text)
        triggers = [m.start() for m in _OBF_TRIGGER.finditer(text)]
        triggers.extend(i for i, _ in positions(text, (" dot ",)))
        windows: list[list[int]] = []
        for t in sorted(triggers):
            lo, hi = max(0, t - 120), min(n, t + 120)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            for m in _OBFUSCATED.finditer(text, lo, hi):
                whole = m.group(0)
                bracketed = any(c in whole for c in "[({<")
                local, tld = m.group("local"), m.group("tld")
                if "@" in whole or not (bracketed or " dot " in whole.lower()):
                    continue
                if not bracketed and (local.lower() in _PLAIN_STOP or tld.lower() not in _PLAIN_TLDS):
                    continue
                domain = _DOT_NORMAL.sub(".", m.group("domain")) + "." + tld
                if _valid(local, domain):
                    yield self.span(m.start(), m.end(), (local + "@" + domain).lower(), note="obfuscated")

    def _at(self, text: str, at: int, n: int) -> Span | None:
        # expand left over local-part characters (bounded: a longer run is not an address)
        lo = max(0, at - _MAX_LOCAL - 1)
        start = at - _LOCAL_RUN.match(text[lo:at][::-1]).end()  # the run of local-part chars before @
        if start == lo and lo > 0 and text[lo - 1] in _LOCAL_CHARS:
            return None
        while start < at and text[start] in ".-":  # "...-jo@x.com": leading dots/dashes are prose
            start += 1
        if start == at or (start > 0 and text[start - 1] == "@"):
            return None
        m = _DOMAIN.match(text, at + 1)
        if not m:
            return None
        end = m.end()
        while end > at + 1 and text[end - 1] in ".-":  # sentence full stop, dash
            end -= 1
        if end < n and (text[end].isalnum() or text[end] in "_@"):
            return None
        local, domain = text[start:at], text[at + 1:end]
        if not _valid(local, domain):
            return None
        return self.span(start, end, (local + "@" + domain).lower())

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster e-mail -> lower-case address, or None if it is not one."""
        raw = raw.strip().strip("<>").strip()
        if raw.lower().startswith("mailto:"):
            raw = raw[7:]
        local, sep, domain = raw.rpartition("@")
        if not sep or not _valid(local, domain):
            return None
        return raw.lower()
