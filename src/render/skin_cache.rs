//! The skin mask of one photo kept between frames ([`SkinCache`]), with the photo's
//! analysis (`PhotoPriors`) when it was made.

use super::Scene;
use crate::raster::PixelRect;
use crate::skin::{self, PhotoPriors, Refine, SkinMask, SkinModel};

/// Keeps the skin mask of one photo between frames, so moving through time or
/// dragging the hairline does not recompute it. Reset it (or make a new one) when
/// the photo changes.
#[derive(Debug, Default, Clone)]
pub struct SkinCache {
    patch: Option<PixelRect>,
    pub(super) model: Option<SkinModel>,
    pub(super) mask: Option<SkinMask>,
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
