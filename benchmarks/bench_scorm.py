"""Benchmark: a SCORM package as a learner meets it, in the system Chromium against scorm-again.

    .venv/bin/python -m benchmarks.bench_scorm [--runs 3] [--scenario demo-late-again]

Reports the package's size (the zip an agency uploads, and what a learner's browser fetches) and,
over cold browser contexts (nothing cached), interleaved with the baseline in each run:

- briefing: the page opened until the briefing shows;
- first decision: until the first decision shows, reached by keyboard (Tab, Enter) from it;
- engine ready: until Pyodide and the package's core are loaded in their worker;
- baseline: a page that only loads the same Pyodide in a worker, and nothing else.

Ratios are against the baseline: what the package adds to Pyodide's own start. Needs the SCORM
runtime (sh scripts/scorm_runtime.sh), Node.js, Playwright and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.exports.scorm import package  # noqa: E402
from tests.exports.scorm import harness  # noqa: E402

BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title><script type="module">
const w = new Worker("bare-worker.js", { type: "module" });
w.onmessage = () => { window.bareReady = performance.now(); };
</script>"""
BARE_WORKER = """import { loadPyodide } from "../pkg/player/pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("../pkg/player/pyodide/", import.meta.url).href, fullStdLib: false });
self.postMessage("ready");
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scenario", default="demo-late-again")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    runtime = package.Runtime.find()
    with tempfile.TemporaryDirectory(prefix="doorstep-bench-scorm-") as tmp:
        root = Path(tmp)
        built = package.build([str(ROOT / "scenarios" / f"{args.scenario}.yaml")], root / "p.zip", runtime=runtime)
        harness.lay_out(built.path, runtime.pyodide.parent / "scorm-again", root / "site")
        (root / "site" / "bare").mkdir()
        (root / "site" / "bare" / "index.html").write_text(BARE_PAGE)
        (root / "site" / "bare" / "bare-worker.js").write_text(BARE_WORKER)
        unpacked = sum(f.stat().st_size for f in (root / "site" / "pkg").rglob("*") if f.is_file())
        rows: dict[str, list[float]] = {"briefing": [], "first decision": [], "engine ready": [], "baseline": []}
        fetched = 0
        with harness.serve(root / "site") as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=harness.CHROMIUM, args=harness.FLAGS)
            for _ in range(args.runs):
                ctx = browser.new_context()  # cold: a new profile, nothing cached
                page = ctx.new_page()
                started = time.monotonic()
                page.goto(f"{base}/bare/index.html")
                page.wait_for_function("() => window.bareReady", timeout=120_000)
                rows["baseline"].append(time.monotonic() - started)
                ctx.close()

                ctx = browser.new_context()
                sizes: list[int] = []
                learner = harness.Learner(ctx, base, args.scenario)
                learner.page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", 0) or 0)))
                rows["briefing"].append(learner.wait_briefing(120))
                rows["first decision"].append(learner.first_decision(120))
                rows["engine ready"].append(learner.wait_core(120))
                fetched = sum(sizes)
                ctx.close()
            browser.close()
    base_time = statistics.median(rows["baseline"])
    print(f"package: {built.size / 1e6:.1f} MB zip, {unpacked / 1e6:.1f} MB unpacked; "
          f"a learner's browser fetched {fetched / 1e6:.1f} MB (the LMS may compress it)")
    print(f"{'measure (median of ' + str(args.runs) + ', cold)':<34}{'seconds':>9}{'x baseline':>12}")
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"{name:<34}{median:>9.2f}{median / base_time:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
