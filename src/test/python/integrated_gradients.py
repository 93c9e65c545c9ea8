#!/usr/bin/python3
"""Golden integrated gradients for neuronlens' exact walk, from PyTorch autograd.

An implementation independent of the Java code and of its method: PyTorch builds the seed's
784-128-10 network from ../shared/seed/model.weights.h5 (read with h5py), takes the gradient of a
class's logit with respect to the rescaled input by autograd, in float64, at the midpoints of
N = 100,000 equal steps of the straight path from a black image to the image, and averages them
(a Riemann sum, the way libraries compute integrated gradients, here fine enough to be the truth:
the gradient is constant between a unit's switches, so each switch costs the sum at most half a
step's share of the jump there, about 1e-5 of an attribution with fewer than 100 switches).
Images: MNIST test images 0 (a 7), 1 (a 2) and 8 (a 5 the seed's model takes for a 6), each for
its predicted and its true class. Written rounded to float32.

Regenerate (needs Debian's python3-torch and python3-h5py, hence the system interpreter, and MNIST
in neuronlens' cache, which `./neuronlens data fetch` fills):
  /usr/bin/python3 src/test/python/integrated_gradients.py \
      > src/test/resources/reference/integrated_gradients.json
"""
import gzip
import json
import os
import sys

import h5py
import numpy as np
import torch

STEPS = 100_000
CHUNK = 5_000
IMAGES = [0, 1, 8]


def cache_dir():
    root = os.environ.get("NEURONLENS_CACHE")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(xdg, "neuronlens")
    return os.path.join(root, "mnist")


def idx(name):
    path = os.path.join(cache_dir(), name)
    if os.path.exists(path):
        return open(path, "rb").read()
    return gzip.open(path + ".gz", "rb").read()


def main():
    with h5py.File(os.path.join("..", "shared", "seed", "model.weights.h5"), "r") as f:
        w1 = torch.tensor(np.array(f["layers/dense/vars/0"]), dtype=torch.float64)
        b1 = torch.tensor(np.array(f["layers/dense/vars/1"]), dtype=torch.float64)
        w2 = torch.tensor(np.array(f["layers/dense_1/vars/0"]), dtype=torch.float64)
        b2 = torch.tensor(np.array(f["layers/dense_1/vars/1"]), dtype=torch.float64)
    images = np.frombuffer(idx("t10k-images-idx3-ubyte"), np.uint8, offset=16).reshape(-1, 784)
    labels = np.frombuffer(idx("t10k-labels-idx1-ubyte"), np.uint8, offset=8)

    def logits(x):
        return torch.relu(x @ w1 + b1) @ w2 + b2

    out = []
    for i in IMAGES:
        # the model's input: each pixel times the float32 1/255, as the Rescaling layer computes it
        x = torch.tensor(images[i].astype(np.float32) * np.float32(1 / 255), dtype=torch.float64)
        predicted = int(torch.argmax(logits(x)))
        for c in sorted({predicted, int(labels[i])}):
            total = torch.zeros(784, dtype=torch.float64)
            for start in range(0, STEPS, CHUNK):
                alpha = (torch.arange(start, start + CHUNK, dtype=torch.float64) + 0.5) / STEPS
                points = (alpha[:, None] * x[None, :]).requires_grad_(True)
                logits(points)[:, c].sum().backward()
                total += points.grad.sum(dim=0)
            attributions = x * total / STEPS
            out.append({
                "index": i,
                "label": int(labels[i]),
                "predicted": predicted,
                "class": c,
                "logit": float(logits(x)[c]),
                "baseline_logit": float(logits(torch.zeros(784, dtype=torch.float64))[c]),
                "attributions": [float(np.float32(a)) for a in attributions],
            })
    json.dump({"steps": STEPS, "images": out}, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
