"""The built-in detectors, listed explicitly; a new detector is one more line here."""

from __future__ import annotations

from compliance.detectors.banking import (
    BicDetector,
    IbanDetector,
    LowerCaseIbanDetector,
    PaymentCardDetector,
)
from compliance.detectors.base import Category, Detector
from compliance.detectors.contact import (
    EmailDetector,
    IpAddressDetector,
    Ipv6AddressDetector,
    PhoneDetector,
    UrlWithTokenDetector,
)
from compliance.detectors.engine import LexiconDetector
from compliance.detectors.lexicon import Lexicon
from compliance.detectors.medical_codes import Icd10Detector
from compliance.detectors.names import (
    GreetingNameDetector,
    SignatureNameDetector,
    TitleNameDetector,
)
from compliance.detectors.national_ids import (
    HealthInsuranceNumberDetector,
    IdDocumentDetector,
    PensionNumberDetector,
    SocialSecurityNumberDetector,
    SpacedHealthInsuranceNumberDetector,
    TaxIdDetector,
    TaxNumberDetector,
)
from compliance.detectors.personal import (
    AddressDetector,
    DateOfBirthDetector,
    EnglishAddressDetector,
    PostcodeDetector,
    WrittenDateOfBirthDetector,
)

#: Pattern detectors that need no configuration, in the order they look at a candidate.
DEFAULT_DETECTORS: tuple[type[Detector], ...] = (
    IbanDetector,
    LowerCaseIbanDetector,
    BicDetector,
    PaymentCardDetector,
    EmailDetector,
    IpAddressDetector,
    Ipv6AddressDetector,
    UrlWithTokenDetector,
    TaxIdDetector,
    TaxNumberDetector,
    PensionNumberDetector,
    HealthInsuranceNumberDetector,
    SpacedHealthInsuranceNumberDetector,
    IdDocumentDetector,
    SocialSecurityNumberDetector,
    DateOfBirthDetector,
    WrittenDateOfBirthDetector,
    AddressDetector,
    EnglishAddressDetector,
    PostcodeDetector,
    GreetingNameDetector,
    TitleNameDetector,
    SignatureNameDetector,
    Icd10Detector,
)

#: Categories found by the lexicon pass (Art. 9 and Art. 10).
LEXICON_CATEGORIES: tuple[Category, ...] = (
    Category.HEALTH,
    Category.CRISIS,
    Category.SEX_LIFE_ORIENTATION,
    Category.RELIGION,
    Category.POLITICAL_OPINION,
    Category.TRADE_UNION,
    Category.ETHNIC_ORIGIN,
    Category.GENETIC_BIOMETRIC,
    Category.CRIMINAL,
)


def build_detectors(lexicon: Lexicon | None = None, *, region: str = "DE") -> list[Detector]:
    """Every built-in detector; phone numbers default to ``region`` (the practice's country)."""
    detectors: list[Detector] = [cls() for cls in DEFAULT_DETECTORS]
    detectors.insert(3, PhoneDetector(region))
    if lexicon is not None:
        detectors.extend(
            LexiconDetector(lexicon, category)
            for category in LEXICON_CATEGORIES
            if category in lexicon.categories
        )
        if Category.PERSON_NAME in lexicon.categories:
            detectors.append(LexiconDetector(lexicon, Category.PERSON_NAME))
    return detectors
