"""Linking and severity (SPEC 'Findings'): one row per rule, with the near-misses that must pass."""
import pytest


def pii(scanner, text):
    return [(f.kind.value, f.severity.value, f.person.id if f.person else None)
            for f in scanner.scan_text(text) if f.kind.value != "name"]


@pytest.mark.parametrize("text,expected", [
    # possession / residence cues -> critical, linked
    ("That cop Jane Q. Doe lives at 88 Birch Lane.", [("address", "critical", "KCPD-1042")]),
    ("Marcus T. Whitfield's cell: 816-555-0123", [("phone", "critical", "KCPD-2231")]),
    ("Officer Jane Q. Doe is the one.\n\nShe lives at 88 Birch Lane.", [("address", "critical", "KCPD-1042")]),
    ("NAME: Marcus T. Whitfield\nHOME: 42 Oak Street\nCELL: 816-555-0123",
     [("address", "critical", "KCPD-2231"), ("phone", "critical", "KCPD-2231")]),
    # family member: the family member is the person
    ("Lily Doe goes to school at Lincoln Elementary School.", [("school", "critical", "FAM-1042-2")]),
    # position alone -> high
    ("Marcus T. Whitfield -- 42 Oak Street -- 816-555-0123",
     [("address", "high", "KCPD-2231"), ("phone", "high", "KCPD-2231")]),
    # known value, no name -> critical
    ("call 816.739.2281 tonight", [("phone", "critical", "KCPD-1042")]),
    # incident and venue cues -> medium, unlinked
    ("Officer Jane Q. Doe responded to a disturbance at 1234 Main St.", [("address", "medium", None)]),
    ("Sgt. Whitfield was dispatched to 3900 Prospect Ave on a call.", [("address", "medium", None)]),
    ("Mayor Evelyn Hartley-Brooks will speak at the meeting held at 414 E 12th St.", [("address", "medium", None)]),
    # third party between -> unlinked
    ("Officer Jane Q. Doe interviewed the victim, who lives at 88 Birch Lane.", [("address", "medium", None)]),
    ("Officer Jane Q. Doe took the report.\n\nThe victim lives at 88 Birch Lane.", [("address", "medium", None)]),
    # a label cue does not reach into an earlier paragraph
    ("Officer Jane Q. Doe reviewed the file.\n\nThe applicant listed SSN 123-45-6789.", [("ssn", "high", None)]),
    # ssn/card are high anywhere, unlinked
    ("Card on file: 4111 1111 1111 1111", [("card", "high", None)]),
    # nothing linked across paragraphs without a cue
    ("Officer Jane Q. Doe retired.\n\nFor tickets call 816-555-0123.", [("phone", "medium", None)]),
])
def test_linking(scanner, text, expected):
    assert pii(scanner, text) == expected


def test_reason_and_family_of(scanner):
    f = [f for f in scanner.scan_text("Lily Doe goes to school at Lincoln Elementary School.") if f.kind.value == "school"][0]
    assert f.family_of.id == "KCPD-1042" and "family of KCPD-1042" in f.reason and "cue" in f.reason


@pytest.mark.parametrize("text,expected", [
    # a paragraph typed on one line is prose: sentences, not one record
    ("Chief Evelyn Hartley-Brooks spoke. The fund is open. Media inquiries: press@example.org.",
     [("email", "medium", None)]),
    ("Sgt. Whitfield retired after 30 years. Tickets for the dinner: 816-555-0123.", [("phone", "medium", None)]),
    # a record line keeps its tie (no prose sentence end between name and value)
    ("Whitfield, Marcus; 42 Oak Street; 816-555-0123", [("address", "high", "KCPD-2231"), ("phone", "high", "KCPD-2231")]),
    # the person named after the value does not own it when a third party is its subject
    ("The suspect, John Roe, lives at 1234 Oak St. Officer Jane Q. Doe arrested him.", [("address", "medium", None)]),
])
def test_lines_and_sentences(scanner, text, expected):
    assert pii(scanner, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a label is a possession cue only when written as one
    ("The Prosecutor. Jane Q. Doe. House: 88 Birch Lane.", [("address", "critical", "KCPD-1042")]),
    ("Officer Jane Q. Doe searched the house at 88 Birch Lane.", [("address", "high", "KCPD-1042")]),
    # "where you live" speaks to the person named before
    ("This is for Sgt. Whitfield. I know where you live, 42 Oak Street.", [("address", "critical", "KCPD-2231")]),
])
def test_label_and_second_person_cues(scanner, text, expected):
    assert pii(scanner, text) == expected


def test_shared_known_value_goes_to_the_person_named():
    from scanner.engine import ScanOptions, Scanner
    from scanner.roster import parse_roster

    roster = parse_roster("id,name,family_of,school\nP-1,Ann Roe,,\nC-1,Max Roe,P-1,Lincoln Elementary School\n"
                          "C-2,Zoe Poe,,Lincoln Elementary School\n", "r.csv")
    sc = Scanner(roster, ScanOptions(reveal=True))
    f = [f for f in sc.scan_text("Zoe Poe is at Lincoln Elementary School.") if f.kind.value == "school"][0]
    assert f.person.id == "C-2" and f.known_value


def test_full_width_digits_are_read(scanner):
    text = "Ｊａｎｅ Ｑ. Ｄｏｅ ８１６-７３９-２２８１"
    found = [(f.kind.value, f.severity.value, text[f.start:f.end]) for f in scanner.scan_text(text)]
    assert ("phone", "critical", "８１６-７３９-２２８１") in found
