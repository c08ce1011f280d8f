#!/usr/bin/python3
"""Make the sample consumer's own data and models with PyTorch (Debian 12's python3-torch 1.13 and python3-numpy).

Usage (from samples/ShapesGate; CI never runs it, the outputs are committed):

    /usr/bin/python3 tools/make_shapes.py

Writes:

    images/<class>/NNN.png  the team's image folder: the first 60 of 160 generated test images, 15 per class, 20 x 20
                            8-bit grey PNG; four shapes (square outline, disc, cross, ring) at random positions and sizes
                            with pixel noise; images/classes.txt gives the class order (labels 0-3)
    models/shapes-cnn.pt    the team's model: a two-layer CNN (the one the gate protects)
    candidates/*.pt         the other candidates of the team's frontier: an MLP, a one-layer CNN, a wider CNN
    weaker/shapes-tiny.pt   a weaker model (a small MLP trained briefly): put it in place of models/shapes-cnn.pt to see
                            the gate fail

Every model takes pixels in [0, 1] and returns LOGITS (no softmax), as the gate requires. Seeded, one thread.
"""
import os
import shutil
import threading

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(20260)
torch.set_num_threads(1)
SIZE = 20
CLASSES = 4
NAMES = ["square", "disc", "cross", "ring"]
FOLDER_COUNT = 60


def shape(kind, rng):
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    r = rng.uniform(3.5, 6.5)
    cy, cx = rng.uniform(r + 1, SIZE - r - 1, size=2)
    d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
    if kind == 0:    # square outline
        m = np.maximum(np.abs(yy - cy), np.abs(xx - cx))
        img = ((m <= r) & (m >= r - 1.5)).astype(np.float32)
    elif kind == 1:  # disc
        img = (d <= r).astype(np.float32)
    elif kind == 2:  # cross
        img = (((np.abs(yy - cy) <= 1.0) & (np.abs(xx - cx) <= r)) | ((np.abs(xx - cx) <= 1.0) & (np.abs(yy - cy) <= r))).astype(np.float32)
    else:            # ring
        img = ((d <= r) & (d >= r - 1.5)).astype(np.float32)
    img = img * rng.uniform(0.6, 1.0) + rng.normal(0, 0.08, size=img.shape)
    return np.clip(img, 0, 1).astype(np.float32)


def make(n, rng):
    labels = np.arange(n) % CLASSES
    images = np.stack([shape(k, rng) for k in labels])[:, None]
    return images, labels.astype(np.int64)


def mlp(hidden):
    return nn.Sequential(nn.Flatten(), nn.Linear(SIZE * SIZE, hidden), nn.ReLU(), nn.Linear(hidden, CLASSES))


def cnn(c1, c2):
    layers = [nn.Conv2d(1, c1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
    if c2:
        layers += [nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(c2 * 5 * 5, CLASSES)]
    else:
        layers += [nn.Flatten(), nn.Linear(c1 * 10 * 10, CLASSES)]
    return nn.Sequential(*layers)


def train(model, x, y, epochs):
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    g = torch.Generator().manual_seed(7)
    for _ in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    return model.eval()


# TorchScript keeps the Python call stack of the trace in each archive's debug info, and Python names this script by its
# absolute path: tracing from a fresh thread through a function compiled under the repository-relative name keeps the
# checkout's location out of the committed .pt files.
_TRACE = {}
exec(compile("import torch\ndef trace(model, example, out):\n    out.append(torch.jit.trace(model, example))\n",
             "samples/ShapesGate/tools/make_shapes.py", "exec"), _TRACE)


def trace(model, example):
    out = []
    worker = threading.Thread(target=_TRACE["trace"], args=(model, example, out))
    worker.start()
    worker.join()
    return out[0]


def save(model, path, x_test, y_test):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    traced = trace(model, x_test[:1])
    traced.save(path)
    with torch.no_grad():
        acc = (traced(x_test).argmax(1) == y_test).float().mean().item()
    print(f"{path}: accuracy {acc:.3f} on the {len(y_test)} test images")


def write_folder(images, labels):
    from PIL import Image
    shutil.rmtree("images", ignore_errors=True)
    for name in NAMES:
        os.makedirs(os.path.join("images", name))
    with open("images/classes.txt", "w", newline="\n") as f:
        f.write("\n".join(NAMES) + "\n")
    for i, (img, label) in enumerate(zip(images, labels)):
        pixels = np.round(img[0] * 255).astype(np.uint8)
        Image.fromarray(pixels, mode="L").save(os.path.join("images", NAMES[label], f"{i:03d}.png"), optimize=True)


def main():
    rng = np.random.default_rng(1215)
    train_x, train_y = make(3000, rng)
    test_x, test_y = make(160, rng)
    write_folder(test_x[:FOLDER_COUNT], test_y[:FOLDER_COUNT])
    x, y = torch.from_numpy(train_x), torch.from_numpy(train_y)
    tx, ty = torch.from_numpy(test_x), torch.from_numpy(test_y)
    save(train(cnn(8, 16), x, y, 8), "models/shapes-cnn.pt", tx, ty)
    save(train(mlp(64), x, y, 8), "candidates/mlp-64.pt", tx, ty)
    save(train(cnn(4, 0), x, y, 8), "candidates/cnn-4.pt", tx, ty)
    save(train(cnn(16, 32), x, y, 8), "candidates/cnn-16-32.pt", tx, ty)
    save(train(mlp(8), x, y, 2), "weaker/shapes-tiny.pt", tx, ty)


if __name__ == "__main__":
    main()
