"""Writes de/identifiers.txt and en/identifiers.txt: identifiers in chat sentences.

Values are random but valid (check digits computed with python-stdnum and our own
algorithms); about a third of the sentences carry a value with a broken check digit
and no gold span. Seeded, so the output is stable: run it again after changing it
and commit both files.
"""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path

import phonenumbers
from stdnum import ean, iban, luhn
from stdnum.at import vnr as at_vnr
from stdnum.de import idnr, stnr
from stdnum.iso7064 import mod_11_10

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from compliance.detectors.checkdigits import (  # noqa: E402
    icao_check_digit,
    is_valid_health_insurance_number,
    is_valid_pension_number,
)

rng = random.Random(20261127)
HERE = Path(__file__).resolve().parent


def digits(n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def group(value: str, size: int = 4, sep: str = " ") -> str:
    return sep.join(value[i : i + size] for i in range(0, len(value), size))


def break_last(value: str) -> str:
    """The same value with its last digit changed (so its check fails)."""
    last = value[-1]
    replacement = str((int(last) + rng.randint(1, 9)) % 10) if last.isdigit() else "0"
    return value[:-1] + replacement


# ---------------------------------------------------------------- generators
BBAN = {
    "DE": lambda: digits(18),
    "AT": lambda: digits(16),
    "CH": lambda: digits(17),
    "NL": lambda: rng.choice(["ABNA", "INGB", "RABO"]) + digits(10),
    "GB": lambda: rng.choice(["NWBK", "BARC", "LOYD"]) + digits(14),
    "LU": lambda: digits(16),
}


def make_iban(country: str) -> str:
    while True:
        bban = BBAN[country]()
        check = iban.calc_check_digits(country + "00" + bban)
        value = country + check + bban
        if iban.is_valid(value):
            return value


def make_card() -> str:
    kind = rng.choice(["visa", "mc", "mc2", "amex", "girocard", "visa19"])
    prefix, length = {
        "visa": ("4" + digits(5), 16),
        "mc": (str(rng.randint(51, 55)) + digits(4), 16),
        "mc2": (str(rng.randint(2221, 2720)) + digits(2), 16),
        "amex": (rng.choice(["34", "37"]) + digits(4), 15),
        "girocard": ("67" + digits(4), 19),
        "visa19": ("4" + digits(5), 19),
    }[kind]
    body = prefix + digits(length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def format_card(number: str) -> str:
    if len(number) == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return rng.choice([group(number), group(number, sep="-"), number])


def make_tax_id() -> str:
    while True:
        first = rng.choice("123456789")
        pool = [d for d in string.digits if d != first]
        rng.shuffle(pool)
        body = list(first + "".join(pool[:8]))
        body.append(rng.choice(body[1:]))  # exactly one digit twice
        rest = body[1:]
        rng.shuffle(rest)
        value = body[0] + "".join(rest)
        value += mod_11_10.calc_check_digit(value)
        if idnr.is_valid(value):
            return value


def make_pension() -> str:
    while True:
        area = rng.choice(["12", "13", "15", "24", "28", "38", "42", "53", "65"])
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(40, 99)
        letter = rng.choice("ABCDEFGHKLMNPRSTWZ")
        serial = f"{rng.randint(0, 99):02d}"
        stem = f"{area}{day:02d}{month:02d}{year:02d}{letter}{serial}"
        for check in string.digits:
            if is_valid_pension_number(stem + check):
                return stem + check


def format_pension(value: str) -> str:
    if rng.random() < 0.5:
        return f"{value[:2]} {value[2:8]} {value[8]} {value[9:]}"
    return value


def make_kvnr() -> str:
    letter = rng.choice(string.ascii_uppercase)
    stem = letter + digits(8)
    for check in string.digits:
        if is_valid_health_insurance_number(stem + check):
            return stem + check
    raise AssertionError("no check digit")


ICAO = "0123456789CFGHJKLMNPRTVWXYZ"


def make_document(with_check: bool) -> str:
    number = rng.choice("CFGHJKLMNPRTVWXYZ") + "".join(rng.choice(ICAO) for _ in range(7))
    number += rng.choice(string.digits)
    return number + str(icao_check_digit(number)) if with_check else number


def make_ahv() -> str:
    body = "756" + digits(9)
    value = body + ean.calc_check_digit(body)
    return f"{value[:3]}.{value[3:7]}.{value[7:11]}.{value[11:]}"


def make_at_svnr() -> str:
    while True:
        serial, day, month = rng.randint(100, 999), rng.randint(1, 28), rng.randint(1, 12)
        value = f"{serial}0{day:02d}{month:02d}{rng.randint(40, 99)}"
        for check in string.digits:
            candidate = value[:3] + check + value[4:]
            if at_vnr.is_valid(candidate):
                return f"{candidate[:4]} {candidate[4:]}"


def make_stnr() -> str:
    while True:
        value = rng.choice(
            [
                f"{rng.randint(100, 199)}/{rng.randint(100, 999)}/{digits(5)}",
                f"{rng.randint(200, 399)}/{rng.randint(1000, 5999)}/{digits(4)}",
                f"{rng.randint(10, 39)}/{rng.randint(100, 999)}/{digits(5)}",
            ]
        )
        if stnr.is_valid(value):
            return value


def make_phone(region: str = "DE") -> str:
    while True:
        if region == "DE":
            national = rng.choice(
                [
                    rng.choice(["0151", "0152", "0157", "0160", "0162", "0170", "0171", "0176"])
                    + digits(rng.choice([7, 8])),
                    rng.choice(["030", "040", "089", "0221", "069", "0711"]) + digits(7),
                ]
            )
        else:
            national = "07" + rng.choice(["4", "5", "7", "8", "9"]) + digits(8)
        parsed = phonenumbers.parse(national, region)
        if phonenumbers.is_valid_number(parsed):
            break
    style = rng.randrange(6)
    if style == 0:
        return national
    if style == 1:
        return f"{national[:4]} {national[4:]}"
    if style == 2:
        return f"{national[:4]}/{national[4:]}"
    if style == 3:
        return f"{national[:4]}-{national[4:]}"
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if style == 4:
        return international
    return "0049 " + international.split(" ", 1)[1] if region == "DE" else international


FIRST = ["anna", "jonas", "lea", "mehmet", "sophie", "lukas", "marie", "felix", "sarah", "tom"]
LAST = ["mueller", "schmidt", "yilmaz", "becker", "wagner", "koch", "brown", "smith", "nowak"]
DOMAINS = ["gmx.de", "web.de", "t-online.de", "posteo.de", "gmail.com", "outlook.com", "mail.ch"]


def make_email() -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{rng.randint(70, 99)}"])
    return f"{local}@{rng.choice(DOMAINS)}"


STREETS = [
    "Hauptstraße",
    "Bahnhofstr.",
    "Schillerstraße",
    "Lindenweg",
    "Goetheplatz",
    "Kastanienallee",
    "Mühlgasse",
    "Rosenring",
    "Uferstraße",
    "Am Markt",
]
CITIES = [
    ("10115", "Berlin"),
    ("80331", "München"),
    ("50667", "Köln"),
    ("01067", "Dresden"),
    ("20095", "Hamburg"),
    ("04109", "Leipzig"),
    ("70173", "Stuttgart"),
]


def make_address(with_city: bool) -> str:
    street = f"{rng.choice(STREETS)} {rng.randint(1, 140)}{rng.choice(['', '', 'a', 'b'])}"
    if with_city:
        code, city = rng.choice(CITIES)
        return f"{street}, {code} {city}"
    return street


def make_ip() -> str:
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def make_dob() -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1945, 2005)
    return rng.choice([f"{day:02d}.{month:02d}.{year}", f"{day}.{month}.{year}"])


def token() -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(22))


# ---------------------------------------------------------------- sentences
def de_lines() -> list[str]:
    out: list[str] = []
    for _ in range(8):
        value = make_iban(rng.choice(list(BBAN)))
        shown = group(value) if rng.random() < 0.7 else value
        out.append(
            rng.choice(
                [
                    f"Meine IBAN: [[IBAN:{shown}]]",
                    f"Bitte überweisen Sie an [[IBAN:{shown}]], Verwendungszweck Rechnung 12.",
                    f"Kontoverbindung hat sich geändert, neu ist [[IBAN:{shown}]] "
                    "bei der Sparkasse.",
                ]
            )
        )
        out.append(f"Die IBAN {group(break_last(value))} stimmt nicht, da fehlt was, oder?")
    for _ in range(6):
        number = make_card()
        out.append(
            rng.choice(
                [
                    f"Meine Kreditkarte: [[PAYMENT_CARD:{format_card(number)}]], gültig bis 08/27",
                    f"Kannst du mit der Karte [[PAYMENT_CARD:{format_card(number)}]] bezahlen?",
                ]
            )
        )
        out.append(f"Die Nummer {group(break_last(number))} hat die Bank abgelehnt.")
    for _ in range(6):
        value = make_tax_id()
        shown = (
            value if rng.random() < 0.5 else f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"
        )
        out.append(
            rng.choice(
                [
                    f"Steuer-ID: [[DE_TAX_ID:{shown}]]",
                    f"Meine Identifikationsnummer ist [[DE_TAX_ID:{shown}]], "
                    "steht auf dem Brief vom Finanzamt.",
                    f"Hier noch die IdNr für die Abrechnung: [[DE_TAX_ID:{shown}]]",
                ]
            )
        )
        out.append(f"Bestellung {break_last(value)} ist unterwegs.")
    for _ in range(4):
        value = make_stnr()
        out.append(
            rng.choice(
                [
                    f"Meine Steuernummer lautet [[DE_TAX_NUMBER:{value}]].",
                    f"St.-Nr. [[DE_TAX_NUMBER:{value}]], Finanzamt Mitte",
                ]
            )
        )
    for _ in range(6):
        value = make_pension()
        out.append(
            rng.choice(
                [
                    f"Rentenversicherungsnummer: [[DE_PENSION_NUMBER:{format_pension(value)}]]",
                    f"Meine SV-Nummer ist [[DE_PENSION_NUMBER:{format_pension(value)}]], "
                    "brauchen Sie die?",
                ]
            )
        )
        out.append(f"Aktenzeichen {format_pension(break_last(value))} bitte angeben.")
    for _ in range(6):
        value = make_kvnr()
        out.append(
            rng.choice(
                [
                    f"Versichertennummer: [[DE_HEALTH_INSURANCE_NUMBER:{value}]]",
                    f"Auf meiner Gesundheitskarte steht [[DE_HEALTH_INSURANCE_NUMBER:{value}]].",
                    f"Die Krankenkasse braucht [[DE_HEALTH_INSURANCE_NUMBER:{value}]] als Nummer.",
                ]
            )
        )
        out.append(f"Artikelnummer {break_last(value)} ist ausverkauft.")
    for _ in range(6):
        with_check = rng.random() < 0.6
        value = make_document(with_check)
        out.append(
            rng.choice(
                [
                    f"Personalausweisnummer: [[ID_DOCUMENT:{value}]]",
                    f"Meine Ausweisnummer ist [[ID_DOCUMENT:{value}]]",
                    f"Reisepass-Nr. [[ID_DOCUMENT:{value}]], gültig bis 2031",
                ]
            )
        )
    for _ in range(3):
        value = make_document(True)
        out.append(f"Der Code {value[:9]}{(int(value[9]) + 3) % 10} funktioniert nicht.")
    for _ in range(3):
        out.append(f"Meine AHV-Nummer: [[SOCIAL_SECURITY_NUMBER:{make_ahv()}]]")
        out.append(f"Sozialversicherungsnummer (AT): [[SOCIAL_SECURITY_NUMBER:{make_at_svnr()}]]")
    for _ in range(14):
        value = make_phone()
        out.append(
            rng.choice(
                [
                    f"Meine Handynummer: [[PHONE:{value}]]",
                    f"Ruf einfach an, [[PHONE:{value}]]",
                    f"Neue Nummer: [[PHONE:{value}]], die alte gibt es nicht mehr.",
                    f"Erreichbar unter [[PHONE:{value}]] ab 17 Uhr.",
                    f"WhatsApp bitte an [[PHONE:{value}]]",
                ]
            )
        )
    for _ in range(6):
        value = make_email()
        out.append(
            rng.choice(
                [
                    f"Schreiben Sie mir an [[EMAIL:{value}]]",
                    f"Meine neue Adresse ist [[EMAIL:{value}]], die alte lese ich nicht mehr.",
                ]
            )
        )
    for _ in range(6):
        value = make_address(rng.random() < 0.6)
        out.append(
            rng.choice(
                [
                    f"Ich wohne jetzt in der [[ADDRESS:{value}]].",
                    f"Die Rechnung bitte an [[ADDRESS:{value}]] schicken.",
                    f"Adresse: [[ADDRESS:{value}]]",
                ]
            )
        )
    for _ in range(5):
        value = make_dob()
        out.append(
            rng.choice(
                [
                    f"geb. [[DATE_OF_BIRTH:{value}]]",
                    f"Mein Geburtsdatum ist der [[DATE_OF_BIRTH:{value}]].",
                    f"Ich bin am [[DATE_OF_BIRTH:{value}]] geboren.",
                ]
            )
        )
    for _ in range(3):
        out.append(f"Meine IP ist [[IP_ADDRESS:{make_ip()}]], falls das hilft.")
    out.append("Der Router hat die Adresse [[IP_ADDRESS:2001:db8:85a3::8a2e:370:7334]].")
    out.append(
        f"Neuer Link: [[URL_WITH_TOKEN:https://us02web.zoom.us/j/8{digits(9)}?pwd={token()}]]"
    )
    out.append(f"Gruppe: [[URL_WITH_TOKEN:https://chat.whatsapp.com/{token()}]]")
    out.append(
        f"Passwort zurücksetzen: [[URL_WITH_TOKEN:https://portal.example.de/reset?token={token()}]]"
    )
    out.append("BIC: [[BIC:COBADEFFXXX]], IBAN schicke ich gleich.")
    out.append("Die Bank hat den BIC [[BIC:GENODEF1S12]], glaube ich.")
    return out


def en_lines() -> list[str]:
    out: list[str] = []
    for _ in range(5):
        value = make_iban(rng.choice(["GB", "NL", "DE"]))
        out.append(f"My IBAN is [[IBAN:{group(value)}]]")
        out.append(f"The IBAN {group(break_last(value))} bounced, can you check?")
    for _ in range(5):
        number = make_card()
        out.append(f"Card number: [[PAYMENT_CARD:{format_card(number)}]]")
        out.append(f"Reference {group(break_last(number))} was declined.")
    for _ in range(10):
        value = make_phone(rng.choice(["DE", "GB"]))
        out.append(
            rng.choice(
                [
                    f"My mobile is [[PHONE:{value}]]",
                    f"Text me on [[PHONE:{value}]] when you're here.",
                    f"New number: [[PHONE:{value}]]",
                ]
            )
        )
    for _ in range(5):
        value = make_email()
        out.append(f"Drop me a line at [[EMAIL:{value}]]")
    for _ in range(3):
        out.append(f"My IP address is [[IP_ADDRESS:{make_ip()}]] if that helps IT.")
    for _ in range(3):
        value = make_dob()
        out.append(f"DOB: [[DATE_OF_BIRTH:{value}]]")
    out.append(f"Join here: [[URL_WITH_TOKEN:https://zoom.us/j/9{digits(9)}?pwd={token()}]]")
    out.append(
        f"Reset link: [[URL_WITH_TOKEN:https://accounts.example.com/reset?session={token()}]]"
    )
    out.append(f"My passport number is [[ID_DOCUMENT:{make_document(True)}]].")
    out.append(f"Swiss AHV number: [[SOCIAL_SECURITY_NUMBER:{make_ahv()}]]")
    return out


def main() -> None:
    for lang, lines in (("de", de_lines()), ("en", en_lines())):
        header = "# Generated by generate_identifiers.py (seeded); do not edit by hand.\n"
        (HERE / lang / "identifiers.txt").write_text(header + "\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
