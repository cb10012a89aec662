"""Many learners at once, and a learner's process killed mid-attempt: nothing lost, nothing doubled."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from game.storage.schema import attempts, choices, results
from game.storage.store import Store
from tests.storage.conftest import DEMO, best_numbers, demo_ref, play_and_record

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 20


def _learner(db_url: str, code: str, n: int, done) -> None:
    """One learner's process: plays the demo, sending every write twice as a flaky network might."""
    store = Store(db_url)
    scenario, _ = demo_ref()
    original = store.record_choices

    def twice(*args, **kwargs):
        original(*args, **kwargs)
        original(*args, **kwargs)

    store.record_choices = twice
    attempt_id, state = play_and_record(store, code, f"Learner {n:02d}", scenario, [1 + n % 3, 1 + n % 2, 3, 2])
    done.put((attempt_id, [s.choice for s in state.history]))
    store.close()


@pytest.mark.timeout(180)
def test_twenty_learners_at_once_lose_and_duplicate_nothing(db_url):
    store = Store(db_url)
    _, ref = demo_ref()
    code = store.create_session("busy morning", 70, [ref]).code
    ctx = multiprocessing.get_context("fork")
    done = ctx.Queue()
    workers = [ctx.Process(target=_learner, args=(db_url, code, n, done)) for n in range(LEARNERS)]
    for w in workers:
        w.start()
    played = dict(done.get(timeout=150) for _ in workers)
    for w in workers:
        w.join(30)
        assert w.exitcode == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(attempts)).scalar() == LEARNERS
        assert conn.execute(select(func.count()).select_from(results)).scalar() == LEARNERS
        assert conn.execute(select(func.count()).select_from(choices)).scalar() == sum(map(len, played.values()))
    for attempt_id, history in played.items():
        assert [c.choice_id for c in store.stored_choices(attempt_id)] == history
    assert store.verify(code) == (LEARNERS, [])
    store.close()


@pytest.mark.timeout(120)
def test_kill_9_mid_attempt_then_resume_keeps_every_choice(db_url):
    from game.cli.agency import play_assessed_terminal
    import io
    store = Store(db_url)
    scenario, ref = demo_ref()
    code = store.create_session("power cut", 70, [ref]).code
    best = best_numbers(scenario)
    learner = subprocess.Popen(
        [sys.executable, "main.py", "play", "--session", code, "--learner", "Kim", "--db", db_url],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    try:
        kept = 3
        for number in best[:kept]:
            learner.stdin.write(f"{number}\n")
            learner.stdin.flush()
        deadline = time.monotonic() + 60
        attempt = None
        while time.monotonic() < deadline:
            found = store.learner_attempts(code, "Kim")
            if found and len(store.stored_choices(found[0].id)) == kept:
                attempt = found[0]
                break
            time.sleep(0.05)
        assert attempt is not None, "the learner's choices never reached the store"
        os.kill(learner.pid, signal.SIGKILL)  # no clean-up, no flush: like pulling the plug
        learner.wait(10)
    finally:
        if learner.poll() is None:
            learner.kill()
    before = store.stored_choices(attempt.id)
    status = play_assessed_terminal(code, "Kim", db_url, scenarios_dir=str(DEMO.parent),
                                    stdin=io.StringIO("".join(f"{n}\n" for n in best[kept:])), stdout=io.StringIO())
    assert status == 0
    after = store.stored_choices(attempt.id)
    assert after[:kept] == before and len(after) == len(best)
    [row] = store.session_results(code)
    assert row.attempt_id == attempt.id and row.passed and store.verify(code) == (1, [])
    store.close()
