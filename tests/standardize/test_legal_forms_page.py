"""The legal forms page lists the table, all of it: the page is generated.

Run this file to write the page again after the table changed::

    python tests/standardize/test_legal_forms_page.py
"""

import sys
from pathlib import Path

from crmcore.standardize._legal_forms import descriptors, forms

PAGE = Path(__file__).parents[2] / "docs" / "standardize" / "legal-forms.md"

COUNTRY_NAMES = {
    "PL": "Poland",
    "UA": "Ukraine",
    "RU": "Russia",
    "GR": "Greece",
    "BG": "Bulgaria",
    "CZ": "Czechia",
    "SK": "Slovakia",
    "LT": "Lithuania",
    "RO": "Romania",
    "DE": "Germany",
    "GB": "United Kingdom",
    "US": "United States",
    "FR": "France",
    "IT": "Italy",
    "ES": "Spain",
}

INTRO = """\
# Legal forms

The legal forms that {mod} recognises, by country. The
table is package data (`crmcore/standardize/data/legal_forms.json`): adding a
form or a country is a change of data, not of code.

*Written first* forms lead the name (`ТОВ «Ромашка»`); the others follow it
(`Kowalski sp. z o.o.`). Every spelling in the last column is recognised, as is
the full name, in any case and with any dots and spaces.

ELF codes are those of the ISO 20275 Entity Legal Forms code list published by
GLEIF (release of 2023-09-28). The list has no entries for Ukraine, and US forms
are registered per state, so these have no code.

```python
>>> from crmcore.standardize import company_names
>>> len(company_names.legal_forms()) > 100
True

```
"""


def _cell(text):
    return text.replace("|", "\\|")


def render_page():
    lines = [INTRO.format(mod="`crmcore.standardize.company_names`")]
    for code, country in COUNTRY_NAMES.items():
        lines += [f"## {country} ({code})", ""]
        lines += ["| form | full name | in English | ELF code | also written |"]
        lines += ["| --- | --- | --- | --- | --- |"]
        for form in (f for f in forms() if f.country == code):
            first = " (written first)" if form.position == "prefix" else ""
            elf = f"`{form.elf_code}`" if form.elf_code else "-"
            if form.note:
                elf += f" ({form.note})"
            written = ", ".join(f"`{_cell(v)}`" for v in form.variants) or "-"
            lines.append(
                f"| `{_cell(form.abbreviation)}`{first} | {form.name} | {form.name_en} "
                f"| {elf} | {written} |"
            )
        lines.append("")
    lines += ["## Trade descriptors (Poland)", ""]
    lines += [
        "Descriptors name the trade of a business; they are not legal forms and are",
        "kept apart from the name, in `CompanyName.descriptor`.",
        "",
        "| descriptor | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `{d.abbreviation}` | {d.name} |" for d in descriptors()]
    return "\n".join(lines) + "\n"


def test_every_country_of_the_table_has_a_name():
    assert {f.country for f in forms()} == set(COUNTRY_NAMES)


def test_page_lists_every_form_of_the_table():
    page = PAGE.read_text("utf-8")
    for form in forms():
        assert f"| `{_cell(form.abbreviation)}`" in page, form.abbreviation
        assert form.name in page
        assert form.elf_code is None or f"`{form.elf_code}`" in page
    for descriptor in descriptors():
        assert f"| `{descriptor.abbreviation}` |" in page


def test_page_is_up_to_date():
    assert PAGE.read_text("utf-8") == render_page(), (
        "the table changed: run python tests/standardize/test_legal_forms_page.py"
    )


if __name__ == "__main__":
    PAGE.write_text(render_page(), "utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
