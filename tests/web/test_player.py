"""The browser player in the system Chromium against the real server: whole playthroughs by
keyboard only, ending in the verdict the core gives that route; axe-core on every page; phone
width, 200% zoom, high contrast and reduced motion; the network dropping mid-attempt."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from tests.web.conftest import SHOTS, wait_until
from game.core.engine import Mode
from game.web import protocol
from tests.web.routes import failing, passing, routes, scenario

pytestmark = pytest.mark.slow

DEMO = "demo-late-again"
_names = itertools.count(1)


def learner() -> str:
    return f"Learner {next(_names)}"


# -- driving by keyboard --------------------------------------------------------------------------

def focused(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id || "
                         "document.activeElement.textContent.trim() : ''")


def tab_until(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused control's accessible text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.textContent"):
            return
    raise AssertionError(f"Tab never reached a control saying {text!r}")


def idle(page) -> None:
    wait_until(page, "document.activeElement && document.activeElement.id "
                     "&& !document.querySelector('#stage[aria-busy]')")


def play_by_keyboard(page, numbers, *, digits: bool = True) -> list[str]:
    """From the first line to the debrief: Enter through lines, each number in `numbers` at a
    decision (a digit key, or Tab down the list and Enter), Tab+Enter past feedback and the
    ending. Returns where the focus stopped, in order."""
    numbers, stops = list(numbers), []
    for _ in range(2000):
        idle(page)
        where = focused(page)
        stops.append(where)
        if where == "continue":
            page.keyboard.press("Enter")
        elif where == "prompt":
            n, seq = numbers.pop(0), seq_of(page)
            if digits:
                page.keyboard.press(str(n))
            else:
                for _ in range(n):
                    page.keyboard.press("Tab")
                page.keyboard.press("Enter")
            wait_seq(page, seq + 1)
        elif where == "feedback-title":
            page.keyboard.press("Tab")
            assert focused(page) == "feedback-continue"
            page.keyboard.press("Enter")
        elif where == "ending-title":
            page.keyboard.press("Tab")
            assert focused(page) == "see-debrief"
            page.keyboard.press("Enter")
            wait_until(page, "document.activeElement.id === 'debrief-title'")
            assert not numbers, f"the story ended with choices left: {numbers}"
            return stops
        else:
            raise AssertionError(f"focus is lost on {where!r} after {stops[-5:]}")
    raise AssertionError("the playthrough did not end")


def seq_of(page) -> int:
    """How many choices the screen on show has behind it (the player marks it on the stage)."""
    return int(page.get_attribute("#stage", "data-seq") or 0)


def wait_seq(page, seq: int) -> None:
    wait_until(page, f"document.getElementById('stage').dataset.seq === '{seq}'")


def to_decision(page) -> None:
    """Enter through the lines until a decision's prompt has focus."""
    idle(page)
    while focused(page) == "continue":
        page.keyboard.press("Enter")
        idle(page)
    assert focused(page) == "prompt"


def choose_in_turn(page, numbers, first_seq: int = 0) -> None:
    """At each of the next decisions, the next number by its digit key."""
    for seq, n in enumerate(numbers, first_seq + 1):
        to_decision(page)
        page.keyboard.press(str(n))
        wait_seq(page, seq)


def open_practice(page, title: str) -> None:
    page.goto("/play/")
    wait_until(page, "document.querySelectorAll('#catalogue button').length > 0")
    tab_until(page, f"Practise {title}")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'briefing-title'")


def join_by_keyboard(page, code: str, name: str) -> None:
    page.goto("/play/")
    page.keyboard.press("Tab")     # skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused(page) == "join-code":
            break
    page.keyboard.type(code.lower())   # codes are not case-sensitive
    page.keyboard.press("Tab")
    assert focused(page) == "join-name"
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'briefing-title'")


def assessed(page_factory, server, session: str):
    """A new learner joined to a new one-scenario session, on the first line: (page, code, name)."""
    code, name = server.session(session, [DEMO]), learner()
    page = page_factory()
    join_by_keyboard(page, code, name)
    begin(page)
    return page, code, name


def begin(page) -> None:
    page.keyboard.press("Tab")
    assert focused(page) == "begin"
    page.keyboard.press("Enter")


# -- axe ----------------------------------------------------------------------------------------

def axe_violations(page, axe_source: str) -> list:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")


# -- playthroughs -------------------------------------------------------------------------------

def test_practice_by_keyboard_shows_feedback_and_the_cores_result(page_factory):
    page = page_factory()
    route = failing(DEMO)
    open_practice(page, scenario(DEMO).title)
    assert page.is_visible("#content-note") and "baby" in page.inner_text("#content-note-text")
    begin(page)
    stops = play_by_keyboard(page, route.numbers, digits=False)
    assert stops.count("feedback-title") == len(route.numbers)   # a card after every practice choice
    d = route.debrief
    assert page.inner_text("#debrief-ending-name") == d.ending.title
    assert page.inner_text("#epilogue") == d.ending.epilogue
    assert f"Overall {d.overall} out of 100" in page.inner_text("#overall")
    assert page.is_hidden("#verdict")   # practice gives no verdict
    rows = page.locator("#competencies tbody tr")
    assert rows.count() == len(d.competencies)
    assert page.locator("#decisions > li").count() == len(route.numbers)
    assert page.locator("#route li.ending").inner_text().endswith(d.ending.title)
    route_text = page.inner_text("#route")
    assert "{" not in route_text                      # the day as it was, not "Day {day}"
    assert re.search(r"Day \d+, back at the health centre", route_text), route_text
    # the best route beside the learner's, as the desktop debrief shows it
    assert page.is_visible("#best-route-section")
    best = protocol.best_route_steps(scenario(DEMO))
    assert page.locator("#best-route li").count() == len(best)
    assert page.locator("#best-route li.ending").inner_text().endswith(best[-1]["label"])


@pytest.mark.parametrize("which", ["passing", "failing"])
def test_assessed_by_keyboard_reaches_the_servers_verdict(page_factory, server, which):
    route = (passing if which == "passing" else failing)(DEMO)
    code, name = server.session(f"Cohort {which}", [DEMO]), learner()
    page = page_factory()
    join_by_keyboard(page, code, name)
    assert page.is_visible("#briefing-assessed")
    begin(page)
    stops = play_by_keyboard(page, route.numbers)
    assert "feedback-title" not in stops   # no feedback while assessed
    expected = "Passed" if route.debrief.passed else "Not yet passed"
    assert page.inner_text("#verdict") == expected
    assert f"Overall {route.debrief.overall} out of 100" in page.inner_text("#overall")
    store = server.store()
    try:
        (row,) = [r for r in store.session_results(code) if r.learner == name]
        assert (row.overall, row.passed) == (route.debrief.overall, route.debrief.passed)
        assert [c.seq for c in store.stored_choices(row.attempt_id)] == list(range(len(route.numbers)))
    finally:
        store.close()


def test_a_two_scenario_session_goes_on_to_the_next_and_then_says_it_is_complete(page_factory, server):
    first = passing(DEMO)
    code = server.session("Two scenarios", [DEMO, DEMO.replace("demo-late-again", "nobody-home")])
    page = page_factory()
    join_by_keyboard(page, code, learner())
    begin(page)
    play_by_keyboard(page, first.numbers)
    tab_until(page, "Next scenario")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'briefing-title'")
    assert page.inner_text("#briefing-title") == scenario("nobody-home").title
    begin(page)
    play_by_keyboard(page, passing("nobody-home").numbers)
    tab_until(page, "Next scenario")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'complete-title'")
    assert page.locator("#complete-list li").count() == 2


def test_practice_rewind_notes_history_and_the_stronger_choice(page_factory):
    s = scenario(DEMO)
    weak = next(r for r in routes(DEMO) if r.debrief.decisions[0].better)  # a first choice with a better one
    review = weak.debrief.decisions[0]
    page = page_factory()
    open_practice(page, s.title)
    begin(page)
    to_decision(page)
    page.keyboard.press("h")                      # the history of what was said so far
    wait_until(page, "document.activeElement.id === 'history-title'")
    assert page.locator("#history li").count() >= 1
    page.keyboard.press("Escape")
    assert focused(page) == "toggle-history" and page.is_hidden("#history-panel")
    page.keyboard.press("n")
    wait_until(page, "document.activeElement.id === 'notes-title'")
    page.keyboard.press("Escape")
    page.evaluate("document.getElementById('prompt').focus()")  # back to the decision, as Shift+Tab would
    page.keyboard.press(str(weak.numbers[0]))
    wait_until(page, "document.activeElement.id === 'feedback-title'")
    assert page.inner_text("#feedback-choice") == review.choice_text
    assert page.inner_text("#feedback-better") == f"A stronger choice here: {review.better}"
    tab_until(page, "Go back and choose again")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'prompt'")
    assert "(You went back to decision 1.)" in page.text_content("#history")
    # Take the stronger choice this time: its number is where its text is in the list.
    texts = page.locator("#choices button span:not(.n)").all_inner_texts()
    page.keyboard.press(str(texts.index(review.better) + 1))
    wait_until(page, "document.activeElement.id === 'feedback-title'")
    assert page.inner_text("#feedback-better") == "This was the strongest choice open to you here."


def test_stepping_away_from_an_assessment_is_a_withdrawal_with_the_safe_answer_first(page_factory, server):
    route = passing(DEMO)
    page, code, name = assessed(page_factory, server, "Step away")
    choose_in_turn(page, route.numbers[:1])
    tab_until(page, "Step away")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('away-dialog').open")
    assert focused(page) == "away-no"                 # the safe answer is the default
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('away-dialog').open")
    assert focused(page) == "step-away"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "away-yes"
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'away-title'")
    assert "not a fail" in page.inner_text("#away-text")
    me = page.request.get("/api/me").json()
    assert me["scenarios"][0]["status"] == "withdrawn"


def test_a_reloaded_page_carries_on_where_the_attempt_stopped(page_factory, server):
    route = passing(DEMO)
    page, code, name = assessed(page_factory, server, "Reload")
    choose_in_turn(page, route.numbers[:2])
    page.reload()
    tab_until(page, "Carry on with your session")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'briefing-title'")
    assert page.inner_text("#begin") == "Carry on where you stopped"
    begin(page)
    play_by_keyboard(page, route.numbers[2:])
    assert page.inner_text("#verdict") == "Passed"


def test_the_network_dropping_mid_attempt_loses_and_doubles_nothing(page_factory, server):
    route = passing(DEMO)
    page, code, name = assessed(page_factory, server, "Offline")
    numbers = list(route.numbers)
    for i, n in enumerate(numbers):
        to_decision(page)
        if i == 2:   # at the third decision the network goes: the choice waits, then is sent once
            page.context.set_offline(True)
            page.keyboard.press(str(n))
            wait_until(page, "!document.getElementById('problem').hidden")
            assert "kept" in page.inner_text("#problem")
            page.keyboard.press(str(n))      # pressing again while offline
            page.context.set_offline(False)
            wait_until(page, "document.getElementById('problem').hidden", timeout=30)
        else:
            page.keyboard.press(str(n))
        wait_seq(page, i + 1)
    idle(page)
    while focused(page) == "continue":
        page.keyboard.press("Enter")
        idle(page)
    assert focused(page) == "ending-title"
    store = server.store()
    try:
        (row,) = [r for r in store.session_results(code) if r.learner == name]
        assert [c.seq for c in store.stored_choices(row.attempt_id)] == list(range(len(numbers)))
        assert row.passed is True
    finally:
        store.close()


def test_a_choice_made_offline_survives_closing_the_tab_and_is_recorded_once(page_factory, server):
    """Offline at the third decision, the learner chooses and closes the tab; back online they
    open the player again and join: the kept choice is sent (once), and play carries on."""
    route = passing(DEMO)
    page, code, name = assessed(page_factory, server, "Closed offline")
    numbers = list(route.numbers)
    choose_in_turn(page, numbers[:2])
    to_decision(page)
    context = page.context
    context.set_offline(True)
    page.keyboard.press(str(numbers[2]))
    wait_until(page, "!document.getElementById('problem').hidden")
    assert "even if you close this page" in page.inner_text("#problem")
    page.close()
    context.set_offline(False)

    def stored() -> list[tuple[int, str]]:
        store = server.store()
        try:
            (row,) = [r for r in store.session_results(code) if r.learner == name]
            return [(c.seq, c.choice_id) for c in store.stored_choices(row.attempt_id)]
        finally:
            store.close()
    assert [seq for seq, _ in stored()] == [0, 1]          # it never reached the server

    again = context.new_page()          # the same browser: its cookie and its localStorage
    join_by_keyboard(again, code, name)
    assert "has now been sent" in again.inner_text("#briefing-notice")
    assert again.inner_text("#begin") == "Carry on where you stopped"
    assert [seq for seq, _ in stored()] == [0, 1, 2]
    assert not again.evaluate("Object.keys(localStorage).filter(k => k.startsWith('doorstep-unsent:'))")
    begin(again)
    play_by_keyboard(again, numbers[3:])
    assert again.inner_text("#verdict") == "Passed"
    assert [seq for seq, _ in stored()] == list(range(len(numbers)))
    assert not again.evaluate("Object.keys(localStorage).filter(k => k.startsWith('doorstep-unsent:'))")


def test_a_frame_that_refuses_storage_still_sends_an_offline_choice_once(page_factory, server):
    """As in an LMS's sandboxed frame: touching localStorage throws. The choice is then kept
    while the page is open, and sent once when the network is back."""
    route = passing(DEMO)
    code, name = server.session("No storage", [DEMO]), learner()
    page = page_factory()
    page.context.add_init_script("Object.defineProperty(window, 'localStorage', { get() { "
                                 "throw new DOMException('refused', 'SecurityError'); } });")
    join_by_keyboard(page, code, name)
    begin(page)
    to_decision(page)
    page.context.set_offline(True)
    page.keyboard.press(str(route.numbers[0]))
    wait_until(page, "!document.getElementById('problem').hidden")
    text = page.inner_text("#problem")
    assert "kept" in text and "even if you close this page" not in text   # not promised
    page.context.set_offline(False)
    wait_seq(page, 1)
    choose_in_turn(page, route.numbers[1:], first_seq=1)
    store = server.store()
    try:
        (row,) = [r for r in store.session_results(code) if r.learner == name]
        assert row.passed and [c.seq for c in store.stored_choices(row.attempt_id)] == list(range(len(route.numbers)))
    finally:
        store.close()


def test_a_second_tab_that_answers_late_is_shown_where_the_attempt_really_is(page_factory, server):
    route = passing(DEMO)
    first, code, name = assessed(page_factory, server, "Two tabs")
    second = first.context.new_page()          # the same browser: the same learner cookie
    join_by_keyboard(second, code, name)
    begin(second)
    to_decision(second)
    choose_in_turn(first, route.numbers[:1])
    other = 1 if route.numbers[0] != 1 else 2
    second.keyboard.press(str(other))          # too late: the first tab answered decision 1
    wait_seq(second, 1)
    assert "already answered" in second.inner_text("#problem")
    me = first.request.get("/api/me").json()
    assert me["current"]["screen"]["history"][0]["number"] == route.numbers[0]


def test_a_choice_whose_request_hangs_is_given_up_and_sent_again_once(page_factory, server):
    route = passing(DEMO)
    page, code, name = assessed(page_factory, server, "Hanging")
    held = []

    def hang_the_first(request_route):
        if held:
            request_route.continue_()
        else:
            held.append(request_route)     # never answered: as on a dropped Wi-Fi link
    page.route("**/api/attempts/*/choose", hang_the_first)
    to_decision(page)
    page.keyboard.press(str(route.numbers[0]))
    wait_until(page, "!document.getElementById('problem').hidden", timeout=30)   # after 15 s
    assert "connection" in page.inner_text("#problem")
    wait_seq(page, 1)                                                           # the retry
    choose_in_turn(page, route.numbers[1:], first_seq=1)
    store = server.store()
    try:
        (row,) = [r for r in store.session_results(code) if r.learner == name]
        assert row.passed and len(store.stored_choices(row.attempt_id)) == len(route.numbers)
    finally:
        store.close()


# -- accessibility --------------------------------------------------------------------------------

def every_page(page, server):
    """Visit each page and state of the player, yielding its name: a check runs at each."""
    page.goto("/play/")
    wait_until(page, "document.querySelectorAll('#catalogue button').length > 0")
    yield "home"
    page.click("#join-form button[type=submit]")   # an empty form: its problems shown
    yield "home with form problems"
    open_practice(page, scenario(DEMO).title)
    yield "briefing"
    begin(page)
    idle(page)
    yield "a line of dialogue"
    to_decision(page)
    yield "a decision"
    page.keyboard.press("n")
    yield "case notes open"
    page.keyboard.press("Escape")
    page.keyboard.press("h")
    yield "history open"
    page.keyboard.press("Escape")
    page.click("#step-away")
    yield "step-away dialog"
    page.keyboard.press("Escape")
    page.click("#choices button >> nth=0")
    wait_until(page, "document.activeElement.id === 'feedback-title'")
    yield "practice feedback"
    route = failing(DEMO)
    page.click("#feedback-rewind")
    wait_until(page, "document.activeElement.id === 'prompt'")
    play_by_keyboard(page, route.numbers)
    yield "debrief"
    page.click("#to-home")
    open_practice(page, scenario(DEMO).title)
    begin(page)
    idle(page)
    page.click("#step-away")
    page.click("#away-yes")
    wait_until(page, "document.activeElement.id === 'away-title'")
    yield "stepped away"
    code = server.session("Axe", [DEMO])
    join_by_keyboard(page, code, learner())
    yield "assessed briefing"
    begin(page)
    play_by_keyboard(page, passing(DEMO).numbers)
    yield "assessed debrief"
    page.click("#next-scenario")
    wait_until(page, "document.activeElement.id === 'complete-title'")
    yield "session complete"


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page(page_factory, server, axe_source, theme):
    page = page_factory()
    page.goto("/play/")
    page.evaluate(f"localStorage.setItem('doorstep-theme', '{theme}')")
    found = {}
    for name in every_page(page, server):
        violations = axe_violations(page, axe_source)
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=1)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def clipped_controls(page) -> list[str]:
    """Visible controls that stick out of the window or cut their own text off."""
    return page.evaluate("""() => [...document.querySelectorAll('button, input, h1, h2, p, li, th, td')]
        .filter(e => e.offsetParent !== null)
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.right > window.innerWidth + 1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible'; })
        .map(e => e.id || e.tagName + ':' + e.textContent.trim().slice(0, 30))""")


@pytest.mark.parametrize("look", ["phone", "zoom200", "text200", "high-contrast"])
def test_phone_width_200_percent_zoom_and_high_contrast_lose_nothing(page_factory, server, look):
    # 200% browser zoom on a 1280 x 800 window is a 640 x 400 CSS viewport at twice the pixels;
    # text200 is the browser's text size alone at 200% (the root font size doubled).
    options = {"phone": dict(viewport={"width": 375, "height": 700}, device_scale_factor=2, is_mobile=True, has_touch=True),
               "zoom200": dict(viewport={"width": 640, "height": 400}, device_scale_factor=2),
               "text200": dict(viewport={"width": 1280, "height": 800}),
               "high-contrast": dict(viewport={"width": 1024, "height": 800})}[look]
    page = page_factory(**options)
    if look == "text200":
        page.context.add_init_script("document.addEventListener('DOMContentLoaded', () => "
                                     "{ document.documentElement.style.fontSize = '200%'; })")
    page.goto("/play/")
    if look == "high-contrast":
        page.evaluate("localStorage.setItem('doorstep-theme', 'high-contrast')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name in every_page(page, server):
        slug = name.replace(" ", "-")
        page.screenshot(path=str(SHOTS / f"{look}-{slug}.png"), full_page=True)
        if not no_horizontal_scroll(page):
            problems[name] = "scrolls sideways"
        clipped = clipped_controls(page)
        if clipped:
            problems[name] = clipped
    assert not problems, problems
    if look == "high-contrast":
        assert page.evaluate("document.documentElement.dataset.theme") == "high-contrast"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


def test_each_new_line_goes_to_the_live_region_and_focus_follows_the_story(page_factory):
    pos = protocol.walk(scenario(DEMO), [], mode=Mode.PRACTICE)
    page = page_factory()
    open_practice(page, scenario(DEMO).title)
    begin(page)
    assert page.get_attribute("#scene", "aria-live") == "polite"
    for b in pos.beats:
        idle(page)
        assert focused(page) == "continue"          # Enter reads on; the focus never jumps
        assert page.inner_text("#line") == b.text
        assert page.inner_text("#speaker") == (f"{b.speaker.name} ({b.mood})" if b.speaker and b.mood
                                               else b.speaker.name if b.speaker else "")
        page.keyboard.press("Enter")
    idle(page)
    assert focused(page) == "prompt" and page.inner_text("#prompt").endswith(pos.rest.prompt)
    assert page.inner_text("#line") == ""           # the last line is not read out again


def test_reduced_motion_turns_the_arrival_animation_off(page_factory):
    for motion, expected in (("no-preference", "arrive"), ("reduce", "none")):
        page = page_factory(reduced_motion=motion)
        open_practice(page, scenario(DEMO).title)
        begin(page)
        idle(page)
        assert page.evaluate("getComputedStyle(document.getElementById('scene')).animationName") == expected


def test_the_page_fetches_nothing_from_elsewhere_and_weighs_little(page_factory, server):
    page = page_factory()
    seen = []
    page.on("response", lambda r: seen.append((r.url, len(r.body()) if r.ok else 0)))
    open_practice(page, scenario(DEMO).title)
    begin(page)
    idle(page)
    assert seen and all(url.startswith(server.url) for url, _ in seen), seen
    static = sum(size for url, size in seen if "/play/" in url)
    assert static < 100_000, f"the player's files weigh {static} bytes"
