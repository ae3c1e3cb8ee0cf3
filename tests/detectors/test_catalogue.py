"""The category catalogue covers the fixed vocabulary with severities and legal bases."""

from __future__ import annotations

from compliance.detectors import CATALOGUE, DEFAULT_DETECTORS, Category, LegalBasis, Severity


def test_every_category_is_described() -> None:
    assert set(CATALOGUE) == set(Category)
    for category, info in CATALOGUE.items():
        assert info.category is category
        assert info.description("de") and info.description("en")
        assert info.description("de") != info.description("en")


def test_crisis_is_the_only_critical_category_and_art_9_10_are_marked() -> None:
    critical = [c for c, info in CATALOGUE.items() if info.severity is Severity.CRITICAL]
    assert critical == [Category.CRISIS]
    assert CATALOGUE[Category.HEALTH].legal_basis is LegalBasis.ART_9
    assert CATALOGUE[Category.CRIMINAL].legal_basis is LegalBasis.ART_10
    assert CATALOGUE[Category.IBAN].legal_basis is LegalBasis.IDENTIFIER


def test_severities_are_ordered() -> None:
    ranks = [s.rank for s in (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)]
    assert ranks == sorted(ranks, reverse=True)


def test_detectors_are_small_named_units() -> None:
    names = [cls.name for cls in DEFAULT_DETECTORS]
    assert len(names) == len(set(names))
    for cls in DEFAULT_DETECTORS:
        assert cls.__doc__ and cls.category in CATALOGUE


def test_vocabulary_is_exactly_the_one_of_issue_4() -> None:
    vocabulary = [
        "IBAN",
        "BIC",
        "PAYMENT_CARD",
        "PHONE",
        "EMAIL",
        "DE_TAX_ID",
        "DE_TAX_NUMBER",
        "DE_PENSION_NUMBER",
        "DE_HEALTH_INSURANCE_NUMBER",
        "ID_DOCUMENT",
        "SOCIAL_SECURITY_NUMBER",
        "DATE_OF_BIRTH",
        "ADDRESS",
        "IP_ADDRESS",
        "URL_WITH_TOKEN",
        "PERSON_NAME",
        "HEALTH",
        "CRISIS",
        "SEX_LIFE_ORIENTATION",
        "RELIGION",
        "POLITICAL_OPINION",
        "TRADE_UNION",
        "ETHNIC_ORIGIN",
        "GENETIC_BIOMETRIC",
        "CRIMINAL",
    ]
    assert [c.value for c in Category] == vocabulary
