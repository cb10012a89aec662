"""Fixtures for the browser player and the --server clients: the real server on 127.0.0.1, the
system Chromium driven by Playwright (never a downloaded browser), and axe-core from npm."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DOORSTEP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# .ci/run installs axe-core here (npm install --prefix build/axe axe-core@...).
AXE = Path(os.environ.get("DOORSTEP_AXE", ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
SHOTS = ROOT / "build" / "screenshots"


def missing(what: str, how: str):
    """Skip on a developer's machine; fail in CI, where .ci/run must have installed it."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: {how}")
    pytest.skip(f"{what} is missing ({how})")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("uvicorn")
    from tests.web.server import running_server
    with running_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="session")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        missing("Chromium", "apt-get install -y chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        missing("axe-core", "npm install --prefix build/axe axe-core")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def page_factory(chromium, server):
    """New pages in fresh browser contexts (own cookies), each failing the test on a script error."""
    contexts, errors = [], []

    def make(**options):
        options.setdefault("viewport", {"width": 1024, "height": 800})
        options.setdefault("reduced_motion", "reduce")
        context = chromium.new_context(base_url=server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        # The server's Content-Security-Policy (no inline script or style) must hold everywhere.
        page.on("console", lambda m: errors.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"script errors in the page: {errors}"


def wait_until(page, expression: str, timeout: float = 15) -> None:
    """Poll `expression` in the page until it is truthy. (Playwright's wait_for_function evals
    a string in the page, which the server's Content-Security-Policy rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {expression}; focus on "
                         f"{page.evaluate('document.activeElement && document.activeElement.id')}")
