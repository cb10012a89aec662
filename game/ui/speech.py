"""Optional text-to-speech of dialogue through pyttsx3, used only when it is already installed.

Doorstep does not depend on pyttsx3; without it `Speech.available` is False and `say` does nothing.
"""
from __future__ import annotations

import queue
import threading


class Speech:
    def __init__(self) -> None:
        try:
            import pyttsx3  # noqa: F401  (optional: never a dependency)
        except Exception:  # any failure to import means no speech, silently
            self._module = None
        else:
            self._module = pyttsx3
        self._queue: queue.Queue[str] = queue.Queue()
        self._thread: threading.Thread | None = None

    @property
    def available(self) -> bool:
        return self._module is not None

    def say(self, text: str) -> None:
        """Read `text` aloud in the background, replacing anything still waiting to be read."""
        if self._module is None or not text:
            return
        while not self._queue.empty():
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(text)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            engine = self._module.init()
        except Exception:
            self._module = None
            return
        while True:
            text = self._queue.get()
            try:
                engine.say(text)
                engine.runAndWait()
            except Exception:
                return
