"""Date-of-birth detector: written date forms, ISO normalisation, birth context vs confirm-only."""
import pytest

from scanner.detectors.dob import DobDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = DobDetector()


def all_spans(text):
    """(matched text, normalized, confirm_only) for every span, reported or not."""
    return [(text[s.start:s.end], s.normalized, s.confirm_only) for s in DET.find(text)]


MATCH = [
    ("DOB: 1988-02-05", [("1988-02-05", "1988-02-05")]),
    ("D.O.B. 02/05/1988", [("02/05/1988", "1988-02-05")]),
    ("d/o/b 02-05-1988", [("02-05-1988", "1988-02-05")]),
    ("born Feb 5, 1988", [("Feb 5, 1988", "1988-02-05")]),
    ("born Feb. 5 1988", [("Feb. 5 1988", "1988-02-05")]),
    ("DOB: Sept. 3, 1975", [("Sept. 3, 1975", "1975-09-03")]),
    ("DOB FEB 5 1988", [("FEB 5 1988", "1988-02-05")]),
    ("birthday is February 5th, 1988", [("February 5th, 1988", "1988-02-05")]),
    ("date of birth: 5 February 1988", [("5 February 1988", "1988-02-05")]),
    ("DOB 08 DEC 1992, lives", [("08 DEC 1992", "1992-12-08")]),
    ("5th of February, 1988 born", [("5th of February, 1988", "1988-02-05")]),
    ("b. 2/5/88", [("2/5/88", "1988-02-05")]),
    ("Birthdate 25/12/1988", [("25/12/1988", "1988-12-25")]),  # day-first when the first can't be a month
    ("Jane Doe, age 34, 02/05/1988", [("02/05/1988", "1988-02-05")]),
    ("34 years old, 2/5/88", [("2/5/88", "1988-02-05")]),
    ("02/05/1988 (DOB)", [("02/05/1988", "1988-02-05")]),
    ("Date of Birth\n02/05/1988", [("02/05/1988", "1988-02-05")]),  # label line above
    ("DOB 1/2/1980, hired 3/4/2005", [("1/2/1980", "1980-01-02")]),  # context stops at the previous date
    # a table column headed by a birth cue
    ("Member no. | Date of birth | Division\n0421 | 11/02/1979 | Men's 40+\n0422 | 07/19/1984 | Men's 40+",
     [("11/02/1979", "1979-11-02"), ("07/19/1984", "1984-07-19")]),
    ("precinct|reg_date|birth_date\n0412|2001-10-09|June 2, 1969", [("June 2, 1969", "1969-06-02")]),
    ("req#    dob          zip\n88120   7/3/1958     64130", [("7/3/1958", "1958-07-03")]),
]

CONFIRM_ONLY = [  # real dates with no birth context: yielded, but only for roster comparison
    ("meeting of Jun. 19, 2006", [("Jun. 19, 2006", "2006-06-19", True)]),
    ("07/14/2025: rescheduled", [("07/14/2025", "2025-07-14", True)]),
    ("National Night Out is June 18, 2025.", [("June 18, 2025", "2025-06-18", True)]),
    ("Jane Doe (34) 02/05/1988", [("02/05/1988", "1988-02-05", True)]),  # "(34)" after a name is not enough
    ("Date of Birth\n\nHired\n02/05/1988", [("02/05/1988", "1988-02-05", True)]),  # label too far up
    ("DOB: 2099-01-01", [("2099-01-01", "2099-01-01", True)]),  # future: cannot be a birth date
    ("precinct|reg_date|birth_date\n0412|2001-10-09|June 2, 1969",
     [("2001-10-09", "2001-10-09", True), ("June 2, 1969", "1969-06-02", False)]),
]

NO_MATCH = [  # not a date at all (no span of any kind)
    ("DOB: 02/30/1988", "February 30"),
    ("DOB 13/13/1988", "month 13 either way"),
    ("DOB 1988-13-01", "ISO month 13"),
    ("DOB 2/29/1989", "not a leap year"),
    ("version 1.2.33", "dotted with a 2-digit year: a version"),
    ("born 2025-001234", "case number"),
    ("phone 816-555-0142", "phone"),
    ("SSN 123-45-6789", "SSN"),
    ("DOB 12/05/19888", "year glued to more digits"),
    ("DOB 112/05/1988", "month glued to more digits"),
    ("born Foo 5, 1988", "not a month name"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,expected", CONFIRM_ONLY)
def test_confirm_only(text, expected):
    assert all_spans(text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert all_spans(text) == [], why


@pytest.mark.parametrize("raw,normalized", [
    ("1988-02-05", "1988-02-05"),
    ("02/05/1988", "1988-02-05"),
    ("2/5/88", "1988-02-05"),
    ("Feb 5, 1988", "1988-02-05"),
    ("5 February 1988", "1988-02-05"),
    ("1988-02-30", None),
    ("unknown", None),
])
def test_normalize_value(raw, normalized):
    assert DobDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
