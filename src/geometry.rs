//! Curves and shapes in millimetres: smooth curves through control points (centripetal
//! Catmull–Rom, as `kurbo` Bézier paths), flattened polylines with fast distance
//! queries, and a polygon with a fast inside test.

use kurbo::{BezPath, PathEl, Point, Rect};
use rstar::{AABB, PointDistance, RTree, RTreeObject};

/// Flattening tolerance for curves, in mm: far below an impression's size.
pub const FLATTEN_TOLERANCE_MM: f64 = 0.05;

/// A smooth open curve through `points` (centripetal Catmull–Rom, which neither
/// overshoots nor forms loops between unevenly spaced points). The ends are extended
/// by reflection so the curve starts and ends exactly at the first and last points.
pub fn smooth_curve(points: &[Point]) -> BezPath {
    let mut path = BezPath::new();
    let n = points.len();
    if n == 0 {
        return path;
    }
    path.move_to(points[0]);
    if n == 1 {
        return path;
    }
    for i in 0..n - 1 {
        let p1 = points[i];
        let p2 = points[i + 1];
        let p0 = if i == 0 {
            p1 + (p1 - p2)
        } else {
            points[i - 1]
        };
        let p3 = if i + 2 < n {
            points[i + 2]
        } else {
            p2 + (p2 - p1)
        };
        let (c1, c2) = centripetal_controls(p0, p1, p2, p3);
        path.curve_to(c1, c2, p2);
    }
    path
}

/// Bézier control points of the centripetal Catmull–Rom segment p1 → p2.
fn centripetal_controls(p0: Point, p1: Point, p2: Point, p3: Point) -> (Point, Point) {
    let d1 = (p1 - p0).hypot().sqrt();
    let d2 = (p2 - p1).hypot().sqrt();
    let d3 = (p3 - p2).hypot().sqrt();
    if d2 < 1e-12 {
        return (p1, p2);
    }
    let c1 = if d1 < 1e-12 {
        p1
    } else {
        let v = p2.to_vec2() * (d1 * d1) - p0.to_vec2() * (d2 * d2)
            + p1.to_vec2() * (2.0 * d1 * d1 + 3.0 * d1 * d2 + d2 * d2);
        (v / (3.0 * d1 * (d1 + d2))).to_point()
    };
    let c2 = if d3 < 1e-12 {
        p2
    } else {
        let v = p1.to_vec2() * (d3 * d3) - p3.to_vec2() * (d2 * d2)
            + p2.to_vec2() * (2.0 * d3 * d3 + 3.0 * d3 * d2 + d2 * d2);
        (v / (3.0 * d3 * (d3 + d2))).to_point()
    };
    (c1, c2)
}

/// The vertices of `path` flattened to line segments within `tolerance`.
pub fn flatten(path: &BezPath, tolerance: f64) -> Vec<Point> {
    let mut out = Vec::new();
    kurbo::flatten(path, tolerance, |el| match el {
        PathEl::MoveTo(p) | PathEl::LineTo(p) if out.last() != Some(&p) => out.push(p),
        _ => {}
    });
    out
}

/// Squared distance from `p` to the segment `a`–`b`.
#[inline]
pub fn segment_distance_sq(p: Point, a: Point, b: Point) -> f64 {
    let ab = b - a;
    let ap = p - a;
    let len2 = ab.hypot2();
    let t = if len2 > 0.0 {
        (ap.dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (ap - ab * t).hypot2()
}

/// One segment of a polyline, as the spatial index stores it.
#[derive(Debug, Clone, Copy)]
struct Segment {
    a: Point,
    b: Point,
}

impl RTreeObject for Segment {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners([self.a.x, self.a.y], [self.b.x, self.b.y])
    }
}

impl PointDistance for Segment {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        segment_distance_sq(Point::new(p[0], p[1]), self.a, self.b)
    }
}

/// An open polyline with fast "distance if closer than `reach`" queries. Its segments
/// sit in an R-tree (`rstar`), so memory grows with the number of segments, never
/// with the area their bounding boxes span (one long diagonal stroke costs no more
/// than a short one).
pub struct Polyline {
    tree: RTree<Segment>,
    reach: f64,
}

impl Polyline {
    /// A polyline through `points`; distances beyond `reach` are reported as `None`.
    pub fn new(points: Vec<Point>, reach: f64) -> Self {
        let mut segments: Vec<Segment> = points
            .windows(2)
            .map(|w| Segment { a: w[0], b: w[1] })
            .collect();
        if points.len() == 1 {
            segments.push(Segment {
                a: points[0],
                b: points[0],
            });
        }
        Self {
            tree: RTree::bulk_load(segments),
            reach,
        }
    }

    /// Distance from `p` to the polyline, when it is at most `reach`.
    pub fn distance_within_reach(&self, p: Point) -> Option<f64> {
        let q = [p.x, p.y];
        let d2 = self.tree.nearest_neighbor(q)?.distance_2(&q);
        (d2 <= self.reach * self.reach).then(|| d2.sqrt())
    }
}

/// A closed polygon (even–odd rule) with a fast inside test: edges are bucketed into
/// horizontal bands so a query only crosses the edges of its own band.
pub struct Polygon {
    edges: Vec<(Point, Point)>,
    band_top: f64,
    band_height: f64,
    bands: Vec<Vec<u32>>,
    bounds: Rect,
}

impl Polygon {
    /// A polygon through `vertices` (closed implicitly).
    pub fn new(vertices: &[Point]) -> Self {
        let n = vertices.len();
        let edges: Vec<(Point, Point)> = (0..n)
            .map(|i| (vertices[i], vertices[(i + 1) % n]))
            .filter(|(a, b)| a.y != b.y)
            .collect();
        let mut bounds: Option<Rect> = None;
        for &v in vertices {
            let r = Rect::from_points(v, v);
            bounds = Some(bounds.map_or(r, |u| u.union(r)));
        }
        let bounds = bounds.unwrap_or_default();
        let band_count = (edges.len() / 2).clamp(1, 512);
        let band_height = (bounds.height() / band_count as f64).max(1e-9);
        let mut bands = vec![Vec::new(); band_count];
        for (i, &(a, b)) in edges.iter().enumerate() {
            let lo = ((a.y.min(b.y) - bounds.y0) / band_height).floor().max(0.0) as usize;
            let hi = ((a.y.max(b.y) - bounds.y0) / band_height).floor().max(0.0) as usize;
            for band in bands.iter_mut().take(hi.min(band_count - 1) + 1).skip(lo) {
                band.push(i as u32);
            }
        }
        Self {
            edges,
            band_top: bounds.y0,
            band_height,
            bands,
            bounds,
        }
    }

    /// The bounding box.
    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Whether `p` lies inside (even–odd rule).
    pub fn contains(&self, p: Point) -> bool {
        if !self.bounds.contains(p) || self.edges.is_empty() {
            return false;
        }
        let band =
            (((p.y - self.band_top) / self.band_height).floor() as usize).min(self.bands.len() - 1);
        let mut inside = false;
        for &i in &self.bands[band] {
            let (a, b) = self.edges[i as usize];
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if x > p.x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_curve_passes_through_every_point() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 5.0),
            Point::new(30.0, 4.0),
            Point::new(31.0, 20.0),
        ];
        let flat = flatten(&smooth_curve(&pts), 0.01);
        for p in pts {
            let d = flat
                .iter()
                .map(|q| (*q - p).hypot())
                .fold(f64::INFINITY, f64::min);
            assert!(d < 1e-9, "{p:?} is {d} from the curve");
        }
    }

    #[test]
    fn smooth_curve_does_not_overshoot_uneven_spacing() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(40.0, 0.0),
        ];
        let flat = flatten(&smooth_curve(&pts), 0.01);
        for q in flat {
            assert!(
                q.x >= -1e-9 && q.x <= 40.0 + 1e-9 && q.y.abs() < 1e-9,
                "{q:?}"
            );
        }
    }

    #[test]
    fn polyline_distance_respects_reach() {
        let line = Polyline::new(vec![Point::new(0.0, 0.0), Point::new(100.0, 0.0)], 5.0);
        assert_eq!(line.distance_within_reach(Point::new(50.0, 3.0)), Some(3.0));
        assert_eq!(line.distance_within_reach(Point::new(50.0, 6.0)), None);
        let d = line.distance_within_reach(Point::new(103.0, 4.0)).unwrap();
        assert!((d - 5.0).abs() < 1e-12);
    }

    #[test]
    fn polygon_inside_test_matches_a_concave_shape() {
        // A "U": inside the arms, outside the notch.
        let poly = Polygon::new(&[
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 30.0),
            Point::new(20.0, 30.0),
            Point::new(20.0, 0.0),
            Point::new(30.0, 0.0),
            Point::new(30.0, 40.0),
            Point::new(0.0, 40.0),
        ]);
        assert!(poly.contains(Point::new(5.0, 10.0)));
        assert!(poly.contains(Point::new(25.0, 10.0)));
        assert!(!poly.contains(Point::new(15.0, 10.0)));
        assert!(poly.contains(Point::new(15.0, 35.0)));
        assert!(!poly.contains(Point::new(-1.0, 10.0)));
        assert!(!poly.contains(Point::new(15.0, 41.0)));
    }
}
