#!/usr/bin/env python3
"""The neuronlens seed recipe in plain PyTorch, for a speed and accuracy comparison.

784 -> Dense(128, ReLU) -> Dense(10, softmax), batch 50, 10 epochs, Keras-style Adam
(beta1 0.9, beta2 0.999, epsilon 1e-7 added to sqrt(v)), learning rate
ExponentialDecay(0.01, decay_steps = all steps, 0.1), sparse categorical cross-entropy,
train = first 55,000 MNIST training images, dev = last 5,000, test = 10,000.

Reads the raw IDX files from the neuronlens cache ($NEURONLENS_CACHE/mnist, else
~/.cache/neuronlens/mnist); run `neuronlens data fetch` (or any neuronlens training) once
to fill it. Run with an interpreter that has torch, e.g. Debian's python3-torch:

    /usr/bin/python3 benchmarks/pytorch/train_mnist.py [--epochs N] [--threads N]
"""

import argparse
import gzip
import math
import os
import struct
import sys
import time
from pathlib import Path

import numpy as np
import torch

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
DEV_SIZE = 5000


def cache_dir():
    """Where neuronlens keeps MNIST: $NEURONLENS_CACHE/mnist, else ~/.cache/neuronlens/mnist."""
    root = os.environ.get("NEURONLENS_CACHE")
    if root:
        return Path(root) / "mnist"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "neuronlens" / "mnist"


def read_idx(path):
    """An IDX file (optionally gzipped) as a uint8 numpy array of its declared shape."""
    if not path.exists() and Path(str(path) + ".gz").exists():
        path = Path(str(path) + ".gz")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: expected an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load(directory):
    arrays = {}
    for key, name in FILES.items():
        path = directory / name
        if not path.exists() and not Path(str(path) + ".gz").exists():
            sys.exit(f"{path}: not found; run neuronlens once to fetch MNIST into the cache")
        arrays[key] = read_idx(path)

    def images(a):
        # Keras' Rescaling: float32 multiply by 1/255.
        return torch.from_numpy(a.reshape(len(a), -1).astype(np.float32)) * np.float32(1 / 255)

    def labels(a):
        return torch.from_numpy(a.astype(np.int64))

    n = len(arrays["train_labels"]) - DEV_SIZE
    x, y = images(arrays["train_images"]), labels(arrays["train_labels"])
    return (x[:n], y[:n]), (x[n:], y[n:]), (images(arrays["test_images"]),
                                           labels(arrays["test_labels"]))


def glorot(fan_in, fan_out, gen):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(fan_in, fan_out, generator=gen) * 2 - 1) * limit


class KerasAdam:
    """Keras 3's Adam by hand: alpha = lr*sqrt(1-b2^t)/(1-b1^t); p -= alpha*m/(sqrt(v)+eps)."""

    def __init__(self, params, schedule, beta1=0.9, beta2=0.999, epsilon=1e-7):
        self.params = params
        self.schedule = schedule
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.iterations = 0

    @torch.no_grad()
    def step(self):
        t = self.iterations + 1
        lr = self.schedule(self.iterations)
        alpha = lr * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.mul_(self.beta1).add_(g, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(g, g, value=1 - self.beta2)
            p.sub_(alpha * m / (v.sqrt() + self.epsilon))
            p.grad = None
        self.iterations += 1


def forward(x, params):
    w1, b1, w2, b2 = params
    return torch.relu(x @ w1 + b1) @ w2 + b2


@torch.no_grad()
def evaluate(x, y, params):
    logits = forward(x, params)
    loss = torch.nn.functional.cross_entropy(logits, y).item()
    return loss, (logits.argmax(1) == y).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    (x_train, y_train), (x_dev, y_dev), (x_test, y_test) = load(cache_dir())
    gen = torch.Generator().manual_seed(args.seed)
    params = [glorot(784, 128, gen), torch.zeros(128), glorot(128, 10, gen), torch.zeros(10)]
    for p in params:
        p.requires_grad_(True)

    n = len(y_train)
    steps_per_epoch = (n + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    adam = KerasAdam(params, lambda step: 0.01 * 0.1 ** (step / total))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{n} train / {len(y_dev)} dev / {len(y_test)} test, {total} steps", flush=True)

    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        order = torch.randperm(n, generator=gen)
        loss_sum, correct = 0.0, 0
        for s in range(steps_per_epoch):
            idx = order[s * args.batch_size:(s + 1) * args.batch_size]
            xb, yb = x_train[idx], y_train[idx]
            logits = forward(xb, params)
            loss = torch.nn.functional.cross_entropy(logits, yb)
            loss.backward()
            adam.step()
            loss_sum += loss.item() * len(yb)
            correct += (logits.argmax(1) == yb).sum().item()
        dev_loss, dev_acc = evaluate(x_dev, y_dev, params)
        print(f"epoch {epoch}/{args.epochs}: loss {loss_sum / n:.4f} acc {correct / n:.4f}"
              f" dev_loss {dev_loss:.4f} dev_acc {dev_acc:.4f} ({time.perf_counter() - t0:.1f} s)",
              flush=True)
    seconds = time.perf_counter() - start
    _, test_acc = evaluate(x_test, y_test, params)
    print(f"training: {seconds:.2f} s for {total} steps ({seconds * 1000 / total:.3f} ms/step)")
    print(f"test accuracy: {test_acc:.4f}")


if __name__ == "__main__":
    main()
