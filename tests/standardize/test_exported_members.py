from __future__ import annotations

import crmcore.standardize as std
from crmcore.standardize import texts


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


def test_package_reexports_this_part() -> None:
    assert sorted(std.__all__) == std.__all__
    assert {"Homoglyph", "text", "texts"} <= set(std.__all__)
    assert std.text is texts.validate
    assert std.Homoglyph is texts.Homoglyph
    for name in std.__all__:
        assert getattr(std, name) is not None
