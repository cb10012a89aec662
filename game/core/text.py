"""Interpolation of `{name}` in scenario text: a variable's value or a character's name.

`{{` and `}}` stand for literal braces.
"""
from __future__ import annotations

import re
from typing import Iterator, Mapping

_PART = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def names_in(text: str) -> Iterator[tuple[str, int]]:
    """Each interpolated name in `text` with its 0-based offset."""
    for m in _PART.finditer(text):
        if m.group(1) is not None:
            yield m.group(1).strip(), m.start()


def interpolate(text: str, values: Mapping[str, object], characters: Mapping) -> str:
    """`text` with each {name} replaced; KeyError(name) if a variable is unset (None)."""
    if "{" not in text and "}" not in text:
        return text

    def sub(m: re.Match) -> str:
        whole = m.group(0)
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        name = m.group(1).strip()
        if name in values:
            value = values[name]
            if value is None:
                raise KeyError(name)
            if isinstance(value, bool):
                return "yes" if value else "no"
            return str(value)
        character = characters.get(name)
        if character is None:
            raise KeyError(name)
        return character.name

    return _PART.sub(sub, text)
