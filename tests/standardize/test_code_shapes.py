import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.standardize._code_shapes import describe_shape, shape_of


@pytest.mark.parametrize(
    ("example", "shape"),
    [
        ("00-950", "99-999"),
        ("01001", "99999"),
        ("105 57", "999 99"),
        ("SW1A 1AA", "@@9@ 9@@"),
        ("K1A 0B1", "@9@ 9@9"),
        ("LV-1050", "@@-9999"),
    ],
)
def test_shape_of(example, shape):
    assert shape_of(example) == shape


@pytest.mark.parametrize(
    ("shape", "locale", "words"),
    [
        ("99-999", "en", "2 digits, a dash, and 3 digits"),
        ("99-999", "en_GB", "2 digits, a dash and 3 digits"),
        ("99-999", "pl", "2 cyfry, myślnik i 3 cyfry"),
        ("99-999", "pl_PL", "2 cyfry, myślnik i 3 cyfry"),
        ("99-999", "uk", "2 цифри, дефіс і 3 цифри"),
        ("99-999", "ru", "2 цифры, дефис и 3 цифры"),
        ("99-999", "el", "2 ψηφία, παύλα και 3 ψηφία"),
        ("99-999", "de", "2 Ziffern, ein Bindestrich und 3 Ziffern"),
        ("99999", "pl", "5 cyfr"),
        ("999999", "ru", "6 цифр"),
        ("9999", "uk", "4 цифри"),
        ("999 99", "el", "3 ψηφία, κενό και 2 ψηφία"),
        ("@9@ 9@9", "en", "1 letter, 1 digit, 1 letter, a space, 1 digit, 1 letter, and 1 digit"),
        ("??", "pl", "2 litery lub cyfry"),
        ("?????", "ru", "5 букв или цифр"),
        ("9/9.9", "uk", "1 цифра, скісна риска, 1 цифра, крапка і 1 цифра"),
        ("9#9", "pl", "1 cyfra, „#” i 1 cyfra"),
        ("9#9", "ru", "1 цифра, «#» и 1 цифра"),
        ("9#9", "el", "1 ψηφίο, «#» και 1 ψηφίο"),
        ("9#9", "de", "1 Ziffer, „#“ und 1 Ziffer"),
        ("9--9", "en", "1 digit, a dash, a dash, and 1 digit"),
        ("99", "xx-not-a-locale", "2 digits"),
        ("99", None, "2 digits"),
    ],
)
def test_describe_shape(shape, locale, words):
    assert describe_shape(shape, locale) == words


@settings(deadline=None)
@given(st.text(max_size=40), st.sampled_from(["en", "pl", "uk", "ru", "el", "de", "fr", None]))
def test_any_shape_can_be_described(example, locale):
    assert isinstance(describe_shape(shape_of(example), locale), str)
