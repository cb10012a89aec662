"""Playing a SCORM package as an LMS would: a local web server, scorm-again as the LMS, Chromium.

Only 127.0.0.1 is served; any request elsewhere is refused and counted, so a package that tries
to fetch from the internet fails its test.
"""
from __future__ import annotations

import functools
import json
import shutil
import threading
import time
import zipfile
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


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
        self.page.goto(f"{base}/lms/index.html?sco=../pkg/sco/{scenario}.html&name={name}")
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
            self.frame = next(f for f in self.page.frames if f.url.endswith(".html") and "/sco/" in f.url)
        return self.frame

    def wait_ready(self, timeout: float = 60) -> float:
        """Seconds from opening the page until the core is ready (Begin enabled)."""
        self.page.wait_for_function(
            "() => { const f = document.getElementById('sco').contentWindow; return f && f.doorstep && f.doorstep.ready; }",
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
        """'intro', 'beat', 'decision' or 'ending': what the learner sees now."""
        return self._frame().evaluate("""() => {
            if (!document.getElementById('play').hidden) {
                if (document.querySelector('#continue')) return 'beat';
                if (document.querySelector('button.choice')) return 'decision';
                if (document.querySelector('#verdict')) return 'ending';
                return 'other';
            }
            return 'intro'; }""")

    def begin(self) -> None:
        self.tab_to("#begin")
        self.key("Enter")

    def play(self, numbers: list[int], stop_after: int | None = None) -> None:
        """Continue past beats (Tab, Enter) and press each number key at each decision; stop at
        the ending, or after `stop_after` decisions."""
        numbers = list(numbers)
        taken = 0
        for _ in range(500):
            kind = self.screen()
            if kind == "ending" or (stop_after is not None and taken >= stop_after and kind == "decision"):
                return
            if kind == "beat":
                self.tab_to("#continue")
                self.key("Enter")
            elif kind == "decision":
                self.key(str(numbers.pop(0)))
                taken += 1
            self._settle()
        raise AssertionError("the play never reached an ending")

    def _settle(self) -> None:
        self._frame().evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")

    def first_decision(self, timeout: float = 60) -> float:
        """Keyboard from the briefing to the first decision; seconds since the page opened."""
        self.wait_ready(timeout)
        self.begin()
        for _ in range(200):
            if self.screen() == "decision":
                return time.monotonic() - self.started
            self.tab_to("#continue")
            self.key("Enter")
            self._settle()
        raise AssertionError("no decision reached")

    def log(self) -> list[tuple[str, str]]:
        return [tuple(x) for x in self.page.evaluate("() => window.lmsLog")]

    def calls(self) -> list[str]:
        return self.page.evaluate("() => window.lmsCalls")

    def kept(self) -> dict:
        return self.page.evaluate("() => window.lmsKept()")

    def close(self) -> None:
        self.page.close(run_before_unload=True)
