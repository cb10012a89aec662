"""Load a scenario file, check everything about it, and build the `Scenario` model.

Pipeline: bytes -> text (decode) -> values with positions (yamlsafe) -> structural check
(schema) -> includes spliced in -> model built, with references, expressions and practice
points checked -> graph checks (reachability, dead ends, endless loops). All problems are
collected in one pass; any error raises `AuthoringError` with every problem found.

The only I/O is reading the scenario and the fragments it includes. Loading the same bytes
again returns the cached model (keyed by a content hash), so reloads cost a hash.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from . import schema
from .errors import ERROR, WARNING, AuthoringError, Problem, did_you_mean, sort_problems
from .expressions import (BOOL, INT, STR, TYPE_WORDS, ExprError, parse_condition,
                          parse_effect)
from .model import (Beat, Branch, Briefing, Character, Choice, Decision, Ending, Route, Rule,
                    RuleKind, Scenario, Trigger, Variable)
from .practice_points import REGISTRY
from .text import names_in
from .source import content_hash, is_fragment_file, read_source  # noqa: F401 (re-exported)
from .yamlsafe import YMap, YSeq, decode, parse

BUILTINS = (
    Variable(name="child_seen", type=BOOL, initial=False, about="the child has been seen",
             builtin=True),
    Variable(name="day", type=INT, initial=1, min=1, about="day of the case", builtin=True),
    Variable(name="working_days", type=INT, initial=0, min=0, about="working days elapsed",
             builtin=True),
    Variable(name="visits_defaulted", type=INT, initial=0, min=0,
             about="visits the family did not keep", builtin=True),
)
_PY_TYPES = {bool: BOOL, int: INT, str: STR}
_QUOTED_WORDS = {"yes", "no", "true", "false", "on", "off"}
MAX_INCLUDE_DEPTH = 8
MAX_INCLUDES = 200  # in total: fragments that each include the next ten times stay bounded


def load_path(path: str) -> Scenario:
    """The checked scenario at `path`; raises AuthoringError listing every error found."""
    scenario, problems = check_path(path)
    if scenario is None:
        raise AuthoringError(problems)
    return scenario


def load_text(text: str | bytes, filename: str = "<scenario>", base_dir: str = ".") -> Scenario:
    """Like load_path, for text already in memory; includes resolve against `base_dir`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    scenario, problems = check_bytes(data, filename, base_dir)
    if scenario is None:
        raise AuthoringError(problems)
    return scenario


def check_path(path: str) -> tuple[Scenario | None, list[Problem]]:
    """(scenario or None, problems): None when there is at least one error."""
    data, problem = read_source(path)
    if problem:
        return None, [problem]
    return check_bytes(data, path, os.path.dirname(path) or ".")


# (file name, content hash) -> (scenario or None, problems, included files with mtime and size)
_CACHE: dict[tuple[str, str], tuple[Scenario | None, list[Problem], tuple]] = {}
_CACHE_SIZE = 16


def check_bytes(data: bytes, filename: str, base_dir: str) -> tuple[Scenario | None, list[Problem]]:
    """Check scenario bytes; cached by content hash, and reused only while the files it
    includes are unchanged."""
    scenario, problems, _ = check_bytes_with_includes(data, filename, base_dir)
    return scenario, problems


def check_bytes_with_includes(data: bytes, filename: str, base_dir: str):
    """`check_bytes`, also giving the paths of the files it included (so a caller that keeps
    results between runs knows what else to watch)."""
    digest = content_hash(data)
    key = (filename, digest)
    hit = _CACHE.get(key)
    if hit is None or not _unchanged(hit[2]):
        hit = _check(data, filename, base_dir, digest)
        _CACHE.pop(key, None)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit[0], hit[1], tuple(path for path, _, _ in hit[2])


def _unchanged(included: tuple) -> bool:
    for path, mtime, size in included:
        try:
            st = os.stat(path)
        except OSError:
            return False
        if (st.st_mtime, st.st_size) != (mtime, size):
            return False
    return True


def _check(data: bytes, filename: str, base_dir: str, digest: str):
    """(scenario or None, problems, the included files as (path, mtime, size))."""
    text, bad = decode(data)
    if bad:
        return None, [Problem(ERROR, filename, *bad)], ()
    raw, problems = parse(text, filename)
    if problems:
        return None, problems, ()
    if not isinstance(raw, YMap):  # a document that is only a value, a list, or nothing
        return None, [Problem(ERROR, filename, *getattr(raw, "pos", (1, 1)),
                              "this is not a scenario: it should be a set of 'name: value' lines",
                              "a scenario starts with 'doorstep: 1' (see docs/authoring.md)")], ()
    problems = schema.check(raw, filename)
    if "fragment" in raw and not problems:
        return None, [Problem(ERROR, filename, 1, 1,
                              "this is a fragment: it is meant to be included by scenarios",
                              "check it with 'main.py validate', or include it from a scenario")], ()
    if any(p.is_error for p in problems):
        # Still look for mistakes of meaning (names, targets, conditions) in the parts whose
        # shape is right, so the trainer sees every problem in one pass.
        b = _Builder(filename, base_dir, tolerant=True)
        try:
            b.build(raw, digest)
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            b.problems = []
        seen = {(p.line, p.col) for p in problems}
        extra = [p for p in b.problems if (p.line, p.col) not in seen]
        return None, sort_problems(problems + extra), tuple(b.included)
    b = _Builder(filename, base_dir)
    scenario = b.build(raw, digest)
    problems = sort_problems(problems + b.problems)
    if any(p.is_error for p in problems):
        return None, problems, tuple(b.included)
    return scenario, problems, tuple(b.included)


def check_fragment_path(path: str) -> list[Problem]:
    """Problems in a fragment file checked on its own (structure, includes, names)."""
    data, problem = read_source(path)
    if problem:
        return [problem]
    text, bad = decode(data)
    if bad:
        return [Problem(ERROR, path, *bad)]
    raw, problems = parse(text, path)
    if problems:
        return problems
    return sort_problems(schema.check(raw, path))


@dataclass
class _Item:
    """A node as written, before it is built: its id, the YAML it came from, where it is."""

    id: str
    raw: object
    file: str
    pos: tuple[int, int]
    next: str | None
    auto: bool


@dataclass
class _Builder:
    filename: str
    base_dir: str
    tolerant: bool = False  # skip pieces whose shape is wrong (structure errors reported already)
    problems: list[Problem] = field(default_factory=list)
    included: list[tuple[str, float, int]] = field(default_factory=list)
    include_count: int = 0
    declared: dict = field(default_factory=dict)  # variable name -> where it is declared
    # text variables whose starting value is a quoted yes/no: name -> (file, pos, value, uses)
    suspect: dict = field(default_factory=dict)
    _variable_maps: list = field(default_factory=list)

    # -- reporting -----------------------------------------------------------------------------
    def error(self, file, pos, message, hint=""):
        self.problems.append(Problem(ERROR, file, pos[0], pos[1], message, hint))

    def warn(self, file, pos, message, hint=""):
        self.problems.append(Problem(WARNING, file, pos[0], pos[1], message, hint))

    # -- top level -----------------------------------------------------------------------------
    def build(self, raw: YMap, digest: str) -> Scenario:
        f = self.filename
        self.characters: dict[str, Character] = {}
        self.variables: dict[str, Variable] = {v.name: v for v in BUILTINS}
        self.items: dict[str, _Item] = {}
        self.order: list[str] = []
        self.choice_ids: dict[str, tuple[str, tuple]] = {}
        self._then_first: dict[tuple, str | None] = {}
        self.first_day = WEEKDAYS.index(raw.get("first_day", "monday"))
        self._collect_decls(raw, f)
        self._set_types()
        first = self._block(raw.get("nodes", YSeq()), f, None, [self.filename], 0)
        start = raw.get("start") or first
        if start is None:
            self.error(f, raw.pos, "the story has no nodes", "add at least one beat and an ending")
        elif start not in self.items:
            self.error(f, raw.val_pos["start"], f"'start' names '{start}', which is not a node",
                       did_you_mean(start, self.items))
        nodes = {}
        for nid in self.order:
            try:
                node = self._node(self.items[nid])
            except (KeyError, TypeError, AttributeError, ValueError, IndexError):
                if not self.tolerant:
                    raise
                continue
            if node is not None:
                nodes[nid] = node
        if self.tolerant:
            self._check_targets_tolerant(nodes)
            rules = self._tolerant(lambda: tuple(self._rule(r, f, p)
                                                 for r, p in _items(raw.get("rules"))))
        else:
            self._check_targets(nodes)
            rules = tuple(self._rule(r, f, p) for r, p in _items(raw.get("rules")))
        triggers = self._tolerant(lambda: tuple(
            t for t in (self._trigger(r, f, p) for r, p in _items(raw.get("triggers")))
            if t is not None))
        self._report_suspects()
        if start in self.items:
            self._graph_checks(nodes, start, triggers)
        if self.tolerant:
            return None
        scenario = Scenario(
            id=raw["id"], title=raw["title"], summary=raw["summary"],
            patterns=tuple(raw["patterns"]), audience=tuple(raw.get("audience", ("any",))),
            minutes=raw.get("minutes", 15), version=str(raw.get("version", "1")),
            author=raw.get("author", ""), pass_mark=raw.get("pass_mark", 70),
            content_note=raw.get("content_note", ""),
            briefing=_briefing(raw.get("briefing")),
            characters=MappingProxyType(self.characters),
            variables=MappingProxyType(self.variables),
            nodes=MappingProxyType(nodes), start=start or "",
            rules=tuple(r for r in rules if r is not None), path=f, source_hash=digest,
            choices=MappingProxyType({c.key: c for n in nodes.values() if isinstance(n, Decision)
                                      for c in n.choices}),
            triggers=triggers)
        stem = os.path.splitext(os.path.basename(f))[0]
        if raw["id"] != stem and f != "<scenario>" and not f.startswith("<"):
            self.warn(f, raw.val_pos["id"], f"the id '{raw['id']}' differs from the file name "
                      f"'{stem}'", "name the file after the id so trainers can find it")
        return scenario

    def _tolerant(self, fn, default=()):
        try:
            return fn()
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            if not self.tolerant:
                raise
            return default

    def _graph_checks(self, nodes, start, triggers=()):
        """Unreachable nodes and endless loops, on whatever could be built. A node that could
        not be built, or whose 'goto' names no node, is taken to lead wherever its text names
        and to reach an ending: the trainer has been told about it once already."""
        from .graph import graph_problems, node_targets
        unsure: dict[str, set] = {}
        for nid in self.order:
            if nid not in nodes:
                item = self.items[nid]
                unsure[nid] = set(_gotos(item.raw)) | ({item.next} if item.next else set())
        for nid, node in nodes.items():
            targets = node_targets(node)
            if any(t not in self.items for t in targets):
                unsure[nid] = {t for t in targets if t in self.items}
        self.problems.extend(graph_problems(nodes, start, unsure,
                                            also_from=tuple(t.target for t in triggers)))

    def _set_types(self):
        self.types = {name: v.type for name, v in self.variables.items()}
        self.types_key = tuple(sorted(self.types.items()))

    def _collect_decls(self, raw: YMap, file: str):
        if isinstance(raw.get("variables"), YMap):
            self._variable_maps.append(raw["variables"])
        for cid, (c, pos) in _mapping(raw.get("characters")).items():
            if cid in self.characters:
                self.error(file, pos, f"character '{cid}' is defined twice",
                           f"first defined in {self.characters[cid].where[0]}")
                continue
            self.characters[cid] = Character(
                id=cid, name=c["name"], role=c["role"], age=c.get("age"),
                mood=c.get("mood", "calm"), appearance=MappingProxyType(dict(c.get("appearance", {}))),
                where=(file, *pos))
        for name, (v, pos) in _mapping(raw.get("variables")).items():
            known = self.variables.get(name)
            if known is not None and not known.builtin or name in self.declared:
                self.error(file, pos, f"variable '{name}' is declared twice",
                           f"first declared at line {self.declared.get(name, pos)[0]}")
                continue
            self.declared[name] = pos
            var = self._builtin(known, v, file, pos) if known is not None else \
                self._variable(name, v, file, pos)
            if var:
                self.variables[name] = var
            if name in self.characters:
                self.warn(file, pos, f"'{name}' is both a character and a variable",
                          "{" + name + "} in text will show the variable; rename one of them")

    def _builtin(self, known: Variable, v, file, pos) -> Variable:
        """A built-in variable given its starting value, e.g. `visits_defaulted: 3`."""
        if isinstance(v, dict):
            if v.get("type", known.type) != known.type or "min" in v or "max" in v:
                self.error(file, pos, f"'{known.name}' is built in: a {known.type} from "
                           f"{known.min if known.min is not None else 'any value'}",
                           f"only its starting value can be set, e.g. {known.name}: "
                           f"{_yaml_value(known.initial)}")
                return known
            initial, vpos = v.get("initial", known.initial), v.val_pos.get("initial", pos)
        else:
            initial, vpos = v, self._value_pos(file, pos)
        if _PY_TYPES.get(type(initial)) != known.type or \
                (known.min is not None and initial < known.min):
            self.error(file, vpos, f"'{known.name}' is built in and holds "
                       f"{TYPE_WORDS[known.type]}"
                       + (f" from {known.min}" if known.min is not None else "")
                       + f", so it cannot start as {initial!r}",
                       f"write e.g. {known.name}: {_yaml_value(known.initial)}, or delete this "
                       f"line: it is built in, starting at {_yaml_value(known.initial)}")
            return known
        return Variable(name=known.name, type=known.type, initial=initial, min=known.min,
                        max=known.max, about=known.about, builtin=True)

    def _value_pos(self, file, key_pos):
        for m in self._variable_maps:
            for k, p in m.key_pos.items():
                if p == key_pos:
                    return m.val_pos[k]
        return key_pos

    def _variable(self, name, v, file, pos) -> Variable | None:
        """The declared variable. A mistake in its starting value or bounds is reported here,
        and the variable is still declared with its type, so its uses are not reported again."""
        if not isinstance(v, dict):
            if isinstance(v, str) and v.lower() in _QUOTED_WORDS:
                self.suspect[name] = (file, self._value_pos(file, pos), v, [])
            return Variable(name=name, type=_PY_TYPES[type(v)], initial=v)
        vtype = v["type"]
        default = {BOOL: False, INT: 0, STR: None}[vtype]
        initial = v.get("initial", default)
        lo, hi = v.get("min"), v.get("max")
        if initial is not None and _PY_TYPES.get(type(initial)) != vtype:
            hint = "make the starting value match the type"
            if vtype == BOOL and isinstance(initial, str) and initial.lower() in _QUOTED_WORDS:
                hint = f"remove the quotes: initial: {initial}"
            self.error(file, v.val_pos.get("initial", pos),
                       f"'{name}' is declared {vtype} but starts as {initial!r}", hint)
            initial = default
        if (lo is not None or hi is not None) and vtype != INT:
            self.error(file, pos, f"'min' and 'max' only apply to int variables, not {vtype}")
            lo = hi = None
        if lo is not None and hi is not None and lo > hi:
            self.error(file, v.val_pos["min"], f"'min' ({lo}) is above 'max' ({hi})")
            lo = hi = None
        if initial is not None and vtype == INT and ((lo is not None and initial < lo) or
                                                     (hi is not None and initial > hi)):
            self.error(file, v.val_pos.get("initial", pos),
                       f"'{name}' starts at {initial}, outside its min/max")
        return Variable(name=name, type=vtype, initial=initial, min=lo, max=hi,
                        about=v.get("about", ""))

    # -- nodes: first pass gives every node its id and successor ------------------------------
    def _block(self, seq, file, continuation, stack, depth) -> str | None:
        """Register the nodes of a list; return the id of its first node (or `continuation`)."""
        entries: list[tuple[object, tuple[int, int], str]] = []
        for raw, pos in _items(seq):
            if isinstance(raw, dict) and "include" in raw:
                entries.extend(self._include(raw, file, pos, stack, depth))
            else:
                entries.append((raw, pos, file))
        ids: list[str] = []
        taken: set[str] = set()
        for raw, pos, f in entries:
            nid = self._id_for(raw, pos, f)
            if not (isinstance(raw, dict) and "id" in raw) and (nid in self.items or nid in taken):
                nid += f"c{pos[1]}"  # two unnamed nodes on one line (flow style)
            ids.append(nid)
            taken.add(nid)
        for i, (raw, pos, f) in enumerate(entries):
            nid = ids[i]
            nxt = ids[i + 1] if i + 1 < len(ids) else continuation
            if nid in self.items:
                other = self.items[nid]
                self.error(f, pos, f"the id '{nid}' is used twice",
                           f"first used at {other.file}:{other.pos[0]}; ids must be unique")
                continue
            auto = not (isinstance(raw, dict) and "id" in raw)
            self.items[nid] = _Item(nid, raw, f, pos, nxt, auto)
            self.order.append(nid)
            if isinstance(raw, dict) and "choices" in raw:
                for choice, cpos in _items(raw["choices"]):
                    if "then" in choice:
                        target = choice.get("goto") or nxt
                        choice_first = self._block(choice["then"], f, target, stack, depth)
                        self._then_first[(nid, cpos)] = choice_first
        return ids[0] if ids else continuation

    def _id_for(self, raw, pos, file) -> str:
        if isinstance(raw, dict) and "id" in raw:
            return raw["id"]
        prefix = "" if file == self.filename else os.path.splitext(os.path.basename(file))[0] + ":"
        return f"{prefix}L{pos[0]}"

    def _include(self, raw, file, pos, stack, depth):
        rel = raw["include"]
        path = os.path.normpath(os.path.join(os.path.dirname(file) if file != self.filename
                                             else self.base_dir, rel))
        vpos = raw.val_pos["include"]
        # Scenarios come from other agencies: an include may only read files inside the
        # scenario's own folder, and nothing read from a refused file is ever shown.
        root = os.path.realpath(self.base_dir)
        real = os.path.realpath(path)
        if os.path.isabs(rel) or rel.startswith(("~", "\\", "/")) or not _inside(root, real):
            self.error(file, vpos, f"cannot include '{rel}': it is outside the scenario's folder",
                       "keep fragments in the scenario's folder (or a folder inside it) and "
                       "name them by a relative path such as fragments/visit.yaml")
            return []
        self.include_count += 1
        if self.include_count > MAX_INCLUDES:
            if self.include_count == MAX_INCLUDES + 1:
                self.error(file, vpos, f"more than {MAX_INCLUDES} includes in total",
                           "include each fragment once; fragments that include others many "
                           "times multiply")
            return []
        if path in stack:
            self.error(file, vpos, f"'{rel}' includes itself (through {' -> '.join(stack)})",
                       "remove the circular include")
            return []
        if depth >= MAX_INCLUDE_DEPTH:
            self.error(file, vpos, "includes are nested too deeply", "include fragments directly")
            return []
        data, problem = read_source(path)
        if problem:
            self.error(file, vpos, f"cannot include '{rel}': {problem.message}",
                       "the path is relative to the file that includes it")
            return []
        try:
            st = os.stat(path)
            self.included.append((path, st.st_mtime, st.st_size))
        except OSError:
            pass
        text, bad = decode(data)
        if bad:
            self.problems.append(Problem(ERROR, path, *bad))
            return []
        frag, problems = parse(text, path)
        if problems:
            self.problems.extend(problems)
            return []
        if not isinstance(frag, YMap):
            self.error(file, vpos, f"'{rel}' is not a fragment (it holds no 'name: value' lines)",
                       "a fragment starts with 'fragment: name'")
            return []
        problems = schema.check(frag, path)
        if not problems and "fragment" not in frag:
            problems = [Problem(ERROR, file, vpos[0], vpos[1],
                                f"'{rel}' is a scenario, not a fragment",
                                "a fragment starts with 'fragment: name'")]
        if problems:
            self.problems.extend(problems)
            return []
        self._collect_decls(frag, path)
        self._set_types()
        out = []
        for item, ipos in _items(frag["nodes"]):
            if isinstance(item, dict) and "include" in item:
                out.extend(self._include(item, path, ipos, stack + [path], depth + 1))
            else:
                out.append((item, ipos, path))
        return out

    # -- second pass: build each node -----------------------------------------------------------
    def _node(self, item: _Item):
        raw, f, pos, nid = item.raw, item.file, item.pos, item.id
        where = (f, *pos)
        if isinstance(raw, str):
            self._interpolation(raw, f, pos)
            if item.next is None:
                self._dead_end(f, pos)
            return Beat(id=nid, speaker=None, mood=None, location=None, text=raw, effects=(),
                        note="", next=item.next or "", where=where)
        if "ending" in raw:
            for key in ("text", "epilogue", "title"):
                self._interpolation(raw[key], f, raw.val_pos[key])
            return Ending(id=nid, ending=raw["ending"], title=raw["title"], text=raw["text"],
                          epilogue=raw["epilogue"], where=where)
        if "branch" in raw:
            routes = []
            written_if = []  # an arm's 'if' with a mistake still counts as an 'if' here
            for arm, apos in _items(raw["branch"]):
                cond = self._condition(arm, f) if "if" in arm else None
                routes.append(Route(condition=cond, target=arm["goto"],
                                    where=(f, *arm.val_pos["goto"])))
                written_if.append("if" in arm)
            if all(written_if):
                if item.next is None:
                    self.error(f, pos, "when no condition in this branch holds, the story has "
                               "nowhere to go", "add a last arm with only 'goto:'")
                else:
                    routes.append(Route(condition=None, target=item.next, where=where))
            for i, r in enumerate(routes[:len(written_if)][:-1]):
                if not written_if[i]:
                    self.warn(f, r.where[1:], "this arm has no 'if', so the arms after it are "
                              "never used", "put the arm without 'if' last")
                    break
            return Branch(id=nid, routes=tuple(routes), where=where)
        speaker = self._speaker(raw, f)
        if "choices" in raw:
            choices = []
            seen_text = {}
            for i, (c, cpos) in enumerate(_items(raw["choices"])):
                choices.append(self._choice(nid, i, c, cpos, f, item.next))
                if c["text"] in seen_text:
                    self.warn(f, cpos, f"choice {i + 1} has the same text as choice "
                              f"{seen_text[c['text']] + 1}")
                seen_text.setdefault(c["text"], i)
            if len(choices) == 1:
                self.warn(f, pos, "this decision has only one choice",
                          "a decision should offer a real alternative; use a beat if there is none")
            self._interpolation(raw["prompt"], f, raw.val_pos["prompt"])
            return Decision(id=nid, prompt=raw["prompt"], speaker=speaker, mood=raw.get("mood"),
                            location=raw.get("location"), choices=tuple(choices), where=where)
        self._interpolation(raw["text"], f, raw.val_pos["text"])
        nxt = raw.get("goto") or item.next
        if nxt is None:
            self._dead_end(f, pos)
        return Beat(id=nid, speaker=speaker, mood=raw.get("mood"), location=raw.get("location"),
                    text=raw["text"], effects=self._effects(raw, f), note=raw.get("note", ""),
                    next=nxt or "", where=where)

    def _dead_end(self, f, pos):
        self.error(f, pos, "the story stops here: this is the last node, but it is not an "
                   "ending", "add 'goto: some-id' or an ending after it")

    def _speaker(self, raw, f):
        speaker = raw.get("speaker")
        if speaker is not None and speaker not in self.characters:
            self.error(f, raw.val_pos["speaker"], f"unknown character '{speaker}'",
                       did_you_mean(speaker, self.characters) or
                       "add them under 'characters:'")
        if "mood" in raw and speaker is None:
            self.warn(f, raw.key_pos["mood"], "'mood' needs a 'speaker' to apply to")
        return speaker

    def _choice(self, nid, index, c, cpos, f, nxt) -> Choice:
        then_first = self._then_first.get((nid, cpos))
        target = then_first or c.get("goto") or nxt
        if target is None:
            self.error(f, cpos, f"choice {index + 1} leads nowhere: the decision is the last node "
                       "and the choice has no 'goto'", "add 'goto: some-id'")
        cid = c.get("id")
        if cid:
            if cid in self.choice_ids:
                self.error(f, c.val_pos["id"], f"the choice id '{cid}' is used twice",
                           f"first used at line {self.choice_ids[cid][1][0]}")
            self.choice_ids[cid] = (nid, c.val_pos["id"])
        points = tuple(c.get("points", ()))
        for i, pid in enumerate(points):
            if pid not in REGISTRY:
                self.error(f, c["points"].item_pos[i], f"unknown practice point '{pid}'",
                           did_you_mean(pid, REGISTRY) or
                           "list them with 'main.py points'")
        scores = dict(c.get("score", {}))
        if any(scores.values()):
            if not points:
                self.warn(f, c.key_pos["score"], "this choice is scored but names no practice "
                          "points", "add 'points: [ID, ...]' so feedback can cite the guidance")
            if not c.get("feedback"):
                self.warn(f, c.key_pos["score"], "this choice is scored but has no feedback",
                          "add 'feedback:' saying why it is a stronger or weaker choice")
        self._interpolation(c["text"], f, c.val_pos["text"])
        return Choice(decision=nid, index=index, id=cid, text=c["text"], target=target or "",
                      condition=self._condition(c, f) if "if" in c else None,
                      effects=self._effects(c, f, with_advance=False),
                      scores=MappingProxyType(scores), points=points,
                      feedback=c.get("feedback", ""), note=c.get("note", ""), where=(f, *cpos),
                      critical=c.get("critical", "").strip(), advance=self._advance(c))

    def _condition(self, raw: YMap, f, key="if"):
        text = raw[key]
        try:
            return _cached(_COND_CACHE, parse_condition, text, self.types, self.types_key)
        except ExprError as exc:
            line, col = raw.val_pos[key]
            if not self._blame_quotes(parse_condition, text, (f, line, col)):
                self.error(f, (line, col + exc.offset), f"in this condition: {exc.message}",
                           exc.hint)
            return None

    def _blame_quotes(self, parse_fn, text, where) -> bool:
        """True when `text` fails only because a variable declared as a quoted "no" (so, text)
        is used as true/false: the use is counted against the declaration, reported once."""
        if not self.suspect or not isinstance(text, str):
            return False
        names = [n for n in self.suspect if n in text]
        if not names:
            return False
        try:
            parse_fn(text, {**self.types, **{n: BOOL for n in names}})
        except ExprError:
            return False
        for n in names:
            self.suspect[n][3].append(where)
        return True

    def _report_suspects(self):
        for name, (file, pos, value, uses) in self.suspect.items():
            if uses:
                n = len(uses)
                self.error(file, pos, f"'{name}' holds text, because \"{value}\" is in quotes, "
                           f"but {n} condition{'s' * (n != 1)} or effect{'s' * (n != 1)} use it "
                           f"as true/false (first at line {uses[0][1]})",
                           f"remove the quotes: {name}: {value}")

    def _advance(self, raw: YMap) -> tuple:
        """The effects `advance:` stands for (none when it is absent or malformed: the
        schema has reported that)."""
        if not _ADVANCE.match(str(raw.get("advance", ""))):
            return ()
        return tuple(_cached(_EFFECT_CACHE, parse_effect, text, self.types, self.types_key)
                     for text in advance_effects(raw["advance"], self.first_day))

    def _effects(self, raw: YMap, f, with_advance: bool = True) -> tuple:
        out = list(self._advance(raw)) if with_advance else []  # a beat: time passes first
        if "effects" not in raw:
            return tuple(out)
        value = raw["effects"]
        entries = [(value, raw.val_pos["effects"])] if isinstance(value, str) else \
            list(_items(value))
        for text, (line, col) in entries:
            try:
                out.append(_cached(_EFFECT_CACHE, parse_effect, text, self.types, self.types_key))
            except ExprError as exc:
                if not self._blame_quotes(parse_effect, text, (f, line, col)):
                    self.error(f, (line, col + exc.offset), f"in this effect: {exc.message}",
                               exc.hint)
        return tuple(out)

    def _interpolation(self, text: str, f, pos):
        for name, offset in names_in(text):
            if name not in self.variables and name not in self.characters:
                self.error(f, (pos[0], pos[1] + offset),
                           f"'{{{name}}}' names no variable or character",
                           did_you_mean(name, list(self.variables) + list(self.characters)) or
                           "write {{ and }} for literal braces")

    def _check_targets(self, nodes):
        known = self.items
        for node in nodes.values():
            targets = []
            if isinstance(node, Beat) and node.next:
                item = self.items[node.id]
                if isinstance(item.raw, dict) and "goto" in item.raw:
                    targets.append((node.next, item.raw.val_pos["goto"], node.where[0]))
            elif isinstance(node, Decision):
                raw_choices = self.items[node.id].raw["choices"]
                for c in node.choices:
                    raw = raw_choices[c.index]
                    pos = raw.val_pos["goto"] if "goto" in raw else c.where[1:]
                    targets.append((c.target, pos, c.where[0]))
            elif isinstance(node, Branch):
                for r in node.routes:
                    targets.append((r.target, r.where[1:], r.where[0]))
            for target, pos, f in targets:
                if target and target not in known:
                    self.error(f, pos, f"'goto' names '{target}', which is not a node",
                               did_you_mean(target, [k for k in known if not
                                                     self.items[k].auto]) or
                               "give the node you mean an 'id:'")
        for node in nodes.values():
            exprs = []
            if isinstance(node, Decision):
                for c in node.choices:
                    if c.condition:
                        exprs.append((c.condition, c.where))
                    exprs.extend((e.value, c.where) for e in c.effects)
            elif isinstance(node, Branch):
                exprs.extend((r.condition, r.where) for r in node.routes if r.condition)
            elif isinstance(node, Beat):
                exprs.extend((e.value, node.where) for e in node.effects)
            for expr, where in exprs:
                self._check_refs(expr, where)

    def _check_targets_tolerant(self, nodes):
        try:
            self._check_targets(nodes)
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            pass

    def _check_refs(self, expr, where):
        for ref in expr.refs:
            pool = self.items if ref.kind == "node" else self.choice_ids
            if ref.id not in pool:
                what = "node" if ref.kind == "node" else "choice id"
                self.error(where[0], where[1:], f"'{ref.id}' is not a {what} in this scenario",
                           did_you_mean(ref.id, pool) or
                           ("give the node an 'id:'" if ref.kind == "node" else
                            "give the choice an 'id:'"))

    def _trigger(self, raw, f, pos) -> Trigger | None:
        cond = self._condition(raw, f, key="when")
        target = raw["goto"]
        if target not in self.items:
            self.error(f, raw.val_pos["goto"], f"'goto' names '{target}', which is not a node",
                       did_you_mean(target, [k for k in self.items if not self.items[k].auto])
                       or "give the node you mean an 'id:'")
            return None
        if cond is None:
            return None
        self._check_refs(cond, (f, *raw.val_pos["when"]))
        return Trigger(id=raw["id"], about=raw.get("about", ""), condition=cond, target=target,
                       where=(f, *pos))

    def _rule(self, raw, f, pos) -> Rule | None:
        kind = RuleKind.REQUIRE if "require" in raw else RuleKind.POSSIBLE
        cond = self._condition(raw, f, key=kind.value)
        if cond is None:
            return None
        self._check_refs(cond, (f, *raw.val_pos[kind.value]))
        return Rule(id=raw["id"], about=raw.get("about", ""), kind=kind, condition=cond,
                    at_endings=tuple(raw.get("at_endings", ())), where=(f, *pos))


_COND_CACHE: dict = {}
_EFFECT_CACHE: dict = {}


def _cached(cache: dict, parse_fn, text, types: dict, types_key: tuple):
    # Scenarios repeat the same conditions and effects often ('trust += 1'): parse each text
    # once per set of variable types. Parsed expressions are immutable, so sharing is safe.
    key = (text, types_key)
    hit = cache.get(key)
    if hit is None:
        if len(cache) > 50_000:
            cache.clear()
        hit = cache[key] = parse_fn(text, types)
    return hit


_ADVANCE = re.compile(r"[1-9][0-9]{0,3} (working )?days?$")  # as the schema's 'advance'
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def advance_effects(text: str, first_day: int = 0) -> tuple[str, ...]:
    """The effects that `advance: N working days` or `advance: N days` stand for, written in
    the expression language so the engine needs nothing new: `day` moves on by calendar days
    (over weekends for working days) and `working_days` by the working days passed. Day 1 is
    the weekday `first_day` (0: Monday)."""
    count, *words = text.split()
    n = int(count)
    k = f"((day + {first_day + 6}) % 7)"  # today's weekday, 0 = Monday .. 6 = Sunday
    if words[0] == "working":
        weekend = f"({k} / 5)"  # 1 on Saturday or Sunday, else 0
        # from a weekday: n days plus two for each weekend crossed; from a weekend: to
        # Monday (the first working day), then n - 1 more
        on_weekday = f"({n} + 2 * (({k} + {n}) / 5))"
        on_weekend = f"((7 - {k}) + {n - 1 + 2 * ((n - 1) // 5)})"
        return (f"day += {weekend} * {on_weekend} + (1 - {weekend}) * {on_weekday}",
                f"working_days += {n}")
    # calendar days: count the weekdays among the n days passed
    passed = " + ".join(f"(1 - (({k} + {i}) % 7) / 5)" for i in range(1, n % 7 + 1)) or "0"
    return (f"working_days += {5 * (n // 7)} + {passed}", f"day += {n}")


def _gotos(raw):
    """Every 'goto' value written anywhere inside a node as written."""
    stack = [raw]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if isinstance(x.get("goto"), str):
                yield x["goto"]
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)


def _yaml_value(value) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def _inside(root: str, path: str) -> bool:
    """True when `path` (resolved, symlinks followed) is `root` or below it."""
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:  # different drives on Windows
        return False


def _items(seq):
    if not seq:
        return
    positions = getattr(seq, "item_pos", None) or [(1, 1)] * len(seq)
    yield from zip(seq, positions)


def _mapping(m) -> dict:
    if not m:
        return {}
    return {k: (v, m.key_pos.get(k, m.pos)) for k, v in m.items()}


def _briefing(raw) -> Briefing:
    if not raw:
        return Briefing()
    return Briefing(referral=raw.get("referral", ""), known=tuple(raw.get("known", ())),
                    risk_assessment=tuple(raw.get("risk_assessment", ())))
