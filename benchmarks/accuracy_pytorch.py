#!/usr/bin/env python3
"""The plain-PyTorch side of `pinnadapt bench accuracy`: the same PINN, the same points and the same budget.

Cases (as in the bench):
  burgers    u_t + u u_x = (0.01/pi) u_xx on [-1,1]x[0,1], u(x,0) = -sin(pi x), u(+-1,t) = 0; 20x8 tanh;
             10,000 uniform collocation points, 256 initial and 256 boundary points; error: relative L2 on the
             256x100 grid x = linspace(-1,1,256), t = 0, 0.01, ..., 0.99 against the Cole-Hopf solution.
  kovasznay  Re = 40 on [-0.5,1]x[-0.5,1.5]; 50x4 tanh; 2,601 uniform collocation points, 80 evenly spaced
             boundary points per face (u, v); error: relative L2 of u and of v on the 101x101 grid.

Training: Adam (lr 1e-3, --adam-epochs) then torch.optim.LBFGS (strong Wolfe line search, history 50) until
the wall-clock budget; PyTorch's default initialization and raw inputs, as a plain script has them.
Derivatives with torch.autograd.grad(create_graph=True).

  /usr/bin/python3 benchmarks/accuracy_pytorch.py --case burgers --dtype float64 --time-limit 600 --json out.json
"""
import argparse
import json
import math
import time

import numpy as np
import torch


def mlp(din, width, depth, dout):
    layers = [torch.nn.Linear(din, width), torch.nn.Tanh()]
    for _ in range(depth - 1):
        layers += [torch.nn.Linear(width, width), torch.nn.Tanh()]
    layers.append(torch.nn.Linear(width, dout))
    return torch.nn.Sequential(*layers)


def grad(f, x):
    return torch.autograd.grad(f, x, torch.ones_like(f), create_graph=True)[0]


def gauss_hermite(n):
    """Golub-Welsch: nodes and weights of the Gauss-Hermite rule (weight exp(-z^2))."""
    off = np.sqrt(np.arange(1, n) / 2.0)
    vals, vecs = np.linalg.eigh(np.diag(off, 1) + np.diag(off, -1))
    return vals, np.sqrt(np.pi) * vecs[0, :] ** 2


def cole_hopf(x, t, nu, order=400):
    z, w = gauss_hermite(order)
    out = np.empty_like(x)
    for i, (xi, ti) in enumerate(zip(x, t)):
        if ti <= 0:
            out[i] = -np.sin(np.pi * xi)
            continue
        y = xi - np.sqrt(4 * nu * ti) * z
        e = -np.cos(np.pi * y) / (2 * np.pi * nu)
        k = w * np.exp(e - e.max())
        out[i] = -np.sum(k * np.sin(np.pi * y)) / np.sum(k)
    return out


class Burgers:
    nu = 0.01 / math.pi

    def __init__(self, dtype, gen):
        self.net = mlp(2, 20, 8, 1).to(dtype)
        x = torch.rand(10000, 1, generator=gen, dtype=dtype) * 2 - 1
        t = torch.rand(10000, 1, generator=gen, dtype=dtype)
        self.xc = torch.cat([x, t], 1).requires_grad_(True)
        xi = torch.linspace(-1, 1, 256, dtype=dtype).unsqueeze(1)
        self.x_ic = torch.cat([xi, torch.zeros_like(xi)], 1)
        self.u_ic = -torch.sin(math.pi * xi)
        tb = torch.linspace(0, 1, 128, dtype=dtype).unsqueeze(1)
        self.x_bc = torch.cat([torch.cat([-torch.ones_like(tb), torch.ones_like(tb)]), torch.cat([tb, tb])], 1)
        gx, gt = np.meshgrid(np.linspace(-1, 1, 256), np.arange(100) / 100.0, indexing="ij")
        self.grid = torch.tensor(np.stack([gx.ravel(), gt.ravel()], 1), dtype=dtype)
        self.exact = cole_hopf(gx.ravel(), gt.ravel(), self.nu)

    def loss(self):
        u = self.net(self.xc)
        g = grad(u, self.xc)
        u_x, u_t = g[:, 0:1], g[:, 1:2]
        u_xx = grad(u_x, self.xc)[:, 0:1]
        f = u_t + u * u_x - self.nu * u_xx
        return (f ** 2).mean() + ((self.net(self.x_ic) - self.u_ic) ** 2).mean() + (self.net(self.x_bc) ** 2).mean()

    def errors(self):
        with torch.no_grad():
            u = self.net(self.grid).double().numpy().ravel()
        return {"rel_l2": float(np.linalg.norm(u - self.exact) / np.linalg.norm(self.exact))}


class Kovasznay:
    re = 40.0

    def __init__(self, dtype, gen):
        self.lam = self.re / 2 - math.sqrt(self.re ** 2 / 4 + 4 * math.pi ** 2)
        self.net = mlp(2, 50, 4, 3).to(dtype)
        lo, hi = torch.tensor([-0.5, -0.5], dtype=dtype), torch.tensor([1.0, 1.5], dtype=dtype)
        self.xc = (lo + (hi - lo) * torch.rand(2601, 2, generator=gen, dtype=dtype)).requires_grad_(True)
        faces = []
        for fx in (True, False):
            for v in ((-0.5, 1.0) if fx else (-0.5, 1.5)):
                s = torch.linspace(-0.5, 1.5, 80, dtype=dtype) if fx else torch.linspace(-0.5, 1.0, 80, dtype=dtype)
                c = torch.full((80,), v, dtype=dtype)
                faces.append(torch.stack([c, s], 1) if fx else torch.stack([s, c], 1))
        self.xb = torch.cat(faces, 0)
        self.ub, self.vb, _ = self.exact(self.xb)
        gx, gy = torch.meshgrid(torch.linspace(-0.5, 1.0, 101, dtype=dtype), torch.linspace(-0.5, 1.5, 101, dtype=dtype),
                                indexing="ij")
        self.grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)

    def exact(self, xy):
        x, y = xy[:, 0:1], xy[:, 1:2]
        e = torch.exp(self.lam * x)
        return (1 - e * torch.cos(2 * math.pi * y), self.lam / (2 * math.pi) * e * torch.sin(2 * math.pi * y),
                0.5 * (1 - torch.exp(2 * self.lam * x)))

    def loss(self):
        out = self.net(self.xc)
        u, v, p = out[:, 0:1], out[:, 1:2], out[:, 2:3]
        gu, gv, gp = grad(u, self.xc), grad(v, self.xc), grad(p, self.xc)
        u_x, u_y, v_x, v_y = gu[:, 0:1], gu[:, 1:2], gv[:, 0:1], gv[:, 1:2]
        u_xx, u_yy = grad(u_x, self.xc)[:, 0:1], grad(u_y, self.xc)[:, 1:2]
        v_xx, v_yy = grad(v_x, self.xc)[:, 0:1], grad(v_y, self.xc)[:, 1:2]
        mx = u * u_x + v * u_y + gp[:, 0:1] - (u_xx + u_yy) / self.re
        my = u * v_x + v * v_y + gp[:, 1:2] - (v_xx + v_yy) / self.re
        ob = self.net(self.xb)
        return ((mx ** 2).mean() + (my ** 2).mean() + ((u_x + v_y) ** 2).mean()
                + ((ob[:, 0:1] - self.ub) ** 2).mean() + ((ob[:, 1:2] - self.vb) ** 2).mean())

    def errors(self):
        with torch.no_grad():
            out = self.net(self.grid)
        u, v, _ = self.exact(self.grid)
        rel = lambda a, b: float(torch.linalg.norm(a - b) / torch.linalg.norm(b))
        return {"rel_l2_u": rel(out[:, 0:1], u), "rel_l2_v": rel(out[:, 1:2], v)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", choices=["burgers", "kovasznay"], required=True)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float64")
    p.add_argument("--time-limit", type=float, default=600)
    p.add_argument("--adam-epochs", type=int, default=None, help="default 2000 (burgers), 3000 (kovasznay)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", default=None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    gen = torch.Generator().manual_seed(a.seed)
    case = Burgers(dtype, gen) if a.case == "burgers" else Kovasznay(dtype, gen)
    adam_epochs = a.adam_epochs or (2000 if a.case == "burgers" else 3000)
    curve = []
    start = time.perf_counter()
    opt = torch.optim.Adam(case.net.parameters(), lr=1e-3)
    epochs = 0
    for epochs in range(1, adam_epochs + 1):
        opt.zero_grad(set_to_none=True)
        loss = case.loss()
        loss.backward()
        opt.step()
        if epochs % 50 == 0:
            curve.append([time.perf_counter() - start, case.errors()])
        if time.perf_counter() - start > a.time_limit:
            break
    lbfgs = torch.optim.LBFGS(case.net.parameters(), lr=1, max_iter=50, history_size=50, tolerance_grad=1e-12,
                              tolerance_change=1e-15, line_search_fn="strong_wolfe")
    iters = 0

    def closure():
        lbfgs.zero_grad(set_to_none=True)
        l = case.loss()
        l.backward()
        return l

    while time.perf_counter() - start < a.time_limit:
        loss = lbfgs.step(closure)
        iters = lbfgs.state[lbfgs._params[0]]["n_iter"]
        curve.append([time.perf_counter() - start, case.errors()])
        if not math.isfinite(loss.item()):
            break
    seconds = time.perf_counter() - start
    errors = case.errors()
    print(f"{a.case} {a.dtype} seed {a.seed}: {errors} after {epochs} Adam epochs + {iters} L-BFGS iterations, "
          f"{seconds:.0f} s", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"case": a.case, "dtype": a.dtype, "seed": a.seed, "time_limit": a.time_limit,
                       "adam_epochs": epochs, "lbfgs_iterations": iters, "seconds": seconds, "errors": errors,
                       "curve": curve, "torch": torch.__version__, "threads": a.threads}, f, indent=1)


if __name__ == "__main__":
    main()
