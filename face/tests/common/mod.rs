//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root (the parent of face/).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// An RGBA8 image.
pub struct Image {
    pub rgba: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Loads an image file (path relative to the repository root) as RGBA8.
pub fn load(rel: &str) -> Image {
    let img = image::open(repo_root().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .to_rgba8();
    let (width, height) = img.dimensions();
    Image {
        rgba: img.into_raw(),
        width,
        height,
    }
}

/// A fixture's reference points from MediaPipe (see scripts/reference.py).
pub struct Reference {
    pub image: String,
    pub width: u32,
    pub height: u32,
    /// Per face: detector score, box `[x, y, w, h]`, landmarks `[x, y, z]`.
    pub faces: Vec<RefFace>,
}

pub struct RefFace {
    pub score: f32,
    pub bbox: [f32; 4],
    pub landmarks: Vec<[f32; 3]>,
}

pub fn reference(name: &str) -> Reference {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.reference.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let f = |v: &serde_json::Value| v.as_f64().unwrap() as f32;
    let faces = v["faces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|face| {
            let det = &face["detection"];
            let b = det["box"].as_array().unwrap();
            RefFace {
                score: f(&det["score"]),
                bbox: [f(&b[0]), f(&b[1]), f(&b[2]), f(&b[3])],
                landmarks: face["landmarks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| [f(&p[0]), f(&p[1]), f(&p[2])])
                    .collect(),
            }
        })
        .collect();
    Reference {
        image: v["image"].as_str().unwrap().to_string(),
        width: v["width"].as_u64().unwrap() as u32,
        height: v["height"].as_u64().unwrap() as u32,
        faces,
    }
}

/// Mean and max distance between two point lists, in pixels.
pub fn distances(a: &[[f32; 2]], b: impl Iterator<Item = [f32; 2]>) -> (f32, f32) {
    let mut sum = 0.0f32;
    let mut max = 0.0f32;
    let mut n = 0;
    for (p, q) in a.iter().zip(b) {
        let d = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
        sum += d;
        max = max.max(d);
        n += 1;
    }
    assert_eq!(n, a.len());
    (sum / n as f32, max)
}

/// `img` turned by `degrees` counter-clockwise on screen about its centre,
/// on a canvas grown to hold it, the corners filled with `fill`; bilinear.
/// Also returns the map from source to rotated pixel coordinates.
pub fn rotate(img: &Image, degrees: f32, fill: [u8; 3]) -> (Image, impl Fn([f32; 2]) -> [f32; 2]) {
    let a = degrees.to_radians();
    let (s, c) = a.sin_cos();
    let (w, h) = (img.width as f32, img.height as f32);
    let nw = (w * c.abs() + h * s.abs()).round() as u32;
    let nh = (w * s.abs() + h * c.abs()).round() as u32;
    let (cx, cy) = (w / 2.0, h / 2.0);
    let (ncx, ncy) = (nw as f32 / 2.0, nh as f32 / 2.0);
    let mut out = vec![0u8; (nw * nh * 4) as usize];
    for y in 0..nh {
        for x in 0..nw {
            // Pixel centre in the new image, back to the source (continuous
            // coordinates: pixel i covers i..i+1).
            let dx = x as f32 + 0.5 - ncx;
            let dy = y as f32 + 0.5 - ncy;
            // Counter-clockwise on screen with y down: (dx, dy) = R(-a) (sx, sy).
            let sx = c * dx - s * dy + cx - 0.5;
            let sy = s * dx + c * dy + cy - 0.5;
            let px = bilinear(img, sx, sy, fill);
            let i = ((y * nw + x) * 4) as usize;
            out[i..i + 3].copy_from_slice(&px);
            out[i + 3] = 255;
        }
    }
    let map = move |p: [f32; 2]| {
        let (dx, dy) = (p[0] - cx, p[1] - cy);
        [c * dx + s * dy + ncx, -s * dx + c * dy + ncy]
    };
    (
        Image {
            rgba: out,
            width: nw,
            height: nh,
        },
        map,
    )
}

fn bilinear(img: &Image, x: f32, y: f32, fill: [u8; 3]) -> [u8; 3] {
    let (w, h) = (img.width as i64, img.height as i64);
    let (x0, y0) = (x.floor() as i64, y.floor() as i64);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let get = |xi: i64, yi: i64| -> [f32; 3] {
        if xi < 0 || yi < 0 || xi >= w || yi >= h {
            fill.map(f32::from)
        } else {
            let i = ((yi * w + xi) * 4) as usize;
            [0, 1, 2].map(|c| f32::from(img.rgba[i + c]))
        }
    };
    let (a, b, c, d) = (
        get(x0, y0),
        get(x0 + 1, y0),
        get(x0, y0 + 1),
        get(x0 + 1, y0 + 1),
    );
    [0, 1, 2].map(|k| {
        let top = a[k] + (b[k] - a[k]) * fx;
        let bot = c[k] + (d[k] - c[k]) * fx;
        (top + (bot - top) * fy).round().clamp(0.0, 255.0) as u8
    })
}

/// `img` shrunk by `factor` (box filter, for integer factors) and pasted at
/// `at` on a `width`×`height` canvas of `fill`. Also returns the map from
/// source to canvas pixel coordinates.
pub fn shrink_onto(
    img: &Image,
    factor: u32,
    width: u32,
    height: u32,
    at: [u32; 2],
    fill: [u8; 3],
) -> (Image, impl Fn([f32; 2]) -> [f32; 2]) {
    let (sw, sh) = (img.width / factor, img.height / factor);
    let mut out: Vec<u8> = (0..width * height)
        .flat_map(|_| [fill[0], fill[1], fill[2], 255])
        .collect();
    for y in 0..sh {
        for x in 0..sw {
            let mut acc = [0u32; 3];
            for yy in 0..factor {
                for xx in 0..factor {
                    let i = (((y * factor + yy) * img.width + x * factor + xx) * 4) as usize;
                    for (a, &v) in acc.iter_mut().zip(&img.rgba[i..i + 3]) {
                        *a += u32::from(v);
                    }
                }
            }
            let (tx, ty) = (x + at[0], y + at[1]);
            if tx < width && ty < height {
                let o = ((ty * width + tx) * 4) as usize;
                for (d, a) in out[o..o + 3].iter_mut().zip(acc) {
                    *d = ((a + factor * factor / 2) / (factor * factor)) as u8;
                }
            }
        }
    }
    let f = factor as f32;
    let map = move |p: [f32; 2]| [p[0] / f + at[0] as f32, p[1] / f + at[1] as f32];
    (
        Image {
            rgba: out,
            width,
            height,
        },
        map,
    )
}

/// `img` at half size (2×2 box filter; odd last row/column dropped).
pub fn half(img: &Image) -> Image {
    let (w, h) = (img.width / 2, img.height / 2);
    let mut out = vec![0u8; (w * h * 4) as usize];
    for y in 0..h {
        for x in 0..w {
            for c in 0..4 {
                let at = |xx: u32, yy: u32| {
                    u32::from(img.rgba[((yy * img.width + xx) * 4 + c) as usize])
                };
                let sum = at(2 * x, 2 * y)
                    + at(2 * x + 1, 2 * y)
                    + at(2 * x, 2 * y + 1)
                    + at(2 * x + 1, 2 * y + 1);
                out[((y * w + x) * 4 + c) as usize] = ((sum + 2) / 4) as u8;
            }
        }
    }
    Image {
        rgba: out,
        width: w,
        height: h,
    }
}
