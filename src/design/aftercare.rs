//! Aftercare and top-ups: the client's habits and skin that drive healing and fading
//! (sun, sunscreen, sweating, skin and scalp type, healing loss), and the top-up plan.

use serde::{Deserialize, Serialize};

/// A three-step level used by aftercare factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Less than usual.
    Low,
    /// Usual.
    #[default]
    Moderate,
    /// More than usual.
    High,
}

/// Scalp condition, which changes how fast pigment is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScalpType {
    /// Dry or flaky scalp: sheds pigment faster.
    Dry,
    /// Normal scalp.
    #[default]
    Normal,
    /// Oily scalp: pigment blurs and fades faster.
    Oily,
}

/// The client's habits and skin, which drive healing and long-term fading.
/// See `docs/fade-model.md` for how each one acts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Aftercare {
    /// Sun exposure, 0..2: 0 mostly indoors or always covered, 1 average, 2 outdoor work.
    pub sun: f64,
    /// Daily sunscreen on the scalp.
    pub sunscreen: bool,
    /// Daily moisturiser on the scalp.
    pub moisturiser: bool,
    /// Sweating and exercise.
    pub sweating: Level,
    /// Fitzpatrick skin type 1..=6 (I very fair .. VI deeply pigmented).
    pub skin_type: u8,
    /// Scalp condition.
    pub scalp: ScalpType,
    /// Fraction of the deposited pigment lost while healing (0.3–0.5 typical; more
    /// when the scalp is not kept dry in the first week).
    pub healing_loss: f64,
}

impl Default for Aftercare {
    fn default() -> Self {
        Self {
            sun: 1.0,
            sunscreen: false,
            moisturiser: false,
            sweating: Level::Moderate,
            skin_type: 3,
            scalp: ScalpType::Normal,
            healing_loss: 0.4,
        }
    }
}

/// When top-up sessions happen and what they cost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TopUps {
    /// A top-up every this many months after the last session (`null`: not on a schedule).
    pub every_months: Option<f64>,
    /// A top-up as soon as visibility falls below this fraction (`null`: no threshold).
    /// With both set, whichever comes first.
    pub when_below: Option<f64>,
    /// Price of one top-up as a fraction of the original treatment.
    pub cost_fraction: f64,
}

impl Default for TopUps {
    fn default() -> Self {
        Self {
            every_months: Some(24.0),
            when_below: None,
            cost_fraction: 0.25,
        }
    }
}
