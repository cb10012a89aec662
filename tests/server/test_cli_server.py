"""`main.py trainer ...` and `session create --owner`: accounts made on the server machine."""
from __future__ import annotations

import io
import sys

import pytest

from game.cli.main import main
from game.server import accounts
from game.storage.hosted import HostedStore


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOORSTEP_SECRET", "s" * 40)
    return f"sqlite:///{tmp_path / 'r.sqlite3'}"


def run(monkeypatch, argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_trainer_accounts_from_the_command_line(db, monkeypatch, capsys):
    assert run(monkeypatch, ["trainer", "add", "Alex", "--name", "Alex Reid", "--db", db, "--password-stdin"],
               "a long enough password\n") == 0
    assert run(monkeypatch, ["trainer", "add", "morgan", "--role", "manager", "--db", db, "--password-stdin"],
               "another long password\n") == 0
    assert run(monkeypatch, ["trainer", "add", "alex", "--db", db, "--password-stdin"], "whatever long one\n") == 1
    assert "already an account" in capsys.readouterr().err
    assert run(monkeypatch, ["trainer", "add", "kim", "--db", db, "--password-stdin"], "short\n") == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert run(monkeypatch, ["trainer", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "alex" in listed and "manager" in listed and "kim" not in listed
    store = HostedStore(db)
    assert accounts.authenticate(store, "ALEX", "a long enough password").display_name == "Alex Reid"
    assert accounts.authenticate(store, "alex", "a wrong password") is None
    assert store.trainer("alex").password_hash.startswith("$argon2id$")
    assert run(monkeypatch, ["trainer", "password", "alex", "--db", db, "--password-stdin"],
               "a brand new password\n") == 0
    assert accounts.authenticate(store, "alex", "a brand new password") is not None
    assert [e.action for e in store.audit_entries()][:3] == ["trainer_password", "trainer_add", "trainer_add"]
    store.close()


def test_a_session_made_on_the_command_line_is_pinned_and_can_have_an_owner(db, monkeypatch, capsys):
    run(monkeypatch, ["trainer", "add", "alex", "--db", db, "--password-stdin"], "a long enough password\n")
    assert run(monkeypatch, ["session", "create", "--scenario", "demo-late-again", "--name", "Tue",
                             "--owner", "alex", "--db", db]) == 0
    code = capsys.readouterr().out.split("Join code: ")[1].split()[0]
    store = HostedStore(db)
    session = store.get_session(code)
    assert session.scenarios[0].bundle and store.bundle(session.scenarios[0].bundle)
    assert store.session_owner(code) == store.trainer("alex").id
    assert run(monkeypatch, ["session", "create", "--scenario", "demo-late-again", "--name", "x",
                             "--owner", "nobody", "--db", db]) == 1
    store.close()


def test_control_characters_are_refused_on_the_command_line_path_too(db):
    from game.storage.errors import StoreError
    from game.storage.store import ScenarioRef
    store = HostedStore(db)
    ref = ScenarioRef("late-again", "Late Again", "x.yaml", "h")
    with pytest.raises(StoreError, match="control characters"):
        store.create_session("Cohort\x1b[2J", 70, [ref])
    code = store.create_session("Cohort", 70, [ref]).code
    for name in ("Sam\x00", "\x1b]0;pwned\x07Sam", "Sam\u202e"):
        with pytest.raises(StoreError, match="control characters"):
            store.open_attempt(code, name, "late-again", "h")
    store.close()
