"""Write a PNG of every screen of the desktop game to docs/screenshots/ (headless).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Drives the real screens with synthetic key presses through the demo scenario.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.ui.app import make_app  # noqa: E402
from game.ui.driver import Driver  # noqa: E402
from game.core.model import NodeKind  # noqa: E402
from game.ui.screens.dialogue import DialogueScreen  # noqa: E402

DEMO = ROOT / "scenarios" / "demo-late-again.yaml"


def shoot(driver: Driver, out: Path, name: str) -> None:
    driver.settle()
    pygame.image.save(driver.surface, str(out / f"{name}.png"))
    print(f"wrote {out / name}.png")


def to_demo(d: Driver, mode: str = "practice") -> DialogueScreen:
    d.tab_to("play")
    d.key(pygame.K_RETURN)
    d.tab_to(f"play:{DEMO}")
    d.key(pygame.K_RETURN)
    d.tab_to(mode)
    d.key(pygame.K_RETURN)
    return d.screen


def until(d: Driver, scene: DialogueScreen, test, choice: int = 1, limit: int = 200) -> None:
    """Play on (lines: Space; decisions: `choice`; feedback: Continue) until `test(scene)`."""
    def step(driver: Driver) -> None:
        if scene.review is None and scene.view.kind == NodeKind.DECISION:
            driver.key(pygame.K_SPACE)
            driver.key(getattr(pygame, f"K_{min(choice, len(scene.view.choices))}"))
        else:
            driver.advance()

    d.play_until(lambda driver: test(scene), step, limit=limit, what="the wanted moment")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pygame.init()
    window = pygame.display.set_mode((1280, 720))
    with tempfile.TemporaryDirectory() as tmp:
        d = Driver(make_app(str(ROOT / "scenarios"), tmp), window)
        shoot(d, out, "01-title")
        d.key(pygame.K_RETURN)
        shoot(d, out, "02-library")
        d.tab_to(f"play:{DEMO}")
        d.key(pygame.K_RETURN)
        shoot(d, out, "03-briefing")
        d.key(pygame.K_RETURN)
        scene = d.screen
        d.frame(20)
        pygame.image.save(window, str(out / "04-dialogue-revealing.png"))
        until(d, scene, lambda s: s.view.speaker is not None, choice=3)
        d.key(pygame.K_SPACE)
        shoot(d, out, "05-doorstep")
        d.key(pygame.K_PAGEUP)            # rollback: the line before, looked at again
        shoot(d, out, "25-rollback")
        d.key(pygame.K_PAGEDOWN)
        until(d, scene, lambda s: s.view.kind == NodeKind.DECISION and s.stage.cast and s.review is None, choice=3)
        d.key(pygame.K_SPACE)
        d.key(pygame.K_DOWN)
        shoot(d, out, "06-decision")
        d.app.change_settings(high_contrast=True)
        shoot(d, out, "12-high-contrast")
        d.app.change_settings(high_contrast=False, text_scale=2.0)
        shoot(d, out, "13-text-200")
        d.key(pygame.K_ESCAPE)
        shoot(d, out, "21-pause-200")
        d.key(pygame.K_ESCAPE)
        d.app.change_settings(text_scale=1.0)
        d.key(pygame.K_RETURN)
        shoot(d, out, "07-feedback")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_n)
        shoot(d, out, "08-case-notes")
        d.key(pygame.K_n)
        d.key(pygame.K_h)
        shoot(d, out, "09-history")
        d.key(pygame.K_h)
        d.key(pygame.K_ESCAPE)
        shoot(d, out, "10-pause")
        d.tab_to("settings")
        d.key(pygame.K_RETURN)
        shoot(d, out, "11-settings")
        d.tab_to("keys")
        d.key(pygame.K_RETURN)
        d.tab_to("key:notes")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_h)                 # refused: H is the history's
        d.tab_to("key:history")
        shoot(d, out, "24-keys-remap")
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        until(d, scene, lambda s: s.view.kind == NodeKind.ENDING and s.review is None, choice=3)
        shoot(d, out, "14-ending")
        d.key(pygame.K_RETURN)
        shoot(d, out, "15-debrief")
        d.screen.scroll.scroll(d.screen.scroll.view_h + 230)   # down to the route graphs
        shoot(d, out, "16-debrief-route")
        d.key(pygame.K_END)
        shoot(d, out, "17-debrief-decisions")
        d.tab_to("export")
        d.key(pygame.K_RETURN)            # where to save the web page
        shoot(d, out, "26-debrief-save-as")
        d.key(pygame.K_ESCAPE)
        d.tab_to("title")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_F1)
        shoot(d, out, "22-keys")
        d.key(pygame.K_ESCAPE)
        d.tab_to("quit")
        d.key(pygame.K_RETURN)
        shoot(d, out, "23-quit")
        d.key(pygame.K_ESCAPE)
        d.tab_to("about")
        d.key(pygame.K_RETURN)
        shoot(d, out, "18-about")
        d.key(pygame.K_ESCAPE)
        d.tab_to("join")
        d.key(pygame.K_RETURN)
        shoot(d, out, "19-join")
        d.key(pygame.K_ESCAPE)
        scene = to_demo(d, "assessed")
        d.key(pygame.K_ESCAPE)
        d.tab_to("withdraw")
        d.key(pygame.K_RETURN)
        shoot(d, out, "20-assessed-step-away")
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
