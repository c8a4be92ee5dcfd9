"""GPS detector: decimal latitude/longitude pairs."""
import pytest

from scanner.detectors.gps import GpsDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = GpsDetector()

MATCH = [
    ("at 39.0997, -94.5786 last night", [("39.0997, -94.5786", "39.0997,-94.5786")]),
    ("39.0997,-94.5786", [("39.0997,-94.5786", "39.0997,-94.5786")]),
    ("(39.0997 -94.5786)", [("39.0997 -94.5786", "39.0997,-94.5786")]),
    ("39.0997° N, 94.5786° W", [("39.0997° N, 94.5786° W", "39.0997,-94.5786")]),
    ("39.0997 N 94.5786 W", [("39.0997 N 94.5786 W", "39.0997,-94.5786")]),
    ("-33.8688, 151.2093", [("-33.8688, 151.2093", "-33.8688,151.2093")]),
    ("pos \u221233.8688, 151.2093.", [("\u221233.8688, 151.2093", "-33.8688,151.2093")]),  # minus sign
    ("39.099700, -94.578600", [("39.099700, -94.578600", "39.0997,-94.5786")]),
    ("1.2345 2.3456", [("1.2345 2.3456", "1.2345,2.3456")]),
]

NO_MATCH = [
    ("version 1.2.3", "version number"),
    ("$39.999, $94.578", "money"),
    ("tune to 89.3 FM", "single decimal, one place"),
    ("39.0997", "a single number"),
    ("39.09, -94.57", "fewer than 3 decimals"),
    ("91.0000, 10.0000", "latitude out of range"),
    ("45.0000, 181.0000", "longitude out of range"),
    ("1.2.3.4", "dotted quad"),
    ("v39.0997, -94.5786", "glued to a letter"),
    ("139.0997.1, -94.5786", "glued to more dots"),
    ("39.0997,-94.5786Q", "glued to a letter after"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


@pytest.mark.parametrize("raw,normalized", [("39.0997, -94.5786", "39.0997,-94.5786"), ("nope", None)])
def test_normalize_value(raw, normalized):
    assert GpsDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
