"""Art. 9 / Art. 10 lexicon matching: inflection, compounds, phrases, context rules, file syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.detectors import LEXICON_CATEGORIES, Category, scan_text
from compliance.detectors.lexicon import (
    LANGUAGES,
    LEXICON_DIR,
    Lexicon,
    lower_same_length,
    read_terms,
)
from compliance.errors import InputError


def found(text: str, lang: str = "auto") -> list[tuple[str, str]]:
    return [(f.category.value, text[f.start : f.end]) for f in scan_text(text, lang=lang)]


POSITIVES = [
    ("Ich habe eine Depression.", ("HEALTH", "Depression")),
    ("Die Depressionen kommen wieder.", ("HEALTH", "Depressionen")),
    ("Ich bin depressiv.", ("HEALTH", "depressiv")),
    ("Eine Winterdepression, jedes Jahr.", ("HEALTH", "Winterdepression")),
    ("Die Angststörung ist besser.", ("HEALTH", "Angststörung")),
    ("Ich hatte Panikattacken.", ("HEALTH", "Panikattacken")),
    ("Nach dem Klinikaufenthalt geht es.", ("HEALTH", "Klinikaufenthalt")),
    ("Die Angststoerung ist besser.", ("HEALTH", "Angststoerung")),  # ASCII spelling
    ("ICH NEHME SERTRALIN", ("HEALTH", "SERTRALIN")),
    ("Lithium 450 mg am Abend", ("HEALTH", "Lithium")),
    ("I've been on sertraline for a month.", ("HEALTH", "sertraline")),
    ("Ich habe Suizidgedanken.", ("CRISIS", "Suizidgedanken")),
    ("Ich will nicht mehr leben.", ("CRISIS", "nicht mehr leben")),
    ("Sometimes I want to die.", ("CRISIS", "want to die")),
    ("I've been self-harming again.", ("CRISIS", "self-harming")),
    ("Ich bin schwul.", ("SEX_LIFE_ORIENTATION", "schwul")),
    ("Ich bin bei ver.di.", ("TRADE_UNION", "ver.di")),
    ("Ich habe die Grünen gewählt.", ("POLITICAL_OPINION", "Grünen")),
    ("Er ist türkischstämmig.", ("ETHNIC_ORIGIN", "türkischstämmig")),
    ("Der Gentest war positiv.", ("GENETIC_BIOMETRIC", "Gentest")),
    ("Ich bin vorbestraft.", ("CRIMINAL", "vorbestraft")),
    ("Wir sind katholisch.", ("RELIGION", "katholisch")),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_terms(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


NEGATIVES = [
    "Ibuprofen auf die Einkaufsliste setzen.",  # a drug name without intake
    "Die Lithium-Akkus sind leer, ich nehme neue mit.",  # battery despite "nehme"
    "Das Wetter ist deprimierend.",
    "Traumwetter heute!",  # "trauma" must not match inside "Traum…"
    "Er sucht den Schlüssel.",
    "Die Ritzen im Boden sind dreckig.",
    "Sorry für die Störung.",
    "Ich sterbe vor Lachen.",
    "We voted on the new logo.",
    "Can you grab some ibuprofen on your way?",
    "I still will come, the session is at 5.",
    "My phone battery is dying.",
    "Das Archiv ist voll.",  # "hiv" inside a word
    "The raids were in the news.",  # "aids" inside a word
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_harmless_contexts(text: str) -> None:
    assert found(text) == []


def test_language_selection() -> None:
    assert found("I have depression", lang="en") == [("HEALTH", "depression")]
    assert found("I have depression", lang="de") == [
        ("HEALTH", "depression")
    ]  # "depression*" is German too
    assert found("I want to die", lang="de") == []
    assert found("Ich bin lebensmüde", lang="en") == []


def test_crisis_is_critical_and_health_high() -> None:
    findings = scan_text("Ich nehme Sertralin und habe Suizidgedanken")
    assert [(f.category, f.severity.value) for f in findings] == [
        (Category.HEALTH, "high"),
        (Category.CRISIS, "critical"),
    ]


def test_every_lexicon_category_has_files_in_both_languages() -> None:
    for lang in LANGUAGES:
        for category in LEXICON_CATEGORIES:
            assert (LEXICON_DIR / lang / f"{category.value.lower()}.txt").is_file()


def test_every_needed_cue_set_exists() -> None:
    terms = read_terms(LEXICON_DIR, LANGUAGES)
    cues = {t.cue for t in terms if t.cue}
    needed = {name for t in terms for name in t.needs | t.unless}
    assert needed <= cues


def test_lower_same_length_keeps_offsets() -> None:
    text = "İstanbul ẞ Straße"
    assert len(lower_same_length(text)) == len(text)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("foo | color=red", "unknown option"),
        ("a*b", "bad term"),
        ("x | conf=high", "bad confidence"),
    ],
)
def test_bad_lexicon_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    folder = tmp_path / "de"
    folder.mkdir()
    (folder / "health.txt").write_text(f"# ok\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_terms(tmp_path, ["de"])
    assert f"health.txt:2: {message}" in str(caught.value)


def test_unknown_category_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "hobbies.txt").write_text("golf\n", encoding="utf-8")
    with pytest.raises(InputError, match="no known category"):
        read_terms(tmp_path, ["de"])


def test_custom_lexicon_with_cues(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "health.txt").write_text("aspirin | needs=intake\nmigräne*\n", "utf-8")
    (tmp_path / "de" / "cues-intake.txt").write_text("nehme\n", "utf-8")
    lexicon = Lexicon(read_terms(tmp_path, ["de"]))
    texts = ["Aspirin kaufen", "ich nehme Aspirin", "Migraene seit gestern"]
    block = "\x00".join(texts)
    starts = [0, len(texts[0]) + 1, len(texts[0]) + len(texts[1]) + 2]
    ends = [s + len(t) for s, t in zip(starts, texts, strict=True)]
    hits = lexicon.scan_block(block, starts, ends)
    assert [(h.message, texts[h.message][h.start : h.end]) for h in hits] == [
        (1, "Aspirin"),
        (2, "Migraene"),
    ]


def test_a_declined_word_stands_for_its_forms(tmp_path: Path) -> None:
    """The forms file of a language: "kein" in a term also matches "keinen", in a phrase
    and in a window, and a word without forms stays as written."""
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "crisis.txt").write_text(
        "kein grund mehr\n{mein,dein} ~1 leben beenden\nein ende\n", "utf-8"
    )
    (tmp_path / "inflections-de.txt").write_text(
        "# comment\nkein keinen keine\nmein meinem meine\n", "utf-8"
    )
    lexicon = Lexicon(read_terms(tmp_path, ["de"]))
    texts = [
        "hab keinen Grund mehr",
        "ich will meinem leben ja nicht beenden",
        "will meine leben beenden",
        "einem ende",
    ]
    block = "\x00".join(texts)
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    ends = [s + len(t) for s, t in zip(starts, texts, strict=True)]
    hits = lexicon.scan_block(block, starts, ends)
    assert sorted({h.message for h in hits}) == [0, 2]
    # without the file the term matches only as written
    (tmp_path / "inflections-de.txt").unlink()
    plain = Lexicon(read_terms(tmp_path, ["de"]))
    assert not plain.scan_block(block, starts, ends)


def test_real_german_forms_match_declined_phrases() -> None:
    assert ("CRISIS", "keinen Grund mehr zu leben") in found("er hat keinen Grund mehr zu leben")


def test_block_tuples_carry_what_the_hits_carry() -> None:
    lexicon = Lexicon(read_terms(LEXICON_DIR, LANGUAGES))
    texts = ["Ich nehme 50 mg Sertralin", "Guten Morgen!", "Die Angststörung ist besser"]
    block = "\x00".join(texts)
    starts = [0, len(texts[0]) + 1, len(texts[0]) + len(texts[1]) + 2]
    ends = [s + len(t) for s, t in zip(starts, texts, strict=True)]
    hits = lexicon.scan_block(block, starts, ends)
    tuples = lexicon.scan_block_tuples(block, starts, ends)
    assert [(h.message, h.start, h.end, h.category, h.confidence) for h in hits] == [
        t[:5] for t in tuples
    ]
    assert {(message, category) for message, _, _, category, _, _ in tuples} == {
        (0, Category.HEALTH),
        (2, Category.HEALTH),
    }


@pytest.mark.parametrize(
    "text",
    ["Seit drei Wochen keine Panikattacke mehr!!", "no panic attacks since Christmas"],
)
def test_a_negation_that_reveals_a_history_keeps_the_health_word(text: str) -> None:
    # the labelling counts these: the negation tells that there were attacks
    assert [category for category, _ in found(text)] == ["HEALTH"]


@pytest.mark.parametrize("text", ["keine Allergien bekannt", "no allergies", "nicht depressiv"])
def test_a_plain_negation_drops_the_health_word(text: str) -> None:
    assert found(text) == []


def test_a_name_is_the_person_a_common_illness_needs() -> None:
    # "Windpocken" needs a person in the message: a name is one, as "mein Sohn" is
    text = "kurze Info: Milan ist ab morgen wieder in der Kita, die Windpocken sind durch"
    assert ("HEALTH", "Windpocken") in found(text)
    assert ("HEALTH", "Windpocken") not in found("Die Windpocken sind durch, sagt die Zeitung")


def test_a_window_may_report_the_part_that_states_the_fact(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "ethnic_origin.txt").write_text(
        "{mum,dad} ~3 {irish,kurdish,turkish} | fact=2\n", "utf-8"
    )
    lexicon = Lexicon(read_terms(tmp_path, ["en"]))
    text = "my mum's Kurdish and dad's Turkish so yeah"
    hits = lexicon.scan_block(text, [0], [len(text)])
    assert [text[h.start : h.end] for h in hits] == ["Kurdish", "Turkish"]


def test_a_fact_part_beyond_the_window_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "ethnic_origin.txt").write_text("{mum,dad} ~3 irish | fact=3\n", "utf-8")
    with pytest.raises(InputError, match="fact=3"):
        read_terms(tmp_path, ["en"])


@pytest.mark.parametrize(
    "text",
    [
        "Ich mach mir Sorgen um Sie. Haben Sie gerade Gedanken, sich etwas anzutun?",
        "Hast du Gedanken, dich umzubringen?",
    ],
)
def test_a_screening_question_to_the_reader_is_no_crisis(text: str) -> None:
    assert [c for c, _ in found(text) if c == "CRISIS"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Is it normal that I want to die?",  # the writer asks about themselves
        "ich will nicht mehr leben. verstehst du?",  # the question is another sentence
        "er wartet am Parkplatz und dann schlitzt er mich auf",
    ],
)
def test_a_crisis_beside_a_question_stays_one(text: str) -> None:
    assert "CRISIS" in [c for c, _ in found(text)]
