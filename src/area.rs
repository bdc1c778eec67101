//! The treated area as a density field: the region behind the hairline (closed by the
//! scalp outline or the top of the photo) plus brush strokes, with a soft transition
//! zone behind the hairline and micro/macro irregularity so the edge is never a
//! ruler-straight or perfectly smooth line.
//!
//! All coordinates are millimetres in the photo's frame (x right, y down).

use fastnoise_lite::{FastNoiseLite, FractalType, NoiseType};
use kurbo::{Point, Rect};

use crate::design::{Design, StrokeMode};
use crate::geometry::{
    FLATTEN_TOLERANCE_MM, Polygon, Polyline, flatten, segment_distance_sq, smooth_curve,
};
use rstar::{AABB, RTree, RTreeObject};

/// Largest macro displacement of the hairline at irregularity 1, in mm.
pub const MACRO_AMPLITUDE_MM: f64 = 3.0;
/// Wavelength of the macro irregularity along the hairline, in mm.
pub const MACRO_WAVELENGTH_MM: f64 = 14.0;
/// Largest per-impression offset at irregularity 1, in mm: single impressions ahead of
/// the line and gaps behind it.
pub const MICRO_AMPLITUDE_MM: f64 = 2.5;

/// The photo's frame: its size in pixels and its scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per millimetre.
    pub px_per_mm: f64,
}

impl Frame {
    /// The frame of a `width` × `height` photo under `design`'s scale.
    pub fn new(design: &Design, width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            px_per_mm: design.scale.px_per_mm(width),
        }
    }

    /// An image-relative design point in mm.
    pub fn to_mm(&self, p: crate::design::Point) -> Point {
        Point::new(
            p.x * f64::from(self.width) / self.px_per_mm,
            p.y * f64::from(self.height) / self.px_per_mm,
        )
    }

    /// The whole photo in mm.
    pub fn extent_mm(&self) -> Rect {
        Rect::new(
            0.0,
            0.0,
            f64::from(self.width) / self.px_per_mm,
            f64::from(self.height) / self.px_per_mm,
        )
    }
}

/// The hairline and scalp outline of a design as SVG path data in the pixels of a
/// `width` × `height` photo: the exact curves the renderer uses, for editors to draw.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HairlinePaths {
    /// The hairline (empty without one).
    pub front: String,
    /// The scalp outline from the hairline's right end back to its left end (empty
    /// when the area is closed along the top of the photo).
    pub outline: String,
}

/// The curves of `design` on a `width` × `height` photo (for the web boundary).
#[cfg(target_arch = "wasm32")]
pub fn hairline_paths(design: &Design, width: u32, height: u32) -> HairlinePaths {
    let h = &design.hairline;
    if h.front.len() < 2 {
        return HairlinePaths::default();
    }
    let px = |p: &crate::design::Point| Point::new(p.x * f64::from(width), p.y * f64::from(height));
    let front: Vec<Point> = h.front.iter().map(px).collect();
    let outline = if h.outline.is_empty() {
        String::new()
    } else {
        let mut back = vec![front[front.len() - 1]];
        back.extend(h.outline.iter().map(px));
        back.push(front[0]);
        smooth_curve(&back).to_svg()
    };
    HairlinePaths {
        front: smooth_curve(&front).to_svg(),
        outline,
    }
}

/// What the area says about one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Fraction of the design density wanted here (0..1).
    pub density: f64,
    /// 0 at the very edge of the area, 1 in its body: impressions near the edge are
    /// smaller and lighter.
    pub edge: f64,
}

struct HairlineArea {
    polygon: Polygon,
    front: Polyline,
    softness: f64,
    macro_amp: f64,
    micro_amp: f64,
    noise: FastNoiseLite,
}

struct StrokeShape {
    mode: StrokeMode,
    radius: f64,
    softness: f64,
    strength: f64,
    bounds: Rect,
}

/// One segment of a brush stroke in the area's spatial index: found by any point
/// within the brush's radius of it.
#[derive(Debug, Clone, Copy)]
struct StrokeSegment {
    stroke: u32,
    a: Point,
    b: Point,
    radius: f64,
}

impl RTreeObject for StrokeSegment {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        let r = self.radius;
        AABB::from_corners(
            [self.a.x.min(self.b.x) - r, self.a.y.min(self.b.y) - r],
            [self.a.x.max(self.b.x) + r, self.a.y.max(self.b.y) + r],
        )
    }
}

/// The area of a design on a photo.
pub struct Area {
    hairline: Option<HairlineArea>,
    strokes: Vec<StrokeShape>,
    /// Every stroke segment, widened by its brush: a point meets only the strokes
    /// that can reach it, and memory grows with the segments, not with the area
    /// their boxes span.
    stroke_index: RTree<StrokeSegment>,
    bounds: Rect,
}

fn smoothstep(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

impl Area {
    /// Builds the area of `design` in `frame`. The design must be valid.
    pub fn new(design: &Design, frame: &Frame) -> Self {
        let h = &design.hairline;
        let hairline = (h.front.len() >= 2).then(|| {
            let front_pts: Vec<Point> = h.front.iter().map(|&p| frame.to_mm(p)).collect();
            let front_flat = flatten(&smooth_curve(&front_pts), FLATTEN_TOLERANCE_MM);
            let mut vertices = front_flat.clone();
            let (first, last) = (front_pts[0], front_pts[front_pts.len() - 1]);
            if h.outline.is_empty() {
                // Close along the top of the photo (a little above it).
                let top = -5.0;
                vertices.push(Point::new(last.x, top));
                vertices.push(Point::new(first.x, top));
            } else {
                let mut back = vec![last];
                back.extend(h.outline.iter().map(|&p| frame.to_mm(p)));
                back.push(first);
                let back_flat = flatten(&smooth_curve(&back), FLATTEN_TOLERANCE_MM);
                let inner = back_flat.len().saturating_sub(1);
                vertices.extend_from_slice(&back_flat[1.min(inner)..inner]);
            }
            let macro_amp = MACRO_AMPLITUDE_MM * h.irregularity;
            let micro_amp = MICRO_AMPLITUDE_MM * h.irregularity;
            let reach = h.softness_mm + macro_amp + micro_amp + 1.0;
            let mut noise = FastNoiseLite::with_seed(design.seed as i32);
            noise.set_noise_type(Some(NoiseType::OpenSimplex2));
            noise.set_fractal_type(Some(FractalType::FBm));
            noise.set_fractal_octaves(Some(2));
            noise.set_frequency(Some((1.0 / MACRO_WAVELENGTH_MM) as f32));
            HairlineArea {
                polygon: Polygon::new(&vertices),
                front: Polyline::new(front_flat, reach),
                softness: h.softness_mm,
                macro_amp,
                micro_amp,
                noise,
            }
        });
        let mut segments = Vec::new();
        let strokes: Vec<StrokeShape> = design
            .strokes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let pts: Vec<Point> = s.points.iter().map(|&p| frame.to_mm(p)).collect();
                let mut bounds = Rect::from_points(pts[0], pts[0]);
                for &p in &pts {
                    bounds = bounds.union_pt(p);
                }
                let seg = |a: Point, b: Point| StrokeSegment {
                    stroke: i as u32,
                    a,
                    b,
                    radius: s.radius_mm,
                };
                if pts.len() == 1 {
                    segments.push(seg(pts[0], pts[0]));
                }
                segments.extend(pts.windows(2).map(|w| seg(w[0], w[1])));
                StrokeShape {
                    mode: s.mode,
                    radius: s.radius_mm,
                    softness: s.softness,
                    strength: s.strength,
                    bounds: bounds.inflate(s.radius_mm, s.radius_mm),
                }
            })
            .collect();
        let stroke_index = RTree::bulk_load(segments);

        let mut bounds: Option<Rect> = None;
        if let Some(ha) = &hairline {
            let m = ha.macro_amp + ha.micro_amp;
            bounds = Some(ha.polygon.bounds().inflate(m, m));
        }
        for s in strokes.iter().filter(|s| s.mode == StrokeMode::Add) {
            bounds = Some(bounds.map_or(s.bounds, |b| b.union(s.bounds)));
        }
        let bounds = bounds.unwrap_or(Rect::ZERO).intersect(frame.extent_mm());
        Self {
            hairline,
            strokes,
            stroke_index,
            bounds,
        }
    }

    /// The box (mm) outside which the area is empty, clipped to the photo.
    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Whether nothing at all is treated.
    pub fn is_empty(&self) -> bool {
        self.bounds.area() <= 0.0
    }

    /// The area at `p`. `micro` in -1..1 is the impression's own random offset, which
    /// scatters single impressions around the hairline edge.
    pub fn sample(&self, p: Point, micro: f64) -> Sample {
        let mut density = 0.0;
        let mut edge = 0.0;
        if let Some(h) = &self.hairline {
            let inside = h.polygon.contains(p);
            let near = h.front.distance_within_reach(p);
            let signed = match (inside, near) {
                (true, Some(d)) => Some(d),
                (true, None) => None, // deep inside: full density
                (false, Some(d)) => Some(-d),
                (false, None) => Some(f64::NEG_INFINITY),
            };
            let value = match signed {
                None => 1.0,
                Some(s) if s == f64::NEG_INFINITY => 0.0,
                Some(s) => {
                    let wobble = f64::from(h.noise.get_noise_2d(p.x as f32, p.y as f32));
                    let s = s + wobble * h.macro_amp + micro * h.micro_amp;
                    if h.softness > 0.0 {
                        smoothstep(s / h.softness)
                    } else if s >= 0.0 {
                        1.0
                    } else {
                        0.0
                    }
                }
            };
            // Outside the polygon but not near the hairline (e.g. beyond the scalp
            // outline) stays empty; near the hairline the irregular edge may reach out.
            density = value;
            edge = value;
        }
        // The strokes within reach of `p`, each with its nearest distance, applied
        // in the design's order.
        let mut near: Vec<(u32, f64)> = Vec::new();
        for seg in self
            .stroke_index
            .locate_in_envelope_intersecting(AABB::from_point([p.x, p.y]))
        {
            let d = segment_distance_sq(p, seg.a, seg.b);
            if d > seg.radius * seg.radius {
                continue;
            }
            match near.iter_mut().find(|(i, _)| *i == seg.stroke) {
                Some((_, best)) => *best = best.min(d),
                None => near.push((seg.stroke, d)),
            }
        }
        near.sort_unstable_by_key(|&(i, _)| i);
        for &(i, d2) in &near {
            let s = &self.strokes[i as usize];
            let d = d2.sqrt();
            let inner = s.radius * (1.0 - s.softness);
            let profile = if d <= inner {
                1.0
            } else {
                smoothstep((s.radius - d) / (s.radius - inner).max(1e-9))
            };
            let amount = profile * s.strength;
            match s.mode {
                StrokeMode::Add => {
                    if amount > density {
                        density = amount;
                        edge = edge.max(profile);
                    }
                }
                StrokeMode::Erase => density *= 1.0 - amount,
            }
        }
        Sample { density, edge }
    }
}

#[cfg(test)]
mod tests;
