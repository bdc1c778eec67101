#!/usr/bin/env python3
"""Gives an ONNX model from tf2onnx stable names, so conversions are byte-identical.

tf2onnx names the constants it folds (`const_fold_opt__NNN`, `new_shape__NNN`,
...) with counters whose order changes from run to run, and when it merges
duplicate nodes the name that survives varies too. This names every node and
its outputs after its place in the graph (`n042_Conv`; the graph's inputs and
outputs keep their names), every initializer after the first node that reads
it (`n042_Conv.in1`), and stores the initializers in the order they are first
read. Values, nodes and their order are unchanged.

    python canonical_onnx.py model.onnx   # rewrites the file in place
"""

import sys

import onnx


def canonicalize(path):
    model = onnx.load(path)
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    io = {i.name for i in g.input} | {o.name for o in g.output}
    # Nodes and the values they make, by position.
    values = {}
    for i, node in enumerate(g.node):
        node.name = f"n{i:03d}_{node.op_type}"
        for k, out in enumerate(node.output):
            if out not in io:
                values[out] = node.name if len(node.output) == 1 else f"{node.name}.out{k}"
    # Initializers, after their first reader.
    consts = {}
    for node in g.node:
        for slot, name in enumerate(node.input):
            if name in inits and name not in consts:
                consts[name] = f"{node.name}.in{slot}"
    unused = [n for n in inits if n not in consts]
    if unused:
        sys.exit(f"{path}: unused initializers {unused}")
    rename = {**values, **consts}
    new_names = list(rename.values())
    if len(set(new_names)) != len(new_names) or set(new_names) & io:
        sys.exit(f"{path}: canonical names collide")
    for node in g.node:
        node.input[:] = [rename.get(n, n) for n in node.input]
        node.output[:] = [rename.get(n, n) for n in node.output]
    tensors = [inits[n] for n in consts]
    for t in tensors:
        t.name = consts[t.name]
    del g.initializer[:]
    g.initializer.extend(tensors)
    for vi in g.value_info:
        vi.name = rename.get(vi.name, vi.name)
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        canonicalize(p)
