//! From blue-noise samples and the area to impressions: which samples are placed, in
//! which session, and each impression's own size, shape, darkness and fading rate.
//!
//! Every random choice of an impression comes from its sample's stable id, so an
//! impression looks the same whatever else in the design changes.

use fastnoise_lite::{FastNoiseLite, NoiseType};
use kurbo::{Point, Vec2};
use rand_core::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;

use crate::area::Area;
use crate::design::Design;
use crate::placement::{PointSet, normal, unit};
use crate::sessions::{Deposits, deposits_for, patch_multiplier};
use crate::surface::{Facing, HeadSurface};

/// Wavelength (mm) of the slow spatial field that makes fading patchy.
pub const PATCH_WAVELENGTH_MM: f64 = 25.0;
/// Share of hairline-edge impressions that get a second impression beside them
/// (1–2-hair groupings), at the very edge.
pub const PAIR_SHARE: f64 = 0.35;

/// One pigment impression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Impression {
    /// Centre in mm.
    pub pos: Point,
    /// Healed radius in mm.
    pub radius_mm: f32,
    /// Elongation (≥ 1): ratio of the long to the short axis.
    pub aspect: f32,
    /// Direction of the long axis, radians.
    pub angle: f32,
    /// Relative darkness (edge zone and jitter), multiplies the shade.
    pub tone: f32,
    /// Pigment history.
    pub deposits: Deposits,
    /// How the scalp under it faces the camera ([`Facing::FLAT`] for a flat design):
    /// its mark is drawn foreshortened and fades toward the head's outline.
    pub facing: Facing,
}

/// The head's surface the impressions are placed on, and the photo's scale.
#[derive(Debug, Clone, Copy)]
pub struct OnHead<'a> {
    /// The surface, traced in the photo's pixels.
    pub surface: &'a HeadSurface,
    /// Pixels per mm of the design's frame.
    pub px_per_mm: f64,
}

impl OnHead<'_> {
    /// How the scalp faces the camera at `pos` (mm); beyond the head's outline, marks
    /// do not show.
    fn facing(&self, pos: Point) -> Facing {
        let s = self.px_per_mm;
        self.surface
            .facing(pos.x * s, pos.y * s)
            .unwrap_or(Facing::BEYOND)
    }
}

/// Places the impressions of `design` over `area`, choosing from `points`; on the
/// head's surface when `head` is given (evenly spaced on the scalp: denser in the
/// image where it turns away, gone past its outline), else flat on the picture.
pub fn place(
    design: &Design,
    area: &Area,
    points: &PointSet,
    head: Option<OnHead>,
) -> Vec<Impression> {
    let bounds = area.bounds();
    let sessions = design.sessions.days.len();
    let mut patch_field = FastNoiseLite::with_seed(design.seed.wrapping_add(17) as i32);
    patch_field.set_noise_type(Some(NoiseType::OpenSimplex2));
    patch_field.set_frequency(Some((1.0 / PATCH_WAVELENGTH_MM) as f32));
    let jitter = design.jitter;
    let base_radius = design.dot_size_mm / 2.0;
    let mut out = Vec::new();
    let most = Facing::most_density(head.is_some());
    for s in &points.samples {
        if !bounds.contains(s.pos) || s.activation >= design.density * most {
            continue;
        }
        let facing = head.map_or(Facing::FLAT, |h| h.facing(s.pos));
        if facing.visibility() <= 0.0 {
            continue;
        }
        let mut rng = SplitMix64::seed_from_u64(s.id);
        let micro = 2.0 * unit(rng.next_u64()) - 1.0;
        let here = area.sample(s.pos, micro);
        let target = design.density * here.density * facing.density();
        if s.activation >= target {
            continue;
        }
        let share = s.activation / target;
        let field = f64::from(patch_field.get_noise_2d(s.pos.x as f32, s.pos.y as f32));
        let deposits = deposits_for(s.id, share, sessions, patch_multiplier(field));

        let edge = here.edge;
        let z = normal(unit(rng.next_u64()), unit(rng.next_u64()));
        let size = (0.8 * jitter.size * z).exp() * (0.72 + 0.28 * edge);
        let aspect = 1.0 + jitter.shape * 0.8 * unit(rng.next_u64());
        let angle = std::f64::consts::PI * unit(rng.next_u64());
        let tone_jitter = 1.0 + jitter.darkness * 0.6 * (2.0 * unit(rng.next_u64()) - 1.0);
        let tone = tone_jitter * (0.62 + 0.38 * edge);
        let imp = Impression {
            pos: s.pos,
            radius_mm: (base_radius * size) as f32,
            aspect: aspect as f32,
            angle: angle as f32,
            tone: tone as f32,
            deposits,
            facing,
        };
        out.push(imp);
        // Single impressions and 1–2-hair groupings at the hairline edge.
        if unit(rng.next_u64()) < PAIR_SHARE * (1.0 - edge) {
            let dir = std::f64::consts::TAU * unit(rng.next_u64());
            let dist = design.dot_size_mm * (1.3 + 0.8 * unit(rng.next_u64()));
            // The step lies on the scalp: foreshortened as the marks are.
            let [dx, dy] = facing.squeeze([dir.cos() * dist, dir.sin() * dist]);
            out.push(Impression {
                pos: s.pos + Vec2::new(dx, dy),
                radius_mm: imp.radius_mm * 0.9,
                tone: imp.tone * 0.9,
                ..imp
            });
        }
    }
    out
}
