"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
# COMPLIANCE_SAMPLES points to the samples where ../shared is not beside the checkout.
SAMPLES = Path(os.environ.get("COMPLIANCE_SAMPLES") or SHARED / "samples")


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present beside the repository")
    return SAMPLES
