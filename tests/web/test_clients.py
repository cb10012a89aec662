"""The terminal and the desktop window as clients of the real server (uvicorn on 127.0.0.1):
whole assessed playthroughs to the server's verdict, the network dropping mid-attempt (the
server process stopped, then started again on the same port), a local copy of the scenario
edited to flip its scores, and a queued choice that another window answered first."""
from __future__ import annotations

import io
import itertools
import re
import shutil

import pytest

from game.client.api import Offline, ServerClient, ServerError
from game.client.remote import CONFLICT, RemoteSession
from game.client.terminal import play_remote_terminal
from game.core.play import Choose
from game.storage.errors import StoreError
from tests.web.routes import SCENARIOS, failing, passing

pytestmark = pytest.mark.slow   # a real server process, stopped and started again

DEMO = "demo-late-again"
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    # What the client keeps (its token, queued choices) goes to this test's folder.
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "learner"))
    monkeypatch.delenv("DOORSTEP_SERVER", raising=False)


def learner() -> str:
    return f"Client learner {next(_names)}"


class Keys(io.StringIO):
    """Standard input that runs `at[k]()` just before the learner's k-th line is read."""

    def __init__(self, lines, at=None):
        super().__init__("".join(f"{line}\n" for line in lines))
        self.at, self.read_lines = at or {}, 0

    def readline(self, *args):
        action = self.at.get(self.read_lines)
        if action:
            action()
        self.read_lines += 1
        return super().readline(*args)


def results(server, code: str, name: str):
    store = server.store()
    try:
        rows = [r for r in store.session_results(code) if r.learner == name]
        return rows, [[c.seq for c in store.stored_choices(r.attempt_id)] for r in rows]
    finally:
        store.close()


def run_terminal(server, code, name, lines, at=None, scenarios=SCENARIOS):
    out = io.StringIO()
    status = play_remote_terminal(server.url, code, name, scenarios_dir=str(scenarios),
                                  stdin=Keys(lines, at), stdout=out, timeout=3)
    return status, " ".join(out.getvalue().split())   # wrapped to the terminal: compare words


def test_the_terminal_plays_a_whole_session_to_the_servers_verdict(server):
    route = passing(DEMO)
    code, name = server.session("Terminal", [DEMO]), learner()
    status, out = run_terminal(server, code, name, route.numbers)
    assert status == 0
    assert f"{route.debrief.overall}/100, passed (pass mark 70)" in out
    assert "You have completed every scenario in Terminal." in out
    (row,), (seqs,) = results(server, code, name)
    assert row.passed and row.overall == route.debrief.overall
    assert seqs == list(range(len(route.numbers)))


def test_leaving_and_coming_back_resumes_on_the_server(server):
    route = failing(DEMO)
    code, name = server.session("Resume", [DEMO]), learner()
    status, out = run_terminal(server, code, name, list(route.numbers[:2]) + ["q"])
    assert status == 0 and "is saved. Run the same command to carry on." in out
    status, out = run_terminal(server, code, name, route.numbers[2:])
    assert "after 2 decision(s)" in out and "not passed (pass mark 70)" in out
    (row,), (seqs,) = results(server, code, name)
    assert row.passed is False and seqs == list(range(len(route.numbers)))


def test_stepping_away_in_the_terminal_is_a_withdrawal_and_joining_again_carries_on(server):
    from game.storage.store import AttemptStatus
    route = passing(DEMO)
    code, name = server.session("Terminal step away", [DEMO]), learner()
    status, out = run_terminal(server, code, name, [route.numbers[0], "w", "yes"])
    assert status == 0 and "recorded as a withdrawal, not a fail" in out
    assert out.count("You have withdrawn") == 1           # said once, then the program ends
    (row,), (seqs,) = results(server, code, name)
    assert row.status is AttemptStatus.WITHDRAWN and row.passed is None and seqs == [0]
    status, out = run_terminal(server, code, name, route.numbers[1:])
    assert "Resuming" in out and "after 1 decision(s)" in out
    assert f"{route.debrief.overall}/100, passed (pass mark 70)" in out
    (row,), (seqs,) = results(server, code, name)
    assert row.status is AttemptStatus.FINISHED and row.passed
    assert seqs == list(range(len(route.numbers)))


def test_the_network_dropping_mid_attempt_queues_choices_and_sends_each_once(server):
    route = passing(DEMO)
    code, name = server.session("Network drop", [DEMO]), learner()
    # The server goes away before the third choice is typed; the learner plays on.
    status, out = run_terminal(server, code, name, route.numbers, at={2: server.stop})
    try:
        assert status == 0
        assert "The server cannot be reached. Your choices are kept on this computer" in out
        assert "run the same command again to send them and see your result" in out
        assert "passed (pass mark" not in out      # no verdict is worked out on this computer
    finally:
        server.start()
    rows, (seqs,) = results(server, code, name)
    assert seqs == [0, 1] and rows[0].overall is None
    status, out = run_terminal(server, code, name, [])
    assert f"{len(route.numbers) - 2} choice(s) kept on this computer were sent" in out
    assert f"{route.debrief.overall}/100, passed (pass mark 70)" in out
    (row,), (seqs,) = results(server, code, name)
    assert row.passed and seqs == list(range(len(route.numbers)))
    status, out = run_terminal(server, code, name, [])   # nothing left to send, nothing doubled
    assert "kept on this computer were sent" not in out
    assert results(server, code, name)[1] == [list(range(len(route.numbers)))]


def test_an_edited_local_copy_is_never_played_and_changes_nothing_the_server_decides(server, tmp_path):
    """Flip every score in this computer's copy, its text the same: the server's screens carry
    the pinned version's hash, so the copy is refused at once and never stands in while the
    server is away (its own debrief would show the flipped scores); the verdict is the server's."""
    route = failing(DEMO)
    folder = tmp_path / "edited"
    folder.mkdir()
    shutil.copytree(SCENARIOS / "fragments", folder / "fragments")
    text = (SCENARIOS / f"{DEMO}.yaml").read_text(encoding="utf-8")
    flipped = re.sub(r"(\b(?:child_focus|escalation|avoiding_collusion|personal_safety|engagement|recording): )(-?)(\d+)",
                     lambda m: m.group(1) + ("" if m.group(2) else "-") + m.group(3), text)
    assert flipped != text
    (folder / f"{DEMO}.yaml").write_text(flipped, encoding="utf-8")
    code, name = server.session("Edited copy", [DEMO]), learner()
    status, out = run_terminal(server, code, name, route.numbers[:4], at={3: server.stop}, scenarios=folder)
    server.start()
    assert "differs from the session's, so it is not used" in out
    assert "no copy of the scenario to carry on with, so that choice was not taken" in out
    assert results(server, code, name)[1] == [[0, 1, 2]]
    status, out = run_terminal(server, code, name, route.numbers[3:], scenarios=folder)
    assert "after 3 decision(s)" in out and f"{route.debrief.overall}/100, not passed" in out
    (row,), _ = results(server, code, name)
    assert row.passed is False and row.overall == route.debrief.overall


def test_a_local_copy_that_shows_something_else_is_never_played(server, tmp_path):
    folder = tmp_path / "other"
    shutil.copytree(SCENARIOS, folder)
    path = folder / f"{DEMO}.yaml"
    route = passing(DEMO)
    path.write_text(path.read_text(encoding="utf-8").replace("What do you do?", "What now?"), encoding="utf-8")
    code, name = server.session("Other copy", [DEMO]), learner()
    status, out = run_terminal(server, code, name, list(route.numbers[:1]) + [route.numbers[1], "q"],
                               at={1: server.stop}, scenarios=folder)
    server.start()
    assert "differs from the session's, so it is not used" in out
    assert "no copy of the scenario to carry on with, so that choice was not taken" in out
    assert results(server, code, name)[1] == [[0]]


def test_a_queued_choice_another_window_answered_first_gives_way_to_the_server(server):
    route = passing(DEMO)
    code, name = server.session("Two windows", [DEMO]), learner()
    session = RemoteSession.join(server.url, code, name, str(SCENARIOS), timeout=3)
    attempt = session.current()
    attempt.choose(route.numbers[0])
    server.stop()
    try:
        attempt.choose(route.numbers[1])      # queued on this computer
        assert attempt.waiting and attempt.screen["seq"] == 2
    finally:
        server.start()
    other = ServerClient(server.url, token=session.client.token)
    different = 1 if route.numbers[1] != 1 else 2
    other.choose(attempt.id, 1, different)     # the same learner's other window got there first
    assert attempt.flush() == CONFLICT
    assert not attempt.waiting and attempt.screen["seq"] == 2
    assert attempt.screen["history"][1]["number"] == different
    assert "were not used" in attempt.notes[-1]


def test_the_server_refuses_what_a_client_must_not_send(server):
    code, name = server.session("Refusals", [DEMO]), learner()
    client = ServerClient(server.url)
    enrolment = client.join(code, name)
    attempt = enrolment["current"]["attempt"]["id"]
    with pytest.raises(ServerError) as err:
        client.call("POST", f"/api/attempts/{attempt}/choose", {"seq": 0, "number": 1, "overall": 100})
    assert err.value.status == 400
    with pytest.raises(ServerError) as err:
        ServerClient(server.url).choose(attempt, 0, 1)         # no token: not this learner
    assert err.value.status in (401, 403)
    with pytest.raises(ServerError) as err:
        ServerClient(server.url).join("NOPE99", "x")
    assert err.value.status == 404 and "Check the code" in err.value.hint


def test_an_unreachable_server_is_a_plain_message(tmp_path):
    from tests.server.conftest import free_port
    out = io.StringIO()
    status = play_remote_terminal(f"http://127.0.0.1:{free_port()}", "ABCDEF", "Sam",
                                  stdin=io.StringIO(""), stdout=out, timeout=2)
    assert status == 1
    assert "Cannot reach the Doorstep server" in out.getvalue() and "Traceback" not in out.getvalue()
    with pytest.raises(ServerError):
        ServerClient("ftp://example.org")
    with pytest.raises(Offline):
        ServerClient(f"http://127.0.0.1:{free_port()}", timeout=2).me()


def test_main_play_takes_server_from_the_option_or_the_environment(server, monkeypatch):
    from game.cli.main import main
    route = passing(DEMO)
    code, name = server.session("Command line", [DEMO]), learner()
    monkeypatch.setenv("DOORSTEP_SERVER", server.url)
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{n}\n" for n in route.numbers)))
    assert main(["play", "--session", code, "--learner", name]) == 0
    (row,), _ = results(server, code, name)
    assert row.passed


# -- the desktop window's Join form ---------------------------------------------------------------

@pytest.fixture
def ui(tmp_path):
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame
    from game.ui.app import make_app
    from game.ui.driver import Driver
    pygame.init()
    surface = pygame.display.set_mode((1280, 720))
    app = make_app(str(SCENARIOS), str(tmp_path / "user"))
    app.change_settings(instant_text=False, reduce_motion=False)   # as tests/ui drive it
    driver = Driver(app, surface)
    driver.frame()
    return driver


def join_by_keyboard(ui, server, monkeypatch, code: str, name: str) -> None:
    """Title -> Join form -> the briefing (content note, referral, risk assessment: a learner
    reads it first) -> Begin, by keyboard only; the scene of the server's attempt is then on top."""
    import pygame
    from game.client.desktop import RemoteRun
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.dialogue import DialogueScreen
    from game.ui.screens.join import JoinScreen

    monkeypatch.setenv("DOORSTEP_SERVER", server.url)
    ui.tab_to("join")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, JoinScreen)
    ui.tab_to("code")
    ui.type(code)
    ui.tab_to("learner")
    ui.type(name)
    ui.key(pygame.K_RETURN)
    briefing = ui.screen
    assert isinstance(briefing, BriefingScreen) and isinstance(briefing.run, RemoteRun)
    assert [w.id for w in briefing.focus.widgets] == ["assessed", "back"]   # no practice way in
    ui.play_until(lambda d: isinstance(d.screen, DialogueScreen),
                  lambda d: (d.tab_to("assessed"), d.key(pygame.K_RETURN)), limit=3,
                  what="the scene after Begin on the briefing")


def test_the_window_joins_through_the_server_and_records_the_servers_result(server, ui, monkeypatch):
    import pygame
    from game.client.desktop import RemoteRun
    from game.ui.screens.dialogue import DialogueScreen
    from tests.ui.playing import play_by_keyboard

    route = passing(DEMO)
    code, name = server.session("Window", [DEMO]), learner()
    join_by_keyboard(ui, server, monkeypatch, code, name)
    assert isinstance(ui.screen, DialogueScreen) and isinstance(ui.screen.run, RemoteRun)
    told = []
    notify = ui.app.notify
    monkeypatch.setattr(ui.app, "notify", lambda message: (told.append(message), notify(message)))
    play_by_keyboard(ui, list(route.numbers))
    assert any("Result recorded by the server" in n and ", passed" in n for n in told), told
    (row,), (seqs,) = results(server, code, name)
    assert row.passed and seqs == list(range(len(route.numbers)))


def test_the_windows_run_queues_while_the_server_is_away_and_the_next_join_sends_them(server):
    from game.client.desktop import RemoteRun, join_remote
    route = passing(DEMO)
    code, name = server.session("Window offline", [DEMO]), learner()
    run = join_remote(server.url, code, name, SCENARIOS)
    assert run.state is None and isinstance(run, RemoteRun)
    play = run.play()
    try:
        for i, number in enumerate(route.numbers):
            if i == 4:
                server.stop()
            play.to_next_decision()
            play.send(Choose(number=number))
            run.on_state(play.state)
        play.to_next_decision()
        assert play.state.finished
        assert "kept on this computer and sent as soon as it answers" in run.notes[-1]
        assert "kept on this computer until the server is back" in run.finish(play.debrief())
    finally:
        server.start()
    with pytest.raises(StoreError) as joined:    # joining again sends them: the server's result
        join_remote(server.url, code, name, SCENARIOS)
    assert ", passed (pass mark 70)" in joined.value.message
    assert "You have completed every scenario in Window offline" in joined.value.message
    assert results(server, code, name)[1] == [list(range(len(route.numbers)))]


def test_the_window_resumes_an_attempt_where_the_server_has_it(server):
    from game.client.desktop import join_remote
    route = passing(DEMO)
    code, name = server.session("Window resume", [DEMO]), learner()
    run = join_remote(server.url, code, name, SCENARIOS)
    play = run.play()
    for number in route.numbers[:3]:
        play.to_next_decision()
        play.send(Choose(number=number))
        run.on_state(play.state)
    again = join_remote(server.url, code, name, SCENARIOS)
    assert [s.number for s in again.state.history] == list(route.numbers[:3])
    assert again.play().state == again.state


def test_stepping_away_in_the_window_is_a_withdrawal_on_the_server(server, ui, monkeypatch):
    """Esc -> Step away -> Yes on an attempt joined through the server: the server records the
    withdrawal (never a fail) and keeps the choices made, as with a session on a database."""
    import pygame
    from game.storage.store import AttemptStatus
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.title import TitleScreen
    from tests.ui.playing import at_decision, choose_by_keyboard

    route = passing(DEMO)
    code, name = server.session("Window step away", [DEMO]), learner()
    join_by_keyboard(ui, server, monkeypatch, code, name)
    told = []
    notify = ui.app.notify
    monkeypatch.setattr(ui.app, "notify", lambda message: (told.append(message), notify(message)))
    for number in route.numbers[:2]:
        ui.play_until(at_decision, what="the next decision")
        choose_by_keyboard(ui, number)
    ui.key(pygame.K_ESCAPE)
    assert isinstance(ui.screen, PauseScreen)
    ui.tab_to("withdraw")
    ui.key(pygame.K_RETURN)
    ui.tab_to("withdraw-yes")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, TitleScreen)
    assert any("The server keeps your 2 choices as a withdrawal" in n and "not a fail" in n
               for n in told), told
    (row,), (seqs,) = results(server, code, name)
    assert row.status is AttemptStatus.WITHDRAWN and row.passed is None and row.overall is None
    assert seqs == [0, 1]
    from game.client.desktop import join_remote
    again = join_remote(server.url, code, name, SCENARIOS)   # joining again carries on
    assert [s.number for s in again.state.history] == list(route.numbers[:2])
