"""Frame cost of the dialogue scene, and launch time to the first frame, headless.

    .venv/bin/python benchmarks/bench_frames.py

Plays 600 frames of the demo scenario's dialogue scene at 1280x720 (SDL_VIDEODRIVER=dummy),
pressing Space every 40 frames so text reveals, portraits and backgrounds change as in play,
and reports the median CPU time per frame (target: 2 ms or less). Launch-to-first-frame is
timed for Doorstep and for a bare `pygame.init()` + window, each in a fresh interpreter, in the
same run, and printed side by side with ratios.
"""
from __future__ import annotations

import os
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

FRAMES = 600
TARGET_MS = 2.0
LAUNCHES = 3
MARK = "FIRST-FRAME"


def launch_child(kind: str) -> None:
    """Run in a fresh interpreter: open a window (and for 'doorstep' draw the title) then report."""
    import pygame

    pygame.init()
    window = pygame.display.set_mode((1280, 720))
    if kind == "doorstep":
        from game.ui.app import make_app

        app = make_app(str(ROOT / "scenarios"), tempfile.mkdtemp())
        app.draw(window)
    else:
        window.fill((0, 0, 0))
    pygame.display.flip()
    print(MARK, flush=True)
    pygame.quit()


def time_launch(kind: str) -> float:
    """Seconds from starting a new Python process to its first frame on screen."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--launch", kind], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"the {kind} launch never drew a frame")
    proc.wait()
    return elapsed


def frame_times() -> list[float]:
    """CPU seconds of each of FRAMES frames (update + draw + flip) of the dialogue scene."""
    import pygame

    from game.ui.app import make_app
    from game.ui.driver import Driver
    from game.ui.screens.dialogue import DialogueScreen

    pygame.init()
    window = pygame.display.set_mode((1280, 720))
    with tempfile.TemporaryDirectory() as tmp:
        driver = Driver(make_app(str(ROOT / "scenarios"), tmp), window)
        driver.app.change_settings(reduce_motion=False, instant_text=False)
        driver.key(pygame.K_RETURN)
        driver.tab_to(f"play:{ROOT / 'scenarios' / 'demo-late-again.yaml'}")
        driver.key(pygame.K_RETURN)
        driver.key(pygame.K_RETURN)
        scene = driver.screen
        assert isinstance(scene, DialogueScreen)
        app = driver.app
        times = []
        for i in range(FRAMES):
            if i % 40 == 39:
                if scene.view.kind == "decision":
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" "))
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0, unicode="3"))
                elif scene.feedback is not None or scene.view.kind == "beat":
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
                    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
            t0 = time.process_time()
            app.update(1 / 60)
            app.draw(window)
            pygame.display.flip()
            times.append(time.process_time() - t0)
    pygame.quit()
    return times


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--launch":
        launch_child(sys.argv[2])
        return 0
    times = frame_times()
    median_ms = statistics.median(times) * 1000
    p95_ms = sorted(times)[int(len(times) * 0.95)] * 1000
    bare = statistics.median(time_launch("bare") for _ in range(LAUNCHES)) * 1000
    ours = statistics.median(time_launch("doorstep") for _ in range(LAUNCHES)) * 1000
    rows = [
        ("measure", "Doorstep", "bare pygame", "ratio"),
        ("launch to first frame (ms)", f"{ours:.0f}", f"{bare:.0f}", f"{ours / bare:.2f}x"),
        (f"dialogue frame, median CPU (ms, {FRAMES} frames)", f"{median_ms:.2f}", "-", f"{median_ms / TARGET_MS:.2f}x of the {TARGET_MS:g} ms target"),
        ("dialogue frame, 95th percentile CPU (ms)", f"{p95_ms:.2f}", "-", "-"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for j, r in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)))
        if j == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\nmedian frame {'meets' if median_ms <= TARGET_MS else 'MISSES'} the {TARGET_MS:g} ms target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
