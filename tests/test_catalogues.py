"""The gettext catalogues are complete and current.

Fails when a message marked in the code (``N_("...")`` or ``ngettext(...)``
anywhere in src/crmcore) has no reviewed translation in a required language,
or when messages.pot or a .po file is stale. ``nox -s i18n`` brings them up
to date; the translations are then written by hand. The extraction keywords
are those of noxfile.py (EXTRACT_OPTIONS): keep them in step.
"""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages import checkers, extract, frontend, pofile
from babel.messages.plurals import get_plural

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "crmcore"
LOCALE_DIR = SRC / "locale"
REQUIRED_LANGUAGES = ("de", "el", "pl", "ru", "uk")
KEYWORDS = {"N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _scanned(directory: str) -> bool:
    """Scan every package directory, "_private" ones too (Babel skips those by default)."""
    name = Path(directory).name
    return not name.startswith(".") and name != "__pycache__"


def _extracted() -> dict[str | tuple[str, ...], str]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as stream:
        method_map, options_map = frontend.parse_mapping_cfg(stream)
    return {
        message: filename
        for filename, _lineno, message, _comments, _context in extract.extract_from_dir(
            str(SRC),
            method_map,
            options_map,
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
            directory_filter=_scanned,
        )
    }


EXTRACTED = _extracted()


def _ids(catalog):
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def _read(path, locale=None):
    with path.open("rb") as stream:
        return pofile.read_po(stream, locale=locale)


def test_the_code_has_messages():
    assert "the value is empty" in EXTRACTED
    assert ("{count} digit", "{count} digits") in EXTRACTED


def test_the_template_holds_exactly_the_messages_of_the_code():
    template = _ids(_read(LOCALE_DIR / "messages.pot"))
    assert set(EXTRACTED) - template == set(), "run `nox -s i18n`: new messages"
    assert template - set(EXTRACTED) == set(), "run `nox -s i18n`: removed messages"


@pytest.mark.parametrize("language", REQUIRED_LANGUAGES)
def test_every_message_is_translated(language):
    catalog = _read(LOCALE_DIR / language / "LC_MESSAGES" / "crmcore.po", language)
    ids = _ids(catalog)
    missing = set(EXTRACTED) - ids
    assert not missing, f"{language}: run `nox -s i18n` and translate {sorted(map(str, missing))}"
    assert not ids - set(EXTRACTED), f"{language}: stale messages; run `nox -s i18n`"
    untranslated = [
        str(m.id)
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert not untranslated, f"{language}: untranslated or fuzzy: {untranslated}"
    assert not catalog.obsolete


def _plural_index(expression: str):
    """The gettext plural expression as a function of n (the way gettext itself reads it)."""
    return gettext.c2py(expression)


@pytest.mark.parametrize("language", REQUIRED_LANGUAGES)
def test_plural_forms_are_the_languages_own(language):
    # What the header means, not how it is written: Babel's releases spell CLDR's
    # rule differently (2.19 writes ``n%100<10 || n%100>=20`` where 2.18 wrote
    # ``n % 100 < 12 || n % 100 > 14``), and both pick the same form for every n.
    catalog = _read(LOCALE_DIR / language / "LC_MESSAGES" / "crmcore.po", language)
    plural = get_plural(language)
    assert catalog.num_plurals == plural.num_plurals
    ours, cldr = _plural_index(catalog.plural_expr), _plural_index(plural.plural_expr)
    assert [ours(n) for n in range(10_001)] == [cldr(n) for n in range(10_001)]
    for message in catalog:
        if message.pluralizable:
            assert len(message.string) == plural.num_plurals


@pytest.mark.parametrize("language", REQUIRED_LANGUAGES)
def test_translations_keep_their_placeholders(language):
    catalog = _read(LOCALE_DIR / language / "LC_MESSAGES" / "crmcore.po", language)
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (message.id, text)


@pytest.mark.parametrize("language", REQUIRED_LANGUAGES)
def test_babel_checkers_pass(language):
    catalog = _read(LOCALE_DIR / language / "LC_MESSAGES" / "crmcore.po", language)
    for message in catalog:
        if message.id:
            for check in checkers.checkers:
                check(catalog, message)  # raises TranslationError
