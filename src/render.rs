//! The pipeline: design + photo size → [`Scene`] (area, impressions, time plan) →
//! marks on a given day → pixels. [`Renderer`] keeps the blue-noise samples between
//! renders, so a change of time or a drag of one hairline point does not regenerate
//! them.

use kurbo::Rect;

use crate::appearance::Look;
use crate::area::{Area, Frame};
use crate::composite::{Splat, Tint};
use crate::design::{Design, validate};
use crate::error::RenderError;
use crate::fade::{self, Plan};
use crate::impressions::{Impression, OnHead, place};
use crate::placement::{self, PointSet};
use crate::raster::{PixelRect, Rgba8, check_size};
use crate::surface::{Facing, HeadSurface};

mod draw;
mod skin_cache;

pub use skin_cache::SkinCache;

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
        validate::cost(design, width, height, area.bounds())?;
        // On the head's surface the image density rises toward its outline (1/cos θ).
        let surface = design
            .head
            .filter(|_| !design.flat)
            .and_then(|h| HeadSurface::new(&h, width, height));
        let on_head = surface.as_ref().map(|s| OnHead {
            surface: s,
            px_per_mm: frame.px_per_mm,
        });
        let impressions = if area.is_empty() || design.density <= 0.0 {
            Vec::new()
        } else {
            let window = placement::window_for(area.bounds());
            let most = Facing::most_density(on_head.is_some());
            let levels = placement::levels_for(design.density * most);
            let points = self.points_for(design.seed, window, levels);
            place(design, &area, points, on_head)
        };
        let extent = extent_px(&impressions, &frame);
        Ok(Scene {
            frame,
            impressions,
            extent,
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
    /// Pixels pigment can reach on any day (impressions plus [`EXTENT_MARGIN_MM`]).
    extent: Option<PixelRect>,
    plan: Plan,
    design: Design,
}

/// How far beyond an impression's centre its pigment (mark, halo, redness, a
/// blow-out) can reach, in mm, for the rectangle the skin mask is computed over.
pub const EXTENT_MARGIN_MM: f64 = 6.0;

fn extent_px(impressions: &[Impression], frame: &Frame) -> Option<PixelRect> {
    let first = impressions.first()?;
    let mut b = Rect::from_points(first.pos, first.pos);
    for imp in impressions {
        b = b.union_pt(imp.pos);
    }
    let b = b.inflate(EXTENT_MARGIN_MM, EXTENT_MARGIN_MM);
    let s = frame.px_per_mm;
    PixelRect::covering(
        [b.x0 * s, b.y0 * s, b.x1 * s, b.y1 * s],
        frame.width,
        frame.height,
    )
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

    /// How the pigment tints the light on `day` (see `appearance::Look::tint`).
    pub fn tint(&self, day: f64) -> Tint {
        self.look().tint(day)
    }

    /// The marks to draw on `day`, in pixels (see `appearance::Look::mark`).
    pub fn splats(&self, day: f64) -> Vec<Splat> {
        let look = self.look();
        self.impressions
            .iter()
            .filter_map(|imp| Some(look.mark(imp, &self.plan.state(&imp.deposits, day)?)))
            .collect()
    }

    /// How this scene's marks look.
    fn look(&self) -> Look {
        Look::new(&self.design, self.frame.px_per_mm)
    }

    /// The patch of the photo the reference skin colour is sampled from: the
    /// forehead 4.8–6.3 cm below the middle of the hairline (about 1–2.5 cm above the
    /// brows of a proportionate hairline, below most fringes), 3 cm wide; without a
    /// hairline, the core of the first brush stroke that adds area. Snapped to a
    /// 5 mm grid so small edits keep the same patch (and the same mask).
    pub fn skin_patch(&self) -> Option<PixelRect> {
        let f = &self.frame;
        let px = f.px_per_mm;
        let (w, h) = (f64::from(f.width), f64::from(f.height));
        let front = &self.design.hairline.front;
        let (cx, top, half_w, rows) = if front.len() >= 2 {
            let n = front.len();
            let mid = if n % 2 == 1 {
                front[n / 2]
            } else {
                let (a, b) = (front[n / 2 - 1], front[n / 2]);
                crate::design::Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
            };
            (mid.x * w, mid.y * h + 48.0 * px, 15.0 * px, 15.0 * px)
        } else {
            let stroke = self
                .design
                .strokes
                .iter()
                .find(|s| s.mode == crate::design::StrokeMode::Add)?;
            let p = stroke.points.first()?;
            let r = stroke.radius_mm * 0.5 * px;
            (p.x * w, p.y * h - r, r, 2.0 * r)
        };
        let snap = (5.0 * px).max(1.0);
        let (x0, y0) = (
            ((cx - half_w) / snap).round() * snap,
            (top / snap).round() * snap,
        );
        PixelRect::covering([x0, y0, x0 + 2.0 * half_w, y0 + rows], f.width, f.height)
    }

    /// Pixels pigment can reach on any day: the impressions' box plus a margin,
    /// clipped to the photo (`None` without impressions).
    pub fn extent(&self) -> Option<PixelRect> {
        self.extent
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
