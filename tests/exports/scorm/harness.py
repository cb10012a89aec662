"""Playing a SCORM package as an LMS would: a local web server, scorm-again as the LMS, Chromium.

Only 127.0.0.1 is served; any request elsewhere is refused and counted, so a package that tries
to fetch from the internet fails its test.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import threading
import time
import zipfile
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).parent
CHROMIUM = os.environ.get("DOORSTEP_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing(what: str, how: str):
    """Skip on a developer's machine; fail in CI, where .ci/run must have installed it (the
    same rule as tests/web)."""
    import pytest
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: {how}")
    pytest.skip(f"{what} is missing ({how})")


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".js": "text/javascript", ".wasm": "application/wasm", ".zip": "application/zip",
                      ".json": "application/json", ".html": "text/html; charset=utf-8"}

    def log_message(self, *args):
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def lay_out(package: Path, scorm_again: Path, root: Path) -> None:
    """root/pkg: the package unzipped as an LMS does; root/lms: the test LMS page and scorm-again."""
    with zipfile.ZipFile(package) as z:
        z.extractall(root / "pkg")
    (root / "lms").mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "lms.html", root / "lms" / "index.html")
    shutil.copy(scorm_again / "dist" / "scorm12.js", root / "lms" / "scorm12.js")


class Learner:
    """One launch of a SCO in the test LMS, driven by the keyboard only."""

    def __init__(self, context, base: str, scenario: str, kept: dict | None = None, name: str = "Able, Ann"):
        self.page = context.new_page()
        self.outside: list[str] = []
        self.page.route("**/*", self._only_loopback)
        self.page.add_init_script(f"window.KEPT_CMI = {json.dumps(kept)};")
        self.started = time.monotonic()
        self.page.goto(f"{base}/lms/index.html?sco=../pkg/player/{scenario}.html&name={name}")
        self.sco = self.page.frame_locator("#sco")
        self.frame = None

    def _only_loopback(self, route):
        url = route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith("data:") or url.startswith("blob:"):
            return route.continue_()
        self.outside.append(url)
        return route.abort()

    def _frame(self):
        if self.frame is None:
            self.frame = next(f for f in self.page.frames if f is not self.page.main_frame and "/pkg/player/" in f.url)
        return self.frame

    def wait_briefing(self, timeout: float = 60) -> float:
        """Seconds from opening the page until the briefing shows with Begin."""
        self.page.wait_for_function(
            """() => { const d = document.getElementById('sco').contentDocument;
                       const b = d && d.querySelector('[data-view="briefing"]');
                       return b && !b.hidden; }""", timeout=timeout * 1000)
        return time.monotonic() - self.started

    def wait_core(self, timeout: float = 60) -> float:
        """Seconds from opening the page until the in-page core (Pyodide) has loaded."""
        self.page.wait_for_function(
            "() => { const w = document.getElementById('sco').contentWindow; return w.doorstep && w.doorstep.transport.readyAt; }",
            timeout=timeout * 1000)
        return time.monotonic() - self.started

    def key(self, key: str) -> None:
        self.page.keyboard.press(key)

    def tab_to(self, selector: str, limit: int = 40) -> None:
        """Press Tab until `selector` has the focus."""
        frame = self._frame()
        for _ in range(limit):
            if frame.evaluate(f"() => document.activeElement === document.querySelector({json.dumps(selector)})"):
                return
            self.key("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    def screen(self) -> str:
        """What the learner sees now: briefing, beat, decision, feedback, ending, debrief, away."""
        return self._frame().evaluate("""() => {
            const shown = (sel) => { const n = document.querySelector(sel); return n && !n.hidden; };
            for (const view of ['briefing', 'debrief', 'away', 'home', 'complete'])
                if (shown(`[data-view="${view}"]`)) return view;
            if (!shown('[data-view="play"]')) return 'loading';
            if (shown('#feedback')) return 'feedback';
            if (shown('#decision')) return 'decision';
            if (shown('#ending')) return 'ending';
            if (shown('#continue')) return 'beat';
            return 'waiting'; }""")

    def begin(self) -> None:
        self.wait_briefing()
        self.tab_to("#begin")
        self.key("Enter")

    def play(self, numbers: list[int], stop_after: int | None = None, debrief: bool = True) -> None:
        """By keyboard only: Enter past lines and feedback, the number key at each decision;
        at the end, Tab to 'See your debrief' and Enter. Stops after `stop_after` decisions."""
        numbers = list(numbers)
        taken = 0
        for _ in range(800):
            kind = self.screen()
            if kind in ("debrief", "away"):
                return
            if kind == "decision":
                if stop_after is not None and taken >= stop_after:
                    return
                before = self.answers()
                self.key(str(numbers.pop(0)))
                taken += 1
                self.wait_for(lambda: self.answers() > before)  # the core has answered the choice
                self._settle()
            elif kind == "beat":
                self.tab_to("#continue")
                self.key("Enter")
            elif kind == "feedback":
                self.tab_to("#feedback-continue")
                self.key("Enter")
            elif kind == "ending":
                if not debrief:
                    return
                self.tab_to("#see-debrief")
                self.key("Enter")
            else:
                time.sleep(0.05)
        raise AssertionError(f"the play never reached its end (at {self.screen()})")

    def answers(self) -> int:
        """How many answers the in-page core has given (its start included)."""
        return self._frame().evaluate("() => window.doorstep.transport.answers")

    def _settle(self) -> None:
        self._frame().evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))")

    def wait_for(self, condition, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("timed out")
            time.sleep(0.05)

    def first_decision(self, timeout: float = 60) -> float:
        """By keyboard from the briefing to the first decision; seconds since the page opened."""
        self.begin()
        for _ in range(200):
            kind = self.screen()
            if kind == "decision":
                return time.monotonic() - self.started
            if kind == "beat":
                self.tab_to("#continue")
                self.key("Enter")
            else:
                time.sleep(0.05)
        raise AssertionError("no decision reached")

    def log(self) -> list[tuple[str, str]]:
        return [tuple(x) for x in self.page.evaluate("() => window.lmsLog")]

    def calls(self) -> list[str]:
        return self.page.evaluate("() => window.lmsCalls")

    def kept(self) -> dict:
        return self.page.evaluate("() => window.lmsKept()")

    def leave(self) -> dict:
        """The SCO's frame goes away, as when the learner closes the activity; what the LMS then
        keeps for the next launch."""
        self.page.evaluate("() => document.getElementById('sco').remove()")
        self.page.wait_for_function("() => window.lmsCalls.includes('LMSFinish')", timeout=10_000)
        return self.kept()

    def close(self) -> None:
        self.page.close(run_before_unload=True)
