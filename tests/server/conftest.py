"""The server started for real: `main.py serve` (uvicorn) on 127.0.0.1 and a free port, over
SQLite by default and a real PostgreSQL 15 in the slow run. Tests talk HTTP to it with httpx and
set up sessions and accounts through the same database."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from game.server import accounts, sources
from game.storage.hosted import HostedStore
from tests.storage.conftest import best_numbers, fresh_schema, postgres_server  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "demo-late-again.yaml"
SECRET = "test-secret-for-the-server-" + "x" * 20
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    db_url: str
    store: HostedStore
    process: subprocess.Popen
    scenarios: Path

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kw)

    def session(self, *paths, pass_mark: int = 70, owner: str | None = "alex", name: str = "Cohort A"):
        owner_id = self.store.trainer(owner).id if owner else None
        return sources.pin_session(self.store, name, pass_mark, [str(p) for p in (paths or [DEMO])],
                                   owner_id=owner_id)


def start_server(db_url: str, data_dir: Path, scenarios: Path, port: int | None = None,
                 log: Path | None = None, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`main.py serve` in its own process; returns once /health answers."""
    port = port or free_port()
    env = dict(os.environ, DOORSTEP_DATA_DIR=str(data_dir), DOORSTEP_SECRET=SECRET,
               PYTHONPATH=str(ROOT))
    out = open(log or data_dir / f"server-{port}.log", "wb")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--db", db_url, "--scenarios", str(scenarios),
                             "--workers", str(workers)],
                            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=str(ROOT))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a loaded CI machine can take a while to start Python
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {(data_dir / f'server-{port}.log').read_text()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"the server did not answer within 120 s: {(log or data_dir / f'server-{port}.log').read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def server_db(request, tmp_path_factory) -> str:
    """A fresh database per test module: SQLite, or a schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'results.sqlite3'}"
    return fresh_schema(request.getfixturevalue("postgres_server"), "srv")


@pytest.fixture(scope="module")
def server(server_db, tmp_path_factory):
    """A running server (one per test module; each test makes its own sessions) with trainers
    'alex' and 'bea' and a manager 'max'."""
    root = tmp_path_factory.mktemp("server")
    data = root / "data"
    data.mkdir()
    saved = {k: os.environ.get(k) for k in ("DOORSTEP_SECRET", "DOORSTEP_DATA_DIR")}
    os.environ.update(DOORSTEP_SECRET=SECRET, DOORSTEP_DATA_DIR=str(data))
    scenarios = root / "scenarios"  # a copy, so a test may edit its files
    (scenarios / "fragments").mkdir(parents=True)
    for f in [*(ROOT / "scenarios").glob("*.yaml"), *(ROOT / "scenarios" / "fragments").glob("*.yaml")]:
        (scenarios / f.relative_to(ROOT / "scenarios")).write_bytes(f.read_bytes())
    store = HostedStore(server_db)
    for user, role in (("alex", "trainer"), ("bea", "trainer"), ("max", "manager")):
        accounts.add(store, user, user.title(), PASSWORD, role)
    proc, url = start_server(server_db, data, scenarios)
    try:
        yield Server(url, server_db, store, proc, scenarios)
    finally:
        stop_server(proc)
        store.close()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def join(client: httpx.Client, code: str, name: str) -> dict:
    r = client.post("/api/join", json={"code": code, "name": name})
    assert r.status_code == 200, r.text
    return r.json()


def play_through(client: httpx.Client, attempt_id: str, numbers, start_seq: int = 0) -> dict:
    """Send each choice number in turn; the last answer."""
    answer = None
    for seq, n in enumerate(numbers[start_seq:], start_seq):
        r = client.post(f"/api/attempts/{attempt_id}/choose", json={"seq": seq, "number": n})
        assert r.status_code == 200, r.text
        answer = r.json()
    return answer


def sign_in(client: httpx.Client, user: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/trainer/login")
    return client.post("/trainer/login", data={"username": user, "password": password,
                                               "csrf": csrf_of(page.text)})


def csrf_of(html: str) -> str:
    import re
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)
