"""The server under a training room's load: simulated learners playing whole scenarios.

    .venv/bin/python -m benchmarks.bench_server [--learners 200] [--think 3,9] [--no-pg]

Each learner joins an assessed session and plays the demo scenario to its end, choosing at
random among the choices offered, with a think time between choices; every choice is one
request to a real `main.py serve` (uvicorn) on 127.0.0.1. Measured per backend:
SQLite (synchronous=FULL) and PostgreSQL 15 with fsync on. The baseline is a bare Starlette
endpoint (parse the JSON, answer JSON) under uvicorn, driven by the same learners with the same
think times in the same run, before and between the Doorstep runs. Afterwards the database is
read back: every acknowledged choice must be there (lost 0) and none twice (duplicated 0).

Loopback only; bounded by --deadline (seconds per run). Target: p95 of a choice <= 50 ms.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from game.server import accounts, sources  # noqa: E402
from game.storage.hosted import HostedStore  # noqa: E402
from tests.server.conftest import SECRET, free_port, start_server, stop_server  # noqa: E402
from tests.storage import pgserver  # noqa: E402

DEMO = ROOT / "scenarios" / "demo-late-again.yaml"


# -- the baseline: a bare Starlette endpoint ------------------------------------------------------

def bare_app():
    """What any Starlette app costs per request: read JSON, answer JSON (uvicorn --factory)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def join(request: Request):
        await request.json()
        return JSONResponse({"token": "t", "current": {"attempt": {"id": "a"},
                             "screen": {"seq": 0, "phase": "decision", "decision": {"choices": [1, 2, 3]}}}})

    async def choose(request: Request):
        body = await request.json()
        seq = body["seq"] + 1
        return JSONResponse({"screen": {"seq": seq, "phase": "finished" if seq >= 7 else "decision",
                                        "decision": {"choices": [1, 2, 3]}}})
    return Starlette(routes=[Route("/api/join", join, methods=["POST"]),
                             Route("/api/attempts/{a}/choose", choose, methods=["POST"])])


def start_bare(tmp: Path):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "benchmarks.bench_server:bare_app",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.post(url + "/api/join", json={}, timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the bare endpoint did not start")


# -- the learners ---------------------------------------------------------------------------------

async def learner(client: httpx.AsyncClient, code: str, k: int, think: tuple[float, float],
                  rng: random.Random, latencies: list[float], acked: dict, errors: list[str]) -> None:
    await asyncio.sleep(rng.uniform(0, think[1]))  # arrivals spread over the first think time
    r = await client.post("/api/join", json={"code": code, "name": f"Learner {k:03d}"})
    if r.status_code != 200:
        errors.append(f"join {r.status_code}: {r.text[:100]}")
        return
    body = r.json()
    attempt = body["current"]["attempt"]["id"]
    headers = {"Authorization": f"Bearer {body['token']}"}
    screen = body["current"]["screen"]
    while screen["phase"] == "decision":
        await asyncio.sleep(rng.uniform(*think))
        seq, number = screen["seq"], rng.randint(1, len(screen["decision"]["choices"]))
        for _ in range(5):  # a dropped request is sent again with the same seq (idempotent)
            start = time.perf_counter()
            try:
                r = await client.post(f"/api/attempts/{attempt}/choose", json={"seq": seq, "number": number},
                                      headers=headers)
            except httpx.HTTPError as err:
                errors.append(f"retry after {type(err).__name__}")
                continue
            latencies.append(time.perf_counter() - start)
            break
        else:
            errors.append(f"gave up on {attempt} seq {seq}")
            return
        if r.status_code != 200:
            errors.append(f"choose {r.status_code}: {r.text[:100]}")
            return
        screen = r.json()["screen"]
        acked[attempt] = screen["seq"]


async def crowd(url: str, code: str, learners: int, think, seed: int, deadline: float) -> dict:
    rng = random.Random(seed)
    latencies: list[float] = []
    acked: dict[str, int] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=learners, max_keepalive_connections=learners)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        tasks = [learner(client, code, k, think, random.Random(rng.random()), latencies, acked, errors)
                 for k in range(learners)]
        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*tasks), deadline)
        wall = time.perf_counter() - started
    return {"latencies": latencies, "acked": acked, "errors": errors, "wall": wall}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def check_stored(store: HostedStore, acked: dict[str, int]) -> tuple[int, int]:
    """(lost, duplicated): acknowledged choices missing from the database, and extra rows."""
    lost = dup = 0
    for attempt, count in acked.items():
        stored = [c.seq for c in store.stored_choices(attempt)]
        lost += len(set(range(count)) - set(stored))
        dup += len(stored) - len(set(stored)) + len([s for s in stored if s >= count])
    return lost, dup


def run_doorstep(db_url: str, tmp: Path, args, workers: int = 1) -> dict:
    data = tmp / f"data-{free_port()}"
    data.mkdir()
    os.environ.update(DOORSTEP_SECRET=SECRET, DOORSTEP_DATA_DIR=str(data))
    store = HostedStore(db_url)
    session = sources.pin_session(store, "Bench", 70, [DEMO])
    proc, url = start_server(db_url, data, DEMO.parent, workers=workers)
    try:
        result = asyncio.run(crowd(url, session.code, args.learners, args.think, args.seed, args.deadline))
    finally:
        stop_server(proc)
    result["lost"], result["duplicated"] = check_stored(store, result["acked"])
    result["finished"] = store.progress(session.code)["finished"]
    store.close()
    return result


def run_bare(tmp: Path, args) -> dict:
    proc, url = start_bare(tmp)
    try:
        return asyncio.run(crowd(url, "BARE", args.learners, args.think, args.seed, args.deadline))
    finally:
        stop_server(proc)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--learners", type=int, default=200)
    p.add_argument("--think", default="3,9", help="seconds of reading and thinking before each choice, min,max (default 3,9)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--deadline", type=float, default=300, help="seconds allowed per run")
    p.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    p.add_argument("--workers", type=int, default=2, help="server processes on PostgreSQL (default 2: the cores)")
    args = p.parse_args()
    args.think = tuple(float(x) for x in args.think.split(","))
    rows = []
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="doorstep-bench-")))
        bare = [run_bare(tmp, args)]
        # SQLite has one writer at a time: one process. PostgreSQL: --workers processes.
        runs = [("SQLite (synchronous=FULL), 1 process", f"sqlite:///{tmp / 'results.sqlite3'}", 1)]
        if not args.no_pg and pgserver.binaries():
            pg = stack.enter_context(pgserver.temporary_postgres(fsync=True))
            runs.append((f"PostgreSQL 15 (fsync on), {args.workers} process(es)", f"{pg}/postgres", args.workers))
        for name, url, workers in runs:
            rows.append((name, run_doorstep(url, tmp, args, workers)))
            bare.append(run_bare(tmp, args))  # interleaved: a baseline beside every run
    base_p50 = statistics.median(percentile(b["latencies"], 0.50) for b in bare)
    base_p95 = statistics.median(percentile(b["latencies"], 0.95) for b in bare)
    print(f"{args.learners} learners, think {args.think[0]:g}-{args.think[1]:g} s, "
          f"loopback; bare Starlette endpoint p50 {1000 * base_p50:.1f} ms, p95 {1000 * base_p95:.1f} ms "
          f"(median of {len(bare)} runs)\n")
    print("| backend | learners finished | choices | lost | duplicated | errors | p50 ms | p95 ms "
          "| p50 / bare | p95 / bare | choices/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ok = True
    for name, r in rows:
        lat = r["latencies"]
        p50, p95 = percentile(lat, 0.50), percentile(lat, 0.95)
        print(f"| {name} | {r['finished']}/{args.learners} | {len(lat)} | {r['lost']} | {r['duplicated']} "
              f"| {len(r['errors'])} | {1000 * p50:.1f} | {1000 * p95:.1f} | {p50 / base_p50:.1f} "
              f"| {p95 / base_p95:.1f} | {len(lat) / r['wall']:.0f} |")
        ok &= r["lost"] == 0 and r["duplicated"] == 0 and p95 <= 0.050
        for e in r["errors"][:5]:
            print(f"    error: {e}")
    print(f"\ntarget p95 <= 50 ms, lost 0, duplicated 0: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
