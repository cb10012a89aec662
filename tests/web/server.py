"""The real Doorstep server for client tests (`main.py serve` on 127.0.0.1, started by the
server tests' start_server) over a SQLite file, which can be stopped and started again on the
same port: the network dropping mid-attempt, and coming back.

    with running_server(tmp_path) as server:
        code = server.session("Tuesday cohort", ["demo-late-again"])
        server.url   # http://127.0.0.1:PORT
        server.stop(); server.start()
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from tests.server.conftest import free_port, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        self.db = f"sqlite:///{folder / 'results.sqlite3'}"
        self.data = folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> None:
        self.process, _ = start_server(self.db, self.data, SCENARIOS, port=self.port)

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)
        self.process = None

    def session(self, name: str, scenario_ids: list[str], pass_mark: int = 70) -> str:
        """A new session over the given scenarios, pinned in the server's database: its code."""
        from game.server.sources import pin_session
        store = self.store()
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
