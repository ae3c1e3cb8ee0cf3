"""Where the bundled data (templates/ and checklists/) is installed.

A module of its own, without pydantic or the profile models, because ``compliance scan``
finds its lexicons here and starts much faster without them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from compliance.errors import ComplianceError


class CatalogError(ComplianceError):
    """The bundled data cannot be found; the installation is incomplete."""


def data_root() -> Path:
    """The folder holding ``templates/`` and ``checklists/``.

    ``COMPLIANCE_DATA_DIR`` overrides it; otherwise the repository root next to the
    package (an editable install), else ``<prefix>/share/compliance`` (a wheel).
    """
    override = os.environ.get("COMPLIANCE_DATA_DIR")
    candidates = (
        [Path(override)]
        if override
        else [Path(__file__).resolve().parent.parent, Path(sys.prefix) / "share" / "compliance"]
    )
    for root in candidates:
        if (root / "templates").is_dir() and (root / "checklists").is_dir():
            return root
    raise CatalogError(
        f"the data folders templates/ and checklists/ were not found in "
        f"{' or '.join(map(str, candidates))}; reinstall compliance or set COMPLIANCE_DATA_DIR"
    )
