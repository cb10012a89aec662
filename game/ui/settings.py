"""The learner's settings, kept per user as a JSON file (platformdirs), written atomically.

A missing file gives the defaults; a corrupt one gives the defaults plus a message to show,
never a crash.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import platformdirs

from game.storage.saves import write_atomic
from game.ui.bindings import checked
from game.ui.theme import TEXT_SCALES

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    text_scale: float = 1.0
    high_contrast: bool = False
    reduce_motion: bool = False
    instant_text: bool = False
    text_speed: int = 45          # characters a second when text is revealed progressively
    sound: bool = False           # ambient sound is off unless the learner turns it on
    volume: int = 40              # 0-100
    speech: bool = False          # self-voicing: read every screen aloud (when a speech engine is there)
    fullscreen: bool = False
    auto_forward: bool = False    # move on by itself after each line (A), stopping at decisions
    auto_delay: int = 3           # seconds a revealed line stays before auto-forward moves on
    keys: tuple[tuple[str, str], ...] = ()   # remapped keys, (action, key name) (game.ui.bindings)

    @property
    def remapped(self) -> dict[str, str]:
        return dict(self.keys)


def settings_dir(override: str | None = None) -> Path:
    """Where settings live: `override` when given, else the per-user config folder."""
    return Path(override) if override else Path(platformdirs.user_config_dir("doorstep", False))


def load(folder: Path) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults; the second value is a message when the file was unusable."""
    path = folder / FILE_NAME
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as err:
        return Settings(), f"Your settings could not be read ({err.strerror}); using the defaults."
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return _from_dict(data), None
    except (ValueError, TypeError):
        return Settings(), "Your settings file was damaged, so the defaults are in use. Changing a setting will repair it."


def _from_dict(data: dict) -> Settings:
    """Settings from a dict, keeping only known keys of the right type and clamping ranges."""
    default = Settings()
    # A remapping that no longer fits the bindings (an older version's, or edited by hand) gives
    # the default keys rather than a keyboard that cannot reach an action.
    values = {"keys": tuple(sorted(checked(data.get("keys", {})).items()))}
    for f in fields(Settings):
        if f.name == "keys":
            continue
        value = data.get(f.name, getattr(default, f.name))
        expected = type(getattr(default, f.name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not expected:
            raise TypeError(f.name)
        values[f.name] = value
    s = Settings(**values)
    scale = min(TEXT_SCALES, key=lambda t: abs(t - s.text_scale))
    return replace(s, text_scale=scale, volume=max(0, min(100, s.volume)), text_speed=max(10, min(400, s.text_speed)),
                   auto_delay=max(1, min(10, s.auto_delay)))


def save(folder: Path, settings: Settings) -> str | None:
    """Write the settings atomically; returns a message when that was not possible."""
    try:
        write_atomic(folder / FILE_NAME, json.dumps(asdict(settings) | {"keys": settings.remapped}, indent=2))
    except OSError as err:
        return f"Your settings could not be saved ({err.strerror or err})."
    return None
