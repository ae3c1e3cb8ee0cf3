"""Names of people where a cheap and reliable signal shows them: greetings, titles, closings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from compliance.detectors.base import Candidate, Category, Detector, Match, Shape
from compliance.detectors.name_lists import never_names, never_surnames, place_names
from compliance.detectors.person_names import TITLE_WORDS

# Words that follow greetings or titles but are no names.
NOT_NAMES = frozenset(
    [
        "Zusammen",
        "Leute",
        "Team",
        "Ihr",
        "Du",
        "Sie",
        "Alle",
        "Allerseits",
        "Frau",
        "Herr",
        "Herrn",
        "Doktor",
        "Dr",
        "Morgen",
        "Abend",
        "Tag",
        "Nacht",
        "Welt",
        "Mama",
        "Papa",
        "Schatz",
        "Liebe",
        "Lieber",
        "Liebes",
        "Grüße",
        "Gruß",
        "Danke",
        "Vielen",
        "Wie",
        "Ich",
        "Wir",
        "Es",
        "Das",
        "Der",
        "Die",
        "Und",
        "Oder",
        "Aber",
        "Heute",
        "Gestern",
        "Ja",
        "Nein",
        "Okay",
        "Ok",
        "Gut",
        "Super",
        "Schön",
        "Bitte",
        "Hallo",
        "Hi",
        "Hey",
        "Hier",
        "Everyone",
        "All",
        "There",
        "Guys",
        "Folks",
        "Team",
        "Sir",
        "Madam",
        "Thanks",
        "Thank",
        "You",
        "Again",
        "Yes",
        "No",
        "Good",
        "Great",
        "Hope",
        "Just",
        "Sorry",
        "So",
        "The",
        "And",
        "But",
        "Please",
        "Mum",
        "Mom",
        "Dad",
        "Honey",
        "Dear",
        "Morning",
        "Evening",
        "Afternoon",
        "Night",
        "Noch",
        "Nur",
        "Mal",
        "Schon",
        "Kurz",
        "Eine",
        "Ein",
        "Sorry",
        "Auch",
        "Erstmal",
        "Nochmal",
        "Frohe",
        "Frohes",
        "Gute",
        "Guten",
        "Neues",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Coach",
        "Coaching",
        "Therapeut",
        "Therapeutin",
        "Praxis",
        "Kollege",
        "Kollegin",
        "Sonnenschein",
        "Liebling",
        "Süße",
        "Süßer",
        "Maus",
        "Mäuschen",
        "Schatzi",
        "Darling",
        "Sweetie",
        "Love",
        "Babe",
        "Buddy",
        "Mate",
    ]
)
_NAME_TOKEN = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèáàíóú]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóú]+)?")
_TITLE_WORDS = re.compile(r"(?:(?:" + "|".join(map(re.escape, TITLE_WORDS)) + r")\s+)+")


def _name_span(
    text: str, at: int, *, allow_two: bool, after_title: bool = False
) -> tuple[int, int] | None:
    """The span of a name (one or two tokens) starting at ``at`` in ``text``, or None.

    After a title a word of the never-names list is a surname all the same ("Frau Sommer",
    "Herr Winter"): only the words that follow greetings without being names are refused.
    """
    first = _NAME_TOKEN.match(text, at)
    if first is None or first.group() in NOT_NAMES:
        return None
    word = first.group().lower()
    if word in never_names() and (not after_title or word in never_surnames()):
        return None
    end = first.end()
    if allow_two and end < len(text) and text[end] == " ":
        second = _NAME_TOKEN.match(text, end + 1)
        if second is not None and second.group() not in NOT_NAMES:
            end = second.end()
    if text[at:end].lower() in place_names():
        return None
    return at, end


class GreetingNameDetector(Detector):
    """The name after a greeting: ``Hallo Anna``, ``Liebe Frau Dr. Weber``, ``Dear John``."""

    name = "person_name_greeting"
    category = Category.PERSON_NAME
    shape = Shape.GREETING
    priority = 30

    _GREETING = re.compile(
        r"(?:Hallöchen|Hallo|Hello|Hiya|Heya|Hi|Hey|Liebe|Lieber|Dear|Moin|Servus|Grüezi|"
        r"Guten (?:Morgen|Tag|Abend)|"
        r"Good (?:morning|afternoon|evening))[ ,]+"
    )

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        greeting = self._GREETING.match(text)
        if greeting is None:
            return
        at = greeting.end()
        title = _TITLE_WORDS.match(text, at)
        if title is not None:
            at = title.end()
        span = _name_span(text, at, allow_two=title is not None, after_title=title is not None)
        if span is not None:
            yield Match(candidate.start + span[0], candidate.start + span[1], 0.8)


class TitleNameDetector(Detector):
    """A surname after a form of address: ``Frau Müller``, ``Herrn Dr. Schmidt``, ``Mr Brown``."""

    name = "person_name_title"
    category = Category.PERSON_NAME
    shape = Shape.TITLE
    priority = 31

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        title = _TITLE_WORDS.match(text)
        if title is None:
            return
        span = _name_span(text, title.end(), allow_two=True, after_title=True)
        if span is not None:
            yield Match(candidate.start + span[0], candidate.start + span[1], 0.85)


class SignatureNameDetector(Detector):
    """The name under a closing at the end of a message: ``LG Anna``, ``Best, John``."""

    name = "person_name_signature"
    category = Category.PERSON_NAME
    shape = Shape.SIGNATURE
    priority = 30

    _CLOSING = re.compile(
        r"(?:LG|VG|GLG|Liebe Grüße|Viele Grüße|Beste Grüße|Herzliche Grüße|Schöne Grüße|"
        r"Grüße|Gruß|Best regards|Kind regards|Warm regards|Regards|Best wishes|Best|Cheers|"
        r"Thanks|Danke)[,!.]?\s+"
    )

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        closing = self._CLOSING.match(text)
        if closing is None:
            return
        span = _name_span(text, closing.end(), allow_two=True)
        if span is not None:
            yield Match(candidate.start + span[0], candidate.start + span[1], 0.8)
