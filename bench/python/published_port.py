"""Ports of the published answer parsers, vectorizers and per-series scoring.

Sources (stored copies of the public repositories; logic unchanged, numpy replaced by lists):
- VisualTimeAnomaly (github.com/mllm-ts/VisualTimeAnomaly): `src/result_agg.py` `parse_output`
  and `compute_metrics`; `src/utils.py` `point_to_vector`, `interval_to_vector`, `id_to_vector`.
- AnomLLM (github.com/rose-stl-lab/anomllm, stored as wlemalin/AnomLLM): `src/utils.py`
  `parse_output`, `interval_to_vector`, `compute_metrics`, `load_results` (a parse or
  vectorization failure becomes None); `src/config.py` `scale_result_str`.
`json.loads` and `re` are CPython's own, which is the point: our TypeScript parsers port them.
`np.clip(x, lo, hi)` on one integer is `min(max(x, lo), hi)`; `np.zeros(n)[i] = 1` raises
IndexError unless -n <= i < n and wraps negative i, as Python lists do.
"""
import json
import re

from affiliation_port import pr_from_events, vector_to_events
from tsb_ad_port import prf

VTA_POINT_TYPES = ['global', 'contextual', 'triangle', 'square', 'sawtooth', 'random_walk']


def vta_parse_output(output, data_name):
    """VisualTimeAnomaly `parse_output`; raises where the original raises."""
    if output.count('[') == output.count(']') + 1:
        # The published repair for answers cut off by max_tokens.
        if output.endswith(',') or output.endswith(' '):
            output = output.rstrip(', ')
        else:
            output = output.rstrip('0123456789').rstrip(', ')
        output += ']'
    trimmed = output[output.index('['):output.rindex(']') + 1]
    trimmed = '[]' if not re.search(r'\d', trimmed) else trimmed
    parsed = json.loads(trimmed)
    if data_name in VTA_POINT_TYPES:
        for item in parsed:
            if not isinstance(item, int):
                raise ValueError('Parsed output contains non-int items')
    else:
        for item in parsed:
            if not isinstance(item, list):
                raise ValueError('Parsed output contains non-dict items')
    return parsed


def vta_point_to_vector(points, length):
    vector = [0] * length
    for point in points:
        try:
            vector[int(point)] = 1
        except Exception:
            continue
    return vector


def vta_interval_to_vector(intervals, length, pred=True):
    """`interval_to_vector(interval, start=0, end=length, pred=True)`; OverflowError escapes."""
    vector = [0] * length
    for entry in intervals:
        if len(entry) != 2:
            continue
        try:
            start = int(entry[0])
            end = int(entry[1])
            end = end + 1 if pred else end
            start = min(max(start, 0), length)
            end = min(max(end, start), length)
            for i in range(start, end):
                vector[i] = 1
        except (ValueError, IndexError, TypeError):
            continue
    return vector


def anomllm_parse_output(output):
    """AnomLLM `parse_output` (the version whose `load_results` maps failures to None)."""
    trimmed = output[output.index('['):output.rindex(']') + 1]
    parsed = json.loads(trimmed)
    for item in parsed:
        if not isinstance(item, dict):
            raise ValueError('Parsed output contains non-dict items')
        if 'start' not in item or 'end' not in item:
            raise ValueError("Parsed output dictionaries must contain 'start' and 'end' keys")
    return parsed


def anomllm_interval_to_vector(intervals, length=1000):
    vector = [0] * length
    for entry in intervals:
        if type(entry) is not dict:
            assert len(entry) == 2
            entry = {'start': entry[0], 'end': entry[1]}
        start = int(entry['start'])
        end = int(entry['end'])
        start = min(max(start, 0), length)
        end = min(max(end, start), length)
        for i in range(start, end):
            vector[i] = 1
    return vector


def scale_result_str(text, scale=0.3):
    return re.sub(r'\d+', lambda match: str(int(int(match.group()) / scale)), text)


def _affiliation_prf(gt, prediction):
    events_pred = vector_to_events(prediction)
    precision, recall = pr_from_events(events_pred, vector_to_events(gt), (0, len(prediction)))
    f1 = 0 if precision + recall == 0 else 2 * (precision * recall) / (precision + recall)
    return precision, recall, f1


def _rounded(gt, prediction):
    precision, recall, f1 = prf(gt, prediction)
    a_precision, a_recall, a_f1 = _affiliation_prf(gt, prediction)
    return [round(v, 3) for v in (precision, recall, f1, a_precision, a_recall, a_f1)]


def vta_compute_metrics(gt, prediction):
    """VisualTimeAnomaly `compute_metrics` (the all-zero truth case exits the script there)."""
    if sum(1 for v in gt if v != 0) == 0:
        raise SystemExit('ground truth is all zero!!!')
    if sum(1 for v in prediction if v != 0) == 0:
        return [0, 0, 0, 0, 0, 0]
    return _rounded(gt, prediction)


def anomllm_compute_metrics(gt, prediction):
    """AnomLLM `compute_metrics`: None → 0; both empty → 1; one empty → 0; else rounded to 3 dp."""
    if prediction is None:
        return [0, 0, 0, 0, 0, 0]
    gt_empty = sum(1 for v in gt if v != 0) == 0
    pred_empty = sum(1 for v in prediction if v != 0) == 0
    if gt_empty and pred_empty:
        return [1, 1, 1, 1, 1, 1]
    if gt_empty or pred_empty:
        return [0, 0, 0, 0, 0, 0]
    return _rounded(gt, prediction)
