"""Hypothesis strategies for customer numbers, layouts and clocks."""

from __future__ import annotations

import time

from hypothesis import strategies as st

from crmcore.ids import CustomerNumberLayout
from crmcore.ids._damm import check_digit

#: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
FIRST_SECOND = 0
LAST_SECOND = 253_402_300_799

digits = st.text(alphabet="0123456789", min_size=1, max_size=40)

layouts = st.builds(
    CustomerNumberLayout,
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=4),
    separator=st.sampled_from(["-", " ", ".", "/", "", " - ", "\u2013", "\u00a0"]),
    node_width=st.integers(1, 6),
    sequence_width=st.integers(1, 5),
)

seconds = st.integers(FIRST_SECOND, LAST_SECOND)


@st.composite
def numbers(draw: st.DrawFn, layout: CustomerNumberLayout | None = None) -> tuple[str, dict]:
    """A valid canonical number built by hand, and the parts it was built from."""
    if layout is None:
        layout = draw(layouts)
    second = draw(seconds)
    node = draw(st.integers(0, layout.max_node))
    sequence = draw(st.integers(0, layout.per_second - 1))
    t = time.gmtime(second)
    body = (
        f"{t.tm_year:04d}{t.tm_mon:02d}{t.tm_mday:02d}{t.tm_hour:02d}{t.tm_min:02d}{t.tm_sec:02d}"
        f"{node:0{layout.node_width}d}{sequence:0{layout.sequence_width}d}"
    )
    parts = {"layout": layout, "second": second, "node": node, "sequence": sequence}
    return layout.prefix + body + check_digit(body), parts


#: Clock moves between readings: mostly small steps forward, sometimes big
#: jumps, sometimes steps back (NTP corrections, a VM resumed, a bad RTC).
clock_moves = st.one_of(
    st.just(0.0),
    st.floats(0.0, 0.01),
    st.floats(0.0, 3.0),
    st.floats(-3.0, 0.0),
    st.sampled_from([-3600.0, -86_400.0, 3600.0, 1e-9, -1e-9]),
)
