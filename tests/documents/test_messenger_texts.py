"""Ready-to-paste texts fit the messengers' limits; the .ics parses and holds the dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.cli import cli
from compliance.documents.messenger_texts import calendar_ics, limits_for, messenger_texts
from compliance.profile import load_profile
from tests.documents.conftest import EXAMPLE

AS_OF = date(2026, 12, 7)


@pytest.mark.parametrize(
    "messengers", [["signal"], ["telegram"], ["whatsapp", "threema"], ["wire"]]
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_texts_fit_their_limits(
    make_profile: Callable[..., Path], messengers: list[str], language: str
) -> None:
    profile = load_profile(make_profile(messaging__messengers=messengers))
    status_max, _ = limits_for(profile)
    texts = messenger_texts(profile, language, AS_OF)
    assert texts
    for item in texts:
        assert len(item.text) <= item.limit
        assert "112" in item.text
    vacation = texts[-1].text
    assert ("4. Januar 2027" if language == "de" else "4 January 2027") in vacation
    if status_max is None:
        assert len(texts) == 2  # no status field: after-hours and vacation only


def test_calendar_holds_hours_holidays_and_vacations() -> None:
    data = calendar_ics(load_profile(EXAMPLE), "de", AS_OF)
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert sum(s == "Erreichbar für Nachrichten" for s in summaries) == 6  # Monday has two spans
    assert "Feiertag: Erster Weihnachtstag (nicht erreichbar)" in summaries
    vacation = next(e for e in events if str(e["SUMMARY"]).startswith("Urlaub"))
    assert vacation.decoded("DTSTART") == date(2026, 12, 23)
    assert vacation.decoded("DTEND") == date(2027, 1, 4)
    assert calendar_ics(load_profile(EXAMPLE), "de", AS_OF) == data


def test_agreement_command_writes_everything_and_never_overwrites(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["agreement", str(EXAMPLE), "--lang", "en", "-o", str(tmp_path), "--as-of", "2026-12-07"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "messenger-agreement_en.docx",
        "messenger-agreement_en.pdf",
        "messenger-availability_en.ics",
        "messenger-texts_en.txt",
    ]
    assert runner.invoke(cli, args).exit_code == 2
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0


def test_onboard_writes_the_agreement(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["onboard", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "messenger-agreement_de.pdf").exists()
    assert (tmp_path / "messenger-agreement_en.docx").exists()


def test_bad_profile_in_messenger_use_is_one_line(make_profile: Callable[..., Path]) -> None:
    path = make_profile(messenger_use={"group_chats": "sometimes"})
    result = CliRunner().invoke(cli, ["agreement", str(path), "-o", str(path.parent / "o")])
    assert result.exit_code == 3
    assert "messenger_use.group_chats" in result.output


# Any weekly hours and any limit: every text fits, and the summary names each reachable day once.
_SPAN = st.tuples(st.integers(0, 22), st.sampled_from([0, 30])).map(
    lambda t: f"{t[0]:02d}:{t[1]:02d}-{t[0] + 1:02d}:{t[1]:02d}"
)


@settings(max_examples=40, deadline=None)
@given(
    hours=st.dictionaries(
        st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), _SPAN, min_size=1
    ),
    limit=st.integers(30, 400),
)
def test_texts_fit_any_hours_and_limit(hours: dict[str, str], limit: int) -> None:
    from compliance.documents.messenger_texts import _fit, hours_summary, text_templates
    from compliance.profile import PracticeProfile

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["availability"]["hours"] = hours
    profile = PracticeProfile.model_validate(data)
    templates = text_templates("de")
    summary = hours_summary(profile, templates)
    order = list(templates.days)
    by_short = {short: day for day, short in templates.days.items()}
    covered = set()
    for part in summary.split("; "):
        days = part.split(" ", 1)[0].split("–")
        first, last = order.index(by_short[days[0]]), order.index(by_short[days[-1]])
        covered.update(order[first : last + 1])
    assert covered == set(hours)
    values = {
        "hours": summary,
        "emergency": "112 (Notruf)",
        "emergency_number": "112",
        "response_days": "2",
    }
    for variants in (templates.status, templates.after_hours):
        assert len(_fit(variants, values, limit)) <= limit
