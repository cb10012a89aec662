"""The scenario model: what a loaded, checked scenario is. Frozen dataclasses, no behaviour.

Everything here is built by `loader.py` and read by the engine, analysis and front ends. Each
element keeps `where` = (file, line, col) so later checks and run-time problems can point at the
trainer's text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

from .expressions import Effect, Expr

Where = tuple  # (file, line, col)

PATTERNS = ("ambivalence", "avoidance", "confrontation", "violence", "disguised_compliance",
            "coercive_control", "misunderstanding")
ROLES = ("parent", "partner", "child", "relative", "colleague", "manager", "other_agency", "other")
MOODS = ("calm", "anxious", "hostile", "evasive", "warm", "frightened", "sad", "tired", "guarded",
         "defensive", "distressed", "confused")
LOCATIONS = ("doorstep", "living_room", "kitchen", "car", "office", "school", "phone", "street",
             "hall", "bedroom", "garden", "hospital", "school_office", "gp_surgery",
             "police_station")
ENDING_KINDS = ("child_seen_safe", "child_protected", "drift", "risk_unseen", "child_harmed",
                "over_escalated", "relationship_broken", "worker_harmed")


class NodeKind(str, Enum):
    """What a node is. A str-Enum, so it compares equal to (and serialises as) its name."""

    BEAT = "beat"
    DECISION = "decision"
    BRANCH = "branch"
    ENDING = "ending"

    def __str__(self) -> str:
        return self.value


class RuleKind(str, Enum):
    """`require`: holds at every matching ending; `possible`: holds at the end of some route."""

    REQUIRE = "require"
    POSSIBLE = "possible"


GOOD_ENDINGS = frozenset({"child_seen_safe", "child_protected"})
# An assessed attempt passes only by reaching one of GOOD_ENDINGS: leaving a child unseen or
# harmed, letting the case drift, or going in so heavy that the work breaks down is failing
# practice whatever the points.
FAILING_ENDINGS = frozenset(ENDING_KINDS) - GOOD_ENDINGS


@dataclass(frozen=True, kw_only=True)
class Character:
    id: str
    name: str
    role: str
    age: int | None
    mood: str
    appearance: Mapping[str, object]
    where: Where


@dataclass(frozen=True, kw_only=True)
class Variable:
    name: str
    type: str
    initial: object
    min: int | None = None
    max: int | None = None
    about: str = ""
    builtin: bool = False


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One option at a decision. `index` is its place in the decision's list (0-based)."""

    decision: str
    index: int
    id: str | None
    text: str
    target: str
    condition: Expr | None
    effects: tuple[Effect, ...]
    scores: Mapping[str, int]
    points: tuple[str, ...]
    feedback: str
    note: str
    where: Where
    # Why this choice fails an attempt whatever its points (a serious fault, as in a driving
    # test); "" for an ordinary choice.
    critical: str = ""
    # `advance: N working days`, as effects on day and working_days, run after the note
    advance: tuple[Effect, ...] = ()

    @property
    def key(self) -> str:
        """Stable name for this choice within the scenario: its id, or 'decision#n'."""
        return self.id or f"{self.decision}#{self.index + 1}"


@dataclass(frozen=True, kw_only=True)
class Beat:
    id: str
    speaker: str | None
    mood: str | None
    location: str | None
    text: str
    effects: tuple[Effect, ...]
    note: str
    next: str
    where: Where
    kind: NodeKind = field(default=NodeKind.BEAT, init=False)


@dataclass(frozen=True, kw_only=True)
class Decision:
    id: str
    prompt: str
    speaker: str | None
    mood: str | None
    location: str | None
    choices: tuple[Choice, ...]
    where: Where
    kind: NodeKind = field(default=NodeKind.DECISION, init=False)


@dataclass(frozen=True, kw_only=True)
class Route:
    """One arm of a branch: taken when `condition` holds (None: always)."""

    condition: Expr | None
    target: str
    where: Where


@dataclass(frozen=True, kw_only=True)
class Branch:
    id: str
    routes: tuple[Route, ...]
    where: Where
    kind: NodeKind = field(default=NodeKind.BRANCH, init=False)


@dataclass(frozen=True, kw_only=True)
class Ending:
    id: str
    ending: str  # the ending's kind, e.g. "risk_unseen"
    title: str
    text: str
    epilogue: str
    where: Where
    kind: NodeKind = field(default=NodeKind.ENDING, init=False)

    @property
    def good(self) -> bool:
        return self.ending in GOOD_ENDINGS


Node = Beat | Decision | Branch | Ending


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A check over every route: `require` holds at each matching ending, or `possible` holds
    at the end of at least one route."""

    id: str
    about: str
    kind: RuleKind
    condition: Expr
    at_endings: tuple[str, ...]
    where: Where


@dataclass(frozen=True, kw_only=True)
class Trigger:
    """"At any point": the first time `condition` holds as the story is about to move on to a
    beat or decision, it goes to `target` instead. Fires at most once per play."""

    id: str
    about: str
    condition: Expr
    target: str
    where: Where

    @property
    def flag(self) -> str:
        """The play-state entry that records it has fired (not a name a condition can use)."""
        return f"fired:{self.id}"


@dataclass(frozen=True, kw_only=True)
class Briefing:
    referral: str = ""
    known: tuple[str, ...] = ()
    risk_assessment: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, eq=False)  # identity equality: scenarios key caches
class Scenario:
    id: str
    title: str
    summary: str
    patterns: tuple[str, ...]
    audience: tuple[str, ...]
    minutes: int
    version: str
    author: str
    pass_mark: int
    content_note: str
    briefing: Briefing
    characters: Mapping[str, Character]
    variables: Mapping[str, Variable]
    nodes: Mapping[str, Node]
    start: str
    rules: tuple[Rule, ...]
    path: str
    source_hash: str
    choices: Mapping[str, Choice] = field(default_factory=dict)  # by key (id or 'decision#n')
    triggers: tuple[Trigger, ...] = ()

    def choice(self, key: str) -> Choice | None:
        """The choice whose `key` (its id, or 'decision#n') is given, or None."""
        return self.choices.get(key)

    @property
    def endings(self) -> list[Ending]:
        return [n for n in self.nodes.values() if isinstance(n, Ending)]

    @property
    def decisions(self) -> list[Decision]:
        return [n for n in self.nodes.values() if isinstance(n, Decision)]
