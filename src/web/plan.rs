//! Time at the JavaScript boundary: the visibility `curve` over the years and the
//! time `plan` (sessions, top-ups and their cost).

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use super::{Previewer, to_js};
use crate::fade;

#[wasm_bindgen]
impl Previewer {
    /// The visibility curve from day 0 to `until` every `step` days: 3 numbers per
    /// point (day, visibility 0..1, 1 if a top-up happens that day else 0).
    pub fn curve(&self, until: f64, step: f64) -> Result<Float64Array, JsError> {
        if !(until.is_finite() && step.is_finite() && step >= 0.5 && until >= 0.0) {
            return Err(JsError::new(
                "curve(until, step): until ≥ 0 and step ≥ 0.5 days",
            ));
        }
        let until = until.min(fade::HORIZON_DAYS);
        let mut flat = Vec::new();
        for p in fade::curve(&self.design, until, step) {
            flat.extend_from_slice(&[p.day, p.visibility, f64::from(u8::from(p.topup))]);
        }
        Ok(Float64Array::from(&flat[..]))
    }

    /// The time plan as an object: `{ sessions, topups, relativeCost, costFraction }`:
    /// the sessions' and the top-ups' days, the top-ups' cost within the ten years as
    /// a share of the first treatment, and one top-up's share (the design's
    /// `topups.cost_fraction`: the page prices a top-up with it).
    pub fn plan(&self, today: f64) -> Result<JsValue, JsError> {
        let plan = fade::Plan::new(&self.design);
        let summary = plan.summary(today);
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct PlanJs<'a> {
            sessions: &'a [f64],
            topups: &'a [f64],
            relative_cost: f64,
            cost_fraction: f64,
        }
        to_js(&PlanJs {
            sessions: &plan.sessions,
            topups: &plan.topups,
            relative_cost: summary.relative_cost,
            cost_fraction: self.design.topups.cost_fraction,
        })
    }
}
