"""Stateless processes: two servers on one database at once, as behind a load balancer. Every
request of a learner may land on either process; nothing is lost, duplicated or disagreed on."""
from __future__ import annotations

import concurrent.futures as cf

import httpx
import pytest

from game.core.loader import load_path
from game.server import sources
from game.storage.hosted import HostedStore
from tests.server.conftest import DEMO, SECRET, best_numbers, fresh_schema, start_server, stop_server

pytestmark = pytest.mark.slow
SCENARIO = load_path(str(DEMO))
BEST = best_numbers(SCENARIO)


@pytest.fixture
def shared_postgres(postgres_server, tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_SECRET", SECRET)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    return fresh_schema(postgres_server, "two")


def test_two_server_processes_share_one_postgresql(shared_postgres, tmp_path):
    servers = []
    try:
        for i in range(2):  # both start on a fresh database at once: migrations run once
            (tmp_path / f"data{i}").mkdir()
        with cf.ThreadPoolExecutor(2) as pool:
            servers = list(pool.map(lambda i: start_server(shared_postgres, tmp_path / f"data{i}",
                                                           DEMO.parent), range(2)))
        urls = [url for _, url in servers]
        store = HostedStore(shared_postgres)
        session = sources.pin_session(store, "Two", 70, [DEMO])

        def learner(k: int) -> str:
            # Each request goes to the other process than the one before.
            clients = [httpx.Client(base_url=u, timeout=30) for u in urls]
            try:
                r = clients[k % 2].post("/api/join", json={"code": session.code, "name": f"Learner {k}"})
                assert r.status_code == 200, r.text
                token = r.json()["token"]
                attempt = r.json()["current"]["attempt"]["id"]
                auth = {"Authorization": f"Bearer {token}"}
                for seq, n in enumerate(BEST):
                    for repeat in range(2):  # every choice sent twice, to both processes
                        c = clients[(k + seq + repeat) % 2]
                        r = c.post(f"/api/attempts/{attempt}/choose", json={"seq": seq, "number": n},
                                   headers=auth)
                        assert r.status_code == 200, r.text
                return attempt
            finally:
                for c in clients:
                    c.close()

        with cf.ThreadPoolExecutor(8) as pool:
            attempts = list(pool.map(learner, range(16)))
        assert len(set(attempts)) == 16
        for a in attempts:
            assert len(store.stored_choices(a)) == len(BEST)
        checked, problems = store.verify(session.code)
        assert (checked, problems) == (16, [])
        assert store.progress(session.code)["passed"] == 16

        # The join throttle is counted in the database: guesses spread over both add up.
        codes = [httpx.post(urls[i % 2] + "/api/join", json={"code": f"ZZZZ{i:02d}", "name": "G"}).status_code
                 for i in range(11)]
        assert codes[:10] == [404] * 10 and codes[10] == 429
        store.close()
    finally:
        for proc, _ in servers:
            stop_server(proc)
