"""The agency commands end to end through main.py's parser, on SQLite and PostgreSQL."""
from __future__ import annotations

import io
import json
import re

import jsonschema
from sqlalchemy import update

from game.cli.agency import play_assessed_terminal
from game.cli.main import main
from game.exports import xapi
from game.storage.schema import results
from game.storage.store import AttemptStatus, Store
from tests.storage.conftest import DEMO, best_numbers, demo_ref


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def create(capsys, db_url: str, pass_mark: int = 70) -> str:
    status, out, _ = run(capsys, "session", "create", "--scenario", "demo-late-again", "--pass-mark",
                         str(pass_mark), "--name", "Tuesday cohort", "--scenarios", str(DEMO.parent), "--db", db_url)
    assert status == 0
    return re.search(r"Join code: (\w{6})", out).group(1)


def play(code: str, learner: str, db_url: str, numbers) -> tuple[int, str]:
    out = io.StringIO()
    status = play_assessed_terminal(code, learner, db_url, scenarios_dir=str(DEMO.parent),
                                    stdin=io.StringIO("".join(f"{n}\n" for n in numbers)), stdout=out)
    return status, out.getvalue()


def test_trainer_and_learner_round_trip(db_url, capsys, tmp_path):
    code = create(capsys, db_url)
    status, out, _ = run(capsys, "session", "list", "--db", db_url)
    assert status == 0 and code in out and "Tuesday cohort" in out

    scenario, _ = demo_ref()
    best = best_numbers(scenario)
    status, out = play(code, "Ann Able", db_url, best[:2] + ["q"])  # steps away after two choices
    assert status == 0 and "Your 2 choices are kept" in out
    store = Store(db_url)
    [withdrawn] = store.session_results(code)
    assert withdrawn.status is AttemptStatus.WITHDRAWN and withdrawn.passed is None
    store.close()
    status, out = play(code, "ann able", db_url, best[2:])  # resumes, same learner typed loosely
    assert status == 0 and "Resuming" in out and re.search(r"Result recorded for Ann Able: \d+/100, passed", out)
    status, out = play(code, "Ann Able", db_url, [])
    assert "already completed" in out

    status, out, _ = run(capsys, "session", "show", code, "--db", db_url)
    attempt_id = re.search(r"(\w{16})  Ann Able", out).group(1)
    store = Store(db_url)
    assert len(store.stored_choices(attempt_id)) == len(best)
    store.close()

    status, _, err = run(capsys, "report", "--session", code, "--html", str(tmp_path / "r.html"),
                         "--csv", str(tmp_path / "r.csv"), "--json", str(tmp_path / "r.json"), "--db", db_url)
    assert status == 0 and "r.html" in err
    assert "Ann Able" in (tmp_path / "r.html").read_text() and "Ann Able" in (tmp_path / "r.csv").read_text()
    assert json.loads((tmp_path / "r.json").read_text())["passed"] == 1

    status, _, _ = run(capsys, "report", "--certificate", attempt_id, "--html", str(tmp_path / "cert.html"), "--db", db_url)
    assert status == 0 and "Certificate of completion" in (tmp_path / "cert.html").read_text()

    status, _, _ = run(capsys, "export", "xapi", "--session", code, "--out", str(tmp_path / "x.json"), "--db", db_url)
    statements = json.loads((tmp_path / "x.json").read_text())
    validator = jsonschema.Draft202012Validator(xapi.schema())
    assert status == 0 and all(validator.is_valid(s) for s in statements)
    assert sum(s["verb"]["display"]["en-GB"] == "answered" for s in statements) == len(best)

    assert run(capsys, "session", "verify", code, "--db", db_url)[0] == 0
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(update(results).where(results.c.attempt_id == attempt_id).values(overall=1))
    store.close()
    status, out, _ = run(capsys, "session", "verify", "--db", db_url)
    assert status == 1 and "TAMPERED" in out and attempt_id in out
    status, _, err = run(capsys, "report", "--certificate", attempt_id, "--html", str(tmp_path / "c2.html"), "--db", db_url)
    assert status == 1 and "integrity" in err and not (tmp_path / "c2.html").exists()

    status, out, _ = run(capsys, "session", "close", code, "--db", db_url)
    assert status == 0 and "closed" in out
    status, out = play(code, "Bob Brown", db_url, best)
    assert status == 1


def test_failed_attempt_gets_no_certificate(db_url, capsys, tmp_path):
    code = create(capsys, db_url, pass_mark=100)
    scenario, _ = demo_ref()
    play(code, "Ann", db_url, [1] * 10)
    _, out, _ = run(capsys, "session", "show", code, "--db", db_url)
    attempt_id = re.search(r"(\w{16})  Ann", out).group(1)
    status, _, err = run(capsys, "report", "--certificate", attempt_id, "--html", str(tmp_path / "c.html"), "--db", db_url)
    assert status == 1 and "did not pass: " in err and "below the pass mark (100)" in err


def test_unknown_scenario_and_code_are_explained(db_url, capsys):
    status, _, err = run(capsys, "session", "create", "--scenario", "no-such", "--name", "x",
                         "--scenarios", str(DEMO.parent), "--db", db_url)
    assert status == 1 and "No scenario 'no-such'" in err and "demo-late-again" in err
    status, _, err = run(capsys, "session", "show", "ZZZZZZ", "--db", db_url)
    assert status == 1 and "No session has the code" in err and "Traceback" not in err


def test_database_down_is_a_message_not_a_traceback(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    status, _, err = run(capsys, "session", "list", "--db", "postgresql://u:pw@127.0.0.1:1/x")
    assert status == 1 and "Cannot reach" in err and "hint:" in err and "pw" not in err
    status, _ = play("ABCDEF", "Ann", "postgresql://u:pw@127.0.0.1:1/x", [1])
    assert status == 1 and "Cannot reach" in capsys.readouterr().err


def test_sync_command_writes_the_outbox(db_url, capsys):
    from game.storage import paths
    from game.storage.outbox import Outbox
    code = create(capsys, db_url)
    scenario, _ = demo_ref()
    store = Store(db_url)
    attempt = store.open_attempt(code, "Ann", scenario.id, scenario.source_hash)
    store.close()
    Outbox(paths.outbox_path()).append({"op": "choices", "attempt_id": attempt.id, "state": None, "choices": [
        {"seq": 0, "node_id": "knock", "choice_id": "knock-again", "choice_text": "Knock again",
         "scores": {}, "at": "2026-11-23T10:00:00Z"}]})
    status, out, _ = run(capsys, "session", "sync", "--db", db_url)
    assert status == 0 and out.startswith("1 queued write(s) saved")
    assert len(Outbox(paths.outbox_path()).entries()) == 0


def test_database_lost_mid_play_then_synced(db_url, capsys, monkeypatch):
    from game.storage import paths
    from game.storage.errors import StoreError
    from game.storage.outbox import Outbox
    code = create(capsys, db_url)
    scenario, _ = demo_ref()
    best = best_numbers(scenario)
    real_record, real_finish = Store.record_choices, Store.finish_attempt
    calls = []

    def flaky_record(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > 2:  # the network drops after the second choice
            raise StoreError("Cannot reach the results database (test)")
        return real_record(self, *args, **kwargs)

    def down_finish(self, *args, **kwargs):
        raise StoreError("Cannot reach the results database (test)")

    monkeypatch.setattr(Store, "record_choices", flaky_record)
    monkeypatch.setattr(Store, "finish_attempt", down_finish)
    status, out = play(code, "Ann", db_url, best)
    assert status == 0 and "kept on this computer" in out
    assert [e["op"] for e in Outbox(paths.outbox_path()).entries()] == ["choices"] * (len(best) - 2) + ["finish"]

    monkeypatch.setattr(Store, "record_choices", real_record)
    monkeypatch.setattr(Store, "finish_attempt", real_finish)
    status, out, _ = run(capsys, "session", "sync", "--db", db_url)
    assert status == 0 and out.startswith(f"{len(best) - 1} queued write(s) saved")
    store = Store(db_url)
    [row] = store.session_results(code)
    assert row.passed and len(store.stored_choices(row.attempt_id)) == len(best)
    assert store.verify(code) == (1, [])
    store.close()
