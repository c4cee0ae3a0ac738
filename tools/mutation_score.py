"""Print the mutation score of the last ``mutmut run`` and fail under a floor.

Run by ``nox -s mutation`` after ``mutmut run`` and ``mutmut export-cicd-stats``.
The score is the share of mutants the tests kill (a time-out counts as killed:
the mutant made the code hang, and a test noticed), of those that could be
tried; the surviving mutants are listed by name, so that each is either killed
by a new test or explained in docs/performance.md's section on mutation testing.

    python tools/mutation_score.py [--floor 90] [--stats mutants/mutmut-cicd-stats.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def score(stats: dict[str, int]) -> tuple[int, int, float]:
    """Return (killed, tried, percentage) from mutmut's CI/CD statistics."""
    killed = stats["killed"] + stats["timeout"]
    tried = stats["total"] - stats["skipped"] - stats.get("check_was_interrupted_by_user", 0)
    return killed, tried, 100.0 * killed / tried if tried else 100.0


def survivors() -> list[str]:
    """The names of the mutants that no test killed, as ``mutmut results`` lists them."""
    listing = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in listing.splitlines() if line.strip().endswith(": survived")]


def main() -> int:
    """Print the score and the survivors; exit 1 under the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", type=float, default=90.0)
    parser.add_argument("--stats", type=Path, default=Path("mutants/mutmut-cicd-stats.json"))
    args = parser.parse_args()
    stats = json.loads(args.stats.read_text(encoding="utf-8"))
    killed, tried, percentage = score(stats)
    print(json.dumps(stats, indent=2))
    left = survivors()
    print(f"{len(left)} surviving mutants:", *left, sep="\n  ")
    print(f"mutation score: {killed}/{tried} killed = {percentage:.1f} % (floor {args.floor:g} %)")
    return 0 if percentage >= args.floor else 1


if __name__ == "__main__":
    sys.exit(main())
