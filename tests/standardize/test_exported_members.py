from __future__ import annotations

import crmcore.standardize as std
from crmcore.standardize import keys, texts


def test_texts_public_surface() -> None:
    assert sorted(texts.__all__) == texts.__all__
    assert set(texts.__all__) == {
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
    }


def test_keys_public_surface() -> None:
    assert keys.__all__ == ["LANGUAGES", "detect_language", "matching_key", "transliterate"]


def test_package_reexports_this_part() -> None:
    assert sorted(std.__all__) == std.__all__
    assert {"Homoglyph", "keys", "matching_key", "text", "texts", "transliterate"} <= set(
        std.__all__
    )
    assert std.matching_key is keys.matching_key
    assert std.transliterate is keys.transliterate
    assert std.text is texts.validate
    assert std.Homoglyph is texts.Homoglyph
    for name in std.__all__:
        assert getattr(std, name) is not None
