"""Print the layout of an HDF5 file as JSON, read with h5py (independent of neuronlens/jHDF).

Usage: /usr/bin/python3 src/test/python/h5_layout.py FILE.h5

For every object: path, kind (group/dataset), attribute names; for datasets also shape, dtype
(numpy name), the SHA-256 of the values as little-endian bytes in C order, and their float64 sum.
Used by the tests to compare files written by neuronlens with the seed's Keras file.
"""
import hashlib
import json
import sys

import h5py
import numpy as np


def describe(name, obj):
    entry = {"path": name, "attrs": sorted(obj.attrs.keys())}
    if isinstance(obj, h5py.Dataset):
        data = obj[()]
        array = np.asarray(data)
        little = array.astype(array.dtype.newbyteorder("<"), copy=False)
        entry.update(
            kind="dataset",
            shape=list(obj.shape),
            dtype=str(obj.dtype),
            sha256=hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest(),
            sum=float(np.sum(array, dtype=np.float64)),
        )
    else:
        entry["kind"] = "group"
    return entry


def main(path):
    entries = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: entries.append(describe(name, obj)))
        root_attrs = sorted(f.attrs.keys())
    entries.sort(key=lambda e: e["path"])
    json.dump({"root_attrs": root_attrs, "objects": entries}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
