"""The words of a person's name, titles and suffixes taken off, split into its parts.

A part is words joined by single spaces; the parts are ``given``, ``middle``,
``patronymic`` and ``family``. Besides the parts, the natural order (no comma)
tells whether the order of the words was uncertain (see
:func:`crmcore.standardize._name_order.family_first`).

Initials written together (``О.П.``) are split into one word each. In
Cyrillic, the last of the initials that follow a given name or its initial is
the patronymic's (``О. П. Бондаренко``: ``П.`` is for ``Петрович``), as East
Slavic names have no middle names; in other scripts it is a middle initial.
"""

from __future__ import annotations

from crmcore.standardize._name_order import family_first, initials, is_cyrillic, is_initial
from crmcore.standardize._name_tables import is_given_name, is_patronymic, tables

__all__ = ["Parts", "split_formal", "split_natural"]

#: The parts of a name by their field names.
Parts = dict[str, str | None]


def _join(words: list[str]) -> str | None:
    return " ".join(words) or None


def _expanded(words: list[str]) -> list[str]:
    """Return ``words`` with initials written together split (``O.P.`` -> ``O.``, ``P.``)."""
    out: list[str] = []
    for word in words:
        found = initials(word) if "." in word else None
        out.extend(found or (word,))
    return out


def _is_particle(word: str) -> bool:
    return word.casefold() in tables().particles


def _family_start(words: list[str]) -> int:
    """Index where the family name (with its particles) starts in ``words``."""
    start = len(words) - 1
    while start > 0 and _is_particle(words[start - 1]):
        start -= 1
    return start


def _with_patronymic_initial(parts: Parts) -> Parts:
    """Move a Cyrillic initial at the end of the middle names to the patronymic."""
    middle = parts.get("middle")
    if middle is None or parts.get("patronymic") is not None:
        return parts
    *before, last = middle.split(" ")
    if is_initial(last) and is_cyrillic(last):
        return parts | {"middle": _join(before), "patronymic": last}
    return parts


def _by_initials(words: list[str]) -> Parts | None:
    """Split names of initials and a family name, on either side; else ``None``.

    ``J. R. Tolkien``, ``О. П. Бондаренко``, ``Bondarenko O. P.``; not a known
    given name followed by the initial of a family name (``Anna K.``).
    """
    mask = [is_initial(w) for w in words]
    if all(mask) or not any(mask):
        return None
    lead = mask.index(False)
    if lead and not any(mask[lead:]):
        rest = words[lead:]
        start = _family_start(rest)
        return {
            "given": words[0],
            "middle": _join(words[1:lead] + rest[:start]),
            "family": _join(rest[start:]),
        }
    trail = mask[::-1].index(False)
    rest = words[:-trail] if trail else []
    if (
        rest
        and not any(mask[: len(rest)])
        and _family_start(rest) == 0
        and not (len(rest) == 1 and is_given_name(rest[0]))
    ):
        return {
            "given": words[len(rest)],
            "middle": _join(words[len(rest) + 1 :]),
            "family": _join(rest),
        }
    return None


def _family_led(words: list[str]) -> tuple[Parts, bool] | None:
    """Split a name led by the particles of its family name (``von Bülow Hans``)."""
    lead = 0
    while lead < len(words) and _is_particle(words[lead]):
        lead += 1
    if not lead or len(words) - lead < 2:  # a family name and a given name
        return None
    first, uncertain = family_first(words[lead:])
    if not first:
        return None
    parts = {
        "family": _join(words[: lead + 1]),
        "given": words[lead + 1],
        "middle": _join(words[lead + 2 :]),
    }
    return parts, uncertain


def _may_hold_initials(words: list[str]) -> bool:
    """Tell whether a word of ``words`` may be an initial (most names have none)."""
    return min(map(len, words)) == 1 or "." in "".join(words)


def _split_words(  # one return per shape of name
    words: list[str], *, titled: bool, initialled: bool
) -> tuple[Parts, bool]:
    n = len(words)
    if n == 1:
        return {"family" if titled else "given": words[0]}, False
    # The last word between the first and the last that has the shape of a patronymic.
    i = (
        next((i for i in range(n - 2, 0, -1) if is_patronymic(words[i])), 0) if n > 2 else 0
    )  # a word between two
    if i:
        return {
            "given": words[0],
            "middle": _join(words[1:i]),
            "patronymic": words[i],
            "family": _join(words[i + 1 :]),
        }, False
    if is_patronymic(words[-1]):
        if n == 2:  # "Іван Петрович": given name and patronymic
            return {"given": words[0], "patronymic": words[1]}, False
        return {
            "family": words[0],
            "given": words[1],
            "middle": _join(words[2:-1]),
            "patronymic": words[-1],
        }, False
    shaped = _by_initials(words) if initialled else None
    if shaped is not None:
        return shaped, False
    led = _family_led(words) if _is_particle(words[0]) else None
    if led is not None:
        return led
    start = _family_start(words)
    if start == 0:
        return {"family": _join(words)}, False
    if start < n - 1:  # particles before the last word mark the family name
        return {
            "given": words[0],
            "middle": _join(words[1:start]),
            "family": _join(words[start:]),
        }, False
    # Initials after two words or more are of the given name or the
    # patronymic: the order is told by the words before them.
    trail = (
        next((k for k in range(n - 2) if not is_initial(words[n - 1 - k])), n - 2)
        if initialled
        else 0
    )
    core, initial = words[: n - trail], words[n - trail :]
    first, uncertain = family_first(core)
    if first:
        parts = {"family": core[0], "given": core[1], "middle": _join(core[2:] + initial)}
    else:
        parts = {"given": core[0], "middle": _join(core[1:-1] + initial), "family": core[-1]}
    return parts, uncertain


def split_natural(words: list[str], *, titled: bool) -> tuple[Parts, bool]:
    """Split the words of a name written without a comma.

    Args:
        words: The words, titles and suffixes taken off (at least one).
        titled: Whether a title was taken off (a single word is then the
            family name: ``Pan Kowalski``).

    Returns:
        The parts, and whether the order of the words was uncertain.
    """
    if not _may_hold_initials(words):
        return _split_words(words, titled=titled, initialled=False)
    parts, uncertain = _split_words(_expanded(words), titled=titled, initialled=True)
    return _with_patronymic_initial(parts), uncertain


def split_formal(head: list[str], tail: list[str]) -> Parts:
    """Split a name written ``Family, Given Middle`` (``Vries, Jan de``).

    Particles at the end of ``tail`` belong to the family name.
    """
    tail = _expanded(tail)
    cut = len(tail)
    while cut > 1 and _is_particle(tail[cut - 1]):
        cut -= 1
    head, tail = [*tail[cut:], *head], tail[:cut]
    parts: Parts = {"family": _join(head)}
    if len(tail) > 1 and is_patronymic(tail[-1]):
        parts |= {"given": tail[0], "middle": _join(tail[1:-1]), "patronymic": tail[-1]}
    elif tail:
        parts |= {"given": tail[0], "middle": _join(tail[1:])}
    return _with_patronymic_initial(parts)
