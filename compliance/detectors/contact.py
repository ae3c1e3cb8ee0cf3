"""Contact identifiers: phone numbers, e-mail addresses, IP addresses, URLs carrying tokens."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
from phonenumbers import PhoneNumberType

from compliance.detectors.base import Candidate, Category, Detector, Match, Shape, digit_count

#: The kind of a phone finding that reaches a service, not a person: a helpline (0800 111 0
#: 111), a premium or shared-cost line. It is a phone number as written (and labelled), but
#: no personal data, so the audit leaves it out (``compliance.audit.rules.sensitive``).
SERVICE_NUMBER = "service"
#: Confidence of a service number: a phone number, but rarely one a report needs.
_SERVICE_CONFIDENCE = 0.6
#: Numbers that reach a service, not a person (hotlines, premium lines).
_SERVICE_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
_PHONE_CONTEXT = ("tel", "handy", "mobil", "nummer", "phone", "call", "ruf", "whatsapp", "signal")


_PERSONAL_TYPES = frozenset(
    {
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
    }
)
#: A North American number in its own layout: area code, exchange and line.
_US_NATIONAL = re.compile(
    r"(?:1[-. ])?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[-.])[2-9][0-9]{2}[-.][0-9]{4}"
    r"|(?P<spaced>[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4})"
)

#: Phone words, whole words only, for the one layout that needs them.
_US_PHONE_WORD = re.compile(
    r"\b(?:tel|phone|cell|call|ring|text|mobile|number|nummer|handy|whatsapp|signal)\b"
)


class PhoneDetector(Detector):
    """Phone numbers in national (``0171 2345678``) and international (``+49 …``) forms.

    Only digit runs that start like a dialled number (``+``, ``00``, ``0``) are handed
    to phonenumbers, which keeps dates, amounts and other identifiers out.
    """

    name = "phone"
    category = Category.PHONE
    shape = Shape.NUMBER
    min_digits = 6
    priority = 40

    def __init__(
        self, region: str = "DE", fallback_regions: tuple[str, ...] = ("DE", "AT", "CH", "GB")
    ) -> None:
        self.region = region
        # Clients write from abroad; a national number that is no number of the
        # practice's region is tried in the neighbouring regions, in this order.
        self.regions = (region, *(r for r in fallback_regions if r != region))

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        stripped = text.lstrip("(")
        # "(646) 381-9027", "646-381-9027": the North American layout, checked as such;
        # with spaces only ("646 381 9027") beside a phone word
        us_layout = _US_NATIONAL.fullmatch(text)
        if (
            us_layout is not None
            and (us_layout.group("spaced") is None or _US_PHONE_WORD.search(candidate.before(30)))
            and _number_type(text, "US") in _PERSONAL_TYPES
        ):
            yield Match(candidate.start, candidate.end, 0.85)
            return
        if not (stripped.startswith("+") or stripped.startswith("0")):
            return
        start = candidate.start
        if (
            text.startswith("+")
            and ")" in text[:5]
            and start
            and candidate.message[start - 1] == "("
        ):
            start -= 1  # "(+49) 171 …": the bracket opened before the plus belongs to it
        if _DATE_OR_TIME.fullmatch(text):
            return
        if candidate.start > 0 and candidate.message[candidate.start - 1] in "/.:-":
            return  # part of a path, date or version string
        # The whole candidate is nearly always the number: parse it once per region,
        # which is far cheaper than phonenumbers' matcher.
        digits = digit_count(text)
        national = stripped.startswith("0") and not stripped.startswith("00")
        # Other regions only for national numbers long enough to be mistaken for nothing else.
        regions = self.regions if national and digits >= 9 else self.regions[:1]
        for region in regions:
            number_type = _number_type(text, region)
            if number_type is None:
                continue
            if number_type != PhoneNumberType.UNKNOWN:
                if number_type in _SERVICE_TYPES:
                    yield Match(start, candidate.end, _SERVICE_CONFIDENCE, SERVICE_NUMBER)
                elif _phone_context(candidate):
                    yield Match(start, candidate.end, 0.95)
                else:
                    yield Match(start, candidate.end, 0.9 if region == self.region else 0.8)
                return
        if digits > 12 and (" " in text or "/" in text or "-" in text):
            yield from self._split(candidate)

    def _split(self, candidate: Candidate) -> Iterator[Match]:
        """A long run may hold a number and something else; phonenumbers' matcher splits it."""
        leniency = phonenumbers.Leniency.VALID
        context = _phone_context(candidate)
        for found in phonenumbers.PhoneNumberMatcher(
            candidate.text, self.region, leniency=leniency
        ):
            start, end = candidate.start + found.start, candidate.start + found.end
            if phonenumbers.number_type(found.number) in _SERVICE_TYPES:
                yield Match(start, end, _SERVICE_CONFIDENCE, SERVICE_NUMBER)
                continue
            yield Match(start, end, 0.95 if context else 0.9)


@lru_cache(maxsize=4096)  # the same numbers recur through a chat: parsed once, in memory
def _number_type(text: str, region: str) -> int | None:
    """phonenumbers' type of ``text`` read in ``region``; None when it does not parse.

    number_type is UNKNOWN exactly for numbers is_valid_number rejects; asking once
    instead of twice halves the cost of the slowest check we run.
    """
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return int(phonenumbers.number_type(number))


def _phone_context(candidate: Candidate) -> bool:
    """Whether a phone word stands shortly before the number (asked only of valid numbers)."""
    return any(w in candidate.before(25) for w in _PHONE_CONTEXT)


_DATE_OR_TIME = re.compile(
    r"[0-9]{1,2}[./][0-9]{1,2}[./](?:[0-9]{2}|[0-9]{4})?|[0-9]{1,2}[.:][0-9]{2}"
)
_LOCAL_PART = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


class EmailDetector(Detector):
    """E-mail addresses; the scan finds the domain from the ``@``, the local part is read back."""

    name = "email"
    category = Category.EMAIL
    shape = Shape.AT
    priority = 70

    def find(self, candidate: Candidate) -> Iterator[Match]:
        message = candidate.message
        start = candidate.start
        while start > 0 and message[start - 1] in _LOCAL_PART:
            start -= 1
        while start < candidate.start and message[start] in "._-":
            start += 1
        if start == candidate.start:
            return  # "@anna.k" mentions have no local part
        yield Match(start, candidate.end, 0.98)


_VERSION_WORDS = ("version", "v.", "update", "release", "build", "firmware", "software", "patch")


class IpAddressDetector(Detector):
    """IPv4 addresses in dotted form (validated with :mod:`ipaddress`)."""

    name = "ip_address"
    category = Category.IP_ADDRESS
    shape = Shape.NUMBER
    min_digits = 4
    max_digits = 12
    priority = 55

    _IPV4 = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = self._IPV4.fullmatch(candidate.text)
        if found is None:
            return
        try:
            address = ipaddress.IPv4Address(found.group())
        except ValueError:
            return
        if address.is_unspecified or any(w in candidate.before(20) for w in _VERSION_WORDS):
            return
        yield Match(candidate.start, candidate.end, 0.9)


class Ipv6AddressDetector(Detector):
    """IPv6 addresses; the scan finds colon groups, the hex digits before are read back."""

    name = "ipv6_address"
    category = Category.IP_ADDRESS
    shape = Shape.IPV6
    priority = 55

    def find(self, candidate: Candidate) -> Iterator[Match]:
        message = candidate.message
        start = candidate.start
        while start > 0 and message[start - 1] in "0123456789abcdefABCDEF":
            start -= 1
        if start > 0 and (message[start - 1].isalnum() or message[start - 1] == ":"):
            return
        text = message[start : candidate.end]
        if sum(1 for part in text.split(":") if part) < 3:
            return  # "::", "::1" and times like "12:30:00" are no addresses worth a finding
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            return
        yield Match(start, candidate.end, 0.9)


_SECRET_KEYS = re.compile(
    r"(?i)^(?:.*[_-])?(?:token|key|apikey|pwd|pass|passwd|password|secret|sig|signature|auth|"
    r"session|sessionid|sid|code|otp|ticket|invite|access_token|id_token)$"
)
_INVITE_HOSTS = {
    "chat.whatsapp.com": "",
    "signal.group": "",
    "t.me": "/+",
    "telegram.me": "/joinchat",
}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}\Z")


class UrlWithTokenDetector(Detector):
    """Links that open something by themselves: tokens, passwords, session ids, invites."""

    name = "url_with_token"
    category = Category.URL_WITH_TOKEN
    shape = Shape.SCHEME
    priority = 65

    def find(self, candidate: Candidate) -> Iterator[Match]:
        message = candidate.message
        scheme = _SCHEME.search(message, max(0, candidate.start - 16), candidate.start)
        if scheme is None:
            return
        start = scheme.start()
        end = candidate.end
        while end > candidate.start and message[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        url = message[start:end]
        if self._carries_secret(url):
            yield Match(start, end, 0.95)

    @staticmethod
    def _carries_secret(url: str) -> bool:
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        if parts.password:
            return True  # https://user:password@host
        path_prefix = _INVITE_HOSTS.get(host)
        if path_prefix is not None and len(parts.path) > 1 and parts.path.startswith(path_prefix):
            return True
        if host == "signal.group" and parts.fragment:
            return True
        for query in (parts.query, parts.fragment):
            for key, value in parse_qsl(query, keep_blank_values=False):
                if len(value) >= 4 and _SECRET_KEYS.match(key):
                    return True
        return False
