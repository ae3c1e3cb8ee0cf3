"""The audit report's words per language (``templates/report/{de,en}.yaml``), formatted with babel.

Every text a report shows comes from these files, as the documents' texts do; this module
only looks them up, fills in ``{placeholders}`` and formats numbers, dates and durations
the way the language writes them (``1.234`` and ``07.12.2026`` in German, ``1,234`` and
``7 Dec 2026`` in English). Swiss German reports write "ss" for "ß".
"""

from __future__ import annotations

import locale as system_locale
import os
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, get_group_symbol

from compliance.datadir import data_root
from compliance.datayaml import load_yaml_data

LANGUAGES = ("de", "en")
_COUNTRY_LOCALES = {"DE": "de_DE", "AT": "de_AT", "CH": "de_CH"}


def default_language(profile_languages: list[str] | None = None) -> str:
    """The profile's first language, else German on a German system, else English."""
    for language in profile_languages or []:
        if str(language) in LANGUAGES:
            return str(language)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    current = system_locale.getlocale()[0] or ""
    return "de" if current.lower().startswith("de") else "en"


@cache
def _load(language: str) -> dict[str, Any]:
    path = data_root() / "templates" / "report" / f"{language}.yaml"
    loaded: dict[str, Any] = load_yaml_data(path)
    return loaded


@cache
def action_table() -> dict[str, Any]:
    """``templates/report/actions.yaml``: which action applies to a finding, and its due rule."""
    loaded: dict[str, Any] = load_yaml_data(data_root() / "templates" / "report" / "actions.yaml")
    return loaded


class ReportTexts:
    """The texts of one language, with number, date and duration formats of its locale."""

    def __init__(self, language: str, country: str | None = None) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"no report texts for language {language!r}")
        self.language = language
        self.country = country
        self.data = _load(language)
        name = self.data["locale"]
        if language == "de" and country in _COUNTRY_LOCALES:
            name = _COUNTRY_LOCALES[country]
        self.locale = Locale.parse(name)
        self.swiss = str(self.locale) == "de_CH"
        self.group_symbol = get_group_symbol(self.locale)

    def _spell(self, text: str) -> str:
        return text.replace("ß", "ss") if self.swiss else text

    def raw(self, key: str) -> Any:
        """The data at a dotted ``key`` (``severity.high``); a missing key raises KeyError."""
        node: Any = self.data
        rest = key
        while rest:
            # Codes hold dots themselves (``finding.retention.overdue``): a whole remaining key
            # wins over its parts.
            if isinstance(node, Mapping) and rest in node:
                return node[rest]
            head, _, rest = rest.partition(".")
            node = node[head]
        return node

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except (KeyError, TypeError):
            return False
        return True

    def __call__(self, key: str, **params: object) -> str:
        """The text at ``key`` with its placeholders filled in."""
        text = self.raw(key)
        if not isinstance(text, str):
            raise KeyError(f"{key} is not a text")
        return self._spell(text.format(**params) if params else text)

    def get(self, key: str, default: str, **params: object) -> str:
        """The text at ``key``, or ``default`` where the data has none (a new category)."""
        return self(key, **params) if self.has(key) else default

    def count(self, key: str, n: int, **params: object) -> str:
        """A text with a count, in the plural form the count needs (``units.day`` -> ``3 Tage``)."""
        forms: Mapping[str, str] = self.raw(key if "." in key else f"units.{key}")
        form = self.locale.plural_form(n)
        text = forms.get(form) or forms["other"]
        return self._spell(text.format(n=self.number(n), **params))

    def number(self, value: int | float) -> str:
        if isinstance(value, int):
            # Whole numbers are most of what a report counts, and babel's formatter is slow
            # for a hundred thousand of them: Python groups by three, the locale names the mark.
            return f"{value:,}".replace(",", self.group_symbol)
        return format_decimal(value, locale=self.locale)

    def date(self, value: date | datetime | None, zone: tzinfo | None = None) -> str:
        """A date as the language writes it (``07.12.2026`` / ``7 Dec 2026``)."""
        if value is None:
            return self("dash")
        if isinstance(value, datetime):
            if value.tzinfo is not None and zone is not None:
                value = value.astimezone(zone)
            value = value.date()
        return format_date(value, format="medium", locale=self.locale)

    def moment(self, value: datetime | None, zone: tzinfo | None = None) -> str:
        """A date and time to the minute."""
        if value is None:
            return self("dash")
        if value.tzinfo is not None and zone is not None:
            value = value.astimezone(zone)
        return f"{self.date(value)}, {format_time(value, format='short', locale=self.locale)}"

    def duration(self, hours: float | None) -> str:
        """Hours as a person writes them: ``2 days 3 hours``, ``5 hours``, ``40 minutes``."""
        if hours is None:
            return self("dash")
        minutes = round(hours * 60)
        if minutes < 60:
            return self.count("minute", minutes)
        whole_hours = round(hours)
        days, rest = divmod(whole_hours, 24)
        if days == 0:
            return self.count("hour", rest)
        if rest == 0:
            return self.count("day", days)
        return f"{self.count('day', days)} {self.count('hour', rest)}"

    def law(self, name: str) -> str:
        """A legal reference for the report's country (``law.secrecy`` -> ``§ 203 StGB``)."""
        table: Mapping[str, str] = self.raw(f"law.{name}")
        return self._spell(table.get(self.country or "", table["default"]))


@cache
def texts_for(language: str, country: str | None = None) -> ReportTexts:
    """The texts of ``language`` (``de``/``en``), with the locale of ``country`` (DE, AT, CH)."""
    return ReportTexts(language, country)


__all__ = ["LANGUAGES", "ReportTexts", "action_table", "default_language", "texts_for"]
