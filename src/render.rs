//! The pipeline: design + photo size → [`Scene`] (area, impressions, time plan) →
//! marks on a given day → pixels. [`Renderer`] keeps the blue-noise samples between
//! renders, so a change of time or a drag of one hairline point does not regenerate
//! them.

use kurbo::Rect;

use crate::area::{Area, Frame};
use crate::composite::{self, SIGMA_PER_RADIUS, Splat, Tint, composite};
use crate::design::Design;
use crate::error::RenderError;
use crate::fade::{self, DAYS_PER_YEAR, Plan, SPREAD_PER_YEAR};
use crate::impressions::{Impression, place};
use crate::placement::{self, PointSet};
use crate::raster::{Rgba8, check_size};
use crate::validate;

/// Largest darkening a mark can reach at full shade: pigment under the epidermis
/// never looks fully black.
pub const MAX_DARKENING: f64 = 0.88;
/// Strength of the redness around fresh impressions.
pub const REDNESS: f64 = 0.45;
/// σ of the light-scattering halo around every mark, in mm (a property of skin).
pub const HALO_SIGMA_MM: f64 = 0.4;
/// Darkening at the halo's centre relative to the mark's own.
pub const HALO_STRENGTH: f64 = 0.33;

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// Keeps blue-noise samples between renders.
#[derive(Debug, Default)]
pub struct Renderer {
    points: Option<PointSet>,
}

impl Renderer {
    /// A renderer with nothing cached.
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates `design` for a `width` × `height` photo and builds its scene.
    pub fn scene(
        &mut self,
        design: &Design,
        width: u32,
        height: u32,
    ) -> Result<Scene, RenderError> {
        check_size(width, height)?;
        design.validate()?;
        validate::scale_for_photo(design, width, height)?;
        let frame = Frame::new(design, width, height);
        let area = Area::new(design, &frame);
        let impressions = if area.is_empty() || design.density <= 0.0 {
            Vec::new()
        } else {
            let window = placement::window_for(area.bounds());
            let levels = placement::levels_for(design.density);
            let points = self.points_for(design.seed, window, levels);
            place(design, &area, points)
        };
        Ok(Scene {
            frame,
            impressions,
            plan: Plan::new(design),
            design: design.clone(),
        })
    }

    /// Samples covering `window` with `levels` levels, reusing the cache if it covers them.
    fn points_for(&mut self, seed: u32, window: Rect, levels: usize) -> &PointSet {
        let points = match self.points.take() {
            Some(p)
                if p.seed == seed && p.levels >= levels && p.window.union(window) == p.window =>
            {
                p
            }
            // Grow the cached window rather than replace it when the area only moved a
            // little, so dragging back and forth does not regenerate each time.
            Some(p) if p.seed == seed && p.window.union(window).area() < 2.0 * window.area() => {
                placement::generate(seed, p.window.union(window), levels.max(p.levels))
            }
            _ => placement::generate(seed, window, levels),
        };
        self.points.insert(points)
    }

    /// Renders `design` onto a copy of `photo` as it looks on `day`.
    pub fn render(
        &mut self,
        photo: &Rgba8,
        design: &Design,
        day: f64,
    ) -> Result<Rgba8, RenderError> {
        let scene = self.scene(design, photo.width(), photo.height())?;
        let mut out = photo.clone();
        scene.render_into(&mut out, day)?;
        Ok(out)
    }
}

/// A design laid out on a photo of a given size: its impressions and time plan.
#[derive(Debug, Clone)]
pub struct Scene {
    frame: Frame,
    impressions: Vec<Impression>,
    plan: Plan,
    design: Design,
}

impl Scene {
    /// The impressions (positions in mm).
    pub fn impressions(&self) -> &[Impression] {
        &self.impressions
    }

    /// The time plan (sessions, top-ups, rates).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The frame (photo size and scale).
    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    /// How the pigment tints the light on `day`: the blue-grey cast grows slowly over
    /// the years, and a poor pigment (the colour-shift effect) turns blue-green.
    pub fn tint(&self, day: f64) -> Tint {
        let years = (day / DAYS_PER_YEAR).max(0.0);
        let mut depth = Tint::SKIN_CARBON.depth;
        depth[2] -= 0.012 * years.min(8.0) as f32;
        let shift = (self.design.effects.color_shift * (years / 3.0).min(1.0)) as f32;
        depth[0] += 0.35 * shift;
        depth[1] -= 0.08 * shift;
        depth[2] -= 0.3 * shift;
        Tint { depth }
    }

    /// The marks to draw on `day`, in pixels.
    pub fn splats(&self, day: f64) -> Vec<Splat> {
        let px_per_mm = self.frame.px_per_mm;
        let blowout = self.design.effects.blowout;
        let shade = self.design.shade * MAX_DARKENING;
        self.impressions
            .iter()
            .filter_map(|imp| {
                let state = self.plan.state(&imp.deposits, day)?;
                let age_days = state.years * DAYS_PER_YEAR;
                // Pigment that migrates (slowly, or fast in a blow-out) covers more skin
                // but is no more pigment: the mark grows and pales, keeping its total.
                let blown = blowout * (1.6 * (1.0 - (-age_days / 20.0).exp()) + 0.25 * state.years);
                let spread = (1.0 + SPREAD_PER_YEAR * state.years) * (1.0 + blown);
                let growth = state.swelling * spread;
                let base = shade * fade::darkness(state.load) * f64::from(imp.tone);
                let darkening = base / (spread * spread);
                let sigma =
                    f64::from(imp.radius_mm) * growth * px_per_mm * f64::from(SIGMA_PER_RADIUS);
                let stretch = f64::from(imp.aspect).sqrt();
                Some(Splat {
                    x: (imp.pos.x * px_per_mm) as f32,
                    y: (imp.pos.y * px_per_mm) as f32,
                    sigma_major: (sigma * stretch) as f32,
                    sigma_minor: (sigma / stretch) as f32,
                    angle: imp.angle,
                    darkening: darkening.clamp(0.0, 0.97) as f32,
                    redness: (state.redness * REDNESS) as f32,
                    halo_sigma: (HALO_SIGMA_MM * (1.0 + blown) * px_per_mm) as f32,
                    halo_darkening: (base * HALO_STRENGTH / ((1.0 + blown) * (1.0 + blown))) as f32,
                })
            })
            .collect()
    }

    /// Draws the scene as it looks on `day` into `photo`, which must have the size
    /// the scene was built for.
    pub fn render_into(&self, photo: &mut Rgba8, day: f64) -> Result<(), RenderError> {
        self.check(photo, day)?;
        composite(photo, &self.splats(day), self.tint(day));
        Ok(())
    }

    /// [`render_into`](Self::render_into) on a raw RGBA8 buffer, in place.
    pub fn render_pixels(&self, data: &mut [u8], day: f64) -> Result<(), RenderError> {
        let (w, h) = (self.frame.width, self.frame.height);
        crate::raster::check_buffer(w, h, data.len())?;
        self.check_day(day)?;
        composite::composite_pixels(data, w, h, &self.splats(day), self.tint(day));
        Ok(())
    }

    /// Renders only the part of the photo that pigment touches on `day`, joined with
    /// `include` (the part drawn last time, so pixels that lose their pigment are
    /// restored): returns that rectangle and its pixels, or `None` when there is
    /// nothing to draw. Drawn over the previous frame at `(rect.x, rect.y)` it gives
    /// exactly the full render, at a fraction of the copying for large photos.
    pub fn render_region(
        &self,
        photo: &Rgba8,
        day: f64,
        include: Option<PixelRect>,
    ) -> Result<Option<(PixelRect, Rgba8)>, RenderError> {
        self.check(photo, day)?;
        let splats = self.splats(day);
        let (w, h) = (i64::from(photo.width()), i64::from(photo.height()));
        let mut rect = composite::bounds(&splats).map(|[x0, y0, x1, y1]| {
            [
                x0.clamp(0, w),
                y0.clamp(0, h),
                x1.clamp(0, w),
                y1.clamp(0, h),
            ]
        });
        if let Some(inc) = include {
            let r = [
                i64::from(inc.x),
                i64::from(inc.y),
                i64::from(inc.x) + i64::from(inc.width),
                i64::from(inc.y) + i64::from(inc.height),
            ]
            .map(|v| v.max(0));
            let r = [r[0].min(w), r[1].min(h), r[2].min(w), r[3].min(h)];
            rect = Some(match rect {
                None => r,
                Some(a) => [
                    a[0].min(r[0]),
                    a[1].min(r[1]),
                    a[2].max(r[2]),
                    a[3].max(r[3]),
                ],
            });
        }
        let Some([x0, y0, x1, y1]) = rect.filter(|r| r[2] > r[0] && r[3] > r[1]) else {
            return Ok(None);
        };
        let rect = PixelRect {
            x: x0 as u32,
            y: y0 as u32,
            width: (x1 - x0) as u32,
            height: (y1 - y0) as u32,
        };
        let mut out = photo.crop(rect)?;
        let shifted: Vec<Splat> = splats
            .into_iter()
            .map(|s| Splat {
                x: s.x - x0 as f32,
                y: s.y - y0 as f32,
                ..s
            })
            .collect();
        composite(&mut out, &shifted, self.tint(day));
        Ok(Some((rect, out)))
    }

    fn check(&self, photo: &Rgba8, day: f64) -> Result<(), RenderError> {
        if photo.width() != self.frame.width || photo.height() != self.frame.height {
            return Err(RenderError::Photo(format!(
                "the scene was laid out for a {} × {} photo, not {} × {}",
                self.frame.width,
                self.frame.height,
                photo.width(),
                photo.height()
            )));
        }
        self.check_day(day)
    }

    fn check_day(&self, day: f64) -> Result<(), RenderError> {
        if !day.is_finite() || !(0.0..=fade::HORIZON_DAYS).contains(&day) {
            return Err(RenderError::Argument(format!(
                "day must be between 0 and {:.0} (ten years), got {day}",
                fade::HORIZON_DAYS
            )));
        }
        Ok(())
    }

    /// Visibility on `day` of this scene's own impressions (1 = healed, unfaded).
    pub fn visibility(&self, day: f64) -> f64 {
        fade::visibility(
            &self.plan,
            self.impressions.iter().map(|i| &i.deposits),
            day,
        )
    }
}

/// Renders `design` onto a copy of `photo` on `day` (a one-off; keep a [`Renderer`]
/// to render the same design repeatedly).
pub fn render(photo: &Rgba8, design: &Design, day: f64) -> Result<Rgba8, RenderError> {
    Renderer::new().render(photo, design, day)
}
