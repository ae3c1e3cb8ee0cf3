"""Detection over word forms (issue 19): crisis kinds, lay words, filters, names, notations.

Every case is written for this test, in words the lexicons do not list verbatim where the
rule is meant to generalise (inflections, zu-forms, words in between, compounds).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detectors import CRISIS_KINDS, Category, Severity, scan_text
from compliance.detectors.registry import LEXICON_CATEGORIES


def found(text: str) -> list[tuple[str, str]]:
    return [(f.category.value, text[f.start : f.end]) for f in scan_text(text)]


def categories(text: str) -> set[str]:
    return {f.category.value for f in scan_text(text)}


CRISIS_CASES = [
    # the writer, in forms no phrase lists: zu-infinitive, words in between, methods
    ("Ich denke ständig daran, mich vor den Zug zu werfen.", "self"),
    ("hab schon die ganze Packung Tabletten geschluckt", "self"),
    ("I keep thinking about jumping off the bridge tonight", "self"),
    ("I've been saving up my pills for weeks", "self"),
    ("hab mir wieder absichtlich den Arm verbrannt", "self"),
    # a third person
    ("Meine Freundin hat versucht, sich das Leben zu nehmen.", "third_person"),
    ("my brother says he wants to kill himself", "third_person"),
    # violence or threats against the writer
    ("Er hat mich gestern gewürgt und gedroht, mich umzubringen.", "violence"),
    ("he held a knife to my throat last night", "violence"),
    # a child at risk
    ("Der Freund meiner Schwester schlägt die Kinder.", "child"),
    ("the toddler was left alone in the flat all night again", "child"),
]


@pytest.mark.parametrize(("text", "kind"), CRISIS_CASES, ids=[c[0] for c in CRISIS_CASES])
def test_crisis_kinds(text: str, kind: str) -> None:
    crisis = [f for f in scan_text(text) if f.category is Category.CRISIS]
    assert crisis, text
    assert crisis[0].kind == kind
    assert crisis[0].severity is CRISIS_KINDS[kind].severity


@pytest.mark.parametrize(
    "text",
    [
        "Ich lach mich tot 😂",
        "Das bringt mich noch um 😂 so viel Arbeit",
        "I could kill for a coffee right now haha",
        "this commute is killing me lol",
        "Die Zimmerpflanze liegt im Sterben, kannst du mal gucken?",
    ],
)
def test_hyperbole_is_no_crisis(text: str) -> None:
    assert "CRISIS" not in categories(text)


def test_every_crisis_kind_explains_itself_in_both_languages() -> None:
    for info in CRISIS_KINDS.values():
        for lang in ("de", "en"):
            assert info.label(lang) and info.explanation(lang).endswith(".")
            # a report must not look like it holds what it only classifies
            assert scan_text(info.explanation(lang)) == []
    assert CRISIS_KINDS["self"].severity is Severity.CRITICAL


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Ich hatte letzte Woche eine Lungenentzündung", "HEALTH"),  # word formation
        ("bin seit Montag krankgeschrieben, Grippe", "HEALTH"),
        ("my dad had a triple bypass in March", "HEALTH"),
        ("she's been drinking every night since the divorce", "HEALTH"),
        ("meine Eltern stammen aus dem Libanon", "ETHNIC_ORIGIN"),
        ("my mum is of Ghanaian descent", "ETHNIC_ORIGIN"),
        ("Ich bin seit Jahren in der IG BAU", "TRADE_UNION"),
        ("I'm the UCU rep at our college", "TRADE_UNION"),
        ("mein Vater wählt seit Jahren die AfD", "POLITICAL_OPINION"),
        ("I voted Green at the last election", "POLITICAL_OPINION"),
        ("Wir sind neuapostolisch, sonntags geht's in die Kirche", "RELIGION"),
        ("I pray five times a day", "RELIGION"),
        ("Ich bin Trägerin für Mukoviszidose", "GENETIC_BIOMETRIC"),
        ("my 23andMe results came back", "GENETIC_BIOMETRIC"),
        ("Er sitzt gerade in U-Haft", "CRIMINAL"),
        ("my boyfriend is on bail until the trial", "CRIMINAL"),
        ("wir leben in einer offenen Beziehung", "SEX_LIFE_ORIENTATION"),
    ],
)
def test_art9_in_lay_words(text: str, category: str) -> None:
    assert category in categories(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hab gestern nen Podcast über Depressionen gehört",  # a topic
        "Interessanter Artikel über Burnout in der Pflege",
        "Mein Cousin arbeitet in der Psychiatrie in der Verwaltung",  # a workplace
        "She accepted the probation officer job",
        "Der Drucker ist heute voll depressiv",  # an idiom
        "Die Synagoge ist direkt neben der Haltestelle",
        "Am Sonntag ist Wahl",
        "Sorry für die Störung.",
    ],
)
def test_topics_workplaces_and_idioms_are_no_disclosure(text: str) -> None:
    assert categories(text) & {c.value for c in LEXICON_CATEGORIES} == set(), found(text)


def test_a_surname_after_a_title_is_no_diagnosis() -> None:
    assert ("PERSON_NAME", "Alzheimer") in found("Termin bei Dr Alzheimer am Montag")
    assert "HEALTH" not in categories("Termin bei Dr. Alzheimer am Montag")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mein Sohn Kacper hat heute Fieber", "Kacper"),  # kinship word
        ("my sister Ngozi is coming too", "Ngozi"),  # a name no list has, after a cue
        ("Kontoinhaber: Kwame Mensah", "Kwame Mensah"),  # a form label
        ("danke dir, lg jess", "jess"),  # a lower-case sign-off
        ("Hab heute mit Emre gesprochen", "Emre"),  # running text
        ("Morgen kommt Herr Yılmaz vorbei", "Yılmaz"),
        ("Gestern hat Will angerufen", "Will"),  # a common word inside a sentence
    ],
)
def test_names_of_third_persons(text: str, name: str) -> None:
    assert ("PERSON_NAME", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Will you be there on Monday?",  # a common word at the start of a sentence
        "Die Rose im Garten blüht",
        "Mark the date in your calendar",
        "Wir treffen uns im Juli am See",
        "Farah and Karim",  # two people: two findings, not one
    ],
)
def test_common_words_are_no_names(text: str) -> None:
    names = [value for category, value in found(text) if category == "PERSON_NAME"]
    assert all(" and " not in value for value in names)
    if text != "Farah and Karim":
        assert names == []


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        ("iban: de89 3704 0044 0532 0130 00", "IBAN", "de89 3704 0044 0532 0130 00"),
        ("KVNR A 123 456 780", "DE_HEALTH_INSURANCE_NUMBER", "A 123 456 780"),
        ("Versichertennummer a123456780", "DE_HEALTH_INSURANCE_NUMBER", "a123456780"),
        ("Max Muster * 12.03.1985 in Köln", "DATE_OF_BIRTH", "12.03.1985"),
        ("born 03/14/1985 in Ohio", "DATE_OF_BIRTH", "03/14/1985"),
        ("Tel 0171 / 234 56 78", "PHONE", "0171 / 234 56 78"),
        ("call me at (646) 381-9027", "PHONE", "(646) 381-9027"),
        ("the form wants my SSN: 123-45-6789", "SOCIAL_SECURITY_NUMBER", "123-45-6789"),
        ("is COBADEFFXXX right?", "BIC", "COBADEFFXXX"),
    ],
)
def test_identifier_notations(text: str, category: str, value: str) -> None:
    assert (category, value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "iban: de89 3704 0044 0532 0130 01",  # check digits fail
        "KVNR A 123 456 781",
        "born 03/14/2985",
        "order 646-381-902",
        "SSN 000-45-6789",  # no area 000
    ],
)
def test_identifier_look_alikes_fail_their_checks(text: str) -> None:
    assert (
        categories(text)
        & {
            "IBAN",
            "DE_HEALTH_INSURANCE_NUMBER",
            "DATE_OF_BIRTH",
            "PHONE",
            "SOCIAL_SECURITY_NUMBER",
        }
        == set()
    )


def test_one_finding_per_disclosure() -> None:
    assert found("I was diagnosed with ADHD last year") == [("HEALTH", "diagnosed with ADHD")]
    assert found("Die Diagnose: rezidivierende depressive Störung") == [
        ("HEALTH", "Diagnose: rezidivierende depressive")
    ]


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SENTENCES = [
    "Ich habe eine Angststörung und nehme Sertralin.",
    "Mein Bruder ist schwul und Mitglied bei den Grünen.",
    "Ich bin Muslima und faste im Ramadan.",
    "Ich will mich umbringen, ich halte es nicht mehr aus.",
    "Er wurde wegen Körperverletzung verurteilt.",
    "Ich habe Magersucht und war in der Tagesklinik.",
    "I was diagnosed with bipolar disorder and take lithium.",
    "My dad is in a union and votes Labour.",
    "Übermorgen muss ich zur Chemotherapie.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3), st.booleans())
def test_lower_case_and_folded_umlauts_give_the_same_findings(
    sentences: list[str], fold: bool
) -> None:
    text = " ".join(sentences)
    changed = text.lower().translate(_FOLD) if fold else text.lower()
    lexical = {c.value for c in LEXICON_CATEGORIES}
    assert categories(text) & lexical == categories(changed) & lexical


# Crisis signals that add up without a listed phrase (issue 19): each sentence was written
# for this test and matches no crisis term on its own; the signal sets carry it.
SIGNAL_CASES = [
    "niemand würde mich vermissen, wenn ich weg wäre",  # not-being + nobody
    "hab meine sachen verschenkt. danke für alles",  # affairs in order + goodbye
    "mein bruder will sich was antun, er geht nicht ans telefon",
    "ich hab alle meine schlaftabletten auf einmal genommen",  # an amount of a drug
    "nobody would even notice if i was gone",
    "i gave away my stuff and sorted my will. thank you for everything",
    "my ex is outside the flat with a knife",
    "i feel like a burden to everyone, they'd be better off",
    # a child at risk: a carer drunk and the child alone or in the car
    "die mutter ist stockbesoffen und allein mit dem baby",
    "their dad is hammered and the kids are alone in the flat",
]


@pytest.mark.parametrize("text", SIGNAL_CASES)
def test_crisis_signals_add_up(text: str) -> None:
    assert "CRISIS" in categories(text), text


# Near misses: the same words of death, harm and goodbye in a joke, a topic, a thing that
# is "dead", a bereavement, an ordinary goodbye or an everyday task.
CRISIS_NEAR_MISSES = [
    "mein handy ist tot, ruf morgen an",
    "meine oma ist letztes jahr gestorben, die beerdigung war schön",
    "wir haben im kurs über suizidprävention gesprochen",
    "ich mach schluss für heute, bis morgen",
    "der endboss hat mich 40 mal umgebracht",
    "ich hab mir beim kochen in den finger geschnitten",
    "die hitze bringt mich um",
    "bring mich um, wenn ich nochmal zu spät komme",
    "danke für alles, die Therapie hat mir sehr geholfen",
    "i'm going to jump in the shower then head over",
    "the kids are home alone for an hour after school, is that ok?",
    "kill me if i ever order pineapple on pizza again",
    "my phone is dead, call you later",
    "gonna jump on a train to Brighton for the day",
    "i cut my finger while cooking, it's fine",
    "saw a talk on self-harm awareness for teachers",
    # everyday uses of the words the signal sets hold
    "ich hab mein testament beim notar machen lassen, alles geregelt für die kinder",
    "wir haben das alte sofa verschenkt, passt nicht mehr",
    "ich nehm eine ganze packung gummibärchen mit ins kino",
    "wir springen morgen vom 3-meter-brett im freibad",
    "er hat mich beim tischtennis geschlagen, schon wieder",
    "ich will das leben genießen",
    "ich möchte für immer hier wohnen",
    "i've sorted everything for the move, boxes are labelled",
    "i don't want to live in this city anymore",
    "hit me up when you want to grab food",
    "i just want to disappear to a beach for a week",
    "die kinder sind heute nacht bei oma, ich bin allein zu haus",
    "wir fahren mit den kindern im auto an die see",
    "ich hab heißes wasser für den tee aufgesetzt",
    # signals the message's words as a whole speak against (crisis weights)
    "bin übers Kabel gestolpert und hab das Glas fallen lassen, nix passiert",
    "I am bleeding money on this flat, the landlord is a joke",
]


@pytest.mark.parametrize("text", CRISIS_NEAR_MISSES)
def test_crisis_near_misses(text: str) -> None:
    assert "CRISIS" not in categories(text), found(text)


# A health word after a negation, a thing, a simile or an animal discloses nothing; the
# same word about a person still does.
HEALTH_FIGURES = [
    ("keine sorge, ich hab keine allergien", "ich hab allergien gegen nüsse"),
    ("unser router hat wieder ne panikattacke", "ich hatte wieder ne panikattacke"),
    ("this weather is so bipolar", "my sister is bipolar"),
    ("ich bin wie gelähmt vor schreck", "mein vater ist seit dem schlaganfall gelähmt"),
    ("my dog has arthritis, the vet gave him tablets", "my mum has arthritis in her hands"),
    ("i'm not depressed or anything, just tired", "i've been depressed since the winter"),
]


@pytest.mark.parametrize(("figure", "disclosure"), HEALTH_FIGURES)
def test_health_figures_of_speech(figure: str, disclosure: str) -> None:
    assert "HEALTH" not in categories(figure), found(figure)
    assert "HEALTH" in categories(disclosure), disclosure


# Art. 9 words used of a thing, a place or a date, beside the same word about a person.
ART9_CONTEXTS = [
    ("Der Streik bei der Bahn nervt, ich komm später", "Ich bin seit Jahren in der Gewerkschaft"),
    ("the train strike means the buses are packed", "i'm a union rep for our branch"),
    ("Mein Fahrrad wurde geklaut, ich hab Anzeige erstattet", "Er ist vorbestraft"),
    ("my bike got stolen outside the station", "he has a criminal record"),
    ("Mein Handy entsperrt nicht mehr mit Fingerabdruck", "Sie haben meine Fingerabdrücke"),
    ("my phone won't unlock with my fingerprint anymore", "the police took my fingerprints"),
    ("The Catholic school down the road has an open evening", "I was raised Catholic"),
    ("Ramadan starts next week so the shop hours change", "I'm fasting for Ramadan this year"),
    ("Der Gentest bei Hunden wird beliebter", "Mein Gentest hat eine BRCA-Mutation gezeigt"),
]


@pytest.mark.parametrize(("context", "disclosure"), ART9_CONTEXTS)
def test_art9_words_of_things_places_and_dates(context: str, disclosure: str) -> None:
    art9 = {c.value for c in LEXICON_CATEGORIES} - {"CRISIS"}
    assert not categories(context) & art9, found(context)
    assert categories(disclosure) & art9, disclosure


def test_a_crisis_found_by_signals_leaves_a_name_its_own_finding() -> None:
    text = "wollte nur tschüss sagen Dilara. ihr seht mich nicht wieder"
    findings = found(text)
    assert ("PERSON_NAME", "Dilara") in findings
    crisis = [value for category, value in findings if category == "CRISIS"]
    assert crisis and all("Dilara" not in value for value in crisis)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("hab zahnschmerzen ohne ende, nehm schon die dritte ibuprofen heut", "ibuprofen"),
        ("my GP gave me something for anxiety", "anxiety"),
    ],
)
def test_medication_and_health_words_as_people_write_them(text: str, word: str) -> None:
    found = [text[f.start : f.end] for f in scan_text(text) if f.category.value == "HEALTH"]
    assert word in found


def test_buying_medicine_is_no_disclosure() -> None:
    text = "Kannst du auf dem Rückweg Ibuprofen aus der Apotheke mitbringen?"
    assert [f for f in scan_text(text) if f.category.value == "HEALTH"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Mein Ex schreibt mir seit Stunden, dass er mich findet und kaltmacht",
        "Er hat meine Hand auf die heiße Herdplatte gedrückt",
        "sie stehen vor meinem Haus und schreien, sie stechen mich ab",
        "the voices are saying i should step in front of the lorry",
        "he held my hand on the hob until it blistered",
    ],
)
def test_violence_and_methods_in_words_of_the_street(text: str) -> None:
    assert any(f.category is Category.CRISIS for f in scan_text(text))


def test_cutting_asparagus_is_no_stabbing() -> None:
    assert not any(f.category is Category.CRISIS for f in scan_text("Spargel abstechen macht Spaß"))
