"""Company names: split a raw name into descriptor, core and legal form, and back."""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

from crmcore.standardize import texts
from crmcore.standardize._base import N_, fail
from crmcore.standardize._form_lookalikes import has_lookalike_form
from crmcore.standardize._legal_forms import (
    Descriptor,
    LegalForm,
    Match,
    descriptor_for_key,
    find_descriptor,
    find_forms,
    form_key,
    forms,
    may_be_written_form,
    quotes_for,
)
from crmcore.standardize._quotes import (
    QUOTES,
    drop_unpaired,
    has_double_quote,
    is_wrapped,
    normalize_inner,
    unwrap,
    wrap,
)
from crmcore.standardize._text_clean import kept_chars

__all__ = [
    "FIELD",
    "CompanyName",
    "canonical",
    "descriptors_apply",
    "form_keys",
    "is_written_form",
    "parse",
    "render",
    "render_parts",
    "resolve",
]

FIELD = "company_name"
_HINT = "a company name with its legal form, such as ТОВ «Ромашка» or Kowalski sp. z o.o."
#: Characters no company name contains: markup, control and private-use characters.
_FORBIDDEN = frozenset("<>{}\\|^~")
_EDGE_PUNCTUATION = " ,;:-"


def _nonempty(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        fail(
            f"{FIELD}.empty",
            N_("the company name is empty"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint=_HINT,
        )


_IS_TEXT = attrs.validators.instance_of(str)


def _name_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    # One validator doing the work of two: attrs calls a list of them through one more object.
    if isinstance(value, str):
        _nonempty(instance, attribute, value)
    else:
        _IS_TEXT(instance, attribute, value)  # type: ignore[arg-type] # raises: it is no str


@attrs.frozen(kw_only=True)
class CompanyName:
    """A company name split into its parts; ``str()`` gives the canonical text.

    Where the legal form is written and how the name is quoted follow the
    country of the legal form: ``ТОВ «Ромашка»``, ``ООО «Ромашка»``,
    ``UAB „Pavyzdys“``, but ``Kowalski sp. z o.o.``, ``Muster GmbH``,
    ``Παπαδόπουλος Α.Ε.``.

    Attributes:
        name: The name itself, without legal form, descriptor or wrapping quotes
            (``"Ромашка"``). Quotation marks inside it are written ``"``.
        legal_form: The canonical abbreviation of the legal form (``"ТОВ"``,
            ``"sp. z o.o."``), or ``None`` if none was recognised.
        legal_form_name: The full name of the legal form in the local language.
        elf_code: The ISO 20275 entity legal form code, where one exists.
        country: The country of the legal form (ISO 3166-1 alpha-2), or ``None``
            when no form was found or the abbreviation is used in several
            countries (``S.A.``, ``s.r.o.``) and no country was given.
        descriptor: A trade descriptor such as ``"PPHU"``, kept apart from the
            name so that ``PPHU Kowalski`` and ``Kowalski`` can be matched.

    >>> from crmcore.standardize import company_names
    >>> c = company_names.validate("Товариство з обмеженою відповідальністю «Ромашка»")
    >>> c.name, c.legal_form, c.country
    ('Ромашка', 'ТОВ', 'UA')
    >>> str(c)
    'ТОВ «Ромашка»'
    """

    name: str = attrs.field(validator=_name_text)
    legal_form: str | None = None
    legal_form_name: str | None = None
    elf_code: str | None = None
    country: str | None = None
    descriptor: str | None = None

    def __str__(self) -> str:
        return render(self)


@functools.cache
def _form_by_abbreviation() -> dict[tuple[str | None, str], LegalForm]:
    index: dict[tuple[str | None, str], LegalForm] = {}
    for form in forms():
        index.setdefault((form.country, form.abbreviation), form)
        index.setdefault((None, form.abbreviation), form)
    return index


def _layout(legal_form: str | None, country: str | None) -> LegalForm | None:
    if legal_form is None:
        return None
    index = _form_by_abbreviation()
    return index.get((country, legal_form)) or index.get((None, legal_form))


def _is_ambiguous(name: str) -> bool:
    """Would ``name``, written bare, be read as holding a legal form?

    As written, or in the name's script (``ET т``: a Latin ``ET`` beside a
    Cyrillic word reads as the Bulgarian ``ЕТ``).
    """
    return bool(find_forms(name)) or _is_only_form(name) or has_lookalike_form(name)


def _starts_with_form(name: str) -> bool:
    """Would ``name``, written bare after a form, be read as starting with another?"""
    return any(m.at == "prefix" for m in find_forms(name)) or _is_only_form(name)


def render(value: CompanyName, *, long: bool = False) -> str:
    """Write ``value`` in its canonical (or, with ``long``, spelled-out) form."""
    return render_parts(
        value.name,
        value.legal_form,
        value.legal_form_name,
        value.country,
        value.descriptor,
        long=long,
    )


def render_parts(
    name: str,
    legal_form: str | None,
    legal_form_name: str | None,
    country: str | None,
    descriptor: str | None,
    *,
    long: bool = False,
    ambiguous: bool | None = None,
) -> str:
    """Write the parts of a :class:`CompanyName` as :func:`render` writes the value.

    ``ambiguous``, when known, is what :func:`_is_ambiguous` tells of ``name``.
    """
    layout = _layout(legal_form, country)
    prefixed = layout is not None and layout.position == "prefix"
    quotes = quotes_for(country or (layout.country if layout else None))
    if prefixed and layout is not None and layout.sole_trader:
        # A sole trader's form first wins over a form at the end (see
        # _choose): only a form at the start of the person's name, or a name
        # that is all a form, needs the marks.
        quoted = layout.quote_core or _starts_with_form(name)
    else:
        quoted = (prefixed and layout is not None and layout.quote_core) or (
            _is_ambiguous(name) if ambiguous is None else ambiguous
        )
    core = wrap(name, quotes) if quoted else name
    if descriptor:
        core = f"{descriptor} {core}"
    if legal_form is None:
        return core
    form = legal_form
    if long and legal_form_name:
        form = legal_form_name
    if prefixed:
        if long:
            form = form[:1].upper() + form[1:]
        return f"{form} {core}"
    return f"{core} {form}"


def _tidy(text: str) -> str:
    """Strip edge punctuation and wrapping quotes until nothing changes."""
    while True:
        text = text.strip(_EDGE_PUNCTUATION)
        if text[:1] not in QUOTES:
            # Every pair that wraps opens with a quotation mark: nothing to
            # unwrap, and stripping again changes nothing.
            return text
        unwrapped = unwrap(text)
        if unwrapped == text:
            return text
        text = unwrapped


def _final_name(text: str) -> str:
    """Tidy ``text`` and write its quotation marks in the one standard way."""
    while True:
        tidied = _tidy(normalize_inner(_tidy(text)))
        unpaired = '"' in tidied and not is_wrapped(f'"{tidied}"')
        if unpaired:
            # Unpaired marks cannot be quoted back reliably: they carry no meaning.
            tidied = tidied.replace('"', "")
        # Removing marks can join letters into new words: clean those words too.
        cleaned = texts.clean(tidied)
        if cleaned == text or (cleaned == tidied and not unpaired):
            # A round changes nothing more. In the second case: the text came
            # out of _tidy (which stops where it changes nothing) with no mark
            # left to rewrite, no mark was dropped after it, and cleaning kept
            # it as it was; so each step of another round keeps it too.
            return cleaned
        text = cleaned


@functools.cache
def form_keys() -> frozenset[str]:
    """Return the keys of every written legal form (see ``_legal_forms.form_key``)."""
    return frozenset(form_key(w) for f in forms() for w in (f.abbreviation, f.name, *f.variants))


def _is_only_form(text: str) -> bool:
    return may_be_written_form(text) and form_key(text) in form_keys()


def is_written_form(text: str) -> bool:
    """Tell whether the whole of ``text`` is written like a legal form or a descriptor.

    Text with a quoted part is not: forms are written without quotation
    marks, and what is quoted is a name (``KG "A A"`` is no ``KGaA``).
    """
    return (
        not has_double_quote(text)
        and may_be_written_form(text)
        and (form_key(text) in form_keys() or descriptor_for_key(form_key(text)) is not None)
    )


@functools.cache
def _allowed_characters() -> re.Pattern[str]:
    """Return a pattern fully matching text of characters that are certainly allowed.

    They are the characters clean text is made of (assigned, no control or
    format characters, no private use) that are not forbidden, and spaces.
    """
    allowed = "".join(re.escape(c) for c in kept_chars() if c not in _FORBIDDEN)
    return re.compile(f"[ {allowed}]*")


def _check_characters(text: str, raw: object) -> None:
    if _allowed_characters().fullmatch(text) is not None:
        return
    for char in text:
        category = unicodedata.category(char)
        if char in _FORBIDDEN or category in {"Cc", "Co", "Cs", "Cn"}:
            fail(
                f"{FIELD}.bad_characters",
                N_("the company name contains characters that are not allowed"),
                field=FIELD,
                value=raw,
                hint=f"no {char!r} in a company name; for example {_HINT.split('such as ')[1]}",
            )


#: How many initials follow a surname (given name and patronymic, or more).
_INITIALS = frozenset({2, 3})


def _is_initials(text: str) -> bool:
    """Tell whether ``text`` is written as a person's initials: ``А.О.``, ``П. П.``, ``I.J.K.``."""
    letters = text.replace(" ", "")
    count, odd = divmod(len(letters), 2)
    return (
        not odd
        and count in _INITIALS
        and letters[1::2] == "." * count
        and all(ch.isalpha() and ch.isupper() for ch in letters[::2])
    )


def _choose(matches: list[Match], text: str) -> Match | None:
    """Pick the form of ``text`` among those found at its ends (suffix first)."""
    if not matches:
        return None
    if len(matches) == 2:  # a form at each end
        suffix, prefix = matches
        if all(f.sole_trader for f in prefix.candidates) or (
            all(f.position == "prefix" for f in prefix.candidates)
            and _is_initials(text[len(suffix.rest) :])
        ):
            # A form written first, then a person's name: what looks like a
            # form at its end is the person's initials (ИП Соколов А.О.,
            # ПП Мельник П.П.); after a sole trader's form, always so.
            return prefix
    # The longer form wins (sp. z o.o. sp.k. over sp.k.); on a tie, the end.
    return max(matches, key=lambda m: (m.key_length, m.at == "suffix"))


def resolve(candidates: tuple[LegalForm, ...], country: str | None) -> LegalForm | None:
    """Pick the candidate of ``country``, or the only one; ``None`` if ambiguous."""
    if len(candidates) == 1:
        return candidates[0]  # what either test below gives
    if country is not None:
        for form in candidates:
            if form.country == country:
                return form
    if len({form.country for form in candidates}) == 1:
        return candidates[0]
    return None


def parse(text: str, *, raw: object, country: str | None) -> CompanyName:
    """Split ``text`` (``raw`` checked as text) into a :class:`CompanyName`."""
    cleaned = texts.clean(text)
    text = drop_unpaired(cleaned)
    # Cleaning is idempotent: only text that lost a mark is cleaned again.
    text = _tidy(texts.clean(text) if text != cleaned else text)
    if not text:
        fail(f"{FIELD}.empty", N_("the company name is empty"), field=FIELD, value=raw, hint=_HINT)
    _check_characters(text, raw)
    if is_written_form(text):
        fail(
            f"{FIELD}.only_legal_form",
            N_("the company name has a legal form but no name"),
            field=FIELD,
            value=raw,
            hint=_HINT,
        )
    match = _choose(find_forms(text), text)
    rest = match.rest if match else text
    form = resolve(match.candidates, country) if match else None
    if match is not None and form is None:
        abbreviation: str | None = match.candidates[0].abbreviation
        form_country = None
    else:
        abbreviation = form.abbreviation if form else None
        form_country = form.country if form else None
    descriptor = _descriptor(rest, form_country, country)
    if descriptor is not None:
        rest = descriptor[1]
    name = _final_name(rest)
    if descriptor is None and name:
        descriptor = _descriptor(name, form_country, country)
        if descriptor is not None:
            name = _final_name(descriptor[1])
    if match is None and descriptor is None and name != text and _is_ambiguous(name):
        # Quotation marks inside words hid a legal form: read the tidied name again.
        return parse(name, raw=raw, country=country)
    bare = (
        descriptor_for_key(form_key(name))
        if descriptor is None and may_be_written_form(name)
        else None
    )
    if not name or (bare is not None and descriptors_apply(bare, form_country, country)):
        fail(
            f"{FIELD}.only_legal_form",
            N_("the company name has a legal form but no name"),
            field=FIELD,
            value=raw,
            hint=_HINT,
        )
    if not any(c.isalnum() for c in name):
        fail(
            f"{FIELD}.no_letters",
            N_("the company name has no letters or digits"),
            field=FIELD,
            value=raw,
            hint=_HINT,
        )
    return CompanyName(
        name=name,
        legal_form=abbreviation,
        legal_form_name=form.name if form else None,
        elf_code=form.elf_code if form else None,
        country=form_country,
        descriptor=descriptor[0].abbreviation if descriptor else None,
    )


def _descriptor(
    rest: str, form_country: str | None, country: str | None
) -> tuple[Descriptor, str] | None:
    """Find a trade descriptor at the start of ``rest``, where one may be used."""
    rest = rest.strip(_EDGE_PUNCTUATION)
    found = find_descriptor(rest)
    if found is None:
        tidied = _tidy(rest)
        found = find_descriptor(tidied) if tidied != rest else None
    if found is None:
        return None
    return found if descriptors_apply(found[0], form_country, country) else None


def descriptors_apply(
    descriptor: Descriptor, form_country: str | None, country: str | None
) -> bool:
    """Descriptors are read in their own country, or where the country is unknown."""
    where = form_country or country
    return where is None or where == descriptor.country


def canonical(
    value: CompanyName, *, raw: object, country: str | None, text: str | None = None
) -> CompanyName:
    """Return the value that its own canonical text reads back to.

    Reading the canonical text again can settle what the raw text left open:
    the case of a legal form can decide how a mixed-script word is repaired.
    A few rounds reach the value that ``str()`` and :func:`parse` agree on.

    ``text``, when given, is the text ``value`` was parsed from (in
    ``country``). When it is already the canonical text, ``value`` is its own
    reading and no round is needed: :func:`parse` gives the same value for
    the same text and country; and where ``country`` is ``None`` and the
    round would read the text in ``value.country``, that reading gives the
    same value too. The country given to :func:`parse` only decides which
    candidate of a legal form is taken and whether a descriptor applies
    while no form has a country. A value with a country was read from a
    form whose candidates are all of that country (else the country stays
    open), so the same candidate is taken, and from then on every decision
    uses the form's country in both readings. (A text without a form that is
    read again without its quotation marks found no descriptor at all, as
    every descriptor applies where no country is known; so none is found in
    the country either, and the text read again is the same.)
    """
    if text is not None and render(value) == text:
        return value
    for _ in range(3):
        again = parse(str(value), raw=raw, country=country or value.country)
        if again == value:
            break
        value = again
    return value
