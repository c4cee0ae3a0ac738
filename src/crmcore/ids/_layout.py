"""The layout of a customer number: prefix, widths and separator."""

from __future__ import annotations

import unicodedata

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError
from crmcore.ids._damm import check_digit

__all__ = ["DEFAULT_LAYOUT", "CustomerNumberLayout"]

#: Digits of the moment: YYYYMMDD then HHMMSS, in UTC.
MOMENT_WIDTH = 14
_MAX_PREFIX = 4
_MAX_SEPARATOR = 3
#: The widths a layout accepts, and why another is refused, per field.
_WIDTHS = {"node_width": range(1, 7), "sequence_width": range(1, 6)}
_OUT_OF_RANGE = {
    "node_width": N_("the node width is out of range"),
    "sequence_width": N_("the sequence width is out of range"),
}
_EXAMPLE_DIGITS = "20250314093015"


def _bad_layout(field: str, value: object, message: str, hint: str) -> ConfigurationError:
    return ConfigurationError(
        message, code="customer_number.bad_layout", field=field, value=value, hint=hint
    )


def _check_prefix(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    hint = N_("up to {limit} capital Latin letters, such as 'C' or 'KH', or ''", limit=_MAX_PREFIX)
    if not (
        isinstance(value, str)
        and len(value) <= _MAX_PREFIX
        and all("A" <= char <= "Z" for char in value)
    ):
        raise _bad_layout(
            attribute.name, value, N_("the prefix must be capital Latin letters"), hint
        )


def _is_separator(text: str) -> bool:
    # Punctuation, symbols and spaces that stay so when input is normalised
    # (NFKC): "™" would turn into letters and could not be read back.
    return all(
        unicodedata.category(char)[0] in "PSZ"
        for char in text + unicodedata.normalize("NFKC", text)
    )


def _check_separator(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not (isinstance(value, str) and len(value) <= _MAX_SEPARATOR and _is_separator(value)):
        raise _bad_layout(
            attribute.name,
            value,
            N_("the separator must be punctuation, symbols or spaces"),
            N_("'-', ' ', '.', '/' or '' (at most three characters, no letters or digits)"),
        )


def _check_width(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    widths = _WIDTHS[attribute.name]
    if type(value) is not int or value not in widths:
        raise _bad_layout(
            attribute.name,
            value,
            _OUT_OF_RANGE[attribute.name],
            N_("a whole number from {low} to {high}", low=widths.start, high=widths.stop - 1),
        )


@attrs.frozen(kw_only=True)
class CustomerNumberLayout:
    """How a customer number is laid out: prefix, node and sequence widths, separator.

    A customer number is, in this order: the prefix (letters, optional), the
    UTC moment of issue to the second (``YYYYMMDDHHMMSS``), the node that
    issued it (``node_width`` digits), the sequence within that second and node
    (``sequence_width`` digits), and one Damm check digit. Its canonical form
    has no separators; :func:`~crmcore.ids.format` puts ``separator`` between
    the groups for reading aloud.

    Attributes:
        prefix: Capital Latin letters put in front (at most 4), ``""`` for none.
        separator: What :func:`~crmcore.ids.format` puts between the groups.
        node_width: Digits of the node: ``10**node_width`` independent issuers.
        sequence_width: Digits of the sequence: a node issues up to
            ``10**sequence_width`` numbers a second before it borrows the next.

    Raises:
        ConfigurationError: A field is out of range (code
            ``customer_number.bad_layout``).

    >>> layout = CustomerNumberLayout(prefix="C", node_width=2, sequence_width=4)
    >>> layout.length, layout.max_node, layout.per_second
    (22, 99, 10000)
    >>> layout.example
    'C-20250314-093015-07-0000-7'
    """

    prefix: str = attrs.field(default="", validator=_check_prefix)
    separator: str = attrs.field(default="-", validator=_check_separator)
    node_width: int = attrs.field(default=3, validator=_check_width)
    sequence_width: int = attrs.field(default=5, validator=_check_width)

    @property
    def digits(self) -> int:
        """The number of digits after the prefix, check digit included."""
        return MOMENT_WIDTH + self.node_width + self.sequence_width + 1

    @property
    def length(self) -> int:
        """The length of the canonical (compact) form, prefix included."""
        return len(self.prefix) + self.digits

    @property
    def max_node(self) -> int:
        """The highest node id this layout can hold."""
        return int(10**self.node_width) - 1

    @property
    def per_second(self) -> int:
        """How many numbers one node can issue in one second of the clock."""
        return int(10**self.sequence_width)

    @property
    def example(self) -> str:
        """An example number in this layout, grouped for reading (node 7, sequence 0)."""
        digits = _EXAMPLE_DIGITS + f"{7:0{self.node_width}d}" + "0" * self.sequence_width
        return self.group(self.prefix + digits + check_digit(digits))

    @property
    def hint(self) -> str:
        """The expected form, for error messages."""
        return N_(
            "{count} digits like {example}: date and time (UTC), node, sequence, check digit",
            count=self.digits,
            example=self.example,
        )

    def group(self, number: str) -> str:
        """Return a canonical ``number`` with the separator between its groups.

        >>> DEFAULT_LAYOUT.group("20250314093015007000008")
        '20250314-093015-007-00000-8'
        """
        p = len(self.prefix)
        cuts = (p, p + 8, p + MOMENT_WIDTH, p + MOMENT_WIDTH + self.node_width, len(number) - 1)
        groups = [number[a:b] for a, b in zip((0, *cuts), (*cuts, len(number)), strict=True)]
        return self.separator.join(group for group in groups if group)


#: The default layout: no prefix, 3-digit node, 5-digit sequence, grouped with ``-``.
#: ``20250314-093015-007-00000-8`` is the first number node 7 issued at
#: 09:30:15 UTC on 14 March 2025.
DEFAULT_LAYOUT = CustomerNumberLayout()
