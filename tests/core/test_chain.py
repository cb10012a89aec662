"""Chain: the play state's growing sequences read exactly like tuples."""
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.chain import EMPTY, Chain


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.sampled_from("abcdef"), max_size=300),
       asks=st.sets(st.integers(0, 300)), start=st.integers(0, 50))
def test_a_chain_reads_like_the_tuple_it_grew_into(items, asks, start):
    base = tuple(items[:start])
    chain, ref = Chain(base), base  # as a save is read, then played on
    for i, item in enumerate(items[start:]):
        chain, ref = chain.add(item), ref + (item,)
        if i in asks:  # a condition reading visits() now and then, as in play
            assert chain.counts() == Counter(ref)
    assert chain == ref and ref == chain and hash(chain) == hash(ref)
    assert len(chain) == len(ref) and list(chain) == list(ref) and chain[1:4] == ref[1:4]
    assert chain.counts() == Counter(ref)
    if ref:
        assert chain[-1] == ref[-1] and chain[0] == ref[0]


def test_adding_leaves_the_old_chain_alone():
    one = EMPTY.add("a")
    two, other = one.add("b"), one.add("c")
    assert (one, two, other) == (("a",), ("a", "b"), ("a", "c"))
    assert EMPTY == () and len(EMPTY) == 0 and list(EMPTY) == []
