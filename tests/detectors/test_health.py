"""Health detector: whole-word lexicon terms (Aho-Corasick), cue-gated abbreviations."""
import pytest

from scanner.detectors.health import HealthDetector, _sections
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = HealthDetector()

MATCH = [
    ("she was treated for PTSD", [("PTSD", "ptsd")]),
    ("his wife is on dialysis", [("dialysis", "dialysis")]),
    ("in rehab since May", [("rehab", "rehab")]),
    ("undergoing chemotherapy.", [("chemotherapy", "chemotherapy")]),
    ("CHEMOTHERAPY", [("CHEMOTHERAPY", "chemotherapy")]),
    ("admitted to the psychiatric ward", [("psychiatric ward", "psychiatric ward")]),  # longest term wins
    ("she is pregnant", [("pregnant", "pregnant")]),
    ("needs insulin daily", [("insulin", "insulin")]),
    ("HIV-positive", [("HIV-positive", "hiv-positive")]),
    ("Parkinson's disease", [("Parkinson's disease", "parkinson's disease")]),
    ("Parkinson\u2019s disease", [("Parkinson\u2019s disease", "parkinson's disease")]),  # curly apostrophe
    ("type 2 diabetes", [("type 2 diabetes", "type 2 diabetes")]),
    ("treated for alcohol withdrawal at St. Luke's", [("alcohol withdrawal", "alcohol withdrawal")]),
    ("diabetic, on insulin", [("diabetic", "diabetic"), ("insulin", "insulin")]),
    ("\u0130stanbul cancer", [("cancer", "cancer")]),  # a character that lower-cases to two keeps offsets
    ("Diagnosed with MS. Bye.", [("MS", "ms")]),  # cue-gated abbreviation
    ("she has ALS", [("ALS", "als")]),
    ("was treated for an overdose", [("overdose", "overdose")]),  # cue-gated word
]

NO_MATCH = [
    ("the suspect was shot", "incident word: not in the lexicon"),
    ("responded to an overdose", "overdose without a diagnosis cue"),
    ("responded to an overdose call", "overdose without a diagnosis cue"),
    ("transported to the hospital", "hospital: routine in reports"),
    ("Officer Narcan administered naloxone", "what officers administer"),
    ("the disabled vehicle", "disabled: vehicles"),
    ("Officer Walker", "surname"),
    ("field sobriety test", "sobriety: DUI stops"),
    ("insulinx", "not a whole word (after)"),
    ("chemotherapyist", "not a whole word (after)"),
    ("prehab", "not a whole word (before)"),
    ("Ms. Smith", "Ms. is a title"),
    ("Ms. Smith has MS Word", "abbreviation followed by a capitalised word"),
    ("she has ms", "abbreviation must be upper case"),
    ("ALS unit responded", "abbreviation without a cue"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_lexicon_is_curated_and_lower_case():
    sections = _sections()
    terms = sections[""]
    assert len(terms) >= 300
    assert all(t == t.lower() for t in terms + sections["needs_cue"])
    assert all(t == t.upper() for t in sections["needs_cue_upper"])
    assert len(terms) == len(set(terms)), "duplicate lexicon terms"
    for excluded in ("shot", "overdose", "hospital", "narcan", "naloxone", "disabled", "walker", "sober"):
        assert excluded not in terms, excluded  # words police reports use in a non-medical sense


@pytest.mark.parametrize("raw,normalized", [("PTSD", "ptsd"), (" Dialysis ", "dialysis"), ("MS", "ms"), ("blah", None)])
def test_normalize_value(raw, normalized):
    assert HealthDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
