"""Hypothesis strategies for every class of :mod:`crmcore.model`.

For property tests of applications built on crmcore, and for crmcore's own.
The values look like real data from Poland, Ukraine, Russia, Greece, Germany,
the UK and the US, written in their own scripts (Latin, Cyrillic, Greek),
mixed with generated text in the same scripts. Every generated object is
valid: it builds without error and survives :func:`crmcore.model.to_dict` and
:func:`crmcore.model.from_dict` unchanged.

Needs Hypothesis (``pip install crmcore[testing]``).

>>> from hypothesis import given, settings
>>> from crmcore.model import Party, from_dict, to_dict
>>> @settings(max_examples=10)
... @given(parties())
... def test_round_trip(party):
...     assert from_dict(Party, to_dict(party)) == party
>>> test_round_trip()
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from crmcore.model import (
    Affiliation,
    AffiliationKind,
    AttributeCategory,
    AttributeDefinition,
    Attributes,
    AttributeSchema,
    AttributeType,
    Campaign,
    Channel,
    ClientProfile,
    CompetitorProfile,
    ContactKind,
    ContactPoint,
    Direction,
    EmailAddress,
    ExternalKey,
    Group,
    Holding,
    Identifier,
    Interaction,
    ItemKind,
    MessengerHandle,
    Money,
    OrderLine,
    OrganizationName,
    PartnerProfile,
    Party,
    PartyKind,
    PersonName,
    PhoneLine,
    PhoneNumber,
    PostalAddress,
    PricePositioning,
    ProspectProfile,
    Purchase,
    Role,
    RoleProfile,
    SupplierProfile,
    Website,
)

if TYPE_CHECKING:
    import uuid

__all__ = [
    "affiliations",
    "attribute_definitions",
    "attribute_schemas",
    "attributes",
    "campaigns",
    "contact_points",
    "countries",
    "currencies",
    "customer_numbers",
    "dates",
    "entities",
    "external_keys",
    "groups",
    "holdings",
    "identifiers",
    "interactions",
    "moments",
    "money",
    "order_lines",
    "organization_names",
    "organizations",
    "parties",
    "person_names",
    "persons",
    "purchases",
    "role_profiles",
    "texts",
    "uuids",
]

# --- real-looking samples, in their own scripts ---------------------------

GIVEN_NAMES = (
    "Łukasz", "Małgorzata", "Zofia", "Grzegorz", "Agnieszka",  # PL
    "Олександр", "Олена", "Ярослав", "Ганна", "Юлія",  # UA
    "Дмитрий", "Наталья", "Сергей", "Ёлка",  # RU
    "Γιώργος", "Ελένη", "Δημήτρης", "Αικατερίνη",  # GR
    "Jürgen", "Björn", "Gisela",  # DE
    "Siobhan", "Ian",  # UK
    "Mary-Kate", "DeShawn",  # US
)  # fmt: skip
FAMILY_NAMES = (
    "Wójcik", "Kowalczyk", "Żak", "Szczepańska", "Brzęczyszczykiewicz",
    "Шевченко", "Коваленко", "Бондаренко", "Ткачук", "Гнатюк",
    "Иванов", "Смирнова", "Щукин",
    "Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου",
    "Müller", "Weiß", "Groß",
    "O'Brien", "Smith-Jones",
    "Jackson", "McDonald",
)  # fmt: skip
PATRONYMICS = ("Петрович", "Іванівна", "Сергеевич", "Алексеевна", "Олегович")
TITLES = ("dr", "prof.", "mgr inż.", "Dr.", "Mr", "Ms", "κ.")
MIDDLE_NAMES = ("Maria", "F.", "Luther", "Anna Maria", "Ιωάννης")
SUFFIXES = ("Jr.", "Sr.", "III", "PhD")
ELF_CODES = ("O7XB", "17R7", "W2NK", "2HBR", "H0PO")
DESCRIPTORS = ("PPHU", "FHU", "PHU")
ORGANIZATION_NAMES = (
    "Kowalski i Synowie", "Piekarnia Żytnia", "Ромашка", "Укрнафтосервіс",
    "Северный ветер", "Πλαστικά Κρήτης", "Müller & Söhne", "Acme Widgets",
    "Brighton Tea Rooms",
)  # fmt: skip
LEGAL_FORMS = (
    "sp. z o.o.", "S.A.", "sp.j.", "ТОВ", "ПрАТ", "ФОП", "ООО", "АО", "ИП",
    "Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "GmbH", "AG", "Ltd", "PLC", "Inc.", "LLC",
)  # fmt: skip
LOCALITIES = ("Warszawa", "Kraków", "Łódź", "Київ", "Львів", "Москва", "Αθήνα", "Θεσσαλονίκη",
              "München", "Köln", "London", "New York")  # fmt: skip
STREETS = ("ul. Marszałkowska", "al. Jerozolimskie", "вул. Хрещатик", "просп. Шевченка",
           "ул. Тверская", "Οδός Ερμού", "Königstraße", "Baker Street", "5th Avenue")  # fmt: skip
POSTAL_CODES = ("00-950", "31-001", "01001", "79000", "125009", "105 63", "80331", "SW1A 1AA",
                "10001")  # fmt: skip
COUNTRIES = ("PL", "UA", "RU", "GR", "DE", "GB", "US")
CURRENCIES = ("PLN", "UAH", "RUB", "EUR", "USD", "GBP", "CHF", "CZK", "JPY", "BHD")
# The start of valid numbers of each country (a mobile range, a city's
# exchange), and how many digits follow: every such number is valid, so a
# drawn number is the E.164 form the standardiser returns.
_DIALLING = {"PL": ("+4860", 7), "UA": ("+38067", 7), "RU": ("+7912", 7), "GR": ("+30694", 7),
             "DE": ("+49151", 8), "GB": ("+44207946", 4), "US": ("+1212555", 4)}  # fmt: skip
# The schemes of each country, and how their numbers are drawn: a template of
# fixed digits ("d" a drawn digit), whose last one or two digits are then
# chosen to pass the check digits; None for a scheme python-stdnum does not
# check, whose drawn digits are kept as they are.
_IDENTIFIER_SCHEMES: dict[str, dict[str, str | None]] = {
    "PL": {"nip": "ddddddddd", "regon": "dddddddd", "krs": None, "pesel": "pesel"},
    "UA": {"edrpou": "ddddddd", "rnokpp": "ddddddddd"},
    "RU": {"inn": "ddddddddd", "ogrn": "1ddddddddddd"},
    "GR": {"afm": "dddddddd", "vat": "dddddddd"},
    "DE": {"ustid": None, "hrb": None, "vat": "dddddddd"},
    "GB": {"crn": None, "vat": "dddddddd"},
    "US": {"ein": "04dddddd"},
}
_ZONES = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=3)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
)

_LATIN = "abcdefghijklmnopqrstuvwxyząćęłńóśźżäöüßABCDEFGHIJKLMNOPQRSTUVWXYZĄĆĘŁŃÓŚŹŻÄÖÜ"
_CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯЁЫЭ"
_GREEK = "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ"
_SCRIPTS = {"latin": _LATIN, "cyrillic": _CYRILLIC, "greek": _GREEK}


def texts(*, script: str | None = None, max_size: int = 20) -> st.SearchStrategy[str]:
    """Words in Latin (with Polish and German letters), Cyrillic or Greek, space-separated.

    Args:
        script: ``"latin"``, ``"cyrillic"`` or ``"greek"``; any of them if ``None``.
        max_size: The longest word.
    """
    alphabets = [_SCRIPTS[script]] if script else list(_SCRIPTS.values())

    def words(alphabet: str) -> st.SearchStrategy[str]:
        word = st.text(alphabet=alphabet, min_size=1, max_size=max_size)
        return st.lists(word, min_size=1, max_size=3).map(" ".join)

    return st.one_of(*(words(alphabet) for alphabet in alphabets))


def _short(samples: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(samples), texts())


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def uuids() -> st.SearchStrategy[uuid.UUID]:
    """UUIDs (any version: stored ids need not be UUIDv7)."""
    return st.uuids()


def moments() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes between 1970 and 2100, in several offsets."""
    return st.datetimes(
        min_value=datetime(1970, 1, 1),  # bounds of a strategy are naive
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from(_ZONES),
    )


def dates() -> st.SearchStrategy[date]:
    """Calendar dates between 1900 and 2100."""
    return st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _periods() -> st.SearchStrategy[tuple[date | None, date | None]]:
    def ordered(pair: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
        start, end = pair
        if start is not None and end is not None and end < start:
            return end, start
        return pair

    return st.tuples(_optional(dates()), _optional(dates())).map(ordered)


def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 codes of the markets crmcore is built for."""
    return st.sampled_from(COUNTRIES)


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes, with 0, 2 and 3 minor digits."""
    return st.sampled_from(CURRENCIES)


def _decimals(
    places: int = 2, *, minimum: int = -(10**9), maximum: int = 10**9
) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=minimum, max_value=maximum, places=places, allow_nan=False, allow_infinity=False
    )


def money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Money with up to four decimal places, in ``currency`` or any of :func:`currencies`."""
    return st.builds(
        Money,
        st.integers(0, 4).flatmap(_decimals),
        st.just(currency) if currency else currencies(),
    )


# --- parts of a party -------------------------------------------------------


def person_names() -> st.SearchStrategy[PersonName]:
    """Names of people, with patronymics, middle names, titles and suffixes at times."""
    return st.builds(
        PersonName,
        given=_optional(_short(GIVEN_NAMES)),
        family=_short(FAMILY_NAMES),
        patronymic=_optional(st.sampled_from(PATRONYMICS)),
        title=_optional(st.sampled_from(TITLES)),
        middle=_optional(st.sampled_from(MIDDLE_NAMES)),
        suffix=_optional(st.sampled_from(SUFFIXES)),
    )


def organization_names() -> st.SearchStrategy[OrganizationName]:
    """Names of organisations, with local legal forms at times."""
    return st.builds(
        OrganizationName,
        _short(ORGANIZATION_NAMES),
        legal_form=_optional(st.sampled_from(LEGAL_FORMS)),
        trade_name=_optional(texts()),
        elf_code=_optional(st.sampled_from(ELF_CODES)),
        descriptor=_optional(st.sampled_from(DESCRIPTORS)),
    )


def _digits(draw: st.DrawFn, count: int) -> str:
    return "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=count, max_size=count)))


@st.composite
def _phones(draw: st.DrawFn) -> str:
    """Valid numbers of the markets, in E.164, as the standardiser writes them."""
    prefix, digits = _DIALLING[draw(countries())]
    return prefix + _digits(draw, digits)


_EMAILS = st.sampled_from(
    (
        "anna.nowak@example.pl",
        "o.kovalenko@ukr.net",
        "info@ромашка.укр",
        "ivanov@mail.ru",
        "g.papadopoulos@otenet.gr",
        "k.mueller@mueller.de",
        "tea@brighton.co.uk",
        "sales@acme.com",
    )
)
_URLS = st.sampled_from(
    (
        "https://www.romashka.ua",
        "https://kowalski.pl",
        "http://acme.com/shop",
        "https://xn--mller-shne-kcb9d.de",
        "https://www.papadopoulos.gr",
    )
)
_LABELS = _optional(st.sampled_from(("work", "home", "billing", "delivery", "склад", "γραφείο")))
_SOURCES = _optional(st.sampled_from(("erp", "web form", "import 2026-11", "call centre")))


def _contact_common() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "primary": st.booleans(),
        "label": _LABELS,
        "source": _SOURCES,
        "verified_at": _optional(moments()),
    }


def contact_points(kind: ContactKind | None = None) -> st.SearchStrategy[ContactPoint]:
    """Contact points of every kind (or of ``kind``)."""
    common = _contact_common()
    by_kind: dict[ContactKind, st.SearchStrategy[ContactPoint]] = {
        ContactKind.PHONE: st.builds(
            PhoneNumber, _phones(), line=_optional(st.sampled_from(PhoneLine)), **common
        ),
        ContactKind.EMAIL: st.builds(EmailAddress, _EMAILS, **common),
        ContactKind.WEBSITE: st.builds(Website, _URLS, **common),
        ContactKind.MESSENGER: st.builds(
            MessengerHandle,
            st.sampled_from(("telegram", "viber", "whatsapp", "signal")),
            st.sampled_from(("@olena_k", "+380671234567", "jan.kowalski", "@γιώργος")),
            **common,
        ),
        ContactKind.POSTAL: st.builds(
            PostalAddress,
            street=st.sampled_from(STREETS),
            building=_optional(st.sampled_from(("1", "10", "12А", "3/5", "221B"))),
            flat=_optional(st.sampled_from(("5", "оф. 12", "Flat 2"))),
            postal_code=_optional(st.sampled_from(POSTAL_CODES)),
            locality=_optional(st.sampled_from(LOCALITIES)),
            region=_optional(st.sampled_from(("mazowieckie", "Київська обл.", "Αττική", "Bayern"))),
            country=_optional(countries()),
            extra=_optional(st.sampled_from(("Business Park Alpha", "c/o Müller", "корп. 2"))),
            **common,
        ),
    }
    if kind is not None:
        return by_kind[ContactKind(kind)]
    return st.one_of(*by_kind.values())


def _checked(body: str, scheme: str, country: str) -> str | None:
    """Return ``body`` completed by one or two digits into a number the scheme accepts."""
    from crmcore.model._canonical import stdnum_scheme
    from crmcore.standardize import tax_ids

    path = stdnum_scheme(scheme, country)
    if path is None:
        return body
    for tail in [str(digit) for digit in range(10)] + [f"{tail:02d}" for tail in range(100)]:
        candidate = body[: len(body) - len(tail)] + tail
        if tax_ids.is_valid(candidate, scheme=path) and (
            tax_ids.validate(candidate, scheme=path).value == candidate
        ):
            return candidate
    return None


@st.composite
def identifiers(draw: st.DrawFn) -> Identifier:
    """Identifiers of the countries' own schemes, valid where python-stdnum checks them.

    The country is given, or left out where the scheme reads without one;
    the value is the compact, check-digit valid number the model holds.
    """
    country = draw(countries())
    scheme, template = draw(st.sampled_from(sorted(_IDENTIFIER_SCHEMES[country].items())))
    if template is None:
        return Identifier(scheme, _digits(draw, draw(st.integers(6, 10))), country=country)
    if template == "pesel":  # a date of birth first: 1900-1999, days every month has
        template = (
            f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}"
            f"{draw(st.integers(1, 28)):02d}dddd"
        )
    body = "".join(draw(st.sampled_from("0123456789")) if c == "d" else c for c in template)
    value = _checked(body + "0", scheme, country)
    if value is None:  # no digit passes (a NIP whose check sum is 10): draw again
        return draw(identifiers())
    return Identifier(scheme, value, country=country)


@st.composite
def customer_numbers(draw: st.DrawFn) -> str:
    """Customer numbers as :mod:`crmcore.ids` issues them: compact, with a valid check digit."""
    from crmcore import ids

    moment = draw(
        st.datetimes(
            min_value=datetime(1990, 1, 1),  # the UTC moment of issue
            max_value=datetime(2090, 12, 31),
        )
    )
    body = f"{moment:%Y%m%d%H%M%S}{_digits(draw, 3)}{_digits(draw, 5)}"
    return next(body + digit for digit in "0123456789" if ids.is_valid(body + digit))


def external_keys() -> st.SearchStrategy[ExternalKey]:
    """Keys of parties in other systems (1C, SAP, Comarch, a web shop)."""
    return st.builds(
        ExternalKey,
        st.sampled_from(("1C", "sap", "Comarch ERP", "shop")),
        st.text(alphabet="0123456789ABCDEF-", min_size=1, max_size=12).filter(str.strip),
    )


_ATTRIBUTE_VALUES: st.SearchStrategy[Any] = st.one_of(
    texts(),
    st.integers(-1000, 10**6),
    st.booleans(),
    _decimals(2, minimum=-1000, maximum=1000),
    dates(),
    st.frozensets(st.sampled_from(("yoga", "йога", "γιόγκα", "Wandern", "fishing")), max_size=3),
)
_ATTRIBUTE_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)


def attributes() -> st.SearchStrategy[Attributes]:
    """Attribute values of every supported type."""
    return st.dictionaries(_ATTRIBUTE_NAMES, _ATTRIBUTE_VALUES, max_size=4).map(Attributes)


def _profile_of(role: Role) -> st.SearchStrategy[RoleProfile]:
    period = _periods()
    short = _optional(texts())

    def build(
        cls: type[RoleProfile], **fields: st.SearchStrategy[Any]
    ) -> st.SearchStrategy[RoleProfile]:
        return period.flatmap(
            lambda dates: st.builds(cls, since=st.just(dates[0]), until=st.just(dates[1]), **fields)
        )

    match role:
        case Role.CLIENT:
            return build(
                ClientProfile,
                value_tier=_optional(st.sampled_from(("A", "B", "C", "gold"))),
                potential=_optional(money()),
                segment=short,
                preferred_channel=_optional(st.sampled_from(Channel)),
            )
        case Role.PROSPECT:
            return build(ProspectProfile, source=short, stage=short)
        case Role.PARTNER:
            return build(PartnerProfile, partnership_type=short, territory=short)
        case Role.SUPPLIER:
            return build(
                SupplierProfile,
                payment_terms=short,
                lead_time_days=_optional(st.integers(0, 365)),
                supplies=st.frozensets(texts(), max_size=3),
            )
        case Role.COMPETITOR:  # pragma: no branch - the last role
            return build(
                CompetitorProfile,
                products=st.frozensets(texts(), max_size=3),
                price_positioning=_optional(st.sampled_from(PricePositioning)),
                strengths=st.lists(texts(), max_size=3).map(tuple),
                weaknesses=st.lists(texts(), max_size=3).map(tuple),
            )


def role_profiles(role: Role | None = None) -> st.SearchStrategy[RoleProfile]:
    """Role profiles of every role (or of ``role``)."""
    if role is not None:
        return _profile_of(Role(role))
    return st.sampled_from(Role).flatmap(_profile_of)


def holdings() -> st.SearchStrategy[Holding]:
    """Products and services held."""
    return _periods().flatmap(
        lambda period: st.builds(
            Holding,
            st.sampled_from(("Hosting", "Абонемент «Преміум»", "Συμβόλαιο συντήρησης", "Leasing")),
            kind=st.sampled_from(ItemKind),
            quantity=st.integers(0, 4).flatmap(lambda p: _decimals(p, minimum=0, maximum=1000)),
            since=st.just(period[0]),
            until=st.just(period[1]),
            reference=_optional(
                st.text(alphabet="0123456789/-ABC", min_size=1, max_size=10).filter(str.strip)
            ),
        )
    )


def _one_primary_per_kind(contacts: list[ContactPoint]) -> tuple[ContactPoint, ...]:
    seen: set[ContactKind] = set()
    result = []
    for contact in contacts:
        if contact.primary:
            if contact.kind in seen:
                contact = attrs.evolve(contact, primary=False)  # noqa: PLW2901
            seen.add(contact.kind)
        result.append(contact)
    return tuple(result)


def _party_fields(draw: st.DrawFn) -> dict[str, Any]:
    roles = draw(st.frozensets(st.sampled_from(Role)))
    profile_roles = draw(st.frozensets(st.sampled_from(sorted(roles)))) if roles else frozenset()
    created_at = draw(moments())
    return {
        "id": draw(uuids()),
        "created_at": created_at,
        "roles": roles,
        "profiles": [draw(_profile_of(role)) for role in sorted(profile_roles)],
        "contacts": _one_primary_per_kind(draw(st.lists(contact_points(), max_size=4))),
        "identifiers": draw(st.lists(identifiers(), max_size=3, unique_by=lambda i: i.key)),
        "external_keys": draw(st.lists(external_keys(), max_size=2, unique=True)),
        "attributes": draw(attributes()),
        "tags": draw(
            st.frozensets(st.sampled_from(("vip", "targi-2026", "опт", "χονδρική", "B2B")))
        ),
        "groups": draw(st.frozensets(uuids(), max_size=2)),
        "holdings": draw(st.lists(holdings(), max_size=2)),
        "customer_number": draw(_optional(customer_numbers())),
        "version": draw(st.integers(0, 1000)),
        "updated_at": draw(st.one_of(st.just(created_at), moments())),
        "deleted_at": draw(_optional(moments())),
        "display_name": draw(_optional(texts())),
    }


@st.composite
def persons(draw: st.DrawFn) -> Party:
    """People, with any roles, profiles, contacts, identifiers and attributes."""
    return Party(name=draw(person_names()), **_party_fields(draw))


@st.composite
def organizations(draw: st.DrawFn) -> Party:
    """Organisations, with any roles, profiles, contacts, identifiers and attributes."""
    return Party(name=draw(organization_names()), **_party_fields(draw))


def parties() -> st.SearchStrategy[Party]:
    """People and organisations."""
    return st.one_of(persons(), organizations())


# --- the other entities -----------------------------------------------------


def affiliations() -> st.SearchStrategy[Affiliation]:
    """Ties between two (different) parties."""
    return (
        st.tuples(uuids(), uuids(), _periods())
        .filter(lambda t: t[0] != t[1])
        .flatmap(
            lambda t: st.builds(
                Affiliation,
                party_id=st.just(t[0]),
                related_party_id=st.just(t[1]),
                kind=st.sampled_from(AffiliationKind),
                position=_optional(
                    st.sampled_from(
                        (
                            "kierownik zakupów",
                            "purchasing manager",
                            "головний бухгалтер",
                            "διευθυντής",
                        )
                    )
                ),
                since=st.just(t[2][0]),
                until=st.just(t[2][1]),
                id=uuids(),
            )
        )
    )


def interactions() -> st.SearchStrategy[Interaction]:
    """Contacts with parties."""
    return st.builds(
        Interaction,
        party_id=uuids(),
        channel=st.sampled_from(Channel),
        direction=st.sampled_from(Direction),
        occurred_at=moments(),
        subject=_optional(texts()),
        outcome=_optional(texts()),
        campaign_id=_optional(uuids()),
        id=uuids(),
    )


def order_lines(currency: str | None = None) -> st.SearchStrategy[OrderLine]:
    """Order lines, in ``currency`` or any."""
    return st.builds(
        OrderLine,
        st.sampled_from(("Krem nawilżający 50 ml", "Шампунь", "Стрижка", "Φέτα ΠΟΠ 400 g", "Tee")),
        st.integers(0, 3).flatmap(lambda p: _decimals(p, minimum=1, maximum=1000)),
        money(currency),
        kind=st.sampled_from(ItemKind),
        sku=_optional(st.from_regex(r"[A-Z]{2}-[0-9]{4}", fullmatch=True)),
    )


def purchases() -> st.SearchStrategy[Purchase]:
    """Purchases of one to four lines in one currency."""
    return currencies().flatmap(
        lambda currency: st.builds(
            Purchase,
            party_id=uuids(),
            lines=st.lists(order_lines(currency), min_size=1, max_size=4),
            occurred_at=moments(),
            channel=_optional(st.sampled_from(Channel)),
            branch=_optional(st.sampled_from(LOCALITIES)),
            reference=_optional(st.from_regex(r"FV/[0-9]{1,4}/2026", fullmatch=True)),
            id=uuids(),
        )
    )


def campaigns() -> st.SearchStrategy[Campaign]:
    """Campaigns on some channels, for some days."""
    return st.tuples(dates(), st.none() | st.integers(0, 90)).flatmap(
        lambda t: st.builds(
            Campaign,
            name=st.sampled_from(
                ("Black Friday 2026", "Wiosenna promocja", "Чорна п'ятниця", "Εκπτώσεις")
            ),
            channels=st.frozensets(st.sampled_from(Channel), max_size=3),
            starts_on=st.just(t[0]),
            ends_on=st.just(None if t[1] is None else t[0] + timedelta(days=t[1])),
            audience=_optional(texts()),
            id=uuids(),
        )
    )


def groups() -> st.SearchStrategy[Group]:
    """Groups, with or without a parent."""
    return (
        st.tuples(uuids(), _optional(uuids()))
        .filter(lambda t: t[0] != t[1])
        .flatmap(
            lambda t: st.builds(
                Group,
                st.sampled_from(
                    ("Mazowieckie", "HoReCa", "Київська область", "Αττική", "Key accounts")
                ),
                id=st.just(t[0]),
                kind=_optional(st.sampled_from(("territory", "customer_group"))),
                parent_id=st.just(t[1]),
                code=_optional(st.sampled_from(("PL-14", "UA-32", "GR-I"))),
            )
        )
    )


@st.composite
def attribute_definitions(draw: st.DrawFn) -> AttributeDefinition:
    """Declarations of every attribute type."""
    kind = draw(st.sampled_from(AttributeType))
    fields: dict[str, Any] = {}
    if kind in {AttributeType.CHOICE, AttributeType.MULTI_CHOICE}:
        fields["choices"] = draw(st.frozensets(texts(), min_size=1, max_size=4))
    if kind in {AttributeType.INTEGER, AttributeType.DECIMAL}:
        low = draw(_optional(st.integers(-100, 100)))
        fields["minimum"] = None if low is None else Decimal(low)
        fields["maximum"] = draw(_optional(st.integers(101, 1000).map(Decimal)))
    if kind is AttributeType.TEXT:
        fields["max_length"] = draw(_optional(st.integers(1, 500)))
    return AttributeDefinition(
        name=draw(_ATTRIBUTE_NAMES),
        value_type=kind,
        label=draw(_optional(texts())),
        category=draw(st.sampled_from(AttributeCategory)),
        required=draw(st.booleans()),
        applies_to=draw(st.frozensets(st.sampled_from(PartyKind), min_size=1)),
        **fields,
    )


def attribute_schemas() -> st.SearchStrategy[AttributeSchema]:
    """Schemas of a few uniquely named declarations."""
    return st.builds(
        AttributeSchema,
        st.lists(attribute_definitions(), max_size=4, unique_by=lambda d: d.name),
        allow_undeclared=st.booleans(),
    )


def entities() -> st.SearchStrategy[Any]:
    """Any top-level entity: a party, an affiliation, an activity, a group, a schema."""
    return st.one_of(
        parties(),
        affiliations(),
        interactions(),
        purchases(),
        campaigns(),
        groups(),
        attribute_schemas(),
    )
