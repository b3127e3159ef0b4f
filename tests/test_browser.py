"""The HTML report in a real browser: Debian's chromium driven over the DevTools pipe.

No extra dependency: ``--remote-debugging-pipe`` speaks CDP as NUL-separated JSON on
file descriptors 3 (to the browser) and 4 (from it), so the stdlib is enough.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import fcntl
import io
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import unicodedata
import zlib
from pathlib import Path
from typing import Any

import pytest
from test_graph import ROOT, analysis_for
from test_report_html import HOSTILE, hostile_analysis

from attribution.report.html import render_html, speaker_numbers
from attribution.report.marks import report_words
from attribution.types import Analysis, Sourcing, Stance, TermUse

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

    def viewport(self, width: int, height: int = 900, touch: bool = False, media: str = "") -> None:
        """Lay the page out ``width`` CSS pixels wide (a phone's when ``touch``), for ``media`` if given."""
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.call("Emulation.setTouchEmulationEnabled", session=True, enabled=touch, maxTouchPoints=1)
        self.call("Emulation.setEmulatedMedia", session=True, media=media)

    def after_box(self, selector: str) -> list[float] | None:
        """The ``[left, top, right, bottom]`` of the ``::after`` box of an element, or None when it has none."""
        self.call("DOM.enable", session=True)
        root = self.call("DOM.getDocument", session=True, depth=-1)["root"]["nodeId"]
        node = self.call("DOM.querySelector", session=True, nodeId=root, selector=selector)["nodeId"]
        pseudo = self.call("DOM.describeNode", session=True, nodeId=node)["node"].get("pseudoElements", [])
        after = [p for p in pseudo if p.get("pseudoType") == "after"]
        if not after:
            return None
        quad = self.call("DOM.getBoxModel", session=True, nodeId=after[0]["nodeId"])["model"]["border"]
        return [min(quad[0::2]), min(quad[1::2]), max(quad[0::2]), max(quad[1::2])]

    def tap(self, x: float, y: float) -> None:
        """A finger's tap at viewport point ``(x, y)``."""
        self.call("Input.dispatchTouchEvent", session=True, type="touchStart", touchPoints=[{"x": x, "y": y}])
        self.call("Input.dispatchTouchEvent", session=True, type="touchEnd", touchPoints=[])
        self.evaluate("1")

    def pdf(self) -> bytes:
        """The page printed to PDF (US Letter, the browser's default margins)."""
        return base64.b64decode(self.call("Page.printToPDF", session=True, printBackground=True)["data"])

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


def with_via_mentions(analysis: Analysis) -> Analysis:
    """The analysis with ``via_mentions`` filled where the entities stage left them empty.

    A stand-in for the entities stage (which fills them): each intermediary's mention
    nearest the claim's cue, so the report's marks can be checked on a real story now.
    """
    entities = {e.id: e for e in analysis.entities}
    claims = []
    for c in analysis.claims:
        if c.via and not c.via_mentions:
            at = c.cue.start if c.cue else c.content.start
            mentions = tuple(min(entities[v].mentions, key=lambda m: abs(m.start - at)) for v in c.via)
            c = dataclasses.replace(c, via_mentions=mentions)
        claims.append(c)
    return dataclasses.replace(analysis, claims=tuple(claims))


def open_report(browser, analysis: Analysis, folder: Path) -> Path:
    page = folder / f"{Path(analysis.path or 'story').stem}.html"
    page.write_text(render_html(analysis), encoding="utf-8")
    browser.viewport(1200)
    browser.open(page)
    return page


@pytest.fixture(scope="module")
def kazakhstan(browser, tmp_path_factory):
    analysis = with_via_mentions(analysis_for(ROOT / "corpora" / "kazakhstan_reuters.txt"))
    return analysis, open_report(browser, analysis, tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def long_story(browser, tmp_path_factory):
    """An invented story of 45 claims by 18 speakers, one of whom (Mara Quint) also relays a claim."""
    analysis = with_via_mentions(analysis_for(ROOT / "tests" / "fixtures" / "long_story.txt"))
    return analysis, open_report(browser, analysis, tmp_path_factory.mktemp("long"))


@pytest.fixture(scope="module")
def stadium(browser, tmp_path_factory):
    """An invented story of 43 claims with every signal: distancing, endorsing and dramatic verbs,
    unsourced, observed and question sentences, a partial quote, scare quotes and names."""
    analysis = analysis_for(ROOT / "tests" / "fixtures" / "stadium_story.txt")
    return analysis, open_report(browser, analysis, tmp_path_factory.mktemp("stadium"))


@pytest.fixture(params=["kazakhstan", "long_story", "stadium"])
def report(request):
    return request.getfixturevalue(request.param)


def test_report_loads_without_console_errors_or_requests(browser, report):
    analysis, page = report
    browser.viewport(1200)
    browser.open(page)
    assert (browser.errors(), browser.requests(), len(analysis.claims) > 10) == ([], [page.as_uri()], True)


def test_every_claim_is_highlighted_once(browser, kazakhstan):
    analysis, page = kazakhstan
    browser.viewport(1200)
    browser.open(page)
    found = browser.evaluate(
        "[new Set([...document.querySelectorAll('[data-claim]')].map(e => e.dataset.claim)).size,"
        " document.querySelectorAll('.claim[id^=\"claim-\"][tabindex=\"0\"]').length]"
    )
    assert found == [len(analysis.claims), len(analysis.claims)]


def gap(box: list[float], rects: list[list[float]]) -> float:
    """The distance in CSS pixels between a box and the nearest of some rectangles (0 when they touch)."""
    def one(r: list[float]) -> float:
        dx = max(0.0, r[0] - box[2], box[0] - r[2])
        dy = max(0.0, r[1] - box[3], box[1] - r[3])
        return (dx * dx + dy * dy) ** 0.5
    return min(one(r) for r in rects)


def claim_rects(browser, claim_id: str) -> list[list[float]]:
    return browser.evaluate(
        f"[...document.getElementById('claim-{claim_id}').getClientRects()]"
        ".map(r => [r.left, r.top, r.right, r.bottom])")


@pytest.mark.parametrize("width", [390, 1300])
def test_focusing_a_claim_shows_its_chain_next_to_it(browser, report, width):
    analysis, page = report
    browser.viewport(width)
    browser.open(page)
    far = []
    for claim in analysis.claims:
        shown = browser.evaluate(
            f"(() => {{ const m = document.getElementById('claim-{claim.id}'); m.scrollIntoView({{block: 'center'}});"
            " m.focus(); return [document.activeElement === m, getComputedStyle(m, '::after').content,"
            " document.getElementById(m.getAttribute('aria-describedby')).textContent]; })()"
        )
        box = browser.after_box(f"#claim-{claim.id}")
        assert (shown[0], shown[1] == f'"Chain: {shown[2]}"', box is not None) == (True, True, True)
        if gap(box, claim_rects(browser, claim.id)) > 40 or box[2] > width or box[0] < 0:
            far.append((claim.id, box))
    assert far == []


def test_a_tap_on_a_phone_shows_the_chain_next_to_the_claim(browser, kazakhstan):
    analysis, page = kazakhstan
    relayed = [c for c in analysis.claims if c.via][-1]  # "..., the RIA news agency quoted the alliance's ..."
    browser.viewport(390, 844, touch=True)
    browser.open(page)
    rect = browser.evaluate(
        f"(() => {{ const m = document.getElementById('claim-{relayed.id}'); m.scrollIntoView({{block: 'center'}});"
        " const r = m.getClientRects()[0]; return [r.left + 5, (r.top + r.bottom) / 2]; })()")
    browser.tap(*rect)
    focused = browser.evaluate("document.activeElement.id")
    box = browser.after_box(f"#claim-{relayed.id}")
    assert (focused, box is not None and gap(box, claim_rects(browser, relayed.id)) <= 40) == (
        f"claim-{relayed.id}", True)
    assert "→ RIA news agency →" in browser.evaluate(f"document.getElementById('claim-{relayed.id}').dataset.chain")


def test_intermediary_mentions_are_marked_and_link_to_the_claims_they_relay(browser, kazakhstan):
    analysis, page = kazakhstan
    browser.viewport(1200)
    browser.open(page)
    marked = browser.evaluate(
        "[...document.querySelectorAll('article a.via')].map(a => [a.textContent, a.getAttribute('href'),"
        " a.dataset.via, !!document.querySelector(a.getAttribute('href'))])")
    expected = [[m.text, f"#claim-{c.id}", c.id, True] for c in analysis.claims for m in c.via_mentions if m]
    assert (marked, len(expected)) == (expected, 2)


@pytest.mark.parametrize("width", [390, 1300])
def test_nothing_overflows_the_page_and_the_diagram_fits(browser, report, width):
    _, page = report
    browser.viewport(width, 844)
    browser.open(page)
    found = browser.evaluate(
        "(() => { const svg = document.querySelector('svg.chains').getBoundingClientRect();"
        " const pub = document.querySelector('svg.chains g.publisher rect').getBoundingClientRect();"
        " const boxes = [...document.querySelectorAll('svg.chains g.node rect')].map(r => r.getBoundingClientRect());"
        " return [document.documentElement.scrollWidth, innerWidth, Math.round(svg.right), Math.round(pub.right),"
        " boxes.every(b => b.left >= svg.left - 0.5 && b.right <= svg.right + 0.5 && b.bottom <= svg.bottom + 0.5),"
        " Math.round(svg.width)]; })()")
    scroll, inner, svg_right, pub_right, inside, svg_width = found
    assert (scroll <= inner, svg_right <= inner, pub_right <= svg_right, inside, svg_width > 300) == (
        True, True, True, True, True)


def diagram_labels(browser) -> list[str]:
    """Every line written in the diagram's boxes."""
    return browser.evaluate("[...document.querySelectorAll('svg.chains g.node tspan')].map(t => t.textContent)")


def test_printed_report_holds_the_whole_diagram_and_the_publisher_box(browser, report):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the printed PDF (installed by the test extra)")
    _, page = report
    # Letter paper less the default margins is about 739 CSS px wide and 970 high
    browser.viewport(739, 970, media="print")
    browser.open(page)
    found = browser.evaluate(
        "(() => { const svg = document.querySelector('svg.chains').getBoundingClientRect();"
        " const pub = document.querySelector('svg.chains g.publisher rect').getBoundingClientRect();"
        " return [svg.right <= innerWidth, svg.height <= 0.95 * innerHeight, pub.right <= svg.right + 0.5,"
        " pub.bottom <= svg.bottom + 0.5, document.documentElement.scrollWidth <= innerWidth]; })()")
    labels = diagram_labels(browser)
    card = browser.evaluate("[document.querySelector('.glance p.summary').textContent,"
                            " ...[...document.querySelectorAll('.glance dl.bars > div')].map(d => d.textContent)]")
    browser.viewport(1200)
    pdf = browser.pdf()
    def letters(text: str) -> str:  # PDF text keeps neither spaces, apostrophes nor "ffi" (a ligature) as typed
        return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())

    text = letters(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    missing = [label for label in labels + card if letters(label) not in text]
    assert (found, pdf[:5], len(labels) > 5, len(card) > 4, missing) == ([True] * 5, b"%PDF-", True, True, [])


def test_screenshots_at_phone_and_desktop_widths_are_not_blank(browser, report):
    analysis, page = report
    folder = os.environ.get("ATTRIB_SCREENSHOTS")  # set it to keep whole-page screenshots to look at
    for width in (390, 1300):
        browser.viewport(width, 900)
        browser.open(page)
        if folder:
            Path(folder, f"{page.stem}-{width}.png").write_bytes(browser.screenshot())
        data = browser.call("Page.captureScreenshot", session=True, format="png")  # the first screen
        shot_width, height, rows = png_rows(base64.b64decode(data["data"]))
        sample = b"".join(rows[:: max(1, height // 200)])
        colours = {sample[i:i + 3] for i in range(0, len(sample) - 3, 3)}
        tall = browser.evaluate("document.documentElement.scrollHeight")
        assert (shot_width, height, tall > 2000, len(colours) > 20) == (width, 900, True, True)


def test_hostile_story_runs_no_script_and_shows_its_text(browser, tmp_path):
    browser.viewport(1200)
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


# --------------------------------------------------------------------------- the media-literacy signals


def visible(browser, selector: str) -> list[bool]:
    """For each element matching ``selector``: laid out with a size, not hidden, inside the page's width."""
    return browser.evaluate(
        f"[...document.querySelectorAll({json.dumps(selector)})].map(e => {{ const r = e.getBoundingClientRect();"
        " const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility === 'visible'"
        " && s.display !== 'none' && r.left >= -0.5 && r.right <= innerWidth + 0.5; })")


@pytest.mark.parametrize("width", [390, 1300])
def test_sourcing_card_says_the_profile_in_words_and_bars(browser, report, width):
    analysis, page = report
    browser.viewport(width)
    browser.open(page)
    top, height, summary, rows, story_top = browser.evaluate(
        "(() => { const c = document.querySelector('section.glance'); const r = c.getBoundingClientRect();"
        " return [r.top + scrollY, r.height, c.querySelector('p.summary').textContent,"
        " [...c.querySelectorAll('dl.bars > div')].map(d => [d.querySelector('dt').textContent, d.textContent,"
        "  [...d.querySelectorAll('.bar > span')].map(p => [p.className.split(' ')[0].slice(2),"
        "   p.getBoundingClientRect().width])]),"
        " document.querySelector('article').getBoundingClientRect().top + scrollY]; })()")
    claims, sentences = len(analysis.claims), len(analysis.sourcing)
    unsourced = sum(s.label is Sourcing.UNSOURCED for s in analysis.sourcing)
    top_source = max(sum(c.speaker == s for c in analysis.claims) for s in {c.speaker for c in analysis.claims})
    by_label = {label: (text, parts) for label, text, parts in rows}
    words = report_words()["card"]["rows"]
    assert (top < story_top, height > 100, visible(browser, "section.glance")) == (True, True, [True])
    assert (f"{claims} claims by " in summary, f"{unsourced} of {sentences} sentence" in summary) == (True, True)
    assert (f"{top_source} of {claims} claims" in by_label[words["top"]][0],
            f"{sentences} sentences" in by_label[words["sentences"]][0]) == (True, True)
    # each part of the sentences bar is as long as its share of the sentences
    parts = by_label[words["sentences"]][1]
    total = sum(w for _, w in parts)
    assert [(key, round(w / total, 2)) for key, w in parts] == [
        (key, round(sum(s.label.value == key for s in analysis.sourcing) / sentences, 2)) for key, _ in parts]


def test_the_stories_checked_hold_every_signal():
    # what the browser checks is there to check: every sentence label, stance and term use
    analyses = [analysis_for(ROOT / p) for p in ("corpora/kazakhstan_reuters.txt", "tests/fixtures/stadium_story.txt")]
    assert ({s.label for a in analyses for s in a.sourcing}, {c.stance for a in analyses for c in a.claims},
            {t.label for a in analyses for t in a.quoted_terms}) == (set(Sourcing), set(Stance), set(TermUse))


@pytest.mark.parametrize("width", [390, 1300])
def test_unsourced_observed_and_question_sentences_are_marked_and_visible(browser, report, width):
    analysis, page = report
    browser.viewport(width)
    browser.open(page)
    texts, tags, seen, patterned = browser.evaluate(
        "(() => { const out = {}; for (const e of document.querySelectorAll('article .sent')) {"
        " const k = e.className.split(' ')[1].slice(5) + ' ' + e.dataset.sentence; const c = e.cloneNode(true);"
        " c.querySelectorAll('sup').forEach(s => s.remove()); out[k] = (out[k] || '') + c.textContent; }"
        " return [out, [...document.querySelectorAll('article .tag')].map(t => [t.dataset.tag, t.dataset.sentence,"
        " t.textContent]), [...document.querySelectorAll('article .seen')].map(e => e.textContent),"
        " [...document.querySelectorAll('article .sent-unsourced')]"
        ".every(e => getComputedStyle(e).backgroundImage.includes('gradient'))]; })()")
    marked = [s for s in analysis.sourcing if s.label in (Sourcing.UNSOURCED, Sourcing.OBSERVED, Sourcing.QUESTION)]
    words = report_words()["sentences"]
    assert {k: " ".join(v.split()) for k, v in texts.items()} == {
        f"{s.label.value} {s.sentence}": " ".join(s.span.text.split()) for s in marked}
    assert tags == [[s.label.value, str(s.sentence), words[s.label.value]["tag"]] for s in marked]
    assert "".join(seen) == "".join(s.observation.text for s in marked if s.observation)
    # never colour alone: a tag in words before each sentence, a pattern behind each unsourced one
    assert (all(visible(browser, "article .tag")), all(visible(browser, "article .sent")), patterned) == (
        True, True, True)


@pytest.mark.parametrize("width", [390, 1300])
def test_leaning_verbs_are_marked_and_explain_themselves_on_focus(browser, stadium, width):
    analysis, page = stadium
    browser.viewport(width)
    browser.open(page)
    said = report_words()["stance"]
    look = "(s => [s.borderBottomStyle, s.textDecorationLine, s.textDecorationStyle])(getComputedStyle(b))"
    neutral = browser.evaluate(f"(b => {look})(document.querySelector('article b.cue:not([data-stance])'))")
    seen, wrong, far = set(), [], []
    for claim in (c for c in analysis.claims if c.stance is not Stance.NEUTRAL):
        selector = f"article b.cue[data-cue~='{claim.id}'][tabindex]"
        word, stance, focused, symbol, style, after, rects = browser.evaluate(
            f"(b => {{ b.scrollIntoView({{block: 'center'}}); b.focus(); const sup = b.nextElementSibling;"
            " return [b.textContent, b.dataset.stance, document.activeElement === b, sup && sup.textContent,"
            f" {look}, getComputedStyle(b, '::after').content,"
            " [...b.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom])]; })"
            f"(document.querySelector({json.dumps(selector)}))")
        box = browser.after_box(selector)
        seen.add(stance)
        if (word, stance, focused, symbol, style != neutral) != (
                claim.cue.text, claim.stance.value, True, said[claim.stance.value]["symbol"], True) or (
                claim.cue.text not in after or said[claim.stance.value]["legend"] not in after):
            wrong.append((claim.id, word, stance, symbol, style, after))
        if box is None or gap(box, rects) > 40 or box[2] > width or box[0] < 0:
            far.append((claim.id, box))
    assert (seen, wrong, far) == ({"distancing", "endorsing", "dramatic"}, [], [])


@pytest.mark.parametrize("width", [390, 1300])
def test_quoted_terms_are_marked_by_label_and_explain_themselves_on_focus(browser, report, width):
    analysis, page = report
    browser.viewport(width)
    browser.open(page)
    numbers = speaker_numbers(analysis)
    terms_said = report_words()["terms"]
    found = browser.evaluate(
        "[...document.querySelectorAll('article .term[data-term]')].map(t => { const parts ="
        " [...document.querySelectorAll(`article .term[data-t='${t.dataset.t}']`)]; const sup ="
        " parts[parts.length - 1].nextElementSibling; return [t.dataset.term, parts.map(p => p.textContent).join(''),"
        " sup.textContent, sup.className.includes('badge') ? getComputedStyle(sup).backgroundColor : '']; })")
    expected = [[t.label.value, t.span.text,
                 str(numbers.get(t.speaker or "", 0) or "?") if t.label.value == "attributed"
                 else terms_said[t.label.value]["tag"]] for t in analysis.quoted_terms]
    assert [f[:3] for f in found] == expected
    # a partial quote's number sits on its speaker's colour
    assert [bg not in ("", "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") for (label, *_, bg) in found
            if label == "attributed"] == [True] * sum(t.label.value == "attributed" for t in analysis.quoted_terms)
    far = []
    for i, t in enumerate(analysis.quoted_terms):
        selector = f"article .term[data-term][data-t='{i}']"
        after, rects = browser.evaluate(
            f"(t => {{ t.scrollIntoView({{block: 'center'}}); t.focus();"
            " return [getComputedStyle(t, '::after').content,"
            " [...t.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom])]; })"
            f"(document.querySelector({json.dumps(selector)}))")
        box = browser.after_box(selector)
        if box is None or gap(box, rects) > 40 or box[2] > width or box[0] < 0 or len(after) < 20:
            far.append((t.span.text, box, after))
    assert far == []


def test_the_legend_explains_every_mark_the_story_uses(browser, report):
    analysis, page = report
    browser.viewport(1300)
    browser.open(page)
    used, described, legend_top, story_top, visible_legend = browser.evaluate(
        "(() => { const a = document.querySelector('article'); const l = document.querySelector('.legend');"
        " return [[...new Set([...a.querySelectorAll('[data-stance], [data-tag], [data-term]')].map(e =>"
        " e.dataset.stance || e.dataset.tag || 'term-' + e.dataset.term))].sort(),"
        " [...a.querySelectorAll('[aria-describedby]')].map(e => e.getAttribute('aria-describedby'))"
        ".filter(id => !id.startsWith('chain-') && !document.getElementById(id)),"
        " l.getBoundingClientRect().top, a.getBoundingClientRect().top, l.getBoundingClientRect().height > 50]; })()")
    legend_ids = browser.evaluate("[...document.querySelectorAll('.legend li[id]')].map(li => li.id.slice(7))")
    assert ([u for u in used if u not in legend_ids], described, legend_top < story_top, visible_legend) == (
        [], [], True, True)
    assert {"neutral", "who", "via", "kind-direct"} <= set(legend_ids)


def test_screenshot_of_a_leaning_verb_in_focus(browser, stadium):
    _, page = stadium
    folder = os.environ.get("ATTRIB_SCREENSHOTS")  # set it to keep the screenshots to look at
    selector = "article b.cue.stance-distancing[tabindex]"
    for width in (390, 1300):
        browser.viewport(width, 700)
        browser.open(page)
        browser.evaluate(f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'center'}})")
        before = png_rows(base64.b64decode(browser.call("Page.captureScreenshot", session=True, format="png")["data"]))
        browser.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        data = base64.b64decode(browser.call("Page.captureScreenshot", session=True, format="png")["data"])
        if folder:
            Path(folder, f"{page.stem}-{width}-focus.png").write_bytes(data)
        after = png_rows(data)
        box = browser.after_box(selector)
        # the explanation is drawn where the box is, and nowhere else changes but the verb's outline
        top, bottom = int(box[1]) + 2, int(box[3]) - 2
        changed = [y for y in range(after[1]) if after[2][y] != before[2][y]]
        assert (after[0], before[2][top:bottom] != after[2][top:bottom], changed[0] >= top - 40,
                changed[-1] <= bottom + 4) == (width, True, True, True)
