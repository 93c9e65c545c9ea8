#!/usr/bin/python3
"""Golden values for neuronlens' forward, backward and Adam step, from PyTorch autograd.

An implementation independent of the Java code: PyTorch builds the same 784-H-10 network
(rescale 1/255, Dense + ReLU, Dense, softmax cross-entropy averaged over the batch), takes the
gradients by autograd and applies one Keras 3 Adam step written out explicitly, twice: from a
fresh state (iterations 0) and from a non-zero state (iterations 5, moments given by a formula).
Everything is computed in float64 from float32 inputs, so the fixture is the truth that the
float32 Java code approximates; arrays are written rounded to float32.

Inputs are given by integer formulas that Java reproduces bit-exactly (see ReferenceStepTest):
  pixel j of image i: 0 on a 4-pixel border (row or column < 4 or >= 24), else
                      v = (7*i + 13*j) % 256, kept if v >= 96 and 0 otherwise
  label of image i:   (3*i) % 10
  kernel element e (row-major, Keras layout (inputs, units)) of layer l:
                      ((7919*e) % 2001 - 1000) / 2**14 for layer 0, / 2**11 for layer 1
  bias element j:     ((37*j) % 11 - 5) / 2**8 for layer 0, ((13*j) % 7 - 3) / 2**9 for layer 1
  Adam state for the second step, element e of every variable:
                      m = ((e % 17) - 8) / 2**12, v = ((e % 13) + 1) / 2**20
All of these are small integers over powers of two, exactly representable in float32.
The fixture also records sums of the inputs so the Java test can check it rebuilt them exactly.

Regenerate (needs Debian's python3-torch, hence the system interpreter, not a pyenv one):
  /usr/bin/python3 src/test/python/reference_step.py > src/test/resources/reference/adam_step.json
"""
import json
import sys

import numpy as np
import torch

HIDDEN = 8
CLASSES = 10
ROWS = 8
INPUTS = 784
INITIAL_LR = 0.01
DECAY_STEPS = 1000
DECAY_RATE = 0.1
BETA_1 = 0.9
BETA_2 = 0.999
EPSILON = 1e-7


def pixels():
    px = np.zeros((ROWS, INPUTS), dtype=np.int64)
    for i in range(ROWS):
        for j in range(INPUTS):
            row, col = divmod(j, 28)
            if 4 <= row < 24 and 4 <= col < 24:
                v = (7 * i + 13 * j) % 256
                px[i, j] = v if v >= 96 else 0
    return px


def kernel(inputs, units, denominator):
    e = np.arange(inputs * units, dtype=np.int64)
    return (((7919 * e) % 2001 - 1000) / denominator).astype(np.float32).reshape(inputs, units)


def initial_variables():
    j1 = np.arange(HIDDEN, dtype=np.int64)
    j2 = np.arange(CLASSES, dtype=np.int64)
    return [
        kernel(INPUTS, HIDDEN, 2.0**14),
        (((37 * j1) % 11 - 5) / 2.0**8).astype(np.float32),
        kernel(HIDDEN, CLASSES, 2.0**11),
        (((13 * j2) % 7 - 3) / 2.0**9).astype(np.float32),
    ]


def nonzero_state(shape):
    e = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    return ((e % 17 - 8) / 2.0**12), ((e % 13 + 1) / 2.0**20)


def adam_step(params, grads, ms, vs, iterations):
    """Keras 3 Adam, one step, in float64: returns new params, m, v and the lr and alpha used.

    Keras' constants as Keras forms them for float32 variables: the bias correction raises
    beta cast to float32 to the power t; the moment updates multiply by (1 - beta) computed in
    Python and then cast to float32 (0.1f and 0.001f).
    """
    lr = INITIAL_LR * DECAY_RATE ** (iterations / DECAY_STEPS)  # ExponentialDecay, not staircase
    t = iterations + 1
    b1, b2 = float(np.float32(BETA_1)), float(np.float32(BETA_2))
    c1, c2 = float(np.float32(1 - BETA_1)), float(np.float32(1 - BETA_2))
    alpha = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
    out_p, out_m, out_v = [], [], []
    for p, g, m, v in zip(params, grads, ms, vs):
        m = m + (g - m) * c1
        v = v + (g * g - v) * c2
        out_p.append(p - alpha * m / (torch.sqrt(v) + EPSILON))
        out_m.append(m)
        out_v.append(v)
    return out_p, out_m, out_v, lr, alpha


def f32(tensors):
    """Rounds to float32 and writes each value in its shortest float32 form."""
    return [[float(repr(x)) for x in t.detach().numpy().astype(np.float32).ravel()]
            for t in tensors]


def main():
    px = pixels()
    rescale = np.float32(1) / np.float32(255)  # float32 division, as Java's 1f / 255f
    x = torch.tensor((px.astype(np.float32) * rescale).astype(np.float64))
    labels = torch.tensor([(3 * i) % 10 for i in range(ROWS)])
    init = initial_variables()
    params = [torch.tensor(a.astype(np.float64), requires_grad=True) for a in init]
    w1, b1, w2, b2 = params
    logits = torch.relu(x @ w1 + b1) @ w2 + b2
    loss = torch.nn.functional.cross_entropy(logits, labels)  # mean over the batch
    grads = torch.autograd.grad(loss, params)
    detached = [p.detach() for p in params]

    steps = []
    zeros = [torch.zeros_like(p) for p in detached]
    starts = [(0, zeros, zeros)]
    ms, vs = zip(*(nonzero_state(tuple(p.shape)) for p in detached))
    starts.append((5, [torch.tensor(m) for m in ms], [torch.tensor(v) for v in vs]))
    for iterations, m0, v0 in starts:
        p, m, v, lr, alpha = adam_step(detached, grads, m0, v0, iterations)
        steps.append({"iterations": iterations, "learning_rate": lr, "alpha": alpha,
                      "params": f32(p), "m": f32(m), "v": f32(v)})

    fixture = {
        "generator": "src/test/python/reference_step.py, torch " + torch.__version__,
        "sizes": [INPUTS, HIDDEN, CLASSES],
        "rows": ROWS,
        "initial_learning_rate": INITIAL_LR,
        "decay_steps": DECAY_STEPS,
        "decay_rate": DECAY_RATE,
        "beta_1": BETA_1,
        "beta_2": BETA_2,
        "epsilon": EPSILON,
        "pixel_sum": int(px.sum()),
        "variable_sums": [float(a.astype(np.float64).sum()) for a in init],
        "loss": loss.item(),
        "grads": f32(grads),
        "steps": steps,
    }
    json.dump(fixture, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
