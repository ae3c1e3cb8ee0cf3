"""Masked forms keep a value recognisable and reveal no more than agreed; pseudonyms are keyed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.detectors import LEXICON_CATEGORIES, Category, Pseudonymizer, mask, scan_text
from compliance.detectors.masking import BULLET

EXAMPLES = [
    (Category.IBAN, "DE89 3704 0044 0532 0130 00", "", "DE89 •••• •••• •••• ••30 00"),
    (Category.EMAIL, "anna@example.de", "", "a•••@example.de"),
    (Category.HEALTH, "F32.1", "icd10_code", "F32.•"),
    (Category.HEALTH, "Sertralin", "lexicon_health", "S•••"),
    (Category.PAYMENT_CARD, "4111 1111 1111 1111", "", "•••• •••• •••• 1111"),
    (Category.PHONE, "0171 2345678", "", "017• •••••78"),
    (Category.DATE_OF_BIRTH, "12.03.1985", "", "••.••.••••"),
    (Category.ADDRESS, "Hauptstraße 5, 10115 Berlin", "", "H•••••••••• •, ••••• B•••••"),
    (Category.PERSON_NAME, "Katrin Hoffmann", "", "K••••• H•••••••"),
    (Category.IP_ADDRESS, "192.168.178.20", "", "192.•••.•••.••"),
    (Category.URL_WITH_TOKEN, "https://zoom.us/j/1?pwd=abc", "", "https://zoom.us/•••"),
    (Category.DE_TAX_ID, "36574261809", "", "36•••••••09"),
    (Category.DE_PENSION_NUMBER, "15 070649 C 103", "", "15 •••••• • •03"),
    (Category.BIC, "DEUTDEFF", "", "DE••••FF"),
    (Category.ID_DOCUMENT, "T2200", "", "•••••"),  # short values show nothing
]


@pytest.mark.parametrize(("category", "value", "detector", "expected"), EXAMPLES)
def test_masked_forms(category: Category, value: str, detector: str, expected: str) -> None:
    assert mask(category, value, detector) == expected


#: How many letters or digits of the value a masked form may show, at most.
def allowed(category: Category, value: str, detector: str) -> int:
    alnum = sum(c.isalnum() for c in value)
    words = sum(
        1 for i, c in enumerate(value) if c.isalnum() and (i == 0 or not value[i - 1].isalnum())
    )
    limits = {
        Category.IBAN: 8,
        Category.PAYMENT_CARD: 4,
        Category.PHONE: 5,
        Category.DATE_OF_BIRTH: 0,
        Category.ADDRESS: words,  # the first letter of each word
        Category.PERSON_NAME: words,
    }
    if detector == "icd10_code":
        return 3
    if category in (Category.EMAIL, Category.URL_WITH_TOKEN, Category.IP_ADDRESS):
        return alnum  # checked separately: the secret parts are hidden
    if category in limits:
        return limits[category]
    if category in LEXICON_CATEGORIES:
        return 1
    return 4 if alnum >= 8 else 0


@given(
    st.sampled_from(
        [
            c
            for c in Category
            if c not in (Category.EMAIL, Category.URL_WITH_TOKEN, Category.IP_ADDRESS)
        ]
    ),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["", "lexicon_x", "icd10_code"]),
)
def test_masking_never_reveals_more_than_agreed(
    category: Category, value: str, detector: str
) -> None:
    masked = mask(category, value, detector)
    shown = [c for c in masked if c.isalnum()]
    assert len(shown) <= allowed(category, value, detector)
    assert all(c in value for c in shown)


@given(st.from_regex(r"[a-z0-9._]{1,20}@[a-z0-9-]{1,10}\.[a-z]{2,5}", fullmatch=True))
def test_email_mask_shows_first_character_and_domain_only(value: str) -> None:
    local, _, domain = value.rpartition("@")
    assert mask(Category.EMAIL, value) == f"{local[0]}{BULLET * 3}@{domain}"


@given(st.text(min_size=0, max_size=30))
def test_url_mask_never_shows_path_or_query(secret: str) -> None:
    masked = mask(Category.URL_WITH_TOKEN, f"https://example.com/reset?token={secret}")
    assert masked == "https://example.com/•••"


def test_pseudonyms_count_one_value_across_spellings_without_revealing_it() -> None:
    keyed = Pseudonymizer(b"k" * 32)
    a = keyed.pseudonym(Category.IBAN, "DE89 3704 0044 0532 0130 00")
    b = keyed.pseudonym(Category.IBAN, "de89370400440532013000")
    assert a == b and len(a) == 16 and "3704" not in a
    assert keyed.pseudonym(Category.HEALTH, "Sertralin") == keyed.pseudonym(
        Category.HEALTH, "SERTRALIN"
    )
    other = Pseudonymizer(b"o" * 32)
    assert other.pseudonym(Category.IBAN, "DE89370400440532013000") != a
    assert Pseudonymizer.with_random_key().pseudonym(Category.IBAN, "DE89370400440532013000") != a


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError):
        Pseudonymizer(b"short")


def test_scan_sets_pseudonyms_only_when_given_a_key() -> None:
    text = "IBAN DE89 3704 0044 0532 0130 00"
    assert scan_text(text)[0].pseudonym is None
    keyed = Pseudonymizer(b"k" * 32)
    finding = scan_text(text, pseudonymizer=keyed)[0]
    assert finding.pseudonym == keyed.pseudonym(Category.IBAN, "DE89370400440532013000")
    assert "pseudonym" in finding.to_dict() and "value" not in finding.to_dict()
