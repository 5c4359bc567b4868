"""Centrality ranks: highest score first, ties in id order, whatever the input order."""

import random

from service.analytics.centrality import ranked


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
