"""Pure-Python port of the affiliation metrics' `pr_from_events` (precision/recall only).

Source: the `affiliation` package of Huet, Navarro and Rossi, "Local Evaluation of Time Series
Anomaly Detection Algorithms" (KDD 2022), github.com/ahstat/affiliation-metrics-py, modules
`generics`, `_affiliation_zone`, `_integral_interval`, `_single_ground_truth_event` and `metrics`;
VisualTimeAnomaly and AnomLLM import it as `affiliation.metrics.pr_from_events`. Every arithmetic
step below is the reference's, in the reference's order, so floating-point results match it bit
for bit; only the distance metrics (not used by the benchmarks) and the input checks are left out.
Events are (start, stop) with index i meaning the duration [i, i+1).
"""
import math
from itertools import groupby
from operator import itemgetter


def vector_to_events(vector):
    """`generics.convert_vector_to_events`: runs of positive entries as (first, last + 1)."""
    positive = [i for i, value in enumerate(vector) if value > 0]
    events = []
    for _, run in groupby(enumerate(positive), lambda pair: pair[0] - pair[1]):
        cut = list(map(itemgetter(1), run))
        events.append((cut[0], cut[-1] + 1))
    return events


def _sum_wo_nan(values):
    return sum(v for v in values if not math.isnan(v))


def _len_wo_nan(values):
    return len([v for v in values if not math.isnan(v)])


def _intersection(a, b):
    if a is None or b is None:
        return None
    out = (max(a[0], b[0]), min(a[1], b[1]))
    return None if out[0] >= out[1] else out


def _cut_into_three(a, b):
    """Parts of `a` before `b`, inside `b` and after `b` (None when empty)."""
    if a is None:
        return (None, None, None)
    inside = _intersection(a, b)
    if a == inside:
        return (None, inside, None)
    if a[1] <= b[0]:
        return (a, inside, None)
    if a[0] >= b[1]:
        return (None, inside, a)
    if a[0] <= b[0] and a[1] >= b[1]:
        return ((a[0], inside[0]), inside, (inside[1], a[1]))
    if a[0] <= b[0]:
        return ((a[0], inside[0]), inside, None)
    if a[1] >= b[1]:
        return (None, inside, (inside[1], a[1]))
    raise ValueError('unexpected unconsidered case')


def _pivot(a, b):
    """Border of `b` closest to `a`, which lies outside `b`."""
    if max(a) <= min(b):
        return min(b)
    if min(a) >= max(b):
        return max(b)
    raise ValueError('a should be outside b')


def _precision_outside(i, j, e):
    """`integral_mini_interval_Pprecision_CDFmethod` with its `__min_piece` helper inlined."""
    d_min = max(i[0] - j[1], j[0] - i[1])
    d_max = max(i[1] - j[1], j[0] - i[0])
    m = min(j[0] - e[0], e[1] - j[1])
    a = min(d_max, m) ** 2 - min(d_min, m) ** 2
    b = max(d_max, m) - max(d_min, m)
    min_piece = (1 / 2) * a + m * b
    linear_piece = (1 / 2) * (d_max ** 2 - d_min ** 2)
    remaining_piece = (j[1] - j[0]) * (i[1] - i[0])
    return (i[1] - i[0]) - (1 / (e[1] - e[0])) * (min_piece + linear_piece + remaining_piece)


def _precision_integral(i, j, e):
    """`integral_interval_probaCDF_precision`."""
    before, inside, after = _cut_into_three(i, j)
    left = 0 if before is None else _precision_outside(before, j, e)
    middle = 0 if inside is None else max(inside) - min(inside)
    right = 0 if after is None else _precision_outside(after, j, e)
    return left + middle + right


def _cut_at(j, mean):
    """`cut_J_based_on_mean_func`."""
    if j is None:
        return (None, None)
    if mean >= max(j):
        return (j, None)
    if mean <= min(j):
        return (None, j)
    return ((min(j), mean), (mean, max(j)))


def _bounds(part):
    return (math.nan, math.nan) if part is None else (min(part), max(part))


def _recall_outside(i, j, e):
    """`integral_mini_interval_Precall_CDFmethod`: J lies outside I."""
    pivot = _pivot(j, i)
    e_min, e_max = min(e), max(e)
    e_mean = (e_min + e_max) / 2
    if pivot <= min(e) or pivot >= max(e):
        return 0
    j_before, j_after = _cut_at(j, e_mean)
    bb, ba = _cut_at(j_before, (e_min + pivot) / 2)
    ab, aa = _cut_at(j_after, (e_max + pivot) / 2)
    bb0, bb1 = _bounds(bb)
    ba0, ba1 = _bounds(ba)
    ab0, ab1 = _bounds(ab)
    aa0, aa1 = _bounds(aa)
    if pivot >= max(j):
        parts = [
            (pivot - e_min) * (bb1 - bb0),
            2 * pivot * (ba1 - ba0) - (ba1 ** 2 - ba0 ** 2),
            2 * pivot * (ab1 - ab0) - (ab1 ** 2 - ab0 ** 2),
            (e_max + pivot) * (aa1 - aa0) - (aa1 ** 2 - aa0 ** 2),
        ]
    elif pivot <= min(j):
        parts = [
            (bb1 ** 2 - bb0 ** 2) - (e_min + pivot) * (bb1 - bb0),
            (ba1 ** 2 - ba0 ** 2) - 2 * pivot * (ba1 - ba0),
            (ab1 ** 2 - ab0 ** 2) - 2 * pivot * (ab1 - ab0),
            (e_max - pivot) * (aa1 - aa0),
        ]
    else:
        raise ValueError('The i_pivot should be outside J')
    total = _sum_wo_nan(parts)
    return (max(j) - min(j)) - (1 / (max(e) - min(e))) * total


def _recall_integral(i, j, e):
    """`integral_interval_probaCDF_recall`: J is cut into three by I."""
    before, inside, after = _cut_into_three(j, i)
    left = 0 if before is None else _recall_outside(i, before, e)
    middle = 0 if inside is None else max(inside) - min(inside)
    right = 0 if after is None else _recall_outside(i, after, e)
    return left + middle + right


def _zones(events, trange):
    """`get_all_E_gt_func` via `t_start`/`t_stop`: midpoints to the neighbours, mirrored at ends."""
    n = len(events)

    def t_start(k):
        return 2 * max(trange) - t_stop(n - 1) if k == n else events[k][0]

    def t_stop(k):
        return 2 * min(trange) - t_start(0) if k == -1 else events[k][1]

    return [((t_stop(k - 1) + t_start(k)) / 2, (t_stop(k) + t_start(k + 1)) / 2) for k in range(n)]


def _partition(events, zones):
    """`affiliation_partition`: every event intersected with every zone (None when disjoint)."""
    return [[_intersection(event, zone) for event in events] for zone in zones]


def pr_from_events(events_pred, events_gt, trange):
    """`metrics.pr_from_events` → (precision, recall); precision NaN when no zone has a prediction.
    """
    if len(events_gt) == 0:
        raise ValueError('Input `events_gt` should have at least one event')
    zones = _zones(events_gt, trange)
    parts = _partition(events_pred, zones)
    precisions = []
    recalls = []
    for pieces, j, e in zip(parts, events_gt, zones):
        if all(piece is None for piece in pieces):
            precisions.append(math.nan)
        else:
            total = sum(_precision_integral(p, j, e) if p is not None else 0 for p in pieces)
            precisions.append(total / sum(0 if p is None else p[1] - p[0] for p in pieces))
        kept = [p for p in pieces if p is not None]
        if len(kept) == 0:
            recalls.append(0)
            continue
        cuts = _partition([j], _zones(kept, e))
        total = sum(0 if cut[0] is None else _recall_integral(p, cut[0], e)
                    for p, cut in zip(kept, cuts))
        recalls.append(total / (j[1] - j[0]))
    if _len_wo_nan(precisions) > 0:
        precision = _sum_wo_nan(precisions) / _len_wo_nan(precisions)
    else:
        precision = precisions[0]
    return precision, sum(recalls) / len(recalls)
