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

import re
from typing import TYPE_CHECKING

from crmcore.standardize import _company
from crmcore.standardize._company import CompanyName
from crmcore.standardize._form_words import (
    descriptor_at_start,
    fits,
    form_at_end,
    form_at_start,
    written_key,
)
from crmcore.standardize._legal_forms import _descriptor_index, word
from crmcore.standardize._quotes import DOUBLE_QUOTES, QUOTES
from crmcore.standardize._text_clean import is_clean

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.standardize._legal_forms import LegalForm, Word

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


def _ambiguous(words: Sequence[Word], lo: int, hi: int) -> bool:
    """As ``_company._is_ambiguous`` of the text of ``words[lo:hi]``."""
    if form_at_end(words, lo, hi) is not None or form_at_start(words, lo, hi) is not None:
        return True
    key = written_key(words, lo, hi)
    return key is not None and key in _company.form_keys()


def _cleaned(text: str) -> tuple[str, str | None, int, int] | None:
    """Return the clean text of a shape, and the name in marks with its first and past-last word.

    Without marks, the name is ``None`` (and the words ``0, 0``).
    """
    if _MARKS.search(text) is None:
        cleaned, core, start, end = text, None, 0, 0
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
        end = start + core.count(" ") + 1
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
    return cleaned, core, start, end


def _form_run(words: list[Word]) -> tuple[tuple[LegalForm, ...], int, int] | None:
    """Return the candidates of the one legal form at an end, and the run of the rest.

    As ``parse`` refusing a form or descriptor alone, then ``find_forms``
    and ``_choose``, where a form is found at one end only.
    """
    count = len(words)
    key = written_key(words, 0, count)
    if key is not None and (key in _company.form_keys() or key in _descriptor_index().found):
        return None  # refused
    suffix = form_at_end(words, 0, count)
    prefix = form_at_start(words, 0, count)
    if suffix is not None:
        return None if prefix is not None else (suffix[0], 0, suffix[1])
    return None if prefix is None else (prefix[0], prefix[1], count)


def read(text: str, country: str | None) -> tuple[Parts, str] | None:  # noqa: C901, PLR0911, PLR0912 - one test per step of the general reading
    """Return the parts :func:`~crmcore.standardize._company.parse` gives, and their text.

    The text is the canonical text of the parts (what
    :func:`~crmcore.standardize._company.render` writes). ``None`` means
    only that ``text`` is not of a shape read here.
    """
    shape = _cleaned(text)
    if shape is None:
        return None
    cleaned, core, start, end = shape
    tokens = cleaned.split(" ")
    if not fits(cleaned, len(tokens)):
        return None
    words = [word(token) for token in tokens]
    run = _form_run(words)
    if run is None:
        return None  # no form (read with more care), one at each end, or only a form
    candidates, lo, hi = run
    form = _company.resolve(candidates, country)
    abbreviation = candidates[0].abbreviation if form is None else form.abbreviation
    form_country = None if form is None else form.country
    # _descriptor(rest), then _final_name of the rest after the descriptor.
    descriptor = None
    if core is not None:
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
        found = descriptor_at_start(words, lo, hi)
        if found is not None and _company.descriptors_apply(found[0], form_country, country):
            descriptor = found[0].abbreviation
            lo = found[1]
            if not _plain_ends(tokens[lo][0], tokens[hi - 1][-1]):
                return None
        else:
            # Looked for again in the name, the descriptor is the one found
            # above; a name written like a descriptor alone may be refused.
            key = written_key(words, lo, hi)
            if key is not None and key in _descriptor_index().found:
                return None
    # The name is a run of whole words of clean text: _final_name keeps it.
    name = " ".join(tokens[lo:hi])
    if not name[0].isalnum() and not any(c.isalnum() for c in name):
        return None  # refused: no letters or digits
    rendered = _company.render_parts(
        name, abbreviation, None, form_country, descriptor, ambiguous=_ambiguous(words, lo, hi)
    )
    return (
        (
            name,
            abbreviation,
            None if form is None else form.name,
            None if form is None else form.elf_code,
            form_country,
            descriptor,
        ),
        rendered,
    )


def standardize(text: str, *, raw: object, country: str | None) -> CompanyName:
    """Return what ``_company.canonical(_company.parse(text))`` returns.

    The common shapes are read by :func:`read`, and so is their canonical
    text when it differs from ``text``: a reading that gives the same parts
    ends the rounds of :func:`~crmcore.standardize._company.canonical` at the
    first. Anything else takes the general way.
    """
    found = read(text, country)
    if found is None:
        value = _company.parse(text, raw=raw, country=country)
        return _company.canonical(value, raw=raw, country=country, text=text)
    parts, rendered = found
    name, legal_form, legal_form_name, elf_code, form_country, descriptor = parts
    value = CompanyName(
        name=name,
        legal_form=legal_form,
        legal_form_name=legal_form_name,
        elf_code=elf_code,
        country=form_country,
        descriptor=descriptor,
    )
    if rendered != text:
        again = read(rendered, country or form_country)
        if again is None or again[0] != parts:
            return _company.canonical(value, raw=raw, country=country, text=text)
    return value
