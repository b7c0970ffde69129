#!/usr/bin/env python3
"""PyTorch reference for src/test/scripts/engine-benchmark.sh: the same MLP, data, optimiser and batch size as
org.overparam.bench.EngineBenchmark. With a sparsity, the weights carry static ERK masks applied the way the
reference ITOP/RigL code does (gradients and weights multiplied by 0/1 masks around every step; topology updates
are not emulated). Reads the raw file the Java runner wrote. Debian's python3-torch 1.13, /usr/bin/python3.
Usage: engine_torch_reference.py <data.bin> <epochs> <threads> [sparsity] [repeats]: samples/s is the median of
[repeats] (default 3) runs, each with a fresh network."""
import resource, sys, time
import numpy as np
import torch

path, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sparsity = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 3
torch.set_num_threads(threads)
raw = open(path, 'rb').read()
n, d, c = np.frombuffer(raw[:12], dtype='<i4')
x = torch.from_numpy(np.frombuffer(raw[12:12 + 4 * n * d], dtype='<f4').reshape(n, d).copy())
y = torch.from_numpy(np.frombuffer(raw[12 + 4 * n * d:], dtype='<i4').astype(np.int64))
hidden = [256, 256] if d == 100 else [2048, 2048]


def erk_densities(shapes, density):
    """ERK (Evci et al., ICML 2020; org.overparam.itop.LayerDensities): density of layer l proportional to (n_in + n_out) / (n_in n_out), capped at 1."""
    dense = set()
    while True:
        budget = density * sum(a * b for a, b in shapes) - sum(shapes[i][0] * shapes[i][1] for i in dense)
        raw = {i: (a + b) / (a * b) for i, (a, b) in enumerate(shapes) if i not in dense}
        eps = budget / sum(raw[i] * shapes[i][0] * shapes[i][1] for i in raw)
        over = [i for i in raw if eps * raw[i] > 1]
        if not over:
            return [1.0 if i in dense else eps * raw[i] for i in range(len(shapes))]
        dense.update(over)


def run():
    """One training run with a fresh network: (samples/s, training accuracy of the last epoch)."""
    torch.manual_seed(1)
    layers, prev = [], d
    for h in hidden:
        layers += [torch.nn.Linear(prev, h), torch.nn.ReLU()]
        prev = h
    layers.append(torch.nn.Linear(prev, c))
    net = torch.nn.Sequential(*layers)
    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    masks = []
    if sparsity > 0:
        shapes = [(m.in_features, m.out_features) for m in linears]
        for m, dl in zip(linears, erk_densities(shapes, 1 - sparsity)):
            masks.append((torch.rand_like(m.weight) < dl).float())
        with torch.no_grad():
            for m, k in zip(linears, masks):
                m.weight.mul_(k)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True)
    loss_fn = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    correct = 0
    for epoch in range(epochs):
        perm = torch.randperm(n)
        correct = 0
        for i in range(0, n, 128):
            idx = perm[i:i + 128]
            out = net(x[idx])
            loss = loss_fn(out, y[idx])
            opt.zero_grad()
            loss.backward()
            for m, k in zip(linears, masks):
                m.weight.grad.mul_(k)
            opt.step()
            with torch.no_grad():
                for m, k in zip(linears, masks):
                    m.weight.mul_(k)
            correct += (out.argmax(1) == y[idx]).sum().item()
    return n * epochs / (time.perf_counter() - start), correct / n


results = sorted(run() for _ in range(repeats))
rate, accuracy = results[len(results) // 2]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
name = "PyTorch %s, %d thread%s" % (torch.__version__.split('+')[0], threads, "s" if threads > 1 else "")
if sparsity > 0:
    name = "PyTorch %d%% masks, %d thr" % (round(sparsity * 100), threads)
print("%-28s %10.0f %9.4f %9s %12s %12d" % (name, rate, accuracy, "-", "-", rss))
