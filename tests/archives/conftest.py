"""Fixtures of the archive tests."""

from __future__ import annotations

import pytest

from compliance.cli import zip_password as cli_password


@pytest.fixture
def no_zip_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """No password from the developer's environment, and no terminal to ask on.

    CliRunner's stdin is no terminal anyway; tests that want a prompt patch it back.
    """
    monkeypatch.delenv(cli_password.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(cli_password, "stdin_is_terminal", lambda: False)
