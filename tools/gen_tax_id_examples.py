"""Regenerate ``src/crmcore/standardize/data/tax_id_examples.json`` from python-stdnum.

Each stdnum module documents valid numbers in its doctests; this script takes
the first ``>>> validate('...')`` example that returns a value and is no
placeholder (``123456789``, which crmcore refuses), checks it with the
module itself, and writes the compact form per scheme. Run it after
upgrading python-stdnum:

    python tools/gen_tax_id_examples.py
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from stdnum.util import get_number_modules

from crmcore.standardize._placeholder import is_placeholder

_EXAMPLE = re.compile(
    r">>> validate\((?P<arg>'[^'\n]*'|\"[^\"\n]*\")\)(?:  #[^\n]*)?\n(?P<out>[^\n]*)\n"
)
_TARGET = Path(__file__).parents[1] / "src/crmcore/standardize/data/tax_id_examples.json"


def _scheme(module_name: str) -> str:
    return ".".join(part.rstrip("_") for part in module_name.split(".")[1:])


def main() -> None:
    """Write the examples file."""
    examples: dict[str, str] = {}
    for module in get_number_modules():
        for found in _EXAMPLE.finditer(module.__doc__ or ""):
            if found["out"].startswith("Traceback"):
                continue
            number = ast.literal_eval(found["arg"])
            try:
                value = module.compact(module.validate(number))
            except Exception:  # noqa: BLE001, S112 - a stale doctest: try the next one
                continue
            if is_placeholder(value):
                continue
            examples[_scheme(module.__name__)] = value
            break
    text = json.dumps(dict(sorted(examples.items())), ensure_ascii=False, indent=1)
    _TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"{len(examples)} examples written to {_TARGET.name}")


if __name__ == "__main__":
    main()
