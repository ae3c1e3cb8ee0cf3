"""Whatever a chat contains, every format renders it as text and never as markup or controls."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from compliance.audit.report import ArchiveInfo, AuditReport
from compliance.reports import ReportFormat, render_report
from compliance.reports.presentation import clean
from tests.reports.sample_report import sample_findings, sample_report

# text with markup characters, quotes, controls, bidi overrides and non-Latin letters
chat_text = st.text(
    alphabet=st.sampled_from([*"<>&\"'/=; abcÄß", "\x1b", "\n", "\u202e", "\x00", "😀"]),
    min_size=1,
    max_size=40,
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _report(chat: str, excerpt: str) -> AuditReport:
    findings = [replace(f, chat=chat, excerpt=excerpt, message=excerpt) for f in sample_findings()]
    return sample_report(findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chat=chat_text, excerpt=chat_text)
def test_html_text_and_json(chat: str, excerpt: str) -> None:
    report = _report(chat, excerpt)

    html = render_report(report, ReportFormat.HTML).decode("utf-8")
    collector = _Collector()
    collector.feed(html)
    assert collector.tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "span",
        "strong",
        "a",
        "section",
        "div",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "q",
        "ul",
        "li",
        "figure",
        "svg",
        "g",
        "rect",
        "line",
        "text",
        "figcaption",
        "footer",
        "wbr",
        "br",
        "ol",
    }
    visible = "".join(collector.text)
    assert clean(excerpt) in visible

    text = render_report(report, ReportFormat.TEXT, color=True).decode("utf-8")
    assert not re.search("\x1b(?!\\[[0-9;]*m)", text)  # only our own colour codes
    assert "\u202e" not in text and "\x00" not in text

    assert json.loads(render_report(report, ReportFormat.JSON))["findings"][0]["excerpt"] == excerpt


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chat=chat_text, excerpt=chat_text)
def test_pdf(chat: str, excerpt: str) -> None:
    pdf = render_report(_report(chat, excerpt), ReportFormat.PDF)
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Findings by severity" in text


def test_all_archives_unreadable() -> None:
    report = sample_report([])
    report.archives = [
        ArchiveInfo(
            path="a.zip",
            sha256=None,
            format=None,
            variant=None,
            messages=0,
            chats=0,
            skipped=0,
            error="not a ZIP file",
        )
    ]
    nothing = "Result: no chat export could be read"
    assert nothing in render_report(report, ReportFormat.TEXT).decode()
    assert nothing in render_report(report, ReportFormat.HTML).decode()
    report.archives = []
    assert "Archives\n  none" in render_report(report, ReportFormat.TEXT).decode()
