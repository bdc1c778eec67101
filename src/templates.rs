//! Named starting designs, one or more for every application ([`Application`]): five
//! hairline styles, male pattern loss by Norwood stage, female pattern thinning,
//! diffuse shedding, alopecia areata and scar camouflage, each laid out on a photo
//! from where the head is ([`HeadFrame`]). `docs/templates.md` gives every template's
//! numbers and the reasons for them.
//!
//! Hairline geometry follows the proportions in `docs/domain-numbers.md`, in
//! centimetres from the middle of the brow line as seen on a frontal photo (x to the
//! viewer's right, y up): mid-hairline about 7 cm above the brows (the lower end of
//! the 7–8 cm measured over the skin, because the forehead curves away from the
//! camera), frontotemporal corners higher than the centre and near the vertical
//! through the outer eye corner (about ±4.5 cm), temple points lower at the sides,
//! and a mature hairline about 1.5 cm higher than a juvenile one. At the sides the
//! area runs down along the head's outline to just above the ears (temples and
//! sideburns), and over the top it ends at the head's outline ([`HeadShape`]), a
//! few millimetres inside it, so the treated area never reaches past the head.

use crate::design::{
    Coverage, DEFAULT_PHOTO_WIDTH_CM, Design, Hairline, Point, Scale, ScaleMethod, Sessions,
    Stroke, StrokeMode,
};

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
                "{}: a positive scale, a head wider than 1 cm whose widest point is below its top, a foreshortening of 0.2–1.5, a roll within ±90° and a hairline width of 0.5–1.6",
                Self::NUMBERS_HELP
            ))
        }
    }

    /// How many numbers [`from_numbers`](Self::from_numbers) takes: the position and
    /// scale, then the outline, the foreshortening, the roll and hairline width.
    pub const NUMBER_COUNTS: [usize; 4] = [3, 6, 7, 9];

    /// What [`from_numbers`](Self::from_numbers) takes.
    pub const NUMBERS_HELP: &'static str = "the head is CENTER_X,BROW_Y,PX_PER_CM[,HALF_WIDTH_CM,TOP_CM,WIDEST_CM[,FORESHORTENING[,ROLL_DEGREES,HAIRLINE_WIDTH]]]";

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
    }
}

/// What a template is for: the group the style picker shows it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Application {
    /// A designed hairline with the closely shaved look behind it.
    Hairline,
    /// Male pattern hair loss, by Norwood stage.
    MalePattern,
    /// Female pattern thinning: density behind longer hair along the parting and the top.
    FemalePattern,
    /// Diffuse shedding (e.g. from medication): even added density behind hair.
    Diffuse,
    /// Alopecia areata: round bald patches.
    AlopeciaAreata,
    /// Scar camouflage: a transplant donor strip, FUE dot scars, other scars.
    Scar,
}

impl Application {
    /// Every application, in display order.
    pub const ALL: [Application; 6] = [
        Application::Hairline,
        Application::MalePattern,
        Application::FemalePattern,
        Application::Diffuse,
        Application::AlopeciaAreata,
        Application::Scar,
    ];

    /// The application's stable id (`male-pattern`, …): for share links, the page
    /// and its translations.
    pub fn id(self) -> &'static str {
        match self {
            Application::Hairline => "hairline",
            Application::MalePattern => "male-pattern",
            Application::FemalePattern => "female-pattern",
            Application::Diffuse => "diffuse",
            Application::AlopeciaAreata => "alopecia-areata",
            Application::Scar => "scar",
        }
    }

    /// A heading for people (English).
    pub fn label(self) -> &'static str {
        match self {
            Application::Hairline => "Hairline styles",
            Application::MalePattern => "Male pattern loss",
            Application::FemalePattern => "Female pattern thinning",
            Application::Diffuse => "Diffuse thinning",
            Application::AlopeciaAreata => "Alopecia areata",
            Application::Scar => "Scar camouflage",
        }
    }

    /// The application whose id is `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }

    /// Its templates, in display order.
    pub fn templates(self) -> impl Iterator<Item = Template> {
        Template::ALL
            .into_iter()
            .filter(move |t| t.application() == self)
    }
}

/// A named starting design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Soft, natural adult hairline with a wide transition.
    SoftNatural,
    /// A crisper, more defined line (still irregular, never ruler-straight).
    Defined,
    /// Broken/feathered edge: wide, very irregular transition.
    Feathered,
    /// Mature, receded hairline about 1.5 cm higher with recessed corners.
    MatureReceded,
    /// A widow's peak at the centre.
    WidowsPeak,
    /// Norwood II: the hairline restored and the slightly receded temples filled.
    Norwood2,
    /// Norwood III: the hairline restored and the deeply receded temples filled.
    Norwood3,
    /// Norwood III vertex: temples as in stage II, and the crown.
    Norwood3Vertex,
    /// Norwood IV: the front of the top and the crown, a band of hair between them.
    Norwood4,
    /// Norwood V: larger front and crown areas, a narrow, sparse band between them.
    Norwood5,
    /// Norwood VI: the whole top from a mature hairline to the crown.
    Norwood6,
    /// Norwood VII: the whole top and the upper sides, down to a narrow fringe.
    Norwood7,
    /// Crown only (a photo of the top or back of the head): a soft round area.
    Crown,
    /// Female pattern thinning: added density behind hair over the top, most along
    /// the parting.
    FemalePattern,
    /// Diffuse shedding: even, lighter density behind hair over the whole scalp.
    Diffuse,
    /// Alopecia areata: three round patches, each a brush dab to move and resize.
    AlopeciaAreata,
    /// A transplant donor strip scar across the back of the head.
    DonorStrip,
    /// FUE dot scars: even camouflage over the donor area of the back and sides.
    FueScars,
    /// Scar camouflage: a strip (e.g. a transplant donor scar) across the photo.
    Scar,
}

impl Template {
    /// Every template, in display order: grouped by [`Application`] (hairline styles
    /// first), as the style picker and `smp-render --list-templates` show them.
    pub const ALL: [Template; 19] = [
        Template::SoftNatural,
        Template::Defined,
        Template::Feathered,
        Template::MatureReceded,
        Template::WidowsPeak,
        Template::Norwood2,
        Template::Norwood3,
        Template::Norwood3Vertex,
        Template::Norwood4,
        Template::Norwood5,
        Template::Norwood6,
        Template::Norwood7,
        Template::Crown,
        Template::FemalePattern,
        Template::Diffuse,
        Template::AlopeciaAreata,
        Template::DonorStrip,
        Template::FueScars,
        Template::Scar,
    ];

    /// The template's name as used in the CLI, the widget and share links
    /// (`soft-natural`, `norwood-3-vertex`, …): stable.
    pub fn name(self) -> &'static str {
        match self {
            Template::SoftNatural => "soft-natural",
            Template::Defined => "defined",
            Template::Feathered => "feathered",
            Template::MatureReceded => "mature-receded",
            Template::WidowsPeak => "widows-peak",
            Template::Norwood2 => "norwood-2",
            Template::Norwood3 => "norwood-3",
            Template::Norwood3Vertex => "norwood-3-vertex",
            Template::Norwood4 => "norwood-4",
            Template::Norwood5 => "norwood-5",
            Template::Norwood6 => "norwood-6",
            Template::Norwood7 => "norwood-7",
            Template::Crown => "crown",
            Template::FemalePattern => "female-pattern",
            Template::Diffuse => "diffuse",
            Template::AlopeciaAreata => "alopecia-areata",
            Template::DonorStrip => "donor-strip",
            Template::FueScars => "fue-scars",
            Template::Scar => "scar",
        }
    }

    /// A short name for people (English).
    pub fn label(self) -> &'static str {
        match self {
            Template::SoftNatural => "Soft natural hairline",
            Template::Defined => "Defined hairline",
            Template::Feathered => "Broken / feathered hairline",
            Template::MatureReceded => "Mature, receded hairline",
            Template::WidowsPeak => "Widow's peak",
            Template::Norwood2 => "Norwood II",
            Template::Norwood3 => "Norwood III",
            Template::Norwood3Vertex => "Norwood III vertex",
            Template::Norwood4 => "Norwood IV",
            Template::Norwood5 => "Norwood V",
            Template::Norwood6 => "Norwood VI",
            Template::Norwood7 => "Norwood VII",
            Template::Crown => "Crown only",
            Template::FemalePattern => "Female pattern thinning",
            Template::Diffuse => "Diffuse shedding",
            Template::AlopeciaAreata => "Alopecia areata patches",
            Template::DonorStrip => "Donor strip scar",
            Template::FueScars => "FUE dot scars",
            Template::Scar => "Scar camouflage",
        }
    }

    /// What the template is for.
    pub fn application(self) -> Application {
        match self {
            Template::SoftNatural
            | Template::Defined
            | Template::Feathered
            | Template::MatureReceded
            | Template::WidowsPeak => Application::Hairline,
            Template::Norwood2
            | Template::Norwood3
            | Template::Norwood3Vertex
            | Template::Norwood4
            | Template::Norwood5
            | Template::Norwood6
            | Template::Norwood7
            | Template::Crown => Application::MalePattern,
            Template::FemalePattern => Application::FemalePattern,
            Template::Diffuse => Application::Diffuse,
            Template::AlopeciaAreata => Application::AlopeciaAreata,
            Template::DonorStrip | Template::FueScars | Template::Scar => Application::Scar,
        }
    }

    /// One short English sentence: what the starting design covers.
    pub fn description(self) -> &'static str {
        match self {
            Template::SoftNatural => {
                "An adult hairline with a wide, soft transition and the shaved look behind it."
            }
            Template::Defined => {
                "A crisper adult hairline, still irregular, with a narrow transition."
            }
            Template::Feathered => {
                "A broken, feathered hairline with a wide, very irregular transition."
            }
            Template::MatureReceded => "A mature hairline 1.5 cm higher with recessed corners.",
            Template::WidowsPeak => "An adult hairline with a widow's peak at the centre.",
            Template::Norwood2 => {
                "Receding temples: the hairline restored and the temple corners filled."
            }
            Template::Norwood3 => {
                "Deeply receding temples: the hairline restored and the front of the top filled."
            }
            Template::Norwood3Vertex => {
                "Slightly receding temples and a thinning crown: both filled."
            }
            Template::Norwood4 => {
                "The front of the top and the crown, with a band of hair left between them."
            }
            Template::Norwood5 => {
                "Larger front and crown areas joined by a narrow, lightly treated band."
            }
            Template::Norwood6 => {
                "The whole top from a mature hairline back to the crown; the sides keep their hair."
            }
            Template::Norwood7 => {
                "The whole top and the upper sides down to a narrow fringe, behind a mature hairline."
            }
            Template::Crown => {
                "A soft round area on the crown, for a photo of the top of the head."
            }
            Template::FemalePattern => {
                "Added density behind longer hair over the top, most along the parting."
            }
            Template::Diffuse => {
                "Even, lighter added density behind the hair over the whole scalp."
            }
            Template::AlopeciaAreata => {
                "Three round patches, each a brush dab to move and resize over the bald spots."
            }
            Template::DonorStrip => {
                "A band over a transplant donor strip scar across the back of the head."
            }
            Template::FueScars => {
                "Even density over the donor area of the back and sides, hiding FUE dot scars."
            }
            Template::Scar => "A strip across the photo for a scar, for a close photo of the scar.",
        }
    }

    /// The template called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The template's design for a `width` × `height` photo, head position guessed.
    pub fn design(self, width: u32, height: u32) -> Design {
        self.design_in(width, height, &HeadFrame::guess(width, height))
    }

    /// The template's design for a `width` × `height` photo with the head at `head`.
    pub fn design_in(self, width: u32, height: u32, head: &HeadFrame) -> Design {
        let (w, h) = (f64::from(width), f64::from(height));
        let shape = head.shape;
        let fore = head.foreshortening;
        // cm from the brow-line centre (y up, as seen) → image-relative, to a
        // millionth (short JSON that reads back exactly).
        let round = |v: f64| (v * 1e6).round() / 1e6;
        // The face's axes in the photo: x to the viewer's right along the eye line,
        // y up the face.
        let (sin, cos) = head.roll.sin_cos();
        // Clamped to where a design's points may lie (a head far off a very narrow
        // photo keeps a valid design; on a usable photo nothing is clamped).
        let at = |x_cm: f64, y_cm: f64| {
            let (x, y) = (x_cm * head.px_per_cm, y_cm * head.px_per_cm);
            let keep = |v: f64| round(v).clamp(-0.5, 1.5);
            Point::new(
                keep((head.center_x + x * cos + y * sin) / w),
                keep((head.brow_y + x * sin - y * cos) / h),
            )
        };
        // Keeps a hairline point on the head: never beyond its outline.
        let on_head = |(x, y): (f64, f64)| {
            let limit = (shape.half_width_at(y) - 0.2).max(0.0);
            (x.clamp(-limit, limit), y)
        };
        // The hairline from the left sideburn to the centre, mirrored to the right.
        // `inner` runs from the frontotemporal corner to the centre (x ≤ 0, y in cm
        // on the forehead, foreshortened here); the temple point at `temple_cm` and
        // the sideburn just above the ear follow the head's outline.
        let front = |inner: &[(f64, f64)], temple_cm: f64| -> Vec<Point> {
            let sideburn = SIDEBURN_CM * fore;
            let temple = temple_cm * fore;
            let mut half = vec![
                (
                    -(shape.half_width_at(sideburn) - SIDEBURN_INSET_CM),
                    sideburn,
                ),
                (-(shape.half_width_at(temple) - TEMPLE_INSET_CM), temple),
            ];
            half.extend(
                inner
                    .iter()
                    .map(|&(x, y)| on_head((x * head.hairline_width, y * fore))),
            );
            let mut pts: Vec<Point> = half.iter().map(|&(x, y)| at(x, y)).collect();
            pts.extend(
                half.iter()
                    .rev()
                    .filter(|&&(x, _)| x < 0.0)
                    .map(|&(x, y)| at(-x, y)),
            );
            pts
        };
        // The scalp outline from the right sideburn up over the top back to the left,
        // a little inside the head's outline.
        let outline = || -> Vec<Point> {
            let inset = OUTLINE_INSET_CM;
            let (c, top) = (shape.widest_cm, shape.top_cm - inset);
            let sideburn = SIDEBURN_CM * fore;
            let mut right: Vec<(f64, f64)> = Vec::new();
            // Up the side, below the widest point.
            for k in 1..=2 {
                let y = sideburn + (c - sideburn) * f64::from(k) / 2.0;
                if y > sideburn + 0.5 {
                    // Further in towards the ears, which stand out from the head
                    // there and are skin too.
                    let ear = EAR_INSET_CM * ((c - y) / c.max(1.0)).clamp(0.0, 1.0);
                    right.push((shape.half_width_at(y) - inset - ear, y));
                }
            }
            // Over the top: an ellipse from the widest point to the top.
            for deg in [25.0f64, 50.0, 70.0] {
                let t = deg.to_radians();
                right.push((
                    (shape.half_width_cm - inset) * t.cos(),
                    c.max(sideburn) + (top - c.max(sideburn)) * t.sin(),
                ));
            }
            let mut pts: Vec<Point> = right.iter().map(|&(x, y)| at(x, y)).collect();
            pts.push(at(0.0, top));
            pts.extend(right.iter().rev().map(|&(x, y)| at(-x, y)));
            pts
        };
        let mut design = Design {
            scale: Scale {
                px_per_cm: head.px_per_cm,
                at_width: width,
                method: head.method,
            },
            ..Design::default()
        };
        let hairline =
            |inner: &[(f64, f64)], temple_cm: f64, softness: f64, irregularity: f64| Hairline {
                front: front(inner, temple_cm),
                outline: outline(),
                softness_mm: softness,
                irregularity,
            };
        match self {
            Template::SoftNatural => {
                design.hairline = hairline(&[(-4.5, 7.8), (-2.3, 7.3), (0.0, 7.1)], 4.6, 8.0, 0.5);
            }
            Template::Defined => {
                design.hairline = hairline(&[(-4.6, 7.6), (-2.4, 7.2), (0.0, 7.0)], 4.6, 3.0, 0.2);
                design.shade = 0.75;
            }
            Template::Feathered => {
                design.hairline =
                    hairline(&[(-4.5, 8.0), (-2.3, 7.4), (0.0, 7.2)], 4.6, 13.0, 0.95);
            }
            Template::MatureReceded => {
                design.hairline = hairline(&[(-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)], 5.4, 9.0, 0.6);
                design.shade = 0.65;
            }
            Template::WidowsPeak => {
                design.hairline = hairline(
                    &[(-4.5, 7.9), (-2.3, 7.6), (-1.0, 7.3), (0.0, 6.6)],
                    4.6,
                    6.0,
                    0.45,
                );
            }
            Template::Crown => {
                // On a known head, over the top of it; on a guessed frame (no face
                // known, e.g. a photo of the crown itself) in the photo's middle.
                let y = if head.method == ScaleMethod::Default {
                    0.0
                } else {
                    shape.widest_cm + 0.6 * (shape.top_cm - shape.widest_cm)
                };
                design.hairline = Hairline::default();
                design.strokes = vec![Stroke {
                    radius_mm: 45.0,
                    softness: 0.6,
                    points: vec![at(0.0, y)],
                    ..Stroke::default()
                }];
                design.density = 70.0;
            }
            Template::Norwood2
            | Template::Norwood3
            | Template::Norwood3Vertex
            | Template::Norwood4
            | Template::Norwood5
            | Template::Norwood6
            | Template::Norwood7
            | Template::FemalePattern
            | Template::Diffuse
            | Template::AlopeciaAreata
            | Template::DonorStrip
            | Template::FueScars => {
                let kit = Kit {
                    at: &at,
                    front: &front,
                    outline: &outline,
                    shape,
                    fore,
                    known: head.method != ScaleMethod::Default,
                };
                kit.lay(self, &mut design);
            }
            Template::Scar => {
                design.hairline = Hairline::default();
                design.coverage = Coverage::Scar;
                design.strokes = vec![Stroke {
                    radius_mm: 6.0,
                    softness: 0.5,
                    points: vec![at(-6.0, 0.2), at(-2.0, 0.0), at(2.0, -0.1), at(6.0, 0.1)],
                    ..Stroke::default()
                }];
                design.density = 70.0;
                design.shade = 0.6;
            }
        }
        design
    }
}

/// Physical length of the scalp from the hairline's centre to the top of the head's
/// outline, cm, against which the projected length on a photo gives how much the
/// scalp is foreshortened there.
const SCALP_ARC_CM: f64 = 13.0;

/// Lays out a hairline from its inner points (corner to centre) and temple height.
type FrontFn<'a> = dyn Fn(&[(f64, f64)], f64) -> Vec<Point> + 'a;

/// What the application templates are laid out with: the hairline templates' own
/// placement (`at`, `front`, `outline`) and positions over the top of the head.
///
/// Over the top, a place is given by `a`, the share of the way from the hairline's
/// centre (0) to the top of the head's outline (1) along the scalp. On a frontal
/// photo the top of the head is seen ever more edge-on, so equal steps along the
/// scalp come ever closer together on the photo; seen from above (a small
/// foreshortening) they stay about even. [`Kit::scalp_y`] maps `a` to a height on
/// the photo accordingly, and [`Kit::squash`] says how much vertical lengths there
/// are shortened, so round areas (the crown, patches) become flatter ovals where the
/// scalp is seen edge-on.
struct Kit<'a> {
    at: &'a dyn Fn(f64, f64) -> Point,
    front: &'a FrontFn<'a>,
    outline: &'a dyn Fn() -> Vec<Point>,
    shape: HeadShape,
    fore: f64,
    /// Whether the head is known (not a guess for a photo with no face on it).
    known: bool,
}

/// A stage of male pattern loss as a starting design.
struct Stage {
    /// The restored hairline: frontotemporal corner, midway, centre (x ≤ 0, cm).
    inner: [(f64, f64); 3],
    /// Height of the temple point, cm.
    temple: f64,
    softness_mm: f64,
    irregularity: f64,
    shade: f64,
    /// Where the client's own hair begins again behind the front area, as `a` at the
    /// centre and behind the corners (`None`: the whole top is treated).
    back: Option<(f64, f64)>,
    /// The side hair left untreated: its height (share of the way from the brows to
    /// the head's widest point and on up to its top, 0..2) and its width in from the
    /// head's outline, cm.
    sides: (f64, f64),
    /// The crown: `a` of its centre and its radius, cm.
    crown: Option<(f64, f64)>,
    /// A lightly treated band between the front area and the crown: its strength.
    bridge: Option<f64>,
    /// Where the fringe at the back begins (`a`), seen on a view from above.
    back_fringe: f64,
}

impl Kit<'_> {
    /// The exponent of the mapping from the scalp to the photo: 1 (even) for a view
    /// from above, up to 2 for a frontal photo.
    fn power(&self) -> f64 {
        (1.0 + 3.0 * (self.fore - 0.7)).clamp(1.0, 2.0)
    }

    /// Height on the photo (cm above the brows) of the place `a` of the way from a
    /// hairline whose centre is `front_cm` high to the top of the head.
    fn scalp_y(&self, front_cm: f64, a: f64) -> f64 {
        let span = (self.shape.top_cm - front_cm).max(0.5);
        if a <= 1.0 {
            front_cm + span * (1.0 - (1.0 - a.max(0.0)).powf(self.power()))
        } else {
            self.shape.top_cm + (a - 1.0) * span
        }
    }

    /// How much a vertical length at `a` is shortened on the photo (0.15..1).
    fn squash(&self, front_cm: f64, a: f64) -> f64 {
        let span = (self.shape.top_cm - front_cm).max(0.5);
        let p = self.power();
        let slope = span * p * (1.0 - a.clamp(0.0, 0.97)).powf(p - 1.0);
        (slope / SCALP_ARC_CM).clamp(0.15, 1.0)
    }

    /// Half the head's width `y_cm` above the brows.
    fn half_width(&self, y_cm: f64) -> f64 {
        self.shape.half_width_at(y_cm)
    }

    /// An oval area of `radius_cm` across, centred at (`x_cm`, `y_cm`), shortened
    /// vertically by `squash`: a brush stroke along its long axis.
    fn oval(&self, x_cm: f64, y_cm: f64, radius_cm: f64, squash: f64, softness: f64) -> Stroke {
        let r = (radius_cm * squash).max(0.3);
        let half = radius_cm - r;
        let points = if half > 0.05 {
            vec![(self.at)(x_cm - half, y_cm), (self.at)(x_cm + half, y_cm)]
        } else {
            vec![(self.at)(x_cm, y_cm)]
        };
        Stroke {
            radius_mm: r * 10.0,
            softness,
            points,
            ..Stroke::default()
        }
    }

    /// Erases the side hair on both sides: `width_cm` in from the head's outline,
    /// from below the ears up to `top_cm`, fading out over `ramp_cm`.
    fn erase_sides(&self, top_cm: f64, width_cm: f64, ramp_cm: f64) -> [Stroke; 2] {
        // The brush runs just outside the outline, so its full part reaches in.
        let off = 1.0;
        let radius = width_cm + off;
        let side = |sign: f64| {
            let points = (0..=4)
                .map(|k| {
                    let y = -2.0 + (top_cm + 2.0) * f64::from(k) / 4.0;
                    (self.at)(sign * (self.half_width(y) + off), y)
                })
                .collect();
            Stroke {
                mode: StrokeMode::Erase,
                radius_mm: radius * 10.0,
                softness: (ramp_cm / radius).clamp(0.05, 1.0),
                points,
                ..Stroke::default()
            }
        };
        [side(-1.0), side(1.0)]
    }

    /// Erases everything behind a line across the top: `a` at the centre and
    /// `a_corner` behind the frontotemporal corners, fading in over `ramp_a`. A first
    /// brush along the line gives its shape and the fade; more rows behind it, each
    /// fully erasing where the one before stops, reach past the top of the head.
    fn erase_behind(&self, front_cm: f64, a: f64, a_corner: f64, ramp_a: f64) -> Vec<Stroke> {
        let top = self.shape.top_cm;
        let edge = self.scalp_y(front_cm, a);
        let ramp = (self.scalp_y(front_cm, a + ramp_a) - edge).max(0.2);
        // Half the width each row erases fully.
        let core = 1.0;
        let radius = ramp + core;
        let outer = self.shape.half_width_cm + 1.0;
        let line = [
            (-outer, a_corner),
            (-4.5, a_corner),
            (-2.3, a + 0.4 * (a_corner - a)),
            (0.0, a),
            (2.3, a + 0.4 * (a_corner - a)),
            (4.5, a_corner),
            (outer, a_corner),
        ];
        let mut rows = Vec::new();
        let mut offset = radius;
        while rows.is_empty() || edge + offset - radius < top + 0.5 {
            rows.push(Stroke {
                mode: StrokeMode::Erase,
                radius_mm: radius * 10.0,
                softness: ramp / radius,
                points: line
                    .iter()
                    .map(|&(x, a)| (self.at)(x, self.scalp_y(front_cm, a) + offset))
                    .collect(),
                ..Stroke::default()
            });
            offset += 2.0 * core;
        }
        rows
    }

    /// Lays template `t` out into `design`.
    fn lay(&self, t: Template, design: &mut Design) {
        match t {
            Template::Norwood2 => self.stage(design, &NORWOOD_2),
            Template::Norwood3 => self.stage(design, &NORWOOD_3),
            Template::Norwood3Vertex => self.stage(design, &NORWOOD_3_VERTEX),
            Template::Norwood4 => self.stage(design, &NORWOOD_4),
            Template::Norwood5 => self.stage(design, &NORWOOD_5),
            Template::Norwood6 => self.stage(design, &NORWOOD_6),
            Template::Norwood7 => self.stage(design, &NORWOOD_7),
            Template::FemalePattern => self.female_pattern(design),
            Template::Diffuse => self.diffuse(design),
            Template::AlopeciaAreata => self.alopecia_areata(design),
            Template::DonorStrip => self.donor_strip(design),
            Template::FueScars => self.fue_scars(design),
            _ => {}
        }
    }

    /// A stage of male pattern loss: the restored hairline with the shaved look over
    /// the whole scalp, minus the hair the stage still has (soft erase brushes), plus
    /// the crown.
    fn stage(&self, design: &mut Design, s: &Stage) {
        let front_cm = s.inner[2].1 * self.fore;
        design.hairline = Hairline {
            front: (self.front)(&s.inner, s.temple),
            outline: (self.outline)(),
            softness_mm: s.softness_mm,
            irregularity: s.irregularity,
        };
        design.shade = s.shade;
        let shape = self.shape;
        let side_top = if s.sides.0 <= 1.0 {
            shape.widest_cm * s.sides.0
        } else {
            shape.widest_cm + (shape.top_cm - shape.widest_cm) * (s.sides.0 - 1.0)
        };
        design
            .strokes
            .extend(self.erase_sides(side_top, s.sides.1, 0.8));
        match s.back {
            Some((a, a_corner)) => design
                .strokes
                .extend(self.erase_behind(front_cm, a, a_corner, 0.15)),
            None => design.strokes.extend(self.erase_behind(
                front_cm,
                s.back_fringe,
                s.back_fringe,
                0.05,
            )),
        }
        if let Some((a, radius)) = s.crown {
            let y = self.scalp_y(front_cm, a);
            let squash = self.squash(front_cm, a);
            if let Some(strength) = s.bridge {
                let (a0, _) = s.back.unwrap_or((a, a));
                let mid = (a0 + a) / 2.0;
                let y_mid = self.scalp_y(front_cm, mid);
                let reach = self.half_width(y_mid) * 0.55;
                design.strokes.push(Stroke {
                    strength,
                    ..self.oval(0.0, y_mid, reach, self.squash(front_cm, mid) * 0.8, 0.7)
                });
            }
            design.strokes.push(self.oval(0.0, y, radius, squash, 0.55));
            // Nothing past the fringe at the back.
            if s.back.is_some() {
                design.strokes.extend(self.erase_behind(
                    front_cm,
                    s.back_fringe,
                    s.back_fringe,
                    0.05,
                ));
            }
        }
    }

    /// Female pattern thinning: the top between the sides, behind a line a little
    /// behind a woman's hairline, at a little over half the density, and the parting
    /// at full density.
    fn female_pattern(&self, design: &mut Design) {
        let inner = [(-4.0, 7.4), (-2.2, 7.0), (0.0, 6.8)];
        let front_cm = inner[2].1 * self.fore;
        self.behind_hair(design, &inner, 5.2, 70.0);
        let shape = self.shape;
        let mut strokes = Vec::new();
        // The sides keep their density: only the top is thinning.
        strokes.extend(self.erase_sides(
            shape.widest_cm + 0.3 * (shape.top_cm - shape.widest_cm),
            2.2,
            1.5,
        ));
        // The top at 55 % of the design density, evenly.
        let top = self.scalp_y(front_cm, 1.0);
        strokes.push(Stroke {
            mode: StrokeMode::Erase,
            radius_mm: (shape.half_width_cm + 2.0) * 10.0,
            softness: 0.0,
            strength: 0.45,
            points: vec![(self.at)(0.0, front_cm - 2.0), (self.at)(0.0, top)],
        });
        // The parting, widest at the front (the "Christmas tree" of the Olsen pattern).
        let a_end = 0.85;
        strokes.push(Stroke {
            radius_mm: 12.0,
            softness: 0.7,
            points: [0.0, 0.3, 0.6, a_end]
                .iter()
                .map(|&a| (self.at)(0.0, self.scalp_y(front_cm, a)))
                .collect(),
            ..Stroke::default()
        });
        let y_front = self.scalp_y(front_cm, 0.12);
        strokes.push(Stroke {
            strength: 0.85,
            ..self.oval(0.0, y_front, 2.2, self.squash(front_cm, 0.12), 0.8)
        });
        design.strokes = strokes;
    }

    /// Diffuse shedding: the whole scalp behind a line set back from the hairline,
    /// evenly at a lower density and a lighter shade, under the hair.
    fn diffuse(&self, design: &mut Design) {
        self.behind_hair(design, &[(-4.5, 8.6), (-2.3, 8.1), (0.0, 7.9)], 5.4, 50.0);
    }

    /// Added density behind hair over the whole scalp behind the line `inner`
    /// (`temple`: the temple point's height), with a wide (15 mm), irregular
    /// transition and a light shade (0.6).
    fn behind_hair(&self, design: &mut Design, inner: &[(f64, f64)], temple: f64, density: f64) {
        design.hairline = Hairline {
            front: (self.front)(inner, temple),
            outline: (self.outline)(),
            softness_mm: 15.0,
            irregularity: 0.7,
        };
        design.coverage = Coverage::BehindHair;
        design.density = density;
        design.shade = 0.6;
    }

    /// A design of brush strokes only, with four sessions, as scars and alopecia
    /// often need (domain numbers §3).
    fn strokes_only(design: &mut Design, coverage: Coverage, density: f64, shade: f64) {
        design.hairline = Hairline::default();
        design.coverage = coverage;
        design.density = density;
        design.shade = shade;
        design.sessions = Sessions {
            days: vec![0.0, 14.0, 28.0, 42.0],
        };
    }

    /// Points (cm) on the photo.
    fn place(&self, points: &[(f64, f64)]) -> Vec<Point> {
        points.iter().map(|&(x, y)| (self.at)(x, y)).collect()
    }

    /// Points (cm) on an arc `inset_cm` inside the head's outline over its top, at
    /// `degrees` (0: the right side at the widest point, 90: the top).
    fn arc(&self, inset_cm: f64, degrees: &[f64]) -> Vec<(f64, f64)> {
        let shape = self.shape;
        let (c, top) = (shape.widest_cm, shape.top_cm - inset_cm);
        degrees
            .iter()
            .map(|deg| {
                let t = deg.to_radians();
                (
                    (shape.half_width_cm - inset_cm) * t.cos(),
                    c + (top - c) * t.sin(),
                )
            })
            .collect()
    }

    /// Alopecia areata: three round patches, each a dab the user moves and resizes:
    /// one on the top, one near the crown, one on the side.
    fn alopecia_areata(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::BehindHair, 70.0, 0.65);
        let f = 7.1 * self.fore;
        design.strokes = if self.known {
            let (a_top, a_crown) = (0.35, 0.75);
            let y = 3.5 * self.fore;
            vec![
                self.oval(
                    1.8,
                    self.scalp_y(f, a_top),
                    2.0,
                    self.squash(f, a_top),
                    0.35,
                ),
                self.oval(
                    -1.5,
                    self.scalp_y(f, a_crown),
                    2.4,
                    self.squash(f, a_crown),
                    0.35,
                ),
                self.oval(-(self.half_width(y) - 2.0), y, 1.4, 0.9, 0.35),
            ]
        } else {
            // A photo of the patches themselves: three in its middle.
            vec![
                self.oval(1.5, 1.0, 2.0, 1.0, 0.35),
                self.oval(-3.0, -1.5, 2.4, 1.0, 0.35),
                self.oval(3.5, -3.0, 1.4, 1.0, 0.35),
            ]
        };
    }

    /// A donor strip scar: a band 1.6 cm wide along the back of the head, seen near
    /// the top of the head's outline on a view from above; across the middle of a
    /// photo of the back of the head.
    fn donor_strip(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 70.0, 0.6);
        let points = if self.known {
            self.arc(1.6, &[35.0, 60.0, 90.0, 120.0, 145.0])
        } else {
            // Ear to ear, rising a little towards the ears.
            vec![(-9.0, 1.2), (-4.5, 0.3), (0.0, 0.0), (4.5, 0.3), (9.0, 1.2)]
        };
        design.strokes = vec![Stroke {
            radius_mm: 8.0,
            softness: 0.5,
            points: self.place(&points),
            ..Stroke::default()
        }];
    }

    /// FUE dot scars: even camouflage over the donor area, a horseshoe up the sides
    /// from above the ears and across the back (near the top of the head's outline on
    /// a view from above); on a photo of the back of the head, a wide band across it.
    fn fue_scars(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 60.0, 0.55);
        let points = if self.known {
            let inset = 2.2;
            let (c, low) = (self.shape.widest_cm, 1.5 * self.fore);
            let side: Vec<(f64, f64)> = (0..=2)
                .map(|k| {
                    let y = low + (c - low) * f64::from(k) / 2.0;
                    (self.half_width(y) - inset, y)
                })
                .collect();
            let mut pts: Vec<(f64, f64)> = side.iter().map(|&(x, y)| (-x, y)).collect();
            pts.extend(self.arc(inset, &[150.0, 120.0, 90.0, 60.0, 30.0]));
            pts.extend(side.iter().rev());
            pts
        } else {
            vec![
                (-8.0, 0.0),
                (-4.0, -0.5),
                (0.0, -0.6),
                (4.0, -0.5),
                (8.0, 0.0),
            ]
        };
        design.strokes = vec![Stroke {
            radius_mm: 22.0,
            softness: 0.6,
            points: self.place(&points),
            ..Stroke::default()
        }];
    }
}

/// Norwood II: a hairline 0.3 cm above the soft-natural one; the temples filled to
/// about a third of the way back, the centre only just behind the line.
const NORWOOD_2: Stage = Stage {
    inner: [(-4.5, 8.1), (-2.3, 7.6), (0.0, 7.4)],
    temple: 4.8,
    softness_mm: 8.0,
    irregularity: 0.55,
    shade: 0.7,
    back: Some((0.08, 0.35)),
    sides: (1.6, 3.0),
    crown: None,
    bridge: None,
    back_fringe: 0.93,
};

/// Norwood III: as II with the temples and the front of the top filled further back.
const NORWOOD_3: Stage = Stage {
    back: Some((0.18, 0.55)),
    ..NORWOOD_2
};

/// Norwood III vertex: the temples of II and a crown of 3 cm radius.
const NORWOOD_3_VERTEX: Stage = Stage {
    crown: Some((0.78, 3.0)),
    ..NORWOOD_2
};

/// Norwood IV: a hairline 0.7 cm above soft-natural; the front of the top to 40 %
/// of the way back, a crown of 3.5 cm radius, hair between them.
const NORWOOD_4: Stage = Stage {
    inner: [(-4.6, 8.5), (-2.4, 8.0), (0.0, 7.8)],
    temple: 5.0,
    softness_mm: 9.0,
    irregularity: 0.6,
    back: Some((0.35, 0.5)),
    sides: (1.5, 3.0),
    crown: Some((0.78, 3.5)),
    ..NORWOOD_2
};

/// Norwood V: the front to half way, a crown of 4.5 cm radius, the band between
/// them treated at 40 %.
const NORWOOD_5: Stage = Stage {
    back: Some((0.5, 0.6)),
    sides: (1.4, 2.8),
    crown: Some((0.76, 4.5)),
    bridge: Some(0.4),
    ..NORWOOD_4
};

/// Norwood VI: the mature-receded hairline and the whole top; the sides keep their
/// hair up to the head's widest point and a little above.
const NORWOOD_6: Stage = Stage {
    inner: [(-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)],
    temple: 5.4,
    shade: 0.65,
    back: None,
    sides: (1.2, 2.0),
    crown: None,
    bridge: None,
    ..NORWOOD_4
};

/// Norwood VII: as VI down the sides to a narrow fringe below the widest point.
const NORWOOD_7: Stage = Stage {
    sides: (0.7, 1.4),
    back_fringe: 0.97,
    ..NORWOOD_6
};

/// Height of the lowest hairline point at the sides (just above the ear), cm.
const SIDEBURN_CM: f64 = 1.2;
/// How far inside the head's outline the sideburn point lies, cm.
const SIDEBURN_INSET_CM: f64 = 1.2;
/// How far inside the head's outline the temple point lies, cm.
const TEMPLE_INSET_CM: f64 = 2.0;
/// How far inside the head's outline the scalp outline runs, cm.
const OUTLINE_INSET_CM: f64 = 0.0;
/// How much further inside it runs at the level of the brows (less higher up, none
/// at the widest point), cm: the ears stand out from the head below the widest point.
const EAR_INSET_CM: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_designs_are_valid() {
        for t in Template::ALL {
            assert_eq!(Template::from_name(t.name()), Some(t));
            for (w, h) in [(640, 480), (480, 640), (4000, 3000), (300, 301)] {
                let d = t.design(w, h);
                d.validate()
                    .unwrap_or_else(|e| panic!("{} at {w}×{h}: {e}", t.name()));
            }
        }
        assert_eq!(Template::from_name("nope"), None);
    }

    #[test]
    fn hairlines_follow_the_proportions() {
        let head = HeadFrame::new(500.0, 800.0, 50.0, ScaleMethod::Default);
        let d = Template::SoftNatural.design_in(1000, 1200, &head);
        let front = &d.hairline.front;
        let cm_above_brows = |p: &Point| (800.0 - p.y * 1200.0) / 50.0;
        let centre = &front[front.len() / 2];
        assert!(
            (7.0..=8.0).contains(&cm_above_brows(centre)),
            "{}",
            cm_above_brows(centre)
        );
        // The centre is lower than the frontotemporal corners, which are higher
        // than the temple points, which are higher than the sideburns.
        let n = front.len();
        assert!(cm_above_brows(&front[2]) > cm_above_brows(centre));
        assert!(cm_above_brows(&front[n - 3]) > cm_above_brows(centre));
        assert!(cm_above_brows(&front[1]) < cm_above_brows(&front[2]));
        assert!(cm_above_brows(&front[0]) < cm_above_brows(&front[1]));
        // Symmetric about the midline.
        assert!((front[0].x + front[front.len() - 1].x - 1.0).abs() < 2e-6);
        let mature = Template::MatureReceded.design_in(1000, 1200, &head);
        let m = &mature.hairline.front[mature.hairline.front.len() / 2];
        assert!((cm_above_brows(m) - cm_above_brows(centre) - 1.5).abs() < 0.1);
    }

    #[test]
    fn the_area_stays_inside_the_head_outline() {
        let mut head = HeadFrame::new(1000.0, 1050.0, 99.0, ScaleMethod::Default);
        head.shape = HeadShape {
            half_width_cm: 6.9,
            top_cm: 9.5,
            widest_cm: 2.9,
        };
        for t in Template::ALL.into_iter().take(5) {
            let d = t.design_in(2000, 2400, &head);
            for p in d.hairline.front.iter().chain(&d.hairline.outline) {
                let (x, y) = (
                    (p.x * 2000.0 - 1000.0) / 99.0,
                    (1050.0 - p.y * 2400.0) / 99.0,
                );
                assert!(y <= 9.5 + 1e-3, "{}: {y}", t.name());
                assert!(
                    x.abs() <= head.shape.half_width_at(y) + 1e-3,
                    "{}: ({x}, {y})",
                    t.name()
                );
            }
        }
    }

    #[test]
    fn the_layout_turns_with_the_head_and_widens_with_the_face() {
        let upright = HeadFrame::new(600.0, 700.0, 50.0, ScaleMethod::Landmarks);
        let turned = HeadFrame {
            roll: 15f64.to_radians(),
            ..upright
        };
        let (w, h) = (1200u32, 1400u32);
        let a = Template::SoftNatural.design_in(w, h, &upright);
        let b = Template::SoftNatural.design_in(w, h, &turned);
        let (c, s) = (15f64.to_radians().cos(), 15f64.to_radians().sin());
        for (p, q) in a.hairline.front.iter().zip(&b.hairline.front) {
            let (x, y) = (p.x * 1200.0 - 600.0, p.y * 1400.0 - 700.0);
            let (rx, ry) = (600.0 + x * c - y * s, 700.0 + x * s + y * c);
            assert!((q.x * 1200.0 - rx).abs() < 0.01 && (q.y * 1400.0 - ry).abs() < 0.01);
        }
        let wide = HeadFrame {
            hairline_width: 1.2,
            ..upright
        };
        let d = Template::SoftNatural.design_in(w, h, &wide);
        // The frontotemporal corners move out by 20 %; the centre stays.
        let corner = |d: &Design| (d.hairline.front[2].x * 1200.0 - 600.0) / 50.0;
        assert!(
            (corner(&d) / corner(&a) - 1.2).abs() < 1e-3,
            "{} {}",
            corner(&d),
            corner(&a)
        );
        let mid = |d: &Design| d.hairline.front[d.hairline.front.len() / 2];
        assert_eq!(mid(&d), mid(&a));
    }
}
