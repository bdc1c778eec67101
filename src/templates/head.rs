//! Where the head is on a photo: the head frame (position, scale, roll, proportions)
//! and the head's outline, in centimetres from the middle of the brow line.

use crate::design::{DEFAULT_PHOTO_WIDTH_CM, ScaleMethod};

/// The outline of the head as seen on the photo, in centimetres from the middle of
/// the brow line (y up): widest at `widest_cm` above the brows, an ellipse over the
/// top up to `top_cm`, and nearly straight sides below the widest point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadShape {
    /// Half the head's width at its widest, cm.
    pub half_width_cm: f64,
    /// Height of the top of the head's outline above the brow line, cm.
    pub top_cm: f64,
    /// Height above the brow line where the head is widest, cm.
    pub widest_cm: f64,
}

impl HeadShape {
    /// An average adult head seen from the front: 14.4 cm wide, its top 10.7 cm above
    /// the brows, widest 3.2 cm above them.
    pub const AVERAGE: HeadShape = HeadShape {
        half_width_cm: 7.2,
        top_cm: 10.7,
        widest_cm: 3.2,
    };

    /// Half the outline's width at `y_cm` above the brows (0 above the top).
    pub fn half_width_at(&self, y_cm: f64) -> f64 {
        let (w, c) = (self.half_width_cm, self.widest_cm);
        if y_cm >= c {
            let t = ((y_cm - c) / (self.top_cm - c).max(0.1)).min(1.0);
            w * (1.0 - t * t).max(0.0).sqrt()
        } else {
            let t = (c - y_cm) / c.max(1.0);
            w * (1.0 - 0.1 * t * t)
        }
    }

    /// Whether the numbers describe a head (positive, widest below the top).
    pub fn is_valid(&self) -> bool {
        [self.half_width_cm, self.top_cm, self.widest_cm]
            .iter()
            .all(|v| v.is_finite())
            && self.half_width_cm > 0.5
            && self.top_cm > 0.5
            && self.widest_cm >= 0.0
            && self.widest_cm < self.top_cm
    }
}

/// Where the head is on the photo, in pixels, and its outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadFrame {
    /// x of the face's vertical midline.
    pub center_x: f64,
    /// y of the brow line.
    pub brow_y: f64,
    /// Pixels per centimetre.
    pub px_per_cm: f64,
    /// How the scale was found.
    pub method: ScaleMethod,
    /// The head's outline, in cm as seen on the photo.
    pub shape: HeadShape,
    /// How much vertical distances on the forehead appear shortened (1 for a frontal
    /// photo; less when the camera looks down onto the top of the head), or how much
    /// taller or shorter this forehead is than an average one.
    pub foreshortening: f64,
    /// How much wider (> 1) or narrower than an average face the hairline's front is:
    /// the frontotemporal corners sit near the vertical through the outer eye corners.
    pub hairline_width: f64,
    /// Roll of the head in the photo, radians: the angle of the eye line against the
    /// horizontal, positive when the face's right-hand side (the viewer's right) is
    /// lower. The whole layout turns with it around the brow-line centre.
    pub roll: f64,
    /// Where the head's outline is centred across the face, cm from the face's
    /// midline (viewer's right positive): a head turned a little shows more of one
    /// side, and the outline follows the silhouette while the hairline stays
    /// symmetric about the face.
    pub outline_center_cm: f64,
}

impl HeadFrame {
    /// A frontal head at `(center_x, brow_y)` with `px_per_cm`, of average shape.
    pub fn new(center_x: f64, brow_y: f64, px_per_cm: f64, method: ScaleMethod) -> Self {
        Self {
            center_x,
            brow_y,
            px_per_cm,
            method,
            shape: HeadShape::AVERAGE,
            foreshortening: 1.0,
            hairline_width: 1.0,
            roll: 0.0,
            outline_center_cm: 0.0,
        }
    }

    /// A guess for a frontal head-and-shoulders portrait `width` × `height`: the face
    /// centred, the brows a little above the middle, the photo 30 cm wide.
    pub fn guess(width: u32, height: u32) -> Self {
        let px_per_cm = f64::from(width) / DEFAULT_PHOTO_WIDTH_CM;
        // Brows about 12 cm below the top of the head, which sits near the top.
        let brow_y = (f64::from(height) * 0.45)
            .max(14.0 * px_per_cm)
            .min(f64::from(height) * 0.8);
        Self::new(
            f64::from(width) / 2.0,
            brow_y,
            px_per_cm,
            ScaleMethod::Default,
        )
    }

    /// A head from numbers, as the command line's `--head` and the widget's
    /// `demo-head` give them: `centerX, browY, pxPerCm` (pixels), optionally followed
    /// by the outline `halfWidthCm, topCm, widestCm`, then `foreshortening`, then
    /// `rollDegrees, hairlineWidth`. The scale counts as measured
    /// ([`ScaleMethod::TwoPoint`]).
    pub fn from_numbers(v: &[f64]) -> Result<Self, String> {
        let mut head = match v {
            [cx, by, s, ..] => Self::new(*cx, *by, *s, ScaleMethod::TwoPoint),
            _ => return Err(Self::NUMBERS_HELP.into()),
        };
        match v.len() {
            3 => {}
            6 | 7 | 9 => {
                head.shape = HeadShape {
                    half_width_cm: v[3],
                    top_cm: v[4],
                    widest_cm: v[5],
                };
                if let Some(&f) = v.get(6) {
                    head.foreshortening = f;
                }
                if let [roll_deg, width] = v[v.len().min(7)..] {
                    head.roll = roll_deg.to_radians();
                    head.hairline_width = width;
                }
            }
            _ => return Err(Self::NUMBERS_HELP.into()),
        }
        if head.is_valid() {
            Ok(head)
        } else {
            Err(format!(
                "{}: a positive scale, a head wider than 1 cm whose widest point is below its top, a \
                    foreshortening of 0.2–1.5, a roll within ±90° and a hairline width of 0.5–1.6",
                Self::NUMBERS_HELP
            ))
        }
    }

    /// How many numbers [`from_numbers`](Self::from_numbers) takes: the position and
    /// scale, then the outline, the foreshortening, the roll and hairline width.
    pub const NUMBER_COUNTS: [usize; 4] = [3, 6, 7, 9];

    /// What [`from_numbers`](Self::from_numbers) takes.
    pub const NUMBERS_HELP: &'static str = "the head is \
        CENTER_X,BROW_Y,PX_PER_CM[,HALF_WIDTH_CM,TOP_CM,WIDEST_CM[,FORESHORTENING[,ROLL_DEGREES,\
        HAIRLINE_WIDTH]]]";

    /// Whether every number is usable (finite, a positive scale, a valid shape).
    pub fn is_valid(&self) -> bool {
        self.center_x.is_finite()
            && self.brow_y.is_finite()
            && self.px_per_cm.is_finite()
            && self.px_per_cm > 0.0
            && self.shape.is_valid()
            && self.foreshortening.is_finite()
            && (0.2..=1.5).contains(&self.foreshortening)
            && (0.5..=1.6).contains(&self.hairline_width)
            && self.roll.abs() <= std::f64::consts::FRAC_PI_2
            && self.outline_center_cm.is_finite()
    }
}

/// A head frame as named numbers: what crosses the JavaScript boundary (the
/// `template` request's `head`, a fit's summary, the `demo-head` attribute once the
/// page has named its numbers with [`HeadNumbers::FIELDS`]) and what `--print-fit`
/// prints. The optional groups follow [`HeadFrame::from_numbers`]: the outline
/// (`halfWidthCm, topCm, widestCm`), then `foreshortening`, then `rollDegrees,
/// hairlineWidth`; a group is given whole, and only after the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeadNumbers {
    /// x of the face's vertical midline, px.
    pub center_x: f64,
    /// y of the brow line, px.
    pub brow_y: f64,
    /// Pixels per centimetre.
    pub px_per_cm: f64,
    /// Half the head's width at its widest, cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_width_cm: Option<f64>,
    /// The top of the head's outline above the brow line, cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_cm: Option<f64>,
    /// Where the head is widest above the brow line, cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widest_cm: Option<f64>,
    /// [`HeadFrame::foreshortening`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreshortening: Option<f64>,
    /// [`HeadFrame::roll`], in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll_degrees: Option<f64>,
    /// [`HeadFrame::hairline_width`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hairline_width: Option<f64>,
}

impl HeadNumbers {
    /// The names, in the order of [`HeadFrame::from_numbers`] (and of `demo-head`).
    pub const FIELDS: [&'static str; 9] = [
        "centerX",
        "browY",
        "pxPerCm",
        "halfWidthCm",
        "topCm",
        "widestCm",
        "foreshortening",
        "rollDegrees",
        "hairlineWidth",
    ];

    /// All nine numbers of `frame`.
    pub fn of(frame: &HeadFrame) -> Self {
        let s = frame.shape;
        Self {
            center_x: frame.center_x,
            brow_y: frame.brow_y,
            px_per_cm: frame.px_per_cm,
            half_width_cm: Some(s.half_width_cm),
            top_cm: Some(s.top_cm),
            widest_cm: Some(s.widest_cm),
            foreshortening: Some(frame.foreshortening),
            roll_degrees: Some(frame.roll.to_degrees()),
            hairline_width: Some(frame.hairline_width),
        }
    }

    /// The head frame these numbers describe, or why they do not describe one.
    pub fn frame(&self) -> Result<HeadFrame, String> {
        let optional = [
            self.half_width_cm,
            self.top_cm,
            self.widest_cm,
            self.foreshortening,
            self.roll_degrees,
            self.hairline_width,
        ];
        let given = optional.iter().take_while(|v| v.is_some()).count();
        if optional[given..].iter().any(Option::is_some) {
            return Err(format!(
                "the head's numbers come in groups, each only after the ones before it: {}",
                Self::FIELDS.join(", ")
            ));
        }
        let mut numbers = vec![self.center_x, self.brow_y, self.px_per_cm];
        numbers.extend(optional.iter().flatten());
        HeadFrame::from_numbers(&numbers)
    }
}
