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

from game.core import engine
from game.core.debrief import Debrief, DecisionReview, make_debrief, review_step
from game.core.engine import PlayState, View
from game.core.model import Beat, Branch, Character, Decision, Ending, Scenario

PROTOCOL = 1
PRACTICE, ASSESSED = engine.PRACTICE, engine.ASSESSED
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

    @property
    def seq(self) -> int:
        """Choices made so far: the `seq` the next choice must carry."""
        return len(self.state.history)

    @property
    def phase(self) -> str:
        if self.withdrawn:
            return Phase.WITHDRAWN
        return Phase.FINISHED if self.state.finished else Phase.DECISION


def walk(scenario: Scenario, numbers: Sequence[int], *, mode: str = PRACTICE,
         pass_mark: int | None = None, at: str | Callable[[int], str] | None = None,
         withdrawn: bool = False) -> Position:
    """Replay `numbers` from the start; PlayError (with a plain message) for a number not
    offered or numbers left over after an ending. `at` stamps each choice (text, or a function
    of its 1-based place). `withdrawn`: the learner stepped away after the last of them."""
    state = engine.start(scenario, mode)
    beats, state = _beats_until_rest(scenario, state)
    review = None
    for i, number in enumerate(numbers, 1):
        if state.finished:
            raise engine.PlayError(f"the story ended after {i - 1} choices; "
                                   f"{len(numbers) - i + 1} left over")
        options = engine.offered(scenario, state)
        state = engine.choose_number(scenario, state, int(number), at(i) if callable(at) else at)
        review = review_step(scenario, state.history[-1], i, options)
        beats, state = _beats_until_rest(scenario, state)
    debrief = make_debrief(scenario, state) if state.finished or withdrawn else None
    if debrief is not None and pass_mark is not None:
        debrief = _with_pass_mark(scenario, state, debrief, pass_mark)
    return Position(scenario=scenario, state=state, beats=beats,
                    rest=engine.view(scenario, state), review=review, debrief=debrief,
                    withdrawn=withdrawn and not state.finished)


def _beats_until_rest(scenario: Scenario, state: PlayState) -> tuple[tuple[View, ...], PlayState]:
    beats = []
    while isinstance(scenario.nodes[state.node], Beat):
        beats.append(engine.view(scenario, state))
        state = engine.advance(scenario, state)
    return tuple(beats), state


def _with_pass_mark(scenario, state, debrief: Debrief, pass_mark: int) -> Debrief:
    # Until the core takes a session's pass mark itself (play API), apply it the same way.
    from dataclasses import replace
    from game.core.model import FAILING_ENDINGS
    ending = debrief.ending
    passed = (state.finished and debrief.overall >= pass_mark and ending is not None
              and ending.ending not in FAILING_ENDINGS)
    return replace(debrief, pass_mark=pass_mark, passed=passed)


# -- JSON ----------------------------------------------------------------------------------------

def screen(position: Position) -> dict:
    """The JSON a player shows for `position` (see docs/protocol.md)."""
    state, rest = position.state, position.rest
    practice = state.mode == PRACTICE
    decision = None
    if rest.kind == "decision" and position.phase == Phase.DECISION:
        decision = {**_scene(rest), "prompt": rest.prompt,
                    "choices": [{"number": i, "text": t}
                                for i, t in enumerate(rest.choice_texts, 1)]}
    return {
        "protocol": PROTOCOL,
        "scenario": {"id": position.scenario.id, "title": position.scenario.title},
        "mode": state.mode,
        "phase": position.phase,
        "seq": position.seq,
        "can_rewind": practice and position.seq > 0 and position.phase != Phase.WITHDRAWN,
        "feedback": feedback(position.review) if practice and position.review else None,
        "beats": [beat(v) for v in position.beats],
        "decision": decision,
        "notes": [{"day": n.day, "text": n.text} for n in state.chronology],
        "history": history(position),
        "debrief": debrief_json(position.scenario, position.debrief) if position.debrief else None,
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


STRENGTH = {"strong": "A strong choice", "mixed": "Partly right", "weak": "A weak choice"}


def strength(review: DecisionReview) -> str:
    """How strong a choice was: the best open (strong), costly but not harmful (mixed), or
    scored below zero overall (weak)."""
    if review.cost == 0:
        return "strong"
    return "weak" if sum(review.scores.values()) < 0 else "mixed"


def feedback(review: DecisionReview) -> dict:
    """The practice feedback card for one choice."""
    s = strength(review)
    return {"number": review.number, "prompt": review.prompt, "choice": review.choice_text,
            "feedback": review.feedback, "strength": s, "strength_label": STRENGTH[s],
            "cost": review.cost, "better": review.better,
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


def debrief_json(scenario: Scenario, d: Debrief) -> dict:
    """Debrief.to_dict() plus what a page draws: the competency chart, epilogue, labelled route."""
    out = d.to_dict()
    out["chart"] = [{"name": c.name, "label": c.label, "score": c.score}
                    for c in d.competencies if c.score is not None]
    out["epilogue"] = d.ending.epilogue if d.ending else ""
    out["route_steps"] = [{"node": n, "kind": scenario.nodes[n].kind,
                           "label": node_label(scenario, n)}
                          for n in d.route if n in scenario.nodes
                          and not isinstance(scenario.nodes[n], Branch)]
    return out


def node_label(scenario: Scenario, node_id: str) -> str:
    """What happens at a node, in a few words (route maps show this, never ids like 'L98')."""
    node = scenario.nodes.get(node_id)
    if isinstance(node, Ending):
        return node.title
    if isinstance(node, Decision):
        return _first_words(node.prompt)
    if isinstance(node, Beat):
        who = scenario.characters.get(node.speaker or "")
        return (f"{who.name}: " if who else "") + _first_words(node.text)
    if isinstance(node, Branch):
        return "(the story branches)"
    return node_id


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
            "minutes": scenario.minutes, "patterns": list(scenario.patterns),
            "audience": list(scenario.audience)}
