//! The pipeline: design + photo size → [`Scene`] (area, impressions, time plan) →
//! marks on a given day → pixels. [`Renderer`] keeps the blue-noise samples between
//! renders, so a change of time or a drag of one hairline point does not regenerate
//! them.

use kurbo::Rect;

use crate::appearance::Look;
use crate::area::{Area, Frame};
use crate::composite::{self, Masked, Splat, Tint};
use crate::design::{Design, validate};
use crate::error::RenderError;
use crate::fade::{self, Plan};
use crate::impressions::{Impression, OnHead, place};
use crate::placement::{self, PointSet};
use crate::raster::{PixelRect, Rgba8, check_size};
use crate::skin::{self, Carrier, PhotoPriors, Refine, SkinMask, SkinModel};
use crate::surface::{Facing, HeadSurface};

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

/// Keeps the skin mask of one photo between frames, so moving through time or
/// dragging the hairline does not recompute it. Reset it (or make a new one) when
/// the photo changes.
#[derive(Debug, Default, Clone)]
pub struct SkinCache {
    patch: Option<PixelRect>,
    model: Option<SkinModel>,
    mask: Option<SkinMask>,
    sampled: bool,
    under_hair: bool,
    priors: PhotoPriors,
}

impl SkinCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty cache for a photo whose analysis gave `priors`.
    pub fn with_priors(priors: PhotoPriors) -> Self {
        Self {
            priors,
            ..Self::default()
        }
    }

    /// The analysis' priors in use.
    pub fn priors(&self) -> &PhotoPriors {
        &self.priors
    }

    /// The reference skin colour found for the last scene drawn with the mask on
    /// (`None`: none found, or the mask is off).
    pub fn model(&self) -> Option<&SkinModel> {
        self.model.as_ref()
    }

    /// The mask for `scene` on the photo `pixels` (the scene's size), covering at
    /// least `need`; `None` when the design's mask is off or no skin colour is found
    /// (then pigment is drawn everywhere in the area).
    pub fn mask(&mut self, scene: &Scene, pixels: &[u8], need: PixelRect) -> Option<&SkinMask> {
        if !scene.design.skin_mask {
            return None;
        }
        let (w, h) = (scene.frame.width, scene.frame.height);
        let patch = scene.skin_patch();
        let under_hair = scene.design.coverage == crate::design::Coverage::BehindHair;
        if !self.sampled || patch != self.patch || under_hair != self.under_hair {
            self.sampled = true;
            self.patch = patch;
            self.under_hair = under_hair;
            let analysed = !self.priors.grids.is_empty();
            self.model = match self.priors.reference {
                Some(rgb) => SkinModel::from_rgb(rgb),
                None => patch.and_then(|p| SkinModel::sample(pixels, w, h, p)),
            }
            .map(|m| m.under_hair(under_hair).shading_free(analysed));
            self.mask = None;
        }
        let model = self.model?;
        let covered = self.mask.as_ref().is_some_and(|m| m.rect().contains(need));
        if !covered {
            // Grow a little (a 32nd of the photo's size each way), so small drags
            // reuse it.
            let mut rect = need.grow(w.max(h) / 32, w, h).unwrap_or(need);
            if let Some(old) = &self.mask {
                if old.rect().area() > 0 {
                    rect = rect.union(old.rect());
                }
            }
            let refine = Refine {
                radius: skin::filter_radius(scene.frame.px_per_mm),
                // Under longer hair the bare-scalp map (which marks the hair) is left
                // out: there the pixels between strands decide.
                priors: if under_hair {
                    &self.priors.grids[..self.priors.grids.len().min(1)]
                } else {
                    &self.priors.grids
                },
                local_radius: skin::local_radius(scene.frame.px_per_mm),
            };
            self.mask = Some(SkinMask::compute_with(pixels, w, h, &model, rect, &refine));
        }
        self.mask.as_ref()
    }
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

    /// Draws the scene as it looks on `day` into `photo`, which must have the size
    /// the scene was built for. With the design's skin mask on, pigment shows only
    /// where the photo shows skin.
    pub fn render_into(&self, photo: &mut Rgba8, day: f64) -> Result<(), RenderError> {
        self.check(photo, day)?;
        self.render_pixels(photo.data_mut(), day).map(|_| ())
    }

    /// [`render_into`](Self::render_into) with a skin cache that may hold the photo's
    /// analysis ([`SkinCache::with_priors`]) and keeps the mask for the next day.
    pub fn render_into_with(
        &self,
        photo: &mut Rgba8,
        day: f64,
        skin: &mut SkinCache,
    ) -> Result<(), RenderError> {
        self.check(photo, day)?;
        self.render_pixels_with(photo.data_mut(), day, skin)
    }

    /// [`render_into_with`](Self::render_into_with) on a raw RGBA8 buffer of the
    /// scene's size, in place (e.g. the full-resolution original, with the analysis
    /// of its preview: the analysis' maps are image-relative).
    pub fn render_pixels_with(
        &self,
        data: &mut [u8],
        day: f64,
        skin: &mut SkinCache,
    ) -> Result<(), RenderError> {
        let (w, h) = (self.frame.width, self.frame.height);
        crate::raster::check_buffer(w, h, data.len())?;
        self.check_day(day)?;
        let splats = self.splats(day);
        let mask = match self.need(&splats) {
            Some(need) => skin.mask(self, data, need),
            None => None,
        };
        let masked = mask.map(|mask| Masked {
            mask,
            origin: (0, 0),
        });
        composite::composite_pixels(data, w, h, &splats, self.tint(day), masked);
        Ok(())
    }

    /// [`render_pixels_with`](Self::render_pixels_with) for a larger copy of the
    /// photo `preview_pixels` that `preview` (the same design) and `skin` (its cache)
    /// were made for, such as the full-resolution original at export: the skin mask is
    /// the preview's, carried over edge-aware ([`SkinMask::carrier`]) instead of
    /// computed again at full size. Same pigment, same decisions as the preview's
    /// frames; edges from the large photo.
    pub fn render_pixels_from_preview(
        &self,
        data: &mut [u8],
        day: f64,
        preview: &Scene,
        preview_pixels: &[u8],
        skin: &mut SkinCache,
    ) -> Result<(), RenderError> {
        let (w, h) = (self.frame.width, self.frame.height);
        let (pw, ph) = (preview.frame.width, preview.frame.height);
        crate::raster::check_buffer(w, h, data.len())?;
        crate::raster::check_buffer(pw, ph, preview_pixels.len())?;
        if (w, h) == (pw, ph) {
            // The preview itself (or a copy of it): its own mask, as its frames.
            return self.render_pixels_with(data, day, skin);
        }
        self.check_day(day)?;
        let splats = self.splats(day);
        let whole = PixelRect {
            x: 0,
            y: 0,
            width: w,
            height: h,
        };
        let mask = self
            .carried_mask(&splats, day, preview, preview_pixels, skin)
            .map(|c| c.window(data, whole));
        let masked = mask.as_ref().map(|mask| Masked {
            mask,
            origin: (0, 0),
        });
        composite::composite_pixels(data, w, h, &splats, self.tint(day), masked);
        Ok(())
    }

    /// The skin mask of `preview` (the same design on the preview, whose pixels are
    /// `preview_pixels`; `skin` caches its mask, as for the frames) ready to be carried
    /// over to this scene's larger photo, for `splats` (this scene's marks on `day`);
    /// `None` without a mask.
    pub fn carried_mask(
        &self,
        splats: &[Splat],
        day: f64,
        preview: &Scene,
        preview_pixels: &[u8],
        skin: &mut SkinCache,
    ) -> Option<Carrier> {
        let (pw, ph) = (preview.frame.width, preview.frame.height);
        let need = preview.need(&preview.splats(day))?;
        self.need(splats)?;
        skin.mask(preview, preview_pixels, need)?.carrier(
            (preview_pixels, pw, ph),
            (self.frame.width, self.frame.height),
        )
    }

    /// [`render_into`](Self::render_into) on a raw RGBA8 buffer, in place. Returns
    /// the skin model found (`None` when the mask is off or no skin was found).
    pub fn render_pixels(
        &self,
        data: &mut [u8],
        day: f64,
    ) -> Result<Option<SkinModel>, RenderError> {
        let (w, h) = (self.frame.width, self.frame.height);
        crate::raster::check_buffer(w, h, data.len())?;
        self.check_day(day)?;
        let splats = self.splats(day);
        let need = self.need(&splats);
        let mut cache = SkinCache::new();
        if let Some(need) = need {
            cache.mask(self, data, need);
        }
        let mask = cache.mask.take();
        let masked = mask.as_ref().map(|mask| Masked {
            mask,
            origin: (0, 0),
        });
        composite::composite_pixels(data, w, h, &splats, self.tint(day), masked);
        Ok(cache.model)
    }

    /// The rectangle the skin mask must cover for `splats` (`None`: no mask, it is
    /// off or no mark falls on the photo).
    pub fn need(&self, splats: &[Splat]) -> Option<PixelRect> {
        let (w, h) = (self.frame.width, self.frame.height);
        let now = composite::bounds(splats).and_then(|b| PixelRect::from_box(b, w, h));
        PixelRect::union_of(now, self.extent)
    }

    /// Renders only the part of the photo that pigment touches on `day`, joined with
    /// `include` (the part drawn last time, so pixels that lose their pigment are
    /// restored): returns that rectangle and its pixels, or `None` when there is
    /// nothing to draw. Drawn over the previous frame at `(rect.x, rect.y)` it gives
    /// exactly the full render, at a fraction of the copying for large photos.
    /// `skin` keeps the skin mask between calls on the same photo.
    pub fn render_region(
        &self,
        photo: &Rgba8,
        day: f64,
        include: Option<PixelRect>,
        skin: &mut SkinCache,
    ) -> Result<Option<(PixelRect, Rgba8)>, RenderError> {
        self.check(photo, day)?;
        let splats = self.splats(day);
        let (w, h) = (photo.width(), photo.height());
        let drawn = composite::bounds(&splats).and_then(|b| PixelRect::from_box(b, w, h));
        let Some(rect) = PixelRect::union_of(drawn, include.and_then(|r| r.clip(w, h))) else {
            return Ok(None);
        };
        let mut out = photo.crop(rect)?;
        let shifted: Vec<Splat> = splats
            .iter()
            .map(|s| Splat {
                x: s.x - rect.x as f32,
                y: s.y - rect.y as f32,
                ..*s
            })
            .collect();
        let mask = match self.need(&splats) {
            Some(need) => skin.mask(self, photo.data(), need),
            None => None,
        };
        let masked = mask.map(|mask| Masked {
            mask,
            origin: (rect.x, rect.y),
        });
        let (cw, ch) = (out.width(), out.height());
        composite::composite_pixels(out.data_mut(), cw, ch, &shifted, self.tint(day), masked);
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

    pub(crate) fn check_day(&self, day: f64) -> Result<(), RenderError> {
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
