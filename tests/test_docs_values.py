"""Every value the documentation shows as valid is valid, by crmcore's own validators.

The examples of docs/ run as tests, but a value that is only shown (a JSON
document, a table, a value passed through unchecked) is not checked by running
it. This scans README.md and docs/ for customer numbers, E.164 phone numbers
and tax numbers, and checks each with the library. A value shown on purpose as
invalid sits in a code block that shows its refusal (its error code), and is
left out.
"""

import ast
import json
import re
from pathlib import Path

import pytest

from crmcore import ids
from crmcore.errors import CrmError
from crmcore.model import Identifier
from crmcore.model._schemes import _table as scheme_table
from crmcore.standardize import phones, tax_ids
from crmcore.storage._lookup_keys import is_tax_scheme

ROOT = Path(__file__).parent.parent
PAGES = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts),
]

# The value of a customer_number field: JSON, a keyword argument, a dict entry.
NUMBER_FIELD = re.compile(r"""customer_number["']?[ \t]*[:=][ \t]*["']([^"'\n]*)["']""")
# A number in the default layout's shape, compact or grouped 8-6-3-5-1 by one separator.
NUMBER_SHAPE = re.compile(r"(?<![\w-])\d{8}([- ]?)\d{6}\1\d{3}\1\d{5}\1\d(?![\w-])")
# A phone number in E.164, quoted.
E164 = re.compile(r"""["'](\+\d{7,15})["']""")
# A literal identifier or standardised tax number: the call, without nested parentheses.
IDENTIFIER = re.compile(r"\bIdentifier\([^()]*\)")
TAX_ID = re.compile(r"\bTaxId\([^()]*\)")
JSON_BLOCK = re.compile(r"```json\n(.*?)```", re.DOTALL)


def _text(page):
    return page.read_text(encoding="utf-8")


def _shown_as_refused(text, end, family):
    """Whether the statement holding text[:end] is shown refused with a code of ``family``.

    Its output runs to the next statement (``>>>``) or the end of the code block.
    """
    stops = [i for i in (text.find("```", end), text.find("\n>>> ", end)) if i != -1]
    output = text[end : min(stops, default=len(text))]
    return re.search(rf"\b{family}\.[a-z_]+", output) is not None


def _where(page, text, start):
    return f"{page.relative_to(ROOT)}:{text.count(chr(10), 0, start) + 1}"


def _customer_numbers():
    for page in PAGES:
        text = _text(page)
        for match in NUMBER_FIELD.finditer(text):
            yield _where(page, text, match.start()), match.group(1), False
        for match in NUMBER_SHAPE.finditer(text):
            refused = _shown_as_refused(text, match.end(), "customer_number")
            yield _where(page, text, match.start()), match.group(), refused


def _phones():
    for page in PAGES:
        text = _text(page)
        for match in E164.finditer(text):
            refused = _shown_as_refused(text, match.end(), "phone")
            yield _where(page, text, match.start()), match.group(1), refused


def _literal_call(source):
    """The arguments of a call written with literals, or ``None`` (a variable among them)."""
    try:
        call = ast.parse(source, mode="eval").body
        args = [ast.literal_eval(arg) for arg in call.args]
        return args, {each.arg: ast.literal_eval(each.value) for each in call.keywords}
    except (SyntaxError, ValueError):  # prose such as "Identifier(country=)"
        return None


def _json_identifiers(value):
    if isinstance(value, dict):
        if {"scheme", "value"} <= value.keys():
            yield value["scheme"], value["value"], value.get("country")
        for each in value.values():
            yield from _json_identifiers(each)
    elif isinstance(value, list):
        for each in value:
            yield from _json_identifiers(each)


def _identifiers():
    """Yield (where, Identifier) for each identifier the docs build, unless refused there."""
    for page in PAGES:
        text = _text(page)
        calls = [(m.start(), _literal_call(m.group())) for m in IDENTIFIER.finditer(text)]
        found = [(start, *call) for start, call in calls if call is not None]
        for block in JSON_BLOCK.finditer(text):
            found += [
                (block.start(), [scheme, value], {"country": country})
                for scheme, value, country in _json_identifiers(json.loads(block.group(1)))
            ]
        for start, args, kwargs in found:
            try:
                identifier = Identifier(*args, **kwargs)
            except CrmError:
                # Shown refused: its doctest checks the refusal.
                continue
            yield _where(page, text, start), identifier


def _stdnum_scheme(identifier):
    """The standardiser's scheme of an identifier: the model's name, before its synonyms."""
    names = {kept: name for name, kept in scheme_table()["synonyms"].items()}
    name = names.get(identifier.scheme, identifier.scheme)
    return f"{identifier.country.lower()}.{name}" if identifier.country else name


def _tax_ids():
    for page in PAGES:
        text = _text(page)
        for match in TAX_ID.finditer(text):
            call = _literal_call(match.group())
            if call is None:
                continue
            args, kwargs = call
            scheme, value = [*args, kwargs.get("scheme"), kwargs.get("value")][-2:]
            yield _where(page, text, match.start()), scheme, value


CUSTOMER_NUMBERS = list(_customer_numbers())
PHONES = list(_phones())
# Only identifiers of tax and registry schemes have a form to check.
IDENTIFIERS = [
    (where, identifier)
    for where, identifier in _identifiers()
    if is_tax_scheme(identifier.scheme, identifier.country)
]
TAX_IDS = list(_tax_ids())


def test_the_scan_finds_the_values_the_docs_show():
    assert sum(not refused for _, _, refused in CUSTOMER_NUMBERS) >= 5
    assert any(refused for _, _, refused in CUSTOMER_NUMBERS)  # ids.md shows a slip refused
    assert len(PHONES) >= 5
    assert len(IDENTIFIERS) >= 10
    assert len(TAX_IDS) >= 5
    assert any(page.name == "model.md" for page in PAGES)


@pytest.mark.parametrize(("where", "number", "refused"), CUSTOMER_NUMBERS)
def test_customer_numbers_shown_are_valid(where, number, refused):
    assert ids.is_valid(number) != refused, where


@pytest.mark.parametrize(("where", "number", "refused"), PHONES)
def test_phone_numbers_shown_in_e164_are_valid(where, number, refused):
    assert phones.is_valid(number) != refused, where


@pytest.mark.parametrize(("where", "identifier"), IDENTIFIERS)
def test_tax_numbers_shown_are_valid(where, identifier):
    assert tax_ids.is_valid(identifier.value, scheme=_stdnum_scheme(identifier)), where


@pytest.mark.parametrize(("where", "scheme", "value"), TAX_IDS)
def test_standardised_tax_numbers_shown_are_valid(where, scheme, value):
    assert tax_ids.is_valid(value, scheme=scheme), where
