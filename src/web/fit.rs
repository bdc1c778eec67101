//! The photo's fit at the JavaScript boundary: `fitPhoto` (hair, bare scalp and head
//! from the face module's findings), `fitTemplate` on that fit, and `fitted`.

use wasm_bindgen::prelude::*;

use super::{Previewer, coded, js_err, template_named, to_js};
use crate::design::Design;
use crate::fit::PhotoFit;
use crate::grid::MaskGrid;
use crate::render::SkinCache;
use crate::surface::HeadPose;

#[wasm_bindgen]
impl Previewer {
    /// Fits the current photo from the face module's findings: `mask` is the person
    /// segmentation (`maskWidth` × `maskHeight` bytes over the whole photo, as the
    /// face module's `segmentPerson` gives it) and `points` the face mesh (x, y pairs
    /// in the photo's pixels) or `null` when no face was found, with `depth` its
    /// points' depths (the face module's `depth`; without it designs are drawn flat,
    /// else on the head's surface, [`crate::surface`]). Analyses hair and
    /// bare scalp, keeps the result so that pigment shows only on bare scalp (in every
    /// frame and in the full-resolution export) and templates are laid out on it
    /// ([`fitTemplate`](Self::fit_template)), and returns `{ design, summary }`:
    /// template `name` laid out on the head (the crown instead for a view from above
    /// or behind), and what the fit found (`view`, `template`, `pxPerCm`,
    /// `scaleMethod`, `head`, `faceProblem`, `ownHairline`, `topHair`, `reference`).
    /// Throws an error with `code` `noPerson` ([`coded`]) when no person is in the
    /// photo; the previous fit then stays.
    #[wasm_bindgen(js_name = fitPhoto)]
    pub fn fit_photo(
        &mut self,
        mask: &[u8],
        mask_width: u32,
        mask_height: u32,
        points: Option<Vec<f32>>,
        name: &str,
        depth: Option<Vec<f32>>,
    ) -> Result<JsValue, JsValue> {
        let chosen = template_named(name)?;
        let photo = self.photo()?;
        let (w, h) = (photo.width(), photo.height());
        let person =
            MaskGrid::from_model(mask_width, mask_height, mask.to_vec(), w, h).map_err(js_err)?;
        let pairs: Option<Vec<[f32; 2]>> =
            points.map(|p| p.chunks_exact(2).map(|c| [c[0], c[1]]).collect());
        let analysed = crate::scalp::Photo {
            pixels: photo.data(),
            width: w,
            height: h,
        };
        let pose = pairs
            .as_deref()
            .zip(depth.as_deref())
            .and_then(|(p, d)| HeadPose::from_face(p, d, w, h));
        let fit = PhotoFit::new(analysed, person, pairs.as_deref())
            .map_err(|e| match e {
                crate::scalp::AnalysisError::NoPerson => {
                    coded("noPerson", "no person was found in the photo")
                }
                other => js_err(other).into(),
            })?
            .with_pose(pose);
        let template = fit.starting_template(chosen);
        #[derive(serde::Serialize)]
        struct Fitted {
            design: Design,
            summary: crate::fit::FitSummary,
        }
        let out = Fitted {
            design: fit.design(template),
            summary: fit.summary(template),
        };
        self.skin = SkinCache::with_priors(fit.priors());
        self.fit = Some(fit);
        Ok(to_js(&out)?)
    }

    /// Template `name` laid out on the current photo's fit ([`fitPhoto`](Self::fit_photo)),
    /// or `null` before a fit.
    #[wasm_bindgen(js_name = fitTemplate)]
    pub fn fit_template(&self, name: &str) -> Result<JsValue, JsError> {
        let t = template_named(name)?;
        match &self.fit {
            Some(fit) => to_js(&fit.design(t)),
            None => Ok(JsValue::NULL),
        }
    }

    /// Whether the current photo has been fitted (its pigment kept on bare scalp).
    #[wasm_bindgen(getter)]
    pub fn fitted(&self) -> bool {
        self.fit.is_some()
    }
}
