"""Build hook: compile the gettext catalogues (``.po`` -> ``.mo``) into every wheel.

The ``.mo`` files are build output (git ignores them). They are written beside
their ``.po`` in the source tree, so a wheel packs them (as artifacts, which
are included although git ignores them) and an editable install, which runs
from the source tree, finds them too. Fuzzy entries are left out, as gettext's
``msgfmt`` does. Without this hook crmcore still works: it compiles a missing
or stale catalogue in memory (see ``crmcore._i18n``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE_DIR = Path("src", "crmcore", "locale")


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``src/crmcore/locale/*/LC_MESSAGES/*.po`` for wheels."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        """Compile every catalogue and declare the ``.mo`` files as artifacts."""
        if self.target_name != "wheel":
            return
        from babel.messages import mofile, pofile

        root = Path(self.root)
        for po in sorted((root / LOCALE_DIR).glob("*/LC_MESSAGES/*.po")):
            language = po.parent.parent.name
            with po.open("rb") as stream:
                catalog = pofile.read_po(stream, locale=language)
            mo = po.with_suffix(".mo")
            partial = mo.with_suffix(".mo.part")
            with partial.open("wb") as stream:
                mofile.write_mo(stream, catalog, use_fuzzy=False)
            partial.replace(mo)
            build_data["artifacts"].append(mo.relative_to(root).as_posix())

    def clean(self, versions: list[str]) -> None:  # noqa: ARG002
        """Remove the compiled catalogues (``hatch build --clean``)."""
        for mo in (Path(self.root) / LOCALE_DIR).glob("*/LC_MESSAGES/*.mo"):
            mo.unlink()
