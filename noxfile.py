"""Automation: ``nox -s tests lint typecheck docs examples bench i18n``."""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "typecheck", "docs", "examples"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
ROOT = Path(__file__).parent


def _group(name: str) -> list[str]:
    return list(nox.project.dependency_groups(PYPROJECT, name))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (tests, docs and doctests) with branch coverage."""
    session.install("-e", ".[postgres]", *_group("tests"))
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Run ``mypy --strict`` on src/."""
    session.install("-e", ".[postgres]", *_group("typecheck"))
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site with Sphinx, warnings as errors."""
    session.install("-e", ".[testing]", *_group("docs"))
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def examples(session: nox.Session) -> None:
    """Run every script in examples/ as a user would."""
    session.install("-e", ".")
    scripts = sorted((ROOT / "examples").glob("*.py"))
    if not scripts:
        session.error("examples/ holds no scripts")
    for script in scripts:
        session.run("python", str(script), env={"PYTHONHASHSEED": "0"})


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks in benchmarks/ and print their figures.

    ``nox -s bench -- NAME`` runs only the benchmarks whose file name contains NAME.
    """
    session.install("-e", ".[postgres]", *_group("bench"))
    wanted = session.posargs
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    for script in scripts:
        if wanted and not any(w in script.name for w in wanted):
            continue
        session.log(f"--- {script.name}")
        session.run("python", str(script), env={"PYTHONHASHSEED": "0", **_bench_env()})


LOCALE_DIR = "src/crmcore/locale"
POT = f"{LOCALE_DIR}/messages.pot"
# Keep the keywords and comment tag in step with babel.cfg and with
# tests/test_catalogues.py, which checks the catalogues the same way.
EXTRACT_OPTIONS = [
    "--mapping-file=babel.cfg",
    # Babel skips directories starting with "_" by default; ours hold code (storage/_sql).
    "--ignore-dirs=.* __pycache__",
    "--no-default-keywords",
    "--keyword=N_",
    "--keyword=ngettext:1,2",
    "--add-comments=TRANSLATORS:",
    "--add-location=file",
    "--no-wrap",
    "--project=crmcore",
    "--copyright-holder=The crmcore developers",
]


@nox.session
def i18n(session: nox.Session) -> None:
    """Maintain the gettext catalogues: extract, update the .po files, check them.

    New or changed messages reach every .po untranslated (or marked fuzzy);
    translate them and run the session again: the check fails until every
    message has a reviewed translation in every language.
    ``nox -s i18n -- --check`` only checks, changing nothing.
    """
    session.install("-e", ".", *_group("tests"))
    if "--check" not in session.posargs:
        session.run("pybabel", "extract", *EXTRACT_OPTIONS, f"--output-file={POT}", "src/crmcore")
        session.run(
            "pybabel",
            "update",
            f"--input-file={POT}",
            f"--output-dir={LOCALE_DIR}",
            "--domain=crmcore",
            "--no-wrap",
            "--ignore-obsolete",
            "--previous",
        )
    session.run("pytest", "-q", "-p", "no:cacheprovider", "tests/test_catalogues.py")


def _bench_env() -> dict[str, str]:
    keep = ("CRMCORE_PG_DSN", "CRMCORE_BENCH_SCALE")
    return {k: v for k, v in os.environ.items() if k in keep}
