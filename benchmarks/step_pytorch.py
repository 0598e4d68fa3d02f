#!/usr/bin/env python3
"""The reference of `pinnadapt bench step`: the same Burgers PINN training step in plain PyTorch.

u_t + u u_x = (0.01/pi) u_xx on [-1,1] x [0,1], u(x,0) = -sin(pi x), u(+-1,t) = 0; MLP 2-64x4-1 tanh;
10,000 collocation + 128 initial + 128 boundary points; float32; full-batch Adam (lr 1e-3). Derivatives
with the standard torch.autograd.grad(create_graph=True), as DeepXDE and most PINN codes do.

Runs with Debian's python3-torch (PyTorch 1.13): /usr/bin/python3 benchmarks/step_pytorch.py
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--points", type=int, default=10000)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", default=None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)

    layers = [torch.nn.Linear(2, a.width), torch.nn.Tanh()]
    for _ in range(a.depth - 1):
        layers += [torch.nn.Linear(a.width, a.width), torch.nn.Tanh()]
    layers += [torch.nn.Linear(a.width, 1)]
    net = torch.nn.Sequential(*layers)
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_normal_(m.weight)
            torch.nn.init.zeros_(m.bias)

    nu = 0.01 / math.pi
    x = torch.rand(a.points, 1) * 2 - 1
    t = torch.rand(a.points, 1)
    xc = torch.cat([x, t], dim=1).requires_grad_(True)
    xi = torch.rand(128, 1) * 2 - 1
    x_ic = torch.cat([xi, torch.zeros_like(xi)], dim=1)
    u_ic = -torch.sin(math.pi * xi)
    tb = torch.rand(128, 1)
    x_bc = torch.cat([torch.cat([-torch.ones(64, 1), torch.ones(64, 1)]), tb], dim=1)
    u_bc = torch.zeros(128, 1)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        u = net(xc)
        g = torch.autograd.grad(u, xc, torch.ones_like(u), create_graph=True)[0]
        u_x, u_t = g[:, 0:1], g[:, 1:2]
        u_xx = torch.autograd.grad(u_x, xc, torch.ones_like(u_x), create_graph=True)[0][:, 0:1]
        f = u_t + u * u_x - nu * u_xx
        loss = (f ** 2).mean() + ((net(x_ic) - u_ic) ** 2).mean() + ((net(x_bc) - u_bc) ** 2).mean()
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    before = rss_mb()
    times = []
    loss = float("nan")
    for _ in range(a.steps):
        t0 = time.perf_counter()
        loss = step()
        times.append((time.perf_counter() - t0) * 1000)
    after = rss_mb()
    times.sort()
    q = statistics.quantiles(times, n=10)
    out = {
        "implementation": "PyTorch %s, autograd.grad(create_graph=True)" % torch.__version__,
        "points": a.points, "width": a.width, "depth": a.depth, "steps": a.steps, "threads": a.threads,
        "median_ms": statistics.median(times), "p10_ms": q[0], "p90_ms": q[-1],
        "rss_before_mb": before, "rss_after_mb": after, "rss_growth_mb": after - before, "final_loss": loss,
    }
    print("pytorch step: median %.2f ms (p10 %.2f, p90 %.2f) over %d steps; RSS %.0f -> %.0f MB"
          % (out["median_ms"], out["p10_ms"], out["p90_ms"], a.steps, before, after))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())
