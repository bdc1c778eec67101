#!/usr/bin/env python3
"""Replaces MediaPipe's custom transposed convolution in the converted selfie
segmentation model by standard ONNX operators, and checks the result.

tf2onnx (opset 15) converts every operator of `selfie_segmentation.tflite`
except MediaPipe's custom `Convolution2DTransposeBias`, which it leaves as a
node `TFL_Convolution2DTransposeBias` that no ONNX runtime knows. That
operator (mediapipe/util/tflite/operations/transpose_conv_bias.cc) is TFLite's
reference TransposeConv on NHWC tensors, weights stored OHWI, followed by
adding a bias; its options (TfLiteTransposeConvParams: padding, stride width,
stride height) are in the .tflite file's custom_options. This script

1. reads those options from the .tflite file and requires the ones this
   model has (SAME padding, stride 2×2) and a 2×2 kernel, 16 -> 1 channels;
2. replaces the node by Transpose(NHWC->NCHW) -> ConvTranspose(weights
   reordered OHWI -> IOHW, stride 2, kernel 2×2, no padding: SAME padding is
   zero here, the op's bias) -> Transpose(NCHW->NHWC), so the graph's output
   stays `[1, 256, 256, 1]`;
3. drops the new NHWC->NCHW Transpose together with the NCHW->NHWC Transpose
   tf2onnx put before the custom node when that one feeds nothing else (the
   two cancel out);
4. drops every Reshape whose output shape is its input's shape: tf2onnx's
   optimizer leaves such no-op Reshapes after the squeeze-and-excite
   poolings, and removes one of them or not from run to run (even with a
   fixed PYTHONHASHSEED, about one run in five), so without this step the
   conversion would not be byte-reproducible;
5. checks the new nodes against a NumPy reference of the custom operator, on
   random input and on the real feature map of a photo: onnxruntime runs the
   unpatched graph up to the custom node's input and the patched graph to
   its end, and the patched output must equal sigmoid(reference(features)).

Names are left to canonical_onnx.py, which convert.sh runs next.

    python patch_segmentation.py model.onnx model.tflite photo.jpg   # rewrites model.onnx
"""

import struct
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

CUSTOM = "TFL_Convolution2DTransposeBias"
TFLITE_PADDING_SAME = 1  # TfLitePadding: unknown 0, same 1, valid 2
TOLERANCE = 1e-4


def tflite_options(tflite_path):
    """(padding, stride_w, stride_h) of the model's only custom operator."""
    from tf2onnx.tflite import Model

    buf = open(tflite_path, "rb").read()
    model = Model.Model.GetRootAsModel(buf, 0)
    codes = [model.OperatorCodes(i).CustomCode() for i in range(model.OperatorCodesLength())]
    found = []
    for s in range(model.SubgraphsLength()):
        sg = model.Subgraphs(s)
        for i in range(sg.OperatorsLength()):
            op = sg.Operators(i)
            if codes[op.OpcodeIndex()] is not None:
                found.append((codes[op.OpcodeIndex()], op.CustomOptionsAsNumpy().tobytes()))
    if len(found) != 1 or found[0][0] != b"Convolution2DTransposeBias":
        sys.exit(f"{tflite_path}: expected one custom op Convolution2DTransposeBias, found {found}")
    return struct.unpack("<3i", found[0][1])


def reference_op(x_nhwc, w_ohwi, bias, stride):
    """MediaPipe's Convolution2DTransposeBias (TFLite reference TransposeConv,
    SAME padding, plus bias), in float64."""
    n, h, w, cin = x_nhwc.shape
    cout, kh, kw, _ = w_ohwi.shape
    oh, ow = h * stride, w * stride
    # TFLite's SAME padding for the forward convolution from (oh, ow) to (h, w).
    pad_h = max(0, ((oh + stride - 1) // stride - 1) * stride + kh - oh) // 2
    pad_w = max(0, ((ow + stride - 1) // stride - 1) * stride + kw - ow) // 2
    out = np.zeros((n, oh, ow, cout))
    x = x_nhwc.astype(np.float64)
    wt = w_ohwi.astype(np.float64)
    for fy in range(kh):
        for fx in range(kw):
            # Every input pixel (iy, ix) adds to output (iy*stride - pad + fy, ...).
            contrib = np.einsum("nyxi,oi->nyxo", x, wt[:, fy, fx, :])
            for iy in range(h):
                oy = iy * stride - pad_h + fy
                if not 0 <= oy < oh:
                    continue
                oxs = np.arange(w) * stride - pad_w + fx
                ok = (oxs >= 0) & (oxs < ow)
                out[:, oy, oxs[ok], :] += contrib[:, iy, ok, :]
    return out + bias.astype(np.float64)


def patch(model, options):
    g = model.graph
    customs = [n for n in g.node if n.op_type == CUSTOM]
    others = {n.op_type for n in g.node if n.op_type.startswith("TFL_") or n.domain not in ("", "ai.onnx")}
    if len(customs) != 1 or others != {CUSTOM}:
        sys.exit(f"expected exactly one {CUSTOM} and no other custom op, found {others}")
    node = customs[0]
    padding, stride_w, stride_h = options
    if padding != TFLITE_PADDING_SAME or (stride_w, stride_h) != (2, 2):
        sys.exit(f"unexpected options padding={padding} stride={stride_w}x{stride_h}")
    inits = {t.name: t for t in g.initializer}
    x_name, w_name, b_name = node.input
    w = numpy_helper.to_array(inits[w_name])  # OHWI
    b = numpy_helper.to_array(inits[b_name])
    if w.shape != (1, 2, 2, 16) or b.shape != (1,) or w.dtype != np.float32 or b.dtype != np.float32:
        sys.exit(f"unexpected weights {w.shape} {w.dtype}, bias {b.shape} {b.dtype}")

    pos = list(g.node).index(node)
    base = node.output[0]
    w_iohw = numpy_helper.from_array(np.ascontiguousarray(w.transpose(3, 0, 1, 2)), f"{base}_weights_iohw")
    bias = numpy_helper.from_array(b.copy(), f"{base}_bias")
    to_nchw = helper.make_node("Transpose", [x_name], [f"{base}_nchw_in"], perm=[0, 3, 1, 2])
    deconv = helper.make_node(
        "ConvTranspose",
        [f"{base}_nchw_in", w_iohw.name, bias.name],
        [f"{base}_nchw"],
        kernel_shape=[2, 2],
        strides=[2, 2],
        pads=[0, 0, 0, 0],
    )
    to_nhwc = helper.make_node("Transpose", [f"{base}_nchw"], [base], perm=[0, 2, 3, 1])
    new_nodes = [to_nchw, deconv, to_nhwc]

    # tf2onnx's NCHW->NHWC Transpose before the custom node and the new
    # NHWC->NCHW one cancel out when nothing else reads the former.
    producer = next((n for n in g.node if x_name in n.output), None)
    readers = [n for n in g.node if x_name in n.input]
    perm = lambda n: [list(a.ints) for a in n.attribute if a.name == "perm"]  # noqa: E731
    if (
        producer is not None
        and producer.op_type == "Transpose"
        and perm(producer) == [[0, 2, 3, 1]]
        and readers == [node]
        and x_name not in {o.name for o in g.output}
    ):
        deconv.input[0] = producer.input[0]
        new_nodes = [deconv, to_nhwc]
        g.node.remove(producer)
        pos -= 1

    g.node.remove(node)
    for i, n in enumerate(new_nodes):
        g.node.insert(pos + i, n)
    for name in (w_name, b_name):
        if not any(name in n.input for n in g.node):
            g.initializer.remove(inits[name])
    g.initializer.extend([w_iohw, bias])
    g.doc_string += f"; {CUSTOM} replaced by ConvTranspose (face/scripts/patch_segmentation.py)"
    onnx.checker.check_model(model, full_check=True)
    return x_name, w, b


def drop_identity_reshapes(model):
    """Removes the Reshapes that keep their input's static shape."""
    g = model.graph
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True).graph
    shapes = {}
    for vi in list(inferred.value_info) + list(inferred.input) + list(inferred.output):
        dims = vi.type.tensor_type.shape.dim
        if all(d.HasField("dim_value") for d in dims):
            shapes[vi.name] = [d.dim_value for d in dims]
    inits = {t.name: t for t in g.initializer}
    outputs = {o.name for o in g.output}
    dropped = 0
    for node in list(g.node):
        if node.op_type != "Reshape" or node.input[1] not in inits or node.output[0] in outputs:
            continue
        target = numpy_helper.to_array(inits[node.input[1]]).tolist()
        if shapes.get(node.input[0]) != target or shapes.get(node.output[0]) != target:
            continue
        for other in g.node:
            other.input[:] = [node.input[0] if i == node.output[0] else i for i in other.input]
        g.node.remove(node)
        dropped += 1
    used = {i for n in g.node for i in n.input}
    for t in list(g.initializer):
        if t.name not in used:
            g.initializer.remove(t)
    onnx.checker.check_model(model, full_check=True)
    return dropped


def check_op_on_random(w, b):
    """The new operator alone against the NumPy reference."""
    import onnxruntime as ort

    x = np.random.default_rng(0).standard_normal((1, 128, 128, 16)).astype(np.float32)
    want = reference_op(x, w, b, 2)
    node = helper.make_node("ConvTranspose", ["x", "w", "b"], ["y"], kernel_shape=[2, 2], strides=[2, 2])
    graph = helper.make_graph(
        [node],
        "deconv",
        [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 16, 128, 128])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)],
        [numpy_helper.from_array(w.transpose(3, 0, 1, 2).copy(), "w"), numpy_helper.from_array(b, "b")],
    )
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    got = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(
        None, {"x": x.transpose(0, 3, 1, 2).copy()}
    )[0]
    return float(np.abs(got.transpose(0, 2, 3, 1) - want).max())


def photo_tensor(photo):
    """The photo stretched to 256×256, RGB in 0..1, NCHW (as the model wants)."""
    import tensorflow as tf

    img = tf.io.decode_jpeg(tf.io.read_file(photo), channels=3)
    img = tf.image.resize(tf.cast(img, tf.float32), (256, 256), antialias=True) / 255.0
    return np.ascontiguousarray(img.numpy().transpose(2, 0, 1)[None])


def check_model_on_photo(unpatched, patched, features, w, b, photo):
    """The patched model against the unpatched one up to the custom node plus
    the NumPy reference of the custom op and the final sigmoid."""
    import onnxruntime as ort

    def run(model, output):
        m = onnx.ModelProto()
        m.CopyFrom(model)
        del m.graph.output[:]
        m.graph.output.append(helper.make_tensor_value_info(output, onnx.TensorProto.FLOAT, None))
        if output != "activation_10":
            # Only what the feature map needs: drop the custom node and after.
            keep = []
            for n in m.graph.node:
                if n.op_type == CUSTOM:
                    break
                keep.append(n)
            del m.graph.node[:]
            m.graph.node.extend(keep)
            used = {i for n in keep for i in n.input}
            kept = [t for t in m.graph.initializer if t.name in used]
            del m.graph.initializer[:]
            m.graph.initializer.extend(kept)
        sess = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
        return sess.run(None, {"input_1": x})[0]

    x = photo_tensor(photo)
    feats = run(unpatched, features)  # NHWC, [1, 128, 128, 16]
    want = 1.0 / (1.0 + np.exp(-np.clip(reference_op(feats, w, b, 2), -80, 80)))
    got = run(patched, "activation_10")
    if got.shape != (1, 256, 256, 1):
        sys.exit(f"patched output shape {got.shape}")
    return float(np.abs(got - want).max()), float(got.min()), float(got.max()), float((got > 0.5).mean())


def main():
    onnx_path, tflite_path, photo = sys.argv[1:4]
    model = onnx.load(onnx_path)
    unpatched = onnx.ModelProto()
    unpatched.CopyFrom(model)
    features, w, b = patch(model, tflite_options(tflite_path))
    dropped = drop_identity_reshapes(model)
    for n in model.graph.node:
        if n.op_type.startswith("TFL_"):
            sys.exit(f"{n.op_type} left in the graph")
    op_err = check_op_on_random(w, b)
    err, lo, hi, person = check_model_on_photo(unpatched, model, features, w, b, photo)
    print(
        f"patch_segmentation.py: {dropped} no-op Reshapes dropped; "
        f"ConvTranspose vs NumPy reference max |diff| {op_err:.2e} (random input); "
        f"whole model on {photo.rsplit('/', 1)[-1]}: {err:.2e} "
        f"(output {lo:.3f}..{hi:.3f}, {person:.0%} > 0.5)"
    )
    if op_err > TOLERANCE or err > TOLERANCE:
        sys.exit(f"the patched model differs from the reference by more than {TOLERANCE}")
    onnx.save(model, onnx_path)


if __name__ == "__main__":
    main()
