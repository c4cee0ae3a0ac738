"""The one loader of crmcore's data tables: each package's ``data`` folder, read once.

Every table ships in the ``data`` folder of the package that owns it
(``crmcore/standardize/data/legal_forms.json``); a table two packages read
lives in crmcore's own ``data`` folder (``crmcore/data/confusables.json``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["data_bytes", "load_json"]


@cache
def load_json(package: str, name: str) -> Any:  # noqa: ANN401 - each table has its own shape
    """Return the parsed JSON table ``name`` of ``package``'s ``data`` folder.

    The file is read and parsed once per process; callers must not mutate it.

    Args:
        package: The package below ``crmcore`` (``"standardize"``), or ``""``
            for crmcore's own ``data`` folder (tables two packages read).
        name: The file's path in the folder (``"countries.json"``, ``"translit/uk.json"``).

    >>> load_json("standardize", "countries.json")["name_locales"][:3]
    ['en', 'pl', 'uk']
    """
    return json.loads(data_bytes(package, name))


def data_bytes(package: str, name: str) -> bytes:
    """Return the bytes of the file ``name`` of ``package``'s ``data`` folder, as shipped."""
    owner = f"crmcore.{package}" if package else "crmcore"
    return files(owner).joinpath("data", *name.split("/")).read_bytes()
