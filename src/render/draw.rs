//! A scene drawn on a day: into a photo, a raw buffer, a region of it, or a larger
//! copy of the photo with the preview's skin mask carried over; the checks of the
//! photo's size and the day.

use super::{Scene, SkinCache};
use crate::composite::{self, Masked, Splat};
use crate::error::RenderError;
use crate::fade;
use crate::raster::{PixelRect, Rgba8};
use crate::skin::{Carrier, SkinModel};

impl Scene {
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
    ///
    /// [`SkinMask::carrier`]: crate::skin::SkinMask::carrier
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
}
