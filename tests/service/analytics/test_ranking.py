"""Centrality ranks: highest score first, ties in id order, whatever the input order; equal
scores share a competition rank (1, 2, 2, 4)."""

import random

from service.analytics.centrality import ranked
from service.analytics.ranks import competition_ranks


def test_ranks_sort_by_score_then_id_like_python_sorts() -> None:
    rng = random.Random(7)
    pool = [f"{letter}{i}" for letter in ("A", "b", "Z", "é", "\U0001d538") for i in range(40)]
    for _ in range(300):
        n = rng.randint(0, 60)
        ids = rng.sample(pool, n)
        scores = [rng.choice([0.0, -0.0, 1.5, 2.0, rng.random()]) for _ in range(n)]
        assert ranked(ids, scores) == sorted(range(n), key=lambda i: (-scores[i], ids[i]))


def test_ties_follow_ids_not_input_order() -> None:
    assert ranked(["c", "a", "b", "d"], [1.0, 1.0, 2.0, 1.0]) == [2, 1, 0, 3]


def test_competition_ranks_share_ties_and_skip_after_them() -> None:
    assert competition_ranks([3.0, 2.0, 2.0, 1.0]) == [1, 2, 2, 4]
    assert competition_ranks([5, 5, 5]) == [1, 1, 1]
    assert competition_ranks([0.0, -0.0, -1.0]) == [1, 1, 3]  # -0.0 == 0.0
    assert competition_ranks([(2, 0.5), (2, 0.5), (2, 0.25), (1, 1.0)]) == [1, 1, 3, 4]
    assert competition_ranks([]) == []


def test_ranks_count_the_nodes_with_a_higher_score() -> None:
    rng = random.Random(11)
    for _ in range(200):
        scores = [rng.choice([0.0, 1.0, 2.0, 2.5]) for _ in range(rng.randint(0, 30))]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        expected = [1 + sum(s > scores[i] for s in scores) for i in order]
        assert competition_ranks(scores[i] for i in order) == expected
