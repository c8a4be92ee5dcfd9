"""Deterministic generator of benchmark rosters and report-like corpora for doxguard.

    python benchmarks/gen.py --out benchmarks/out --seed 1 --rosters 1k,10k,100k --corpus 10,100

Everything is driven by one `random.Random(seed)` per artefact (never by set/dict iteration over
strings, whose order depends on PYTHONHASHSEED), so the same seed and generator source give the
same bytes on every machine. `bench.py` imports this module and calls `ensure_roster` /
`ensure_corpus`, which skip the work when a file with the same key (seed, parameters and a hash of
this file's source) is already in the output folder.

Rosters (CSV per /work/shared/SPEC.md): protected persons (officers, officials, employees) each
followed by 0-3 family members (spouse, children) with `family_of`, aliases (nicknames, initials,
maiden names), and known private values (address, phone, email, dob, a few ssn, school, plate).
The 1k and 10k rosters are the first 1,000 / 10,000 rows of the 100k one, so a smaller roster is a
subset of a larger one and every `family_of` still resolves.

Corpus: police incident reports, press releases, council minutes, forum threads and CSV-ish
extracts, 2-20 KB each, with names from the roster (full names, titles + surname, `Last, First`,
bare surnames, some accented), names of people not on any roster, and PII: phones in many formats
(with extensions), home and incident addresses, e-mails, dates and DOBs, a few SSNs and card
numbers, and many near-miss numbers (case and report numbers, ordinance numbers, badge numbers,
money, times, ZIP+4, serials). The same documents are written as one big file and (optionally) as
many small files, so both shapes hold exactly the same text.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

GEN_VERSION = 1
ROSTER_MAX = 100_000

# ----------------------------------------------------------------------------------- name pools
FIRST_M = """James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald
Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon
Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam
Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald
Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan
Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip Louis
Marcus Darnell Terrence DeShawn Malik Jamal Andre Luis Carlos Miguel Omar Tariq Hiroshi Minh Duc
Olumide Desmond Rafael Mateo Diego Ivan Dmitri Björn André François Jürgen Ramón Joaquín Tomás""".split()
FIRST_F = """Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie
Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen
Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie
Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah
Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy
Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany
Charlotte Marie Kayla Alexis Lori Aaliyah Keisha Latoya Imani Marisol Lorraine Yolanda Mei Thuy
Priya Fatima Aisha Ngozi Zoë Renée Chloé Inés Noémie Dagný Mónica Begoña Sofía Lucía""".split()
def _surnames() -> tuple[list[str], int]:
    text = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green
Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz
Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan
Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood
James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Fisher Vasquez
Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace West Cole Hayes
Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns
Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks
Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt
Whitfield Okafor Lindqvist Kowalczyk Castellanos Achebe Adeyemi Whitcomb O'Rourke O'Neill McBride
Albrecht-Kane Mendel-Hayes Nuñez Peña Muñoz Ibáñez Gómez Müller Dvořák Çelik Novák Søndergaard"""
    out = text.split()
    out += ["Van Buskirk", "De La Cruz", "St. John", "Ó Briain", "Le Blanc", "Del Rio"]
    n_real = len(out)
    # Synthetic surnames so 100k persons do not all share ~200 surnames (real rosters have a
    # long tail); 60 x 45 = 2,700 more, e.g. "Ashbrook", "Kellerman", "Marwood".
    heads = """Ash Black Brad Brook Cald Cart Chad Clay Cross Dal Dun East Elling Fair Fen Gal Gar Glen
Hal Hart Hol Kel Ken Lang Lin Mar Mel Mid Mor New North Oak Pen Pres Rad Ral Red Ros Roth Rut Sal
Sand Shel Stan Stock Sut Thorn Tal Wal Wes Whit Wil Win Wood Wor Yar Hed Bram Cul Dor""".split()
    tails = """brook man ford ley ton wood well field berg stein more ridge worth by son ington dale
cott wick ham stead land burn mont garde ner ker lock shaw er ard ett ing ow ry hurst croft gate
mere by row ville sted""".split()
    for h in heads:
        for t in tails:
            out.append(h + t)
    seen, uniq = set(), []
    for s in out:
        if s not in seen:
            seen.add(s)
            uniq.append(s)
    return uniq, n_real


SURNAMES, N_REAL_SURNAMES = _surnames()  # the real (common) surnames come first
_REAL_CUM = list(__import__("itertools").accumulate(1.0 / (i + 8) for i in range(N_REAL_SURNAMES)))

NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Richard": "Rick", "James": "Jim", "Michael": "Mike",
    "Joseph": "Joe", "Thomas": "Tom", "Charles": "Chuck", "Christopher": "Chris", "Daniel": "Dan",
    "Matthew": "Matt", "Anthony": "Tony", "Kenneth": "Ken", "Steven": "Steve", "Andrew": "Andy",
    "Edward": "Ed", "Jeffrey": "Jeff", "Nicholas": "Nick", "Jonathan": "Jon", "Samuel": "Sam",
    "Gregory": "Greg", "Alexander": "Alex", "Patrick": "Pat", "Timothy": "Tim", "Ronald": "Ron",
    "Elizabeth": "Liz", "Jennifer": "Jen", "Patricia": "Trish", "Margaret": "Peggy", "Rebecca": "Becca",
    "Katherine": "Kate", "Kimberly": "Kim", "Deborah": "Deb", "Stephanie": "Steph", "Samantha": "Sam",
    "Victoria": "Vicky", "Christine": "Chris", "Jacqueline": "Jackie", "Lorraine": "Lorrie",
    "Terrence": "Terry", "Gerald": "Jerry", "Lawrence": "Larry", "Dorothy": "Dot", "Abigail": "Abby",
}

STREETS = """Main Holmes Troost Prospect Paseo Broadway Wornall Oak Locust Cherry Walnut Grand McGee
Campbell Charlotte Harrison Tracy Virginia Park Olive Indiana Benton Cleveland Askew Elmwood Hardesty
Belleview Jefferson Pennsylvania Washington Madison Summit Holly Mercier Genessee Wyandotte Baltimore
Central Linwood Armour Gillham Rockhill Brookside Ward Meyer Gregory Blue Ridge Raytown Sterling
Noland Chouteau Vivion Barry Englewood Antioch Maple Elm Cedar Pine Willow Hickory Sycamore Chestnut
Spruce Magnolia Dogwood Juniper Birch Lakeview Hillcrest Highland Ridgeway Sunset Parkview""".split()
NUMBERED = ["12th", "18th", "23rd", "31st", "39th", "47th", "55th", "61st", "63rd", "75th", "85th",
            "95th", "103rd", "109th", "135th", "9th", "27th", "43rd", "51st", "71st"]
SUFFIXES = ["Street", "St.", "St", "Avenue", "Ave.", "Ave", "Boulevard", "Blvd", "Road", "Rd.", "Drive",
            "Dr.", "Lane", "Ln", "Terrace", "Ter.", "Court", "Ct.", "Place", "Pl", "Parkway", "Pkwy",
            "Way", "Circle"]
DIRS = ["", "", "", "", "E.", "W.", "N.", "S.", "East", "West", "NE", "NW", "SE", "SW"]
CITIES = [("Kansas City", "MO", "641"), ("Kansas City", "KS", "661"), ("Independence", "MO", "640"),
          ("Raytown", "MO", "641"), ("Overland Park", "KS", "662"), ("Lee's Summit", "MO", "640"),
          ("Gladstone", "MO", "641"), ("Grandview", "MO", "640"), ("Liberty", "MO", "640"),
          ("Olathe", "KS", "660"), ("Blue Springs", "MO", "640"), ("North Kansas City", "MO", "641")]
AREA_CODES = ["816", "816", "816", "816", "913", "913", "314", "417", "660", "573", "785", "402",
              "312", "214", "303", "615", "404", "206", "212", "415"]
MAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com",
                "icloud.com", "protonmail.com", "aol.com", "comcast.net", "att.net", "kc.rr.com"]
WORK_DOMAINS = ["kcpd.org", "kcmo.org", "jacksongov.org", "kcledger.com", "kcstar.example.com",
                "unifiedgov.org", "kckps.org"]
SCHOOLS = ["Lincoln College Preparatory Academy", "Central Middle School", "Hale Cook Elementary",
           "Border Star Montessori", "Paseo Academy", "Southwest Early College Campus",
           "Wendell Phillips Elementary", "Faxon Elementary School", "Northeast High School",
           "St. Peter's School", "Blue Valley West High School", "Pembroke Hill School",
           "Truman High School", "Oak Park High School", "Longview Farm Elementary",
           "Holy Cross Catholic School", "Garfield Elementary", "Hogan Preparatory Academy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TITLE_BY_ROLE = {
    "officer": ["Officer", "Officer", "Ofc.", "Sgt.", "Sergeant", "Det.", "Detective", "Lt.", "Capt.",
                "Cpl.", "Deputy", "Trooper"],
    "official": ["Councilwoman", "Councilman", "Mayor", "Commissioner", "Judge", "Director", "Chief",
                 "Council Member", "Alderman"],
    "employee": ["Mr.", "Ms.", "Mrs.", "Dr.", "Inspector", "Supervisor", ""],
    "spouse": ["Mr.", "Mrs.", "Ms.", ""],
    "child": [""],
}
OFFENSES = ["burglary", "theft from auto", "aggravated assault", "vandalism", "disturbance",
            "stolen vehicle", "shots fired", "domestic disturbance", "trespassing", "robbery",
            "hit and run", "fraud", "noise complaint", "suspicious person", "DUI", "shoplifting"]
VEHICLES = ["silver 2014 Honda Accord", "black Ford F-150", "white Chevrolet Malibu", "red Toyota Camry",
            "gray Nissan Altima", "blue Dodge Charger", "green Subaru Outback", "maroon Buick LaSabre",
            "black Jeep Cherokee", "white Kia Optima", "tan GMC Sierra", "dark blue Hyundai Sonata"]
HANDLES = ["kc_watchdog", "troostavenuer", "midtownmom", "plazaguy816", "northland_dad", "WestportWendy",
           "eastsider", "brooksidebob", "cop_watch_kc", "justsaying", "rivermarketrat", "ParkviewPete",
           "anon_1337", "waldo_walker", "kcfan4life", "RaytownRoy", "hydeparkhannah", "theLurker"]

POLICE_FILLER = [
    "The area was checked with negative results.", "No injuries were reported.",
    "The complainant did not wish to pursue charges at this time.",
    "Weather conditions were clear and the roadway was dry.",
    "Body-worn camera footage was uploaded at the end of shift.",
    "A tow was requested and the vehicle was released to the registered owner.",
    "The front door showed signs of forced entry near the deadbolt.",
    "Medical personnel evaluated the victim on scene and no transport was needed.",
    "The suspect fled on foot northbound through the alley and was not located.",
    "I advised both parties to stay away from each other for the rest of the evening.",
    "The case was referred to the property crimes unit for follow-up.",
    "A records check showed no active warrants.", "Detectives were notified and responded to the scene.",
    "The business manager agreed to provide surveillance video by the end of the week.",
    "Officers established a perimeter and a K-9 unit conducted a track with negative results.",
    "The window screen had been removed and placed against the fence.",
    "Both drivers exchanged insurance information and the vehicles were driven from the scene.",
    "The reporting party was given a victim's rights brochure.", "There was no further information available.",
]
SUBJECTS = ["The committee", "Staff", "Residents", "The department", "The city", "Officers", "The board",
            "Neighbors", "The contractor", "The division", "Several speakers", "The chair", "The neighborhood association"]
VERBS = ["reviewed", "discussed", "requested an update on", "approved", "reported on", "raised concerns about",
         "asked about", "will follow up on", "expressed support for", "postponed a decision on", "thanked the public for input on"]
OBJECTS = ["the budget", "street lighting", "the new patrol schedule", "the sidewalk program", "overtime costs",
           "the youth program", "response times", "the towing contract", "the camera pilot", "trash pickup delays",
           "the parking study", "the snow removal plan", "the vacant lot cleanup", "the bike lane extension",
           "the community policing grant", "speed humps on residential streets"]
ADVS = ["last week", "in detail", "at length", "before the vote", "after the presentation", "without objection",
        "for the second time this year", "in the north district", "", "", ""]
CHATTER = ["this city man 🙄", "same thing happened to me last year", "+1", "source?", "👀", "mods pls lock this",
           "call 311 they actually answer now", "it’s always the same corner", "honestly the response time has gotten better",
           "does anyone know if the road work on Troost is done yet", "lol", "this is why we can’t have nice things",
           "I drove by there this morning and it looked fine", "the new lights on the trail are great though",
           "can confirm, my neighbor saw the whole thing", "wait what happened?", "not surprised tbh",
           "they should fix the potholes first", "good. about time.", "anyone going to the meeting thursday?"]


# ----------------------------------------------------------------------------------- persons
@dataclass
class Person:
    id: str
    first: str
    middle: str
    last: str
    role: str
    family_of: str = ""
    aliases: list[str] = field(default_factory=list)
    address: str = ""
    phone: str = ""
    email: str = ""
    dob: str = ""
    ssn: str = ""
    school: str = ""
    plate: str = ""

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.first, self.middle, self.last) if x)


def _pick_surname(rng: random.Random) -> str:
    # About a third of US residents bear one of the ~250 commonest surnames, Zipf-like (Smith ~1%);
    # the rest spread over a long tail (here: any surname of the pool, uniformly).
    if rng.random() < 0.35:
        return rng.choices(SURNAMES[:N_REAL_SURNAMES], cum_weights=_REAL_CUM)[0]
    return SURNAMES[rng.randrange(len(SURNAMES))]


def _pick_first(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    sex = sex or rng.choice("MF")
    pool = FIRST_M if sex == "M" else FIRST_F
    return pool[rng.randrange(len(pool))], sex


def _middle(rng: random.Random, sex: str | None = None) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice("ABCDEFGHJKLMNPRSTW") + "."
    if r < 0.45:
        return _pick_first(rng, sex)[0]
    return ""


def random_name(rng: random.Random) -> tuple[str, str, str]:
    first, sex = _pick_first(rng)
    return first, _middle(rng, sex), _pick_surname(rng)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone_digits(rng: random.Random) -> str:
    area = rng.choice(AREA_CODES)
    exch = str(rng.randint(2, 9)) + _digits(rng, 2)
    if exch[1:] == "11":
        exch = exch[0] + "21"
    return area + exch + _digits(rng, 4)


def fmt_phone(rng: random.Random, d: str, ext: bool = True) -> str:
    a, b, c = d[:3], d[3:6], d[6:]
    f = rng.random()
    if f < 0.30:
        s = f"({a}) {b}-{c}"
    elif f < 0.55:
        s = f"{a}-{b}-{c}"
    elif f < 0.65:
        s = f"{a}.{b}.{c}"
    elif f < 0.72:
        s = f"{a}{b}{c}"
    elif f < 0.80:
        s = f"+1 {a} {b} {c}"
    elif f < 0.85:
        s = f"+1-{a}-{b}-{c}"
    elif f < 0.90:
        s = f"1-{a}-{b}-{c}"
    elif f < 0.95:
        s = f"{a} {b} {c}"
    else:
        s = f"({a}){b}-{c}"
    if ext and rng.random() < 0.04:
        s += rng.choice([f" x{rng.randint(10, 9999)}", f" ext. {rng.randint(10, 999)}", f" ext {rng.randint(100, 9999)}"])
    return s


def street_address(rng: random.Random, full: bool = True, unit: bool = True) -> str:
    num = rng.choice([str(rng.randint(100, 9999)), str(rng.randint(10, 99)), str(rng.randint(10000, 19999))])
    d = rng.choice(DIRS)
    street = rng.choice(NUMBERED) if rng.random() < 0.25 else rng.choice(STREETS)
    s = " ".join(x for x in (num, d, street, rng.choice(SUFFIXES)) if x)
    if unit and rng.random() < 0.12:
        s += rng.choice([f", Apt. {rng.randint(1, 40)}", f" Apt {rng.randint(1, 9)}{rng.choice('ABCD')}",
                         f", Unit {rng.randint(100, 420)}", f" #{rng.randint(1, 30)}"])
    if full:
        city, st, z3 = rng.choice(CITIES)
        zipc = z3 + _digits(rng, 2)
        if rng.random() < 0.1:
            zipc += "-" + _digits(rng, 4)
        s += f", {city}, {st} {zipc}"
    return s


def block_address(rng: random.Random) -> str:
    street = rng.choice(NUMBERED) if rng.random() < 0.3 else rng.choice(STREETS)
    return f"the {rng.randint(1, 99)}00 block of {rng.choice(DIRS + [''])} {street} {rng.choice(SUFFIXES)}".replace("  ", " ")


def fmt_date(rng: random.Random, y: int, m: int, d: int) -> str:
    f = rng.random()
    if f < 0.3:
        return f"{m:02d}/{d:02d}/{y}"
    if f < 0.45:
        return f"{m}/{d}/{y}"
    if f < 0.6:
        return f"{y}-{m:02d}-{d:02d}"
    if f < 0.85:
        return f"{MONTHS[m - 1]} {d}, {y}"
    if f < 0.95:
        return f"{MON3[m - 1]}. {d}, {y}"
    return f"{d} {MONTHS[m - 1]} {y}"


def rand_date(rng: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


def valid_ssn(rng: random.Random) -> str:
    area = rng.choice([rng.randint(1, 665), rng.randint(667, 899)])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def luhn_card(rng: random.Random) -> str:
    prefix = rng.choice(["4", "4", "51", "53", "55", "37", "6011"])
    length = 15 if prefix == "37" else 16
    body = prefix + _digits(rng, length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    num = body + str((10 - total % 10) % 10)
    if rng.random() < 0.5:
        return " ".join(num[i:i + 4] for i in range(0, len(num), 4))
    return num


def plate(rng: random.Random) -> str:
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    f = rng.random()
    if f < 0.5:
        return f"{rng.choice(L)}{rng.choice(L)}{rng.randint(0, 9)} {rng.choice(L)}{rng.randint(0, 9)}{rng.choice(L)}"
    return f"{''.join(rng.choice(L) for _ in range(3))} {rng.randint(100, 999)}"


def email_for(rng: random.Random, first: str, last: str, work: bool = False) -> str:
    import unicodedata

    def asc(s: str) -> str:
        s = unicodedata.normalize("NFKD", s)
        return "".join(c for c in s if c.isascii() and (c.isalnum())).lower()

    f, l = asc(first), asc(last)
    local = rng.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{l}{rng.randint(1, 99)}", f"{l}.{f[0]}",
                        f"{f}_{l}", f"{f[0]}{l}.kc"])
    dom = rng.choice(WORK_DOMAINS if work else MAIL_DOMAINS)
    return f"{local}@{dom}"


def make_persons(seed: int, n: int = ROSTER_MAX) -> list[Person]:
    """n roster rows; a family's members follow its protected person, so any prefix is valid."""
    rng = random.Random(f"roster:{seed}")
    out: list[Person] = []
    prefixes = {"officer": "KCPD", "official": "CITY", "employee": "EMP"}
    counters = {"KCPD": 0, "CITY": 0, "EMP": 0, "FAM": 0}
    while len(out) < n:
        role = rng.choices(["officer", "official", "employee"], [0.6, 0.08, 0.32])[0]
        pre = prefixes[role]
        counters[pre] += 1
        first, sex = _pick_first(rng)
        p = Person(id=f"{pre}-{counters[pre]:06d}", first=first, middle=_middle(rng, sex), last=_pick_surname(rng), role=role)
        _known_values(rng, p)
        _aliases(rng, p, sex)
        out.append(p)
        fam: list[Person] = []
        if rng.random() < 0.38:
            sfirst, _ = _pick_first(rng, "F" if sex == "M" else "M")
            same = rng.random() < 0.7
            counters["FAM"] += 1
            sp = Person(id=f"FAM-{counters['FAM']:06d}", first=sfirst, middle=_middle(rng, "F" if sex == "M" else "M") if rng.random() < 0.5 else "",
                        last=p.last if same else _pick_surname(rng), role="spouse", family_of=p.id)
            sp.address = p.address if rng.random() < 0.8 else ""
            if rng.random() < 0.4:
                sp.phone = fmt_phone(rng, phone_digits(rng), ext=False)
            if rng.random() < 0.3:
                sp.email = email_for(rng, sp.first, sp.last)
            if rng.random() < 0.3:
                sp.dob = fmt_date(rng, *rand_date(rng, 1955, 1998))
            if same and rng.random() < 0.3:
                sp.aliases.append(f"{sp.first} {_pick_surname(rng)}")  # maiden name
            fam.append(sp)
        for _ in range(rng.choices([0, 1, 2, 3], [0.66, 0.16, 0.13, 0.05])[0]):
            cfirst, _ = _pick_first(rng)
            counters["FAM"] += 1
            ch = Person(id=f"FAM-{counters['FAM']:06d}", first=cfirst, middle="", last=p.last, role="child", family_of=p.id)
            if rng.random() < 0.6:
                ch.school = rng.choice(SCHOOLS)
            if rng.random() < 0.4:
                ch.dob = fmt_date(rng, *rand_date(rng, 2005, 2020))
            fam.append(ch)
        out.extend(fam)
    return out[:n]


def _known_values(rng: random.Random, p: Person) -> None:
    if rng.random() < 0.55:
        a = street_address(rng)
        if rng.random() < 0.1:
            a += "; " + street_address(rng)
        p.address = a
    if rng.random() < 0.55:
        p.phone = fmt_phone(rng, phone_digits(rng), ext=False)
        if rng.random() < 0.15:
            p.phone += "; " + fmt_phone(rng, phone_digits(rng), ext=False)
    if rng.random() < 0.35:
        p.email = email_for(rng, p.first, p.last)
    if rng.random() < 0.5:
        p.dob = fmt_date(rng, *rand_date(rng, 1955, 1998))
    if rng.random() < 0.03:
        p.ssn = valid_ssn(rng)
    if rng.random() < 0.1:
        p.plate = plate(rng)


def _aliases(rng: random.Random, p: Person, sex: str) -> None:
    if p.first in NICKNAMES and rng.random() < 0.5:
        p.aliases.append(f"{NICKNAMES[p.first]} {p.last}")
    if p.middle and rng.random() < 0.3:
        p.aliases.append(f"{p.first[0]}. {p.middle[0]}. {p.last}")
    if rng.random() < 0.04:
        p.aliases.append(f"{_pick_first(rng, sex)[0]} {p.last}")  # goes by a different first name


ROSTER_HEADER = ["id", "name", "aliases", "role", "family_of", "address", "phone", "email", "dob", "ssn", "school", "plate"]


def roster_csv(persons: list[Person]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ROSTER_HEADER)
    for p in persons:
        w.writerow([p.id, p.name, "; ".join(p.aliases), p.role, p.family_of, p.address, p.phone, p.email,
                    p.dob, p.ssn, p.school, p.plate])
    return buf.getvalue()


# ----------------------------------------------------------------------------------- corpus
class Cast:
    """A person as a document mentions them: roster person or not, with a title."""

    def __init__(self, rng: random.Random, persons: list[Person], role_hint: str | None = None):
        r = rng.random()
        lo, hi = (0, 1_000) if r < 0.35 else (1_000, 10_000) if r < 0.65 else (10_000, len(persons)) if r < 0.8 else (0, 0)
        idx = -1
        for _ in range(4 if hi else 0):  # prefer a roster person of the role the document needs
            idx = rng.randrange(lo, min(hi, len(persons)))
            if role_hint in (None, "resident") or persons[idx].role == role_hint:
                break
        if idx >= 0:
            p = persons[idx]
            self.first, self.middle, self.last, self.role = p.first, p.middle, p.last, p.role
            self.person: Person | None = p
        else:
            self.first, self.middle, self.last = random_name(rng)
            self.role = role_hint or rng.choice(["officer", "official", "employee", "resident"])
            self.person = None
        titles = TITLE_BY_ROLE.get(self.role, ["Mr.", "Ms.", ""])
        self.title = rng.choice(titles)

    def full(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.55:
            n = f"{self.first} {self.last}"
        elif r < 0.8 and self.middle:
            n = f"{self.first} {self.middle} {self.last}"
        elif r < 0.9:
            n = f"{self.first} {self.last}".upper() if rng.random() < 0.3 else f"{self.first} {self.last}"
        else:
            n = f"{self.first} {self.last}"
        return f"{self.title} {n}".strip() if self.title and rng.random() < 0.7 else n

    def short(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.5 and self.title:
            return f"{self.title} {self.last}"
        if r < 0.9:
            return self.last
        return self.first

    def last_first(self, rng: random.Random) -> str:
        n = f"{self.last}, {self.first}"
        if self.middle and rng.random() < 0.5:
            n += f" {self.middle[0]}"
        return n.upper() if rng.random() < 0.3 else n


class CorpusGen:
    def __init__(self, seed: int, persons: list[Person]):
        self.rng = random.Random(f"corpus:{seed}")
        self.persons = persons
        self.doc_no = 0

    # small pieces -------------------------------------------------------------------------
    def phone(self) -> str:
        return fmt_phone(self.rng, phone_digits(self.rng))

    def date(self, y0: int = 2019, y1: int = 2025) -> str:
        return fmt_date(self.rng, *rand_date(self.rng, y0, y1))

    def dob(self) -> str:
        return fmt_date(self.rng, *rand_date(self.rng, 1950, 2007))

    def time(self) -> str:
        r = self.rng
        return r.choice([f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(['a.m.', 'p.m.', 'AM', 'PM'])}",
                         f"{r.randint(0, 23):02d}{r.randint(0, 59):02d} hrs"])

    def case_no(self) -> str:
        r = self.rng
        return r.choice([f"KC{r.randint(19, 25)}-{r.randint(0, 999999):06d}", f"{r.randint(2019, 2025)}-{r.randint(0, 9999999):07d}",
                         f"{r.randint(19, 25)}-{r.randint(100000, 999999)}", f"CR-{r.randint(2019, 2025)}-{r.randint(1000, 99999)}",
                         f"{r.randint(2019, 2025)}CV{r.randint(10000, 99999)}"])

    def near_miss(self) -> str:
        """Numbers that look a bit like PII and are not."""
        r = self.rng
        return r.choice([
            f"Ordinance No. {r.randint(190000, 259999)}", f"badge #{r.randint(1000, 9999)}",
            f"${r.randint(1, 99)},{r.randint(0, 999):03d}.{r.randint(0, 99):02d}", f"${r.randint(10, 999)}",
            f"serial no. {r.choice('ABCDEFGHKLMNPRSTXYZ')}{r.choice('0123456789')}{_digits(r, 8)}",
            f"VIN 1{r.choice('FGHN')}{_digits(r, 3)}{r.choice('ABCDEFGH')}{_digits(r, 11)}",
            f"report {r.randint(19, 25)}-{_digits(r, 6)}", f"file {r.randint(2019, 2025)}-{_digits(r, 3)}-{_digits(r, 4)}",
            f"invoice {_digits(r, 10)}", f"tracking number {_digits(r, 12)}", f"{r.randint(1, 99)}.{r.randint(0, 9)}%",
            f"page {r.randint(1, 40)} of {r.randint(40, 90)}", f"Section {r.randint(1, 80)}-{r.randint(1, 400)}",
            f"ZIP {r.choice(CITIES)[2]}{_digits(r, 2)}-{_digits(r, 4)}", f"parcel {_digits(r, 2)}-{_digits(r, 3)}-{_digits(r, 2)}-{_digits(r, 2)}-{_digits(r, 2)}-{_digits(r, 1)}-{_digits(r, 2)}-{_digits(r, 3)}",
            f"{r.randint(1, 12)}/{r.randint(1, 28)}", f"call {r.randint(100, 999)}-{_digits(r, 4)}",
            f"{_digits(r, 3)}-{_digits(r, 2)}-{_digits(r, 4)} (case index)", f"{r.randint(1000, 2999)}-{_digits(r, 3)}-{_digits(r, 4)}",
            f"{r.randint(38, 39)}.{_digits(r, 4)}, -{r.randint(94, 95)}.{_digits(r, 4)}",
            f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
        ])

    def leak(self, c: Cast, kind: str) -> str:
        """`kind` value of a cast member: their known roster value half the time, else a fresh one."""
        r = self.rng
        known = getattr(c.person, kind, "") if c.person is not None else ""
        if known and r.random() < 0.5:
            return known.split(";")[0].strip()
        if kind == "address":
            return street_address(r)
        if kind == "phone":
            return self.phone()
        if kind == "email":
            return email_for(r, c.first, c.last)
        return self.dob()

    def filler(self, pool: list[str] | None = None) -> str:
        """A sentence with no names and no PII (most of a real document)."""
        r = self.rng
        if pool is not None and r.random() < 0.5:
            return r.choice(pool)
        adv = r.choice(ADVS)
        return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}{' ' + adv if adv else ''}."

    def cast(self, k: int, role: str | None = None) -> list[Cast]:
        return [Cast(self.rng, self.persons, role) for _ in range(k)]

    # documents ----------------------------------------------------------------------------
    def document(self) -> tuple[str, str]:
        r = self.rng
        kind = r.choices(["police_report", "press_release", "council_minutes", "forum_thread", "csv_extract"],
                         [0.32, 0.20, 0.16, 0.22, 0.10])[0]
        target = int(math.exp(r.uniform(math.log(2_000), math.log(20_000))))
        self.doc_no += 1
        body = getattr(self, kind)(target).replace(".m..", ".m.")
        return kind, body

    def _fill(self, parts: list[str], target: int, make) -> None:
        size = sum(len(p) + 1 for p in parts)
        while size < target:
            piece = make()
            parts.append(piece)
            size += len(piece) + 1

    def police_report(self, target: int) -> str:
        r = self.rng
        officers = self.cast(r.randint(1, 4), "officer")
        civ = self.cast(r.randint(1, 4), "resident")
        o = officers[0]
        loc = street_address(r) if r.random() < 0.6 else block_address(r) + ", Kansas City, MO"
        parts = [
            f"KANSAS CITY POLICE DEPARTMENT — INCIDENT REPORT",
            f"Case No.: {self.case_no()}    Report #: {r.randint(1, 9)}    Offense: {r.choice(OFFENSES).title()}",
            f"Date/Time Reported: {self.date()} {self.time()}    Occurred: {self.date()} {self.time()}",
            f"Location: {loc}",
            f"Reporting Officer: {o.full(r)} (Badge #{r.randint(1000, 9999)})",
        ]
        if len(officers) > 1:
            parts.append("Assisting: " + ", ".join(x.full(r) for x in officers[1:]))
        parts.append("")
        parts.append("PERSONS")
        for c in civ:
            role = r.choice(["Victim", "Suspect", "Witness", "Reporting Party", "Arrestee"])
            line = f"{role}: {c.last_first(r)}    DOB: {self.dob()}    Sex: {r.choice('MF')}    Race: {r.choice('WBHAI')}"
            parts.append(line)
            parts.append(f"  Address: {street_address(r)}    Phone: {self.phone()}")
            if r.random() < 0.15:
                parts.append(f"  Email: {email_for(r, c.first, c.last)}    DL: {r.choice('ABCDEFGHKLMNPRST')}{_digits(r, 9)}")
        parts.append("")
        parts.append("NARRATIVE")

        def sentence() -> str:
            a, b = r.choice(officers), r.choice(civ)
            if r.random() < 0.55:
                return self.filler(POLICE_FILLER)
            t = r.random()
            if t < 0.12:
                return f"On {self.date()} at approximately {self.time()}, {a.full(r)} was dispatched to {block_address(r)} regarding a {r.choice(OFFENSES)}."
            if t < 0.22:
                return f"{a.short(r)} responded to a disturbance at {street_address(r, full=False)} and made contact with {b.full(r)}."
            if t < 0.32:
                return f"{b.full(r)} stated that a {r.choice(VEHICLES)} bearing Missouri plate {plate(r)} left the scene southbound."
            if t < 0.40:
                return f"{b.short(r)} could be reached at {self.phone()} and agreed to provide a written statement."
            if t < 0.47:
                return f"{a.short(r)} ran the plate through MULES/NCIC with negative results ({self.near_miss()})."
            if t < 0.55:
                return f"The victim, {b.full(r)} (DOB {self.dob()}), said the property was valued at {self.near_miss()}."
            if t < 0.62:
                return f"{a.full(r)} photographed the scene and collected evidence under property {self.case_no()}."
            if t < 0.68:
                return f"{b.short(r)} advised that {r.choice(['her', 'his', 'their'])} {r.choice(['sister', 'neighbor', 'ex-boyfriend', 'landlord'])} lives at {street_address(r)}."
            if t < 0.74:
                return f"A canvass of the area located a witness, {b.last_first(r)}, who declined to give a phone number."
            if t < 0.80:
                return f"Sgt. {a.last} approved the report on {self.date()}; see also {self.near_miss()} and {self.near_miss()}."
            if t < 0.85:
                return f"The suspect was transported to the Jackson County Detention Center, {street_address(r)}, and booked under {self.case_no()}."
            if t < 0.90:
                return f"{b.short(r)}'s employer, reachable at {self.phone()}, confirmed the timeline given at {self.time()}."
            if t < 0.93:
                return f"The reporting party paid with a card ending {_digits(r, 4)}; the receipt total was {self.near_miss()}."
            if t < 0.95 and r.random() < 0.3:
                return f"{b.full(r)} provided SSN {valid_ssn(r)} and card number {luhn_card(r)} for the fraud affidavit."
            return f"Nothing further. {a.short(r)} cleared the call at {self.time()} ({self.near_miss()})."

        self._fill(parts, target - 120, lambda: " ".join(sentence() for _ in range(r.randint(2, 5))))
        parts.append("")
        parts.append(f"Approved: {r.choice(officers).full(r)}    Date: {self.date()}    Page 1 of 1")
        return "\n".join(parts) + "\n"

    def press_release(self, target: int) -> str:
        r = self.rng
        people = self.cast(r.randint(2, 5), r.choice(["official", "officer"]))
        contact = people[0]
        parts = [
            f"FOR IMMEDIATE RELEASE\n{self.date()}",
            f"Media contact: {contact.full(r)}, Public Information Office, {fmt_phone(r, phone_digits(r))}, {email_for(r, contact.first, contact.last, work=True)}",
            r.choice(["City launches neighborhood safety grants", "Police department honors officers at annual awards",
                      "Council approves budget amendment for street repairs", "Mayor announces summer youth program",
                      "KCPD releases third-quarter crime statistics", "Water main replacement to begin downtown"]),
        ]

        def para() -> str:
            a, b = r.choice(people), r.choice(people)
            s = [
                f"“{r.choice(['We are proud of this work', 'This is about safer streets', 'Residents asked for this', 'Our officers go above and beyond'])},” said {a.full(r)}.",
                f"{b.full(r)} will speak at the community meeting at {street_address(r, full=False)} on {self.date()} at {self.time()}.",
                f"The ceremony was held at headquarters, 1125 Locust Street, where {a.short(r)} presented {r.randint(2, 40)} commendations.",
                f"Residents with questions may call 311 or {fmt_phone(r, phone_digits(r))}, or write to {email_for(r, a.first, a.last, work=True)}.",
                f"According to {b.short(r)}, the program has served {r.randint(100, 9000):,} families since {r.randint(2010, 2023)} ({self.near_miss()}).",
                f"The event takes place at City Hall, 414 E. 12th Street, from {self.time()} to {self.time()}.",
                f"{a.short(r)} thanked {b.full(r)} and the staff of the {r.choice(['Central', 'Metro', 'East', 'North', 'South', 'Shoal Creek'])} Patrol Division.",
                f"Funding comes from {self.near_miss()} approved on {self.date()}.",
            ]
            r.shuffle(s)
            s = s[: r.randint(2, 4)] + [self.filler() for _ in range(r.randint(2, 5))]
            r.shuffle(s)
            return " ".join(s)

        self._fill(parts, target - 10, para)
        parts.append("###")
        return "\n\n".join(parts) + "\n"

    def council_minutes(self, target: int) -> str:
        r = self.rng
        members = self.cast(r.randint(3, 6), "official")
        staff = self.cast(r.randint(1, 3), "employee")
        parts = [
            "MINUTES",
            r.choice(["Neighborhood Planning and Development Committee", "Finance, Governance and Public Safety Committee",
                      "Transportation, Infrastructure and Operations Committee", "Board of Police Commissioners"]),
            f"{self.date()} — {self.time()}",
            "Council Committee Room, 10th Floor, City Hall, 414 E. 12th Street",
            "",
            "Present: " + ", ".join(m.full(r) for m in members),
            "Staff: " + ", ".join(s.full(r) for s in staff),
            "",
        ]
        item = [0]

        def agenda() -> str:
            item[0] += 1
            a, b = r.choice(members), r.choice(members)
            s = r.choice(staff)
            lines = [f"{item[0]}. {r.choice(['Ordinance', 'Resolution'])} No. {r.randint(190000, 259999)} — {r.choice(['amending Chapter 48 (nuisance abatement)', 'accepting a federal grant', 'approving a lease', 'rezoning an area of about 3 acres', 'authorizing a contract'])}."]
            lines.append("   " + " ".join(self.filler() for _ in range(r.randint(1, 4))))
            lines.append(f"   {s.short(r)} presented the staff report: {r.randint(100, 9999):,} cases in FY{r.randint(2019, 2025)}, {self.near_miss()}.")
            if r.random() < 0.5:
                c = Cast(r, self.persons, "resident")
                lines.append(f"   Public testimony: {c.full(r)}, {street_address(r)}, spoke {r.choice(['in favor', 'in opposition', 'with concerns'])}.")
            if r.random() < 0.2:
                lines.append(f"   Written comments were received from {Cast(r, self.persons).full(r)} ({email_for(r, 'pat', 'resident')}) and {self.phone()}.")
            lines.append(f"   {a.short(r)} moved to advance with a \"do pass\" recommendation; seconded by {b.short(r)}. Vote {r.randint(3, 6)}-{r.randint(0, 2)}.")
            return "\n".join(lines)

        self._fill(parts, target - 40, agenda)
        parts.append(f"\nAdjourned {self.time()}.")
        return "\n".join(parts) + "\n"

    def forum_thread(self, target: int) -> str:
        r = self.rng
        cops = self.cast(r.randint(1, 3), "officer")
        parts = [f"Thread: {r.choice(['anyone else see the cops on Troost last night?', 'Speed trap on 71 again', 'Who is this officer??', 'Noise complaints ignored', 'Council vote on the budget', 'Lost dog near Swope Park'])}",
                 f"Posted in r/{r.choice(['kansascity', 'KCMO', 'northland', 'kansascityscanner'])} · {self.date()}"]

        def post() -> str:
            a = r.choice(cops)
            user = r.choice(HANDLES) + (str(r.randint(1, 99)) if r.random() < 0.4 else "")
            t = r.random()
            if t < 0.15:
                body = f"{a.full(r)} wrote me a ticket on {block_address(r)} for doing 38 in a 35. unreal. badge {r.randint(1000, 9999)}"
            elif t < 0.28:
                body = f"i called {fmt_phone(r, phone_digits(r))} three times about the noise at {street_address(r, full=False)} and nobody came. {r.randint(2, 9)} hours later still going"
            elif t < 0.33:
                c = r.choice(cops)
                body = r.choice([
                    f"found out {c.short(r)} lives at {self.leak(c, 'address')} lol. wife is on facebook too. cell {self.leak(c, 'phone')}",
                    f"{c.full(r)} — {self.leak(c, 'address')} — {self.leak(c, 'phone')}. you know what to do",
                    f"{c.full(r)}'s kids go to {r.choice(SCHOOLS)}, just saying. DOB {self.leak(c, 'dob')}",
                    f"emailed {c.short(r)} at {self.leak(c, 'email')} about it, no answer. his home number is {self.leak(c, 'phone')}",
                ])
            elif t < 0.43:
                c = r.choice(cops)
                body = f"{c.full(r)} was actually really nice when my car got broken into at {block_address(r)}. filed {self.case_no()}"
            elif t < 0.50:
                body = f"Lost dog near {r.choice(STREETS)} and {r.choice(NUMBERED)}, answers to {r.choice(['Biscuit', 'Max', 'Luna', 'Rocky'])}. text me at {self.phone()} or {email_for(r, r.choice(FIRST_F), r.choice(SURNAMES[:200]))}"
            elif t < 0.58:
                body = f"the council voted {r.randint(6, 12)}-{r.randint(0, 6)}. {Cast(r, self.persons, 'official').full(r)} was the only one who asked about {self.near_miss()}"
            else:
                body = " ".join(r.choice(CHATTER) for _ in range(r.randint(1, 3)))
            return f"{user} · {r.randint(1, 23)}h\n{body}\n  ▲ {r.randint(0, 300)}  reply  share"

        self._fill(parts, target, post)
        return "\n\n".join(parts) + "\n"

    def csv_extract(self, target: int) -> str:
        r = self.rng
        shape = r.choice(["calls", "personnel", "contacts"])
        if shape == "calls":
            parts = ["case_no,date,time,officer,location,offense,disposition,callback"]

            def row() -> str:
                c = Cast(r, self.persons, "officer")
                return f"{self.case_no()},{self.date()},{self.time()},\"{c.last_first(r)}\",\"{block_address(r) if r.random() < 0.7 else street_address(r)}\",{r.choice(OFFENSES)},{r.choice(['closed', 'open', 'referred', 'unfounded'])},{self.phone() if r.random() < 0.5 else ''}"
        elif shape == "personnel":
            parts = ["emp_id,name,title,division,hire_date,work_phone,work_email"]

            def row() -> str:
                c = Cast(r, self.persons, r.choice(["officer", "employee"]))
                return f"{r.randint(10000, 99999)},\"{c.last_first(r)}\",{r.choice(['Police Officer', 'Sergeant', 'Clerk II', 'Analyst', 'Detective', 'Inspector'])},{r.choice(['Central', 'Metro', 'East', 'North', 'South', 'Records'])},{self.date(1990, 2024)},{fmt_phone(r, phone_digits(r), ext=False)} x{r.randint(1000, 9999)},{email_for(r, c.first, c.last, work=True)}"
        else:
            parts = ["name,address,phone,email,dob,notes"]

            def row() -> str:
                c = Cast(r, self.persons)
                return f"\"{c.full(r)}\",\"{street_address(r)}\",{self.phone()},{email_for(r, c.first, c.last)},{self.dob()},{r.choice(['', 'requested copy', 'no contact', self.near_miss()])}"

        self._fill(parts, target, row)
        return "\n".join(parts) + "\n"


# ----------------------------------------------------------------------------------- caching
def source_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _meta_ok(meta_path: Path, key: dict, paths: list[Path]) -> bool:
    try:
        return json.loads(meta_path.read_text()) == key and all(p.exists() for p in paths)
    except (OSError, ValueError):
        return False


_PERSONS_CACHE: dict[int, list[Person]] = {}


def persons_for(seed: int) -> list[Person]:
    if seed not in _PERSONS_CACHE:
        _PERSONS_CACHE[seed] = make_persons(seed)
    return _PERSONS_CACHE[seed]


def ensure_roster(out: Path, size: int, seed: int, log=print) -> Path:
    """out/roster-<size>-s<seed>.csv, regenerated only when the key changed."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"roster-{_label(size)}-s{seed}.csv"
    meta = path.with_suffix(".meta.json")
    key = {"kind": "roster", "size": size, "seed": seed, "gen_version": GEN_VERSION, "source": source_hash()}
    if _meta_ok(meta, key, [path]):
        return path
    log(f"generating roster {path.name} ...")
    persons = persons_for(seed)[:size]
    path.write_text(roster_csv(persons), encoding="utf-8")
    meta.write_text(json.dumps(key))
    return path


@dataclass
class Corpus:
    big: Path            # one file holding every document
    files: Path | None   # folder of the same documents, one file each (or None)
    n_files: int
    bytes: int


def ensure_corpus(out: Path, mb: int, seed: int, small_files: bool, log=print) -> Corpus:
    """out/corpus-<mb>mb-s<seed>.txt (+ folder of small files), regenerated only when needed."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"corpus-{mb}mb-s{seed}"
    big = out / f"{stem}.txt"
    folder = out / stem
    meta = out / f"{stem}.meta.json"
    key = {"kind": "corpus", "mb": mb, "seed": seed, "small_files": small_files, "gen_version": GEN_VERSION, "source": source_hash()}
    if _meta_ok(meta, key, [big] + ([folder] if small_files else [])):
        info = json.loads((out / f"{stem}.info.json").read_text())
        return Corpus(big, folder if small_files else None, info["n_files"], info["bytes"])
    log(f"generating corpus {big.name} ({mb} MB{', plus small files' if small_files else ''}) ...")
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    gen = CorpusGen(seed, persons_for(seed))
    target = mb * 1_000_000
    total = n = 0
    with open(big, "wb") as fh:
        while total < target:
            kind, body = gen.document()
            data = body.encode("utf-8")
            if small_files:
                sub = folder / f"{n // 500:03d}"
                if n % 500 == 0:
                    sub.mkdir(parents=True, exist_ok=True)
                (sub / f"{n:06d}-{kind}.txt").write_bytes(data)
            fh.write(data)
            total += len(data)
            n += 1
    (out / f"{stem}.info.json").write_text(json.dumps({"n_files": n, "bytes": total}))
    meta.write_text(json.dumps(key))
    return Corpus(big, folder if small_files else None, n, total)


def ensure_repeated(out: Path, src: Path, gb: float, log=print) -> Path:
    """A big file made of `src` repeated to about `gb` GB (for the RSS-on-a-huge-file check)."""
    path = out / f"{src.stem}-x{gb:g}gb.txt"
    meta = out / f"{path.stem}.meta.json"
    key = {"kind": "repeat", "src": src.name, "src_size": src.stat().st_size, "gb": gb, "source": source_hash()}
    if _meta_ok(meta, key, [path]):
        return path
    log(f"generating {path.name} ...")
    target = int(gb * 1_000_000_000)
    total = 0
    with open(path, "wb") as fh:
        while total < target:
            with open(src, "rb") as s:
                while chunk := s.read(1 << 24):
                    fh.write(chunk)
                    total += len(chunk)
    meta.write_text(json.dumps(key))
    return path


def small_sample(out: Path, corpus_big: Path, size: int = 2048) -> Path:
    """A ~2 KB single file: the first whole lines of the corpus up to `size` bytes."""
    path = out / f"sample-{size}b-{corpus_big.stem}.txt"
    if path.exists():
        return path
    with open(corpus_big, "rb") as fh:
        data = fh.read(size * 2)
    cut = data[:size].rfind(b"\n")
    path.write_bytes(data[: cut + 1 if cut > 0 else size])
    return path


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def parse_count(s: str) -> int:
    s = s.strip().lower()
    return int(float(s[:-1]) * 1000) if s.endswith("k") else int(s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rosters", default="1k,10k,100k", help="comma-separated sizes (max 100k)")
    ap.add_argument("--corpus", default="10,100", help="comma-separated corpus sizes in MB")
    ap.add_argument("--small-files", default="10", help="corpus sizes (MB) also written as many small files")
    a = ap.parse_args(argv)
    out = Path(a.out)
    for s in filter(None, a.rosters.split(",")):
        print(ensure_roster(out, parse_count(s), a.seed))
    small = {int(x) for x in a.small_files.split(",") if x}
    for m in filter(None, a.corpus.split(",")):
        c = ensure_corpus(out, int(m), a.seed, int(m) in small)
        print(c.big, c.bytes, "bytes,", c.n_files, "documents", f"(folder {c.files})" if c.files else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
