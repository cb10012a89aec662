"""The scenario format's one source of truth, `scenario.schema.json`, and checks against it.

The same file gives editors completion (yaml-language-server) and gives the loader its
structural checks. Valid files take a fast path (fastjsonschema compiles the schema to Python
once); only a file with mistakes is walked by jsonschema, which lists every mistake, and each is
turned into a plain-English `Problem` at the line and column of the offending text.
"""
from __future__ import annotations

import difflib
import json
from importlib import resources

from .errors import ERROR, Problem, did_you_mean
from .yamlsafe import YMap, YSeq

SCHEMA: dict = json.loads(resources.files(__package__).joinpath("scenario.schema.json")
                          .read_text(encoding="utf-8"))
_DEFS = SCHEMA["definitions"]


def enum(name: str) -> tuple[str, ...]:
    """The allowed values of the schema definition `name` (e.g. 'mood')."""
    return tuple(_DEFS[name]["enum"])


_checkers: dict = {}


def _fast_check(data) -> bool:
    """True when `data` matches the schema. fastjsonschema compiles the schema to Python on
    first use (in this process), so commands that never check a scenario never pay for it."""
    fast = _checkers.get("fast")
    if fast is None:
        import fastjsonschema
        fast = _checkers["fast"] = (fastjsonschema.compile(SCHEMA),
                                    fastjsonschema.JsonSchemaException)
    try:
        fast[0](data)
        return True
    except fast[1]:
        return False


def _full_check():
    """The jsonschema validator that lists every mistake: loaded only for a file with one."""
    full = _checkers.get("full")
    if full is None:
        import jsonschema
        full = _checkers["full"] = jsonschema.Draft7Validator(SCHEMA)
    return full

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "object": "a set of 'name: value' lines",
               "array": "a list", "null": "empty"}


def _what(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of 'name: value' lines"
    if isinstance(value, list):
        return "a list"
    return "text"


def check(data, filename: str) -> list[Problem]:
    """Every structural mistake in `data` (from yamlsafe.parse) against the schema.

    A misspelt field name ('choises:' where 'choices' belongs) is reported once, then renamed
    in `data` so that what is written under it is checked too, and the missing field it stands
    for is not reported again."""
    if _fast_check(data):
        return []
    problems: dict[tuple, Problem] = {}
    for _ in range(_MAX_REPAIRS):
        errors = list(_full_check().iter_errors(data))
        repaired = False
        for err in errors:
            if err.validator == "additionalProperties" and isinstance(err.instance, YMap):
                for p in _rename_misspelt(err, data, filename):
                    problems.setdefault((p.line, p.col, p.message), p)
                    repaired = True
        if not repaired:
            break
    for err in errors:
        for p in _explain(err, data, filename):
            problems.setdefault((p.line, p.col, p.message), p)
    return list(problems.values())


_MAX_REPAIRS = 8


def _rename_misspelt(err, data, filename):
    """Rename each unknown key of err.instance that is a close misspelling of an allowed,
    absent one; yield the Problem naming the misspelling."""
    inst = err.instance
    allowed = list(err.schema.get("properties", {}))
    for name in list(inst):
        if name in allowed:
            continue
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.75)
        if not close or close[0] in inst:
            continue
        right = close[0]
        kpos, vpos = inst.key_pos.get(name, inst.pos), inst.val_pos.get(name, inst.pos)
        inst[right] = inst.pop(name)
        inst.key_pos[right], inst.val_pos[right] = kpos, vpos
        yield Problem(ERROR, filename, kpos[0], kpos[1],
                      f"unknown field '{name}' in {_describe(list(err.absolute_path), inst)}",
                      f"did you mean '{right}'?")


def _locate(data, path) -> tuple[object, tuple[int, int], object]:
    """(parent container, position of the value, last key) for a jsonschema path."""
    node, pos, parent, key = data, getattr(data, "pos", (1, 1)), None, None
    for key in path:
        parent = node
        if isinstance(node, YMap):
            pos = node.val_pos.get(key, pos)
        elif isinstance(node, YSeq) and isinstance(key, int) and key < len(node.item_pos):
            pos = node.item_pos[key]
        node = node[key]
    return parent, pos, key


def _label(path) -> str:
    names = [k for k in path if isinstance(k, str)]
    return f"'{names[-1]}'" if names else "this"


def _explain(err, data, filename):
    path = list(err.absolute_path)
    parent, pos, key = _locate(data, path)
    v, inst, schema = err.validator, err.instance, err.schema

    def at(position, message, hint=""):
        return Problem(ERROR, filename, position[0], position[1], message, hint)

    if v == "required":
        field = err.message.split("'")[1]
        yield at(pos, f"{_describe(path, inst)} needs '{field}'", _required_hint(field))
    elif v == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in inst:
            if name not in allowed:
                kpos = inst.key_pos.get(name, pos) if isinstance(inst, YMap) else pos
                hint = did_you_mean(name, allowed) or f"allowed here: {', '.join(allowed)}"
                yield at(kpos, f"unknown field '{name}' in {_describe(path, inst)}", hint)
    elif v == "propertyNames":
        kpos = parent_key_pos(data, path, inst, pos)
        sub = schema["propertyNames"]
        if "$ref" in sub:
            allowed = _DEFS[sub["$ref"].rsplit("/", 1)[-1]].get("enum")
            if allowed:
                yield at(kpos, f"'{inst}' is not one of the {_label(path)} allowed here",
                         did_you_mean(inst, allowed) or f"use one of: {', '.join(allowed)}")
                return
        yield at(kpos, f"'{inst}' is not a valid name here",
                 "names use lower-case letters, digits, hyphens and underscores, starting with "
                 "a letter or digit")
    elif v == "type":
        want = schema["type"]
        want = [want] if isinstance(want, str) else want
        words = " or ".join(_TYPE_WORDS[w] for w in want)
        hint = ""
        if "string" in want and isinstance(inst, (bool, int, float)) or inst is None:
            hint = "put it in quotes: YAML reads words like yes/no/on/off as true/false"
            if inst is None:
                hint = "write something after the ':' (or remove the line)"
        yield at(pos, f"{_label(path)} should be {words}, not {_what(inst)}", hint)
    elif v == "enum":
        allowed = [str(a) for a in schema["enum"]]
        yield at(pos, f"'{inst}' is not a known value for {_label(path)}",
                 did_you_mean(inst, allowed) or f"use one of: {', '.join(allowed)}")
    elif v == "const":
        yield at(pos, f"{_label(path)} must be {schema['const']}",
                 "this version of Doorstep reads format 1")
    elif v == "pattern":
        if schema["pattern"].startswith("^[A-Z]"):
            yield at(pos, f"'{inst}' is not a practice-point id",
                     "practice points look like CHILD-1 or ESC-10")
        elif schema["pattern"].startswith("^[1-9]"):
            yield at(pos, f"'{inst}' is not a time to advance",
                     "write a whole number of days, e.g. 3 working days, or 2 days")
        elif schema["pattern"].startswith("\\."):
            yield at(pos, f"'{inst}' is not a YAML file", "include a file ending in .yaml")
        else:
            yield at(pos, f"'{inst}' is not a valid id",
                     "ids use letters, digits, hyphens and underscores, with no spaces")
    elif v in ("minItems", "minLength"):
        yield at(pos, f"{_label(path)} is empty", "write something here, or remove the line")
    elif v in ("minimum", "maximum"):
        lo, hi = schema.get("minimum"), schema.get("maximum")
        yield at(pos, f"{_label(path)} is {inst}, outside {lo} to {hi}",
                 "scores are usually between -3 and 3" if lo == -10 else "")
    elif v == "oneOf" and isinstance(inst, YMap) and ("require" in inst or "possible" in inst):
        yield at(pos, "a rule has either 'require' or 'possible', not both")
    elif v == "oneOf" and isinstance(inst, YMap) and "id" in schema.get("properties", {}):
        yield at(pos, "a rule needs 'require' (must hold at every ending) or 'possible' "
                 "(must hold at the end of some route)")
    elif v == "oneOf" and path and path[0] == "variables":
        yield at(pos, f"variable {_label(path)} should be a starting value (true, 3, 'text') or "
                 "{type: ..., initial: ...}", "see 'Variables' in docs/authoring.md")
    elif v == "oneOf" and path and path[-1] == "effects":
        yield at(pos, "effects are one text like 'trust += 1' or a list of them")
    else:  # a shape we have no better words for
        yield at(pos, f"{_label(path)}: {err.message}")


def parent_key_pos(data, path, key, default):
    """Position of `key` inside the mapping at `path`, for errors about a key itself."""
    node = data
    for k in path:
        node = node[k]
    if isinstance(node, YMap):
        return node.key_pos.get(key, default)
    return default


def _describe(path, inst) -> str:
    if not path:
        return "the scenario" if not (isinstance(inst, dict) and "fragment" in inst) \
            else "the fragment"
    last = path[-1]
    if isinstance(last, int):
        container = path[-2] if len(path) > 1 else ""
        if container == "choices":
            return f"choice {last + 1}"
        if container in ("nodes", "then"):
            return f"this {_node_kind(inst)}"
        if container == "branch":
            return "this branch arm"
        if container == "rules":
            return "this rule"
        return f"item {last + 1}"
    if len(path) > 1 and path[-2] == "characters":
        return f"character '{last}'"
    if len(path) > 1 and path[-2] == "variables":
        return f"variable '{last}'"
    return f"'{last}'"


def _node_kind(inst) -> str:
    if isinstance(inst, dict):
        for key, word in (("choices", "decision"), ("prompt", "decision"), ("ending", "ending"),
                          ("branch", "branch"), ("include", "include")):
            if key in inst:
                return word
    return "beat"


def _required_hint(field: str) -> str:
    return {
        "epilogue": "every ending says what it meant for the child, in the child's words or "
                    "from their point of view",
        "doorstep": "the first line of a scenario is 'doorstep: 1'",
        "age": "children need an age in years",
        "id": "endings need an id, e.g. id: end-unseen",
        "text": "write what is said or shown",
    }.get(field, "")
