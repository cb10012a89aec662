"""Frame cost of every screen, the debrief's route graph at 1k and 10k nodes, and launch time
through main.py against a bare pygame window, headless; everything measured in one run.

    .venv/bin/python benchmarks/bench_frames.py [--quick]

Frames: each screen is put on the window (1280x720, SDL_VIDEODRIVER=dummy) through the real
App, then FRAMES frames of update + draw + flip are timed (CPU time); the table gives the
median and 95th percentile, target 2 ms or less for every screen with a 1,000-node scenario in
the library. The debrief with a 1k and a 10k-node scenario shows the route graph: its first
frame draws the graph once into a cached surface (reported separately), later frames blit it.

Launch: `python main.py` (no command: the real path, parser and all; DOORSTEP_WINDOW=1 opens the
window on the dummy driver, DOORSTEP_FIRST_FRAME makes it print a mark after its first flip and
stop) against a bare `pygame.init()` + window + flip, each a fresh interpreter, interleaved
LAUNCHES times, with user folders in a fresh temporary HOME. Target: at most 2x the bare window.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAMES = 300
TARGET_MS = 2.0
LAUNCH_TARGET = 2.0
LAUNCHES = 7
MARK = "FIRST-FRAME"
BARE = ("import pygame; pygame.init(); w = pygame.display.set_mode((1280, 720)); w.fill((0, 0, 0)); "
        f"pygame.display.flip(); print({MARK!r}, flush=True); pygame.quit()")
OLD_10K_MS = 147.0   # the debrief's frame at 10k nodes before the graph was cached (issue 14)


def time_launch(kind: str, home: str) -> float:
    """Seconds from starting a new Python process to its first frame on screen."""
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
           "DOORSTEP_WINDOW": "1", "DOORSTEP_FIRST_FRAME": MARK}
    command = [sys.executable, "main.py"] if kind == "main.py" else [sys.executable, "-c", BARE]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            cwd=ROOT, env=env)
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"the {kind} launch never drew a frame")
    proc.wait()
    return elapsed


def launches(n: int) -> tuple[float, float]:
    """Median launch seconds (main.py, bare pygame), the two interleaved in one run."""
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as home:
        time_launch("main.py", home)   # the first run writes the .pyc files; not counted
        for _ in range(n):
            ours.append(time_launch("main.py", home))
            bare.append(time_launch("bare", home))
    return statistics.median(ours), statistics.median(bare)


def timed_frames(app, window, frames: int) -> list[float]:
    import pygame

    times = []
    for _ in range(frames):
        t0 = time.process_time()
        app.update(1 / 60)
        app.draw(window)
        pygame.display.flip()
        times.append(time.process_time() - t0)
    return times


def finished_debrief(scenario):
    """A debrief of `scenario` played to an ending by always taking the first choice."""
    from game.core.play import Choose, Mode, Phase, Play

    play = Play.begin(scenario, mode=Mode.PRACTICE)
    while play.to_next_decision() and play.phase is Phase.DECISION:
        play.send(Choose(number=1))
    return play.debrief()


def screens(folder: Path, big: dict, frames: int) -> list[tuple[str, list[float], float | None]]:
    """(screen, frame times, first-frame seconds or None) for every screen of the game."""
    import pygame

    from game.core.model import NodeKind
    from game.ui.app import make_app
    from game.ui.driver import Driver
    from game.core.play import Mode
    from game.ui.results import Begin, Go, OpenBriefing, Pause, ShowDebrief

    pygame.init()
    window = pygame.display.set_mode((1280, 720))
    out = []
    with tempfile.TemporaryDirectory() as user:
        d = Driver(make_app(str(folder), user), window)
        app = d.app
        app.change_settings(reduce_motion=True)

        def measure(name: str, first: bool = False) -> None:
            t0 = time.perf_counter()
            app.draw(window)
            drawn = time.perf_counter() - t0
            out.append((name, timed_frames(app, window, frames), drawn if first else None))

        measure("title")
        d.key(pygame.K_RETURN)
        measure("library (with the 1k-node scenario)")
        demo = next(e.scenario for e in app.router.top.entries if e.scenario and e.scenario.id == "demo-late-again")
        app.navigate(app.router.top, OpenBriefing(scenario=demo))
        measure("briefing")
        d.tab_to("practice")
        d.key(pygame.K_RETURN)
        scene = app.router.top
        app.change_settings(reduce_motion=False)
        # The dialogue scene as played: a key every 40 frames, so lines reveal and faces change.
        times = []
        for i in range(frames * 2):
            if i % 40 == 39:
                if scene.review is None and scene.view.kind == NodeKind.DECISION:
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0, unicode="3"))
                else:
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
            times += timed_frames(app, window, 1)
        out.append(("dialogue, played (reveals, faces, feedback)", times, None))
        app.change_settings(reduce_motion=True)
        app.navigate(app.router.top, Go.TITLE)              # a fresh play for the still moments
        app.navigate(app.router.top, OpenBriefing(scenario=demo))
        app.navigate(app.router.top, Begin(scenario=demo, mode=Mode.PRACTICE))
        scene = app.router.top
        d.play_until(lambda dd: scene.review is None and scene.view.kind == NodeKind.DECISION,
                     lambda dd: dd.advance(), what="a decision")
        d.key(pygame.K_SPACE)
        measure("dialogue at a decision")
        d.key(pygame.K_2)
        measure("feedback card")
        d.key(pygame.K_h)
        measure("history panel")
        d.key(pygame.K_h)
        app.navigate(scene, Pause(scene=scene))
        measure("pause")
        app.navigate(app.router.top, Go.SETTINGS)
        measure("settings")
        app.navigate(app.router.top, Go.TITLE)
        for place, name in ((Go.ABOUT, "about"), (Go.HELP, "keys (F1)"), (Go.JOIN, "join a session")):
            app.navigate(app.router.top, place)
            measure(name)
            app.navigate(app.router.top, Go.TITLE)
        app.navigate(app.router.top, ShowDebrief(scenario=demo, debrief=finished_debrief(demo)))
        measure("debrief, demo scenario", first=True)
        for label, scenario in big.items():
            app.navigate(app.router.top, Go.TITLE)
            app.navigate(app.router.top, ShowDebrief(scenario=scenario, debrief=finished_debrief(scenario)))
            app.router.top.scroll.scroll(app.router.top.scroll.view_h)   # the route graphs in view
            measure(f"debrief, route graph at {label}", first=True)
    pygame.quit()
    return out


def main() -> int:
    quick = "--quick" in sys.argv
    from benchmarks.generate import generate
    from game.core.loader import load_path

    frames = 60 if quick else FRAMES
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scenarios"
        folder.mkdir()
        for path in (ROOT / "scenarios").glob("demo-late-again.yaml"):
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        # copied, not linked: the loader refuses includes that lead out of the folder
        shutil.copytree(ROOT / "scenarios" / "fragments", folder / "fragments")
        big = {}
        for nodes in (1_000, 10_000):
            path = (folder if nodes == 1_000 else Path(tmp)) / f"generated-{nodes}.yaml"
            path.write_text(generate(nodes), encoding="utf-8")
            big[f"{nodes // 1000}k nodes"] = load_path(str(path))
        rows = screens(folder, big, frames)
    ours, bare = launches(3 if quick else LAUNCHES)

    table = [("screen", "median ms", "p95 ms", "first frame ms", "median / 2 ms target")]
    worst_1k = 0.0
    for name, times, first in rows:
        median = statistics.median(times) * 1000
        p95 = sorted(times)[int(len(times) * 0.95)] * 1000
        if "10k" not in name:
            worst_1k = max(worst_1k, median)
        table.append((name, f"{median:.2f}", f"{p95:.2f}", "-" if first is None else f"{first * 1000:.0f}",
                      f"{median / TARGET_MS:.2f}x"))
    ten_k = next(statistics.median(t) * 1000 for n, t, _ in rows if "10k" in n)
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for j, r in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)))
        if j == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(f"route graph at 10k nodes: {ten_k:.2f} ms a frame, {ten_k / OLD_10K_MS:.3f}x the "
          f"{OLD_10K_MS:g} ms it took when redrawn every frame")
    print(f"launch to first frame: main.py {ours * 1000:.0f} ms, bare pygame window {bare * 1000:.0f} ms, "
          f"ratio {ours / bare:.2f}x (target {LAUNCH_TARGET:g}x)")
    ok = worst_1k <= TARGET_MS and ours / bare <= LAUNCH_TARGET
    print(f"worst median frame with 1k nodes: {worst_1k:.2f} ms ({'meets' if worst_1k <= TARGET_MS else 'MISSES'} "
          f"the {TARGET_MS:g} ms target); launch {'meets' if ours / bare <= LAUNCH_TARGET else 'MISSES'} "
          f"the {LAUNCH_TARGET:g}x target")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
