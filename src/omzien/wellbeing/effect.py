"""The effect of support on loneliness: paired statistics of before and after measurements.

Plain Python (scipy for the t quantile and the Wilcoxon test), no database access; the selector
``selectors.effect_report`` gathers the pairs in one query. Rules (instruments.md section 8):

* one pair per resident: the intake measurement and the last later measurement of the same
  version; change = after − before (a negative change is less lonely);
* the mean change with a t-based 95% confidence interval (mean ± t(0.975, n−1) · sd / √n);
* the Wilcoxon signed-rank test (``scipy.stats.wilcoxon``), two-sided, zero differences
  dropped (Wilcoxon's method): the exact distribution for up to ``EXACT_MAX`` residents without
  ties or zeros, otherwise the normal approximation with the tie correction (instruments.md
  section 8). The method is chosen here rather than left to scipy's ``"auto"``, which since
  scipy 1.15 runs a permutation test for up to 13 residents with ties: the same rule in words,
  but over a second per group, too slow for a page;
* the effect size is the matched-pairs rank-biserial correlation r = (W+ − W−) / (W+ + W−)
  over the non-zero differences (ranks of |d|, ties averaged): −1 when every resident who
  changed became less lonely, +1 when every one became lonelier, 0 when balanced;
* the share that moved to a lower (less lonely) category of the published bands.
"""

import math
from dataclasses import dataclass

from omzien.wellbeing.scoring import RANK

# Up to this many residents without ties or zero differences the p-value is exact (scipy's
# own threshold for "auto").
EXACT_MAX = 50


@dataclass(frozen=True)
class Pair:
    before: int
    after: int
    before_category: str
    after_category: str
    kind: str = ""

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Effect:
    n: int
    decreased: int  # residents whose score went down (less lonely)
    increased: int
    unchanged: int
    mean_before: float
    mean_after: float
    mean_change: float
    ci_low: float | None  # None for n < 2
    ci_high: float | None
    wilcoxon_statistic: float | None  # None when every difference is zero
    p_value: float | None
    rank_biserial: float | None
    lower_category: int  # residents who moved to a lower category

    @property
    def lower_category_share(self) -> int:
        return round(100 * self.lower_category / self.n) if self.n else 0


def rank_biserial(changes: list[float]) -> float | None:
    """Matched-pairs rank-biserial correlation of the non-zero differences."""
    # Imported here: scipy.stats costs a second at import, and every process that loads the
    # wellbeing selectors (each web worker, each manage.py command) would pay it.
    from scipy import stats

    nonzero = [c for c in changes if c != 0]
    if not nonzero:
        return None
    ranks = stats.rankdata([abs(c) for c in nonzero])
    plus = sum(r for r, c in zip(ranks, nonzero, strict=True) if c > 0)
    minus = sum(r for r, c in zip(ranks, nonzero, strict=True) if c < 0)
    return float((plus - minus) / (plus + minus))


def wilcoxon_method(changes: list[float]) -> str:
    """ "exact" for a small sample without ties or zeros, else "asymptotic" (normal, with the
    tie correction)."""
    sizes = [abs(c) for c in changes]
    small = len(changes) <= EXACT_MAX
    if small and 0 not in sizes and len(set(sizes)) == len(sizes):
        return "exact"
    return "asymptotic"


def effect(pairs: list[Pair]) -> Effect | None:
    from scipy import stats  # imported here, as in rank_biserial

    n = len(pairs)
    if n == 0:
        return None
    changes = [p.change for p in pairs]
    mean = sum(changes) / n
    low = high = None
    if n >= 2:
        sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
        half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
        low, high = mean - half, mean + half
    statistic = p_value = None
    if any(changes):
        result = stats.wilcoxon(changes, method=wilcoxon_method(changes))
        statistic, p_value = float(result.statistic), float(result.pvalue)
    return Effect(
        n=n,
        decreased=sum(1 for c in changes if c < 0),
        increased=sum(1 for c in changes if c > 0),
        unchanged=sum(1 for c in changes if c == 0),
        mean_before=sum(p.before for p in pairs) / n,
        mean_after=sum(p.after for p in pairs) / n,
        mean_change=mean,
        ci_low=low,
        ci_high=high,
        wilcoxon_statistic=statistic,
        p_value=p_value,
        rank_biserial=rank_biserial(changes),
        lower_category=sum(1 for p in pairs if RANK[p.after_category] < RANK[p.before_category]),
    )
