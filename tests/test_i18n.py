import gettext
import io
import os
from pathlib import Path

import pytest
from babel import Locale
from babel.messages import mofile, pofile
from babel.messages.catalog import Catalog

from crmcore import _i18n
from crmcore._i18n import available_languages, negotiate, translations

REQUIRED = {"en", "pl", "uk", "ru", "el", "de"}


def test_the_markets_languages_have_catalogues():
    assert available_languages() >= REQUIRED


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("pl", "pl"),
        ("pl_PL", "pl"),
        ("pl-PL", "pl"),
        ("uk_UA", "uk"),
        ("ru_UA", "ru"),
        ("ru_RU", "ru"),
        ("el_GR", "el"),
        ("el_CY", "el"),
        ("de_AT", "de"),
        ("EL", "el"),
        (" uk ", "uk"),
        ("en_GB", "en"),
        ("en", "en"),
        ("sr_Latn_RS", "en"),  # a real locale without a catalogue
        ("fr", "en"),
        ("zz", "en"),
        ("", "en"),
        ("не локаль", "en"),
        ("ua", "en"),  # the country code, not a language
        (None, "en"),
        (Locale("uk", "UA"), "uk"),
    ],
)
def test_negotiation(locale, language):
    assert negotiate(locale) == language


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "wartość jest pusta"),
        ("uk", "значення порожнє"),
        ("ru", "значение пустое"),
        ("el", "η τιμή είναι κενή"),
        ("de", "der Wert ist leer"),
        ("en", "the value is empty"),
        ("fr", "the value is empty"),
    ],
)
def test_translations(language, text):
    assert translations(language).gettext("the value is empty") == text


def test_unknown_messages_stay_english():
    assert translations("pl").gettext("no such message") == "no such message"


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        # 1, 2, 5, 12, 22, 25: Slavic plurals have three forms, Greek and German two.
        ("pl", ["1 cyfra", "2 cyfry", "5 cyfr", "12 cyfr", "22 cyfry", "25 cyfr"]),
        ("uk", ["1 цифра", "2 цифри", "5 цифр", "12 цифр", "22 цифри", "25 цифр"]),
        ("ru", ["1 цифра", "2 цифры", "5 цифр", "12 цифр", "22 цифры", "25 цифр"]),
        ("el", ["1 ψηφίο", "2 ψηφία", "5 ψηφία", "12 ψηφία", "22 ψηφία", "25 ψηφία"]),
        ("en", ["1 digit", "2 digits", "5 digits", "12 digits", "22 digits", "25 digits"]),
    ],
)
def test_plural_forms_follow_each_language(language, forms):
    catalogue = translations(language)
    got = [
        catalogue.ngettext("{count} digit", "{count} digits", n).format(count=n)
        for n in (1, 2, 5, 12, 22, 25)
    ]
    assert got == forms


def test_english_is_the_null_translation():
    assert type(translations("en")) is gettext.NullTranslations


# --- loading: a compiled .mo, or the .po compiled in memory -------------------------


def _write_catalogue(directory: Path, text: str, *, mo: bool) -> Path:
    messages = directory / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalog = Catalog(locale="pl", domain="crmcore")
    catalog.add("the value is empty", text)
    po = messages / "crmcore.po"
    with po.open("wb") as stream:
        pofile.write_po(stream, catalog)
    if mo:
        with (messages / "crmcore.mo").open("wb") as stream:
            mofile.write_mo(stream, catalog)
    return messages


@pytest.fixture
def private_locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(_i18n, "_locale_dir", lambda: tmp_path)
    _i18n._translations.cache_clear()
    yield tmp_path
    _i18n._translations.cache_clear()


def test_a_compiled_catalogue_is_used(private_locale_dir):
    messages = _write_catalogue(private_locale_dir, "z .mo", mo=True)
    old = messages.stat().st_mtime - 100
    os.utime(messages / "crmcore.po", (old, old))
    assert _i18n._translations("xx").gettext("the value is empty") == "z .mo"


def test_without_a_mo_the_po_is_compiled_in_memory(private_locale_dir):
    _write_catalogue(private_locale_dir, "z .po", mo=False)
    assert _i18n._translations("xx").gettext("the value is empty") == "z .po"
    assert not list(private_locale_dir.rglob("*.mo"))


def test_a_stale_mo_gives_way_to_its_edited_po(private_locale_dir):
    messages = _write_catalogue(private_locale_dir, "old", mo=True)
    catalog = Catalog(locale="pl", domain="crmcore")
    catalog.add("the value is empty", "new")
    with (messages / "crmcore.po").open("wb") as stream:
        pofile.write_po(stream, catalog)
    old = (messages / "crmcore.po").stat().st_mtime - 100
    os.utime(messages / "crmcore.mo", (old, old))
    assert _i18n._translations("xx").gettext("the value is empty") == "new"


def test_a_mo_without_its_po_is_trusted(private_locale_dir):
    messages = _write_catalogue(private_locale_dir, "z .mo", mo=True)
    (messages / "crmcore.po").unlink()
    assert _i18n._translations("xx").gettext("the value is empty") == "z .mo"


def test_the_in_memory_catalogue_matches_the_compiled_one():
    po = _i18n._locale_dir() / "uk" / "LC_MESSAGES" / "crmcore.po"
    with po.open("rb") as stream:
        catalog = pofile.read_po(stream, locale="uk")
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    in_memory = _i18n._compile_in_memory(po, "uk")
    for message in catalog:
        if message.id and not message.pluralizable:
            assert in_memory.gettext(message.id) == compiled.gettext(message.id)
