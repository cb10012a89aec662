"""Key bindings as data, in the style of Textual's BINDINGS: one table of actions and their
default keys. Every screen asks the Keymap which action a key stands for, the F1 list and the
Keys page in Settings are drawn from the same table, and a learner's remapping (kept with the
settings as action -> key name) replaces an action's default keys.

Keys that move focus, choose and go back (Tab, arrows, Enter, Space, 1-9, Esc) are fixed: they
are how every screen, the remapping page included, is driven, so they can never be lost."""
from __future__ import annotations

import enum
from dataclasses import dataclass

import pygame


class Action(str, enum.Enum):
    NOTES = "notes"
    HISTORY = "history"
    BRIEFING = "briefing"
    GO_BACK = "go_back"
    ROLL_BACK = "roll_back"
    ROLL_FORWARD = "roll_forward"
    SKIP = "skip"
    AUTO = "auto"
    QUICK_SAVE = "quick_save"
    QUICK_LOAD = "quick_load"
    VOICE = "voice"
    READ_AGAIN = "read_again"
    HELP = "help"
    FULLSCREEN = "fullscreen"


@dataclass(frozen=True, kw_only=True)
class Binding:
    action: Action
    keys: tuple[str, ...]    # pygame key names, the first one shown
    description: str

    @property
    def short(self) -> str:
        """The description without its aside: "What was said so far"."""
        return self.description.split(" (")[0].split(";")[0]


BINDINGS: tuple[Binding, ...] = (
    Binding(action=Action.HISTORY, keys=("h",), description="What was said so far (the history)"),
    Binding(action=Action.NOTES, keys=("n",), description="Case notes"),
    Binding(action=Action.BRIEFING, keys=("b",), description="Read the briefing again during play"),
    Binding(action=Action.ROLL_BACK, keys=("page up",),
            description="In practice: back one line (also the mouse wheel up), across decisions too; "
                        "in assessed mode, scroll"),
    Binding(action=Action.ROLL_FORWARD, keys=("page down",),
            description="In practice: forward again through lines already seen (also the wheel down)"),
    Binding(action=Action.GO_BACK, keys=("backspace",),
            description="In practice: go back a decision, as many times as you like"),
    Binding(action=Action.SKIP, keys=("s",),
            description="Skip lines you have already read (stops at anything new and at decisions)"),
    Binding(action=Action.AUTO, keys=("a",),
            description="Auto-forward on or off: each line moves on by itself (wait set in Settings)"),
    Binding(action=Action.QUICK_SAVE, keys=("f6",), description="In practice: quick save"),
    Binding(action=Action.QUICK_LOAD, keys=("f9",), description="Load the quick save"),
    Binding(action=Action.VOICE, keys=("v",), description="Reading aloud (self-voicing) on or off"),
    Binding(action=Action.READ_AGAIN, keys=("r", "f5"), description="Read the screen and the control in focus again"),
    Binding(action=Action.HELP, keys=("f1",), description="The list of keys"),
    Binding(action=Action.FULLSCREEN, keys=("f11",), description="Full screen on or off"),
)
BY_ACTION = {b.action: b for b in BINDINGS}

FIXED = (   # (keys, what they do): not remappable, listed with the bindings by F1
    ("Tab, Shift+Tab, arrow keys", "Move between buttons and choices"),
    ("Enter, or a click", "Use the button or choice in focus"),
    ("1 to 9", "Choose that option at a decision"),
    ("Space", "Show the whole line, then go on; on long pages, read on"),
    ("Esc", "Pause, or go back; in assessed mode, step away from the assessment"),
)
RESERVED = frozenset({"tab", "return", "enter", "space", "escape", "up", "down", "left", "right",
                      *(str(i) for i in range(10)), *(f"[{i}]" for i in range(10))})


KEY_NAMES = frozenset(pygame.key.name(getattr(pygame, k)) for k in dir(pygame) if k.startswith("K_")) - {""}


def key_label(name: str) -> str:
    """A key name as people write it: "h" -> "H", "page up" -> "Page Up", "f6" -> "F6"."""
    return name.title()


def key_name(key: int) -> str:
    return pygame.key.name(key)


class Keymap:
    """The bindings in force: the defaults with the learner's `remapped` (action -> key name)."""

    def __init__(self, remapped: dict[str, str] | None = None):
        self.keys: dict[Action, tuple[str, ...]] = {b.action: b.keys for b in BINDINGS}
        for action, name in (remapped or {}).items():
            self.keys[Action(action)] = (name,)
        self._by_key = {name: action for action, names in self.keys.items() for name in names}

    def action(self, key: int) -> Action | None:
        """The action a pressed key stands for, or None."""
        return self._by_key.get(key_name(key))

    def label(self, action: Action) -> str:
        """The keys of `action`, for a button or a hint: "H", "R or F5"."""
        return " or ".join(key_label(n) for n in self.keys[action])

    def first_key(self, action: Action) -> int:
        return pygame.key.key_code(self.keys[action][0])

    def refusal(self, action: Action, name: str) -> str | None:
        """Why `name` cannot be given to `action` (None when it can)."""
        if name in RESERVED:
            return f"{key_label(name)} moves, chooses or goes back on every screen, so it cannot be remapped."
        owner = self._by_key.get(name)
        if owner is not None and owner is not action:
            return (f"{key_label(name)} is already used for {BY_ACTION[owner].short.lower()}. "
                    "Remap that first, or choose another key.")
        return None


def checked(remapped: object) -> dict[str, str]:
    """A settings file's remapping when it is usable; {} (the defaults) when it names an action or
    a key that no longer exists, a reserved key, or gives one key to two actions."""
    if not isinstance(remapped, dict):
        return {}
    known = {a.value for a in Action}
    out: dict[str, str] = {}
    for action, name in remapped.items():
        if action not in known or not isinstance(name, str) or name in RESERVED:
            return {}
        if name not in KEY_NAMES:
            return {}
        out[action] = name
    used = [n for a, names in Keymap(out).keys.items() for n in names]
    return out if len(used) == len(set(used)) else {}
