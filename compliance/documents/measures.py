"""The technical and organisational measures (Art. 32 GDPR, § 22 Abs. 2 BDSG; Art. 8 FADP).

What is in place and what is open comes from the profile's answers (``activities.measures``),
from the profile itself (read receipts, a data protection officer) and from the messenger
catalogue (end-to-end encryption); § 22 Abs. 2 BDSG's ten items are in place when one of the
measures they name is.
"""

from __future__ import annotations

from datetime import date

from compliance import catalog
from compliance.catalog import Confidence, Fact, LocalizedText
from compliance.documents.model import Document
from compliance.documents.records_common import base_context, build_document, format_date
from compliance.documents.template import LoadedTemplate, load_template
from compliance.profile import Country, PracticeProfile
from compliance.records import catalogue
from compliance.records.resolve import health_route

TEMPLATE_KIND = "measures"
GROUPS = ("device", "technical", "organisation")



def fact_text(fact: Fact, template: LoadedTemplate) -> str:
    """A catalogue fact for the practice's own overview (not client text): the value in the
    template's language, marked where it is not confirmed."""
    language = template.template.language
    value = fact.value
    if value is None or fact.confidence is Confidence.UNKNOWN:
        return template.word("facts", "unknown")
    if isinstance(value, bool):
        text = template.word("facts", "yes" if value else "no")
    elif isinstance(value, LocalizedText):
        text = value.in_(language)
    else:
        text = str(value)
    if fact.confidence is Confidence.UNVERIFIED:
        text = f"{text} {template.word('facts', 'unverified_mark')}"
    return text

def _derived(key: str, profile: PracticeProfile) -> bool:
    if key == "messenger_e2e":
        return all(
            catalog.messengers()[m].facts.e2e_one_to_one.value is True
            for m in profile.messaging.messengers
        )
    if key == "read_receipts_off":
        return not profile.messaging.read_receipts
    if key == "dpo":
        return profile.data_protection_officer is not None
    return False


def measure_status(profile: PracticeProfile, language: str) -> list[tuple[str, str, bool]]:
    """``(key, label, in_place)`` for every measure of the catalogue, in its order."""
    answers = profile.activities.measures
    swiss = profile.jurisdiction.country is Country.CH
    status = []
    for key, measure in catalogue.measures().items():
        in_place = _derived(key, profile) if measure.derived else answers.get(key, False)
        label = (measure.label_swiss if swiss else None) or measure.label
        status.append((key, label.de if language == "de" else label.en, in_place))
    return status


def build_measures(profile: PracticeProfile, language: str, *, generated: date) -> Document:
    """The measures document in ``language``; pure, no I/O."""
    loaded = load_template(TEMPLATE_KIND, language)
    context = base_context(profile, language)
    done, open_ = loaded.word("status", "in_place"), loaded.word("status", "open")
    status = measure_status(profile, language)
    in_place = {key for key, _, ok in status if ok}
    groups = []
    for group in GROUPS:
        rows = [
            (label, done if ok else open_)
            for key, label, ok in status
            if catalogue.measures()[key].group == group
        ]
        groups.append({"group_caption": loaded.word("groups", group), "group_rows": rows})
    number_word = loaded.word("status", "number")
    bdsg = [
        (
            f"{number_word}\u00a0{item.number}: "
            + (item.label.de if language == "de" else item.label.en),
            done if in_place & set(item.covered_by) else open_,
        )
        for item in catalogue.bdsg22_items()
    ]
    messengers = []
    for key in profile.messaging.messengers:
        messenger = catalog.messengers()[key]
        facts = messenger.facts
        messengers.append(
            {
                "messenger_caption": messenger.name,
                "messenger_rows": [
                    (loaded.word("fact_labels", name), fact_text(getattr(facts, name), loaded))
                    for name in (
                        "e2e_one_to_one",
                        "art28_agreement",
                        "third_country_transfer",
                        "server_location",
                        "disappearing_messages",
                        "address_book_upload",
                    )
                ],
            }
        )
    context.update(
        generated=format_date(generated, language),
        groups=groups,
        bdsg22_rows=bdsg,
        show_bdsg22=profile.jurisdiction.country is Country.DE and health_route(profile),
        austria=profile.jurisdiction.country is Country.AT,
        messenger_tables=messengers,
        open_items=[label for _, label, ok in status if not ok],
        has_open=any(not ok for _, _, ok in status),
    )
    return build_document("TOM", profile, loaded, context, generated.isoformat())
