"""Pure-Python ports (no numpy) of the point-wise and range metrics the benchmarks use.

Sources:
- scikit-learn `precision_score`, `recall_score`, `f1_score` (binary, `zero_division` default: 0
  with a warning); F1 as scikit-learn >= 1.3 computes it, 2·TP / (#true + #predicted).
- TSB-AD (github.com/TheDatumOrg/TSB-AD), `TSB_AD/evaluation/basic_metrics.py`, class
  `basic_metricor`: `range_recall_new` with `range_convers_new`, `existence_reward`, `w` and
  `Cardinality_factor` (flat bias), `_adjust_predicts` (point adjustment) and `metric_EventF1PA`
  with `_get_events`. numpy calls are replaced by list code with the same results; the published
  quirks are kept on purpose (they are what we compare against): `_adjust_predicts` never walks
  back to index 0, `_get_events` drops the last index of an event that reaches the series end,
  `range_convers_new` finds no range in an all-ones vector, and event F1 adds 1e-15 to its
  denominator.
"""


def prf(truth, predicted):
    """scikit-learn binary precision, recall, F1 on 0/1 lists."""
    tp = sum(1 for t, p in zip(truth, predicted) if t == 1 and p == 1)
    true_sum = sum(truth)
    pred_sum = sum(predicted)
    precision = tp / pred_sum if pred_sum > 0 else 0.0
    recall = tp / true_sum if true_sum > 0 else 0.0
    denominator = true_sum + pred_sum
    f1 = 2 * tp / denominator if denominator > 0 else 0.0
    return precision, recall, f1


def range_convers_new(label):
    """Runs of ones as inclusive [start, end] pairs, found from the first differences."""
    diff = [label[i + 1] - label[i] for i in range(len(label) - 1)]
    starts = [i + 1 for i, d in enumerate(diff) if d == 1]
    ends = [i for i, d in enumerate(diff) if d == -1]
    if len(ends):
        if not len(starts) or ends[0] < starts[0]:
            starts = [0] + starts
    if len(starts):
        if not len(ends) or ends[-1] < starts[-1]:
            ends = ends + [len(label) - 1]
    return list(zip(starts, ends))


def _w(anomaly_range, positives):
    # Flat bias: every position weighs 1.
    my_value = 0
    max_value = 0
    start = anomaly_range[0]
    length = anomaly_range[1] - anomaly_range[0] + 1
    for i in range(start, start + length):
        max_value += 1
        if i in positives:
            my_value += 1
    return my_value / max_value


def _cardinality_factor(anomaly_range, prange):
    score = 0
    start, end = anomaly_range
    for r in prange:
        if r[0] >= start and r[0] <= end:
            score += 1
        elif start >= r[0] and start <= r[1]:
            score += 1
        elif end >= r[0] and end <= r[1]:
            score += 1
        elif start >= r[0] and end <= r[1]:
            score += 1
    return 0 if score == 0 else 1 / score


def range_recall_new(labels, preds, alpha):
    """Range-based recall of `labels` by `preds` (swap the arguments and alpha=0 for precision)."""
    positives = set(i for i, v in enumerate(preds) if v == 1)
    range_pred = range_convers_new(preds)
    range_label = range_convers_new(labels)
    nr = len(range_label)
    existence = 0
    for r in range_label:
        if any(preds[r[0]:r[1] + 1]):
            existence += 1
    overlap = 0
    for r in range_label:
        overlap += _w(r, positives) * _cardinality_factor(r, range_pred)
    score = alpha * existence + (1 - alpha) * overlap
    if nr != 0:
        return score / nr
    return 0


def range_f1(labels, preds):
    """TSB-AD's `metric_RF1` with given predictions: (precision, recall, F1)."""
    recall = range_recall_new(labels, preds, 0.2)
    precision = range_recall_new(preds, labels, 0)
    f1 = 0 if precision + recall == 0 else 2 * recall * precision / (precision + recall)
    return precision, recall, f1


def adjust_predicts(label, pred):
    """`_adjust_predicts(score, label, pred=pred)`: fill each detected truth event (not index 0)."""
    predict = [bool(p) for p in pred]
    actual = [l > 0.1 for l in label]
    anomaly_state = False
    for i in range(len(label)):
        if actual[i] and predict[i] and not anomaly_state:
            anomaly_state = True
            for j in range(i, 0, -1):
                if not actual[j]:
                    break
                if not predict[j]:
                    predict[j] = True
        elif not actual[i]:
            anomaly_state = False
        if anomaly_state:
            predict[i] = True
    return [1 if p else 0 for p in predict]


def _get_events(y):
    events = {}
    label_prev = 0
    event = 0
    event_start = 0
    tim = 0
    for tim, label in enumerate(y):
        if label == 1:
            if label_prev == 0:
                event += 1
                event_start = tim
        elif label_prev == 1:
            events[event] = (event_start, tim - 1)
        label_prev = label
    if label_prev == 1:
        events[event] = (event_start, tim - 1)
    return events


def event_f1(label, preds):
    """`metric_EventF1PA(label, score, preds)`: (event recall, F1 with point-wise precision)."""
    events = _get_events(label)
    tp = sum(1 for start, end in events.values() if any(preds[start:end + 1]))
    fn = len(events) - tp
    rec_e = tp / (tp + fn)
    prec_t = prf(label, preds)[0]
    return rec_e, 2 * rec_e * prec_t / (rec_e + prec_t + 1e-15)
