"""The plain, general algorithms that the fast ones of names and text must equal.

These are the steps of company and person names as first written: every
candidate run of words at each end of a name keyed and looked up, with no
index of stems to stop early; every character looked at one by one; every
round of tidying run until nothing changes. The tests compare the
library's steps with them on generated names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from crmcore.standardize import texts
from crmcore.standardize._legal_forms import (
    Descriptor,
    LegalForm,
    Match,
    Position,
    _limits,
    descriptors,
    form_key,
    forms,
)
from crmcore.standardize._name_tables import tables
from crmcore.standardize._quotes import (
    _TO_ASCII,
    DOUBLE_QUOTES,
    QUOTES,
    _role,
    is_wrapped,
    unwrap,
)

_SEPARATORS = frozenset(" ,;")
_WORD = re.compile(r"[^ ,;]+")


@functools.cache
def _form_index() -> dict[Position, dict[str, tuple[LegalForm, ...]]]:
    index: dict[Position, dict[str, list[LegalForm]]] = {"prefix": {}, "suffix": {}}
    for form in forms():
        keys = {form_key(w) for w in (form.abbreviation, form.name, *form.variants)}
        for end in form.detect:
            for key in sorted(keys):
                index[end].setdefault(key, []).append(form)
    return {end: {k: tuple(v) for k, v in keys.items()} for end, keys in index.items()}


@functools.cache
def _descriptor_index() -> dict[str, Descriptor]:
    index: dict[str, Descriptor] = {}
    for descriptor in descriptors():
        for written in (descriptor.abbreviation, descriptor.name, *descriptor.variants):
            index.setdefault(form_key(written), descriptor)
    return index


def _suffix_starts(text: str) -> list[int]:
    most_words, most_chars = _limits()
    offset = max(0, len(text) - most_chars)
    starts = [m.start() for m in _WORD.finditer(text, offset)]
    if offset and starts and starts[0] == offset and text[offset - 1] not in _SEPARATORS:
        starts = starts[1:]
    return starts[::-1][:most_words]


def _prefix_ends(text: str) -> list[int]:
    most_words, most_chars = _limits()
    ends = []
    for match in _WORD.finditer(text, 0, most_chars):
        end = match.end()
        if end == most_chars < len(text) and text[end] not in _SEPARATORS:
            break
        ends.append(end)
        if len(ends) == most_words:
            break
    return ends


def _clean_candidate(candidate: str) -> str | None:
    if not (candidate[0].isalnum() and (candidate[-1].isalnum() or candidate[-1] in ".)")):
        return None
    if not QUOTES.isdisjoint(candidate):
        return None
    return form_key(candidate) or None


def find_forms(text: str) -> list[Match]:
    """Find the longest legal form at the start and at the end of ``text``."""
    index = _form_index()
    matches: list[Match] = []
    for start in _suffix_starts(text):
        if start == 0:
            continue
        key = _clean_candidate(text[start:])
        if key and key in index["suffix"]:
            best = Match(index["suffix"][key], "suffix", text[:start], len(key))
            if not matches or best.key_length >= matches[-1].key_length:
                matches[-1:] = [best]
    suffix = matches[:1]
    prefix: list[Match] = []
    for end in _prefix_ends(text):
        if end == len(text):
            continue
        key = _clean_candidate(text[:end])
        if key and key in index["prefix"]:
            prefix = [Match(index["prefix"][key], "prefix", text[end:], len(key))]
    return suffix + prefix


def find_descriptor(text: str) -> tuple[Descriptor, str] | None:
    """Find a trade descriptor at the start of ``text``; return it and the rest."""
    index = _descriptor_index()
    found = None
    for end in _prefix_ends(text):
        if end == len(text):
            continue
        key = _clean_candidate(text[:end])
        if key and key in index:
            found = (index[key], text[end:])
    return found


def is_written_form(text: str) -> bool:
    """Tell whether the key of the whole of ``text`` is that of a form or descriptor."""
    written = [w for f in forms() for w in (f.abbreviation, f.name, *f.variants)]
    written += [w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)]
    return form_key(text) in {form_key(w) for w in written}


# --- Company names: the steps as first written --------------------------------

_EDGE_PUNCTUATION = " ,;:-"
_FORBIDDEN = frozenset("<>{}\\|^~")


def tidy(text: str) -> str:
    """Strip edge punctuation and wrapping quotes until nothing changes."""
    previous = None
    while text != previous:
        previous = text
        text = unwrap(text.strip(_EDGE_PUNCTUATION))
    return text


def final_name(text: str) -> str:
    """Tidy ``text`` and write its quotation marks in the one standard way."""
    previous = None
    while text != previous:
        previous = text
        text = tidy(normalize_inner(tidy(text)))
        if '"' in text and not is_wrapped(f'"{text}"'):
            text = text.replace('"', "")
        text = texts._clean(text, homoglyphs=True)
    return text


def normalize_inner(text: str) -> str:
    """Return ``text`` with every double mark as ``"`` and every single mark as ``'``."""
    return text.translate(_TO_ASCII)


def company_characters_allowed(text: str) -> bool:
    """Tell whether the company-name check lets every character of ``text`` pass."""
    return all(
        char not in _FORBIDDEN and unicodedata.category(char) not in {"Cc", "Co", "Cs", "Cn"}
        for char in text
    )


def drop_unpaired(text: str) -> str:
    """Remove double quotation marks that have no partner, looking at every character."""
    stack: list[tuple[int, bool]] = []
    unpaired: set[int] = set()
    for i, char in enumerate(text):
        if char not in DOUBLE_QUOTES:
            continue
        guillemet = char in "«»"
        role = _role(text, i)
        if role == "open":
            stack.append((i, guillemet))
        elif role == "close" and stack and stack[-1][1] == guillemet:
            stack.pop()
        else:
            unpaired.add(i)
    unpaired.update(i for i, _ in stack)
    if not unpaired:
        return text
    kept = "".join(c for i, c in enumerate(text) if i not in unpaired)
    return " ".join(kept.split())


# --- Person names: the steps as first written ---------------------------------

_ALLOWED_MARKS = frozenset(" -'.,")


def person_characters_error(text: str) -> str | None:
    """Return the code the person-name check raises for ``text``, or ``None``."""
    if not any(unicodedata.category(c).startswith("L") for c in text):
        return "person_name.no_letters"
    for char in text:
        if not (char in _ALLOWED_MARKS or unicodedata.category(char)[0] in "LM"):
            return "person_name.bad_characters"
    return None


def is_one_case(word: str) -> bool:
    """Tell whether ``word`` has letters and they are all capitals or all small."""
    cased = [c for c in word if c.isupper() or c.islower()]
    return bool(cased) and (all(c.isupper() for c in cased) or all(c.islower() for c in cased))


def name_key(text: str) -> str:
    """Reduce a title or suffix to its key: no case, dots or hyphens; single spaces."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join("".join(c for c in folded if c not in ".-").split())


def take_titles(words: list[str], language: str | None) -> tuple[list[str], list[str]]:
    """Take titles from the front of ``words``, trying every length at every step."""
    found: list[str] = []
    longest = tables().longest_title
    while len(words) > 1:
        for size in range(min(longest, len(words) - 1), 0, -1):
            title = tables().title(name_key(" ".join(words[:size])), language)
            if title is not None:
                found.append(title)
                words = words[size:]
                break
        else:
            break
    return found, words


def take_suffixes(words: list[str]) -> tuple[list[str], list[str]]:
    """Take suffixes (and the commas before them) from the end of ``words``, counting words."""
    found: list[str] = []
    while words and words[-1] == ",":
        words = words[:-1]
    while sum(w != "," for w in words) > 1:
        suffix = tables().suffixes.get(name_key(words[-1]))
        if suffix is None:
            break
        if set(suffix) <= set("IVX") and any(c == "." for c in words[-1][:-1]):
            break  # initials with dots between them
        found.insert(0, suffix)
        words = words[:-1]
        while words and words[-1] == ",":
            words = words[:-1]
    return found, words


def tokens(text: str) -> list[str]:
    """Split into words and comma markers; drop words without letters."""
    words = text.replace(",", " , ").split()
    return [w for w in words if w == "," or any(c.isalpha() for c in w)]


def fix_final_sigma(text: str) -> str:
    """Write Greek sigma as ``ς`` at the end of a word and ``σ`` elsewhere."""
    return re.sub(r"ς(?=\w)", "σ", re.sub(r"(?<=\w)σ(?!\w)", "ς", text))
