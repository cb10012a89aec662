"""The small, safe language of conditions (`if:`) and effects (`effects:`).

Text is tokenised and parsed once, at load time, into a tree; the tree is type-checked against
the scenario's declared variables and compiled into plain Python closures. Nothing is ever passed
to `eval` or `exec`, and the only things an expression can reach are the scenario's variables and
the three history functions `seen`, `visits` and `chose`.

    condition := or
    or        := and ('or' and)*
    and       := not ('and' not)*
    not       := 'not' not | compare
    compare   := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
    sum       := product (('+'|'-') product)*
    product   := unary (('*'|'/'|'%') unary)*
    unary     := '-' unary | atom
    atom      := INT | STRING | 'true' | 'false' | 'yes' | 'no' | NAME | ID_FUNC '(' ID ')' | '(' condition ')'
    effect    := NAME ('=' | '+=' | '-=') condition
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

BOOL, INT, STR = "bool", "int", "str"
TYPE_WORDS = {BOOL: "true/false", INT: "a whole number", STR: "text"}
ID_FUNCS = {"seen": BOOL, "visits": INT, "chose": BOOL}
MAX_LENGTH = 2000


class ExprError(Exception):
    """A condition or effect that cannot be used; `offset` is 0-based within the text."""

    def __init__(self, offset: int, message: str, hint: str = ""):
        super().__init__(message)
        self.offset, self.message, self.hint = offset, message, hint


class EvalError(Exception):
    """Evaluation failed at play time (division by zero, a variable that was never set)."""


@dataclass(frozen=True)
class Ref:
    """A node or choice id named inside `seen(...)`, `visits(...)` or `chose(...)`."""

    kind: str  # "node" or "choice"
    id: str
    offset: int


@dataclass(frozen=True)
class Expr:
    """A parsed, checked expression: evaluate with `expr.fn(context)`."""

    source: str
    type: str
    names: tuple[str, ...]
    refs: tuple[Ref, ...]
    fn: Callable = field(compare=False, repr=False)


@dataclass(frozen=True)
class Effect:
    """`target op value`: op is '=', '+=' or '-='."""

    source: str
    target: str
    op: str
    value: Expr


_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<int>\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op>==|!=|<=|>=|\+=|-=|&&|\|\||[-+*/%<>()=!,])
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
""", re.VERBOSE)
_ID = re.compile(r"\s*(?:'([^']*)'|\"([^\"]*)\"|([A-Za-z0-9_.\-]+))\s*\)")
_WORDS = {"and", "or", "not", "true", "false", "yes", "no"}  # yes/no as in YAML: true/false
_SUGGEST = {"&&": "and", "||": "or", "!": "not", "=": "=="}


def _tokens(text: str) -> list[tuple[str, object, int]]:
    if len(text) > MAX_LENGTH:
        raise ExprError(0, f"this expression is longer than {MAX_LENGTH} characters",
                        "split it into simpler conditions")
    out: list[tuple[str, object, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            ch = text[pos]
            hint = "text values go in quotes, e.g. mood == 'calm'" if ch in "'\"" else \
                "use letters, digits, _ and the operators + - * / % == != < <= > >= and or not"
            raise ExprError(pos, f"unexpected character {ch!r}", hint)
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "int":
            if len(value) > 9:
                raise ExprError(pos, "this number is too large", "use numbers below one billion")
            out.append(("int", int(value), pos))
        elif kind == "str":
            out.append(("str", value[1:-1], pos))
        elif kind == "name":
            low = value.lower()
            if low in _WORDS:
                out.append(("word", low, pos))
            elif value in ID_FUNCS and text[m.end():].lstrip().startswith("("):
                # Ids may contain hyphens ('notice-bruise'), so read the argument raw.
                open_at = text.index("(", m.end())
                idm = _ID.match(text, open_at + 1)
                if not idm:
                    raise ExprError(open_at + 1, f"{value}(...) takes one id, e.g. "
                                    f"{value}('node-id')", "write the id in quotes")
                ident = next(g for g in idm.groups() if g is not None)
                arg_at = idm.start() + (len(idm.group(0)) - len(idm.group(0).lstrip()))
                out.append(("call", (value, ident, arg_at), pos))
                m = idm
            else:
                out.append(("name", value, pos))
        elif kind == "op":
            out.append(("op", value, pos))
        pos = m.end()
    out.append(("end", None, len(text)))
    return out


class _Parser:
    """Recursive descent over a token list; builds (type, closure) pairs as it goes."""

    def __init__(self, text: str, types: Mapping[str, str]):
        self.text, self.types = text, types
        self.toks = _tokens(text)
        self.i = 0
        self.names: list[str] = []
        self.refs: list[Ref] = []
        self.depth = 0

    def peek(self):
        return self.toks[self.i]

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect_end(self):
        kind, value, pos = self.peek()
        if kind != "end":
            if kind == "op" and value in _SUGGEST:
                raise ExprError(pos, f"'{value}' is not part of the language",
                                f"write '{_SUGGEST[value]}'")
            raise ExprError(pos, f"unexpected {self._describe(kind, value)}",
                            "is an 'and' or 'or' missing?")

    @staticmethod
    def _describe(kind, value) -> str:
        if kind == "end":
            return "end of the expression"
        if kind == "call":
            return f"'{value[0]}(...)'"
        return f"'{value}'"

    # -- grammar ---------------------------------------------------------------------------
    def condition(self):
        self.depth += 1
        if self.depth > 50:
            raise ExprError(self.peek()[2], "this expression is nested too deeply",
                            "simplify it")
        try:
            return self._or()
        finally:
            self.depth -= 1

    def _logic(self, word, sub, combine):
        t, f = sub()
        while self.peek()[0] == "word" and self.peek()[1] == word:
            pos = self.take()[2]
            t2, g = sub()
            self._want(BOOL, t, pos, f"both sides of '{word}'")
            self._want(BOOL, t2, pos, f"both sides of '{word}'")
            f = combine(f, g)
            t = BOOL
        return t, f

    def _or(self):
        return self._logic("or", self._and, lambda f, g: lambda c: f(c) or g(c))

    def _and(self):
        return self._logic("and", self._not, lambda f, g: lambda c: f(c) and g(c))

    def _not(self):
        kind, value, pos = self.peek()
        if kind == "word" and value == "not":
            self.take()
            t, f = self._not()
            self._want(BOOL, t, pos, "'not'")
            return BOOL, lambda c: not f(c)
        return self._compare()

    _CMP = {
        "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
    }

    def _compare(self):
        t, f = self._sum()
        kind, value, pos = self.peek()
        if kind == "op" and value == "=":
            raise ExprError(pos, "'=' sets a value; to compare, write '=='",
                            "conditions compare with ==, effects set with =")
        if kind == "op" and value in self._CMP:
            self.take()
            t2, g = self._sum()
            if value in ("==", "!="):
                if t != t2:
                    raise ExprError(pos, f"cannot compare {TYPE_WORDS[t]} with {TYPE_WORDS[t2]}",
                                    "both sides of == and != must be the same kind of value")
            else:
                self._want(INT, t, pos, f"'{value}'")
                self._want(INT, t2, pos, f"'{value}'")
            op = self._CMP[value]
            return BOOL, lambda c: op(f(c), g(c))
        return t, f

    def _arith(self, ops, sub):
        t, f = sub()
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            _, value, pos = self.take()
            t2, g = sub()
            self._want(INT, t, pos, f"'{value}'")
            self._want(INT, t2, pos, f"'{value}'")
            f = ops[value](f, g)
        return t, f

    def _sum(self):
        return self._arith({"+": lambda f, g: lambda c: f(c) + g(c),
                            "-": lambda f, g: lambda c: f(c) - g(c)}, self._product)

    def _product(self):
        return self._arith({"*": lambda f, g: lambda c: f(c) * g(c),
                            "/": lambda f, g: lambda c: _divide(f(c), g(c)),
                            "%": lambda f, g: lambda c: _modulo(f(c), g(c))}, self._unary)

    def _unary(self):
        kind, value, pos = self.peek()
        if kind == "op" and value == "-":
            self.take()
            t, f = self._unary()
            self._want(INT, t, pos, "'-'")
            return INT, lambda c: -f(c)
        return self._atom()

    def _atom(self):
        kind, value, pos = self.take()
        if kind == "int":
            return INT, lambda c, v=value: v
        if kind == "str":
            return STR, lambda c, v=value: v
        if kind == "word" and value in ("true", "false", "yes", "no"):
            return BOOL, (lambda c: True) if value in ("true", "yes") else (lambda c: False)
        if kind == "name":
            if self.peek()[0] == "op" and self.peek()[1] == "(":
                raise ExprError(pos, f"'{value}(...)' is not a function here",
                                "the functions are seen('id'), visits('id') and chose('id')")
            if value not in self.types:
                from .errors import did_you_mean
                raise ExprError(pos, f"unknown variable '{value}'",
                                did_you_mean(value, self.types) or
                                "declare it under 'variables:' first")
            self.names.append(value)
            return self.types[value], lambda c, n=value: c.get(n)
        if kind == "call":
            fname, ident, arg_at = value
            self.refs.append(Ref("choice" if fname == "chose" else "node", ident, arg_at))
            if fname == "seen":
                return BOOL, lambda c, i=ident: i in c.seen
            if fname == "visits":
                return INT, lambda c, i=ident: c.visits.get(i, 0)
            return BOOL, lambda c, i=ident: i in c.chosen
        if kind == "op" and value == "(":
            t, f = self.condition()
            kind2, value2, pos2 = self.take()
            if not (kind2 == "op" and value2 == ")"):
                raise ExprError(pos2, "a ')' is missing", "every '(' needs a matching ')'")
            return t, f
        if kind == "end":
            raise ExprError(pos, "the expression ends too early", "is a value missing?")
        if kind == "op" and value in _SUGGEST and value != "=":
            raise ExprError(pos, f"'{value}' is not part of the language",
                            f"write '{_SUGGEST[value]}'")
        raise ExprError(pos, f"unexpected {self._describe(kind, value)}",
                        "expected a value, a variable or '('")

    def _want(self, want, got, pos, where):
        if want != got:
            raise ExprError(pos, f"{where} needs {TYPE_WORDS[want]}, not {TYPE_WORDS[got]}",
                            "check the variable's type under 'variables:'")


def _divide(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("division by zero")
    return a // b


def _modulo(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("division by zero")
    return a % b


def parse_condition(text: str, types: Mapping[str, str], want: str | None = BOOL) -> Expr:
    """Parse and type-check `text`; `want` is the type it must have (None: any)."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError(0, "this condition is empty", "write e.g. trust >= 2")
    p = _Parser(text, types)
    t, f = p.condition()
    p.expect_end()
    if want is not None and t != want:
        raise ExprError(0, f"this should give {TYPE_WORDS[want]}, but gives {TYPE_WORDS[t]}",
                        "compare it with something, e.g. trust >= 2")
    return Expr(text, t, tuple(dict.fromkeys(p.names)), tuple(p.refs), f)


_ASSIGN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=)(?!=)\s*")


def parse_effect(text: str, types: Mapping[str, str], readonly: frozenset = frozenset()) -> Effect:
    """Parse `name = value`, `name += value` or `name -= value`, checked against `types`."""
    if not isinstance(text, str):
        raise ExprError(0, "an effect is written as text, e.g. trust += 1")
    m = _ASSIGN.match(text)
    if not m:
        raise ExprError(0, f"'{text}' is not an effect",
                        "write name = value, name += value or name -= value")
    target, op = m.group(1), m.group(2)
    if target not in types:
        from .errors import did_you_mean
        raise ExprError(m.start(1), f"unknown variable '{target}'",
                        did_you_mean(target, types) or "declare it under 'variables:' first")
    if target in readonly:
        raise ExprError(m.start(1), f"'{target}' cannot be changed by an effect")
    rest = text[m.end():]
    try:
        value = parse_condition(rest, types, want=None)
    except ExprError as exc:
        raise ExprError(exc.offset + m.end(), exc.message, exc.hint) from None
    if op != "=" and types[target] != INT:
        raise ExprError(m.start(2), f"'{op}' needs a whole-number variable; "
                        f"'{target}' is {TYPE_WORDS[types[target]]}", f"write {target} = ...")
    if value.type != types[target]:
        raise ExprError(m.end(), f"'{target}' holds {TYPE_WORDS[types[target]]}, "
                        f"but this gives {TYPE_WORDS[value.type]}",
                        "text values go in quotes, e.g. mood = 'calm'" if types[target] == STR
                        else "")
    return Effect(text, target, op, value)
