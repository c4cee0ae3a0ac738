"""Gettext catalogues: the standardisers' messages and hints in our markets' languages.

The catalogues live in ``locale/<language>/LC_MESSAGES/crmcore.po`` beside this
module. Their message ids are the English texts marked with ``N_(...)`` in the
code, so English needs no catalogue. A build hook (``hatch_build.py``) compiles
every ``.po`` to a ``.mo`` when a wheel (or an editable install) is built.

Running from a source tree that was never built has no ``.mo`` files, and an
edited ``.po`` makes its ``.mo`` stale; in both cases the ``.po`` is compiled in
memory with Babel, once per language and process (the result is cached), so
the catalogues work everywhere, only a little slower to load the first time.

>>> translations("pl_PL").gettext("the value is empty")
'wartość jest pusta'
>>> negotiate("uk-UA"), negotiate("el_GR"), negotiate("sw"), negotiate(None)
('uk', 'el', 'en', 'en')
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from babel import Locale

__all__ = ["DOMAIN", "SOURCE_LANGUAGE", "available_languages", "negotiate", "translations"]

#: The gettext domain: the catalogues are ``crmcore.po`` / ``crmcore.mo``.
DOMAIN = "crmcore"

#: The language the message ids are written in; it has no catalogue.
SOURCE_LANGUAGE = "en"


def _locale_dir() -> Traversable:
    return resources.files(__package__) / "locale"


@functools.cache
def available_languages() -> frozenset[str]:
    """Return the languages that have a catalogue, plus English.

    Adding a language is adding its ``.po`` file: nothing in the code lists them.
    """
    found = {SOURCE_LANGUAGE}
    for entry in _locale_dir().iterdir():
        messages = entry / "LC_MESSAGES"
        if (messages / f"{DOMAIN}.po").is_file() or (messages / f"{DOMAIN}.mo").is_file():
            found.add(entry.name)
    return frozenset(found)


def negotiate(locale: str | Locale | None) -> str:
    """Return the catalogue language that serves ``locale``.

    Accepts CLDR identifiers with ``_`` or ``-`` (``"uk_UA"``, ``"pl-PL"``) and
    Babel :class:`~babel.Locale` objects. A locale without a catalogue, an
    unknown or malformed identifier and ``None`` all give English.

    >>> negotiate("ru_UA"), negotiate("EL"), negotiate("no-such-thing")
    ('ru', 'el', 'en')
    """
    if locale is None:
        return SOURCE_LANGUAGE
    return _negotiate(str(locale))


@functools.lru_cache(maxsize=256)
def _negotiate(identifier: str) -> str:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - Babel is loaded on first use

    try:
        language = Locale.parse(identifier.strip().replace("-", "_")).language
    except (UnknownLocaleError, ValueError, TypeError):
        return SOURCE_LANGUAGE
    return language if language in available_languages() else SOURCE_LANGUAGE


def translations(locale: str | Locale | None) -> gettext.NullTranslations:
    """Return the gettext translations for ``locale`` (negotiated, cached).

    English, and any locale without a catalogue, gets
    :class:`gettext.NullTranslations`, which returns the English message ids.

    >>> translations("ru").gettext("the value is not text")
    'значение не является текстом'
    >>> translations("sw").gettext("the value is not text")
    'the value is not text'
    """
    return _translations(negotiate(locale))


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    messages = _locale_dir() / language / "LC_MESSAGES"
    mo = messages / f"{DOMAIN}.mo"
    po = messages / f"{DOMAIN}.po"
    if mo.is_file() and not _is_stale(mo, po):
        with mo.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    return _compile_in_memory(po, language)


def _is_stale(mo: Traversable, po: Traversable) -> bool:
    """Tell whether ``po`` was edited after ``mo`` was compiled.

    Only files on disk have modification times; in a zip the ``.mo`` is trusted.
    """
    if isinstance(mo, Path) and isinstance(po, Path) and po.is_file():
        return po.stat().st_mtime > mo.stat().st_mtime
    return False


def _compile_in_memory(po: Traversable, language: str) -> gettext.NullTranslations:
    """Compile a ``.po`` with Babel into an in-memory ``.mo`` (source trees only)."""
    from babel.messages import mofile, pofile  # noqa: PLC0415 - only without a built .mo

    with po.open("rb") as stream:
        catalog = pofile.read_po(stream, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
