"""The check that the ``matching`` extra is installed, before anything imports numpy."""

from importlib.util import find_spec

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError

__all__: list[str] = []

if find_spec("numpy") is None:  # pragma: no cover - the tests run with the extra installed
    raise ConfigurationError(
        N_("duplicate matching needs numpy"),
        code="matching.missing_numpy",
        field="matching",
        value="numpy",
        hint="pip install crmcore[matching]",
    )
