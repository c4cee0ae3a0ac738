from __future__ import annotations

import crmcore.standardize as std
from crmcore.standardize import emails, keys, phones, texts


def test_texts_public_surface() -> None:
    assert texts.__all__ == [
        "FIELD",
        "Homoglyph",
        "clean",
        "example",
        "find_homoglyphs",
        "format",
        "is_valid",
        "repair_homoglyphs",
        "scripts",
        "validate",
    ]


def test_keys_public_surface() -> None:
    assert keys.__all__ == ["LANGUAGES", "detect_language", "matching_key", "transliterate"]


def test_phones_public_surface() -> None:
    assert phones.__all__ == [
        "FIELD",
        "Phone",
        "PhoneKind",
        "compact",
        "example",
        "format",
        "is_valid",
        "validate",
    ]


def test_emails_public_surface() -> None:
    assert emails.__all__ == [
        "FIELD",
        "Email",
        "example",
        "format",
        "is_valid",
        "matching_key",
        "validate",
    ]


def test_fields() -> None:
    assert (texts.FIELD, phones.FIELD, emails.FIELD) == ("text", "phone", "email")


def test_package_reexports_this_part() -> None:
    assert sorted(std.__all__) == std.__all__
    mine = {
        "Email",
        "Homoglyph",
        "Phone",
        "PhoneKind",
        "email",
        "emails",
        "keys",
        "matching_key",
        "phone",
        "phones",
        "text",
        "texts",
        "transliterate",
    }
    assert mine <= set(std.__all__)
    assert std.text is texts.validate
    assert std.phone is phones.validate
    assert std.email is emails.validate
    assert std.matching_key is keys.matching_key
    assert std.transliterate is keys.transliterate
    assert std.Phone is phones.Phone
    assert std.Email is emails.Email
    assert std.Homoglyph is texts.Homoglyph
    for name in std.__all__:
        assert getattr(std, name) is not None
