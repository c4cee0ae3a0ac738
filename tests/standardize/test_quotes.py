import pytest

from crmcore.standardize._quotes import drop_unpaired, is_wrapped, normalize_inner, unwrap


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("«Ромашка»", True),
        ("»Muster«", True),
        ("„Kowalski”", True),
        ("„Muster“", True),
        ("“Acme”", True),
        ('"Acme"', True),
        ("'Acme'", True),
        ("‚Acme‘", True),
        ("«A «B» C»", True),
        ('"A "B" C"', True),
        ("«A» и «B»", False),
        ('"A" and "B"', False),
        ("«A", False),
        ("«", False),
        ("A", False),
        ("«A„", False),
    ],
)
def test_is_wrapped(text, wrapped):
    assert is_wrapped(text) is wrapped


def test_unwrap_strips_every_layer():
    assert unwrap("«„ Ромашка “»") == "Ромашка"


def test_normalize_inner():
    assert normalize_inner("«A» „B“ ‘C’ D’s") == '"A" "B" ' + "'C' D's"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 «ТОВ", "0 ТОВ"),
        ("ТОВ» «Ромашка»", "ТОВ «Ромашка»"),
        ('A " B', "A B"),
        ('"A" x"', '"A" x'),
        ("«A» „B“", "«A» „B“"),
        ("«A“", "A"),
        ("O'Brien 'x", "O'Brien 'x"),
    ],
)
def test_drop_unpaired(text, expected):
    assert drop_unpaired(text) == expected
