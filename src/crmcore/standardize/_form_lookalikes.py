"""Legal forms written in look-alike letters of another script.

A Greek name is often typed with the Latin letters that look like Greek
ones in its legal form (``Ολυμπος A.E.``, ``EΠE`` with a Latin ``E``), and
a Russian or Ukrainian one with Latin ``OOO``, ``AO`` or ``TOB``. Each word
of such a form is in one script, so the repair of mixed-script words does
not reach it; and the form, read in the letters it is written in, is no
form or another country's.

The *script of the name* is the one that has the most letters without a
look-alike (``λ``, ``ж``, ``f``), strictly; a text without such a script is
left alone. At each end of the text, the run of words written wholly in
look-alike letters of other scripts (dots and other marks aside) is written
in the script of the name, letter for letter, and the text is read for a
legal form again. This is a fallback: only a text in which no form is found
as written is read so, and only the words of a form found that way are
rewritten; the name itself is never changed.
"""

from __future__ import annotations

import re

from crmcore.standardize._homoglyphs import _distinctive_counts, _strict_max, _twin, script_of
from crmcore.standardize._legal_forms import find_forms

__all__ = ["has_lookalike_form", "in_script_of_name"]

_SCRIPTS = ["Latin", "Cyrillic", "Greek"]
# The Unicode blocks of Cyrillic and of Greek letters, and any other letter:
# a text with letters of one of the three scripts only has nothing to rewrite.
_CYRILLIC = r"\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_GREEK = r"\u0370-\u03ff\u1f00-\u1fff"
_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC}]")
_GREEK_LETTER = re.compile(f"[{_GREEK}]")
_OTHER_LETTER = re.compile(rf"[^\W\d_{_CYRILLIC}{_GREEK}]")


def _one_script(text: str) -> bool:
    """Whether ``text`` surely holds letters of one script only (a quick test)."""
    cyrillic = _CYRILLIC_LETTER.search(text) is not None
    greek = _GREEK_LETTER.search(text) is not None
    if not (cyrillic or greek):
        return True
    return not (cyrillic and greek) and _OTHER_LETTER.search(text) is None


def _script_of_name(text: str) -> str | None:
    counts = _distinctive_counts(text)
    home = _strict_max(counts, _SCRIPTS)
    return home if home is not None and counts[home] else None


def _rewritten(word: str, home: str) -> str | None:
    """Return ``word`` in the letters of ``home``, if all its letters of other scripts have twins.

    ``None`` when a letter has no look-alike in ``home`` or the word has
    no letter of another script. Letters are replaced one for one, so the
    result has the length of ``word``.
    """
    chars = []
    changed = False
    for char in word:
        script = script_of(char)
        if script is None or script == home:
            chars.append(char)
            continue
        twin = _twin(char, home)
        if twin is None or len(twin) != 1:
            return None
        chars.append(twin)
        changed = True
    return "".join(chars) if changed else None


def _at_end(words: list[str], rewritten: list[str | None], at: str) -> list[str]:
    """Return ``words`` with the words of a form found at end ``at`` rewritten, if any.

    The run of rewritable words at that end is rewritten, the text read
    for a form there; only the words of the form found are kept rewritten.
    """
    candidate = list(words)
    ends = range(len(words) - 1, -1, -1) if at == "suffix" else range(len(words))
    for i in ends:
        again = rewritten[i]
        if again is None:
            if words[i] or at == "prefix":
                break
            continue  # an empty word: two spaces
        candidate[i] = again
    if candidate == words:
        return words
    joined = " ".join(candidate)
    found = [m for m in find_forms(joined) if m.at == at]
    if not found:
        return words
    # The form is text[form_start:form_end]; rewrite its words, and only those.
    form_start = len(found[0].rest) if at == "suffix" else 0
    form_end = len(joined) if at == "suffix" else len(joined) - len(found[0].rest)
    result = list(words)
    offset = 0
    for i, word in enumerate(words):
        if form_start <= offset and offset + len(word) <= form_end:
            result[i] = candidate[i]
        offset += len(word) + 1
    return result


def in_script_of_name(text: str) -> str:
    """Return ``text`` with a legal form in look-alike letters written in the name's script.

    >>> in_script_of_name("Ολυμπος A.E.")  # Latin A and E
    'Ολυμπος Α.Ε.'
    >>> in_script_of_name("AO «Ромашка»")  # Latin A and O
    'АО «Ромашка»'
    >>> in_script_of_name("Olympus A.E."), in_script_of_name("Ολυμπος ABC")
    ('Olympus A.E.', 'Ολυμπος ABC')
    """
    if text.isascii() or _one_script(text):
        return text  # one script, or none
    home = _script_of_name(text)
    if home is None:
        return text
    words = text.split(" ")
    rewritten = [_rewritten(word, home) for word in words]
    if not any(rewritten) or find_forms(text):
        return text  # nothing to rewrite, or a form as written: this is a fallback
    suffix = _at_end(words, rewritten, "suffix")
    prefix = _at_end(words, rewritten, "prefix")
    return " ".join(p if p != w else s for w, s, p in zip(words, suffix, prefix, strict=True))


def has_lookalike_form(text: str) -> bool:
    """Tell whether ``text`` holds a legal form only once written in the name's script.

    Such a name, written bare in a canonical text, would be read with that
    form; it is quoted instead.

    >>> has_lookalike_form("ET т"), has_lookalike_form("ЕТ т"), has_lookalike_form("Acme")
    (True, False, False)
    """
    return in_script_of_name(text) != text
