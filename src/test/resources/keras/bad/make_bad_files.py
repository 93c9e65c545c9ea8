"""Make the tiny weights files the keras tests read: one valid 784-2-3 file written the way Keras
writes it (h5py, default libver, no attributes), a few valid variants, and one file per failure
mode the reader must refuse.

Run from the repository root (Debian's h5py lives under /usr/bin/python3):
  /usr/bin/python3 src/test/resources/keras/bad/make_bad_files.py src/test/resources/keras/bad

Values come from fixed seeds, so re-running gives the same numbers.
"""
import os
import sys

import h5py
import numpy as np

HIDDEN, CLASSES = 2, 3
EMPTY = None  # marks an empty group


def layout(dtype=np.float32, optimizer=True):
    rng = np.random.default_rng(42)
    shapes = [(784, HIDDEN), (HIDDEN,), (HIDDEN, CLASSES), (CLASSES,)]
    variables = [rng.uniform(-0.5, 0.5, s).astype(dtype) for s in shapes]
    items = {"layers/rescaling/vars": EMPTY, "layers/flatten/vars": EMPTY}
    for i, name in enumerate(["dense", "dense_1"]):
        items[f"layers/{name}/vars/0"] = variables[2 * i]
        items[f"layers/{name}/vars/1"] = variables[2 * i + 1]
    items["optimizer/vars"] = EMPTY
    if optimizer:
        items["optimizer/vars/0"] = np.int32(7)
        moments = np.random.default_rng(7)
        for i, v in enumerate(variables):
            items[f"optimizer/vars/{1 + 2 * i}"] = moments.normal(size=v.shape).astype(dtype)
            items[f"optimizer/vars/{2 + 2 * i}"] = moments.uniform(0, 1, v.shape).astype(dtype)
    items["vars"] = EMPTY
    return items


def write(path, items, userblock=0):
    with h5py.File(path, "w", userblock_size=userblock) as f:
        for name, data in items.items():
            if data is EMPTY:
                f.require_group(name)
            else:
                f.create_dataset(name, data=data)


def changed(optimizer=False, drop=(), **replace):
    items = layout(optimizer=optimizer)
    for name in drop:
        items = {k: v for k, v in items.items() if not k.startswith(name)}
    for key, data in replace.items():
        items[key.replace("__", "/")] = data
    return items


def main(out):
    p = lambda name: os.path.join(out, name)
    base = layout()
    write(p("valid_small.h5"), base)
    write(p("no_optimizer.h5"), layout(optimizer=False))
    write(p("userblock.h5"), layout(optimizer=False), userblock=512)
    write(p("float64.h5"), layout(np.float64, optimizer=False))
    write(p("missing_dataset.h5"), changed(drop=["layers/dense_1/vars/1"]))
    write(p("missing_layers.h5"), changed(drop=["layers/"]))
    write(p("wrong_shape.h5"), changed(layers__dense_1__vars__0=np.zeros((5, CLASSES), "f4")))
    write(p("wrong_bias_shape.h5"), changed(layers__dense__vars__1=np.zeros((HIDDEN + 1,), "f4")))
    write(p("int_kernel.h5"), changed(layers__dense__vars__0=np.ones((784, HIDDEN), np.int32)))
    nan = base["layers/dense/vars/0"].copy()
    nan[10, 1] = np.nan
    write(p("nan.h5"), changed(layers__dense__vars__0=nan))
    inf = base["layers/dense_1/vars/1"].copy()
    inf[1] = np.inf
    write(p("inf.h5"), changed(layers__dense_1__vars__1=inf))
    write(p("rank3.h5"), changed(
        layers__dense__vars__0=base["layers/dense/vars/0"].reshape(784, HIDDEN, 1)))
    write(p("first_inputs.h5"), changed(layers__dense__vars__0=np.zeros((100, HIDDEN), "f4")))
    gap = {k.replace("dense_1", "dense_2"): v for k, v in layout(optimizer=False).items()}
    write(p("gap.h5"), gap)
    write(p("conv_layer.h5"), changed(layers__conv2d__vars__0=np.zeros((3, 3), "f4")))
    write(p("partial_optimizer.h5"), changed(
        optimizer=True, drop=[f"optimizer/vars/{i}" for i in range(5, 9)]))
    write(p("iterations_shape.h5"), changed(
        optimizer=True, optimizer__vars__0=np.array([7], np.int32)))
    negative = np.full((CLASSES,), 0.5, np.float32)
    negative[2] = -1.0
    write(p("negative_v.h5"), changed(optimizer=True, optimizer__vars__8=negative))
    kernel_group = changed(drop=["layers/dense/vars/0"])
    kernel_group["layers/dense/vars/0"] = EMPTY
    write(p("group_as_kernel.h5"), kernel_group)


if __name__ == "__main__":
    main(sys.argv[1])
