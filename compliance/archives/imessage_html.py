"""imessage-exporter's ``-f html`` output, parsed as a stream (see :mod:`imessage`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from compliance.archives.base import ReadContext, Sniffed
from compliance.archives.imessage import STAMP, Draft, DraftReader, stamp_time
from compliance.archives.sources import Source
from compliance.archives.textio import iter_blocks

if TYPE_CHECKING:
    from compliance.archives.imessage_html_page import Page


class IMessageHtmlReader(DraftReader):
    """imessage-exporter's HTML: ``div.message`` with ``span.timestamp``, ``span.sender``,
    ``div.message_part`` (``span.bubble`` text or an attachment) and ``div.reactions``."""

    variant = "html"

    def sniff(self, head: str, name: str) -> Sniffed | None:
        if 'class="message"' not in head or 'class="timestamp"' not in head:
            return None
        if 'class="sender"' in head and ('class="message_part"' in head or "announcement" in head):
            return Sniffed("html", 85)
        return None

    def _drafts(self, source: Source, context: ReadContext) -> Iterator[Draft]:
        from compliance.archives.imessage_html_page import Page

        parser = Page()
        with source.open() as stream:
            for block in iter_blocks(stream, origin=source.display, report=context.report):
                parser.feed(block)
                yield from _taken(parser, source, context)
        parser.close()
        yield from _taken(parser, source, context)


def _taken(parser: Page, source: Source, context: ReadContext) -> Iterator[Draft]:
    done, parser.done = parser.done, []
    for line, raw_time, sender, draft in done:
        match = STAMP.search(raw_time)
        wall_time = stamp_time(match) if match else None
        if match is None or wall_time is None:
            context.report.skipped += 1
            context.report.warn(f"{source.display}:{line}: message without a readable time")
            continue
        draft.line, draft.wall_time, draft.raw_time = line, wall_time, match["stamp"]
        draft.sender = sender
        yield draft
