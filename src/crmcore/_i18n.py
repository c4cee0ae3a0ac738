"""Gettext catalogues: crmcore's messages and hints in our markets' languages.

Every message and hint crmcore shows people is written in English in the code
and marked with :func:`N_`; the catalogues in
``locale/<language>/LC_MESSAGES/crmcore.po`` beside this module translate them
(Polish, Ukrainian, Russian, Greek and German). The message ids are the
English texts, so English needs no catalogue. A build hook (``hatch_build.py``)
compiles every ``.po`` to a ``.mo`` when a wheel (or an editable install) is
built.

Running from a source tree that was never built has no ``.mo`` files, and an
edited ``.po`` makes its ``.mo`` stale; in both cases the ``.po`` is compiled in
memory with Babel, once per language and process (the result is cached), so
the catalogues work everywhere, only a little slower to load the first time.

>>> translations("pl_PL").gettext("the value is empty")
'wartość jest pusta'
>>> negotiate("uk-UA"), negotiate("el_GR"), negotiate("sw"), negotiate(None)
('uk', 'el', 'en', 'en')
>>> N_("the text is longer than {limit} characters", limit=200).translated(translations("uk"))
'текст задовгий (максимальна кількість символів: 200)'
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

    from babel import Locale

__all__ = [
    "DOMAIN",
    "N_",
    "SOURCE_LANGUAGE",
    "Message",
    "available_languages",
    "negotiate",
    "translations",
]

#: The gettext domain: the catalogues are ``crmcore.po`` / ``crmcore.mo``.
DOMAIN = "crmcore"

#: The language the message ids are written in; it has no catalogue.
SOURCE_LANGUAGE = "en"


class Message(str):  # noqa: SLOT000 - a str subtype cannot have non-empty slots
    """A message's English text that remembers its message id and its values.

    It *is* the English text (a ``str``, equal to it, printed as it), so an
    error holding it reads as before; :meth:`translated` gives it in another
    language: the catalogue translates the message id, then the values are
    put into the translation's ``{placeholders}``.

    Built by :func:`N_`; a message id keeps the values out (they are data, not
    words to translate) and names them by placeholders.

    Attributes:
        msgid: The English message id, placeholders unfilled.
        params: The values for the placeholders (empty for a plain message).

    >>> message = N_("the lease on node {node} was released", node=7)
    >>> message, message.msgid, dict(message.params)
    ('the lease on node 7 was released', 'the lease on node {node} was released', {'node': 7})
    """

    msgid: str
    params: Mapping[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Self:  # noqa: ANN401 - any value prints
        message = super().__new__(cls, msgid.format(**params) if params else msgid)
        message.msgid = msgid
        message.params = params
        return message

    def translated(self, catalogue: gettext.NullTranslations) -> str:
        """Return the message in the catalogue's language (English without one).

        >>> N_("the value is empty").translated(translations("de"))
        'der Wert ist leer'
        """
        text = catalogue.gettext(self.msgid)
        return text.format(**self.params) if self.params else text


def N_(message: str, /, **params: Any) -> Message:  # noqa: ANN401, N802 - the conventional marker name
    """Mark ``message`` as a message id of the catalogues; return it as a :class:`Message`.

    ``pybabel extract`` collects the literal first argument into the
    catalogues. The message stays English where it is used; the catalogues
    translate it on request (see :func:`crmcore.errors.localize`). Values that
    vary go in ``params`` and into ``{placeholders}`` of the message, never
    into the message id itself (an f-string would make a new id per value).

    Args:
        message: The English text, the message id.
        **params: The values of the message's ``{placeholders}``, if any.

    Returns:
        The message, its placeholders filled: the English text.

    >>> N_("the number is smaller than {minimum}", minimum=1)
    'the number is smaller than 1'
    """
    return Message(message, **params)


def _locale_dir() -> Traversable:
    return resources.files("crmcore") / "locale"


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
    from babel import Locale, UnknownLocaleError

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
    from babel.messages import mofile, pofile

    with po.open("rb") as stream:
        catalog = pofile.read_po(stream, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
