"""Read YAML text into plain Python values that remember where each value was written.

Why not `yaml.safe_load`: it forgets line numbers, silently keeps the last of two duplicate keys,
expands aliases (an "alias bomb" grows without bound), and PyYAML's C composer recurses in C, so
a deeply nested file crashes the interpreter. Here we walk libyaml's event stream (the C parser
where present, safe semantics only: no Python tags) and build the values iteratively, with limits
on size and depth, so any input gives either values or `Problem`s, never a crash or a hang.
"""
from __future__ import annotations

import re

import yaml

from .errors import ERROR, Problem
from .source import MAX_BYTES

try:  # the C parser is many times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_DEPTH = 64
MAX_DIGITS = 18  # well past any count, score or day; far below Python's 4,300-digit limit

_YAML_HINT = ("check the indentation, that each 'name:' has a space after the colon, and put "
              "text that contains ': ' or starts with a special character in quotes")


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand: (line, col)."""

    __slots__ = ("pos", "key_pos", "val_pos")


class YSeq(list):
    """A list that remembers where it and each item stand: (line, col)."""

    __slots__ = ("pos", "item_pos")


class YamlProblem(Exception):
    """Internal: stops the walk at the first structural problem."""

    def __init__(self, line: int, col: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


def decode(data: bytes) -> tuple[str | None, tuple[int, int, str, str] | None]:
    """UTF-8 text from bytes, or (None, (line, col, message, hint)) saying why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, (1, 1, "this file is saved as UTF-16, not UTF-8",
                      "in your editor choose 'Save with encoding' and pick UTF-8")
    if b"\x00" in data[:8192]:
        return None, (1, 1, "this does not look like a text file (it contains binary data)",
                      "scenarios are plain text files ending in .yaml")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, (line, col, f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text",
                      "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')")
    return text, None


_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)$")
_BOOL = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_NULL = {"", "~", "null"}
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null")}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# The first characters with which some YAML 1.1 implicit type (bool, int, float, null,
# timestamp, merge, value) can start: a plain scalar starting otherwise is text.
_SPECIAL_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)


# Control characters can only come from a double-quoted escape ("\e[31m", "\0"): the reader
# refuses them written raw. In a terminal they could recolour or rewrite the screen.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_problem(pos, value) -> YamlProblem:
    ch = _CONTROL.search(value).group(0)
    name = {"\x00": "NUL", "\x1b": "ESC (a terminal escape)"}.get(ch, f"U+{ord(ch):04X}")
    return YamlProblem(pos[0], pos[1], f"this text contains the control character {name}",
                       "remove the backslash escape; scenario text is plain words")


def _tag_problem(pos, tag) -> YamlProblem:
    return YamlProblem(pos[0], pos[1], f"YAML tags such as '{tag}' are not allowed in scenarios",
                       "remove the '!' tag; write the value as plain text")


def _scalar(ev) -> object:
    """The value of a scalar event under YAML 1.1 safe rules (as `yaml.safe_load` gives),
    except that dates stay text: a scenario never needs a datetime."""
    value = ev.value
    tag = ev.tag
    if ev.style or tag == _STR_TAG:  # quoted or block scalars are always text
        return value
    if tag not in (None, "!"):
        if tag not in _PLAIN_TAGS:
            raise _tag_problem((ev.start_mark.line + 1, ev.start_mark.column + 1), tag)
        resolved = tag
    else:
        if _INT.match(value):  # fast path: most numbers in a scenario are small integers
            if len(value) > MAX_DIGITS:
                raise YamlProblem(ev.start_mark.line + 1, ev.start_mark.column + 1,
                                  f"this number is too large ({len(value)} digits)",
                                  "scenario numbers stay below a billion; put it in quotes if "
                                  "you meant text")
            return int(value.replace("_", ""))
        if value and value[0] not in _SPECIAL_FIRST:  # most text: no implicit type starts so
            return value
        low = value.lower()
        if low in _BOOL:
            return _BOOL[low]
        if low in _NULL:
            return None
        resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if resolved == _STR_TAG or resolved.endswith((":timestamp", ":binary", ":set", ":omap",
                                                  ":pairs", ":merge", ":value", ":yaml")):
        return value
    if len(value) > MAX_DIGITS and resolved.endswith((":int", ":float")):
        raise YamlProblem(ev.start_mark.line + 1, ev.start_mark.column + 1,
                          f"this number is too long ({len(value)} characters)",
                          "put it in quotes if you meant text")
    node = yaml.ScalarNode(resolved, value, ev.start_mark, ev.end_mark)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        raise YamlProblem(ev.start_mark.line + 1, ev.start_mark.column + 1,
                          f"'{value}' cannot be read as {resolved.rsplit(':', 1)[-1]}",
                          "put it in quotes if you meant text") from None


def parse(text: str, filename: str, max_depth: int = MAX_DEPTH):
    """Values (YMap/YSeq/scalars) from YAML text, or (None, [Problem]) when it is not usable.

    Returns (data, problems). Exactly one document is expected; anchors and aliases are refused
    (an alias can multiply a small file into gigabytes), so are duplicate keys and keys that are
    not plain text.
    """
    if len(text) > MAX_BYTES:
        return None, [Problem(ERROR, filename, 1, 1,
                              f"this file is too large ({len(text) // (1024 * 1024)} MB); "
                              f"the limit is {MAX_BYTES // (1024 * 1024)} MB",
                              "split the story into fragments and use 'include:'")]
    try:
        return _build(text, max_depth), []
    except YamlProblem as p:
        return None, [Problem(ERROR, filename, p.line, p.col, p.message, p.hint)]
    except yaml.MarkedYAMLError as exc:
        line, col, message, hint = explain_syntax(text, exc)
        return None, [Problem(ERROR, filename, line, col, message, hint)]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "position", None)
        line, col = _line_col(text, mark) if isinstance(mark, int) else (1, 1)
        reason = getattr(exc, "reason", None) or "it contains characters YAML does not allow"
        return None, [Problem(ERROR, filename, line, col, f"this file cannot be read: {reason}",
                              "remove control characters; save it as plain UTF-8 text")]


_KEY_LINE = re.compile(r"\s*(- |-$|[A-Za-z0-9_-]+:(\s|$))")


def explain_syntax(text: str, exc: "yaml.MarkedYAMLError") -> tuple[int, int, str, str]:
    """(line, col, message, hint) in a trainer's words for a YAML syntax error, pointing at
    where the mistake starts (the opening quote, the tab), not where the parser gave up."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    here = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    if "tab" in problem or here == "\t":
        return (line, col, "a tab: YAML indentation must use spaces",
                "replace the tab with spaces (set your editor to insert spaces for Tab)")
    if "quoted scalar" in context and exc.context_mark is not None:
        q = exc.context_mark
        quote = lines[q.line][q.column:q.column + 1] if q.line < len(lines) else '"'
        return (q.line + 1, q.column + 1, f"this quote ({quote}) is never closed",
                f"add the closing {quote} at the end of the text")
    if "flow sequence" in context or "flow mapping" in context:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        q = exc.context_mark or mark
        return (q.line + 1, q.column + 1, f"this '{opener}' is never closed",
                f"add the closing '{closer}' on the same line, or put the text in quotes if "
                f"it starts with '{opener}'")
    opened = _runaway_quote(text, line)
    if opened:
        (qline, qcol), quote = opened
        return (qline, qcol, f"this quote ({quote}), opened at {qline}:{qcol}, is never closed "
                f"on its line, so the lines after it are read as part of the text",
                f"add the closing {quote} where the text ends")
    if "mapping values are not allowed" in problem:
        return (line, col, "a ': ' here, inside a value, is read as the start of another "
                "'name: value'", "put the whole text in quotes, or write it without ': '")
    if "did not find expected key" in problem or "expected <block end>" in problem or \
            "expected '-' indicator" in problem:
        return (line, col, "this line does not line up with the lines above it",
                "indent it by the same number of spaces as the other fields of its item "
                "(list items start with '- ' at the same place)")
    if "could not find expected ':'" in problem:
        return (line, col, "a 'name: value' line is missing its ':' (or a text runs onto a "
                "line of its own)", "add ': ' after the name, or indent the text under it")
    if "cannot start any token" in problem:
        shown = repr(here) if here else "this character"
        return (line, col, f"a value cannot start with {shown}",
                "put the text in quotes")
    what = problem or context or "this is not valid YAML"
    return line, col, f"YAML syntax: {what}", _YAML_HINT


def _runaway_quote(text: str, error_line: int):
    """((line, col), quote) of a quoted text that starts before `error_line` and runs over a
    line that looks like the next 'name:' or '- ' item: almost always a missing closing quote."""
    try:
        tokens = []
        for tok in yaml.scan(text, Loader=_Loader):
            if tok.start_mark.line + 1 > error_line:
                break
            tokens.append(tok)
    except yaml.YAMLError:
        pass
    lines = text.split("\n")
    for tok in reversed(tokens):
        if not isinstance(tok, yaml.ScalarToken) or tok.style not in ('"', "'"):
            continue
        start, end = tok.start_mark.line, tok.end_mark.line
        if end > start and any(_KEY_LINE.match(lines[i]) for i in range(start + 1, end + 1)
                               if i < len(lines)):
            return (start + 1, tok.start_mark.column + 1), tok.style
    return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _build(text: str, max_depth: int):
    loader = _Loader(text)
    try:
        return _walk(loader, max_depth)
    finally:
        loader.dispose()


def _walk(loader, max_depth: int):
    ScalarEvent, MappingStartEvent = yaml.ScalarEvent, yaml.MappingStartEvent
    SequenceStartEvent, AliasEvent = yaml.SequenceStartEvent, yaml.AliasEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    DocumentStartEvent = yaml.DocumentStartEvent
    # A frame: [container, pending_key, pending_key_pos]; keys are pending until their value.
    stack: list[list] = []
    root = None
    have_root = False
    documents = 0
    get_event = loader.get_event
    while True:
        ev = get_event()
        if ev is None:
            break
        cls = ev.__class__
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            mark = ev.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if getattr(ev, "anchor", None):
                raise YamlProblem(pos[0], pos[1],
                                  f"anchors ('&{ev.anchor}') are not supported in scenarios",
                                  "repeat the text, or put shared parts in a fragment and use "
                                  "'include:'")
            frame = stack[-1] if stack else None
            is_key = frame is not None and frame[1] is _NO_KEY and frame[0].__class__ is YMap
            if cls is ScalarEvent:
                if ev.style in ('"', "'"):
                    pos = (pos[0], pos[1] + 1)  # point at the text, not the quote
                # Keys are names: take them as written, so 'no:' or '1:' stay text.
                value = ev.value if is_key else _scalar(ev)
                if ev.style == '"' and _CONTROL.search(ev.value):
                    raise _control_problem(pos, ev.value)
                container = None
            else:
                if is_key:
                    raise YamlProblem(pos[0], pos[1], "a name before ':' must be plain text",
                                      _YAML_HINT)
                if len(stack) >= max_depth:
                    raise YamlProblem(pos[0], pos[1],
                                      f"this is nested more than {max_depth} levels deep",
                                      "a scenario never needs this much nesting; check the "
                                      "indentation")
                if cls is MappingStartEvent:
                    if ev.tag not in (None, "!", "tag:yaml.org,2002:map"):
                        raise _tag_problem(pos, ev.tag)
                    value = YMap()
                    value.pos, value.key_pos, value.val_pos = pos, {}, {}
                else:
                    if ev.tag not in (None, "!", "tag:yaml.org,2002:seq"):
                        raise _tag_problem(pos, ev.tag)
                    value = YSeq()
                    value.pos, value.item_pos = pos, []
                container = value
            if frame is None:
                if have_root:
                    raise YamlProblem(pos[0], pos[1], "a scenario file holds one document only",
                                      "remove the extra '---' line")
                root, have_root = value, True
            elif is_key:
                parent = frame[0]
                if value in parent:
                    first = parent.key_pos[value]
                    raise YamlProblem(pos[0], pos[1],
                                      f"'{value}' appears twice here (first at line {first[0]})",
                                      "keep one of them; ids and field names must be unique")
                frame[1], frame[2] = value, pos
            else:
                parent = frame[0]
                if parent.__class__ is YSeq:
                    parent.append(value)
                    parent.item_pos.append(pos)
                else:
                    key = frame[1]
                    parent[key] = value
                    parent.key_pos[key] = frame[2]
                    parent.val_pos[key] = pos
                    frame[1] = _NO_KEY
            if container is not None:
                stack.append([container, _NO_KEY, None])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
        elif cls is AliasEvent:
            mark = ev.start_mark
            raise YamlProblem(mark.line + 1, mark.column + 1,
                              f"aliases ('*{ev.anchor}') are not supported in scenarios",
                              "repeat the text, or put shared parts in a fragment and use 'include:'")
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = ev.start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1,
                                  "a scenario file holds one document only",
                                  "remove the extra '---' line")
    if not have_root:
        raise YamlProblem(1, 1, "this file is empty", "start from 'python main.py new NAME'")
    return root


class _NoKey:
    __slots__ = ()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid only
        return "<no key>"


_NO_KEY = _NoKey()
