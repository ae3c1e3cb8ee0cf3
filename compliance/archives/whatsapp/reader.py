"""WhatsApp "Export chat" text (.txt, or ``_chat.txt`` in a zip), Android and iOS, any locale."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    ReadReport,
)
from compliance.archives.sources import Source, read_head
from compliance.archives.summary import SummaryCounter
from compliance.archives.textio import decode_head, iter_blocks, sniff_encoding
from compliance.archives.whatsapp.grammar import DatePart
from compliance.archives.whatsapp.messages import MessageBuilder
from compliance.archives.whatsapp.scan import (
    Entry,
    FastLayout,
    fast_layout,
    header_lines,
    prescan_dates,
    prescan_fast_dates,
    scan_entries,
    scan_fast_entries,
)
from compliance.archives.whatsapp.tally import Prescan
from compliance.archives.whatsapp.vocabulary import classify

_ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-16": "UTF-16"}


class LineChatReader(ArchiveReader):
    """A text export of ``header sender: text`` lines with continuation lines.

    Two passes over the text: the first decides the date order, the second yields.
    Subclasses say how a body is classified and which files they claim.
    """

    format = ArchiveFormat.WHATSAPP
    # iOS WhatsApp writes app entries with the chat's name as sender; others do not.
    named_system_entries = True

    def classify_body(self, text: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
        """The kind and attachments of an authored body."""
        return classify(text)

    def body_classifier(self) -> Callable[[str], tuple[MessageKind, tuple[Attachment, ...]]]:
        """The function that classifies bodies: WhatsApp's own is called directly (once
        per message) where a subclass keeps it."""
        if type(self).classify_body is LineChatReader.classify_body:
            return classify
        return self.classify_body

    def variant_of(self, layout: str) -> str:
        """The variant name of the file's main header layout."""
        return _variant_of(layout)

    def is_present(self, source: Source, name: str, present: frozenset[str] | None) -> bool | None:
        """Whether an attachment's file is in the archive (None when that cannot be told)."""
        return None if present is None else name in present

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        for source in parts:
            encoding, layout = self.opening(source, context)
            scan = self.prescan(source, encoding, layout)
            orders, first_year = self.decide(source, context, scan)
            yield from self.messages_in(source, context, encoding, orders, first_year, layout)

    def summarize(self, parts: Sequence[Source], context: ReadContext) -> SummaryCounter | None:
        from compliance.archives.whatsapp.parallel import count_export

        if len(parts) != 1:
            return None
        return count_export(self, parts[0], context)

    def opening(self, source: Source, context: ReadContext) -> tuple[str, FastLayout | None]:
        """The text encoding of a source (anything but UTF-8 gets a warning) and its fast
        layout, if one fits: both from one read of the file's head."""
        head = read_head(source)
        encoding = sniff_encoding(head)
        if encoding != "utf-8":
            context.report.warn(
                f"{source.display}: not UTF-8 text; read as {_ENCODING_NAMES[encoding]} "
                "(check names and umlauts)"
            )
        return encoding, fast_layout(decode_head(head))

    def prescan(self, source: Source, encoding: str, layout: FastLayout | None = None) -> Prescan:
        """First pass: every header's date (for the date order), and the line count."""
        scan = Prescan()
        vote = scan.vote

        def note(date: DatePart) -> None:
            vote.add(date)
            if date.no_year:
                if scan.last_no_year is not None and (date.b, date.a) < scan.last_no_year:
                    scan.year_wraps += 1
                scan.last_no_year = (date.b, date.a)

        with source.open() as stream:
            report = ReadReport()  # the second pass reports damage, once
            blocks = iter_blocks(stream, origin=source.display, report=report, encoding=encoding)
            if layout is None:
                scan.lines = prescan_dates(blocks, note)
            else:
                scan.lines = prescan_fast_dates(blocks, layout, note)
        return scan

    def decide(
        self, source: Source, context: ReadContext, scan: Prescan
    ) -> tuple[dict[str, DateOrder], int]:
        """The date order per layout, and the first year of a year-less export."""
        vote = scan.vote
        orders, warnings = vote.decide(context.date_order)
        for warning in warnings:
            context.report.warn(f"{source.display}: {warning}")
        if len(vote.layouts) > 1:
            read_as = ", ".join(
                f"{_layout_label(layout)} as {orders[layout]}" for layout in vote.layouts
            )
            context.report.warn(
                f"{source.display}: the date layout changes within the file; read {read_as}"
            )
        main = vote.main_layout()
        if main is not None:
            context.decided_order = orders[main]
            context.variant = self.variant_of(main)
        context.chats = max(context.chats, 1)
        first_year = source.modified_year() - scan.year_wraps
        if scan.last_no_year is not None:
            context.report.warn(
                f"{source.display}: dates carry no year; years inferred from the file's "
                f"date ({source.modified_year()}) counting back at each new year"
            )
        return orders, first_year

    def entries(
        self, source: Source, report: ReadReport, encoding: str, layout: FastLayout | None
    ) -> Iterator[Entry]:
        """The entries of a source: header, its continuation lines, and its line number."""
        with source.open() as stream:
            blocks = iter_blocks(stream, origin=source.display, report=report, encoding=encoding)
            if layout is None:
                yield from scan_entries(blocks)
            else:
                yield from scan_fast_entries(blocks, layout)

    def messages_in(
        self,
        source: Source,
        context: ReadContext,
        encoding: str,
        orders: dict[str, DateOrder],
        first_year: int,
        layout: FastLayout | None = None,
    ) -> Iterator[Message]:
        """Second pass: the messages of a source."""
        builder = MessageBuilder(self, source, context, orders, first_year)
        build = builder.build
        orphan_lines = 0
        for line, header, body in self.entries(source, context.report, encoding, layout):
            if header is None:
                orphan_lines += sum(1 for text in body if text.strip())
                continue
            message = build(line, header, body)
            if message is not None:
                yield message
        if orphan_lines:
            context.report.skipped += orphan_lines
            context.report.warn(
                f"{source.display}: {orphan_lines} line(s) before the first message header skipped"
            )
        if builder.count == 0:
            context.report.warn(f"{source.display}: no message header found")


class WhatsAppReader(LineChatReader):
    """WhatsApp's own export, Android and iOS, any locale and layout."""

    format = ArchiveFormat.WHATSAPP

    def sniff(self, head: str, name: str) -> Sniffed | None:
        headers, bracketed, total = header_lines(head)
        if headers == 0 or headers * 4 < min(total, 40):
            return None
        variant = "ios" if bracketed * 2 > headers else "android"
        return Sniffed(variant, 50 + min(headers, 40))


def _variant_of(layout: str) -> str:
    if layout.startswith("noyear"):
        return "android-legacy"
    if layout.startswith(":"):
        return "ios-legacy"
    return "ios" if layout.startswith("[") else "android"


def _layout_label(layout: str) -> str:
    style, separator, year_first, width = ([*layout.split("|"), "", "", ""])[:4]
    if style == "noyear":
        return "day month (no year)"
    parts = ["yyyy", "x", "x"] if year_first == "True" else ["x", "x", "y" * int(width or 2)]
    return separator.join(parts) + (" in brackets" if style == "[" else "")
