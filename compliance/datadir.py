"""Where the bundled data (templates/, checklists/ and schemas/) is found.

The data ships inside the package (``compliance/templates``, ``compliance/checklists``,
``compliance/schemas``) and is located through ``importlib.resources``, so every kind of
install finds it: editable, a wheel in a venv, ``pip install --user``, ``--target`` and pipx.
``COMPLIANCE_DATA_DIR`` points to another copy (e.g. one a DPO has reviewed).

A module of its own, without pydantic or the profile models, because ``compliance scan``
finds its lexicons here and starts much faster without them.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from compliance.errors import ComplianceError


class CatalogError(ComplianceError):
    """The bundled data cannot be found; the installation is incomplete."""


def package_data_root() -> Path:
    """The data folder of the installed package itself (never the override)."""
    # A package installed from a wheel or a checkout is a folder on disk; a zipped
    # install is not supported, and is reported by data_root() as incomplete.
    return Path(str(resources.files("compliance")))


def data_root() -> Path:
    """The folder holding ``templates/`` and ``checklists/``.

    ``COMPLIANCE_DATA_DIR`` overrides it; otherwise the installed package's own data.
    """
    override = os.environ.get("COMPLIANCE_DATA_DIR")
    root = Path(override) if override else package_data_root()
    if (root / "templates").is_dir() and (root / "checklists").is_dir():
        return root
    where = "COMPLIANCE_DATA_DIR" if override else "the installed package"
    raise CatalogError(
        f"the data folders templates/ and checklists/ were not found in {root} ({where}); "
        f"reinstall compliance or set COMPLIANCE_DATA_DIR to a folder that holds them"
    )


def schema_path(name: str) -> Path:
    """A JSON Schema shipped with the package, e.g. ``audit-report.schema.json``."""
    return package_data_root() / "schemas" / name
