"""Make seed_values.json: facts about the seed's model.weights.h5 read with h5py.

Run from the repository root:
  /usr/bin/python3 src/test/resources/keras/seed_values.py ../shared/seed/model.weights.h5 \
      > src/test/resources/keras/seed_values.json

Values are float32; "bits" is the IEEE-754 bit pattern so the Java test can compare exactly.
"""
import json
import sys

import h5py
import numpy as np

PICKS = {
    "layers/dense/vars/0": [[0, 0], [400, 17], [783, 127], [350, 2]],
    "layers/dense/vars/1": [[0], [2], [127]],
    "layers/dense_1/vars/0": [[0, 0], [5, 3], [127, 9]],
    "layers/dense_1/vars/1": [[0], [9]],
    "optimizer/vars/1": [[300, 2]],
    "optimizer/vars/2": [[300, 2]],
    "optimizer/vars/7": [[4]],
    "optimizer/vars/8": [[9]],
}


def main(path):
    out = {"file": "model.weights.h5", "values": [], "sums": {}}
    with h5py.File(path, "r") as f:
        out["iterations"] = int(f["optimizer/vars/0"][()])
        out["iterations_dtype"] = str(f["optimizer/vars/0"].dtype)
        for name, picks in PICKS.items():
            data = f[name][()]
            for index in picks:
                value = np.float32(data[tuple(index)])
                out["values"].append({
                    "path": name,
                    "index": index,
                    "value": float(value),
                    "bits": int(value.view(np.uint32)),
                })
        for name in ["layers/dense/vars/0", "layers/dense/vars/1",
                     "layers/dense_1/vars/0", "layers/dense_1/vars/1"]:
            out["sums"][name] = float(np.sum(f[name][()], dtype=np.float64))
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
