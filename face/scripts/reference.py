#!/usr/bin/env python3
"""Reference landmarks from Google's own MediaPipe runtime, for the Rust tests.

Runs MediaPipe Face Mesh (PyPI `mediapipe==0.10.14`, the legacy solution API:
static_image_mode=True, refine_landmarks=False, max_num_faces=1) and MediaPipe
Face Detection (model_selection=0, the short-range BlazeFace that Face Mesh
uses) on the test images and writes one JSON file per image into
face/tests/fixtures/. It also makes the mirrored and 15°-rotated copies of the
bald front photo (saved as JPEG, quality 90) and computes the reference on the
saved copies, so Rust and MediaPipe see the same file.

Run it from anywhere, in a virtual environment with the pinned packages:

    python3.11 -m venv /tmp/face-ref
    /tmp/face-ref/bin/pip install -r face/scripts/reference-requirements.txt
    /tmp/face-ref/bin/python face/scripts/reference.py

JSON layout (all coordinates in pixels of that image, origin at the top-left
corner of the top-left pixel as MediaPipe's normalised coordinates times the
image size; z is MediaPipe's normalised z times the image width):

    {"image": path relative to the repository root, "width": W, "height": H,
     "generator": "...", "faces": [{"detection": {"score", "box": [x, y, w, h],
     "keypoints": [[x, y] * 6]} or null, "landmarks": [[x, y, z] * 468]}]}

"faces" is empty when MediaPipe finds no face.
"""

import json
import os
import sys
import warnings

import numpy as np
from PIL import Image, ImageOps

warnings.filterwarnings("ignore")
import mediapipe as mp  # noqa: E402

FACE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(FACE)
FIXTURES = os.path.join(FACE, "tests", "fixtures")

EXPECTED = {"mediapipe": "0.10.14", "PIL": "11.3.0"}


def check_versions():
    import PIL

    found = {"mediapipe": mp.__version__, "PIL": PIL.__version__}
    if found != EXPECTED:
        sys.exit(f"reference.py needs {EXPECTED}, found {found}")


def make_copies():
    """The mirrored and rotated copies of the bald front photo (JPEG q90)."""
    src = Image.open(os.path.join(ROOT, "www/demo/bald-head-front.jpg")).convert("RGB")
    backdrop = src.getpixel((5, 5))
    copies = {
        "bald-front-mirrored.jpg": ImageOps.mirror(src),
        # Counter-clockwise by 15°, canvas grown to hold the whole photo
        # (1703×1891, still not square), corners filled with the backdrop grey.
        "bald-front-rot15.jpg": src.rotate(
            15, resample=Image.BICUBIC, expand=True, fillcolor=backdrop
        ),
    }
    for name, im in copies.items():
        im.save(os.path.join(FIXTURES, name), quality=90)


def run(rel_path, mesh, detector):
    im = Image.open(os.path.join(ROOT, rel_path)).convert("RGB")
    w, h = im.size
    rgb = np.ascontiguousarray(np.asarray(im))
    faces = []
    res = mesh.process(rgb)
    if res.multi_face_landmarks:
        det = detector.process(rgb)
        detection = None
        if det.detections:
            d = det.detections[0]
            bb = d.location_data.relative_bounding_box
            detection = {
                "score": round(d.score[0], 5),
                "box": [round(v, 3) for v in (bb.xmin * w, bb.ymin * h, bb.width * w, bb.height * h)],
                "keypoints": [
                    [round(k.x * w, 3), round(k.y * h, 3)] for k in d.location_data.relative_keypoints
                ],
            }
        for lms in res.multi_face_landmarks:
            points = [[round(p.x * w, 3), round(p.y * h, 3), round(p.z * w, 3)] for p in lms.landmark]
            faces.append({"detection": detection, "landmarks": points})
    return {
        "image": rel_path,
        "width": w,
        "height": h,
        "generator": "face/scripts/reference.py with mediapipe==0.10.14 "
        "(solutions.face_mesh: static_image_mode=True, refine_landmarks=False, max_num_faces=1; "
        "solutions.face_detection: model_selection=0)",
        "faces": faces,
    }


def main():
    check_versions()
    os.makedirs(FIXTURES, exist_ok=True)
    make_copies()
    grey = Image.new("RGB", (640, 480), (128, 128, 128))
    grey.save(os.path.join(FIXTURES, "grey-640x480.png"))
    images = {
        "bald-front": "www/demo/bald-head-front.jpg",
        "astronaut": "www/demo/astronaut.jpg",
        "head-220x180": "tests/fixtures/head-220x180.png",
        "bald-front-mirrored": "face/tests/fixtures/bald-front-mirrored.jpg",
        "bald-front-rot15": "face/tests/fixtures/bald-front-rot15.jpg",
        "bald-crown": "www/demo/bald-head-crown.jpg",
        "grey-640x480": "face/tests/fixtures/grey-640x480.png",
    }
    with mp.solutions.face_mesh.FaceMesh(
        static_image_mode=True, refine_landmarks=False, max_num_faces=1
    ) as mesh, mp.solutions.face_detection.FaceDetection(
        model_selection=0, min_detection_confidence=0.5
    ) as detector:
        for name, rel in images.items():
            out = run(rel, mesh, detector)
            with open(os.path.join(FIXTURES, f"{name}.reference.json"), "w") as f:
                json.dump(out, f, separators=(",", ":"))
                f.write("\n")
            faces = out["faces"]
            score = faces[0]["detection"]["score"] if faces and faces[0]["detection"] else None
            print(f"{name}: {out['width']}x{out['height']}, faces={len(faces)}, detector score={score}")


if __name__ == "__main__":
    main()
