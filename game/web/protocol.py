"""What a browser shows, as JSON: the core's play turned into plain data (protocol 1).

Pure: imports only game.core, touches no clock, file, network or database, so the server, the
tests and a player running inside Pyodide (SCORM) all produce the same bytes from the same
route. A play is always described by its scenario, its mode and the choice numbers taken so far
(1-based among those offered at each decision); `walk` replays them through the core and
`screen` turns where it rests into the JSON of docs/protocol.md.

    position = walk(scenario, [2, 1], mode=Mode.PRACTICE)
    screen(position)      # {"protocol": 1, "phase": "decision", "beats": [...], ...}
    briefing(scenario)    # what to read before starting
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from game.core.debrief import Debrief, DecisionReview
from game.core.engine import Mode, PlayError, PlayState, View
from game.core.errors import AuthoringError
from game.core.model import Beat, Branch, Character, Decision, Ending, Scenario
from game.core.play import Advance, ChoiceTaken, Choose, Phase as PlayPhase, Play, StepAway, Stopped
from game.core.text import interpolate

PROTOCOL = 1
PRACTICE, ASSESSED = Mode.PRACTICE, Mode.ASSESSED
LABEL_WORDS = 9  # a route-map label: the first words of what happens at a node


class Phase:
    """Where a screen rests (the strings the JSON carries)."""

    DECISION = "decision"
    FINISHED = "finished"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, kw_only=True)
class Position:
    """A play replayed from its choice numbers, resting on a decision or an ending.

    `beats` are the lines shown since the last choice (or since the start), in order: a client
    steps through them itself, so the server never needs to know which line is on screen.
    """

    scenario: Scenario
    state: PlayState
    beats: tuple[View, ...]
    rest: View
    review: DecisionReview | None  # the card for the choice just made
    debrief: Debrief | None  # once finished or withdrawn
    withdrawn: bool = False
    # What each stop on the route showed (a beat, a decision, the ending), in order, as the
    # learner read it: labels for the debrief's route, with {day} and the like filled in.
    visited: tuple[View, ...] = ()

    @property
    def seq(self) -> int:
        """Choices made so far: the `seq` the next choice must carry."""
        return len(self.state.history)

    @property
    def phase(self) -> str:
        if self.withdrawn:
            return Phase.WITHDRAWN
        return Phase.FINISHED if self.state.finished else Phase.DECISION


def walk(scenario: Scenario, numbers: Sequence[int], *, mode: Mode | str = PRACTICE,
         pass_mark: int | None = None, at: str | Callable[[int], str] | None = None,
         withdrawn: bool = False) -> Position:
    """Replay `numbers` from the start through the core's Play; PlayError (with a plain message)
    for a number not offered or numbers left over after an ending. `at` stamps each choice
    (text, or a function of its 1-based place). `withdrawn`: the learner stepped away after the
    last of them. `pass_mark`: a session's, else the scenario's."""
    play = Play.begin(scenario, mode=mode, pass_mark=pass_mark)
    beats = _beats_until_rest(play)
    visited = [*beats, play.view]
    review = None
    for i, number in enumerate(numbers, 1):
        if play.phase is PlayPhase.FINISHED:
            raise PlayError(f"the story ended after {i - 1} choices; {len(numbers) - i + 1} left over")
        events = play.send(Choose(number=int(number), at=at(i) if callable(at) else at))
        review = next(e.review for e in events if isinstance(e, ChoiceTaken))
        beats = _beats_until_rest(play)
        visited += [*beats, play.view]
    rest = play.view
    if withdrawn and play.phase is PlayPhase.DECISION:
        _raise_if_stopped(play.send(StepAway()))
    ended = play.phase in (PlayPhase.FINISHED, PlayPhase.WITHDRAWN)
    return Position(scenario=scenario, state=play.state, beats=beats, rest=rest, review=review,
                    debrief=play.debrief() if ended else None,
                    withdrawn=play.phase is PlayPhase.WITHDRAWN, visited=tuple(visited))


def _beats_until_rest(play: Play) -> tuple[View, ...]:
    beats = []
    _raise_if_stopped(play.current())
    while play.phase is PlayPhase.BEAT:
        beats.append(play.view)
        _raise_if_stopped(play.send(Advance()))
    return tuple(beats)


def _raise_if_stopped(events) -> None:
    if events and isinstance(events[-1], Stopped):
        raise AuthoringError([events[-1].problem])


# -- JSON ----------------------------------------------------------------------------------------

def screen(position: Position) -> dict:
    """The JSON a player shows for `position` (see docs/protocol.md)."""
    state, rest = position.state, position.rest
    practice = state.mode is PRACTICE
    decision = None
    if rest.kind == "decision" and position.phase == Phase.DECISION:
        decision = {**_scene(rest), "prompt": rest.prompt,
                    "choices": [{"number": i, "text": t}
                                for i, t in enumerate(rest.choice_texts, 1)]}
    return {
        "protocol": PROTOCOL,
        # The hash of the version played (not secret): a client's own copy may stand in for
        # the server's screens while offline only when its hash is the same.
        "scenario": {"id": position.scenario.id, "title": position.scenario.title,
                     "hash": position.scenario.source_hash},
        "mode": str(state.mode.value),
        "phase": position.phase,
        "seq": position.seq,
        "can_rewind": practice and position.seq > 0 and position.phase != Phase.WITHDRAWN,
        "feedback": feedback(position.review) if practice and position.review else None,
        "beats": [beat(v) for v in position.beats],
        "decision": decision,
        "notes": [{"day": n.day, "text": n.text} for n in state.chronology],
        "history": history(position),
        "debrief": debrief_json(position.scenario, position.debrief, position.visited)
        if position.debrief else None,
    }


def _speaker(c: Character | None) -> dict | None:
    if c is None:
        return None
    return {"id": c.id, "name": c.name, "role": c.role.replace("_", " "), "age": c.age}


def _scene(v: View) -> dict:
    return {"speaker": _speaker(v.speaker), "mood": v.mood, "location": v.location.replace("_", " "),
            "day": v.day, "child_seen": v.child_seen}


def beat(v: View) -> dict:
    """One line of dialogue (or narration, when the speaker is null)."""
    return {**_scene(v), "text": v.text}


STRENGTH_LABELS = {"strong": "A strong choice", "reasonable": "A reasonable choice",
                   "weak": "A weak choice"}


def feedback(review: DecisionReview) -> dict:
    """The practice feedback card for one choice."""
    s = str(review.strength)  # the core's judgement against what was on offer
    return {"number": review.number, "prompt": review.prompt, "choice": review.choice_text,
            "feedback": review.feedback, "strength": s, "strength_label": STRENGTH_LABELS.get(s, s),
            "critical": review.critical, "cost": review.cost, "better": review.better,
            "points": [{"id": i, "title": t} for i, t in review.points]}


def history(position: Position) -> list[dict]:
    """The decisions taken so far: `seq` (0-based, what a rewind goes back to), prompt, choice."""
    scenario = position.scenario
    out = []
    for seq, step in enumerate(position.state.history):
        choice = scenario.choice(step.choice)
        decision = scenario.nodes.get(step.decision)
        out.append({"seq": seq, "number": step.number,
                    "prompt": decision.prompt if isinstance(decision, Decision) else "",
                    "choice": choice.text if choice else step.choice})
    return out


def debrief_json(scenario: Scenario, d: Debrief, visited: Sequence[View] = ()) -> dict:
    """Debrief.to_dict() plus what a page draws: the competency chart, epilogue, the labelled
    route (`visited`: the views of walk's Position, so each label reads as it was shown) and
    the best route beside it."""
    out = d.to_dict()
    out["chart"] = [{"name": c.name, "label": c.label, "score": c.score}
                    for c in d.competencies if c.score is not None]
    out["epilogue"] = d.ending.epilogue if d.ending else ""
    out["route_steps"] = route_steps(scenario, d.route, visited)
    out["best_route_steps"] = best_route_steps(scenario)
    return out


def route_steps(scenario: Scenario, route: Sequence[str], visited: Sequence[View] = ()) -> list[dict]:
    """`route` (node ids) as labelled steps; branches (never shown) are left out. The stops of
    a route and the views of its play come in the same order, so each step takes its view's
    words; without views (or should they not line up) a label is the node's own words."""
    stops = [n for n in route if n in scenario.nodes and not isinstance(scenario.nodes[n], Branch)]
    views = list(visited) if [v.node_id for v in visited] == stops else [None] * len(stops)
    return [{"node": n, "kind": scenario.nodes[n].kind,
             "label": node_label(scenario, n) if v is None else view_label(scenario, v)}
            for n, v in zip(stops, views)]


def best_route_steps(scenario: Scenario) -> list[dict]:
    """The best-scoring route through the scenario (the core's analysis, as the desktop debrief
    shows it, computed once per loaded scenario) as labelled steps, played to read as shown."""
    from game.core.analysis import analyse  # only at a debrief: the analysis is the costly part
    best = analyse(scenario)
    try:
        pos = walk(scenario, best.best_choices, mode=PRACTICE)
    except (PlayError, AuthoringError):
        return route_steps(scenario, best.best_route)
    return route_steps(scenario, pos.state.route, pos.visited)


def view_label(scenario: Scenario, view: View) -> str:
    """What the learner saw at a stop, in a few words (a line with who said it, a decision's
    prompt, an ending's title), with its {variables} as they were then."""
    if view.ending is not None:
        return view.ending.title
    if view.kind == "decision":
        return _first_words(view.prompt)
    return (f"{view.speaker.name}: " if view.speaker else "") + _first_words(view.text)


def node_label(scenario: Scenario, node_id: str) -> str:
    """What happens at a node, in a few words (route maps show this, never ids like 'L98').
    With no play to say what a {variable} held there, it shows as '…'; names are filled in."""
    node = scenario.nodes.get(node_id)
    if isinstance(node, Ending):
        return node.title
    if isinstance(node, Decision):
        return _first_words(_unplayed(scenario, node.prompt))
    if isinstance(node, Beat):
        who = scenario.characters.get(node.speaker or "")
        return (f"{who.name}: " if who else "") + _first_words(_unplayed(scenario, node.text))
    if isinstance(node, Branch):
        return "(the story branches)"
    return node_id


def _unplayed(scenario: Scenario, text: str) -> str:
    try:
        return interpolate(text, {name: "…" for name in scenario.variables}, scenario.characters)
    except KeyError:   # a name the validator would have refused: keep the words around it
        return text


def _first_words(text: str) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def briefing(scenario: Scenario) -> dict:
    """What the learner reads before starting: content note first, then the briefing."""
    b = scenario.briefing
    return {"protocol": PROTOCOL, "id": scenario.id, "title": scenario.title,
            "summary": scenario.summary, "minutes": scenario.minutes,
            "pass_mark": scenario.pass_mark, "content_note": scenario.content_note,
            "referral": b.referral, "known": list(b.known),
            "risk_assessment": list(b.risk_assessment),
            "people": [_speaker(c) | {"mood": c.mood} for c in scenario.characters.values()]}


def catalogue_entry(scenario: Scenario) -> dict:
    """One scenario in a list to pick from."""
    return {"id": scenario.id, "title": scenario.title, "summary": scenario.summary,
            "minutes": scenario.minutes, "content_note": scenario.content_note,
            "patterns": list(scenario.patterns), "audience": list(scenario.audience)}
