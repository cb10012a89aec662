"""Playing a scenario: an immutable play state and the pure functions that move it on.

    state = start(scenario, mode)          # at the first node
    view(scenario, state)                  # what to show now
    state = advance(scenario, state)       # past a beat
    state = apply(scenario, state, choice) # a choice at a decision
    state = rewind(scenario, state, k)     # back to just before decision k (practice only)

Shells do not call these directly: they drive a `play.Play`, which does.

A state never changes; each step returns a new one. It is plain data (JSON via `to_json`), and
holds no clock: timestamps are whatever the caller passes as `at`. Branches run by themselves,
so a state always rests on a beat, a decision or an ending.

Problems found only while playing (a condition dividing by zero, text naming a variable that
was never set, a decision where no choice is offered) raise AuthoringError pointing at the
scenario text, like any other authoring mistake.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Mapping

from .chain import EMPTY, Chain
from .errors import ERROR, AuthoringError, Problem, SaveError
from .expressions import EvalError
from .model import Beat, Branch, Character, Choice, Decision, Ending, NodeKind, Scenario, Variable
from .text import interpolate



class Mode(str, Enum):
    """Practice: feedback after each choice and going back. Assessed: feedback at the end, a
    verdict, no going back. A str-Enum, so saves and JSON keep the plain words."""

    PRACTICE = "practice"
    ASSESSED = "assessed"

    def __str__(self) -> str:
        return self.value


PRACTICE, ASSESSED = Mode.PRACTICE, Mode.ASSESSED
MODES = tuple(Mode)
SAVE_FORMAT = "doorstep-play/1"
MAX_AUTOMATIC_STEPS = 10_000  # branches chained without a beat or decision between them


class PlayError(ValueError):
    """A request the state cannot take: a choice not offered now, rewind in assessed mode.
    `hint` says what would work."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, kw_only=True)
class Step:
    """One decision taken: which choice (its key), its number as offered, the caller's time."""

    decision: str
    choice: str
    number: int
    at: str | float | None = None


@dataclass(frozen=True, kw_only=True)
class CaseNote:
    """An entry in the learner's chronology, stamped with the day of the case."""

    day: int
    text: str
    source: str


@dataclass(frozen=True, kw_only=True)
class PlayState:
    scenario_id: str
    scenario_hash: str
    mode: Mode
    node: str
    variables: tuple[tuple[str, object], ...]
    # These three only grow, a step at a time: Chains (tuple-like, O(1) to extend) so a move
    # costs the same at step 16,000 as at step 1.
    route: Chain
    history: Chain
    chronology: Chain
    moods: tuple[tuple[str, str], ...]
    location: str
    finished: bool
    origin: str
    origin_variables: tuple[tuple[str, object], ...] = ()

    @property
    def vars(self) -> Mapping[str, object]:
        return MappingProxyType(dict(self.variables))

    def to_dict(self) -> dict:
        return {
            "format": SAVE_FORMAT, "scenario_id": self.scenario_id,
            "scenario_hash": self.scenario_hash, "mode": self.mode.value, "node": self.node,
            "variables": dict(self.variables), "route": list(self.route),
            "history": [[s.decision, s.choice, s.number, s.at] for s in self.history],
            "chronology": [[n.day, n.text, n.source] for n in self.chronology],
            "moods": dict(self.moods), "location": self.location, "finished": self.finished,
            "origin": self.origin, "origin_variables": dict(self.origin_variables),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> "PlayState":
        """A state from `to_json` output; SaveError (with a plain reason) for anything else."""
        try:
            d = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise SaveError(f"the save is damaged (not readable JSON: {exc})") from None
        return cls.from_dict(d)

    @classmethod
    def from_dict(cls, d) -> "PlayState":
        try:
            if not isinstance(d, dict) or d.get("format") != SAVE_FORMAT:
                raise SaveError("this is not a Doorstep save, or it is from a newer version")
            if d["mode"] not in MODES:
                raise SaveError(f"unknown mode {d['mode']!r}")
            scalars = (bool, int, str, type(None))
            for name, value in {**d["variables"], **d["origin_variables"]}.items():
                if not isinstance(name, str) or not isinstance(value, scalars):
                    raise SaveError("the save's variables are damaged")
            state = cls(
                scenario_id=_str(d["scenario_id"]), scenario_hash=_str(d["scenario_hash"]),
                mode=Mode(d["mode"]), node=_str(d["node"]),
                variables=tuple(d["variables"].items()),
                route=Chain(_str(n) for n in d["route"]),
                history=Chain(Step(decision=_str(a), choice=_str(b), number=int(c),
                                   at=t if isinstance(t, (str, int, float)) or t is None
                                   else str(t)) for a, b, c, t in d["history"]),
                chronology=Chain(CaseNote(day=int(day), text=_str(text), source=_str(src))
                                 for day, text, src in d["chronology"]),
                moods=tuple((_str(k), _str(v)) for k, v in d["moods"].items()),
                location=_str(d["location"]), finished=bool(d["finished"]),
                origin=_str(d["origin"]), origin_variables=tuple(d["origin_variables"].items()))
        except SaveError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SaveError(f"the save is damaged or incomplete ({type(exc).__name__}: {exc})") \
                from None
        return state


def _str(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


@dataclass(frozen=True, kw_only=True)
class View:
    """What a front end shows for the state it was made from."""

    kind: NodeKind
    node_id: str
    speaker: Character | None
    mood: str | None
    location: str
    text: str
    prompt: str
    choices: tuple[Choice, ...]
    choice_texts: tuple[str, ...]
    moods: Mapping[str, str]
    child_seen: bool
    day: int
    ending: Ending | None
    mode: Mode


class _Context:
    """What conditions can read: variables, and the history (computed only if asked for)."""

    __slots__ = ("values", "route", "history", "_visits", "_chosen")

    def __init__(self, values: dict, route, history):
        self.values, self.route, self.history = values, route, history
        self._visits = self._chosen = None

    def get(self, name):
        value = self.values.get(name)
        if value is None:
            raise EvalError(f"the variable '{name}' was never set")
        return value

    @property
    def seen(self):
        return self.visits  # a node was seen when it was visited: `in` reads either

    @property
    def visits(self):
        if self._visits is None:
            route = self.route
            self._visits = route.counts() if isinstance(route, Chain) else Counter(route)
        return self._visits

    @property
    def chosen(self):
        if self._chosen is None:
            self._chosen = frozenset(s.choice for s in self.history)
        return self._chosen


def _runtime_problem(where, message: str, hint: str = "") -> AuthoringError:
    file, line, col = where
    return AuthoringError([Problem(ERROR, file, line, col, f"while playing: {message}", hint)])


def _holds(expr, ctx: _Context, where) -> bool:
    try:
        return bool(expr.fn(ctx))
    except EvalError as exc:
        raise _runtime_problem(where, f"the condition '{expr.source}' failed: {exc}",
                               "give the variable a starting value, or guard the condition") \
            from None


def effect_value(effect, ctx, var: Variable):
    """The value an effect gives its variable (`=`, `+=`, `-=`), kept within the variable's
    min and max. Raises EvalError; every walker over play states (the engine, route
    exploration, exact scoring) computes effects with this one function."""
    value = effect.value.fn(ctx)
    if effect.op != "=":
        current = ctx.get(effect.target)
        value = current + value if effect.op == "+=" else current - value
    if var.min is not None and value < var.min:
        value = var.min
    if var.max is not None and value > var.max:
        value = var.max
    return value


MAX_MAGNITUDE = 10 ** 9  # no count, score or day comes near it; unbounded growth is a mistake


def apply_effects(effects, values: dict, variables: Mapping, ctx, where) -> None:
    """Run `effects` on `values` (read through `ctx`). Shared by the engine and the route
    explorers (lean.py); a number grown past MAX_MAGNITUDE is an authoring problem, not a
    number that grows until the machine runs out of memory."""
    for e in effects:
        try:
            value = effect_value(e, ctx, variables[e.target])
        except EvalError as exc:
            raise _runtime_problem(where, f"the effect '{e.source}' failed: {exc}",
                                   "give the variable a starting value") from None
        if value.__class__ is int and not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            raise _runtime_problem(where, f"the effect '{e.source}' took '{e.target}' past "
                                   f"\u00b1{MAX_MAGNITUDE:,}",
                                   "the number grows without bound (in a loop?): give the "
                                   "variable a 'max', or change the effect")
        values[e.target] = value


def branch_target(node: Branch, ctx) -> str:
    """Where a branch leads: the first arm whose condition holds."""
    return next(r.target for r in node.routes
                if r.condition is None or _holds(r.condition, ctx, r.where))


def trigger_target(triggers, values: dict, ctx) -> str | None:
    """Where the first trigger not yet fired whose condition holds sends the story (marking it
    fired in `values`), or None. Checked each time the story moves on to a beat or decision."""
    for t in triggers:
        if not values.get(t.flag) and _holds(t.condition, ctx, t.where):
            values[t.flag] = True
            return t.target
    return None


def open_choices(node: Decision, ctx) -> tuple[Choice, ...]:
    """The choices of a decision whose condition holds, in order; an authoring problem when
    none does."""
    choices = tuple(c for c in node.choices
                    if c.condition is None or _holds(c.condition, ctx, c.where))
    if not choices:
        raise _runtime_problem(node.where, "no choice is offered at this decision (every "
                               "choice's condition is false)",
                               "make sure at least one choice is always open")
    return choices


def start(scenario: Scenario, mode: Mode | str = PRACTICE, at_node: str | None = None,
          variables: Mapping[str, object] | None = None) -> PlayState:
    """A new play at the scenario's start, or (for authors testing a scene) at `at_node` with
    some variables set to given values."""
    try:
        mode = Mode(mode)
    except ValueError:
        raise PlayError(f"mode must be one of {', '.join(MODES)}, not {mode!r}") from None
    node = at_node or scenario.start
    if node not in scenario.nodes:
        raise PlayError(f"there is no node '{node}' in this scenario")
    values = {name: v.initial for name, v in scenario.variables.items()}
    overrides = dict(variables or {})
    for name, value in overrides.items():
        var = scenario.variables.get(name)
        if var is None:
            raise PlayError(f"there is no variable '{name}' in this scenario")
        expected = {"bool": bool, "int": int, "str": str}[var.type]
        if type(value) is not expected:
            raise PlayError(f"'{name}' holds {var.type}, not {value!r}")
        values[name] = value
    moods = tuple((cid, c.mood) for cid, c in scenario.characters.items())
    base = PlayState(scenario_id=scenario.id, scenario_hash=scenario.source_hash, mode=mode,
                     node=node, variables=(), route=EMPTY, history=EMPTY, chronology=EMPTY, moods=moods,
                     location=_first_location(scenario), finished=False, origin=node,
                     origin_variables=tuple(overrides.items()))
    return _enter(scenario, base, node, values)


def _first_location(scenario: Scenario) -> str:
    for n in scenario.nodes.values():
        if isinstance(n, (Beat, Decision)) and n.location:
            return n.location
    return "doorstep"


def _enter(scenario: Scenario, state: PlayState, node_id: str, values: dict,
           history: Chain | None = None, chronology: Chain | None = None) -> PlayState:
    """Move to `node_id`, run beats' effects and branches, and rest on the next stopping node."""
    route = state.route
    history = state.history if history is None else history
    chronology = state.chronology if chronology is None else chronology
    moods = state.moods
    location = state.location
    nodes = scenario.nodes
    for _ in range(MAX_AUTOMATIC_STEPS):
        node = nodes[node_id]
        if scenario.triggers and isinstance(node, (Beat, Decision)):
            target = trigger_target(scenario.triggers, values, _Context(values, route, history))
            if target is not None:
                node_id = target
                continue
        route = route.add(node_id)
        if isinstance(node, Branch):
            node_id = branch_target(node, _Context(values, route, history))
            continue
        if isinstance(node, (Beat, Decision)):
            if node.location:
                location = node.location
            if node.speaker and node.mood:
                moods = tuple((c, node.mood if c == node.speaker else m) for c, m in moods)
        if isinstance(node, Beat):
            if node.effects:
                apply_effects(node.effects, values, scenario.variables,
                              _Context(values, route, history), node.where)
            if node.note:
                chronology = chronology.add(CaseNote(day=values.get("day") or 0,
                                           text=_interp(scenario, node.note, values, node.where),
                                           source=node_id))
        return PlayState(scenario_id=state.scenario_id, scenario_hash=state.scenario_hash,
                         mode=state.mode, node=node_id, variables=tuple(values.items()),
                         route=route, history=history, chronology=chronology,
                         moods=moods, location=location, finished=isinstance(node, Ending),
                         origin=state.origin, origin_variables=state.origin_variables)
    raise _runtime_problem(nodes[node_id].where, "branches lead round in a circle without "
                           "stopping at a beat or decision", "check the branches' conditions")


def offered(scenario: Scenario, state: PlayState) -> tuple[Choice, ...]:
    """The choices open at the current decision (those whose condition holds), in order."""
    node = scenario.nodes[state.node]
    if not isinstance(node, Decision):
        return ()
    return open_choices(node, _Context(dict(state.variables), state.route, state.history))


def advance(scenario: Scenario, state: PlayState) -> PlayState:
    """Past the current beat to whatever comes next."""
    node = scenario.nodes[state.node]
    if not isinstance(node, Beat):
        raise PlayError(f"'{state.node}' is a {node.kind}, not a beat: nothing to advance past")
    return _enter(scenario, state, node.next, dict(state.variables))


def apply(scenario: Scenario, state: PlayState, choice: Choice,
          at: str | float | None = None) -> PlayState:
    """The state after taking `choice` (one of `offered(...)`) at the current decision."""
    if state.finished:
        raise PlayError("this play has ended")
    options = offered(scenario, state)
    try:
        number = next(i for i, c in enumerate(options, 1) if c is choice or c.key == choice.key)
    except StopIteration:
        raise PlayError(f"that choice is not offered at '{state.node}' now") from None
    return take(scenario, state, choice, number, at)


def take(scenario: Scenario, state: PlayState, choice: Choice, number: int,
         at: str | float | None = None) -> PlayState:
    """`apply` without checking that `choice` is offered: for callers that have just asked
    `offered` themselves (route exploration). `number` is its place among those offered."""
    values = dict(state.variables)
    history = state.history.add(Step(decision=state.node, choice=choice.key, number=number,
                                     at=at))
    chronology = state.chronology
    ctx = _Context(values, state.route, history)
    if choice.effects:
        apply_effects(choice.effects, values, scenario.variables, ctx, choice.where)
    if choice.note:
        chronology = chronology.add(CaseNote(day=values.get("day") or 0,
                                             text=_interp(scenario, choice.note, values,
                                                          choice.where),
                                             source=choice.key))
    if choice.advance:  # time passes after the note is written: it is dated when decided
        apply_effects(choice.advance, values, scenario.variables, ctx, choice.where)
    return _enter(scenario, state, choice.target, values, history, chronology)


def choose_number(scenario: Scenario, state: PlayState, number: int,
                  at: str | float | None = None) -> PlayState:
    """Like apply, with the choice given by its 1-based number among those offered."""
    options = offered(scenario, state)
    if not 1 <= number <= len(options):
        raise PlayError(f"choice {number} is not offered at '{state.node}' "
                        f"(there {'is' if len(options) == 1 else 'are'} {len(options)})")
    return apply(scenario, state, options[number - 1], at)


def to_next_decision(scenario: Scenario, state: PlayState) -> PlayState:
    """Advance past beats until a decision or an ending."""
    while isinstance(scenario.nodes[state.node], Beat):
        state = advance(scenario, state)
    return state


def _replaying(scenario: Scenario, state: PlayState, steps):
    """From `state`, take each recorded Step's choice (by key) in turn, skipping beats; yield
    (choices offered, step, state after it) at each. The one loop every replay walks."""
    for step in steps:
        state = to_next_decision(scenario, state)
        choice = scenario.choice(step.choice)
        options = offered(scenario, state) if choice is not None else ()
        number = next((i for i, c in enumerate(options, 1) if c.key == choice.key), None) \
            if state.node == step.decision else None
        if number is None:
            raise PlayError(f"the recorded choice '{step.choice}' no longer fits this scenario")
        state = take(scenario, state, choice, number, step.at)
        yield options, step, state


def replay(scenario: Scenario, state: PlayState, steps) -> PlayState:
    """From `state`, take each recorded Step's choice (by key) in turn, skipping beats."""
    for _, _, state in _replaying(scenario, state, steps):
        pass
    return state


def restart(scenario: Scenario, state: PlayState) -> PlayState:
    """A fresh play from where `state`'s play began (its start node and starting variables)."""
    return start(scenario, state.mode, state.origin, dict(state.origin_variables))


def walk(scenario: Scenario, state: PlayState):
    """The decisions of `state`'s play replayed from its beginning: (choices offered then,
    step, the variables then) for each, so a debrief can review each one against what was on
    offer, in the words the learner saw."""
    before = restart(scenario, state)
    for options, step, after in _replaying(scenario, before, state.history):
        yield options, step, dict(to_next_decision(scenario, before).variables)
        before = after


def rewind(scenario: Scenario, state: PlayState, k: int) -> PlayState:
    """The state just before decision k (0-based) was taken. Practice mode only."""
    if state.mode != PRACTICE:
        raise PlayError("rewinding is only possible in practice mode")
    if not 0 <= k <= len(state.history):
        raise PlayError(f"there is no decision {k} to go back to")
    return to_next_decision(scenario, replay(scenario, restart(scenario, state),
                                             state.history[:k]))


def resume(scenario: Scenario, state: PlayState) -> PlayState:
    """A saved state checked against the scenario it claims to be for. If the scenario's text
    has changed since, the recorded choices are replayed on the new text (so an edited typo does
    not lose a learner's place); SaveError if that is impossible."""
    if state.scenario_id != scenario.id:
        raise SaveError(f"this save is for scenario '{state.scenario_id}', not '{scenario.id}'")
    if state.scenario_hash == scenario.source_hash and state.node in scenario.nodes:
        return state
    try:
        fresh = start(scenario, state.mode, state.origin if state.origin in scenario.nodes
                      else None, dict(state.origin_variables))  # the origin may be gone
        replayed = replay(scenario, fresh, state.history)
    except (PlayError, AuthoringError) as exc:
        raise SaveError(f"the scenario has changed since this was saved and the play cannot "
                        f"be restored ({exc})") from None
    return replayed


def view(scenario: Scenario, state: PlayState) -> View:
    """What to show now: the beat's line, the decision's prompt and choices, or the ending."""
    node = scenario.nodes[state.node]
    values = dict(state.variables)
    moods = dict(state.moods)
    speaker = scenario.characters.get(getattr(node, "speaker", None) or "")
    choices: tuple[Choice, ...] = ()
    text = prompt = ""
    if isinstance(node, Beat):
        text = _interp(scenario, node.text, values, node.where)
    elif isinstance(node, Decision):
        prompt = _interp(scenario, node.prompt, values, node.where)
        choices = offered(scenario, state)
    elif isinstance(node, Ending):
        text = _interp(scenario, node.text, values, node.where)
    return View(
        kind=node.kind, node_id=state.node, speaker=speaker,
        mood=moods.get(speaker.id) if speaker else None, location=state.location, text=text,
        prompt=prompt, choices=choices,
        choice_texts=tuple(_interp(scenario, c.text, values, c.where) for c in choices),
        moods=MappingProxyType(moods), child_seen=bool(values.get("child_seen")),
        day=values.get("day") or 1, ending=node if isinstance(node, Ending) else None,
        mode=state.mode)


def _interp(scenario: Scenario, text: str, values: dict, where) -> str:
    try:
        return interpolate(text, values, scenario.characters)
    except KeyError as exc:
        raise _runtime_problem(where, f"the text shows {{{exc.args[0]}}}, which was never set",
                               "give the variable a starting value") from None
