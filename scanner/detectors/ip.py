"""IP addresses (IPv4 and IPv6): they can locate a person's home connection. Severity INFO.

IPv4: four dot-separated octets 0-255 (validated by `ipaddress`, so no leading zeros like
`010.1.1.1`), not glued to other digits, dots or letters (`1.2.3.4.5`, an OID, `v1.2.3.4`), and
not a version string (`version 1.2.3.4`, `v 10.0.19041.1`, `build 4.2.0.1`).
IPv6: a run of hex digits, colons (at least two) and dots around a `:`-led match, validated by
`ipaddress.IPv6Address`, with at least one digit and not glued to letters, so `std::vector`,
`Foo::Bar`, times (`01:19:22`) and MAC addresses (`00:1a:2b:3c:4d:5e`) do not count.

`normalized`: the address in `ipaddress`'s canonical form (IPv6 compressed, lower-case).
"""
from __future__ import annotations

import ipaddress
import re
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import zone_matches
from .base import Detector, register

_V4 = re.compile(r"[0-9](?<![\w.]\S)[0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![\w]|\.[0-9])")
_VERSION = re.compile(r"(?:\bv|\bver|\bversion|\brelease|\bbuild|\brev|\bfirmware|\bos)\.?\s*:?\s*\Z", re.I)
_V6_RUN = re.compile(r":[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*")  # two colons close together: `::`, `:db8:`
_HEX = frozenset("0123456789abcdefABCDEF")
_V6_CHARS = frozenset("0123456789abcdefABCDEF:.")


@register
class IpDetector(Detector):
    kind = Kind.IP
    default_severity = Severity.INFO
    description = "IPv4 or IPv6 address (validated by ipaddress; version strings excluded)"
    EXAMPLES = {
        "match": ["from 203.0.113.45 at noon", "IP: 192.168.1.20", "2001:db8::8a2e:370:7334",
                  "fe80::1ff:fe23:4567:890a", "[::1]:8080"],
        "no_match": ["version 1.2.3.4", "v 10.0.19041.1", "256.1.1.1", "1.2.3", "1.2.3.4.5",
                     "std::vector", "01:19:22", "00:1a:2b:3c:4d:5e", "Foo::Bar", "010.1.1.1"],
    }

    def find(self, text: str) -> Iterator[Span]:
        v6 = list(self._v6(text))
        yield from v6
        # the shared digit pass: an IPv4 address is zone characters only, 7+ long; the pattern's
        # lookbehind reads one character before a match, its trailing lookahead two past one
        for start, end, m in zone_matches(text, _V4, 7, before=1, after=2):
            if any(s.start <= start < s.end for s in v6):
                continue  # the IPv4 tail of `::ffff:192.0.2.1`
            if _VERSION.search(text, max(0, start - 12), start):
                continue
            try:
                addr = ipaddress.IPv4Address(m.group(0))
            except ValueError:
                continue
            yield self.span(start, end, str(addr))

    def _v6(self, text: str) -> Iterator[Span]:
        n = len(text)
        pos = 0
        while True:
            m = _V6_RUN.search(text, pos)
            if not m:
                return
            start, end = m.span()
            pos = max(end, start + 1)
            # expand left over hex digits (at most 4: one group)
            lo = start
            while lo > 0 and start - lo < 4 and text[lo - 1] in _HEX:
                lo -= 1
            if lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "_:."):
                continue
            hi = end
            while hi < n and text[hi] in _V6_CHARS:
                hi += 1
            pos = max(pos, hi)
            while hi > lo and text[hi - 1] in ".:" and not text[lo:hi].endswith("::"):
                hi -= 1
            if hi < n and (text[hi].isalnum() or text[hi] == "_"):
                continue
            cand = text[lo:hi]
            if cand.count(":") < 2 or not any(c.isdigit() for c in cand):
                continue
            try:
                addr = ipaddress.IPv6Address(cand)
            except ValueError:
                continue
            yield self.span(lo, hi, addr.compressed)

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """A written IP address -> canonical form, or None."""
        try:
            return ipaddress.ip_address(raw.strip().strip("[]")).compressed
        except ValueError:
            return None
