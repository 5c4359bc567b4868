"""Agreement between two partitions of the same items: normalized mutual information and the
adjusted Rand index (Hubert and Arabie), both from the contingency table."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence


def _comb2(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand_index(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """1 for identical partitions, about 0 for independent ones (scikit-learn's definition;
    1.0 when both put everything together or everything apart)."""
    if len(a) != len(b):
        raise ValueError("partitions of different lengths")
    n = len(a)
    pairs = sum(_comb2(v) for v in Counter(zip(a, b, strict=True)).values())
    rows = sum(_comb2(v) for v in Counter(a).values())
    cols = sum(_comb2(v) for v in Counter(b).values())
    total = _comb2(n)
    if total == 0:
        return 1.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _entropy(counts: Sequence[int], n: int) -> float:
    return -sum(c / n * math.log(c / n) for c in counts if c)


def normalized_mutual_information(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """I(A; B) / mean(H(A), H(B)) (scikit-learn's default, arithmetic normalization); 1.0 when
    both partitions are a single block."""
    if len(a) != len(b):
        raise ValueError("partitions of different lengths")
    n = len(a)
    if n == 0:
        return 1.0
    ca, cb = Counter(a), Counter(b)
    ha, hb = _entropy(list(ca.values()), n), _entropy(list(cb.values()), n)
    if ha == 0 and hb == 0:
        return 1.0
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y]))
             for (x, y), c in Counter(zip(a, b, strict=True)).items())
    denominator = (ha + hb) / 2
    return max(0.0, min(1.0, mi / denominator)) if denominator > 0 else 0.0
