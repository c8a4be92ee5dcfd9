"""School detector: capitalised name + school type, cue-gated lower case, canonical names."""
import pytest

from scanner.detectors.school import SchoolDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = SchoolDetector()

MATCH = [
    ("her kids go to Sunflower Elementary", [("Sunflower Elementary", "sunflower elementary")]),
    ("Sunflower Elementary School", [("Sunflower Elementary School", "sunflower elementary")]),
    ("SUNFLOWER ELEMENTARY", [("SUNFLOWER ELEMENTARY", "sunflower elementary")]),
    ("Tara attends Brush Creek Academy.", [("Brush Creek Academy", "brush creek academy")]),
    ("Lincoln School", [("Lincoln School", "lincoln school")]),
    ("At Lincoln School we", [("Lincoln School", "lincoln school")]),  # leading function word dropped
    ("The Pembroke Hill School", [("Pembroke Hill School", "pembroke hill school")]),
    ("Center Middle School", [("Center Middle School", "center middle school")]),
    ("Truman High School", [("Truman High School", "truman high school")]),
    ("DOB 5/12/2009, Trailside High\n\nHe", [("Trailside High", "trailside high school")]),
    ("Lakewood Junior High", [("Lakewood Junior High", "lakewood junior high")]),
    ("Border Star Montessori", [("Border Star Montessori", "border star montessori")]),
    ("Hogan Preparatory Academy", [("Hogan Preparatory Academy", "hogan prep")]),
    ("Barstow Prep", [("Barstow Prep", "barstow prep")]),
    ("Crossroads Charter School", [("Crossroads Charter School", "crossroads charter school")]),
    ("St. Teresa's Academy", [("St. Teresa's Academy", "st teresas academy")]),
    ("Notre Dame de Sion School", [("Notre Dame de Sion School", "notre dame de sion school")]),
    ("Smith, Lincoln School", [("Lincoln School", "lincoln school")]),
    ("Paseo Academy of Fine and Performing Arts", [("Paseo Academy", "paseo academy")]),
    ("her daughter goes to hazelwood montessori on the corner",  # lower case after an attendance cue
     [("hazelwood montessori", "hazelwood montessori")]),
]

NO_MATCH = [
    ("Police Academy", "police training academy: a workplace"),
    ("graduated from the Citizens Police Academy", "citizens police academy"),
    ("KCPD Training Academy", "training academy"),
    ("the Regional Fire Academy", "fire academy"),
    ("went to high school", "lower-case generic"),
    ("goes to high school", "lower-case generic after a cue"),
    ("she goes to the school", "lower-case generic after a cue"),
    ("goes to the store near lincoln school", "lower-case prose after a cue"),
    ("the school", "lower-case"),
    ("The School", "generic only"),
    ("Our High School", "generic only"),
    ("Sunday School", "generic only"),
    ("the Lincoln School Board met", "an institution: board"),
    ("Blue Valley School District", "an institution: district"),
    ("school board", "lower-case"),
    ("TAX PREP intake", "not a school: tax prep"),
    ("Mile High Stadium", "bare High followed by a capitalised word"),
    ("prices hit a Record High", "not a school: record high"),
    ("Academy", "no name"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


@pytest.mark.parametrize("raw,normalized", [
    ("Brush Creek Academy", "brush creek academy"),
    ("Sunflower Elementary", "sunflower elementary"),
    ("Sunflower Elementary School", "sunflower elementary"),
    ("The Pembroke Hill School", "pembroke hill school"),
    ("Saint Teresa's Academy", "st teresas academy"),
    ("Trailside High School", "trailside high school"),
    ("Pembroke Hill", "pembroke hill"),
    ("", None),
])
def test_normalize_value(raw, normalized):
    assert SchoolDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("doc,roster", [
    ("Sunflower Elementary School", "Sunflower Elementary"),
    ("Trailside High", "Trailside High School"),
    ("St. Teresa's Academy", "Saint Teresa's Academy"),
])
def test_document_value_equals_roster_value(doc, roster):
    (span,) = DET.find(doc)
    assert span.normalized == SchoolDetector.normalize_value(roster)


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
