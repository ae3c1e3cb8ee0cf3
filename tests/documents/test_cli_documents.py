"""The document commands end to end: files written, bad profiles reported, init behaviour."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import cli
from tests.conftest import REPO_ROOT
from tests.documents.conftest import docx_text, pdf_text

EXAMPLE = REPO_ROOT / "examples" / "practice.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("language", ["de", "en"])
def test_consent_writes_pdf_and_docx(tmp_path: Path, language: str) -> None:
    code, out, err = run("consent", str(EXAMPLE), "--lang", language, "-o", str(tmp_path))
    assert code == 0, err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"consent-messenger_{language}.docx", f"consent-messenger_{language}.pdf"]
    assert str(tmp_path / f"consent-messenger_{language}.pdf") in out
    assert "Signal" in pdf_text((tmp_path / f"consent-messenger_{language}.pdf").read_bytes())
    assert "Signal" in docx_text((tmp_path / f"consent-messenger_{language}.docx").read_bytes())


def test_onboard_writes_every_language_and_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for target in (first, second):
        code, _, err = run("onboard", str(EXAMPLE), "--client", "Şükrü Yılmaz", "-o", str(target))
        assert code == 0, err
    names = sorted(p.name for p in first.iterdir())
    assert sorted(re.sub(r"-[0-9a-f]{8}_", "-ID_", name) for name in names) == [
        "consent-messenger_sukru-yilmaz-ID_de.docx",
        "consent-messenger_sukru-yilmaz-ID_de.pdf",
        "consent-messenger_sukru-yilmaz-ID_en.docx",
        "consent-messenger_sukru-yilmaz-ID_en.pdf",
        "messenger-agreement_sukru-yilmaz-ID_de.docx",
        "messenger-agreement_sukru-yilmaz-ID_de.pdf",
        "messenger-agreement_sukru-yilmaz-ID_en.docx",
        "messenger-agreement_sukru-yilmaz-ID_en.pdf",
        "privacy-notice_de.docx",
        "privacy-notice_de.pdf",
        "privacy-notice_en.docx",
        "privacy-notice_en.pdf",
    ]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert "Şükrü Yılmaz" in pdf_text(next(first.glob("consent-messenger*_de.pdf")).read_bytes())
    # outputs may hold client data: readable by the owner only, no temporary files left
    assert all((first / name).stat().st_mode & 0o077 == 0 for name in names)
    assert not [p for p in first.iterdir() if p.name.startswith(".")]


def test_format_option(tmp_path: Path) -> None:
    code, _, _ = run(
        "consent", str(EXAMPLE), "--lang", "de", "--format", "pdf", "-o", str(tmp_path)
    )
    assert code == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".pdf"]
    code, _, err = run("consent", str(EXAMPLE), "--format", "odt", "-o", str(tmp_path))
    assert code == 2
    assert "'odt' is not a format" in err


BAD_PROFILES = [
    (
        "unknown key",
        "practitioner:\n  name: A\n  profesion: coach\n",
        "practice.yaml:3: practitioner.profesion: unknown field",
    ),
    (
        "wrong type",
        "messaging:\n  messengers: [signal]\n  retention_days: viele\n",
        "practice.yaml:3: messaging.retention_days: Input should be a valid integer",
    ),
    (
        "unknown messenger",
        "messaging:\n  messengers: [signal, brieftaube]\n",
        "practice.yaml:2: messaging.messengers: unknown messenger 'brieftaube'",
    ),
    (
        "missing field",
        "practitioner:\n  name: A\n  profession: coach\n",
        "practice.yaml:1: practice: required field is missing",
    ),
    (
        "malformed YAML",
        "practitioner:\n  name: [A\n  profession: coach\n",
        "practice.yaml:3: malformed YAML",
    ),
    (
        "duplicate key",
        "practitioner:\n  name: A\n  name: B\n",
        "practice.yaml:3: practitioner.name: duplicate key (first given on line 2)",
    ),
    (
        "state outside Germany",
        "jurisdiction:\n  country: AT\n  state: BE\n",
        "practice.yaml:3: jurisdiction.state: 'state' is only used for practices in Germany",
    ),
    (
        "bad e-mail",
        "practice:\n  email: nicht-erreichbar\n",
        "practice.yaml:2: practice.email: value is not a valid email address",
    ),
]


@pytest.mark.parametrize(
    ("case", "snippet", "expected"), BAD_PROFILES, ids=[c[0] for c in BAD_PROFILES]
)
def test_bad_profile_gives_one_clear_line_and_exit_3(
    tmp_path: Path, case: str, snippet: str, expected: str
) -> None:
    path = tmp_path / "practice.yaml"
    path.write_text(snippet, encoding="utf-8")
    code, out, err = run("consent", str(path), "-o", str(tmp_path / "out"))
    assert code == 3, (case, err)
    lines = [line.replace(str(tmp_path) + "/", "") for line in err.splitlines()]
    assert any(line.startswith(expected) for line in lines), lines
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "out").exists()


def test_problems_in_a_full_profile_name_their_lines(
    make_profile: Callable[..., Path],
) -> None:
    path = make_profile(messaging__retention_days=0, practitioner__profession="wizard")
    code, _, err = run("consent", str(path))
    assert code == 3
    text = path.read_text(encoding="utf-8").splitlines()
    for line in err.splitlines():
        number = int(line.split(":")[1])
        field = line.split(":")[2].strip().split(".")[-1]
        assert field in text[number - 1], (line, text[number - 1])
    assert "practitioner.profession: Input should be 'psychotherapist'" in err
    assert "messaging.retention_days: Input should be greater than or equal to 1" in err


def test_missing_profile_file(tmp_path: Path) -> None:
    code, _, err = run("consent", str(tmp_path / "nope.yaml"))
    assert code == 3
    assert err.strip().endswith("nope.yaml: file not found")


def test_init_writes_a_valid_commented_profile(tmp_path: Path) -> None:
    for language, comment in (("de", "# Praxisprofil"), ("en", "# Practice profile")):
        path = tmp_path / f"practice-{language}.yaml"
        code, _, err = run("init", str(path), "--lang", language, "--yes")
        assert code == 0, err
        assert path.read_text(encoding="utf-8").startswith(comment)
        code, _, err = run("consent", str(path), "-o", str(tmp_path / f"out-{language}"))
        assert code == 0, err


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "practice.yaml"
    path.write_text("# mine\n", encoding="utf-8")
    code, _, err = run("init", str(path), "--yes")
    assert code == 2
    assert "already exists" in err
    assert path.read_text(encoding="utf-8") == "# mine\n"
    code, _, _ = run("init", str(path), "--yes", "--force")
    assert code == 0
    assert path.read_text(encoding="utf-8") != "# mine\n"


def test_init_asks_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.cli import documents

    monkeypatch.setattr(documents, "stdin_is_terminal", lambda: True)
    answers = [
        "Jana Muster",
        "",
        "coach",
        "female",
        "",
        "Coaching Muster",
        "Weg 1",
        "80331",
        "München",
        "+49 89 123456",
        "jana@example.de",
        "",
        "DE",
        "BY",
        "threema",
        "de",
        *[""] * 7,  # the messenger-use questions: take the defaults
    ]
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "p.yaml"), "--lang", "de"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert 'name: "Jana Muster"' in text and 'messengers: ["threema"]' in text
    assert 'state: "BY"' in text
    assert 'gender: "female"' in text  # init asks for the form of the profession's name


def test_unknown_region_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "practice.yaml"
    path.write_text("jurisdiction:\n  country: CH\n  region: Atlantis\n", encoding="utf-8")
    code, _, err = run("consent", str(path))
    assert code == 3
    assert "practice.yaml:3: jurisdiction.region: unknown region 'Atlantis' for CH" in err
