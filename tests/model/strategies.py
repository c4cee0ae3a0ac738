"""Hypothesis strategies for the model's identifier schemes, in one place."""

from __future__ import annotations

from hypothesis import strategies as st

#: Schemes as people and python-stdnum write them, in the countries of our markets.
SCHEMES = (
    "nip", "regon", "krs", "pesel", "edrpou", "rnokpp", "rntrc", "inn", "ogrn", "afm",
    "vat", "ein", "stnr", "utr", "iban", "lei", "pl.nip", "pl.regon", "pl.vat", "ua.edrpou",
    "ua.rntrc", "ru.inn", "ru.ogrn", "gr.vat", "gr.amka", "de.vat", "de.stnr", "gb.vat",
    "gb.utr", "us.ein", "us.ssn", "in.pan", "eu.eic", "eu.vat", "vatin", "zz.card",
    "crm.legacy-id", "pl.nip.old", "loyalty-card",
)  # fmt: skip
COUNTRIES = ("PL", "UA", "RU", "GR", "DE", "GB", "US", "AT", "CH")
VALUES = (
    "5260250995", "PL5260250995", "32855961", "7707083893", "094014201", "EL094014201",
    "GR094014201", "DE136695976", "136695976", "GB980780684", "XI980780684", "980780684",
    "042103594", "CHE107787577IVA", "ATU13585627", "ZZ12345", "EL", "12",
)  # fmt: skip


def scheme_texts() -> st.SearchStrategy[str]:
    """Known spellings in any letter case, and any text at all."""
    known = st.sampled_from(SCHEMES).flatmap(
        lambda s: st.sampled_from((s, s.upper(), s.title(), f" {s} "))
    )
    return st.one_of(
        known, st.text(max_size=12), st.from_regex(r"[a-z]{2}\.[a-z_]{1,8}", fullmatch=True)
    )


def values() -> st.SearchStrategy[str]:
    """Numbers with and without VAT prefixes, and any text at all."""
    return st.one_of(st.sampled_from(VALUES), st.text(max_size=14))


def countries() -> st.SearchStrategy[str | None]:
    """No country, a country of our markets, or any text."""
    return st.one_of(st.none(), st.sampled_from(COUNTRIES), st.text(max_size=3))


# --- raw input the standardisers accept, for the bridges to the model --------
#
# Real values of our markets, in their own scripts, varied in case and spacing
# the way people write them; each strategy yields what the standardiser is
# given (a text and, where it takes one, a country).

GIVEN = ("Łukasz", "Małgorzata", "Олена", "Ярослав", "Дмитрий", "Наталья", "Γιώργος",
         "Ελένη", "Jürgen", "Gisela", "Siobhan", "Ian", "Mary", "DeShawn")  # fmt: skip
MIDDLE = ("Maria", "Anna", "F.", "Luther", "J.")
FAMILY = ("Wójcik", "Szczepańska", "Коваленко", "Шевченко", "Иванов", "Смирнова",
          "Παπαδόπουλος", "Οικονόμου", "Müller", "Weiß", "O'Brien", "Smith-Jones",
          "Jackson")  # fmt: skip
PATRONYMIC = ("Петрович", "Іванівна", "Сергеевич", "Алексеевна")
TITLE = ("dr", "prof.", "Dr.", "Mr", "Ms", "пан", "κ.")
SUFFIX = ("Jr.", "Sr.", "III", "PhD")
COMPANY_CORES = ("Kowalski i Synowie", "Piekarnia Żytnia", "Ромашка", "Укрнафтосервіс",
                 "Северный ветер", "Πλαστικά Κρήτης", "Müller & Söhne", "Acme Widgets",
                 "Brighton Tea Rooms")  # fmt: skip
COMPANY_FORMS = {
    "PL": ("sp. z o.o.", "Sp. z o.o.", "S.A.", "sp.j.", "spółka z ograniczoną odpowiedzialnością"),
    "UA": ("ТОВ", "ПрАТ", "Товариство з обмеженою відповідальністю"),
    "RU": ("ООО", "АО", "ПАО"),
    "GR": ("Α.Ε.", "Ε.Π.Ε.", "ΙΚΕ"),
    "DE": ("GmbH", "AG", "GmbH & Co. KG"),
    "GB": ("Ltd", "Limited", "PLC"),
    "US": ("Inc.", "LLC", "Corp."),
}
ADDRESSES = (
    ("ul. Marszałkowska {n}/{f}, 00-590 Warszawa", "PL"),
    ("al. Jerozolimskie {n}, 02-001 Warszawa", "PL"),
    ("вул. Хрещатик, {n}, оф. {f}, Київ, 01001", "UA"),
    ("просп. Шевченка {n}, Львів, 79005", "UA"),
    ("Тверская ул., д. {n}, кв. {f}, Москва, 125009", "RU"),
    ("Οδός Ερμού {n}, 105 63 Αθήνα", "GR"),
    ("Königstraße {n}, 70173 Stuttgart", "DE"),
    ("{n} Baker Street, London NW1 6XE", "GB"),
    ("{n} Pennsylvania Ave NW, Washington, DC 20500", "US"),
)
EMAILS = ("Anna.Nowak@Example.PL", "o.kovalenko@UKR.NET", "info@ромашка.укр",
          "Ivanov@Mail.Ru", "g.papadopoulos@otenet.gr", "K.Mueller@müller.de",
          "tea@brighton.co.uk", "mailto:sales@acme.com", "Ελένη <eleni@example.gr>")  # fmt: skip
SITES = ("romashka.ua", "żabka.pl", "Kowalski.PL", "ромашка.укр", "müller-söhne.de",
         "brighton.co.uk", "acme.com", "εταιρεία.gr")  # fmt: skip
MARKETS = tuple(COMPANY_FORMS)


def _cased(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from((text, text.upper(), text.lower()))


@st.composite
def raw_person_names(draw: st.DrawFn) -> str:
    """A person's name with, at times, a title, a middle name, a patronymic or a suffix."""
    given, family = draw(st.sampled_from(GIVEN)), draw(st.sampled_from(FAMILY))
    middle = draw(st.none() | st.sampled_from(MIDDLE + PATRONYMIC))
    title = draw(st.none() | st.sampled_from(TITLE))
    suffix = draw(st.none() | st.sampled_from(SUFFIX))
    words = [title, given, middle, draw(_cased(family)), suffix]
    return " ".join(word for word in words if word)


@st.composite
def raw_company_names(draw: st.DrawFn) -> tuple[str, str | None]:
    """A company name and its legal form written before or after it, and a country at times."""
    country = draw(st.sampled_from(MARKETS))
    core, form = draw(st.sampled_from(COMPANY_CORES)), draw(st.sampled_from(COMPANY_FORMS[country]))
    descriptor = draw(st.sampled_from(("", "", "PPHU "))) if country == "PL" else ""
    text = f"{form} «{core}»" if country in {"UA", "RU"} else f"{descriptor}{core} {form}"
    return text, draw(st.none() | st.just(country))


@st.composite
def raw_addresses(draw: st.DrawFn) -> tuple[str, str]:
    """An address of one of our markets with its building and flat numbers varied."""
    template, country = draw(st.sampled_from(ADDRESSES))
    number = draw(st.integers(min_value=1, max_value=250))
    flat = draw(st.integers(min_value=1, max_value=99))
    return template.format(n=number, f=flat), country


@st.composite
def raw_phones(draw: st.DrawFn) -> tuple[str, str]:
    """A market's example number of a kind of line, national or international, ext. at times."""
    import phonenumbers

    country = draw(st.sampled_from(MARKETS))
    kind = draw(
        st.sampled_from(
            (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE,
                phonenumbers.PhoneNumberType.TOLL_FREE,
                phonenumbers.PhoneNumberType.VOIP,
            )
        )
    )
    number = phonenumbers.example_number_for_type(country, kind) or phonenumbers.example_number(
        country
    )
    style = draw(
        st.sampled_from(
            (phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        )
    )
    text = phonenumbers.format_number(number, style)
    extension = draw(st.none() | st.integers(min_value=1, max_value=9999))
    return (f"{text} ext. {extension}" if extension else text), country


def raw_emails() -> st.SearchStrategy[str]:
    """E-mail addresses as people write them: any case, ``mailto:``, a display name."""
    return st.sampled_from(EMAILS)


@st.composite
def raw_websites(draw: st.DrawFn) -> str:
    """A site with or without scheme and ``www.``, in any case, with a path at times."""
    scheme = draw(st.sampled_from(("", "http://", "https://", "HTTPS://")))
    www = draw(st.sampled_from(("", "www.", "WWW.")))
    path = draw(st.sampled_from(("", "/", "/o-nas", "/kontakt/", "/shop?q=1#top")))
    return scheme + www + draw(_cased(draw(st.sampled_from(SITES)))) + path
