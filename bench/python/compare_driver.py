"""Reads comparison cases as JSON lines on stdin and writes one JSON result line per case.

Run by bench/compare-parsers.ts, bench/compare-metrics.ts and test/claims/compare.test.ts:
`python3 bench/python/compare_driver.py < cases.jsonl`. Each case is {"op": ..., ...}; see
`handle` for the ops. Python values are encoded so that JavaScript reads them unambiguously:
floats stay numbers except NaN/±inf (strings "NaN", "Infinity", "-Infinity"), ints become floats
(an int beyond the float range becomes ±sys.float_info.max, as our `pyToJs` clamps it).
"""
import io
import json
import math
import sys
import tokenize

sys.setrecursionlimit(1000)  # CPython's default; json's C scanner has its own recursion guard.

from published_port import (anomllm_compute_metrics, anomllm_interval_to_vector,
                            anomllm_parse_output, scale_result_str, vta_compute_metrics,
                            vta_interval_to_vector, vta_parse_output, vta_point_to_vector)
from affiliation_port import pr_from_events, vector_to_events
from tsb_ad_port import adjust_predicts, event_f1, prf, range_f1

VTA_DATA_NAME = {'points': 'global', 'ranges': 'trend', 'variates': 'triangle'}


def encode(value, bools_as_ints):
    if isinstance(value, bool):
        return int(value) if bools_as_ints else value
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return sys.float_info.max if value > 0 else -sys.float_info.max
    if isinstance(value, float):
        if math.isnan(value):
            return 'NaN'
        if math.isinf(value):
            return 'Infinity' if value > 0 else '-Infinity'
        return value
    if isinstance(value, list):
        return [encode(item, bools_as_ints) for item in value]
    if isinstance(value, dict):
        return {key: encode(item, bools_as_ints) for key, item in value.items()}
    return value


def runs(vector):
    """0/1 vector → half-open [start, end) runs, for a compact answer."""
    return [[s, e] for s, e in vector_to_events(vector)]


def number(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def to_vector(intervals, length):
    vector = [0] * length
    for s, e in intervals:
        for i in range(s, e):
            vector[i] = 1
    return vector


def parse_case(case):
    op = case['op']
    try:
        if op == 'vta':
            parsed = vta_parse_output(case['text'], VTA_DATA_NAME[case['kind']])
        else:
            text = case['text']
            if case.get('scale') is not None:
                text = scale_result_str(text, case['scale'])
            parsed = anomllm_parse_output(text)
    except BaseException as error:  # RecursionError included: load_results catches Exception
        return {'fail': type(error).__name__}
    # Parsing ran under CPython's default limit (what decides the answer); encoding a deep list
    # here must not hit it.
    sys.setrecursionlimit(10000)
    try:
        return vectorize(case, parsed)
    finally:
        sys.setrecursionlimit(1000)


def vectorize(case, parsed):
    op = case['op']
    out = {}
    out['ok'] = encode(parsed, op == 'vta' and case['kind'] != 'ranges')
    length = case['length']
    try:
        if op == 'vta' and case['kind'] == 'ranges':
            vector = vta_interval_to_vector(parsed, length)
        elif op == 'vta':
            vector = vta_point_to_vector(parsed, length)
        else:
            vector = anomllm_interval_to_vector(parsed, length)
        out['vector'] = runs(vector)
    except BaseException as error:
        out['vectorFail'] = type(error).__name__
    return out


def metrics_case(case):
    length = case['length']
    gt = to_vector(case['truth'], length)
    pred = to_vector(case['predicted'], length)
    out = {'pointwise': list(prf(gt, pred)), 'rangeBased': list(range_f1(gt, pred))}
    out['pointAdjusted'] = list(prf(gt, adjust_predicts(gt, pred)))
    if any(gt):
        precision, recall = pr_from_events(vector_to_events(pred), vector_to_events(gt),
                                           (0, length))
        out['affiliation'] = [number(precision), recall]
        out['event'] = list(event_f1(gt, pred))
        out['vta'] = vta_compute_metrics(gt, pred)
    out['anomllm'] = anomllm_compute_metrics(gt, pred)
    dropped = case.get('dropped')
    if dropped and any(gt):
        keep = [i for i in range(length) if i not in set(dropped)]
        gt_irr = [gt[i] for i in keep]
        if any(gt_irr):
            out['vtaIrregular'] = vta_compute_metrics(gt_irr, [pred[i] for i in keep])
    return out


def tokens_case(case):
    """Time-RA's `tokenize_code` (metrics/similarity.py) without its fallback, so the exception
    itself is compared: CPython's own `tokenize` module, not a port."""
    try:
        found = list(tokenize.generate_tokens(io.StringIO(case['text']).readline))
    except (tokenize.TokenError, IndentationError) as error:
        return {'error': type(error).__name__}
    return {'tokens': [token.string for token in found if token.string.strip()]}


def handle(case):
    if case['op'] == 'tokens':
        return tokens_case(case)
    if case['op'] in ('vta', 'anomllm'):
        return parse_case(case)
    if case['op'] == 'metrics':
        return metrics_case(case)
    raise ValueError('unknown op ' + str(case['op']))


def main():
    for line in sys.stdin:
        if line.strip() == '':
            continue
        sys.stdout.write(json.dumps(handle(json.loads(line)), allow_nan=False) + '\n')


if __name__ == '__main__':
    main()
