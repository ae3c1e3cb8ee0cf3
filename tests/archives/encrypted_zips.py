"""Writing encrypted zips for tests: AES as Threema writes it (pyzipper), and ZipCrypto.

pyzipper writes only AES, so ZipCrypto ("traditional PKWARE encryption", what old zip
tools and ``zip -e`` write) is done here by hand, after APPNOTE.TXT section 6.1.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pyzipper

PASSWORD = "Kaffee&Kuchen-2024!"
CHAT_NAME = "messages-Frau Winter.txt"
THREEMA_CHAT = (
    "[03.02.24, 18:01] Ich: Guten Abend Frau Winter, hier die Übung für die Woche.\r\n"
    "[03.02.24, 18:01] Ich: <6d0c9e41-77aa.pdf>\r\n"
    "[03.02.24, 18:20] Frau Winter: Danke!\r\n"
    "Ich schaue sie mir morgen an.\r\n"
    "[04.02.24, 08:05] Frau Winter: <a1b2c3d4-0001.jpg>\r\n"
    "[05.02.24, 09:00] Ich: Bis Donnerstag.\r\n"
)
THREEMA_MEMBERS: dict[str, bytes | str] = {
    CHAT_NAME: THREEMA_CHAT,
    "6d0c9e41-77aa.pdf": b"%PDF-1.4 Uebungsblatt\n",
    "a1b2c3d4-0001.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}
WHATSAPP_CHAT = "12.03.24, 09:15 - Jana: Hallo\n13.03.24, 10:00 - Paul: Guten Tag\n"

_DOS_TIME = (9 << 11) | (30 << 5)  # 09:30:00
_DOS_DATE = ((2024 - 1980) << 9) | (3 << 5) | 1  # 2024-03-01


def write_aes_zip(path: Path, members: dict[str, bytes | str], password: bytes) -> Path:
    """A zip with every member AES-256 encrypted and deflated, as Threema exports it."""
    with pyzipper.AESZipFile(
        path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password)
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _crc_step(crc: int, byte: int) -> int:
    # One step of the raw CRC-32 update (zlib.crc32 adds the inversions around it).
    return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


class _ZipCrypto:
    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for byte in password:
            self._update(byte)

    def _update(self, byte: int) -> None:
        k0, k1, k2 = self.keys
        k0 = _crc_step(k0, byte)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = _crc_step(k2, k1 >> 24)
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for byte in data:
            temp = (self.keys[2] | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            self._update(byte)
        return bytes(out)


def write_zipcrypto_zip(path: Path, members: dict[str, bytes | str], password: bytes) -> Path:
    """A zip with every member deflated and ZipCrypto-encrypted (no data descriptors)."""
    body = bytearray()
    central = bytearray()
    for index, (name, content) in enumerate(members.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        crc = zlib.crc32(data)
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        compressed = packer.compress(data) + packer.flush()
        # Eleven bytes of padding, then the CRC's high byte that checks the password.
        header = bytes((index * 37 + i * 11) & 0xFF for i in range(11)) + bytes([crc >> 24])
        encrypted = _ZipCrypto(password).encrypt(header + compressed)
        raw_name = name.encode("utf-8")
        flags = 0x1 | 0x800  # encrypted, UTF-8 names
        offset = len(body)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, _DOS_TIME, _DOS_DATE,
            crc, len(encrypted), len(data), len(raw_name), 0,
        )  # fmt: skip
        body += raw_name + encrypted
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, _DOS_TIME, _DOS_DATE,
            crc, len(encrypted), len(data), len(raw_name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += raw_name
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(body), 0
    )
    path.write_bytes(bytes(body + central + end))
    return path


def threema_zip(path: Path, password: str = PASSWORD) -> Path:
    """A Threema chat export as the app writes it: AES-encrypted, with two media files."""
    return write_aes_zip(path, THREEMA_MEMBERS, password.encode("utf-8"))


def password_file(folder: Path, password: str = PASSWORD) -> Path:
    """A password file as the user writes it: the password, then a line break."""
    path = folder / "password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def break_hmac(path: Path, member: str) -> None:
    """Flip the last byte of an AES member's HMAC (its data still decrypts)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as listing:
        info = listing.getinfo(member)
    name_length, extra_length = struct.unpack_from("<2H", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size - 1] ^= 0xFF  # the last byte of the member's HMAC
    path.write_bytes(bytes(data))
