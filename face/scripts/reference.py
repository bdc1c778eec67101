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

It also writes MediaPipe's person mask (Selfie Segmentation, model_selection=0:
the general 256×256 model) for the images of SEGMENT_IMAGES as
`<name>.person-mask.png`: the model's own 256×256 output, 8-bit grey, value =
round(probability × 255). MediaPipe's SelfieSegmentationCpu graph ends by
stretching that mask to the image's size; to get the model's output itself the
script runs the same graph (read from the wheel) with that last resize sized
by a 256×256 blank image instead of the photo, and checks that OpenCV's
bilinear resize of it gives the unmodified solution's full-size mask (to
1e-4). `person-masks.json` lists the masks, their images and sizes; an entry
with "nearest": [W, H] is its image enlarged to W×H by nearest neighbour
(pixel (x, y) is source pixel (x·w // W, y·h // H)), made the same way by the
Rust test, so that a lossless image is also checked on a downscaling stretch.
"""

import json
import os
import sys
import warnings

import numpy as np
from PIL import Image, ImageOps

warnings.filterwarnings("ignore")
import cv2  # noqa: E402
import mediapipe as mp  # noqa: E402
from mediapipe.framework import calculator_pb2  # noqa: E402
from mediapipe.python.solution_base import SolutionBase  # noqa: E402
from mediapipe.python.solutions import selfie_segmentation  # noqa: E402  (registers its options)

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


# Person masks: name -> image (relative to the repository root).
SEGMENT_IMAGES = {
    "bald-front": "www/demo/bald-head-front.jpg",
    "bald-crown": "www/demo/bald-head-crown.jpg",
    "head-220x180": "tests/fixtures/head-220x180.png",
    "head-700x500-nearest": ("tests/fixtures/head-220x180.png", (700, 500)),
    "front-bald-light-flags-01": "tests/photos/front-bald-light-flags-01.jpg",
    "top-crown-bald-dark-01": "tests/photos/top-crown-bald-dark-01.jpg",
    "side-blond-short-01": "tests/photos/side-blond-short-01.jpg",
    "back-crown-bald-medium-01": "tests/photos/back-crown-bald-medium-01.jpg",
}


def mask_graph():
    """SelfieSegmentationCpu with its final resize sized by a second input."""
    path = os.path.join(
        os.path.dirname(mp.__file__), "modules/selfie_segmentation/selfie_segmentation_cpu.binarypb"
    )
    config = calculator_pb2.CalculatorGraphConfig()
    with open(path, "rb") as f:
        config.ParseFromString(f.read())
    props = [n for n in config.node if n.calculator == "ImagePropertiesCalculator"]
    assert len(props) == 1 and list(props[0].input_stream) == ["IMAGE_CPU:image"], props
    props[0].input_stream[:] = ["IMAGE_CPU:mask_size_image"]
    config.input_stream.append("MASK_SIZE_IMAGE:mask_size_image")
    return SolutionBase(
        graph_config=config, side_inputs={"model_selection": 0}, outputs=["segmentation_mask"]
    )


def person_masks():
    blank = np.zeros((256, 256, 3), np.uint8)
    index = {
        "generator": "face/scripts/reference.py with mediapipe==0.10.14 "
        "(solutions.selfie_segmentation, model_selection=0; the model's 256x256 output, "
        "round(probability * 255))",
        "masks": {},
    }
    with selfie_segmentation.SelfieSegmentation(model_selection=0) as full:
        raw = mask_graph()
        for name, source in SEGMENT_IMAGES.items():
            rel, nearest = source if isinstance(source, tuple) else (source, None)
            rgb = np.asarray(Image.open(os.path.join(ROOT, rel)).convert("RGB"))
            entry = {"image": rel}
            if nearest:
                (sh, sw), (w, h) = rgb.shape[:2], nearest
                rgb = rgb[(np.arange(h) * sh) // h][:, (np.arange(w) * sw) // w]
                entry["nearest"] = [w, h]
            h, w = rgb.shape[:2]
            rgb = np.ascontiguousarray(rgb)
            mask = raw.process({"image": rgb, "mask_size_image": blank}).segmentation_mask
            assert mask.shape == (256, 256), mask.shape
            # The unmodified solution's mask is this one stretched to the image.
            whole = full.process(rgb).segmentation_mask
            stretched = cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR)
            err = float(np.abs(stretched - whole).max())
            if err > 1e-4:
                sys.exit(f"{name}: the 256x256 mask does not give the solution's mask ({err})")
            out = np.clip(np.rint(mask * 255.0), 0, 255).astype(np.uint8)
            Image.fromarray(out, "L").save(os.path.join(FIXTURES, f"{name}.person-mask.png"))
            index["masks"][name] = {**entry, "width": w, "height": h}
            print(f"{name}: {w}x{h}, person mask {np.mean(mask > 0.5):.0%} > 0.5")
        raw.close()
    with open(os.path.join(FIXTURES, "person-masks.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")


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
    person_masks()


if __name__ == "__main__":
    main()
