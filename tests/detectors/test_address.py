"""Address detector: whole-address spans, canonical street-line normalisation."""
import pytest

from scanner.detectors.address import AddressDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = AddressDetector()

MATCH = [
    ("lives at 6184 E 47th St. Spouse is", [("6184 E 47th St.", "6184 east 47th street")]),
    ("10946 West 59th Ter, Olathe, KS 66062", [("10946 West 59th Ter, Olathe, KS 66062", "10946 west 59th terrace")]),
    ("9693 West Elmwood Avenue Kansas City KS 66112",
     [("9693 West Elmwood Avenue Kansas City KS 66112", "9693 west elmwood avenue")]),
    ("3427 NW Indiana Ave. 64068 -- 816", [("3427 NW Indiana Ave. 64068", "3427 northwest indiana avenue")]),
    ("at 10978 S Main Street at 01:14 hours", [("10978 S Main Street", "10978 south main street")]),
    ("the scene at 5558 Walnut St at 01:19 hours.", [("5558 Walnut St", "5558 walnut street")]),
    ("at 10170 Woodland Ave, Independence, MO 64050 at 01:19",
     [("10170 Woodland Ave, Independence, MO 64050", "10170 woodland avenue")]),
    ("7049 West Madison Ave, Lee's Summit, MO 64086",
     [("7049 West Madison Ave, Lee's Summit, MO 64086", "7049 west madison avenue")]),
    ("4000 W 71st St, Prairie Village, KS 66208-1234",
     [("4000 W 71st St, Prairie Village, KS 66208-1234", "4000 west 71st street")]),
    ("15 Cherry Ln., Raytown MO, you", [("15 Cherry Ln., Raytown MO", "15 cherry lane")]),
    ("1234 MAIN ST", [("1234 MAIN ST", "1234 main street")]),
    ("123 North St", [("123 North St", "123 north street")]),
    ("123 N St", [("123 N St", "123 north street")]),
    ("1600 Pennsylvania Avenue NW, Washington, DC 20500",
     [("1600 Pennsylvania Avenue NW, Washington, DC 20500", "1600 pennsylvania avenue northwest")]),
    ("12 1/2 Oak Ave", [("12 1/2 Oak Ave", "12 1/2 oak avenue")]),
    ("4B Main St", [("4B Main St", "4b main street")]),
    # a CSV cell right after a delimiter, and dotted directionals
    ("E-6610,Evelyn Hartley-Brooks,811 East 54th Street,,11/02/1969",
     [("811 East 54th Street", "811 east 54th street")]),
    ("x,5520 N.E. Antioch Road,(816)", [("5520 N.E. Antioch Road", "5520 northeast antioch road")]),
    ("12 Elm St Apt 4B", [("12 Elm St Apt 4B", "12 elm street")]),
    ("500 Main St #12, Kansas City, MO 64106", [("500 Main St #12, Kansas City, MO 64106", "500 main street")]),
    ("800 Grand Blvd, Suite 200", [("800 Grand Blvd, Suite 200", "800 grand boulevard")]),
    ("6184 E 47th St\nKansas City, MO 64138", [("6184 E 47th St\nKansas City, MO 64138", "6184 east 47th street")]),
    ("123 St. Louis Ave", [("123 St. Louis Ave", "123 saint louis avenue")]),
    ("1 Martin Luther King Jr Blvd", [("1 Martin Luther King Jr Blvd", "1 martin luther king jr boulevard")]),
    ("4750 Broadway, Kansas City, MO 64112", [("4750 Broadway, Kansas City, MO 64112", "4750 broadway")]),
    ("1600 The Paseo", [("1600 The Paseo", "1600 the paseo")]),
    ("1015 Avenida Cesar E. Chavez", [("1015 Avenida Cesar E. Chavez", "1015 avenida cesar e chavez")]),
    ("12000 E Highway 40", [("12000 E Highway 40", "12000 east highway 40")]),
    ("1 Main St 1 Main St", [("1 Main St", "1 main street"), ("1 Main St", "1 main street")]),
    # after a residence cue: any case, or no suffix
    ("lives at 918 w 61st terr, her", [("918 w 61st terr", "918 west 61st terrace")]),
    ("crib 411 askew ave", [("411 askew ave", "411 askew avenue")]),
    ("lol lives at 5730 OaK sT and", [("5730 OaK sT", "5730 oak street")]),
    ("lives at 4460 JARBOE in the Westside", [("4460 JARBOE", "4460 jarboe")]),
]

NO_MATCH = [
    ("paid 1,234 Main Street vendors", "thousands separator: 1,234 is money, not a house number"),
    ("PO Box 1234, Kansas City, MO 64106", "PO box: not a home"),
    ("P.O. Box 12 Main St", "PO box number"),
    ("5 Street Fighter games", "no street name before the suffix"),
    ("Route 66", "no house number"),
    ("at 01:19 hours", "time"),
    ("estimate $23,000", "money"),
    ("the 2024 Main Street Festival", "event: a year after an article"),
    ("2024 Main Street Festival", "event: an event noun after the suffix"),
    ("drove 20 miles down the road", "lower-case prose"),
    ("Suite 200", "a unit alone"),
    ("I-435 Hwy", "number glued to a dash"),
    ("12th St", "no house number"),
    ("1,200 Main St", "number with a thousands comma"),
    ("3.5 Main St", "decimal"),
    ("4750 Oak, Kansas City", "suffix-less street without a full city/state/ZIP tail and no cue"),
    ("lives at 15 and works", "cue, but no street"),
    ("home: 2 kids and a dog", "cue, but a lower-case noun with a one-digit number"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_suffixless_spans_are_noted():
    (span,) = DET.find("lives at 4460 JARBOE in the Westside")
    assert "no suffix" in span.note and "after cue" in span.note
    (span,) = DET.find("lives at 6184 E 47th St")
    assert span.note == ""


@pytest.mark.parametrize("raw,normalized", [
    ("6184 East 47th St, Kansas City, MO 64138", "6184 east 47th street"),
    ("10946 West 59th Ter, Olathe, KS 66062", "10946 west 59th terrace"),
    ("6984 Northwest Troost Ave, Overland Park, KS 66212", "6984 northwest troost avenue"),
    ("12 Elm St Apt 4", "12 elm street"),
    ("4750 Broadway", "4750 broadway"),
    ("1015 Avenida Cesar E. Chavez, Kansas City, MO", "1015 avenida cesar e chavez"),
    ("Unknown", None),
    ("", None),
])
def test_normalize_value(raw, normalized):
    assert AddressDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("doc,roster", [
    ("6184 E 47th St", "6184 East 47th St, Kansas City, MO 64138"),
    ("10946 W. 59th Terrace", "10946 West 59th Ter, Olathe, KS 66062"),
    ("6984 NW Troost Avenue", "6984 Northwest Troost Ave, Overland Park, KS 66212"),
    ("3058 CHESTNUT AVE", "3058 Chestnut Ave, Shawnee, KS 66226"),
])
def test_document_value_equals_roster_value(doc, roster):
    (span,) = DET.find(doc)
    assert span.normalized == AddressDetector.normalize_value(roster)


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
