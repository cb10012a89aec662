"""Optional ambient sound, generated in code: a soft, slowly beating low chord.

Off by default. Every call is safe when there is no audio device: the sound simply stays silent.
"""
from __future__ import annotations

import math
from array import array

import pygame

RATE = 22050
SECONDS = 6


def _ambient_samples() -> bytes:
    """A seamless 6-second loop of quiet low tones (16-bit mono) with a gentle swell."""
    tones = (110.0, 164.81, 220.5)   # whole cycles in 6 s keep the loop seamless
    data = array("h")
    total = RATE * SECONDS
    for i in range(total):
        t = i / RATE
        swell = 0.6 + 0.4 * math.sin(2 * math.pi * t / SECONDS)
        value = sum(math.sin(2 * math.pi * f * t) for f in tones) / len(tones)
        data.append(round(value * swell * 5000))
    return data.tobytes()


class Ambient:
    """The ambient loop. `set(enabled, volume)` starts, stops or re-levels it."""

    def __init__(self) -> None:
        self._sound: pygame.mixer.Sound | None = None
        self._channel = None
        self.available = True

    def ready(self) -> bool:
        """Whether a sound device could be opened (tried once, when sound is first wanted)."""
        return self._load()

    def _load(self) -> bool:
        if self._sound is not None:
            return True
        if not self.available:
            return False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            channels = pygame.mixer.get_init()[2]
            samples = _ambient_samples()
            if channels == 2:
                mono = array("h", samples)
                stereo = array("h", (v for v in mono for _ in (0, 1)))
                samples = stereo.tobytes()
            self._sound = pygame.mixer.Sound(buffer=samples)
        except (pygame.error, OSError, TypeError, ValueError):
            self.available = False
            return False
        return True

    def set(self, enabled: bool, volume: int) -> None:
        """Play (looping) at `volume` 0-100, or stop."""
        if not enabled:
            if self._channel is not None:
                self._channel.stop()
                self._channel = None
            return
        if not self._load():
            return
        try:
            if self._channel is None:
                self._channel = self._sound.play(loops=-1, fade_ms=1500)
            if self._channel is not None:
                self._channel.set_volume(max(0, min(100, volume)) / 100 * 0.5)
        except pygame.error:
            self.available = False
