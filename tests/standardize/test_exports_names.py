from crmcore import standardize as std
from crmcore.standardize import company_names, person_names, websites


def test_name_families_are_exported():
    names = {
        "CompanyName",
        "LegalForm",
        "PersonName",
        "company_name",
        "company_names",
        "person_name",
        "person_names",
        "website",
        "websites",
    }
    assert names <= set(std.__all__)
    assert std.__all__ == sorted(std.__all__)


def test_convenience_functions_are_the_validators():
    assert std.company_name is company_names.validate
    assert std.person_name is person_names.validate
    assert std.website is websites.validate
    assert std.company_name("ТОВ «Ромашка»").country == "UA"
    assert str(std.person_name("jan kowalski")) == "Jan Kowalski"
    assert std.website("example.pl") == "https://example.pl"
