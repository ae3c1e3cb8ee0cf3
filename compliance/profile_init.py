"""Writes a new, commented practice profile from a few answers (``compliance init``)."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, fields
from pathlib import Path

from compliance.catalog import data_root
from compliance.profile import PracticeProfile, parse_profile
from compliance.yamlio import parse_yaml


@dataclass
class ProfileAnswers:
    """What ``compliance init`` asks; the defaults make a valid example profile."""

    name: str = "Anna Beispiel"
    title: str = ""
    profession: str = "psychotherapist"
    gender: str = ""
    chamber: str = ""
    practice_name: str = "Praxis Beispiel"
    street: str = "Musterstraße 12"
    postal_code: str = "10115"
    city: str = "Berlin"
    phone: str = "+49 30 1234567"
    email: str = "praxis@example.de"
    website: str = ""
    country: str = "DE"
    state: str = "BE"
    messengers: str = "signal"
    languages: str = "de, en"
    read_receipts: str = "no"
    online_status: str = "hidden"
    read_only_when_time_to_answer: str = "yes"
    device: str = "work_phone"
    device_off_outside_hours: str = "yes"
    group_chats: str = "never"
    end_of_work_days: str = "30"


# Answers that become YAML booleans; anything else is written as given and validated.
_BOOLEAN_ANSWERS = {
    "yes": "true",
    "ja": "true",
    "y": "true",
    "j": "true",
    "true": "true",
    "no": "false",
    "nein": "false",
    "n": "false",
    "false": "false",
}
_BOOLEAN_FIELDS = ("read_receipts", "read_only_when_time_to_answer", "device_off_outside_hours")


QUESTIONS: dict[str, dict[str, str]] = {
    "de": {
        "name": "Ihr Name",
        "title": "Akademischer Grad (leer lassen, wenn keiner)",
        "profession": "Beruf",
        "gender": "Form der Berufsbezeichnung: female (weiblich), male (männlich), leer: beide",
        "chamber": "Kammer oder Berufsverband (optional)",
        "practice_name": "Name der Praxis",
        "street": "Straße und Hausnummer",
        "postal_code": "Postleitzahl",
        "city": "Ort",
        "phone": "Telefon",
        "email": "E-Mail",
        "website": "Website (optional)",
        "country": "Land (DE, AT, CH)",
        "state": "Bundesland (nur DE, z. B. BE, BY, NW)",
        "messengers": "Messenger (Schlüssel, durch Komma getrennt)",
        "languages": "Sprachen der Dokumente (de, en)",
        "read_receipts": "Lesebestätigungen eingeschaltet? (ja/nein)",
        "online_status": "Online-Status und „schreibt …“ (shown = sichtbar, hidden = verborgen)",
        "read_only_when_time_to_answer": "Erst lesen, wenn Zeit zum Antworten ist? (ja/nein)",
        "device": "Gerät (work_phone = eigenes Diensttelefon, work_profile = Arbeitsprofil)",
        "device_off_outside_hours": "Diensttelefon außerhalb der Zeiten ausgeschaltet? (ja/nein)",
        "group_chats": "Gruppenchats (never = nie, named_groups = nur für benannte Gruppen)",
        "end_of_work_days": "Tage nach dem letzten Termin bis zum Übertragen und Löschen",
    },
    "en": {
        "name": "Your name",
        "title": "Academic title (leave empty if none)",
        "profession": "Profession",
        "gender": "Form of the profession's name: female, male, or empty (both)",
        "chamber": "Chamber or professional association (optional)",
        "practice_name": "Practice name",
        "street": "Street and number",
        "postal_code": "Postcode",
        "city": "City",
        "phone": "Phone",
        "email": "E-mail",
        "website": "Website (optional)",
        "country": "Country (DE, AT, CH)",
        "state": "German state (DE only, e.g. BE, BY, NW)",
        "messengers": "Messengers (keys, separated by commas)",
        "languages": "Document languages (de, en)",
        "read_receipts": "Read receipts switched on? (yes/no)",
        "online_status": 'Online status and "typing…" (shown, hidden)',
        "read_only_when_time_to_answer": "Read only when there is time to answer? (yes/no)",
        "device": "Device (work_phone = separate work phone, work_profile = work profile)",
        "device_off_outside_hours": "Work phone switched off outside your hours? (yes/no)",
        "group_chats": "Group chats (never, named_groups = only for named group settings)",
        "end_of_work_days": "Days after the last session until the chat is transferred and deleted",
    },
}


def _scalar(value: str) -> str:
    """A YAML scalar for ``value``: ``null`` when empty, else a JSON (= YAML) string."""
    value = value.strip()
    return "null" if not value else json.dumps(value, ensure_ascii=False)


def _flow_list(value: str) -> str:
    items = [item.strip() for item in value.split(",") if item.strip()]
    return ", ".join(json.dumps(item, ensure_ascii=False) for item in items)


def render_profile(answers: ProfileAnswers, language: str, filename: str) -> str:
    """The commented profile text for ``answers`` in ``language`` (de or en)."""
    template_path = data_root() / "templates" / "profile" / f"{language}.yaml.tmpl"
    values = {f.name: _scalar(getattr(answers, f.name)) for f in fields(answers)}
    values["messengers"] = _flow_list(answers.messengers)
    values["languages"] = _flow_list(answers.languages)
    if answers.country.strip().upper() != "DE":
        values["state"] = "null"
    values["country"] = _scalar(answers.country.strip().upper())
    values["filename"] = filename
    for name in _BOOLEAN_FIELDS:
        answer = getattr(answers, name).strip().lower()
        values[name] = _BOOLEAN_ANSWERS.get(answer, _scalar(answer))
    for name in ("online_status", "device", "group_chats"):
        values[name] = _scalar(getattr(answers, name).strip().lower())
    values["end_of_work_days"] = answers.end_of_work_days.strip() or "30"
    return string.Template(template_path.read_text(encoding="utf-8")).substitute(values)


def check_profile_text(text: str, source: Path) -> PracticeProfile:
    """Validate generated profile text exactly as ``load_profile`` would."""
    return parse_profile(parse_yaml(text, source))
