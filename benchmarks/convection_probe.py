"""Which ingredients let a plain PINN learn strong convection? (decision 0013)

u_t + beta u_x = 0 on x in [0, 2 pi) periodic, t in [0, 1], u(x, 0) = 1 + sin x; exact solution
1 + sin(x - beta t). A PINN of width 50 and depth 4 (the LRNR's size) in float32, 1,000 collocation
points, 256 initial points, 100 periodic boundary pairs. Prints the relative L2 error on a 128 x 101 grid.

Usage (PyTorch 1.13 from Debian: /usr/bin/python3):
  python3 benchmarks/convection_probe.py --beta 30 --inputs raw --optimizer adam --iterations 3000
  python3 benchmarks/convection_probe.py --beta 30 --inputs fourier --optimizer lbfgs --iterations 1500
  python3 benchmarks/convection_probe.py --beta 1,5,10,15,20,25,30 --inputs raw --optimizer lbfgs --iterations 700

--inputs: raw (x, t scaled to [-1, 1]), fourier (cos/sin x and cos/sin(k pi t), k = 1..8: pinnadapt's
--space-harmonics 1 --time-harmonics 8), fourier-x8 (also k = 1..8 harmonics of x). A comma-separated
--beta is a curriculum: each value is trained from the previous value's weights.
"""
import argparse
import math
import time

import torch


def features(kind, x, t):
    if kind == "raw":
        return torch.cat([x / math.pi - 1, 2 * t - 1], 1)
    k = torch.arange(1, 9, dtype=torch.float32)
    kx = k if kind == "fourier-x8" else torch.ones(1)
    return torch.cat([torch.cos(x * kx), torch.sin(x * kx), torch.cos(t * k * math.pi), torch.sin(t * k * math.pi)], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beta", default="30")
    ap.add_argument("--inputs", choices=["raw", "fourier", "fourier-x8"], default="raw")
    ap.add_argument("--optimizer", choices=["adam", "lbfgs"], default="adam")
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(a.seed)
    width = 50
    d = features(a.inputs, torch.zeros(1, 1), torch.zeros(1, 1)).shape[1]
    layers = [torch.nn.Linear(d, width), torch.nn.Tanh()]
    for _ in range(3):
        layers += [torch.nn.Linear(width, width), torch.nn.Tanh()]
    net = torch.nn.Sequential(*layers, torch.nn.Linear(width, 1))

    def u(x, t):
        return net(features(a.inputs, x, t))

    xi = torch.linspace(0, 2 * math.pi, 257)[:-1].reshape(-1, 1)
    tb = torch.linspace(0, 1, 101).reshape(-1, 1)
    gx, gt = torch.meshgrid(torch.linspace(0, 2 * math.pi, 128), torch.linspace(0, 1, 101), indexing="ij")
    gx, gt = gx.reshape(-1, 1), gt.reshape(-1, 1)
    start = time.time()
    for beta in [float(b) for b in a.beta.split(",")]:
        exact = lambda x, t: 1 + torch.sin(x - beta * t)  # noqa: E731

        def points():
            return (torch.rand(1000, 1) * 2 * math.pi).requires_grad_(), torch.rand(1000, 1).requires_grad_()

        def loss(x, t):
            v = u(x, t)
            vx, vt = torch.autograd.grad(v.sum(), (x, t), create_graph=True)
            res = ((vt + beta * vx) ** 2).mean()
            ic = ((u(xi, torch.zeros_like(xi)) - exact(xi, torch.zeros_like(xi))) ** 2).mean()
            bc = ((u(torch.zeros_like(tb), tb) - u(torch.full_like(tb, 2 * math.pi), tb)) ** 2).mean()
            return res + ic + bc

        if a.optimizer == "adam":  # fresh points every epoch, lr 1e-3 halved every quarter
            opt = torch.optim.Adam(net.parameters(), 1e-3)
            sched = torch.optim.lr_scheduler.StepLR(opt, max(1, a.iterations // 4), 0.5)
            for _ in range(a.iterations):
                opt.zero_grad()
                value = loss(*points())
                value.backward()
                opt.step()
                sched.step()
        else:  # fixed points, strong Wolfe line search
            x, t = points()
            opt = torch.optim.LBFGS(net.parameters(), lr=1, max_iter=a.iterations, history_size=50,
                                    line_search_fn="strong_wolfe", tolerance_grad=1e-9, tolerance_change=1e-12)

            def closure():
                opt.zero_grad()
                value = loss(x, t)
                value.backward()
                return value

            opt.step(closure)
            value = closure()
        with torch.no_grad():
            p, e = u(gx, gt), exact(gx, gt)
            rel = ((p - e).norm() / e.norm()).item()
        print(f"beta={beta:g} inputs={a.inputs} optimizer={a.optimizer} iterations={a.iterations} "
              f"loss={value.item():.3e} rel_l2={rel:.3e} seconds={time.time() - start:.0f}", flush=True)


if __name__ == "__main__":
    main()
