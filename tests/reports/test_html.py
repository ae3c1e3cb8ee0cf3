"""The HTML report: summary first, everything escaped, no external reference, capped lists."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from compliance.audit.report import AuditReport, Severity
from compliance.reports.html import render_html
from compliance.reports.presentation import FINDINGS_CAP_PER_SEVERITY
from tests.reports.sample_report import HOSTILE_CHAT, HOSTILE_EXCERPT, many_findings, sample_report

# Anything that would make a browser fetch something: attributes holding a URL with a scheme
# or a protocol-relative one, CSS imports and url() values, and meta refreshes.
_REMOTE_REFERENCES = [
    re.compile(
        r"""\b(?:src|href|srcset|action|poster|data|xlink:href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""",
        re.I,
    ),
    re.compile(r"@import", re.I),
    re.compile(r"url\(", re.I),
    re.compile(r"http-equiv\s*=\s*[\"']?refresh", re.I),
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_summary_comes_first(report: AuditReport) -> None:
    html = render_html(report)
    order = [
        'id="summary"',
        'id="archives"',
        'id="policy"',
        'id="chats"',
        'id="findings"',
        'id="by-chat"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    summary = html[html.index('id="summary"') : html.index('id="archives"')]
    for text in (
        "Result: not passed (findings rated high or higher)",
        "12,345",
        "11,700",
        '<span class="count">2</span><span class="label">Critical</span>',
        '<span class="count">5</span><span class="label">High</span>',
        '<td>Retention</td><td class="num">3</td>',
        '<td>crisis language</td><td class="num">1</td>',
    ):
        assert text in summary


def test_archives_show_hash_skipped_and_error(report: AuditReport) -> None:
    html = render_html(report)
    archives = html[html.index('id="archives"') : html.index('id="policy"')]
    assert "3f2a9c4e5b6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b" in archives
    assert "not a ZIP file (the file ends early)" in archives
    assert "2 service messages without text were skipped" in archives
    assert "1 of 2 archives could not be read" in html


def test_policy_and_as_of(report: AuditReport) -> None:
    html = render_html(report)
    assert "<title>Messenger archive audit · as of 1 Jul 2025</title>" in html
    policy = html[html.index('id="policy"') : html.index('id="chats"')]
    for text in (
        "Europe/Berlin",
        "30 days",
        "DE-BE",
        "1 Aug 2025 – 21 Aug 2025",
        "Mon 09:00-12:00, 14:00-17:00; Tue 09:00-12:00; Fri 09:00-12:00",
    ):
        assert text in policy


def test_no_external_reference(report: AuditReport) -> None:
    html = render_html(sample_report(values_shown=True))
    for pattern in _REMOTE_REFERENCES:
        assert not pattern.search(html), pattern.pattern
    assert "http://" not in html.replace("https://tracker.example", "")
    for tag, attributes in _tags(html):
        assert tag not in {"script", "img", "link", "iframe", "object", "embed", "base"}, tag
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://tracker.example/x.png">',
        "<link rel=stylesheet href='//cdn.example/x.css'>",
        "<style>@import 'x.css';</style>",
        '<div style="background: url(http://x.example/a.png)"></div>',
    ],
)
def test_the_reference_check_can_fail(html: str) -> None:
    assert any(pattern.search(html) for pattern in _REMOTE_REFERENCES)


def test_content_security_policy_forbids_loading(report: AuditReport) -> None:
    html = render_html(report)
    csp = next(
        a
        for t, a in _tags(html)
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert (csp["content"] or "").startswith("default-src 'none';")


def test_chat_text_is_escaped(report: AuditReport) -> None:
    html = render_html(report)
    assert HOSTILE_CHAT not in html
    assert "Ben &lt;b&gt;&quot;Bär&quot;&lt;/b&gt;" in html
    assert HOSTILE_EXCERPT not in html
    assert "&lt;img src=&quot;https://tracker.example/x.png&quot;&gt;" in html
    assert "\x1b" not in html


def test_findings_by_severity_crisis_first(report: AuditReport) -> None:
    html = render_html(report)
    headings = re.findall(r'<section class="severity" id="severity-(\w+)">', html)
    assert headings == ["critical", "high", "medium", "low", "info"]
    critical = html[html.index('id="severity-critical"') : html.index('id="severity-high"')]
    assert critical.index("sensitive.<wbr>CRISIS") < critical.index("parties.<wbr>group_<wbr>chat")
    assert critical.count('<tr class="sev-critical">') == 2


def test_findings_by_chat(report: AuditReport) -> None:
    html = render_html(report)
    by_chat = html[html.index('id="by-chat"') :]
    rows = re.findall(r"<tr><td>([^<]*)</td>", by_chat)
    # Anna and the parents' group both have a critical finding; Anna has more high ones
    assert rows == ["Anna Beispiel", "Elterngruppe 3b", "Ben &lt;b&gt;&quot;Bär&quot;&lt;/b&gt;"]


def test_timeline_has_a_bar_pair_per_month_including_empty_ones(report: AuditReport) -> None:
    html = render_html(report)
    svg = html[html.index("<svg") : html.index("</svg>")]
    months = re.findall(r"<title>(\d{4}-\d{2}): ([\d,]+) messages, ([\d,]+) overdue</title>", svg)
    assert months == [
        ("2025-01", "2,100", "2,100"),
        ("2025-02", "4,000", "4,000"),
        ("2025-03", "3,045", "3,000"),
        ("2025-04", "0", "0"),
        ("2025-05", "2,900", "2,600"),
        ("2025-06", "300", "0"),
    ]
    assert svg.count('class="messages"') == 6 + 1  # one per month and the legend
    assert ">Jan 2025<" in svg and ">Jun<" in svg


def test_values_banner_only_when_values_are_shown() -> None:
    assert 'class="banner danger"' not in render_html(sample_report())
    html = render_html(sample_report(values_shown=True))
    banner = html[html.index('class="banner danger"') :]
    assert banner.index("Values are shown unmasked") < 300
    assert html.index('class="banner danger"') < html.index('id="summary"')


def test_large_reports_are_capped_per_severity() -> None:
    report = sample_report(many_findings(FINDINGS_CAP_PER_SEVERITY + 123))
    html = render_html(report)
    for severity in Severity:
        assert html.count(f'<tr class="sev-{severity.value}">') == FINDINGS_CAP_PER_SEVERITY
    assert html.count("… and 123 more; the JSON, CSV and XLSX reports list every finding") == 5
    small = render_html(sample_report(many_findings(FINDINGS_CAP_PER_SEVERITY)))
    assert "more; the JSON" not in small


def test_print_styles(report: AuditReport) -> None:
    html = render_html(report)
    assert "@media print" in html and "@page" in html
    assert ".page { break-before: page; }" in html
    assert html.count('class="page"') >= 3  # archives, findings and findings by chat start pages


def test_no_findings() -> None:
    html = render_html(sample_report([]))
    assert "<p>No findings.</p>" in html
    # one of the sample's two archives is unreadable: never a clean result
    assert "Result: not passed, because 1 archive could not be read" in html
    report = sample_report([])
    report.archives = [a for a in report.archives if a.was_read]
    assert "Result: passed (nothing rated high or higher)" in render_html(report)
