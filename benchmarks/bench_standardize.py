"""Benchmark ``standardize_record`` on 8-field records of mixed countries and scripts.

Each record is a contact row as it arrives from a form or an ERP export of one
of seven countries (PL, UA, RU, GR, DE, GB, US), keyed in that country's own
language ("Kod pocztowy", "Індекс", "ΑΦΜ"...), with a name, a company, a
phone, an e-mail address, a street address, a postal code, a country and a tax
number written in the country's own script. Every number, check digit,
e-mail box, house and postal code is drawn anew, so no two records share them;
names, companies and streets are drawn from pools as large as a small
customer base has (about 100 names, 100 to 200 company names and 500 to 1,000
street addresses per country in 1,000 records), so the families' caches help
as much as they would on real data, not more.

Printed: throughput on one core, latency per record (p50/p95/p99), peak
memory, two baselines timed in the same run with the same passes, and a
profile of where the time goes. The baselines:

* direct calls: the same field standardisers called one by one (what the
  record layer adds on top);
* plain libraries: the code a user would write instead, composing the
  libraries crmcore builds on. A header is mapped to its field by a table
  written by hand; the country name is looked up in Babel's territory names
  in the seven countries' languages (inverted once beforehand); the phone is
  ``phonenumbers.parse`` in that country and ``format_number`` to E.164; the
  e-mail is ``email_validator.validate_email`` without a DNS query; the tax
  number is the country's python-stdnum module's ``validate``; a person's
  name is ``str.strip().title()``; the rest is ``str.strip``. Rejected
  values are caught and passed over. It does far less than
  ``standardize_record``: no hints or typed issues, no mixed scripts or
  homoglyphs, no company legal forms, addresses or postal codes read, no
  header synonyms beyond its own table. The ratio of the two throughputs is
  printed.

    python benchmarks/bench_standardize.py [--records N] [--repeat N] [--no-profile]

``CRMCORE_BENCH_SCALE`` scales the default number of records.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import multiprocessing
import pstats
import random
import statistics
import time
import unicodedata
from typing import TYPE_CHECKING

import _harness
import attrs
import babel
import email_validator
import phonenumbers
from _harness import Percentiles, latencies, traced_peak_kib
from stdnum import exceptions as stdnum_errors
from stdnum.de import vat as de_vat
from stdnum.gb import vat as gb_vat
from stdnum.gr import vat as gr_vat
from stdnum.pl import nip as pl_nip
from stdnum.ru import inn as ru_inn
from stdnum.ua import edrpou as ua_edrpou
from stdnum.us import ein as us_ein

from crmcore.standardize import _records, standardize_record
from crmcore.standardize._fields import FAMILIES, family
from crmcore.standardize._synonyms import field_for

if TYPE_CHECKING:
    from collections.abc import Callable


def _check_digit(rng: random.Random, prefix: str, body: int, valid: Callable[[str], bool]) -> str:
    """Return a number with ``prefix``, ``body`` random digits and a valid check digit."""
    while True:
        stem = prefix + "".join(rng.choice("0123456789") for _ in range(body))
        for digit in "0123456789":
            if valid(stem + digit):
                return stem + digit


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _person(rng: random.Random, pools: tuple[list[str], list[str], list[tuple[str, str]]]) -> str:
    """Return "Given Family" from a country's pools, the family name in the given name's gender."""
    men, women, families = pools
    male = rng.random() < 0.5
    family_name = rng.choice(families)[0 if male else 1]
    return f"{rng.choice(men if male else women)} {family_name}"


def _unchanged(names: list[str]) -> list[tuple[str, str]]:
    """Return family names that a woman and a man write alike."""
    return [(name, name) for name in names]


def _compound(rng: random.Random, parts: tuple[list[str], list[str]], joint: str = "") -> str:
    """Return a company name's core made of a head and a tail ("Agro" + "pol" = "Agropol")."""
    heads, tails = parts
    return f"{rng.choice(heads)}{joint}{rng.choice(tails)}"


def _ascii(text: str) -> str:
    """Return ``text`` folded to ASCII, as people write names in e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in folded if c.isascii()).lower()


_PL_NAMES = (
    ["Jan", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Łukasz", "Grzegorz"],
    ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Zofia"],
    [
        ("Kowalski", "Kowalska"),
        ("Wiśniewski", "Wiśniewska"),
        ("Wójcik", "Wójcik"),
        ("Kamiński", "Kamińska"),
        ("Lewandowski", "Lewandowska"),
        ("Zieliński", "Zielińska"),
        ("Dąbrowski", "Dąbrowska"),
        ("Nowak", "Nowak"),
        ("Mazur", "Mazur"),
    ],
)
_PL_CORES = (
    ["Trans", "Agro", "Drew", "Elektro", "Pol", "Bud", "Stal", "Mleko"],
    ["pol", "mex", "bud", "mont", "met", "rem", "tex", "hurt"],
)
_PL_STREETS = [
    "ul. Marszałkowska",
    "ul. Piotrkowska",
    "al. Jerozolimskie",
    "ul. Długa",
    "ul. Floriańska",
    "pl. Grunwaldzki",
]


def _pl(rng: random.Random, n: int) -> dict[str, object]:
    name = _person(rng, _PL_NAMES)
    core = _compound(rng, _PL_CORES)
    nip = _check_digit(rng, "", 9, pl_nip.is_valid)
    flat = f"/{rng.randint(1, 40)}" if rng.random() < 0.7 else ""
    return {
        "Imię i nazwisko": name,
        "Firma": rng.choice(
            [f"PHU „{core}” Sp. z o.o.", f"{name.split()[1]} i Syn S.A.", f"{core} sp. j."]
        ),
        "Telefon": f"6{rng.choice('0069')}{_digits(rng, 1)} {_digits(rng, 3)} {_digits(rng, 3)}",
        "E-mail": f"{_ascii(name.split()[0])}.{n}@example.pl",
        "Ulica": f"{rng.choice(_PL_STREETS)} {rng.randint(1, 150)}{flat}",
        "Kod pocztowy": f"{_digits(rng, 2)}-{_digits(rng, 3)}",
        "Kraj": "Polska",
        "NIP": f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
    }


_UA_NAMES = (
    ["Тарас", "Ігор", "Олександр", "Андрій", "Дмитро", "Василь", "Богдан"],
    ["Олена", "Ярина", "Наталія", "Оксана", "Ірина", "Галина", "Марія"],
    _unchanged(
        [
            "Коваленко",
            "Шевченко",
            "Бондаренко",
            "Мельник",
            "Ткаченко",
            "Кравченко",
            "Олійник",
            "Лисенко",
        ]
    ),
)
_UA_CORES = (
    ["Агро", "Буд", "Київ", "Дніпро", "Світ", "Тех", "Укр"],
    ["пром", "постач", "сервіс", "трейд", "хліб", "енерго", "маш"],
)
_UA_STREETS = [
    "вул. Хрещатик",
    "вул. Шевченка",
    "просп. Перемоги",
    "вул. Січових Стрільців",
    "вул. Франка",
]


def _ua(rng: random.Random, n: int) -> dict[str, object]:
    name = _person(rng, _UA_NAMES)
    given, family_name = name.split()
    core = _compound(rng, _UA_CORES)
    return {
        "ПІБ": name,
        "Назва": rng.choice(
            [f"ТОВ «{core}»", f"ПрАТ «{core}»", f"ФОП {family_name} {given[0]}. І."]
        ),
        "Телефон": f"+380 {rng.choice(['50', '63', '67', '93'])} {_digits(rng, 3)} "
        f"{_digits(rng, 2)} {_digits(rng, 2)}",
        "Пошта": f"client{n}@example.com.ua",
        "Вулиця": f"{rng.choice(_UA_STREETS)}, {rng.randint(1, 60)}, кв. {rng.randint(1, 90)}",
        "Індекс": f"0{_digits(rng, 4)}",
        "Країна": "Україна",
        "ЄДРПОУ": _check_digit(rng, "3", 6, ua_edrpou.is_valid),
    }


_RU_NAMES = (
    ["Иван", "Сергей", "Алексей", "Дмитрий", "Андрей", "Михаил", "Николай"],
    ["Мария", "Ольга", "Елена", "Анна", "Татьяна", "Наталья", "Ирина"],
    [
        ("Петров", "Петрова"),
        ("Иванов", "Иванова"),
        ("Смирнов", "Смирнова"),
        ("Кузнецов", "Кузнецова"),
        ("Попов", "Попова"),
        ("Соколов", "Соколова"),
        ("Волков", "Волкова"),
    ],
)
_RU_CORES = (
    ["Строй", "Урал", "Волга", "Север", "Техно", "Агро", "Сиб"],
    ["инвест", "маш", "транс", "сталь", "сила", "торг", "снаб"],
)
_RU_MOBILE = ["912", "916", "926", "903", "905", "985"]
_RU_STREETS = ["ул. Тверская", "ул. Арбат", "ул. Ленина", "ул. Садовая", "просп. Мира"]


def _ru(rng: random.Random, n: int) -> dict[str, object]:
    name = _person(rng, _RU_NAMES)
    given, family_name = name.split()
    core = _compound(rng, _RU_CORES)
    return {
        "ФИО": name,
        "Компания": rng.choice(
            [f"ООО «{core}»", f"АО «{core}»", f"ИП {family_name} {given[0]}. В."]
        ),
        "Телефон": f"+7 {rng.choice(_RU_MOBILE)} {_digits(rng, 3)}-{_digits(rng, 2)}-"
        f"{_digits(rng, 2)}",
        "Почта": f"office{n}@example.ru",
        "Адрес": f"{rng.choice(_RU_STREETS)}, д. {rng.randint(1, 30)}, кв. {rng.randint(1, 200)}",
        "Индекс": f"1{_digits(rng, 5)}",
        "Страна": "Россия",
        "ИНН": _check_digit(rng, "77", 7, ru_inn.is_valid),
    }


_GR_NAMES = (
    ["Γιώργος", "Νίκος", "Κώστας", "Δημήτρης", "Γιάννης", "Παναγιώτης"],
    ["Μαρία", "Ελένη", "Αικατερίνη", "Σοφία", "Άννα", "Δέσποινα"],
    [
        ("Παπαδόπουλος", "Παπαδοπούλου"),
        ("Νικολάου", "Νικολάου"),
        ("Γεωργίου", "Γεωργίου"),
        ("Οικονόμου", "Οικονόμου"),
        ("Παπαδάκης", "Παπαδάκη"),
        ("Βλάχος", "Βλάχου"),
    ],
)
_GR_CORES = (
    ["Αθηναϊκή", "Μακεδονική", "Ελληνική", "Κρητική", "Ηπειρωτική", "Θεσσαλική"],
    ["Τεχνική", "Εμπορική", "Τρόφιμα", "Κατασκευαστική", "Ναυτιλιακή", "Ενέργεια"],
)
_GR_STREETS = ["Ερμού", "Σταδίου", "Πανεπιστημίου", "Αθηνάς", "Τσιμισκή"]


def _gr(rng: random.Random, n: int) -> dict[str, object]:
    core = _compound(rng, _GR_CORES, " ")
    return {
        "Ονοματεπώνυμο": _person(rng, _GR_NAMES),
        "Επωνυμία": rng.choice([f"{core} Α.Ε.", f"{core} Ο.Ε.", f"{core} Ε.Π.Ε."]),
        "Τηλέφωνο": f"+30 69{rng.choice('3479')} {_digits(rng, 3)} {_digits(rng, 4)}",
        "Email": f"info{n}@example.gr",
        "Οδός": f"{rng.choice(_GR_STREETS)} {rng.randint(1, 120)}",
        "ΤΚ": f"{rng.choice('15')}{_digits(rng, 2)} {_digits(rng, 2)}",
        "Χώρα": "Ελλάδα",
        "ΑΦΜ": _check_digit(rng, "0", 7, gr_vat.is_valid),
    }


_DE_NAMES = (
    ["Jürgen", "Klaus", "Thomas", "Michael", "Stefan", "Lukas"],
    ["Sabine", "Anja", "Ursula", "Petra", "Claudia", "Lea"],
    _unchanged(
        [
            "Müller",
            "Schröder",
            "Weiß",
            "Becker",
            "Schmidt",
            "Fischer",
            "Wagner",
            "Hoffmann",
        ]
    ),
)
_DE_TRADES = ["Logistik", "Bau", "Maschinenbau", "Elektrotechnik", "Handel", "Holz"]
_DE_STREETS = ["Friedrichstraße", "Hauptstraße", "Schillerstraße", "Goethestraße", "Lindenallee"]


def _de(rng: random.Random, n: int) -> dict[str, object]:
    name = _person(rng, _DE_NAMES)
    family_name = name.split()[1]
    return {
        "Name": name,
        "Firma": rng.choice(
            [
                f"{family_name} & Söhne GmbH",
                f"{family_name} {rng.choice(_DE_TRADES)} AG",
                f"{family_name} {rng.choice(_DE_TRADES)} KG",
            ]
        ),
        "Telefon": f"+49 {rng.choice(['30', '40', '89', '221'])} {_digits(rng, 7)}",
        "E-Mail": f"kontakt{n}@example.de",
        "Straße": f"{rng.choice(_DE_STREETS)} {rng.randint(1, 200)}",
        "PLZ": f"{rng.randint(1, 9)}{_digits(rng, 4)}",
        "Land": "Deutschland",
        "USt-IdNr": _check_digit(rng, "DE1", 7, de_vat.is_valid),
    }


_GB_NAMES = (
    ["Oliver", "Harry", "George", "Jack", "Thomas", "Noah"],
    ["Amelia", "Isla", "Olivia", "Emily", "Sophie", "Grace"],
    _unchanged(["Smith", "Jones", "O'Brien", "McDonald", "Taylor", "Williams", "Davies", "Evans"]),
)
_GB_CORES = (
    ["Thames", "Pennine", "Albion", "Severn", "Highland", "Mersey", "Cotswold"],
    [" Valley", " Bridge", "gate", " Green", "field", " Cross", "wood"],
)
_GB_STREETS = ["Baker Street", "High Street", "Station Road", "Church Lane", "Victoria Road"]
_GB_OUTWARD = ["SW1A", "EC1A", "W1A", "M1", "B33", "LS1", "CR2", "DN55", "EH1", "CF10"]
_GB_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _gb(rng: random.Random, n: int) -> dict[str, object]:
    name = _person(rng, _GB_NAMES)
    core = _compound(rng, _GB_CORES)
    vat = _check_digit(rng, "", 8, lambda v: gb_vat.is_valid("GB" + v))
    inward = f"{rng.randint(0, 9)}{rng.choice(_GB_INWARD_LETTERS)}{rng.choice(_GB_INWARD_LETTERS)}"
    return {
        "Name": name,
        "Company": rng.choice(
            [f"{name.split()[1]} & Sons Ltd", f"{core} Holdings PLC", f"{core} Traders LLP"]
        ),
        "Phone": f"0{rng.choice(['20 7946', '161 496', '113 496'])} {rng.randint(0, 999):04d}",
        "Email": f"sales{n}@example.co.uk",
        "Address": f"{rng.randint(1, 200)} {rng.choice(_GB_STREETS)}",
        "Postcode": f"{rng.choice(_GB_OUTWARD)} {inward}",
        "Country": "United Kingdom",
        "VAT": rng.choice([f"GB{vat}", f"GB {vat[:3]} {vat[3:7]} {vat[7:]}"]),
    }


_US_NAMES = (
    ["John", "Robert", "Michael", "William", "David", "James"],
    ["Mary", "Linda", "Patricia", "Jennifer", "Elizabeth", "Susan"],
    _unchanged(["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia"]),
)
_US_CORES = (
    ["Acme", "Globex", "Initech", "Umbrella", "Vandelay", "Stark", "Wayne"],
    ["", " Industries", " Systems", " Foods", " Energy", " Labs", " Partners"],
)
_US_STREETS = [
    "Pennsylvania Avenue NW",
    "Main Street",
    "Market Street",
    "Elm Street",
    "Park Avenue",
]
_US_EIN_PREFIXES = ["04", "12", "20", "27", "46", "52", "86", "94"]


def _us(rng: random.Random, n: int) -> dict[str, object]:
    core = _compound(rng, _US_CORES)
    return {
        "Name": _person(rng, _US_NAMES),
        "Company": rng.choice([f"{core} Corporation", f"{core} Inc.", f"{core} LLC"]),
        "Phone": f"({rng.choice(['212', '415', '312'])}) 555-{rng.randint(100, 199):04d}",
        "Email": f"hello{n}@example.com",
        "Address": f"{rng.randint(100, 2000)} {rng.choice(_US_STREETS)}",
        "ZIP": f"{rng.randint(1, 9)}{_digits(rng, 4)}",
        "Country": "USA",
        "EIN": f"{rng.choice(_US_EIN_PREFIXES)}-{_digits(rng, 7)}",
    }


MAKERS = (_pl, _ua, _ru, _gr, _de, _gb, _us)


def make_records(count: int, seed: int = 7) -> list[dict[str, object]]:
    """Return ``count`` records, cycling through the seven countries.

    Each seed gives records of its own (numbers, addresses, e-mail boxes), so a
    pass over a fresh set does not profit from the families' value caches.
    """
    rng = random.Random(seed)
    start = seed * 10_000_000
    return [MAKERS[n % len(MAKERS)](rng, start + n) for n in range(count)]


def _direct(record: dict[str, object]) -> None:
    """The baseline: each field's standardiser called directly, errors caught."""
    country = None
    fields = {key: field_for(key) for key in record}
    for key, field in fields.items():
        if field == "country":
            country = family("country").standardize(record[key], country=None, locale=None)
    for key, field in fields.items():
        if field is None or field == "country":
            continue
        with contextlib.suppress(ValueError):
            family(field).standardize(record[key], country=country, locale=None)


# The plain-libraries baseline: what a user writes instead of standardize_record.
# Its tables are written by hand for these records' files, as a user writes
# them for theirs.
_PLAIN_HEADERS = {
    "person": ["Imię i nazwisko", "ПІБ", "ФИО", "Ονοματεπώνυμο", "Name"],
    "company": ["Firma", "Назва", "Компания", "Επωνυμία", "Company"],
    "phone": ["Telefon", "Телефон", "Τηλέφωνο", "Phone"],
    "email": ["E-mail", "Пошта", "Почта", "Email", "E-Mail"],
    "street": ["Ulica", "Вулиця", "Адрес", "Οδός", "Straße", "Address"],
    "postal_code": ["Kod pocztowy", "Індекс", "Индекс", "ΤΚ", "PLZ", "Postcode", "ZIP"],
    "country": ["Kraj", "Країна", "Страна", "Χώρα", "Land", "Country"],
    "tax_id": ["NIP", "ЄДРПОУ", "ИНН", "ΑΦΜ", "USt-IdNr", "VAT", "EIN"],
}
_PLAIN_FIELD = {header: field for field, headers in _PLAIN_HEADERS.items() for header in headers}
_PLAIN_TAX_IDS = {
    "PL": pl_nip,
    "UA": ua_edrpou,
    "RU": ru_inn,
    "GR": gr_vat,
    "DE": de_vat,
    "GB": gb_vat,
    "US": us_ein,
}


def _country_names() -> dict[str, str]:
    """Babel's territory names in the seven countries' languages, inverted: name -> code."""
    names: dict[str, str] = {}
    for language in ("pl", "uk", "ru", "el", "de", "en"):
        for code, name in babel.Locale.parse(language).territories.items():
            if code.isalpha():  # not the numeric regions ("001" is the world)
                names.setdefault(name.casefold(), code)
    names["usa"] = "US"  # Babel says "United States"; the user adds the forms their data has
    return names


_COUNTRY_CODES = _country_names()


def _plain_phone(raw: str, country: str | None) -> str | None:
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _plain_email(raw: str, _country: str | None) -> str | None:
    try:
        return email_validator.validate_email(raw, check_deliverability=False).normalized
    except email_validator.EmailNotValidError:
        return None


def _plain_tax_id(raw: str, country: str | None) -> str | None:
    scheme = _PLAIN_TAX_IDS.get(country or "")
    if scheme is None:
        return None
    try:
        return str(scheme.validate(raw))
    except stdnum_errors.ValidationError:
        return None


def _plain_person(raw: str, _country: str | None) -> str | None:
    return raw.strip().title()


def _plain_text(raw: str, _country: str | None) -> str | None:
    return raw.strip()


_PLAIN_READERS: dict[str | None, Callable[[str, str | None], str | None]] = {
    "phone": _plain_phone,
    "email": _plain_email,
    "tax_id": _plain_tax_id,
    "person": _plain_person,
    "company": _plain_text,
    "street": _plain_text,
    "postal_code": _plain_text,
}


def _plain(record: dict[str, object]) -> dict[str, str | None]:
    """The baseline a user would write: the libraries crmcore builds on, called plainly.

    Returns each field's value, ``None`` where a library rejected it.
    """
    fields = {_PLAIN_FIELD.get(key): str(value) for key, value in record.items()}
    country = _COUNTRY_CODES.get(fields.get("country", "").strip().casefold())
    values: dict[str, str | None] = {"country": country}
    for field, raw in fields.items():
        read = _PLAIN_READERS.get(field)
        if read is not None:
            values[str(field)] = read(raw, country)
    return values


def _throughput(
    run: Callable[[dict[str, object]], object], records: list[dict[str, object]]
) -> float:
    return _rates(run, records)[0]


def _rates(
    run: Callable[[dict[str, object]], object], records: list[dict[str, object]]
) -> tuple[float, float]:
    """Return records per second of wall clock and per second of this process's CPU time.

    On a shared machine other processes take the core away; the CPU-time rate
    is what one core does when it is ours alone.
    """
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    for record in records:
        run(record)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - start
    return len(records) / wall, len(records) / max(cpu, 1e-9)


def _latencies(
    run: Callable[[dict[str, object]], object], records: list[dict[str, object]]
) -> Percentiles:
    it = iter(records)
    return latencies(lambda: run(next(it)), len(records))


def _peak_memory(
    run: Callable[[dict[str, object]], object], records: list[dict[str, object]]
) -> float:
    def work() -> None:
        for record in records:
            run(record)

    return traced_peak_kib(work) / 1024


def _print_rejections(sample: list[dict[str, object]]) -> None:
    """Print how many of the sample's fields crmcore and the plain libraries reject."""
    results = [standardize_record(record) for record in sample]
    rejected = sum(len(result.rejected) for result in results)
    fields = sum(len(result.values) for result in results)
    print(f"  fields with issues in the data: {rejected} of {fields}")
    passed_over = sum(sum(value is None for value in _plain(record).values()) for record in sample)
    print(f"  values the plain libraries passed over: {passed_over} of {fields}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records", type=int, default=_harness.scaled(3_000, minimum=500), help="records per pass"
    )
    parser.add_argument("--repeat", type=int, default=2, help="passes; the best one counts")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile")
    args = parser.parse_args()

    passes = iter(range(100, 200))

    def fresh(count: int = args.records) -> list[dict[str, object]]:
        return make_records(count, seed=next(passes))

    for record in make_records(2_000, seed=1):  # load tables, compile patterns
        standardize_record(record)
        _direct(record)
        _plain(record)

    def run(record: dict[str, object]) -> object:
        return standardize_record(record)

    def localized(record: dict[str, object]) -> object:
        return standardize_record(record, locale="pl")

    print(_harness.environment())
    print(f"standardize_record: {args.records:,} records of 8 fields, 7 countries, one core")
    _print_rejections(fresh(2_000))

    # Alternate the passes and keep the best of each: the machine is shared.
    rates: dict[str, list[float]] = {"run": [], "direct": [], "plain": [], "pl": []}
    cpu_rates: list[float] = []
    plain_cpu_rates: list[float] = []
    for _ in range(args.repeat):
        wall, cpu = _rates(run, fresh())
        rates["run"].append(wall)
        cpu_rates.append(cpu)
        rates["direct"].append(_throughput(_direct, fresh()))
        wall, cpu = _rates(_plain, fresh())
        rates["plain"].append(wall)
        plain_cpu_rates.append(cpu)
        rates["pl"].append(_throughput(localized, fresh()))
    rate, base, plain, rate_pl = (max(rates[k]) for k in ("run", "direct", "plain", "pl"))
    again = fresh()
    _throughput(run, again)
    rate_cached = _throughput(run, again)
    print(f"  throughput:              {rate:>9,.0f} records/s")
    print(f"  per second of CPU time:  {max(cpu_rates):>9,.0f} records/s  (the core alone)")
    print(f"  with locale='pl':        {rate_pl:>9,.0f} records/s")
    print(
        f"  baseline, direct calls:  {base:>9,.0f} records/s  "
        f"(the record layer costs {base / rate - 1:+.0%})"
    )
    print(f"  baseline, the libraries: {plain:>9,.0f} records/s  (what a user writes instead)")
    _harness.compare("standardize_record against plain libraries", rate, plain)
    _harness.compare("  the same, per second of CPU time", max(cpu_rates), max(plain_cpu_rates))
    print(f"  same records again:      {rate_cached:>9,.0f} records/s  (the families' caches)")
    print(f"  latency per record:      {_latencies(run, fresh())}")
    print(f"  latency, direct calls:   {_latencies(_direct, fresh())}")
    print(f"  latency, the libraries:  {_latencies(_plain, fresh())}")
    print(f"  peak memory (tracemalloc, 2,000 records): {_peak_memory(run, fresh(2_000)):.2f} MiB")
    print(
        f"  the record layer alone:  {_layer_alone(fresh()):>9,.0f} records/s  (stub standardisers)"
    )

    if args.no_profile:
        return
    _profile(fresh(3_000))  # made before the profile starts: making them calls stdnum
    # In a process of its own: this one has read these very values already,
    # and person names, company names and addresses keep their readings.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(_per_field, (3_000,))


def _profile(records: list[dict[str, object]]) -> None:
    """Print where standardize_record spends its time on ``records``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for record in records:
        standardize_record(record)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(18)
    print(f"\nWhere the time goes (cProfile, {len(records):,} records, by own time):")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def _layer_alone(records: list[dict[str, object]]) -> float:
    """Throughput of standardize_record with every field standardiser a stub."""
    stubs = {
        field: attrs.evolve(family(field), validate=lambda raw, **_: raw) for field in FAMILIES
    }
    original = _records.family
    _records.family = stubs.__getitem__
    try:
        return _throughput(standardize_record, records)
    finally:
        _records.family = original


def _per_field(count: int) -> None:
    """Print the time of each field's standardiser, called directly.

    A value's first reading is timed apart from its repeats: person names,
    company names and addresses keep their readings, so a repeat costs a
    cache look-up, and the first reading is what a base of distinct values
    pays for each.
    """
    records = make_records(count, seed=99)
    first: dict[str, list[float]] = {}
    again: dict[str, list[float]] = {}
    seen: set[tuple[str, object, str]] = set()
    for record in records:
        fields = {key: field_for(key) for key in record}
        country = next(
            str(family("country").standardize(record[k], country=None, locale=None))
            for k, f in fields.items()
            if f == "country"
        )
        for key, field in fields.items():
            if field is None:
                continue
            verbs = family(field)
            start = time.perf_counter_ns()
            with contextlib.suppress(ValueError):
                verbs.standardize(record[key], country=country, locale=None)
            took = (time.perf_counter_ns() - start) / 1000
            value = (field, record[key], country)
            (again if value in seen else first).setdefault(field, []).append(took)
            seen.add(value)
    print("\nTime per field, direct calls (µs; the mean counts interruptions):")
    print(f"  {'field':<13} {'mean':>8} {'median':>8} {'first reading':>14} {'repeats':>8}")
    for name, samples in sorted(first.items(), key=lambda item: -statistics.fmean(item[1])):
        repeats = again.get(name, [])
        every = samples + repeats
        print(
            f"  {name:<13} {statistics.fmean(every):8.1f} {statistics.median(every):8.1f}"
            f" {statistics.median(samples):14.1f}"
            f" {statistics.median(repeats) if repeats else float('nan'):8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
