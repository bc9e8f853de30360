"""The effect statistics against a worked example computed by hand, and scipy's Wilcoxon
test against a textbook value."""

import math

import pytest

from omzien.wellbeing.effect import Pair, effect, rank_biserial, wilcoxon_method
from omzien.wellbeing.scoring import category

# Six residents, 6-question scale: (before, after).
SCORES = [(5, 2), (4, 4), (6, 3), (3, 1), (4, 5), (2, 2)]


def _pairs():
    return [Pair(b, a, category(6, b), category(6, a), "prescription") for b, a in SCORES]


def test_worked_example():
    """By hand: changes d = -3, 0, -3, -2, +1, 0.

    * mean = -7/6 = -1.1667; sum of d² = 23, so the variance is (23 - 6·(7/6)²)/5 =
      14.8333/5 = 2.9667, sd 1.7224, standard error 1.7224/√6 = 0.70317; t(0.975, 5) =
      2.5706, half width 1.8076: the interval is -2.9743 to 0.6409.
    * Wilcoxon, zeros dropped: |d| = 3, 3, 2, 1 with ranks 3.5, 3.5, 2, 1; W+ = 1, W- = 9;
      the statistic is min(W+, W-) = 1. With ties (and zeros) the normal approximation: mean
      n(n+1)/4 = 5, variance n(n+1)(2n+1)/24 − Σ(t³ − t)/48 = 7.5 − 6/48 = 7.375, z =
      (1 − 5)/√7.375 = −1.4729, two-sided p = 2·Φ(−1.4729) = 0.1408.
    * rank-biserial r = (1 - 9)/10 = -0.8.
    * categories (0-1 not, 2-4 moderately, 5-6 severely lonely): 5→2 severe→moderate, 6→3
      severe→moderate, 3→1 moderate→not: 3 of 6 lower (50%); 4→5 went up.
    """
    result = effect(_pairs())
    assert result.n == 6
    assert (result.decreased, result.increased, result.unchanged) == (3, 1, 2)
    assert result.mean_before == pytest.approx(24 / 6)
    assert result.mean_after == pytest.approx(17 / 6)
    assert result.mean_change == pytest.approx(-7 / 6)
    assert result.ci_low == pytest.approx(-2.9743, abs=1e-4)
    assert result.ci_high == pytest.approx(0.6409, abs=1e-4)
    assert result.wilcoxon_statistic == 1
    assert result.p_value == pytest.approx(0.1408, abs=1e-4)
    assert result.rank_biserial == pytest.approx(-0.8)
    assert result.lower_category == 3
    assert result.lower_category_share == 50


def test_scipy_wilcoxon_matches_the_textbook_value():
    """Darwin's Zea mays data as analysed by Fisher (The Design of Experiments, 1935): the
    15 height differences (cross- minus self-fertilised, eighths of an inch). The two negative
    differences have ranks 10 and 14: W- = 24; exact two-sided p = 2 · 676 / 2¹⁵ = 0.04126."""
    # Imported here, as omzien.wellbeing.effect does: scipy.stats takes most of a second to
    # import, and every test process would pay it while collecting this module.
    from scipy import stats

    d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]
    result = stats.wilcoxon(d)
    assert result.statistic == 24
    assert result.pvalue == pytest.approx(0.041259765625)
    # The count 676 by brute force over all 2¹⁵ sign assignments of the ranks 1..15.
    at_most = sum(
        1
        for mask in range(2**15)
        if sum(rank for rank in range(1, 16) if mask >> (rank - 1) & 1) <= 24
    )
    assert at_most == 676
    # The same figure through the report's own statistics (no ties, no zeros: exact).
    pairs = [Pair(100, 100 + x, "moderate", "moderate") for x in d]
    assert effect(pairs).p_value == pytest.approx(0.041259765625)


def test_the_method_follows_the_rule():
    assert wilcoxon_method([1, -2, 3]) == "exact"
    assert wilcoxon_method([1, -1, 3]) == "asymptotic"  # a tie
    assert wilcoxon_method([0, -2, 3]) == "asymptotic"  # a zero
    assert wilcoxon_method(list(range(1, 52))) == "asymptotic"  # more than 50


def test_no_change_at_all():
    pairs = [Pair(3, 3, "moderate", "moderate")] * 5
    result = effect(pairs)
    assert result.mean_change == 0
    assert result.p_value is None
    assert result.rank_biserial is None
    assert (result.ci_low, result.ci_high) == (0, 0)


def test_rank_biserial_extremes():
    assert rank_biserial([-1, -2, -3]) == -1
    assert rank_biserial([1, 2, 0]) == 1
    assert math.isclose(rank_biserial([-1, 1]), 0)
    assert effect([]) is None
