"""The HTML report in a real browser: it shows the summary and asks the network for nothing.

Chromium runs headless with every request sent to a recording proxy on localhost (even
loopback is not bypassed), so a report that loaded anything from anywhere would show up in
the proxy's log. A control page with one image and one stylesheet from the net proves that
the recording works in this environment.
"""

from __future__ import annotations

import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from compliance.reports.html import render_html
from tests.reports.sample_report import sample_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install chromium); the HTML is still checked "
    "for external references by test_html.py",
)

# Chromium's own service traffic (component updates, sign-in), which flags do not fully stop;
# exact host names, so that a report loading e.g. fonts.googleapis.com would still be caught.
BROWSER_SERVICE_HOSTS = {
    "accounts.google.com",
    "clients2.google.com",
    "clients2.googleusercontent.com",
    "update.googleapis.com",
    "redirector.gvt1.com",
    "edgedl.me.gvt1.com",
    "optimizationguide-pa.googleapis.com",
    "safebrowsingohttpgateway.googleapis.com",
    "content-autofill.googleapis.com",
}

CONTROL_PAGE = (
    '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://fonts.example/x.css">'
    '</head><body><p>control</p><img src="http://tracker.example/pixel.png"></body></html>'
)


class _RecordingProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.requests: list[str] = []

    def page_requests(self) -> list[str]:
        return [r for r in self.requests if _host(r) not in BROWSER_SERVICE_HOSTS]


class _ProxyHandler(socketserver.StreamRequestHandler):
    server: _RecordingProxy

    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").strip()
        if line:
            self.server.requests.append(line)
        self.wfile.write(
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )


def _host(request_line: str) -> str:
    """The host of ``CONNECT host:443 HTTP/1.1`` or ``GET http://host/path HTTP/1.1``."""
    target = request_line.split(" ")[1] if " " in request_line else request_line
    target = target.split("://", 1)[-1]
    return target.split("/", 1)[0].rsplit(":", 1)[0].lower()


@pytest.fixture
def proxy() -> Iterator[_RecordingProxy]:
    server = _RecordingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _screenshot(page: Path, proxy: _RecordingProxy, work: Path) -> Path:
    assert CHROMIUM is not None
    shot = work / f"{page.stem}.png"
    port = proxy.server_address[1]
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={work / 'profile'}",
            f"--proxy-server=http://127.0.0.1:{port}",
            "--proxy-bypass-list=<-loopback>",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot


def _pixels(png: Path) -> list[tuple[int, int, int]]:
    from PIL import Image  # reportlab's own dependency

    with Image.open(png) as image:
        data = image.convert("RGB").tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def test_control_page_requests_are_recorded(proxy: _RecordingProxy, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(CONTROL_PAGE, encoding="utf-8")
    _screenshot(page, proxy, tmp_path)
    hosts = {_host(r) for r in proxy.page_requests()}
    assert {"tracker.example", "fonts.example"} <= hosts


def test_report_opens_without_a_request_and_shows_the_summary(
    proxy: _RecordingProxy, tmp_path: Path
) -> None:
    page = tmp_path / "audit.html"
    page.write_text(render_html(sample_report(values_shown=True)), encoding="utf-8")
    shot = _screenshot(page, proxy, tmp_path)
    assert proxy.page_requests() == []

    pixels = _pixels(shot)
    assert len(pixels) == 1200 * 1600
    non_white = sum(1 for p in pixels if min(p) < 235)
    assert non_white > len(pixels) * 0.03, "the screenshot is (nearly) blank"
    # the summary's critical card and the timeline's overdue bars are drawn in the first screen
    critical_ink = sum(1 for r, g, b in pixels if r > 150 and g < 60 and b < 60)
    assert critical_ink > 2000


def test_dom_shows_the_summary_figures(proxy: _RecordingProxy, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "audit.html"
    page.write_text(render_html(sample_report()), encoding="utf-8")
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
            "--proxy-bypass-list=<-loopback>",
            "--dump-dom",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = result.stdout
    summary = dom[dom.index('id="summary"') : dom.index('id="archives"')]
    assert "Result: not passed (findings rated high or higher)" in summary
    assert "12,345" in summary
    assert "<svg" in summary  # parsed as SVG, so the chart is drawn
    assert proxy.page_requests() == []
