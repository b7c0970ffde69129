#!/usr/bin/env python3
# Reference values for ConfidentLearningReferenceTest: confident learning (thresholds, confident joint,
# calibrated joint, issues by prune-by-noise-rate ranked by self-confidence) computed independently
# with numpy, as docs/guide-label-issues.md describes it (cleanlab is not installable here; its
# rounding and tie rules differ slightly, see the guide). numpy 1.24.2.
# Usage (from the repository root): python3 test-data/scripts/confident_learning_reference.py
# Writes test-data/reference/confident-learning-input.csv and confident-learning-expected.txt.
import numpy as np


def confident_learning(given, P, C):
    n = len(given)
    counts = np.bincount(given, minlength=C)
    t = np.array([P[given == j, j].mean() if counts[j] else np.inf for j in range(C)])
    ok = P >= t - 1e-9
    conf = np.where(ok.any(1), np.where(ok, P, -1).argmax(1), -1)
    J = np.zeros((C, C), int)
    for i in range(n):
        if conf[i] >= 0:
            J[given[i], conf[i]] += 1
    for k in range(C):
        if counts[k]:
            J[k, k] = max(J[k, k], 1)
    rs = J.sum(1, keepdims=True)
    S = np.where(rs > 0, J / np.where(rs > 0, rs, 1) * counts[:, None], 0.0)
    S = S / S.sum() * n
    cal = np.zeros((C, C), int)
    for a in range(C):  # largest remainders, keeping the row's total
        fl = np.floor(S[a] + 1e-9).astype(int)
        while fl.sum() < int(round(S[a].sum())):
            fl[int(np.argmax(S[a] - fl))] += 1
        cal[a] = fl
    m = cal.copy()
    for a in range(C):  # every class keeps one instance
        while m[a, a] < min(1, counts[a]):
            off = [(m[a, b], -b) for b in range(C) if b != a and m[a, b] > 0]
            if not off:
                break
            b = -max(off)[1]
            m[a, b] -= 1
            m[a, a] += 1
    mask = np.zeros(n, bool)
    for a in range(C):
        mem = np.where(given == a)[0]
        for b in range(C):
            cnt = min(m[a, b], len(mem))
            if b != a and cnt > 0:
                order = np.lexsort((mem, -(P[mem, b] - P[mem, a])))
                mask[mem[order[:cnt]]] = True
    mask &= P.argmax(1) != given
    issues = np.where(mask)[0]
    self_conf = P[issues, given[issues]]
    issues = issues[np.lexsort((issues, self_conf))]
    return t, J, cal, issues


rng = np.random.default_rng(5)
n, C = 80, 4
truth = rng.integers(0, C, n)
logits = rng.normal(0, 1, (n, C))
logits[np.arange(n), truth] += rng.uniform(0.5, 3.0, n)
P = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
P = np.round(P, 6)
P[:, -1] = np.round(1 - P[:, :-1].sum(1), 6)  # rows sum to 1 as written
given = truth.copy()
flip = rng.random(n) < 0.15
given[flip] = (truth[flip] + rng.integers(1, C, flip.sum())) % C
t, J, cal, issues = confident_learning(given, P, C)
with open("test-data/reference/confident-learning-input.csv", "w") as f:
    f.write("given," + ",".join("p%d" % j for j in range(C)) + "\n")
    for i in range(n):
        f.write("%d,%s\n" % (given[i], ",".join("%.6f" % p for p in P[i])))
with open("test-data/reference/confident-learning-expected.txt", "w") as f:
    f.write("# written by test-data/scripts/confident_learning_reference.py (numpy %s)\n" % np.__version__)
    f.write("thresholds " + " ".join(repr(float(x)) for x in t) + "\n")
    f.write("counts " + ";".join(" ".join(str(v) for v in row) for row in J) + "\n")
    f.write("calibrated " + ";".join(" ".join(str(v) for v in row) for row in cal) + "\n")
    f.write("issues " + " ".join(str(i) for i in issues) + "\n")
print("flipped", flip.sum(), "issues", len(issues), "joint", J.tolist(), "calibrated", cal.tolist())
