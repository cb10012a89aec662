"""What a screen hands back when it is done, in the style of Textual's `dismiss(result)` and
Ren'Py's `Return(value)`. Screens never name one another: they return one of these, and
game/ui/flow.py, the only module that knows every screen, decides what comes next."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Go(enum.Enum):
    """Places any screen may ask for."""

    BACK = "back"            # the screen beneath
    TITLE = "title"
    LIBRARY = "library"      # the title, with the library on it
    JOIN = "join"
    SETTINGS = "settings"
    KEYS = "keys"            # Settings > Keys: remapping
    ABOUT = "about"
    HELP = "help"
    QUIT = "quit"            # asks first
    LOAD = "load"            # the list of saved plays
    QUICK_LOAD = "quick_load"  # F9: the quick save


@dataclass(frozen=True, kw_only=True)
class OpenBriefing:
    scenario: object


@dataclass(frozen=True, kw_only=True)
class Begin:
    """Start a new play of `scenario` in `mode` (game.core.play.Mode)."""

    scenario: object
    mode: object


@dataclass(frozen=True, kw_only=True)
class ShowBriefing:
    """The briefing again, to read during play (B); Esc goes back to the scene."""

    scenario: object


@dataclass(frozen=True, kw_only=True)
class SaveToSlot:
    """The named slots, to save the scene's play (practice) into one."""

    scene: object


@dataclass(frozen=True, kw_only=True)
class ResumeSave:
    save: object             # game.storage.saves.Save


@dataclass(frozen=True, kw_only=True)
class StartAttempt:
    """An assessed session's next attempt (game.storage.assessed.AttemptRun), briefing first."""

    run: object


@dataclass(frozen=True, kw_only=True)
class ShowDebrief:
    scenario: object
    debrief: object          # game.core.debrief.Debrief: its .passed is the verdict shown
    replayable: bool = True  # False for an assessed attempt: it cannot be played again


@dataclass(frozen=True, kw_only=True)
class Pause:
    scene: object            # the DialogueScreen being paused


@dataclass(frozen=True, kw_only=True)
class PlayAgain:
    scenario: object


@dataclass(frozen=True, kw_only=True)
class Leave:
    """Back to the title with a message (stepped away, stopped by an authoring problem)."""

    message: str = ""
