"""Pure-Python port (no numpy) of the threshold-free metrics TSB-AD ranks by.

Follows TSB-AD's evaluation/basic_metrics.py definitions step by step, on whole arrays as TSB-AD
does (no loop reorganisation), so it checks src/grade/score-curves.ts independently:
  - AUC-ROC: scikit-learn roc_auc_score (trapezoids over the ROC curve at distinct thresholds)
  - AUC-PR: scikit-learn average_precision_score
  - VUS-ROC / VUS-PR: generate_curve(label, score, window, version="opt", thre=250)

Reads JSON cases on stdin: [{"labels": [0/1...], "scores": [...], "window": int}, ...]
Writes JSON on stdout: [{"aucRoc", "aucPr", "vusRoc", "vusPr"} with null for undefined values].
"""
import json
import math
import sys


def segments(label):
    """Inclusive [start, end] runs of 1s (range_convers_new)."""
    out, start = [], None
    for i, v in enumerate(label):
        if v == 1 and start is None:
            start = i
        if v != 1 and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(label) - 1))
    return out


def roc_curve_points(label, score):
    order = sorted(range(len(score)), key=lambda i: -score[i])
    tps, fps, tp, fp = [0], [0], 0, 0
    for rank, i in enumerate(order):
        tp += label[i]
        fp += 1 - label[i]
        if rank == len(order) - 1 or score[order[rank + 1]] != score[i]:
            tps.append(tp)
            fps.append(fp)
    return tps, fps


def roc_auc(label, score):
    tps, fps = roc_curve_points(label, score)
    p, n = tps[-1], fps[-1]
    if p == 0 or n == 0:
        return None
    area = 0.0
    for k in range(1, len(tps)):
        area += (fps[k] / n - fps[k - 1] / n) * (tps[k] / p + tps[k - 1] / p) / 2
    return area


def average_precision(label, score):
    tps, fps = roc_curve_points(label, score)
    p = tps[-1]
    if p == 0:
        return None
    ap, prev = 0.0, 0.0
    for k in range(1, len(tps)):
        recall = tps[k] / p
        ap += (recall - prev) * (tps[k] / (tps[k] + fps[k]))
        prev = recall
    return ap


def new_sequence(length, seq, window):
    half = window // 2
    a = max(seq[0][0] - half, 0)
    out = []
    for i in range(len(seq) - 1):
        if seq[i][1] + half < seq[i + 1][0] - half:
            out.append((a, seq[i][1] + half))
            a = seq[i + 1][0] - half
    out.append((a, min(seq[-1][1] + half, length - 1)))
    return out


def sequencing(label, seq, window):
    ext = [float(v) for v in label]
    n, half = len(ext), window // 2
    for s, e in seq:
        for x in range(e + 1, min(e + half + 1, n)):
            ext[x] += math.sqrt(1 - (x - e) / window)
        for x in range(max(s - half, 0), s):
            ext[x] += math.sqrt(1 - (s - x) / window)
    return [min(1.0, v) for v in ext]


def linspace_int(stop, num):
    if num == 1:
        return [0]
    step = stop / (num - 1)
    return [int(k * step) for k in range(num - 1)] + [stop]


def vus(label, score, window_size, thre=250):
    n = len(score)
    p = sum(label)
    seq = segments(label)
    if p == 0 or p == n:
        return None, None
    l_big = new_sequence(n, seq, window_size)
    score_sorted = sorted(score, reverse=True)
    levels = [score_sorted[i] for i in linspace_int(n - 1, thre)]
    n_pred = [sum(1 for v in score if v >= t) for t in levels]
    auc_sum, ap_sum = 0.0, 0.0
    for window in range(window_size + 1):
        ext = sequencing(label, seq, window)
        segs = new_sequence(n, seq, window)
        tpr, fpr, prec = [0.0], [0.0], [1.0]
        for j, t in enumerate(levels):
            pred = [1 if v >= t else 0 for v in score]
            labels = list(ext)
            existence = 0
            for s, e in segs:
                for x in range(s, e + 1):
                    labels[x] = ext[x] * pred[x]
                if any(pred[s:e + 1]):
                    existence += 1
            for s, e in seq:
                for x in range(s, e + 1):
                    labels[x] = 1.0
            tp, n_labels = 0.0, 0.0
            for s, e in l_big:
                for x in range(s, e + 1):
                    tp += labels[x] * pred[x]
                    n_labels += labels[x]
            fp = n_pred[j] - tp
            p_new = (p + n_labels) / 2
            recall = min(tp / p_new, 1)
            tpr.append(recall * existence / len(segs))
            fpr.append(fp / (n - p_new))
            prec.append(tp / n_pred[j])
        tpr.append(1.0)
        fpr.append(1.0)
        auc = sum((fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i]) / 2 for i in range(thre + 1))
        ap = sum((tpr[i + 1] - tpr[i]) * prec[i + 1] for i in range(thre))
        auc_sum += auc
        ap_sum += ap
    return auc_sum / (window_size + 1), ap_sum / (window_size + 1)


def main():
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        label, score, window = case["labels"], case["scores"], case["window"]
        vus_roc, vus_pr = vus(label, score, window, case.get("thresholds", 250))
        out.append({
            "aucRoc": roc_auc(label, score),
            "aucPr": average_precision(label, score),
            "vusRoc": vus_roc,
            "vusPr": vus_pr,
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
