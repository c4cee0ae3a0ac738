"""Automation: ``nox -s tests lint typecheck docs examples bench i18n latest lock``."""

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


# Pinned versions of every tool and dependency the sessions install, so that a
# run today and a run next month test the same thing; ``nox -s lock`` renews them
# and ``nox -s latest`` runs the suite against the newest releases instead.
CONSTRAINTS = ("-c", "requirements/constraints.txt")
# Sybil runs the examples of one page in one namespace: a page goes to one worker.
PYTEST_PARALLEL = ("-n", "auto", "--dist", "loadfile")


def _install(session: nox.Session, *args: str) -> None:
    session.install(*CONSTRAINTS, *args)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (tests, docs and doctests) on every core.

    Under CI (``CI`` set), or with ``nox -s tests -- --coverage``, branch
    coverage is measured as well, which takes about twice as long.
    """
    _install(session, "-e", ".[postgres,matching]", *_group("tests"))
    args = [a for a in session.posargs if a != "--coverage"]
    if os.environ.get("CI") or "--coverage" in session.posargs:
        _run_with_coverage(session, args)
    else:
        session.run("pytest", *PYTEST_PARALLEL, *args)


@nox.session
def coverage(session: nox.Session) -> None:
    """Run the test suite measuring branch coverage of src/ (what CI does)."""
    _install(session, "-e", ".[postgres,matching]", *_group("tests"))
    _run_with_coverage(session, list(session.posargs))


def _run_with_coverage(session: nox.Session, args: list[str]) -> None:
    # The data files go to the session's own folder, so that a failed run
    # leaves no .coverage.* files in the repository.
    data = Path(session.create_tmp()).resolve() / ".coverage"
    env = {"COVERAGE_FILE": str(data)}
    for stale in data.parent.glob(".coverage*"):
        stale.unlink()
    session.run("coverage", "run", "-m", "pytest", *PYTEST_PARALLEL, *args, env=env)
    session.run("coverage", "combine", "--quiet", env=env)
    session.run("coverage", "report", env=env)


@nox.session
def latest(session: nox.Session) -> None:
    """Run the test suite against the newest release of every dependency.

    No constraints: what a new user installs today. A failure here and not in
    ``tests`` means a dependency's new release breaks us; fix the cause, then
    ``nox -s lock``.
    """
    session.install(
        "--upgrade", "--upgrade-strategy=eager", "-e", ".[postgres,matching]", *_group("tests")
    )
    session.run("pip", "list", "--format=freeze", silent=False)
    session.run("pytest", *PYTEST_PARALLEL, *session.posargs)


@nox.session
def lock(session: nox.Session) -> None:
    """Renew requirements/constraints.txt with the newest releases (Python 3.11)."""
    groups = ("tests", "lint", "typecheck", "docs", "mutation")
    session.install(
        "--upgrade", "-e", ".[postgres,testing,matching]", *(r for g in groups for r in _group(g))
    )
    frozen = session.run("pip", "freeze", "--exclude-editable", silent=True)
    lines = sorted(
        (line for line in str(frozen).splitlines() if "==" in line),
        key=str.lower,
    )
    header = "# Pinned by `nox -s lock` for the nox sessions (Python 3.11); do not edit by hand.\n"
    (ROOT / "requirements" / "constraints.txt").write_text(header + "\n".join(lines) + "\n")


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    _install(session, *_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Run ``mypy --strict`` on src/."""
    _install(session, "-e", ".[postgres,matching]", *_group("typecheck"))
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site with Sphinx, warnings as errors."""
    _install(session, "-e", ".[testing,matching]", *_group("docs"))
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def examples(session: nox.Session) -> None:
    """Run every script in examples/ as a user would."""
    _install(session, "-e", ".")
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
    _install(session, "-e", ".[postgres,matching]", *_group("bench"))
    wanted = session.posargs
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    for script in scripts:
        if wanted and not any(w in script.name for w in wanted):
            continue
        if script.stem in OWN_SESSION:
            session.log(f"--- {script.name}: run by `nox -s {script.stem}`")
            continue
        session.log(f"--- {script.name}")
        session.run("python", str(script), env={"PYTHONHASHSEED": "0", **_bench_env()})


# Benchmarks with dependencies of their own, run by a session of their own.
OWN_SESSION = ("bench_matching",)


@nox.session
def bench_matching(session: nox.Session) -> None:
    """Run benchmarks/bench_matching.py: crmcore's matcher against recordlinkage and splink.

    FEBRL 1, 2 and 4 through each tool, each run in a process of its own.
    ``nox -s bench_matching -- --scale 1000000`` also runs splink (and
    crmcore) on the persons of a generated data set of that many records.
    The tools come from the ``bench-matching`` dependency group, which
    requirements/constraints.txt does not pin (recordlinkage keeps pandas below 3).
    """
    _install(session, "-e", ".", *_group("bench-matching"))
    session.run(
        "python",
        str(ROOT / "benchmarks" / "bench_matching.py"),
        *session.posargs,
        env={"PYTHONHASHSEED": "0", **_bench_env()},
    )


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing of the core modules (``[tool.mutmut]`` in pyproject.toml).

    Prints the score and the surviving mutants and fails under 90 % killed.
    A whole run takes hours on two cores (the storage modules' mutants each run
    much of the suite); ``mutmut browse`` shows a survivor's diff.
    """
    _install(session, "-e", ".", *_group("mutation"))
    session.run("mutmut", "run", *session.posargs, env={"HYPOTHESIS_PROFILE": "mutation"})
    session.run("mutmut", "export-cicd-stats")
    session.run("python", "tools/mutation_score.py")


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
    _install(session, "-e", ".", *_group("tests"))
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
