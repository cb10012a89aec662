"""`python main.py` with no command: the game window where there is a display, otherwise the
terminal player with a menu of the scenarios."""
from __future__ import annotations

import os
import sys



def has_display() -> bool:
    """Whether to open the window. DOORSTEP_WINDOW=1 forces it (a remote desktop SDL can reach,
    the launch benchmark on a headless machine); DOORSTEP_WINDOW=0 forces the terminal."""
    forced = os.environ.get("DOORSTEP_WINDOW")
    if forced in ("0", "1"):
        return forced == "1"
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


SCENARIOS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scenarios")


def start_game(scenarios_dir: str = SCENARIOS) -> int:
    if has_display():
        try:
            from game.ui.app import run
        except ImportError as exc:
            print(f"The game window is not available ({exc}); using the terminal.",
                  file=sys.stderr)
        else:
            return run(scenarios_dir)
    else:
        print("No display found: starting the terminal player instead.\n")
    return terminal_menu(scenarios_dir)


def terminal_menu(scenarios_dir: str) -> int:
    from game.core.loader import check_path

    from .terminal import Terminal, ask_mode, play_interactive
    from .validate import scenario_files

    term = Terminal()
    library = []
    for f in scenario_files([scenarios_dir]):
        scenario, _ = check_path(f)
        if scenario is not None:
            library.append(scenario)
    if not library:
        term.say(f"No playable scenarios found in {scenarios_dir}.")
        return 1
    term.say("DOORSTEP - choose a scenario:")
    for i, s in enumerate(library, 1):
        term.say(f"{s.summary} ({s.minutes} min)", first=f"  {i}. {s.title}: ", indent="     ")
    while True:
        answer = term.ask("Number (q to quit): ")
        if answer is None or answer.lower() == "q":
            return 0
        if answer.isdigit() and 1 <= int(answer) <= len(library):
            break
        term.say(f"Please type a number from 1 to {len(library)}.")
    from game.clock import now_iso as now
    play_interactive(library[int(answer) - 1], ask_mode(term), clock=now)
    return 0
