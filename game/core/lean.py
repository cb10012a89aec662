"""Play states reduced to what can still matter, for walking every route quickly.

An `engine.PlayState` carries the whole route and history, so every step copies them. Walking
all routes (the rules check, exact best and worst scores, greedy routes) needs far less: here a
state is `(node id, slots)`, one slot for each thing some condition, effect, text or rule can
read: a variable, the visits to a node that `seen`/`visits` ask about, whether a choice that
`chose` asks about was taken. A slot that nothing from this node on can read is blanked, so
routes that differ only in what no longer matters meet in one state, and each step costs the
same however long the route so far.

The game's rules are the engine's own functions: effects and clamping (`apply_effects`), the
choices offered (`open_choices`), branch routing (`branch_target`), filling in text.
"""
from __future__ import annotations

from collections import deque

from . import engine
from .errors import AuthoringError
from .model import Beat, Branch, Decision, Ending, Scenario
from .text import names_in

State = tuple  # (node id, tuple of slot values)


class _Ctx(engine._Context):
    """What conditions read, from a lean state's variables and history slots."""

    __slots__ = ("hist", "lean")

    def __init__(self, values: dict, hist: list, lean: "Lean"):
        super().__init__(values, (), ())
        self.hist, self.lean = hist, lean

    @property
    def seen(self):
        return {n for n, i in self.lean.visit_slot.items() if self.hist[i]}

    @property
    def visits(self):
        return {n: self.hist[i] for n, i in self.lean.visit_slot.items()}

    @property
    def chosen(self):
        return {c for c, i in self.lean.chose_slot.items() if self.hist[i]}


class Lean:
    """The lean-state stepper for one scenario. `rules`: also keep what the scenario's rules
    read at endings; `texts`: also check that every text shown can be filled in;
    `also_choices`: keep apart routes that differ in taking these choices."""

    def __init__(self, scenario: Scenario, rules: bool = True, texts: bool = True,
                 also_choices: tuple[str, ...] = ()):
        self.scenario = scenario
        nodes = self.nodes = scenario.nodes
        nullable = {n for n, v in scenario.variables.items() if v.initial is None}
        self.texts: dict[str, tuple] = {}  # node -> (text, where) that can fail to fill in
        if texts and nullable:
            for nid, node in nodes.items():
                checks = tuple((t, w) for t, w in _texts(node)
                               if any(n in nullable for n, _ in names_in(t)))
                if checks:
                    self.texts[nid] = checks
        observed = _observed(scenario, rules, self.texts, nullable)
        # Effects on a variable nothing observes cannot change what happens: they are skipped,
        # so a count that only counts ('rounds += 1') does not multiply the states.
        self.effects = {}
        self.advances = {}
        for node in nodes.values():
            for owner in (node, *getattr(node, "choices", ())):
                kept = tuple(e for e in getattr(owner, "effects", ()) if e.target in observed)
                self.effects[id(owner)] = kept
                self.advances[id(owner)] = tuple(e for e in getattr(owner, "advance", ())
                                                 if e.target in observed)
        reads: dict[str, set] = {nid: set() for nid in nodes}
        for nid, node in nodes.items():
            exprs = []
            if isinstance(node, Decision):
                for c in node.choices:
                    exprs += [c.condition] if c.condition else []
                    done = self.effects[id(c)] + self.advances[id(c)]
                    exprs += [e.value for e in done]
                    reads[nid] |= {("var", e.target) for e in done if e.op != "="}
            elif isinstance(node, Branch):
                exprs += [r.condition for r in node.routes if r.condition]
            elif isinstance(node, Beat):
                exprs += [e.value for e in self.effects[id(node)]]
                reads[nid] |= {("var", e.target) for e in self.effects[id(node)] if e.op != "="}
            elif isinstance(node, Ending):
                if rules:
                    exprs += [r.condition for r in scenario.rules
                              if not r.at_endings or node.ending in r.at_endings]
                reads[nid] |= {("chose", k) for k in also_choices}
            for x in exprs:
                reads[nid] |= {("var", n) for n in x.names}
                reads[nid] |= {("visits" if r.kind == "node" else "chose", r.id) for r in x.refs}
            for t, _ in self.texts.get(nid, ()):
                reads[nid] |= {("var", n) for n, _ in names_in(t) if n in nullable}
            if isinstance(node, (Beat, Decision)):  # triggers are checked on the way in
                for t in scenario.triggers:
                    reads[nid] |= {("var", n) for n in t.condition.names} | {("var", t.flag)}
                    reads[nid] |= {("visits" if r.kind == "node" else "chose", r.id)
                                   for r in t.condition.refs}
        slots = sorted(set().union(*reads.values()))
        self.var_names = tuple(n for k, n in slots if k == "var")
        nv = len(self.var_names)
        self.visit_slot = {n: i for i, n in enumerate((n for k, n in slots if k == "visits"))}
        self.chose_slot = {c: i + len(self.visit_slot) for i, c in
                           enumerate((n for k, n in slots if k == "chose"))}
        index = {("var", n): i for i, n in enumerate(self.var_names)}
        index.update({("visits", n): nv + i for n, i in self.visit_slot.items()})
        index.update({("chose", c): nv + i for c, i in self.chose_slot.items()})
        self.hist_size = len(self.visit_slot) + len(self.chose_slot)
        live = _liveness(nodes, {nid: sum(1 << index[s] for s in r) for nid, r in reads.items()})
        width = nv + self.hist_size
        self.keep = {nid: tuple(bool(mask >> i & 1) for i in range(width))
                     for nid, mask in live.items()}
        self.initial = {n: scenario.variables[n].initial if n in scenario.variables else False
                        for n in self.var_names}  # a trigger's fired flag starts False

    # -- states --------------------------------------------------------------------------------
    def start(self, trail: list | None = None) -> State:
        """The state where the story first rests (a decision or an ending)."""
        return self.settle(self.scenario.start, dict(self.initial), [0] * self.hist_size, trail)

    def unpack(self, state: State) -> tuple[dict, list]:
        vals = state[1]
        nv = len(self.var_names)
        return dict(zip(self.var_names, vals[:nv])), list(vals[nv:])

    def context(self, state: State) -> _Ctx:
        values, hist = self.unpack(state)
        return _Ctx(values, hist, self)

    def offered(self, state: State):
        """The choices open at the state's decision (AuthoringError when none is)."""
        node = self.nodes[state[0]]
        return engine.open_choices(node, self.context(state))

    def take(self, state: State, choice, trail: list | None = None) -> State:
        """The state after taking `choice` (one of `offered(state)`)."""
        values, hist = self.unpack(state)
        slot = self.chose_slot.get(choice.key)
        if slot is not None:
            hist[slot] = True
        ctx = _Ctx(values, hist, self)
        effects = self.effects[id(choice)]
        if effects:
            engine.apply_effects(effects, values, self.scenario.variables, ctx, choice.where)
        if self.texts and choice.note and any(n in values for n, _ in names_in(choice.note)):
            engine._interp(self.scenario, choice.note, values, choice.where)
        advance = self.advances[id(choice)]
        if advance:
            engine.apply_effects(advance, values, self.scenario.variables, ctx, choice.where)
        return self.settle(choice.target, values, hist, trail, ctx)

    def settle(self, node_id: str, values: dict, hist: list, trail: list | None = None,
               ctx: _Ctx | None = None) -> State:
        """Enter `node_id` and run on through beats and branches to a decision or ending."""
        nodes, scenario = self.nodes, self.scenario
        ctx = ctx or _Ctx(values, hist, self)
        visit_slot = self.visit_slot
        triggers = scenario.triggers
        chained = 0  # branches and triggers in a row: a beat between them resets the count
        while chained < engine.MAX_AUTOMATIC_STEPS:
            chained += 1
            node = nodes[node_id]
            if triggers and node.__class__ in (Beat, Decision):
                target = engine.trigger_target(triggers, values, ctx)
                if target is not None:
                    node_id = target
                    continue
            if trail is not None:
                trail.append(node_id)
            if visit_slot:
                slot = visit_slot.get(node_id)
                if slot is not None:
                    hist[slot] += 1
            if node.__class__ is Branch:
                node_id = engine.branch_target(node, ctx)
                continue
            checks = self.texts.get(node_id)
            if checks:
                for text, where in checks:
                    engine._interp(scenario, text, values, where)
            if node.__class__ is Beat:
                effects = self.effects[id(node)]
                if effects:
                    engine.apply_effects(effects, values, scenario.variables, ctx, node.where)
                node_id = node.next
                chained = 0
                continue
            keep = self.keep[node_id]
            vals = [values[n] if k else None for n, k in zip(self.var_names, keep)]
            if hist:
                vals += [h if k else 0 for h, k in zip(hist, keep[len(self.var_names):])]
            return node_id, tuple(vals)
        raise engine._runtime_problem(nodes[node_id].where, "branches lead round in a circle "
                                     "without stopping at a beat or decision",
                                     "check the branches' conditions")

    def choice_texts(self, state: State, choices) -> None:
        """Fill in the offered choices' texts (raises AuthoringError if one cannot be)."""
        if self.texts:
            values, _ = self.unpack(state)
            for c in choices:
                if "{" in c.text:
                    engine._interp(self.scenario, c.text, values, c.where)


def _observed(scenario: Scenario, rules: bool, texts: dict, nullable: set) -> set[str]:
    """The variables whose value can change what happens: those read by a condition, a rule,
    a text that may fail to fill in, or an effect on such a variable (to a fixed point)."""
    seen: set[str] = set()
    effects = []
    for node in scenario.nodes.values():
        for c in getattr(node, "choices", ()):
            if c.condition:
                seen |= set(c.condition.names)
            effects += c.effects + c.advance
        seen |= {n for r in getattr(node, "routes", ()) if r.condition for n in r.condition.names}
        effects += getattr(node, "effects", ())
    seen |= {n for t in scenario.triggers for n in t.condition.names}
    if rules:
        seen |= {n for r in scenario.rules for n in r.condition.names}
    seen |= {n for checks in texts.values() for t, _ in checks for n, _ in names_in(t)
             if n in nullable}
    grew = True
    while grew:
        grew = False
        for e in effects:
            if e.target in seen and not seen.issuperset(e.value.names):
                seen |= set(e.value.names)
                grew = True
    return seen


def _texts(node):
    """(text, where) for each text of a node that is filled in when it is played."""
    if isinstance(node, Beat):
        return [(node.text, node.where)] + ([(node.note, node.where)] if node.note else [])
    if isinstance(node, Decision):
        return [(node.prompt, node.where)]
    if isinstance(node, Ending):
        return [(node.text, node.where)]
    return []


def _liveness(nodes, reads: dict[str, int]) -> dict[str, int]:
    """For each node, the slots (a bit mask) that it or anything after it may read."""
    succ = {nid: [t for t in _targets(n) if t in nodes] for nid, n in nodes.items()}
    pred: dict[str, list] = {nid: [] for nid in nodes}
    for nid, ts in succ.items():
        for t in ts:
            pred[t].append(nid)
    live = dict(reads)
    work = deque(nodes)
    queued = set(nodes)
    while work:
        nid = work.popleft()
        queued.discard(nid)
        mask = reads[nid]
        for t in succ[nid]:
            mask |= live[t]
        if mask != live[nid] or nid not in live:
            live[nid] = mask
            for p in pred[nid]:
                if p not in queued:
                    queued.add(p)
                    work.append(p)
    return live


def _targets(node):
    from .graph import node_targets
    return node_targets(node)


def walk(lean: Lean, max_states: int, on_failure=None):
    """Breadth first over every distinct lean state, up to `max_states`.

    Returns (parents, endings, complete): `parents` maps each state found to (the state before
    it, the choice number that led to it), so a route can be rebuilt for any state without
    keeping one per state; `endings` lists the ending states. `on_failure(exc, state,
    number)` is called for each runtime problem (number None: at the decision itself)."""
    try:
        first = lean.start()
    except AuthoringError as exc:
        if on_failure:
            on_failure(exc, None, None)
        return {}, [], True
    parents: dict[State, tuple] = {first: (None, 0)}
    ends: list[State] = []
    queue = deque([first])
    nodes = lean.nodes
    while queue:
        state = queue.popleft()
        if nodes[state[0]].__class__ is Ending:
            ends.append(state)
            continue
        try:
            options = lean.offered(state)
            lean.choice_texts(state, options)
        except AuthoringError as exc:
            if on_failure:
                on_failure(exc, state, None)
            continue
        for number, choice in enumerate(options, 1):
            try:
                nxt = lean.take(state, choice)
            except AuthoringError as exc:
                if on_failure:
                    on_failure(exc, state, number)
                continue
            if nxt in parents:
                continue
            if len(parents) >= max_states:
                return parents, ends, False
            parents[nxt] = (state, number)
            queue.append(nxt)
    return parents, ends, True


def route_to(parents: dict, state) -> tuple[int, ...]:
    """The choice numbers that lead from the start to `state` (found by `walk`)."""
    numbers = []
    while state is not None:
        state, number = parents[state]
        if state is not None:
            numbers.append(number)
    return tuple(reversed(numbers))


def state_graph(lean: Lean, max_states: int):
    """Every lean state with its moves, for questions about whole routes (the best score
    through a choice, whether a safe ending can still be reached).

    Returns (first, moves, complete): `moves[state]` lists (number, choice, next state) for a
    decision and is empty for an ending; states whose decision fails at run time are left out
    (the rules check reports them)."""
    first = lean.start()
    moves: dict[State, list] = {}
    stack = [first]
    nodes = lean.nodes
    while stack:
        state = stack.pop()
        if state in moves:
            continue
        if len(moves) >= max_states:
            return first, moves, False
        out = moves[state] = []
        if nodes[state[0]].__class__ is Ending:
            continue
        try:
            options = lean.offered(state)
        except AuthoringError:
            continue
        for number, choice in enumerate(options, 1):
            try:
                nxt = lean.take(state, choice)
            except AuthoringError:
                continue
            out.append((number, choice, nxt))
            if nxt not in moves:
                stack.append(nxt)
    return first, moves, True


def observed_variables(scenario: Scenario) -> set[str]:
    """The variables that can change what happens (a condition, a rule or a trigger reads
    them, or an effect on one that does): a declared variable outside this set is dead."""
    return _observed(scenario, True, {}, set())
