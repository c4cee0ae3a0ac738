"""The shortcut of the input check equals the check it skips."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize._base import require_text

from .support import outcome


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
