"""The extras of pyproject.toml are the ones the docs name, and nothing asks for another."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS = PROJECT["optional-dependencies"]
# Where an extra is asked for: crmcore[a,b] in the docs, ".[a,b]" in automation.
ASKED = re.compile(r"(?:crmcore|[\"']\.)\[([a-z0-9,-]+)\]")


def _asked_in(path):
    for names in ASKED.findall(path.read_text(encoding="utf-8")):
        yield from names.split(",")


@pytest.mark.parametrize("page", ["README.md", "docs/quickstart.md"])
def test_every_extra_is_explained_where_people_install(page):
    assert set(_asked_in(ROOT / page)) >= set(EXTRAS)


def test_nothing_asks_for_an_extra_that_does_not_exist():
    paths = [ROOT / "noxfile.py", ROOT / "README.md", *ROOT.glob("docs/**/*.md")]
    paths += list((ROOT / "src").rglob("*.py"))
    paths += [p for p in (ROOT / ".ci").iterdir() if p.is_file()]
    for path in paths:
        unknown = set(_asked_in(path)) - set(EXTRAS)
        assert not unknown, f"{path.relative_to(ROOT)} asks for {unknown}"


def test_the_postgres_extra_brings_a_libpq():
    # psycopg alone needs a libpq installed on the machine: the binary wheel has its own.
    assert any(re.match(r"psycopg\[binary\]", each) for each in EXTRAS["postgres"])


def test_no_extra_installs_what_nothing_imports():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    imported_as = {
        "psycopg": "psycopg",
        "psycopg-pool": "psycopg_pool",
        "hypothesis": "hypothesis",
        "pytest": "pytest",
    }
    for requirements in EXTRAS.values():
        for requirement in requirements:
            distribution = re.match(r"[A-Za-z0-9_.-]+", requirement).group()
            module = imported_as.get(distribution, distribution)
            assert re.search(rf"^\s*(?:import|from) {module}\b", sources, re.MULTILINE), requirement
