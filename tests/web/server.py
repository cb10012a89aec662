"""The real Doorstep server for client tests: uvicorn on 127.0.0.1 in its own process, over a
SQLite file in a temporary folder, with sessions pinned the way the trainer dashboard pins them.

    with running_server(tmp_path) as server:
        code = server.session("Tuesday cohort", ["demo-late-again"])
        server.url   # http://127.0.0.1:PORT
        server.stop(); server.start()   # the network drops, and comes back on the same port
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        self.db = f"sqlite:///{folder / 'results.sqlite3'}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DOORSTEP_DB": self.db, "DOORSTEP_DATA_DIR": str(folder / "data"),
                    "DOORSTEP_SECRET": "tests-web-secret", "DOORSTEP_SCENARIOS": str(SCENARIOS)}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log = open(self.folder / f"server-{time.monotonic_ns()}.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "game.server.app:app_from_environment",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start-up: {self.read_log()}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within 30 s: {self.read_log()}")

    def read_log(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def session(self, name: str, scenario_ids: list[str], pass_mark: int = 70) -> str:
        """A new session over the given scenarios, pinned in the server's database: its code."""
        from game.server.sources import pin_session
        from game.storage.hosted import HostedStore
        store = HostedStore(self.db)
        try:
            info = pin_session(store, name, pass_mark, [SCENARIOS / f"{s}.yaml" for s in scenario_ids])
        finally:
            store.close()
        return info.code

    def store(self):
        from game.storage.hosted import HostedStore
        return HostedStore(self.db)


@contextlib.contextmanager
def running_server(folder: Path):
    server = Server(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
