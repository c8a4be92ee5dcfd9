"""GPS coordinates: a decimal latitude/longitude pair (a home's location as well as an address).

What counts: `39.0997, -94.5786`, `39.0997,-94.5786`, `(39.0997 -94.5786)`, `39.0997° N, 94.5786° W`:
two signed decimals with at least 3 decimal places each (below that it is a price, a score or a
radio frequency), latitude in [-90, 90], longitude in [-180, 180], separated by a comma and/or
spaces. Not glued to other digits, dots or letters (`1.2.3`, `v39.0997`), so version numbers,
money (`$39.999`), `89.3 FM` and single decimals do not count.

`normalized`: `lat,lon` with the sign from N/S/E/W applied, each rounded to 6 decimals without
trailing zeros: `39.0997,-94.5786`.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Kind, Severity, Span
from .base import Detector, register

_NUM = r"[-+\u2212]?[0-9]{1,3}\.[0-9]{3,10}"
_PAIR = re.compile(
    # led by a sign or digit (the engine skips straight to those); not glued to a word, `.` or `$`
    r"(?P<lat>[-+\u22120-9](?<![\w.$]\S)[0-9]{0,3}\.[0-9]{3,10})"
    r"[ \t]?°?[ \t]?(?P<ns>[NSns](?![A-Za-z]))?"
    r"(?:[ \t]*,[ \t]*|[ \t]{1,3})"
    r"(?P<lon>" + _NUM + r")"
    r"[ \t]?°?[ \t]?(?P<ew>[EWew](?![A-Za-z]))?"
    r"(?![0-9]|\.[0-9]|[A-Za-z])"
)


def _fmt(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _pair(lat_s: str, lon_s: str, ns: str | None, ew: str | None) -> tuple[float, float] | None:
    lat = float(lat_s.replace("\u2212", "-"))
    lon = float(lon_s.replace("\u2212", "-"))
    if ns and ns.upper() == "S":
        lat = -abs(lat)
    if ew and ew.upper() == "W":
        lon = -abs(lon)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@register
class GpsDetector(Detector):
    kind = Kind.GPS
    default_severity = Severity.MEDIUM
    description = "GPS coordinates: decimal latitude/longitude pair with 3+ decimals each"
    EXAMPLES = {
        "match": ["at 39.0997, -94.5786 last night", "39.0997,-94.5786", "(39.0997 -94.5786)",
                  "39.0997° N, 94.5786° W", "-33.8688, 151.2093"],
        "no_match": ["version 1.2.3", "$39.999, $94.578", "tune to 89.3 FM", "39.0997", "39.09, -94.57",
                     "91.0000, 10.0000", "45.0000, 181.0000", "1.2.3.4", "v39.0997, -94.5786"],
    }

    def find(self, text: str) -> Iterator[Span]:
        for m in _PAIR.finditer(text):
            if m.group("lat")[0] in "-+\u2212" and m.group("lat")[1] == ".":
                continue  # `-.123`: a sign with no degrees
            ll = _pair(m.group("lat"), m.group("lon"), m.group("ns"), m.group("ew"))
            if ll is None:
                continue
            yield self.span(m.start(), m.end(), f"{_fmt(ll[0])},{_fmt(ll[1])}")

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """A written coordinate pair -> `lat,lon` (6 decimals at most), or None."""
        for span in GpsDetector().find(raw.strip()):
            return span.normalized
        return None
