"""Company names of the common shapes, read in one pass.

Nearly every company name is a name and a legal form, the form before or
after it, with at most a trade descriptor in front and one pair of quotation
marks around the name: ``Müller & Söhne GmbH``, ``ТОВ «Ромашка»``,
``„Mazur” sp. z o.o.``, ``PHU „Mazur” Sp. z o.o.``. :func:`read` recognises
these shapes from one split of the text into words and gives the parts that
:func:`crmcore.standardize._company.parse` gives; anything else (commas,
marks inside the name, forms at both ends or at neither, a name that may be
refused) is left to that general reading, which stays the reference. The
comments say which step of the general reading each step stands for and
why the two agree on the shapes taken; a Hypothesis property checks that
they do (``tests/standardize/test_company_shapes.py``).

What makes the shapes cheap is what the text is known to be:

* *clean*: :func:`~crmcore.standardize._text_clean.is_clean` proves that
  cleaning gives the text back. Cleaning works character by character (the
  translation), word by word (homoglyphs are repaired within runs of
  letters, and a clean text has no word of mixed scripts) and between stable
  characters (Unicode normalisation never reaches across a space or a
  quotation mark, which compose with nothing). So a piece of clean text cut
  at spaces or quotation marks, without spaces at its ends, is clean too.
* *quoted once*: the only double quotation marks are one pair around the
  name. Cleaning writes each of them ``"`` and changes nothing else (they
  are stable characters, as ``"`` is), so the cleaned text is the text with
  the pair written ``"``. The first mark opens (it starts the text or
  follows a space, and a letter follows it) and the second closes (it
  follows the name and ends the text or comes before a space), so no mark
  is unpaired, and tidying unwraps the name alone.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from crmcore.standardize import _company
from crmcore.standardize._company import CompanyName
from crmcore.standardize._form_lookalikes import has_lookalike_form
from crmcore.standardize._form_words import (
    descriptor_at_start,
    fits,
    form_at_end,
    form_at_start,
    written_key,
)
from crmcore.standardize._legal_forms import (
    ENDS_FORM,
    STARTS_DESCRIPTOR,
    STARTS_FORM,
    STARTS_WRITTEN,
    Word,
    _descriptor_index,
    word,
)
from crmcore.standardize._quotes import DOUBLE_QUOTES, QUOTES
from crmcore.standardize._text_clean import is_clean

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.standardize._legal_forms import LegalForm

__all__ = ["Parts", "read", "standardize"]

#: The fields of a :class:`~crmcore.standardize._company.CompanyName`, in order.
Parts = tuple[str, str | None, str | None, str | None, str | None, str | None]

_EDGE_PUNCTUATION = " ,;:-"
_FORBIDDEN = "<>{}\\|^~"
#: Characters outside the shapes: every quotation mark but the apostrophe,
#: the separators that make words other than spaces do, forbidden characters.
_OUTSIDE = "".join(sorted((QUOTES - {"'"}) | set(",;") | set(_FORBIDDEN)))
_MARKS = re.compile(f"[{re.escape(_OUTSIDE)}]")
_PLAIN = f"[^{re.escape(_OUTSIDE)}]+"
_DOUBLE = f"[{re.escape(''.join(sorted(DOUBLE_QUOTES)))}]"
#: One pair of double marks around a name, with text before it, after it or both.
_QUOTED = re.compile(
    f"(?:(?P<before>{_PLAIN}) )?{_DOUBLE}(?P<core>{_PLAIN}){_DOUBLE}(?: (?P<after>{_PLAIN}))?"
)


def _plain_ends(first: str, last: str) -> bool:
    """Tell whether tidying leaves a piece starting with ``first`` and ending with ``last``.

    Tidying strips edge punctuation and unwraps a text that starts with a
    quotation mark; the only marks of the shapes that may start a piece are
    apostrophes. (Rewriting marks changes none but ``'`` and ``"``, which no
    piece holds.)
    """
    return (
        first not in _EDGE_PUNCTUATION
        and last not in _EDGE_PUNCTUATION
        and first != "'"
        and last != "'"
    )


def _ambiguous(words: Sequence[Word]) -> bool:
    """As ``_company._is_ambiguous`` of the text of ``words``.

    (The stems of the first and last words are looked at here, before any
    call: most names start and end with words that start and end no key.)
    """
    first, last = words[0], words[-1]
    if last[3] and last[4] & ENDS_FORM and form_at_end(words, 0, len(words)) is not None:
        return True
    if not first[4] & (STARTS_FORM | STARTS_WRITTEN):
        return False
    if first[2] and first[4] & STARTS_FORM and form_at_start(words, 0, len(words)) is not None:
        return True
    key = written_key(words, 0, len(words))
    return key is not None and key in _company.form_keys()


def _cleaned(text: str) -> tuple[str, tuple[str, int, int] | None] | None:
    """Return the clean text of a shape and, in a quoted shape, the name in the marks.

    The name comes with the indexes of its first word and of the word after
    its last, among the words of the clean text.
    """
    if _MARKS.search(text) is None:
        cleaned, marks = text, None
    else:
        shape = _QUOTED.fullmatch(text)
        if shape is None:
            return None
        before, core, after = shape.group("before", "core", "after")
        if (before is None and after is None) or not _plain_ends(core[0], core[-1]):
            return None  # a quoted name alone (no form to find), or marks to tidy
        cleaned = f'"{core}"'
        start = 0
        if before is not None:
            cleaned = f"{before} {cleaned}"
            start = before.count(" ") + 1
        if after is not None:
            cleaned = f"{cleaned} {after}"
        marks = (core, start, start + core.count(" ") + 1)
    # parse: cleaning and dropping unpaired marks give ``cleaned`` (see the
    # module docstring); tidying keeps it (its ends are no edge punctuation,
    # and it starts with a mark only when it ends with none); no forbidden
    # character is left for the check of characters to find.
    if (
        not cleaned
        or cleaned[0] in _EDGE_PUNCTUATION
        or cleaned[-1] in _EDGE_PUNCTUATION
        or not is_clean(cleaned)
    ):
        return None
    return cleaned, marks


def _form_run(words: list[Word]) -> tuple[tuple[LegalForm, ...], int, int] | None:
    """Return the candidates of the one legal form at an end, and the run of the rest.

    As ``parse`` refusing a form or descriptor alone, then ``find_forms``
    and ``_choose``, where a form is found at one end only.
    """
    count = len(words)
    first, last = words[0], words[-1]
    if first[4] & STARTS_WRITTEN:
        key = written_key(words, 0, count)
        if key is not None and (key in _company.form_keys() or key in _descriptor_index().found):
            return None  # refused
    suffix = form_at_end(words, 0, count) if last[3] and last[4] & ENDS_FORM else None
    prefix = form_at_start(words, 0, count) if first[2] and first[4] & STARTS_FORM else None
    if suffix is not None:
        return None if prefix is not None else (suffix[0], 0, suffix[1])
    return None if prefix is None else (prefix[0], prefix[1], count)


class Reading(NamedTuple):
    """What a reading gives."""

    #: The parts, as :func:`~crmcore.standardize._company.parse` gives them.
    parts: Parts
    #: Their canonical text.
    rendered: str
    #: The tokens of the name.
    tokens: list[str]
    #: What :func:`~._legal_forms.word` tells of each token.
    words: list[Word]


def read(text: str, country: str | None) -> Reading | None:
    """Return the parts :func:`~crmcore.standardize._company.parse` gives, and more.

    With the parts come their canonical text (what
    :func:`~crmcore.standardize._company.render` writes) and the words of
    the name (its tokens and what :func:`~._legal_forms.word` tells of each).
    ``None`` means only that ``text`` is not of a shape read here.
    """
    shape = _cleaned(text)
    if shape is None:
        return None
    cleaned, marks = shape
    tokens = cleaned.split(" ")
    if not fits(cleaned, len(tokens)):
        return None
    return _read_words(tokens, [word(token) for token in tokens], marks, country)


def _read_words(  # noqa: C901, PLR0912 - one test per step of the general reading
    tokens: list[str],
    words: list[Word],
    marks: tuple[str, int, int] | None,
    country: str | None,
) -> Reading | None:
    """Do the work of :func:`read` on the words of the clean text of a shape."""
    run = _form_run(words)
    if run is None:
        return None  # no form (read with more care), one at each end, or only a form
    candidates, lo, hi = run
    form = _company.resolve(candidates, country)
    abbreviation = candidates[0].abbreviation if form is None else form.abbreviation
    form_country = None if form is None else form.country
    # _descriptor(rest), then _final_name of the rest after the descriptor.
    descriptor = None
    if marks is not None:
        core, start, end = marks
        if (lo, hi) == (0, end) and start:
            # Words before the marks, the form after them: only a descriptor
            # that is all of the words before the marks (PHU "Mazur" sp. z o.o.)
            # leaves the name in them; else the name keeps its marks.
            found = descriptor_at_start(words, 0, end)
            if found is None or found[1] != start:
                return None
            if not _company.descriptors_apply(found[0], form_country, country):
                return None
            descriptor = found[0].abbreviation
        elif (lo, hi) != (start, end):
            return None  # the form is not all that stands outside the marks
        # The rest, tidied, is the name in the marks.
        tokens = core.split(" ")
        words = [word(token) for token in tokens]
        lo, hi = 0, len(tokens)
    elif not _plain_ends(tokens[lo][0], tokens[hi - 1][-1]):
        return None  # edge punctuation or an apostrophe to tidy at an end of the rest
    if descriptor is None:
        found = descriptor_at_start(words, lo, hi) if words[lo][4] & STARTS_DESCRIPTOR else None
        if found is not None and _company.descriptors_apply(found[0], form_country, country):
            descriptor = found[0].abbreviation
            lo = found[1]
            if not _plain_ends(tokens[lo][0], tokens[hi - 1][-1]):
                return None
        else:
            # Looked for again in the name, the descriptor is the one found
            # above; a name written like a descriptor alone may be refused.
            key = written_key(words, lo, hi) if words[lo][4] & STARTS_WRITTEN else None
            if key is not None and key in _descriptor_index().found:
                return None
    # The name is a run of whole words of clean text: _final_name keeps it.
    tokens, words = tokens[lo:hi], words[lo:hi]
    name = " ".join(tokens)
    if not name[0].isalnum() and not any(c.isalnum() for c in name):
        return None  # refused: no letters or digits
    rendered = _company.render_parts(
        name,
        abbreviation,
        None,
        form_country,
        descriptor,
        ambiguous=_ambiguous(words) or has_lookalike_form(name),
    )
    parts = (
        name,
        abbreviation,
        None if form is None else form.name,
        None if form is None else form.elf_code,
        form_country,
        descriptor,
    )
    return Reading(parts, rendered, tokens, words)


@functools.lru_cache(maxsize=1024)
def _plain_written(text: str) -> tuple[list[str], list[Word]] | None:
    """Return the tokens and words of a written form or descriptor of the table, if plain.

    Plain: clean, without the marks and separators outside the shapes, with
    no edge punctuation or apostrophe at its ends. (Asked of the canonical
    abbreviations only: a small key space.)
    """
    if _MARKS.search(text) is not None or not is_clean(text) or not _plain_ends(text[0], text[-1]):
        return None
    tokens = text.split(" ")
    return tokens, [word(token) for token in tokens]


def _read_again(rendered: str, reading: Reading, country: str | None) -> Parts | None:
    """Return the parts ``parse`` gives for ``rendered``, the canonical text of ``reading``.

    Unless the name is quoted, the canonical text is the words of the name
    and the canonical abbreviations of the form and descriptor, joined by
    spaces: the words of the name are read again as they are, without a
    second split. The canonical text is clean as the words of the name are:
    its pieces are clean, none has a word of mixed scripts and a space joins
    them, which cleaning keeps and which joins no letters into a word.
    """
    parts, _, tokens, words = reading
    form = _plain_written(parts[1]) if parts[1] is not None else None
    descriptor = _plain_written(parts[5]) if parts[5] is not None else ([], [])
    if form is None or descriptor is None:
        again = read(rendered, country)
        return None if again is None else again.parts
    # The order of render_parts: the form after the name or before it.
    joined = [*descriptor[0], *tokens, *form[0]]
    if " ".join(joined) == rendered:
        joined_words = [*descriptor[1], *words, *form[1]]
    else:
        joined = [*form[0], *descriptor[0], *tokens]
        if " ".join(joined) != rendered:
            again = read(rendered, country)  # the name is quoted
            return None if again is None else again[0]
        joined_words = [*form[1], *descriptor[1], *words]
    if not fits(rendered, len(joined)):
        return None
    again = _read_words(joined, joined_words, None, country)
    return None if again is None else again[0]


def standardize(text: str, *, raw: object, country: str | None) -> CompanyName:
    """Return what ``_company.canonical(_company.parse(text))`` returns.

    The common shapes are read by :func:`read`, and so is their canonical
    text when it differs from ``text``: a reading that gives the same parts
    ends the rounds of :func:`~crmcore.standardize._company.canonical` at the
    first. Anything else takes the general way.
    """
    reading = read(text, country)
    if reading is None:
        value = _company.parse(text, raw=raw, country=country)
        return _company.canonical(value, raw=raw, country=country, text=text)
    parts, rendered, _, _ = reading
    name, legal_form, legal_form_name, elf_code, form_country, descriptor = parts
    value = CompanyName(
        name=name,
        legal_form=legal_form,
        legal_form_name=legal_form_name,
        elf_code=elf_code,
        country=form_country,
        descriptor=descriptor,
    )
    if rendered != text and _read_again(rendered, reading, country or form_country) != parts:
        return _company.canonical(value, raw=raw, country=country, text=text)
    return value
