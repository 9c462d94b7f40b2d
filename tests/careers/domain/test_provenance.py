"""Where a set of catalogue facts comes from, said once for the set when it can be."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.choices import Basis
from careers.domain.provenance import MIXED, basis_of


@pytest.mark.parametrize(
    ("bases", "said"),
    [
        ([], ""),
        (["source"], "source"),
        (["editorial", "editorial"], "editorial"),
        (["source", "editorial", "source"], "mixed"),
        (iter(["editorial", "source"]), "mixed"),
    ],
)
def test_basis_of(bases, said):
    assert basis_of(bases) == said


@given(st.lists(st.sampled_from(Basis.values)))
def test_one_basis_is_named_and_two_are_mixed(bases):
    said = basis_of(bases)
    if len(set(bases)) == 2:
        assert said == MIXED
    else:
        assert said == (bases[0] if bases else "")
