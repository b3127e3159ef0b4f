"""The HTML report in a real browser: Debian's chromium driven over the DevTools pipe.

No extra dependency: ``--remote-debugging-pipe`` speaks CDP as NUL-separated JSON on
file descriptors 3 (to the browser) and 4 (from it), so the stdlib is enough.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from test_graph import ROOT, analysis_for
from test_report_html import HOSTILE, hostile_analysis

from attribution.report.html import render_html

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; CI installs it)"),
]


class Browser:
    """A headless chromium with one page, driven through the DevTools protocol pipe."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="attrib-chromium-")
        child_in, self._to_child = os.pipe()
        self._from_child, child_out = os.pipe()

        def as_fds_3_and_4() -> None:  # in the child, before exec: chromium wants fds 3 and 4
            high_in, high_out = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (child_in, child_out))
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=as_fds_3_and_4,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(child_in)
        os.close(child_out)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        # a dialog would block the page: turn alert() from a story into a flag the tests read
        self.call("Page.addScriptToEvaluateOnNewDocument", session=True,
                  source="window.alert = (m) => { window.__pwned = 'alert ' + m; };")
        self.call("Emulation.setDeviceMetricsOverride", session=True,
                  width=1200, height=900, deviceScaleFactor=1, mobile=False)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: bool = False, timeout: float = 30, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events seen meanwhile are kept."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for the next event named ``method``."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    def open(self, path: Path) -> None:
        """Load a file and wait for its load event."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=path.as_uri())
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", session=True, expression="1")  # flush pending console events

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries since the last ``open``."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def requests(self) -> list[str]:
        """URLs the page asked for since the last ``open``."""
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self) -> bytes:
        """A PNG of the whole page."""
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)
        return base64.b64decode(data["data"])

    def close(self) -> None:
        """Quit chromium and remove its profile."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    chromium = Browser()
    yield chromium
    chromium.close()


def png_rows(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered RGB(A) rows of an 8-bit PNG (enough to judge a screenshot)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour in (2, 6)) == (8, True)
    bpp = 4 if colour == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


@pytest.fixture(scope="module")
def kazakhstan(browser, tmp_path_factory):
    analysis = analysis_for(ROOT / "corpora" / "kazakhstan_reuters.txt")
    page = tmp_path_factory.mktemp("report") / "kazakhstan_reuters.html"
    page.write_text(render_html(analysis), encoding="utf-8")
    browser.open(page)
    return analysis, page


def test_report_loads_without_console_errors_or_requests(browser, kazakhstan):
    _, page = kazakhstan
    assert (browser.errors(), browser.requests()) == ([], [page.as_uri()])


def test_every_claim_is_highlighted_once(browser, kazakhstan):
    analysis, _ = kazakhstan
    found = browser.evaluate(
        "[new Set([...document.querySelectorAll('[data-claim]')].map(e => e.dataset.claim)).size,"
        " document.querySelectorAll('.claim[id^=\"claim-\"][tabindex=\"0\"]').length]"
    )
    assert found == [len(analysis.claims), len(analysis.claims)]


def test_focusing_a_claim_shows_its_chain(browser, kazakhstan):
    analysis, _ = kazakhstan
    relayed = next(c for c in analysis.claims if c.via)
    shown = browser.evaluate(
        f"(() => {{ const m = document.getElementById('claim-{relayed.id}'); m.focus();"
        " return [document.activeElement === m, getComputedStyle(m, '::after').content,"
        " document.getElementById(m.getAttribute('aria-describedby')).textContent]; })()"
    )
    assert (shown[0], shown[1].strip('"') == shown[2], " ← " in shown[2]) == (True, True, True)


def test_screenshot_is_not_blank(browser, kazakhstan):
    png = browser.screenshot()
    width, height, rows = png_rows(png)
    sample = b"".join(rows[:: max(1, height // 200)])
    colours = {sample[i:i + 3] for i in range(0, len(sample) - 3, 3)}
    artifacts = os.environ.get("ATTRIB_SCREENSHOT")
    if artifacts:
        Path(artifacts).write_bytes(png)
    assert (width, height > 900, len(colours) > 20) == (1200, True, True)


def test_hostile_story_runs_no_script_and_shows_its_text(browser, tmp_path):
    html = render_html(hostile_analysis())
    csp = html[html.index('<meta http-equiv="Content-Security-Policy"'):]
    csp = csp[: csp.index(">") + 1]
    # drop the CSP so that only escaping stands between the story and the page
    page = tmp_path / "hostile.html"
    page.write_text(html.replace(csp, ""), encoding="utf-8")
    browser.open(page)
    time.sleep(0.2)
    state = browser.evaluate(
        "[window.__pwned === undefined, document.title.includes('PWNED'),"
        " document.querySelectorAll('article script, article img').length,"
        " document.querySelector('article').textContent]"
    )
    assert state[:3] == [True, False, 0]
    assert [s in state[3] for s in HOSTILE] == [True] * len(HOSTILE)
    assert browser.errors() == []


def test_the_hostile_check_detects_a_page_that_runs_the_script(browser, tmp_path):
    # the control: the same strings pasted raw into a page do run, and are caught
    page = tmp_path / "raw.html"
    page.write_text(f"<!DOCTYPE html><title>t</title><p>{' '.join(HOSTILE)}</p>", encoding="utf-8")
    browser.open(page)
    time.sleep(0.2)
    assert browser.evaluate("window.__pwned") is not None
