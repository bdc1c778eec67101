#!/usr/bin/env bash
# Reproduces face/models/*.onnx from Google's MediaPipe models as published in
# the PyPI wheel mediapipe==0.10.14 (Apache-2.0), and checks them against
# face/models/SHA256SUMS. Run by hand only; no build or test runs it.
#
#   face/scripts/convert.sh            # convert, then verify against SHA256SUMS
#   face/scripts/convert.sh --update   # convert, then rewrite SHA256SUMS
#
# Needs python3.11 (with venv and pip) and network access to PyPI. It works
# in a temporary folder (kept with KEEP=1) and installs the pinned packages of
# scripts/convert-requirements.txt (TensorFlow 2.15.1 for tf2onnx 1.17.0's
# TFLite reader, onnxruntime for the segmentation patch's check) into a
# virtual environment there.
#
# Steps: download the mediapipe wheel (no dependencies); take
# face_detection_short_range.tflite, face_landmark.tflite and
# selfie_segmentation.tflite (the general 256x256 model, not the landscape
# one) out of it; convert each with tf2onnx (TFLite input, input made NCHW
# with --inputs-as-nchw so that no transpose is needed; ONNX opset 13 for the
# face models, 15 for the segmentation model, whose HardSwish needs it);
# replace the segmentation model's one MediaPipe custom operator,
# Convolution2DTransposeBias, by a standard ConvTranspose and check it
# against a NumPy reference of that operator with onnxruntime, on random
# input and on www/demo/bald-head-front.jpg (scripts/patch_segmentation.py);
# give the constants tf2onnx folded stable names (scripts/canonical_onnx.py);
# compare the results, and the .tflite inputs, with SHA256SUMS. tf2onnx folds
# the FP16->FP32 dequantisation of the weights, so the models hold FP32
# weights. The face models use only Conv, PRelu, Relu, Add, MaxPool, Pad,
# Reshape, Transpose and Concat; the segmentation model Conv, ConvTranspose,
# Relu, HardSwish, Sigmoid, Add, Mul, AveragePool, Resize, Reshape and
# Transpose.
set -euo pipefail
face="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3.11}"
work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "working in $work"; else trap 'rm -rf "$work"' EXIT; fi

"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip==24.0
"$work/venv/bin/pip" install --quiet -r "$face/scripts/convert-requirements.txt"

# The .tflite files are the same in every platform's wheel; take Linux x86-64.
"$work/venv/bin/pip" download --quiet --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --python-version 3.11 \
  --dest "$work/wheel" mediapipe==0.10.14
(cd "$work" && "$work/venv/bin/python" -m zipfile -e wheel/mediapipe-0.10.14-*.whl unpacked)

det=mediapipe/modules/face_detection/face_detection_short_range.tflite
lm=mediapipe/modules/face_landmark/face_landmark.tflite
seg=mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite
models=(face_detection_short_range.onnx face_landmark.onnx selfie_segmentation.onnx)
mkdir -p "$work/out"
convert() { # tflite, onnx name, input name, opset
  # Run from the unpacked wheel: tf2onnx writes the input path into the
  # model's doc string, which must not name the temporary folder. A fixed
  # hash seed makes tf2onnx's generated tensor names the same on every run.
  (cd "$work/unpacked" && PYTHONHASHSEED=0 TF_CPP_MIN_LOG_LEVEL=2 "$work/venv/bin/python" -m tf2onnx.convert \
    --tflite "$1" --output "$work/out/$2" \
    --opset "$4" --inputs-as-nchw "$3" > "$work/out/$2.log" 2>&1 \
    || { cat "$work/out/$2.log"; exit 1; })
}
convert "$det" face_detection_short_range.onnx input 13
convert "$lm" face_landmark.onnx input_1 13
# tf2onnx leaves MediaPipe's custom Convolution2DTransposeBias unconverted
# (it says so in the log); the patch replaces and checks it.
convert "$seg" selfie_segmentation.onnx input_1 15
PYTHONHASHSEED=0 TF_CPP_MIN_LOG_LEVEL=2 "$work/venv/bin/python" "$face/scripts/patch_segmentation.py" \
  "$work/out/selfie_segmentation.onnx" "$work/unpacked/$seg" "$face/../www/demo/bald-head-front.jpg"
# Stable names for the constants tf2onnx folded (their counters vary per run).
(cd "$work/out" && "$work/venv/bin/python" "$face/scripts/canonical_onnx.py" "${models[@]}")

sums="$work/SHA256SUMS"
{
  (cd "$work/unpacked" && sha256sum "$det" "$lm" "$seg")
  (cd "$work/out" && sha256sum "${models[@]}")
} > "$sums"

if [ "${1:-}" = --update ]; then
  (cd "$work/out" && cp "${models[@]}" "$face/models/")
  cp "$sums" "$face/models/SHA256SUMS"
  echo "convert.sh: wrote face/models/*.onnx and SHA256SUMS"
else
  if diff -u "$face/models/SHA256SUMS" "$sums"; then
    (cd "$face/models" && sha256sum --quiet -c --ignore-missing SHA256SUMS)
    echo "convert.sh: the conversion reproduces face/models exactly"
  else
    echo "convert.sh: the conversion differs from face/models/SHA256SUMS (use --update to replace)" >&2
    exit 1
  fi
fi
