"""Every error crmcore raises reads in our markets' languages: model, ids and storage too."""

import ast
import copy
import pickle
import uuid
from pathlib import Path

import pytest

import crmcore as crm
from crmcore import errors
from crmcore._i18n import N_, Message, translations
from crmcore.errors import (
    ConfigurationError,
    ConflictError,
    CrmError,
    NotFoundError,
    ValidationError,
    localize,
)
from crmcore.model import Money, Party

SRC = Path(__file__).resolve().parents[1] / "src" / "crmcore"
LANGUAGES = ("pl", "uk", "ru", "el", "de")


def _raised(action):
    with pytest.raises(CrmError) as info:
        action()
    return info.value


def _unknown_currency():
    Money("12.50", "ZZZ")


def _currency_mismatch():
    _ = Money("1", "PLN") + Money("1", "EUR")


def _name_too_long():
    Party.organization("Ж" * 300)


def _bad_check_digit():
    crm.ids.validate("20250314-093015-007-00000-3")


def _node_out_of_range():
    crm.ids.CustomerNumberGenerator(node=5000)


def _party_not_found():
    with crm.storage.open("memory://") as store:
        store.parties.get(uuid.UUID(int=5))


def _unknown_url():
    crm.storage.open("ftp://crm.example.pl/db")


def _duplicate_id():
    party = Party.person(given="Олена", family="Шевченко")
    with crm.storage.open("memory://") as store:
        store.parties.add(party)
        store.parties.add(party)


# (action, code, {language: (message, hint)}): hint None where the error has none.
CASES = [
    (
        _unknown_currency,
        "money.unknown_currency",
        {
            "pl": (
                "waluta nie jest kodem ISO 4217",
                "trzyliterowy kod ISO 4217, np. EUR, PLN lub UAH",
            ),
            "uk": (
                "валюта не є кодом ISO 4217",
                "трилітерний код ISO 4217, наприклад EUR, PLN або UAH",
            ),
            "ru": (
                "валюта не является кодом ISO 4217",
                "трёхбуквенный код ISO 4217, например EUR, PLN или UAH",
            ),
            "el": (
                "το νόμισμα δεν είναι κωδικός ISO 4217",
                "ένας κωδικός ISO 4217 τριών γραμμάτων, π.χ. EUR, PLN ή UAH",
            ),
            "de": (
                "die Währung ist kein ISO-4217-Code",
                "ein ISO-4217-Code aus drei Buchstaben wie EUR, PLN oder UAH",
            ),
        },
    ),
    (
        _currency_mismatch,
        "money.currency_mismatch",
        {
            "pl": ("nie można dodać kwot w EUR i PLN", "PLN"),
            "uk": ("не можна додати суми в EUR і PLN", "PLN"),
            "ru": ("нельзя сложить суммы в EUR и PLN", "PLN"),
            "el": ("δεν γίνεται πρόσθεση ποσών σε EUR και PLN", "PLN"),
            "de": ("EUR und PLN lassen sich nicht addieren", "PLN"),
        },
    ),
    (
        _name_too_long,
        "text.too_long",
        {
            "pl": ("tekst jest za długi (maksymalna liczba znaków: 200)", None),
            "uk": ("текст задовгий (максимальна кількість символів: 200)", None),
            "ru": ("текст слишком длинный (максимальное число символов: 200)", None),
            "el": ("το κείμενο είναι πολύ μεγάλο (μέγιστο πλήθος χαρακτήρων: 200)", None),
            "de": ("der Text ist länger als 200 Zeichen", None),
        },
    ),
    (
        _bad_check_digit,
        "customer_number.bad_check_digit",
        {
            "pl": (
                (
                    "cyfra kontrolna się nie zgadza: jedna cyfra jest błędnie wpisana"
                    " albo dwie są zamienione miejscami"
                ),
                (
                    "liczba cyfr: 23, np. 20250314-093015-007-00000-8: data i godzina (UTC),"
                    " węzeł, numer kolejny, cyfra kontrolna"
                ),
            ),
            "uk": (
                (
                    "контрольна цифра не збігається: одну цифру введено неправильно"
                    " або дві переставлено"
                ),
                (
                    "кількість цифр: 23, наприклад 20250314-093015-007-00000-8: дата й час (UTC),"
                    " вузол, порядковий номер, контрольна цифра"
                ),
            ),
            "ru": (
                ("контрольная цифра не совпадает: одна цифра введена неверно или две переставлены"),
                (
                    "число цифр: 23, например 20250314-093015-007-00000-8: дата и время (UTC),"
                    " узел, порядковый номер, контрольная цифра"
                ),
            ),
            "el": (
                (
                    "το ψηφίο ελέγχου δεν ταιριάζει: ένα ψηφίο πληκτρολογήθηκε λάθος"
                    " ή δύο αντιμετατέθηκαν"
                ),
                (
                    "πλήθος ψηφίων: 23, π.χ. 20250314-093015-007-00000-8: ημερομηνία και ώρα (UTC),"
                    " κόμβος, αύξων αριθμός, ψηφίο ελέγχου"
                ),
            ),
            "de": (
                (
                    "die Prüfziffer stimmt nicht: eine Ziffer ist falsch eingegeben"
                    " oder zwei sind vertauscht"
                ),
                (
                    "23 Ziffern wie 20250314-093015-007-00000-8: Datum und Uhrzeit (UTC),"
                    " Knoten, laufende Nummer, Prüfziffer"
                ),
            ),
        },
    ),
    (
        _node_out_of_range,
        "customer_number.bad_node",
        {
            "pl": (
                "węzeł nie mieści się w liczbie cyfr przewidzianej przez układ (3)",
                "liczba całkowita od 0 do 999",
            ),
            "uk": (
                "вузол не вміщується в кількість цифр, передбачену форматом (3)",
                "ціле число від 0 до 999",
            ),
            "ru": (
                "узел не помещается в число цифр, предусмотренное форматом (3)",
                "целое число от 0 до 999",
            ),
            "el": (
                "ο κόμβος δεν χωράει στο πλήθος ψηφίων της διάταξης (3)",
                "ένας ακέραιος από 0 έως 999",
            ),
            "de": ("der Knoten passt nicht in 3 Ziffern", "eine ganze Zahl von 0 bis 999"),
        },
    ),
    (
        _party_not_found,
        "party.not_found",
        {
            "pl": ("pod tym identyfikatorem nie zapisano żadnego kontrahenta", None),
            "uk": ("під цим ідентифікатором не збережено жодного контрагента", None),
            "ru": ("под этим идентификатором не сохранён ни один контрагент", None),
            "el": ("δεν έχει αποθηκευτεί αντισυμβαλλόμενος με αυτό το αναγνωριστικό", None),
            "de": ("unter dieser ID ist kein Geschäftspartner gespeichert", None),
        },
    ),
    (
        _unknown_url,
        "storage.unknown_url",
        {
            "pl": (
                "dla tego adresu URL nie jest znany żaden magazyn danych",
                (
                    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db"
                    " lub postgresql://host/db"
                ),
            ),
            "uk": (
                "для цього URL не відоме жодне сховище",
                (
                    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db"
                    " або postgresql://host/db"
                ),
            ),
            "ru": (
                "для этого URL не известно ни одно хранилище",
                (
                    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db"
                    " или postgresql://host/db"
                ),
            ),
            "el": (
                "δεν είναι γνωστός χώρος αποθήκευσης για αυτό το URL",
                (
                    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db"
                    " ή postgresql://host/db"
                ),
            ),
            "de": (
                "für diese URL ist kein Speicher bekannt",
                (
                    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db"
                    " oder postgresql://host/db"
                ),
            ),
        },
    ),
    (
        _duplicate_id,
        "party.duplicate_id",
        {
            "pl": (
                "kontrahent o tym identyfikatorze jest już zapisany",
                "nowy identyfikator albo aktualizacja zapisanego obiektu",
            ),
            "uk": (
                "контрагента з цим ідентифікатором уже збережено",
                "новий ідентифікатор або оновлення збереженого об’єкта",
            ),
            "ru": (
                "контрагент с этим идентификатором уже сохранён",
                "новый идентификатор или обновление сохранённого объекта",
            ),
            "el": (
                "ένας αντισυμβαλλόμενος με αυτό το αναγνωριστικό έχει ήδη αποθηκευτεί",
                "νέο αναγνωριστικό ή ενημέρωση του αποθηκευμένου",
            ),
            "de": (
                "ein Geschäftspartner mit dieser ID ist bereits gespeichert",
                "eine neue ID, oder das Gespeicherte aktualisieren",
            ),
        },
    ),
]


@pytest.mark.parametrize(
    ("action", "code", "language", "expected"),
    [
        (action, code, language, texts[language])
        for action, code, texts in CASES
        for language in LANGUAGES
    ],
)
def test_errors_of_model_ids_and_storage_read_in_each_language(action, code, language, expected):
    error = _raised(action)
    assert error.code == code
    localized = localize(error, language)
    assert (localized.message, localized.hint) == expected
    assert localized.args == (localized.message,)
    assert (localized.code, localized.field, localized.value) == (
        error.code,
        error.field,
        error.value,
    )
    assert type(localized) is type(error)
    assert localized.__cause__ is error.__cause__


@pytest.mark.parametrize(("action", "code", "texts"), CASES)
def test_english_and_unknown_locales_give_the_english_text(action, code, texts):
    del code, texts
    error = _raised(action)
    for locale in ("en", "en_GB", "fr", None):
        localized = localize(error, locale)
        assert (localized.message, localized.hint) == (error.message, error.hint)


def test_the_original_error_is_unchanged():
    error = _raised(_unknown_currency)
    localize(error, "uk")
    assert error.message == "the currency is not an ISO 4217 code"
    assert error.hint == "a three-letter ISO 4217 code such as EUR, PLN or UAH"


def test_a_regional_locale_finds_its_language():
    error = _raised(_party_not_found)
    assert localize(error, "uk_UA").message == localize(error, "uk").message
    assert localize(error, "el-CY").message == localize(error, "el").message


def test_errors_nested_by_the_entity_keep_their_translatable_message():
    error = _raised(_unknown_currency).at("purchases[0].amount")
    assert error.field == "purchases[0].amount.currency"
    assert localize(error, "pl").message == "waluta nie jest kodem ISO 4217"


@pytest.mark.parametrize("action", [case[0] for case in CASES])
def test_a_pickled_error_can_still_be_localized(action):
    error = _raised(action)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error)
    assert str(localize(again, "ru")) == str(localize(error, "ru"))


# --- localize's rules for hints ------------------------------------------------------


def test_a_plain_hint_the_catalogue_holds_is_translated():
    error = ConflictError("a customer number cannot change", hint="open a new store")
    localized = localize(error, "pl")
    assert (localized.message, localized.hint) == (
        "numer klienta nie może się zmienić",
        "otwórz nowy magazyn danych",
    )


def test_a_text_crmcore_did_not_write_stays_as_it_is():
    error = NotFoundError("nie ma takiego klienta", code="app.missing", hint="ID z systemu ERP")
    localized = localize(error, "uk")
    assert (localized.message, localized.hint) == ("nie ma takiego klienta", "ID z systemu ERP")


def test_a_marked_hint_wins_over_the_standardisers_description():
    # country.unknown names a field the standardisers describe, but the model's hint is its own.
    error = _raised(lambda: crm.model.PostalAddress(locality="Kraków", country="XX"))
    assert error.code == "country.unknown"
    assert localize(error, "pl").hint == "dwuliterowy kod, np. PL, UA, GR lub DE"


def test_an_unmarked_hint_of_a_standardiser_field_stays_an_example():
    # The errors know no field: describing one is crm.standardize.localize's work.
    error = ValidationError("the value is empty", code="postal_code.empty", hint="00-950")
    assert localize(error, "de").hint == "00-950"


def test_the_standardisers_localize_describes_the_field_and_translates_the_rest():
    error = ValidationError("the value is empty", code="postal_code.empty", hint="00-950")
    localized = crm.standardize.localize(error, "de", country="PL")
    assert localized.hint.startswith("2 Ziffern")
    assert localized.message == localize(error, "de").message
    marked = _raised(lambda: crm.model.PostalAddress(locality="Kraków", country="XX"))
    assert crm.standardize.localize(marked, "pl").hint == localize(marked, "pl").hint


def test_localize_is_public_in_errors_and_in_the_standardisers():
    assert "localize" in errors.__all__
    assert "localize" in crm.standardize.__all__


# --- Message ------------------------------------------------------------------------


def test_a_message_is_its_english_text():
    message = N_("the lease on node {node} was released", node=7)
    assert isinstance(message, str)
    assert message == "the lease on node 7 was released"
    assert message.msgid == "the lease on node {node} was released"
    assert dict(message.params) == {"node": 7}
    assert hash(message) == hash("the lease on node 7 was released")


def test_a_plain_message_is_not_formatted():
    message = N_("an attribute is {type, value}")
    assert message == message.msgid == "an attribute is {type, value}"
    assert dict(message.params) == {}
    assert message.translated(translations("pl")) == "atrybut ma postać {type, value}"


def test_a_message_survives_pickling_and_copying():
    message = N_("at least {minimum}", minimum=3)
    for again in (pickle.loads(pickle.dumps(message)), copy.copy(message), copy.deepcopy(message)):
        assert type(again) is Message
        assert again == message
        assert again.translated(translations("el")) == "τουλάχιστον 3"


def test_values_with_braces_are_not_formatted_again():
    message = N_("the value cannot be read: {reason}", reason="{not a placeholder}")
    assert message == "the value cannot be read: {not a placeholder}"
    assert message.translated(translations("de")) == (
        "der Wert kann nicht gelesen werden: {not a placeholder}"
    )


# --- every message of model, ids and storage is a message id -------------------------

_ERROR_CLASSES = {
    "ConfigurationError",
    "ConflictError",
    "CrmError",
    "NotFoundError",
    "StorageError",
    "ValidationError",
}
# Where the message is in the calls that build an error: (name, index of the message).
_BUILDERS = {"fail": 1, "_fail": 1, "_bad_layout": 2}
# Hints that are data or code, not words: the same in every language.
_DATA_HINTS = {
    '{"type": "integer", "value": 34}',
    "PersonName(...) or OrganizationName(...)",
    "CustomerNumberLayout(prefix=..., node_width=..., sequence_width=...)",
    "0, 1, 2, ...",
    "1, 2, ...",
    "==, !=, <, <=, >, >=",
    "== None or != None",
    "Compare, In, HasRole, HasTag, And, Or or Not",
    "pip install crmcore[postgres]",
    "sqlite:///crm.db or sqlite:////var/lib/crm/crm.db",
    "sqlite:///crm.db?busy_timeout=10",
}


def _unmarked_texts(path):
    """Yield (line, text) for each literal message or hint of an error not marked N_()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in _ERROR_CLASSES:
            index = 0
        elif name in _BUILDERS:
            index = _BUILDERS[name]
        else:
            continue
        texts = [node.args[index]] if len(node.args) > index else []
        texts += [k.value for k in node.keywords if k.arg in {"message", "hint"}]
        texts += node.args[index + 1 :] if name == "_bad_layout" else []
        for text in texts:
            if isinstance(text, ast.JoinedStr):
                yield text.lineno, ast.unparse(text)
            elif (
                isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and text.value not in _DATA_HINTS
            ):
                yield text.lineno, text.value


@pytest.mark.parametrize(
    "path",
    sorted(
        path for package in ("model", "ids", "storage") for path in (SRC / package).rglob("*.py")
    ),
    ids=lambda path: path.relative_to(SRC).as_posix(),
)
def test_every_message_and_hint_is_marked(path):
    assert list(_unmarked_texts(path)) == []


def test_the_check_sees_unmarked_texts(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'fail("x.y", "plain", field="f", value=1, hint=f"at most {n}")\n'
        'raise ConfigurationError(N_("marked"), hint="0, 1, 2, ...")\n'
        'raise StorageError(f"failed: {error}")\n',
        encoding="utf-8",
    )
    assert list(_unmarked_texts(sample)) == [
        (1, "plain"),
        (1, "f'at most {n}'"),
        (3, "f'failed: {error}'"),
    ]


def test_configuration_errors_read_in_polish_too():
    error = _raised(lambda: crm.ids.CustomerNumberLayout(prefix="ж"))
    assert isinstance(error, ConfigurationError)
    localized = localize(error, "pl")
    assert localized.message == "prefiks musi się składać z wielkich liter łacińskich"
    assert localized.hint == "wielkie litery łacińskie (najwyżej 4), np. 'C' lub 'KH', albo ''"
