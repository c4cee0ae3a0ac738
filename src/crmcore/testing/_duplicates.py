"""Parties with known duplicates: the test data of a duplicate matcher.

:func:`generate_duplicates` makes ``n`` rows of persons and organisations of
our markets, some of which are copies of the same entity written again the
way people and systems write a party twice, and some of which are different
entities that look alike. Every row knows its entity, so the true pairs and
clusters are known.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from itertools import accumulate, combinations
from typing import TYPE_CHECKING, Any

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.testing import _duplicate_copies as copies
from crmcore.testing import _duplicate_values as values

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crmcore.model import ContactPoint
    from crmcore.testing._duplicate_values import LocaleTables

__all__ = ["DuplicateSet", "GeneratedRow", "generate_duplicates"]

#: The locales :func:`generate_duplicates` takes: ``"en"`` is British and American English.
LOCALES = ("pl", "uk", "ru", "el", "de", "en", "en_GB", "en_US")
_LOCALE_HINT = N_("some of {locales}", locales=", ".join(LOCALES))
#: When every generated party was recorded.
CREATED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: The largest share of rows that can be copies: a cluster has at most four rows.
MAX_DUPLICATE_RATE = 0.75
#: How many extra copies an entity with copies has (one, two, three) and how often.
_COPIES = ((1, 2, 3), (0.75, 0.93, 1.0))
# How often a person's tax number is known; a British or American person has
# none a CRM keeps (values.person_tax_id gives none).
_PERSON_TAX_RATE = {"PL": 0.5, "UA": 0.45, "RU": 0.35, "GR": 0.5, "DE": 0.3, "GB": 0.3, "US": 0.3}
_PATRONYMIC_RATE = {"uk": 0.7, "ru": 0.85}
_SOLE_TRADERS = frozenset({"UA", "RU", "DE"})
_LOOKALIKES = ("household", "namesake", "father_son")
_LATEST_YEAR = 2006  # the latest birth year drawn
_WRITTEN: dict[str, Any] = {}


@attrs.frozen
class GeneratedRow:
    """One generated record of a party, as a CRM or a spreadsheet holds it.

    Every field is text or ``None`` but :attr:`entity` and :attr:`corruptions`;
    values are written as people write them (a phone in any of the common
    ways, a tax number with its separators or its VAT prefix), and every one
    is one the model accepts, so :meth:`to_party` never fails.

    Attributes:
        id: The row's id, a UUID's text (the :class:`~crmcore.model.Party`'s id).
        entity: The number of the entity the row records: rows with the same
            number are the same party.
        kind: ``"person"`` or ``"organization"``.
        locale: The locale the row was made in (``"pl"``, ``"en_GB"``).
        country: The ISO 3166-1 alpha-2 code of the locale's country.
        given: A person's given name (or names).
        family: A person's family name.
        patronymic: A person's patronymic (Ukrainian and Russian names).
        org_name: An organisation's name (with its legal form where the
            record wrote it in the name).
        legal_form: An organisation's legal form, as written.
        birth_date: A person's birth date, ISO 8601 (``"1984-03-07"``).
        phone: A phone number as typed.
        email: An e-mail address.
        tax_scheme: The scheme of :attr:`tax_id`, as :class:`~crmcore.model.Identifier` names it.
        tax_id: A tax or registry number, valid for its scheme, as written.
        street: The street, with its type as the country writes it.
        building: The building number.
        postal_code: The postal code.
        locality: The town or city.
        corruptions: What was changed in this copy of its entity (empty for
            the first row of an entity), by the names :func:`generate_duplicates`
            lists.
        lookalike: For an entity made to look like another one, how
            (``"household"``, ``"namesake"``, ``"father_son"``,
            ``"similar_company"``); ``None`` for the others.
    """

    id: str
    entity: int
    kind: str
    locale: str
    country: str
    given: str | None = None
    family: str | None = None
    patronymic: str | None = None
    org_name: str | None = None
    legal_form: str | None = None
    birth_date: str | None = None
    phone: str | None = None
    email: str | None = None
    tax_scheme: str | None = None
    tax_id: str | None = None
    street: str | None = None
    building: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    corruptions: tuple[str, ...] = ()
    lookalike: str | None = None

    def to_party(self) -> Party:
        """Return the row as a :class:`~crmcore.model.Party` with the row's id.

        The phone, the e-mail and the tax number are read as written (through
        the standardisers); a person's birth date is the attribute
        ``birth_date``, a :class:`datetime.date`.
        """
        contacts: list[ContactPoint] = []
        if self.phone is not None:
            contacts.append(PhoneNumber.parse(self.phone, country=self.country, primary=True))
        if self.email is not None:
            contacts.append(EmailAddress.parse(self.email, primary=True))
        if self.locality is not None:
            contacts.append(
                PostalAddress(
                    street=self.street,
                    building=self.building,
                    postal_code=self.postal_code,
                    locality=self.locality,
                    country=self.country,
                    primary=True,
                )
            )
        identifiers: tuple[Identifier, ...] = ()
        if self.tax_id is not None:
            parsed = Identifier.parse(self.tax_id, scheme=self.tax_scheme, country=self.country)
            identifiers = (parsed,)
        party_id = uuid.UUID(self.id)
        if self.kind == "person":
            attributes: dict[str, object] = {}
            if self.birth_date is not None:
                attributes["birth_date"] = dt.date.fromisoformat(self.birth_date)
            return Party.person(
                given=self.given,
                family=self.family,
                patronymic=self.patronymic,
                id=party_id,
                created_at=CREATED_AT,
                contacts=contacts,
                identifiers=identifiers,
                attributes=attributes,
            )
        return Party.organization(
            str(self.org_name),
            legal_form=self.legal_form,
            id=party_id,
            created_at=CREATED_AT,
            contacts=contacts,
            identifiers=identifiers,
        )


#: The corruptions a copy may have, each with its rate (see :func:`generate_duplicates`).
CORRUPTIONS = copies.KINDS
_ROW_FIELDS = tuple(field.name for field in attrs.fields(GeneratedRow))


@attrs.frozen
class DuplicateSet:
    """Generated rows with the truth about them: which rows are the same entity.

    Attributes:
        rows: The rows, in random order.
        clusters: Every entity's row ids, one set an entity, singletons included.
        true_pairs: Every pair of ids of rows of the same entity, the smaller id first.
        hard_negatives: Pairs of ids of rows of different entities made to
            look alike (the first row of each), the smaller id first.
    """

    rows: tuple[GeneratedRow, ...]
    clusters: tuple[frozenset[str], ...]
    true_pairs: frozenset[tuple[str, str]]
    hard_negatives: frozenset[tuple[str, str]]

    def parties(self) -> list[Party]:
        """Return one :class:`~crmcore.model.Party` a row, in the order of :attr:`rows`."""
        return [row.to_party() for row in self.rows]


def generate_duplicates(
    n: int,
    *,
    seed: int = 0,
    duplicate_rate: float = 0.3,
    locales: Iterable[str] = ("pl", "uk", "ru", "el", "de", "en"),
    organizations: float = 0.2,
    hard_negatives: float = 0.05,
) -> DuplicateSet:
    """Return ``n`` rows of parties with known duplicates and look-alikes.

    ``n`` is the number of **rows**: about ``duplicate_rate * n`` of them are
    extra copies of an entity, the others are each the first row of an
    entity. An entity has one to four rows (of those with copies, three in
    four have two rows, one in six three, one in fourteen four). The same
    seed gives the same rows, ids included.

    Each locale is drawn as often as the others; ``"en"`` is British
    (``"en_GB"``, country GB) and American (``"en_US"``, country US) English,
    half each. Names are in the locale's own script, drawn with Zipf-like
    weights (the most common names are very common); tax numbers are valid
    for their scheme, phone numbers for their country.

    A copy is its entity written again, and each corruption has its own rate,
    so a copy often has several (2.6 on average); a row's ``corruptions``
    names those applied:

    * of a person's name: ``typo`` (0.25: a letter added, lost, swapped or
      hit next door on the keyboard of the script), ``script`` (0.3 of
      Cyrillic and Greek names: in Latin letters, by the official table),
      ``russian_spelling`` (0.2 of the other Ukrainian names: Олександр,
      Александр), ``diacritics`` (0.35 of names that have them: Łukasz,
      Lukasz; Müller, Mueller or Muller; Greek without accents), ``swap``
      (0.07: given and family name swapped, or both in the family name),
      ``second_given`` (0.08: a second given name added or dropped),
      ``diminutive`` (0.15 of names that have one: Katarzyna, Kasia;
      William, Bill), ``case`` (0.08);
    * of an organisation's name: ``legal_form`` (0.5: the form written
      another way, or in the name, quoted or not), ``script`` (0.15 in
      Ukraine, Russia and Greece: the name in Latin letters and the form in
      English, Romashka LLC), ``typo`` (0.2), ``case`` (0.08);
    * of every copy: ``missing_phone`` (0.2), ``phone_other`` (0.1: another
      number), ``phone_format`` (0.5: written another way); ``missing_email``
      (0.25), ``email_other`` (0.12), ``email_case`` (0.1);
      ``missing_birth_date`` (0.15), ``birth_date_swap`` (0.1 of the dates
      whose day is a month too), ``birth_date_digit`` (0.04: a digit of the
      month or the day wrong, else of the year); ``missing_address`` (0.15),
      ``moved`` (0.1: another street and town), ``typo`` of the street
      (0.08); ``missing_tax_id`` (0.45): a tax number is never wrong, as a
      CRM refuses one that fails its check; ``weak`` (0.04): the phone, the
      e-mail and the tax number lost at once, leaving the name and either
      the birth date or the town.

    So about four copies in five share a strong piece of evidence (tax
    number, phone number, e-mail) with their entity's first row, and about
    94 in 100 that or their name and a birth date or an address; the others
    share only a name, now and then misspelt, and perhaps a town.

    A person of Ukraine, Russia or Germany is now and then (0.1 of their
    copies) recorded as a sole trader: an organisation (``ФОП Іваненко Олена
    Петрівна``, ``ИП``, ``e.K.``) that is the same legal person, so the
    person's row and the trader's row are a true pair.

    ``hard_negatives`` is the share of rows that are the first row of an
    entity made to look like another: a spouse or a child at the same
    address (often with the same phone), a namesake in the same town, a
    father and son of the same name, or a company of the same name and form
    in another town. They are different entities, listed in
    :attr:`DuplicateSet.hard_negatives` and never in the true pairs.

    Args:
        n: The number of rows, from 0.
        seed: The seed of the random choices.
        duplicate_rate: The share of rows that are extra copies, from 0 to 0.75.
        locales: The locales to draw from: ``"pl"``, ``"uk"``, ``"ru"``,
            ``"el"``, ``"de"``, ``"en"`` (both of) ``"en_GB"``, ``"en_US"``.
        organizations: The share of entities that are organisations, from 0 to 1.
        hard_negatives: The share of rows that are look-alikes, from 0 to
            half of ``1 - duplicate_rate``.

    Returns:
        The rows and the truth about them.

    Raises:
        ValidationError: ``duplicates.bad_count``, ``duplicates.bad_seed``,
            ``duplicates.bad_rate``, ``duplicates.too_many_lookalikes``,
            ``duplicates.unknown_locale`` or ``duplicates.no_locale``.

    >>> data = generate_duplicates(200, seed=7)
    >>> len(data.rows), len(data.rows) - len(data.clusters)
    (200, 60)
    >>> data.rows[0] == generate_duplicates(200, seed=7).rows[0]
    True
    """
    _check_count(n)
    _check_seed(seed)
    _check_rate(duplicate_rate, "duplicate_rate", MAX_DUPLICATE_RATE)
    _check_rate(organizations, "organizations", 1.0)
    _check_rate(hard_negatives, "hard_negatives", 1.0)
    chosen = _locales(locales)
    extra = min(round(duplicate_rate * n), n * 3 // 4)
    entities = n - extra
    lookalikes = round(hard_negatives * n)
    if lookalikes > entities // 2:
        raise ValidationError(
            N_("there are not enough entities for this many look-alikes"),
            code="duplicates.too_many_lookalikes",
            field="hard_negatives",
            value=hard_negatives,
            hint=N_("at most half the rows that are not copies: {limit}", limit=entities // 2),
        )
    return _Generator(random.Random(seed), chosen, organizations).run(entities, extra, lookalikes)


def _check_count(n: object) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValidationError(
            N_("the number of rows is not a whole number from 0"),
            code="duplicates.bad_count",
            field="n",
            value=n,
            hint=N_("a whole number such as 1000"),
        )


def _check_seed(seed: object) -> None:
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValidationError(
            N_("the seed is not a whole number"),
            code="duplicates.bad_seed",
            field="seed",
            value=seed,
            hint=N_("a whole number such as 7"),
        )


def _check_rate(rate: object, field: str, high: float) -> None:
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= high:
        raise ValidationError(
            N_("the rate is not a number from 0 to {high}", high=high),
            code="duplicates.bad_rate",
            field=field,
            value=rate,
            hint=N_("a share such as 0.3"),
        )


def _locales(locales: object) -> tuple[tuple[str, ...], list[float]]:
    if isinstance(locales, str):
        locales = (locales,)
    if not isinstance(locales, list | tuple | set | frozenset) or not locales:
        raise ValidationError(
            N_("no locale is given"),
            code="duplicates.no_locale",
            field="locales",
            value=locales,
            hint=_LOCALE_HINT,
        )
    weights: dict[str, float] = {}
    for locale in locales:
        if locale not in LOCALES:
            raise ValidationError(
                N_("the locale is not one the generator knows"),
                code="duplicates.unknown_locale",
                field="locales",
                value=locale,
                hint=_LOCALE_HINT,
            )
        for each in ("en_GB", "en_US") if locale == "en" else (locale,):
            weights[each] = weights.get(each, 0) + (0.5 if locale == "en" else 1.0)
    chosen = tuple(sorted(weights))
    return chosen, list(accumulate(weights[locale] for locale in chosen))


class _Generator:
    """One run of the generator: its random source and the entities made so far."""

    def __init__(
        self, rng: random.Random, locales: tuple[tuple[str, ...], list[float]], organizations: float
    ) -> None:
        self.rng = rng
        self.emails: set[str] = set()  # a mailbox is one person's: no two entities share one
        self.locales = list(locales[0])
        self.locale_weights = locales[1]
        self.organizations = organizations

    def run(self, entities: int, extra: int, lookalikes: int) -> DuplicateSet:
        rng = self.rng
        originals = entities - lookalikes
        truths = [self._entity(number) for number in range(originals)]
        truths += [
            self._lookalike(number, truths[rng.randrange(originals)])
            for number in range(originals, entities)
        ]
        counts = self._copy_counts(entities, extra)
        rows: list[GeneratedRow] = []
        clusters: list[frozenset[str]] = []
        hard: set[tuple[str, str]] = set()
        first_ids: list[str] = []
        for number, count in enumerate(counts):
            truth = truths[number]
            truths[number] = _WRITTEN  # needed no more: its memory goes to the rows
            ids = [self._row_id() for _ in range(count + 1)]
            first_ids.append(ids[0])
            rows.append(_row(truth, ids[0], ()))
            t = values.tables(truth["locale"])
            rows.extend(self._copy(truth, row_id, t) for row_id in ids[1:])
            clusters.append(frozenset(ids))
            if number >= originals:  # a look-alike comes after the entity it looks like
                hard.add(_pair(ids[0], first_ids[truth["original"]]))
        rng.shuffle(rows)
        pairs = frozenset(_pair(a, b) for cluster in clusters for a, b in combinations(cluster, 2))
        return DuplicateSet(tuple(rows), tuple(clusters), pairs, frozenset(hard))

    def _row_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _copy_counts(self, entities: int, extra: int) -> list[int]:
        """Return the number of extra copies of each entity, ``extra`` in all."""
        rng = self.rng
        counts = [0] * entities
        order = list(range(entities))
        rng.shuffle(order)
        left = extra
        while left:  # a second round only where nearly every entity has copies
            for index in order:
                if not left:
                    break
                wanted = min(
                    rng.choices(_COPIES[0], cum_weights=_COPIES[1])[0] if not counts[index] else 1,
                    left,
                    3 - counts[index],
                )
                counts[index] += wanted
                left -= wanted
        return counts

    def _copy(self, truth: dict[str, Any], row_id: str, t: LocaleTables) -> GeneratedRow:
        rng = self.rng
        if (
            truth["kind"] == "person"
            and t.country in _SOLE_TRADERS
            and rng.random() < copies.RATES["cross_kind"]
        ):
            trader = copies.sole_trader(rng, truth, t)
            corrupted, applied = copies.corrupt(rng, trader, t)
            return _row(corrupted, row_id, ("cross_kind", *applied))
        corrupted, applied = copies.corrupt(rng, truth, t)
        return _row(corrupted, row_id, tuple(applied))

    # --- entities -----------------------------------------------------------

    def _entity(self, number: int) -> dict[str, Any]:
        rng = self.rng
        locale = values.draw(rng, self.locales, self.locale_weights)
        t = values.tables(locale)
        truth = _blank(number, locale, t.country)
        if rng.random() < self.organizations:
            self._organization(truth, t)
        else:
            self._person(truth, t, "m" if rng.random() < 0.5 else "f")
        return truth

    def _person(
        self,
        truth: dict[str, Any],
        t: LocaleTables,
        sex: str,
        *,
        given: str | None = None,
        forms: list[str] | None = None,
        born: dt.date | None = None,
        father: str | None = None,
    ) -> None:
        """Make ``truth`` a person: the parts given as given, the others drawn."""
        rng = self.rng
        if given is None:
            given = values.given_name(rng, t, sex)
            if t.language in ("pl", "de", "en") and rng.random() < 0.08:
                second = values.given_name(rng, t, sex)
                given = f"{given} {second}" if second != given else given
        forms = forms or values.family_name(rng, t)
        family = values.family_form(forms, sex)
        truth.update(kind="person", sex=sex, given=given, forms=forms, family=family)
        if rng.random() < _PATRONYMIC_RATE.get(t.language, 0):
            truth["patronymic"] = values.patronymic(t, father or rng.choice(t.fathers[:80]), sex)
        if born is None and rng.random() < 0.85:
            born = values.birth_date(rng)
        truth["birth_date"] = born.isoformat() if born else None
        self._address(truth, t, 0.8)
        if rng.random() < 0.85:
            self._phone(truth, t, fixed=0.2)
        if rng.random() < 0.7:
            email = values.person_email(rng, t, given.partition(" ")[0], family, born)
            while email in self.emails:
                local, _, domain = email.partition("@")
                email = f"{local}{rng.randrange(10)}@{domain}"
            self.emails.add(email)
            truth["email"] = email
        if born is not None and rng.random() < _PERSON_TAX_RATE[t.country]:
            self._tax(truth, values.person_tax_id(rng, t.country, born, sex))

    def _organization(self, truth: dict[str, Any], t: LocaleTables) -> None:
        rng = self.rng
        table = values.variants()
        words = table["company_words"][t.language]
        stem: str = rng.choice(table["company_stems"][t.language])
        roll = rng.random()
        if roll < 0.3 and words["trades"]:
            family = values.family_form(values.family_name(rng, t), "m")
            trade = rng.choice(words["trades"])
            name = f"{family} {trade}" if words["family_first"] else f"{trade} {family}"
        elif roll < 0.6:
            name = f"{stem} {rng.choice(words['suffixes'])}"
        else:
            name = stem
        forms = table["legal_forms"][t.country]
        form = rng.choices([f[0] for f in forms], [f[1] for f in forms])[0]
        truth.update(kind="organization", org_name=name, legal_form=form)
        self._address(truth, t, 0.9)
        if rng.random() < 0.9:
            self._phone(truth, t, fixed=0.8)
        if rng.random() < 0.8:
            self._company_email(truth, t)
        if rng.random() < 0.85:
            self._tax(truth, values.organization_tax_id(rng, t.country))

    def _address(self, truth: dict[str, Any], t: LocaleTables, rate: float) -> None:
        rng = self.rng
        place = values.locality(rng, t)
        truth["place"] = place
        if rng.random() < rate:
            truth.update(
                street=values.street(rng, t),
                building=values.building(rng),
                postal_code=values.postal_code(rng, t, place),
                locality=place[0],
            )

    def _phone(self, truth: dict[str, Any], t: LocaleTables, fixed: float) -> None:
        rng = self.rng
        area = truth["place"][2] if rng.random() < fixed else None
        number = values.phone_number(rng, t, area)
        truth.update(number=number, phone=values.written_phone(rng, number, t.country))

    def _company_email(self, truth: dict[str, Any], t: LocaleTables) -> None:
        rng = self.rng
        if rng.random() < 0.04:  # an accountant's or a business centre's mailbox, shared
            truth["email"] = rng.choice(values.variants()["shared_mailboxes"][t.country])
            return
        town = values.mail_slug(truth["place"][0], t.language)
        suffix = f"-{town}" if rng.random() < 0.5 else str(rng.randrange(1, 1000))
        domain = values.company_domain(t, truth["org_name"]).replace(".", f"{suffix}.", 1)
        truth["email"] = f"{rng.choice(t.places['mailboxes'])}@{domain}"

    def _tax(self, truth: dict[str, Any], found: tuple[str, str] | None) -> None:
        if found is not None:
            scheme, number = found
            written = values.written_tax_id(self.rng, scheme, truth["country"], number)
            truth.update(tax_scheme=scheme, tax_id=written)

    # --- look-alikes --------------------------------------------------------

    def _lookalike(self, number: int, original: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        t = values.tables(original["locale"])
        truth = _blank(number, original["locale"], original["country"])
        truth["original"] = original["entity"]
        if original["kind"] == "organization":
            self._organization(truth, t)
            truth.update(org_name=original["org_name"], legal_form=original["legal_form"])
            while truth["place"][0] == original["place"][0]:  # in another town
                self._address(truth, t, 0.9)
            if truth["email"] is not None:
                self._company_email(truth, t)
            truth["lookalike"] = "similar_company"
            return truth
        kind = rng.choice(_LOOKALIKES)
        if kind == "father_son" and (original["sex"] != "m" or original["birth_date"] is None):
            kind = "namesake"
        truth["lookalike"] = kind
        forms = original["forms"]
        if kind == "household":  # a spouse or a child: another given name, the same home
            sex = "m" if rng.random() < 0.5 else "f"
            given = original["given"]
            while given == original["given"]:
                given = values.given_name(rng, t, sex)
            self._person(truth, t, sex, given=given, forms=forms)
            _share_home(rng, truth, original)
        elif kind == "namesake":  # the same name in the same town, another person
            self._person(truth, t, original["sex"], given=original["given"], forms=forms)
            if original["locality"] is not None and truth["locality"] is not None:
                truth.update(locality=original["locality"], postal_code=original["postal_code"])
        else:  # a father and his son of the same name, at the same home
            born = dt.date.fromisoformat(original["birth_date"])
            years = rng.randint(22, 35)
            son = born.year + years <= _LATEST_YEAR
            year = born.year + years if son else born.year - years
            when = born.replace(year=year, day=min(born.day, 28))
            father = original["given"].partition(" ")[0] if son else None
            self._person(
                truth, t, "m", given=original["given"], forms=forms, born=when, father=father
            )
            _share_home(rng, truth, original)
        return truth


def _blank(number: int, locale: str, country: str) -> dict[str, Any]:
    truth: dict[str, Any] = dict.fromkeys(_ROW_FIELDS)
    truth.update(
        entity=number, locale=locale, country=country, number=None, sex=None, original=None
    )
    return truth


def _share_home(rng: random.Random, truth: dict[str, Any], original: dict[str, Any]) -> None:
    """Give a member of a household the original's address and, often, its phone."""
    if original["locality"] is not None:
        for field in ("street", "building", "postal_code", "locality", "place"):
            truth[field] = original[field]
    if original["phone"] is not None and rng.random() < 0.6:
        truth.update(phone=original["phone"], number=original["number"])


def _row(record: dict[str, Any], row_id: str, corruptions: tuple[str, ...]) -> GeneratedRow:
    fields = {name: record[name] for name in _ROW_FIELDS}
    fields.update(id=row_id, corruptions=corruptions)
    return GeneratedRow(**fields)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)
