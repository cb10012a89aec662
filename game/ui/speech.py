"""Self-voicing: the window reads itself aloud, in the style of Ren'Py's self-voicing.

What is read is decided by the App (every screen's text when it appears, the focused control
whenever focus moves, messages, re-reading on demand); this module only turns text into speech.

Backends, best first:
- `espeak-ng` (or `espeak`) run as a process: Linux's speech engine, installed by `.ci/run` and
  `apt install espeak-ng`. A new line stops the one being read, so speech never lags the screen.
- pyttsx3 (pinned in requirements.txt): SAPI on Windows, NSSpeechSynthesizer on macOS, read on a
  worker thread.
- `Recording`: keeps what would have been said, for tests and headless runs.
When none can speak, `Speech.problem` says why and what to install, in plain words.
"""
from __future__ import annotations

import platform
import queue
import shutil
import subprocess
import threading


class Recording:
    """A speech backend that only remembers: `said` is every utterance, in order."""

    name = "recording"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


class Espeak:
    """espeak-ng as a child process, text on stdin (never on a command line)."""

    name = "espeak-ng"

    def __init__(self, program: str):
        self.program = program
        self._process: subprocess.Popen | None = None

    def say(self, text: str) -> None:
        self.stop()
        try:
            self._process = subprocess.Popen([self.program, "-v", "en-gb", "-s", "165", "--stdin"],
                                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)
            self._process.stdin.write(text.encode("utf-8"))
            self._process.stdin.close()
        except OSError:
            self._process = None

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._process = None


class Pyttsx3:
    """pyttsx3 on a worker thread; a new line replaces any still waiting."""

    name = "pyttsx3"

    def __init__(self, module):
        self._module = module
        self._queue: queue.Queue[str] = queue.Queue()
        self._engine = None
        self._thread: threading.Thread | None = None
        self.failed = False

    def say(self, text: str) -> None:
        while not self._queue.empty():
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self.stop()
        self._queue.put(text)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._engine is not None:
            try:
                self._engine.stop()
            except Exception:   # a platform driver's own failure must not stop the game
                pass

    def _run(self) -> None:
        try:
            self._engine = self._module.init()
        except Exception:   # no voice on this machine: Speech reports it
            self.failed = True
            return
        while True:
            text = self._queue.get()
            try:
                self._engine.say(text)
                self._engine.runAndWait()
            except Exception:
                self.failed = True
                return


def find_backend():
    """The best speech backend this machine has, and a plain message when there is none."""
    program = shutil.which("espeak-ng") or shutil.which("espeak")
    system = platform.system()
    if program and system not in ("Windows", "Darwin"):
        return Espeak(program), ""
    try:
        import pyttsx3
    except Exception:   # any import failure means no pyttsx3 here
        pyttsx3 = None
    if pyttsx3 is not None and system in ("Windows", "Darwin"):
        return Pyttsx3(pyttsx3), ""
    if program:
        return Espeak(program), ""
    if system == "Linux":
        return None, ("Reading aloud needs the espeak-ng speech engine, which is not installed. "
                      "Install it with 'sudo apt install espeak-ng' (or your system's package manager), "
                      "then start Doorstep again.")
    return None, ("Reading aloud needs pyttsx3, which is not installed. Run 'sh scripts/play.sh' "
                  "(it installs the pinned requirements), then start Doorstep again.")


class Speech:
    """The App's voice: says text through a backend and remembers the last thing said."""

    def __init__(self, backend=None, problem: str = "") -> None:
        if backend is None and not problem:
            backend, problem = find_backend()
        self.backend = backend
        self._problem = problem
        self.last = ""

    @property
    def available(self) -> bool:
        return self.backend is not None and not getattr(self.backend, "failed", False)

    @property
    def problem(self) -> str:
        """Why reading aloud cannot work here ("" when it can)."""
        if self.backend is not None and getattr(self.backend, "failed", False):
            return ("Your computer's speech engine could not be started, so Doorstep cannot read aloud. "
                    "On Windows check Settings > Time & language > Speech; on macOS, System Settings > Accessibility.")
        return self._problem

    def say(self, text: str) -> None:
        """Read `text` aloud now, cutting off whatever was being read."""
        text = " ".join(text.split())
        if not text or not self.available:
            return
        self.last = text
        self.backend.say(text)

    def stop(self) -> None:
        if self.backend is not None:
            self.backend.stop()
