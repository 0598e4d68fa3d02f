#!/usr/bin/env python3
"""The reference of `pinnadapt bench accuracy --case transfer`: the matched Kovasznay LoRA transfer in plain PyTorch.

Setting (issue 15, verbatim): Kovasznay on [0,1]^2, tanh MLP 2-64x5-3 (17,027 parameters), 2,601 uniform
random interior points, 320 boundary points (80 evenly spaced per face, u and v Dirichlet; p pinned on the
80 points of x = 1), unit loss weights, Adam lr 1e-3 constant, float32; base at Re=20 for 1,254 epochs; then
LoRA rank 4 on all 6 weight matrices (B zero, A Kaiming-uniform, W0 and biases frozen) at Re=60 for 2,000
epochs. Error: MSE(u,v) = mean over the 51x51 grid linspace(0,1,51)^2 of ((u-u*)^2+(v-v*)^2)/2, and the
relative L2 of (u,v).

Derivatives with torch.autograd.grad(create_graph=True), as DeepXDE and most PINN codes do. The options
after the setting switch one factor at a time to what pinnadapt did before issue 15 (the ablation of
docs/decisions/0014-accuracy-at-equal-cost.md):
  --init xavier          Xavier-normal weights and zero biases (pinnadapt's init) instead of PyTorch's default
  --bc random            boundary points drawn at random on each face instead of evenly spaced
  --gauge none           no pressure condition (p free up to a constant)
  --bc-norm joint        one boundary term: the mean over points and the u, v components, instead of one
                         term per field
  --lora-a gaussian      A ~ N(0, 1/in) instead of Kaiming-uniform
  --restore-best         evaluate the weights of the epoch with the lowest validation loss (1,000 held-out
                         points, every 10 epochs) instead of the last ones

Runs with Debian's python3-torch (PyTorch 1.13):
  /usr/bin/python3 benchmarks/kovasznay_lora_transfer.py --seed 1 --json out.json
"""
import argparse
import json
import math
import time

import torch


def lam(re):
    return re / 2 - math.sqrt(re * re / 4 + 4 * math.pi * math.pi)


def exact(xy, re):
    l = lam(re)
    x, y = xy[:, 0:1], xy[:, 1:2]
    e = torch.exp(l * x)
    u = 1 - e * torch.cos(2 * math.pi * y)
    v = l / (2 * math.pi) * e * torch.sin(2 * math.pi * y)
    p = 0.5 * (1 - torch.exp(2 * l * x))
    return u, v, p


def boundary(n_face, layout, gen):
    if layout == "even":
        s = torch.linspace(0, 1, n_face).unsqueeze(1)
    else:
        s = None
    faces = []
    for fixed_x in (True, False):
        for value in (0.0, 1.0):
            t = s if s is not None else torch.rand(n_face, 1, generator=gen)
            c = torch.full((n_face, 1), value)
            faces.append(torch.cat([c, t], 1) if fixed_x else torch.cat([t, c], 1))
    return torch.cat(faces, 0), faces[1]  # all faces, and the face x = 1


class LoraMlp(torch.nn.Module):
    """An MLP whose weights are W0 + B A on every layer once LoRA is enabled."""

    def __init__(self, width, depth, init):
        super().__init__()
        dims = [2] + [width] * depth + [3]
        self.layers = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        if init == "xavier":
            for m in self.layers:
                torch.nn.init.xavier_normal_(m.weight)
                torch.nn.init.zeros_(m.bias)
        self.lora = None

    def enable_lora(self, rank, a_init, gen):
        for p in self.parameters():
            p.requires_grad_(False)
        self.lora = torch.nn.ParameterList()
        for m in self.layers:
            out_f, in_f = m.weight.shape
            a = torch.empty(rank, in_f)
            if a_init == "kaiming":
                torch.nn.init.kaiming_uniform_(a, a=math.sqrt(5))  # loralib's choice: U(-1/sqrt(in), 1/sqrt(in))
            else:
                a.normal_(0, 1 / math.sqrt(in_f), generator=gen)
            self.lora.append(torch.nn.Parameter(torch.zeros(out_f, rank)))
            self.lora.append(torch.nn.Parameter(a))

    def forward(self, x):
        h = x
        for i, m in enumerate(self.layers):
            w = m.weight if self.lora is None else m.weight + self.lora[2 * i] @ self.lora[2 * i + 1]
            h = torch.nn.functional.linear(h, w, m.bias)
            if i < len(self.layers) - 1:
                h = torch.tanh(h)
        return h


def residuals(net, xy, re):
    out = net(xy)
    u, v, p = out[:, 0:1], out[:, 1:2], out[:, 2:3]

    def grad(f):
        return torch.autograd.grad(f, xy, torch.ones_like(f), create_graph=True)[0]

    gu, gv, gp = grad(u), grad(v), grad(p)
    u_x, u_y, v_x, v_y = gu[:, 0:1], gu[:, 1:2], gv[:, 0:1], gv[:, 1:2]
    u_xx, u_yy = grad(u_x)[:, 0:1], grad(u_y)[:, 1:2]
    v_xx, v_yy = grad(v_x)[:, 0:1], grad(v_y)[:, 1:2]
    mx = u * u_x + v * u_y + gp[:, 0:1] - (u_xx + u_yy) / re
    my = u * v_x + v * v_y + gp[:, 1:2] - (v_xx + v_yy) / re
    return mx, my, u_x + v_y


class Problem:
    def __init__(self, re, a, gen):
        self.re = re
        self.xy = torch.rand(a.collocation, 2, generator=gen).requires_grad_(True)
        self.val = torch.rand(1000, 2, generator=gen).requires_grad_(True)
        self.xb, x1 = boundary(a.boundary // 4, a.bc, gen)
        self.ub, self.vb, _ = exact(self.xb, re)
        self.x1 = x1
        self.p1 = exact(x1, re)[2]
        self.gauge = a.gauge
        self.bc_norm = a.bc_norm

    def loss(self, net, xy=None):
        mx, my, c = residuals(net, self.xy if xy is None else xy, self.re)
        loss = (mx ** 2).mean() + (my ** 2).mean() + (c ** 2).mean()
        ob = net(self.xb)
        if self.bc_norm == "joint":
            loss = loss + ((ob[:, 0:2] - torch.cat([self.ub, self.vb], 1)) ** 2).mean()
        else:
            loss = loss + ((ob[:, 0:1] - self.ub) ** 2).mean() + ((ob[:, 1:2] - self.vb) ** 2).mean()
        if self.gauge == "pin":
            loss = loss + ((net(self.x1)[:, 2:3] - self.p1) ** 2).mean()
        return loss


def train(net, problem, epochs, lr, restore_best):
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)
    best, best_state = float("inf"), None
    loss = float("nan")
    for epoch in range(epochs):
        opt.zero_grad(set_to_none=True)
        l = problem.loss(net)
        l.backward()
        opt.step()
        loss = l.item()
        if restore_best and ((epoch + 1) % 10 == 0 or epoch == epochs - 1):
            v = problem.loss(net, problem.val).item()
            if v < best:
                best, best_state = v, [p.detach().clone() for p in params]
    if restore_best and best_state is not None:
        with torch.no_grad():
            for p, b in zip(params, best_state):
                p.copy_(b)
    return loss


def evaluate(net, re):
    g = torch.linspace(0, 1, 51)
    gx, gy = torch.meshgrid(g, g, indexing="ij")
    xy = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
    with torch.no_grad():
        out = net(xy)
    u, v, _ = exact(xy, re)
    du, dv = out[:, 0:1] - u, out[:, 1:2] - v
    mse = ((du ** 2 + dv ** 2) / 2).mean().item()
    rel = math.sqrt(((du ** 2).sum() + (dv ** 2).sum()).item() / ((u ** 2).sum() + (v ** 2).sum()).item())
    return mse, rel


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--depth", type=int, default=5)
    p.add_argument("--collocation", type=int, default=2601)
    p.add_argument("--boundary", type=int, default=320)
    p.add_argument("--base-epochs", type=int, default=1254)
    p.add_argument("--epochs", type=int, default=2000)
    p.add_argument("--rank", type=int, default=4)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--base-re", type=float, default=20)
    p.add_argument("--re", type=float, default=60)
    p.add_argument("--init", choices=["torch", "xavier"], default="torch")
    p.add_argument("--bc", choices=["even", "random"], default="even")
    p.add_argument("--gauge", choices=["pin", "none"], default="pin")
    p.add_argument("--bc-norm", choices=["per-field", "joint"], default="per-field")
    p.add_argument("--lora-a", choices=["kaiming", "gaussian"], default="kaiming")
    p.add_argument("--restore-best", action="store_true")
    p.add_argument("--json", default=None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)

    net = LoraMlp(a.width, a.depth, a.init)
    start = time.perf_counter()
    base_loss = train(net, Problem(a.base_re, a, gen), a.base_epochs, a.lr, a.restore_best)
    base_s = time.perf_counter() - start
    base_mse, base_rel = evaluate(net, a.base_re)
    net.enable_lora(a.rank, a.lora_a, gen)
    start = time.perf_counter()
    loss = train(net, Problem(a.re, a, gen), a.epochs, a.lr, a.restore_best)
    lora_s = time.perf_counter() - start
    mse, rel = evaluate(net, a.re)
    result = {
        "seed": a.seed, "factors": {k: getattr(a, k) for k in ("init", "bc", "gauge", "bc_norm", "lora_a")},
        "restore_best": a.restore_best,
        "base": {"re": a.base_re, "epochs": a.base_epochs, "loss": base_loss, "mse_uv": base_mse,
                 "rel_l2_uv": base_rel, "seconds": base_s},
        "lora": {"re": a.re, "epochs": a.epochs, "rank": a.rank, "loss": loss, "mse_uv": mse, "rel_l2_uv": rel,
                 "seconds": lora_s},
        "torch": torch.__version__, "threads": a.threads,
    }
    print(f"seed {a.seed} base Re={a.base_re:g}: mse {base_mse:.3e} rel {base_rel:.3e} ({base_s:.0f} s); "
          f"lora Re={a.re:g}: loss {loss:.3e} mse {mse:.3e} rel {rel:.3e} ({lora_s:.0f} s)", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
