//! The engine's facts at the JavaScript boundary: the numbers the page needs
//! (`facts`), the time strip's layout (`stripLayout`) and the memory held
//! (`memoryBytes`).

use wasm_bindgen::prelude::*;

use super::{Previewer, to_js};
use crate::design::{Coverage, validate};
use crate::fade;
use crate::raster;
use crate::templates::{HeadFrame, HeadNumbers};

#[wasm_bindgen]
impl Previewer {
    /// The engine's facts the page needs, so each has one home (here, in the Rust
    /// constants): `{ horizonDays, healedAfterDays, daysPerMonth, topupDueVisibility,
    /// maxPixels, maxHairlinePoints, pointMargin, presets, headNumbers, headFields }`.
    /// The horizon is the last day the model covers (the end of every time slider);
    /// the healed look is `healedAfterDays` after the last session; months are
    /// `daysPerMonth` long; the fade calls for a top-up at `topupDueVisibility`;
    /// photos are refused above `maxPixels`; a hairline list holds at most
    /// `maxHairlinePoints` points, each at most `pointMargin` (a fraction of the
    /// photo) outside it; `presets` maps each treatment (`shaved`, `behind_hair`,
    /// `scar`) to the `{ density, shade, dot_size_mm }` it starts from; a head frame's
    /// numbers (the `demo-head` attribute) are one of `headNumbers` of `headFields`, in
    /// that order.
    pub fn facts() -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Facts {
            horizon_days: f64,
            healed_after_days: f64,
            days_per_month: f64,
            topup_due_visibility: f64,
            max_pixels: f64,
            max_hairline_points: usize,
            point_margin: f64,
            presets: std::collections::BTreeMap<&'static str, crate::design::CoveragePreset>,
            head_numbers: [usize; 4],
            head_fields: [&'static str; 9],
        }
        to_js(&Facts {
            horizon_days: fade::HORIZON_DAYS,
            healed_after_days: fade::HEALED_AFTER_DAYS,
            days_per_month: fade::DAYS_PER_MONTH,
            topup_due_visibility: fade::TOPUP_DUE_VISIBILITY,
            max_pixels: raster::MAX_PIXELS as f64,
            max_hairline_points: crate::design::MAX_HAIRLINE_POINTS,
            point_margin: validate::POINT_MARGIN,
            presets: Coverage::ALL.iter().map(|c| (c.id(), c.preset())).collect(),
            head_numbers: HeadFrame::NUMBER_COUNTS,
            head_fields: HeadNumbers::FIELDS,
        })
    }

    /// Where the panels of a time strip of `count` panels `width` × `height` go:
    /// `{ panel, gap, bar, fontPx, width, height }` ([`crate::strip::Layout`], the
    /// command line's strip's too); panel `i` starts at `gap + i × (panel[0] + gap)`.
    #[wasm_bindgen(js_name = stripLayout)]
    pub fn strip_layout(width: u32, height: u32, count: u32) -> Result<JsValue, JsError> {
        to_js(&crate::strip::Layout::new(width, height, count))
    }

    /// Bytes of linear memory the wasm module holds (it grows, never shrinks).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes() -> f64 {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64
    }
}
