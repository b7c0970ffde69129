#!/usr/bin/env python3
"""PyTorch reference for src/test/scripts/engine-benchmark.sh: the same MLP, data, optimiser and batch size as
org.overparam.bench.EngineBenchmark (dense; masks are not emulated). Reads the raw file the Java runner wrote.
Debian's python3-torch 1.13, /usr/bin/python3."""
import resource, sys, time
import numpy as np
import torch

path, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(1)
raw = open(path, 'rb').read()
n, d, c = np.frombuffer(raw[:12], dtype='<i4')
x = torch.from_numpy(np.frombuffer(raw[12:12 + 4 * n * d], dtype='<f4').reshape(n, d).copy())
y = torch.from_numpy(np.frombuffer(raw[12 + 4 * n * d:], dtype='<i4').astype(np.int64))
hidden = [256, 256] if d == 100 else [2048, 2048]
layers, prev = [], d
for h in hidden:
    layers += [torch.nn.Linear(prev, h), torch.nn.ReLU()]
    prev = h
layers.append(torch.nn.Linear(prev, c))
net = torch.nn.Sequential(*layers)
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
        opt.step()
        correct += (out.argmax(1) == y[idx]).sum().item()
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print("%-26s %12.0f %10.4f %12d" % ("PyTorch %s, %d thread(s)" % (torch.__version__.split('+')[0], threads),
                                     n * epochs / seconds, correct / n, rss))
