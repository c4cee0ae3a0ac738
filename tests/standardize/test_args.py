"""The shortcuts of the argument and input checks equal the checks they skip."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize._args import _checked_country, country_arg
from crmcore.standardize._base import require_text

from .support import outcome

_COUNTRY_LIKE = st.one_of(
    st.none(),
    st.integers(),
    st.text(alphabet="PLUAGRDEBSplua ΡΑΠЛ\u00a0\t", max_size=4),
    st.sampled_from(["PL", "UA", "RU", "GR", "DE", "GB", "US", "pl", " gr ", "GBR", "П Л"]),
)


def _code_of(found: object) -> object:
    return found.code if isinstance(found, ValidationError) else found


@given(_COUNTRY_LIKE)
def test_country_arg_gives_what_the_full_check_gives(country: object) -> None:
    assert _code_of(outcome(country_arg, country, field="company_name")) == _code_of(
        outcome(_checked_country, country, field="company_name")
    )


def test_blank_is_what_strip_calls_blank() -> None:
    # require_text tests isspace(); the definition of blank is strip()'s.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert char.isspace() == (not char.strip()), hex(code)


@given(st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003\u3000\u200bxЖ"), max_size=6))
def test_require_text_refuses_exactly_what_strips_to_nothing(raw: str) -> None:
    found = outcome(require_text, raw, field="text")
    if raw.strip():
        assert found == raw
    else:
        assert isinstance(found, ValidationError)
        assert found.code == "text.empty"
