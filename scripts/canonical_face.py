#!/usr/bin/env python3
"""Prints src/surface/canonical.rs's table: MediaPipe's canonical face model's 33
weighted Procrustes landmarks (mesh index, weight, x/y/z in cm).

Not run by the build or the tests (the table is checked in). To read it again:

    npm pack @mediapipe/face_mesh@0.4.1657299874 && tar xzf mediapipe-face_mesh-*.tgz
    python3 scripts/canonical_face.py package/

The model is `geometry_pipeline_metadata_landmarks.binarypb` (Apache-2.0, Google LLC),
packed in `face_mesh_solution_packed_assets.data` at the offsets its loader lists. Its
protobuf (`geometry_pipeline_metadata.proto`): field 1 the canonical mesh (field 3 its
vertex buffer, five floats a vertex: x, y, z, u, v), field 2 the Procrustes landmarks
(field 1 the mesh index, field 2 the weight).
"""
import re
import struct
import sys
from pathlib import Path

NAME = 'geometry_pipeline_metadata_landmarks.binarypb'


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def fields(b):
    i = 0
    while i < len(b):
        key, i = varint(b, i)
        f, t = key >> 3, key & 7
        if t == 0:
            v, i = varint(b, i)
        elif t == 2:
            n, i = varint(b, i)
            v, i = b[i:i + n], i + n
        elif t == 5:
            v, i = b[i:i + 4], i + 4
        elif t == 1:
            v, i = b[i:i + 8], i + 8
        else:
            raise ValueError(f'wire type {t}')
        yield f, t, v


def main(package):
    package = Path(package)
    loader = (package / 'face_mesh_solution_packed_assets_loader.js').read_text()
    m = re.search(r'"filename": "[^"]*' + re.escape(NAME) + r'", "start": (\d+), "end": (\d+)', loader)
    start, end = int(m.group(1)), int(m.group(2))
    data = (package / 'face_mesh_solution_packed_assets.data').read_bytes()[start:end]
    top = list(fields(data))
    mesh = next(v for f, _, v in top if f == 1)
    floats = []
    for f, t, v in fields(mesh):
        if f == 3:
            floats += struct.unpack(f'<{len(v) // 4}f', v) if t == 2 else [struct.unpack('<f', v)[0]]
    vertices = [floats[i * 5:i * 5 + 3] for i in range(len(floats) // 5)]
    assert len(vertices) == 468, len(vertices)
    for f, _, v in top:
        if f != 2:
            continue
        index, weight = 0, 0.0
        for ff, _, vv in fields(v):
            if ff == 1:
                index = vv
            elif ff == 2:
                weight = struct.unpack('<f', vv)[0]
        x, y, z = vertices[index]
        print(f'    ({index}, {weight:.6}, [{x:.5}, {y:.5}, {z:.5}]),')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'package')
