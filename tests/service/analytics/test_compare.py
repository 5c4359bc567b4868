"""NMI and adjusted Rand index on small partitions worked out by hand."""

import math

import pytest

from service.analytics.compare import adjusted_rand_index, normalized_mutual_information


@pytest.mark.parametrize(("a", "b", "ari", "nmi"), [
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0, 1.0),  # the same partition, other labels
    # B splits one block of A: 1 agreeing pair of 2 and 1; expected 2*1/6; max 1.5
    ([0, 0, 1, 1], [0, 0, 1, 2], (1 - 1 / 3) / (1.5 - 1 / 3),
     math.log(2) / ((math.log(2) + 1.5 * math.log(2)) / 2)),
    ([0, 0, 0, 0], [0, 0, 0, 0], 1.0, 1.0),  # one block each
    ([0, 1, 2, 3], [0, 1, 2, 3], 1.0, 1.0),  # singletons each
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5, 0.0),  # independent: no shared information
])
def test_hand_computed_values(a: list[int], b: list[int], ari: float, nmi: float) -> None:
    assert adjusted_rand_index(a, b) == pytest.approx(ari)
    assert normalized_mutual_information(a, b) == pytest.approx(nmi)
    assert adjusted_rand_index(b, a) == pytest.approx(ari)


def test_the_scikit_learn_documentation_example() -> None:
    # adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.57..., NMI = 0.8 in its docs
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714285714)
    assert normalized_mutual_information([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.8)


def test_partitions_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="lengths"):
        adjusted_rand_index([0], [0, 1])
