"""Hypothesis strategies for the standardisers of texts, keys, phones and e-mails."""

from __future__ import annotations

from hypothesis import strategies as st

#: Letters that have look-alikes in another script, and a few that do not.
CONFUSABLE_LETTERS = "aceiopxyAEHKMOPTXаеіорсухАВЕНКМОРТХαιοργΑΒΕΗΚΜΟΡΤΧ"
DISTINCTIVE_LETTERS = "fgwłżжшщїλπσ"

#: Characters that texts.clean() removes or rewrites.
INVISIBLE_AND_TYPOGRAPHIC = (
    "\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff"
    "\u2000\u2009\u202f\u3000\t\n\r\u2028\u0301\u0308\u034f\ufe0f"
    "“”„«»‘’ʼ`´‐–—−"
)

any_text = st.text(max_size=200)

mixed_script_text = st.text(
    alphabet=st.sampled_from(
        CONFUSABLE_LETTERS + DISTINCTIVE_LETTERS + INVISIBLE_AND_TYPOGRAPHIC + " -'0"
    ),
    max_size=60,
)

messy_text = st.one_of(any_text, mixed_script_text)
