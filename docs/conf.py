"""Sphinx configuration.

Why Sphinx (with MyST for Markdown) rather than MkDocs: autodoc with Napoleon
reads our Google-style docstrings as they are, ``-W`` turns every broken
reference into a build failure, and MyST lets the pages be Markdown that Sybil
executes in the test suite. MkDocs 1.x has had no release since 2024 and needs a
plugin stack for the same result.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "crmcore"
author = "The crmcore developers"
copyright = "2026, The crmcore developers"
release = _version("crmcore")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "conftest.py"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
nitpicky = False
# No intersphinx: the docs must build offline, as CI has no network.
suppress_warnings = ["config.cache"]

html_theme = "furo"
html_title = f"crmcore {release}"
