"""An immutable sequence that grows at the end in constant time, sharing what came before.

A play state's route, history and case notes only ever grow by one item per step, and every
step makes a new state. As tuples each step would copy the whole route (at step 16,000 of a
long play, most of the cost of a move). A Chain shares its past instead: `add` is O(1),
`len` and `[-1]` are O(1), and it reads like a tuple everywhere else (iteration, slicing,
equality with tuples, hashing, JSON via `list`).

`counts()` answers "how often does each item appear" (the engine's `visits`) from a count kept
every STRIDE items, so it costs the same at step 16,000 as at step 1.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

STRIDE = 64


class Chain(Sequence):
    __slots__ = ("_last", "_before", "_len", "_tuple", "_hash", "_counts")

    def __init__(self, items=()):
        # Built from existing items (a save being read): one node holding them all.
        self._tuple = tuple(items)
        self._len = len(self._tuple)
        self._last = self._tuple[-1] if self._tuple else None
        self._before = None
        self._hash = self._counts = None

    @classmethod
    def _grow(cls, before: "Chain", item) -> "Chain":
        new = cls.__new__(cls)
        new._last, new._before, new._len = item, before if before._len else None, before._len + 1
        new._tuple = new._hash = new._counts = None
        return new

    def add(self, item) -> "Chain":
        """This chain with `item` at the end (this one is unchanged)."""
        return Chain._grow(self, item)

    # -- reading -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._len

    def as_tuple(self) -> tuple:
        if self._tuple is None:
            items = []
            node = self
            while node is not None and node._len:
                if node._tuple is not None:  # an earlier chain already laid out: reuse it
                    items.extend(reversed(node._tuple))
                    break
                items.append(node._last)
                node = node._before
            self._tuple = tuple(reversed(items))
        return self._tuple

    def __iter__(self):
        return iter(self.as_tuple())

    def __getitem__(self, index):
        if isinstance(index, int) and (index == -1 or index == self._len - 1) and self._len:
            return self._last
        return self.as_tuple()[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, Chain):
            return self is other or (self._len == other._len and
                                     self.as_tuple() == other.as_tuple())
        if isinstance(other, tuple):
            return self._len == len(other) and self.as_tuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self.as_tuple())
        return self._hash

    def __repr__(self) -> str:
        return f"Chain({self.as_tuple()!r})"

    def counts(self) -> Counter:
        """How many times each item appears (do not change the Counter returned)."""
        if self._counts is not None:
            return self._counts
        since, node, base = [], self, None
        while node is not None and node._len:
            if node._counts is not None:
                base = node._counts
                break
            if node._tuple is not None:  # every item up to here is laid out already
                since.extend(node._tuple)
                break
            since.append(node._last)
            node = node._before
        counts = Counter(base) if base else Counter()
        counts.update(since)
        if self._len % STRIDE == 0 or len(since) <= 1:
            self._counts = counts  # kept every STRIDE items (and where it was cheap to keep)
        return counts


EMPTY = Chain()
