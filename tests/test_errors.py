import pickle

import pytest

from crmcore import errors
from crmcore.errors import (
    ConfigurationError,
    ConflictError,
    CrmError,
    NotFoundError,
    StorageError,
    ValidationError,
)

ALL = [CrmError, ValidationError, NotFoundError, ConflictError, StorageError, ConfigurationError]


@pytest.mark.parametrize("cls", ALL)
def test_every_error_is_a_crm_error_with_data(cls):
    err = cls("went wrong", code="x.wrong", field="f", value="v", hint="like this")
    assert isinstance(err, CrmError)
    assert (err.message, err.code, err.field, err.value, err.hint) == (
        "went wrong",
        "x.wrong",
        "f",
        "v",
        "like this",
    )


@pytest.mark.parametrize("cls", ALL)
def test_default_code(cls):
    assert cls("x").code == cls.default_code


def test_builtin_bases_let_callers_catch_familiar_types():
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(NotFoundError, LookupError)
    assert not issubclass(ConflictError, ValueError)


@pytest.mark.parametrize("cls", ALL)
def test_errors_pickle_with_all_their_data(cls):
    err = cls("went wrong", code="x.wrong", field="f", value=[1, 2], hint="h")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert back.as_dict() == err.as_dict()


def test_str_is_short_for_long_values():
    err = ValidationError("too long", field="name", value="x" * 500, code="text.too_long")
    text = str(err)
    assert len(text) < 200
    assert "..." in text
    assert text.endswith("[text.too_long]")


def test_str_without_field_value_or_hint():
    assert str(CrmError("plain")) == "plain [crm.error]"


def test_at_nests_the_field_and_keeps_the_cause():
    cause = KeyError("k")
    err = ValidationError("bad", code="money.unknown_currency", field="currency", value="ZZZ")
    err.__cause__ = cause
    nested = err.at("purchases[0].amount")
    assert nested.field == "purchases[0].amount.currency"
    assert nested.__cause__ is cause
    assert type(nested) is ValidationError
    assert ValidationError("bad").at("x").field == "x"


def test_repr_names_everything():
    err = NotFoundError("no party", code="party.not_found", field="id", value="abc")
    assert repr(err) == (
        "NotFoundError('no party', code='party.not_found', field='id', value='abc', hint=None)"
    )


def test_all_is_exactly_the_public_surface():
    public = {
        name
        for name, obj in vars(errors).items()
        if isinstance(obj, type) and issubclass(obj, Exception) and not name.startswith("_")
    }
    # The error classes, and the function that shows any of them in a person's language.
    assert set(errors.__all__) == public | {"localize"}
    assert errors.__all__ == sorted(errors.__all__)
