"""The archive readers, listed explicitly in one place (detection tries them in this order)."""

from __future__ import annotations

from compliance.archives.base import ArchiveReader
from compliance.archives.imessage import IMessageTextReader
from compliance.archives.imessage_html import IMessageHtmlReader
from compliance.archives.matrix import MatrixReader
from compliance.archives.meta import FacebookReader, InstagramReader
from compliance.archives.signal import SignalJsonReader, SignalTextReader
from compliance.archives.telegram_html import TelegramHtmlReader
from compliance.archives.telegram_json import TelegramJsonReader
from compliance.archives.threema import ThreemaReader
from compliance.archives.whatsapp.reader import WhatsAppReader

READERS: tuple[ArchiveReader, ...] = (
    WhatsAppReader(),
    ThreemaReader(),
    SignalTextReader(),
    SignalJsonReader(),
    TelegramJsonReader(),
    TelegramHtmlReader(),
    MatrixReader(),
    FacebookReader(),
    InstagramReader(),
    IMessageTextReader(),
    IMessageHtmlReader(),
)
