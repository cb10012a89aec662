"""Benchmarks for the results store and the cohort report.

    .venv/bin/python benchmarks/bench_store.py [--attempts 100000] [--choices 2000] [--pg URL | --no-pg]

1. Cohort report over N stored attempts on SQLite (target: under 2 s), against a baseline of one
   plain aggregate query over the same rows with sqlite3.
2. Choices written per second through Store.record_choices (one committed, durable transaction
   per choice, as during play) on SQLite and PostgreSQL, against a raw INSERT + COMMIT loop on
   the same database in the same run.

PostgreSQL: --pg URL, else a throwaway server (fsync on, as in production) if initdb/pg_ctl are installed, else skipped.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core import engine  # noqa: E402
from game.core.debrief import make_debrief  # noqa: E402
from game.core.loader import load_path  # noqa: E402
from game.exports.cohort import gather  # noqa: E402
from game.exports.html_report import MAX_ROWS, cohort_html  # noqa: E402
from game.exports.tabular import cohort_csv  # noqa: E402
from game.storage import schema, signing  # noqa: E402
from game.storage.playthrough import choices_made  # noqa: E402
from game.storage.store import ChoiceRecord, ScenarioRef, Store, summarise  # noqa: E402

DEMO = ROOT / "scenarios" / "demo-late-again.yaml"


def timed(fn, repeat: int = 3) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def random_plays(scenario, count: int, seed: int = 7):
    """`count` distinct-ish finished plays of the scenario with random choices: (state, debrief)."""
    rng = random.Random(seed)
    plays = []
    for _ in range(count):
        state = engine.start(scenario, "assessed")
        while not (state := engine.to_next_decision(scenario, state)).finished:
            offered = engine.offered(scenario, state)
            state = engine.apply(scenario, state, rng.choice(offered), at="2026-11-23T10:00:00Z")
        plays.append((state, make_debrief(scenario, state).to_dict()))
    return plays


def seed_cohort(store: Store, ref: ScenarioRef, scenario, attempts: int) -> str:
    """A session with `attempts` finished, signed attempts (bulk-inserted: this is setup, not measured)."""
    code = store.create_session("benchmark cohort", 70, [ref]).code
    session_id = store.get_session(code).id
    plays = random_plays(scenario, 60)
    key = signing.load_key()
    key_id = signing.key_id(key)
    learners, attempt_rows, choice_rows, result_rows, debrief_rows = [], [], [], [], []
    for n in range(attempts):
        state, debrief = plays[n % len(plays)]
        attempt_id = f"b{n:015d}"
        learners.append({"id": n + 1, "session_id": session_id, "name": f"Learner {n}",
                         "name_key": f"learner {n}", "created_at": "2026-11-23T09:00:00Z"})
        attempt_rows.append({"id": attempt_id, "session_id": session_id, "learner_id": n + 1,
                             "scenario_id": scenario.id, "source_hash": scenario.source_hash,
                             "started_at": "2026-11-23T10:00:00Z", "finished_at": "2026-11-23T10:20:00Z",
                             "state": None})
        mine = []
        for c, review in zip(choices_made(scenario, state), debrief["decisions"]):
            mine.append({"attempt_id": attempt_id, "seq": c.seq, "session_id": session_id,
                         "scenario_id": scenario.id, "node_id": c.node_id, "choice_id": c.choice_id,
                         "choice_text": c.choice_text, "scores": json.dumps(c.scores), "at": c.at,
                         "cost": review["cost"]})
        choice_rows += mine
        summary = summarise(debrief, 70)
        debrief_text = signing.canonical_json(debrief).decode("utf-8")
        signed = Store._signed_payload(
            SimpleNamespace(id=attempt_id, code=code, learner=f"Learner {n}", scenario_id=scenario.id,
                            source_hash=scenario.source_hash, started_at="2026-11-23T10:00:00Z"),
            [SimpleNamespace(seq=c["seq"], node_id=c["node_id"], choice_id=c["choice_id"]) for c in mine],
            "2026-11-23T10:20:00Z", summary, debrief_text)
        result_rows.append({"attempt_id": attempt_id, "session_id": session_id, "scenario_id": scenario.id,
                            "overall": summary["overall"], "passed": summary["passed"],
                            "scores": json.dumps(summary["scores"]), "ending_kind": summary["ending_kind"],
                            "route": signing.canonical_json(summary["route"]).decode("utf-8"),
                            "signature": signing.sign(signed, key), "key_id": key_id,
                            "signed_at": "2026-11-23T10:20:00Z"})
        debrief_rows.append({"attempt_id": attempt_id, "debrief": debrief_text})
    with store.engine.begin() as conn:
        for table, rows in ((schema.learners, learners), (schema.attempts, attempt_rows),
                            (schema.choices, choice_rows), (schema.results, result_rows),
                            (schema.debriefs, debrief_rows)):
            conn.execute(table.insert(), rows)
    return code


def report_bench(attempts: int, folder: Path) -> list[tuple]:
    scenario = load_path(str(DEMO))
    ref = ScenarioRef(scenario.id, scenario.title, str(DEMO), scenario.source_hash)
    path = folder / "report.sqlite3"
    store = Store(f"sqlite:///{path}")
    started = time.perf_counter()
    code = seed_cohort(store, ref, scenario, attempts)
    print(f"seeded {attempts} attempts in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def baseline():
        with sqlite3.connect(path) as raw:
            raw.execute("SELECT count(*), avg(overall), sum(passed) FROM results").fetchall()
            raw.execute("SELECT node_id, choice_id, count(*) FROM choices GROUP BY node_id, choice_id").fetchall()

    def report():
        cohort_html(gather(store, code, verify=False, row_limit=MAX_ROWS))

    def report_csv():
        cohort_csv(gather(store, code, verify=False))

    base = timed(baseline)
    rows = [("report: raw aggregate queries (baseline)", "sqlite", base, None, None),
            ("report: cohort HTML, no signature check", "sqlite", timed(report), base, 2.0),
            ("report: cohort CSV, no signature check", "sqlite", timed(report_csv), base, None),
            ("report: verify every signature", "sqlite", timed(lambda: store.verify(code), 1), base, None)]
    store.close()
    return rows


def write_bench(url: str, kind: str, count: int) -> list[tuple]:
    """Choices per second through the store vs a raw INSERT+COMMIT loop on the same database."""
    scenario = load_path(str(DEMO))
    ref = ScenarioRef(scenario.id, scenario.title, str(DEMO), scenario.source_hash)
    store = Store(url)
    code = store.create_session("write benchmark", 70, [ref]).code
    attempt = store.open_attempt(code, "Writer", scenario.id, scenario.source_hash)
    state = '{"bench": true}'

    def through_store():
        for seq in range(count):
            store.record_choices(attempt.id, [ChoiceRecord(seq, "knock", f"c{seq}", "Knock again", {"engagement": 1},
                                                           "2026-11-23T10:00:00Z")], state)

    store_s = timed(through_store, 1)

    if kind == "sqlite":
        raw = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")  # the same durability settings as the store
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE raw_choices (attempt_id TEXT, seq INTEGER, body TEXT, PRIMARY KEY (attempt_id, seq))")

        def raw_loop():
            for seq in range(count):
                raw.execute("BEGIN")
                raw.execute("INSERT INTO raw_choices VALUES (?, ?, ?)", ("a", seq, "x"))
                raw.execute("COMMIT")
    else:
        import psycopg
        raw = psycopg.connect(url)
        raw.execute("CREATE TABLE raw_choices (attempt_id TEXT, seq INTEGER, body TEXT, PRIMARY KEY (attempt_id, seq))")
        raw.commit()

        def raw_loop():
            for seq in range(count):
                raw.execute("INSERT INTO raw_choices VALUES (%s, %s, %s)", ("a", seq, "x"))
                raw.commit()

    raw_s = timed(raw_loop, 1)
    raw.close()
    store.close()
    return [(f"writes: raw INSERT+COMMIT loop (baseline), {count}", kind, raw_s, None, None),
            (f"writes: Store.record_choices, {count}", kind, store_s, raw_s, None)]


def print_table(rows: list[tuple], counts: dict[str, int]) -> None:
    print(f"{'benchmark':<52} {'db':<10} {'seconds':>9} {'per s':>10} {'x baseline':>11} {'target':>8}")
    for name, kind, seconds, baseline, target in rows:
        n = counts.get(name.split(":")[0], 0)
        rate = f"{n / seconds:,.0f}" if name.startswith("writes") else ""
        ratio = f"{seconds / baseline:.1f}" if baseline else ""
        verdict = "" if target is None else ("ok" if seconds < target else "MISSED") + f" <{target:g}s"
        print(f"{name:<52} {kind:<10} {seconds:>9.3f} {rate:>10} {ratio:>11} {verdict:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=100_000, help="stored attempts for the report benchmark")
    parser.add_argument("--choices", type=int, default=2_000, help="choices written per store in the write benchmark")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL to write to (default: a throwaway server)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="doorstep-bench-")))
        os.environ["DOORSTEP_DATA_DIR"] = str(folder / "data")
        rows = report_bench(args.attempts, folder)
        rows += write_bench(f"sqlite:///{folder / 'writes.sqlite3'}", "sqlite", args.choices)
        pg_url = args.pg
        if pg_url is None and not args.no_pg:
            sys.path.insert(0, str(ROOT))
            from tests.storage import pgserver
            if pgserver.binaries():
                pg_url = stack.enter_context(pgserver.temporary_postgres(fsync=True)) + "/postgres"
            else:
                print("PostgreSQL not installed: skipping its write benchmark", file=sys.stderr)
        if pg_url:
            rows += write_bench(pg_url, "postgresql", args.choices)
    print_table(rows, {"writes": args.choices})
    return 0


if __name__ == "__main__":
    sys.exit(main())
