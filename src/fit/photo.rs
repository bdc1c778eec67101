//! The fit of one photo of a person, from the face (when it is found), the person's
//! silhouette and the analysis of hair and bare scalp ([`ScalpMap`]): the head frame,
//! the head's outline, the client's own hairline, the maps that keep pigment on
//! bare scalp, and the starting design.
//!
//! - **A face** gives the scale (the eyes), the roll and the proportions
//!   ([`head_frame`]); the silhouette then gives the head's real outline (its top and
//!   its width above the ears), and the hairline may never rise above a share of
//!   that top ([`HAIRLINE_SHARE_OF_TOP`]): where the face's proportions and the
//!   silhouette disagree (a close selfie through a wide-angle lens), the silhouette
//!   wins.
//! - **No face** (a view from above, from behind or from the side): the head is the
//!   largest patch of bare scalp and the hair around it; the scale comes from the
//!   head's width, taken as an adult head's breadth ([`HEAD_BREADTH_CM`]; its length,
//!   [`HEAD_LENGTH_CM`], seen from the side), and is marked as estimated
//!   ([`ScaleMethod::HeadWidth`]); the starting design covers the bare scalp seen.

use super::hairline::ClientHairline;
use super::outline::{Outline, PERSON};
use super::{FitError, TEMPLATE_THIRD_CM, head_frame};
use crate::design::{Design, Point, ScaleMethod, Stroke};
use crate::grid::MaskGrid;
use crate::scalp::{AnalysisError, Photo, ScalpMap};
use crate::skin::PhotoPriors;
use crate::surface::HeadPose;
use crate::templates::{Application, HeadFrame, HeadNumbers, HeadShape, Template};

/// Breadth of an adult head, cm: the width a view from above or behind shows
/// (`docs/domain-numbers.md`).
pub const HEAD_BREADTH_CM: f64 = 15.5;
/// Length of an adult head (glabella to the back of the head), cm: the width a side
/// view shows.
pub const HEAD_LENGTH_CM: f64 = 19.5;
/// The mid-hairline of an average head lies this share of the way from the brows to
/// the top of the head's outline on a frontal photo (7.1 of 10.7 cm): the fitted
/// hairline is never higher than this share of the silhouette's top.
pub const HAIRLINE_SHARE_OF_TOP: f64 = 0.66;
/// The segmentation's probabilities read as the person from here, fully from the
/// next: where the model is unsure (hair edges, a hand on the head), no pigment.
pub const PERSON_RAMP: (f32, f32) = (0.5, 0.85);

/// What kind of view of the head the photo is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The face was found and fitted (a frontal or three-quarter photo).
    Face,
    /// A side view: a face turned too far to fit, or a head seen longer than tall.
    Side,
    /// No face: the top or the back of the head.
    TopOrBack,
}

impl View {
    /// A stable id: `face`, `side`, `top-or-back`.
    pub fn id(self) -> &'static str {
        match self {
            View::Face => "face",
            View::Side => "side",
            View::TopOrBack => "top-or-back",
        }
    }
}

/// What a fit found, for people and pages (the command line's `--print-fit`, the
/// page's fit notes): serialised with camelCase names.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitSummary {
    /// `face`, `side` or `top-or-back` ([`View::id`]).
    pub view: &'static str,
    /// The template the starting design was laid out from.
    pub template: &'static str,
    /// Pixels per centimetre.
    pub px_per_cm: f64,
    /// How the scale was found (`landmarks`, or `head_width` when estimated).
    pub scale_method: ScaleMethod,
    /// The head frame, every number named.
    pub head: HeadNumbers,
    /// Why a face that was found was not used.
    pub face_problem: Option<String>,
    /// Whether the client's own hair was found along the front (with a face).
    pub own_hairline: bool,
    /// Share of the top of the head that is hair (with a face), 0..1.
    pub top_hair: Option<f64>,
    /// The reference skin colour, 8-bit sRGB.
    pub reference: [u8; 3],
}

/// Everything the fit of one photo found.
#[derive(Debug, Clone)]
pub struct PhotoFit {
    /// Where the head is and its proportions.
    pub head: HeadFrame,
    /// The kind of view.
    pub view: View,
    /// The silhouette's outline of the head (with a face).
    pub outline: Option<Outline>,
    /// The client's own hairline (with a face).
    pub hairline: Option<ClientHairline>,
    /// Hair and bare scalp.
    pub map: ScalpMap,
    /// The person's silhouette (the segmentation over the whole photo).
    pub person: MaskGrid,
    /// Why the face, though found, was not used (turned away, too small, tilted).
    pub face_problem: Option<FitError>,
    /// Photo size.
    pub size: (u32, u32),
    /// The brows' height (photo pixels) of a face found but not fitted (turned).
    pub brows: Option<f64>,
    /// The head's pose from the face mesh ([`PhotoFit::with_pose`]): designs laid out
    /// on the face carry it, and are drawn on the head's surface.
    pub pose: Option<HeadPose>,
}

impl PhotoFit {
    /// Fits `photo` with the segmentation `person` (probabilities over the whole
    /// photo) and the face mesh `face` (photo pixels), if a face was found.
    pub fn new(
        photo: Photo,
        person: MaskGrid,
        face: Option<&[[f32; 2]]>,
    ) -> Result<Self, AnalysisError> {
        let size = (photo.width, photo.height);
        let fitted = face.map(head_frame);
        let face_problem = fitted.as_ref().and_then(|r| r.as_ref().err().cloned());
        let map = ScalpMap::analyse(photo, &person, face)?;
        if let Some(Ok(mut head)) = fitted {
            let outline = Outline::measure(&person, size, &head);
            if let Some(o) = &outline {
                head.shape = o.shape(head.shape);
                head.outline_center_cm = o.center_cm();
                // The hairline stays below a share of the head's top.
                let limit = HAIRLINE_SHARE_OF_TOP * head.shape.top_cm / TEMPLATE_THIRD_CM;
                head.foreshortening = head.foreshortening.min(limit).clamp(0.3, 1.25);
            }
            let hairline = outline
                .as_ref()
                .map(|o| ClientHairline::find(&map, &head, o));
            return Ok(Self {
                head,
                view: View::Face,
                outline,
                hairline,
                map,
                person,
                face_problem,
                size,
                brows: None,
                pose: None,
            });
        }
        let (mut head, view) =
            head_without_face(&map, size, face_problem.is_some()).ok_or(AnalysisError::NoSkin)?;
        // A turned face still shows how tall it is: the scale from the brows to the
        // chin, which turning leaves as it is.
        if let Some(s) = face.and_then(face_height_scale) {
            head.px_per_cm = s;
            head.method = ScaleMethod::Landmarks;
        }
        // A turned face's brows (between them, mesh point 9).
        let brows = face
            .filter(|_| face_problem.is_some())
            .and_then(|p| p.get(crate::mesh::GLABELLA))
            .map(|p| f64::from(p[1]))
            .filter(|y| y.is_finite());
        Ok(Self {
            head,
            view,
            outline: None,
            hairline: None,
            map,
            person,
            face_problem,
            size,
            brows,
            pose: None,
        })
    }

    /// This fit with the head's pose found from the face mesh, its outline matched to
    /// the person's silhouette ([`HeadPose::matched_to`]); without a face, the pose of
    /// the view (`PhotoFit::view_pose`, already sized by the head's width: seen from
    /// above, the silhouette is the shoulders as much as the head). `None`: drawn flat.
    pub fn with_pose(mut self, pose: Option<HeadPose>) -> Self {
        let (w, h) = self.size;
        let (fw, fh) = (f64::from(w), f64::from(h));
        let person = &self.person;
        let inside = |x: f64, y: f64| person.raw_at(x / fw, y / fh) >= PERSON;
        self.pose = match pose {
            Some(p) => Some(p.matched_to(w, h, inside)),
            None => self.view_pose(),
        };
        self
    }

    /// Without a face, the head's pose from the view: seen from behind (upright, the
    /// background above the head) the back of the head faces the camera; seen from
    /// above, its top, the face toward the photo's bottom. Sized by the head's width
    /// (the fit's scale), centred on the bare scalp's box. `None` for other views.
    fn view_pose(&self) -> Option<HeadPose> {
        if self.view != View::TopOrBack {
            return None;
        }
        let [x0, y0, x1, y1] = self.map.head_box()?;
        let half = std::f64::consts::FRAC_1_SQRT_2;
        // Behind: half a turn about the vertical; above: a quarter turn about the
        // horizontal (the top toward the camera).
        let rotation = if self.upright() {
            [0.0, 0.0, 1.0, 0.0]
        } else {
            [half, half, 0.0, 0.0]
        };
        let scale = self.head.px_per_cm;
        let centre = crate::surface::pose::apply(
            &crate::surface::pose::matrix(rotation),
            crate::surface::HEAD_CENTRE_CM,
        );
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let sim = crate::surface::pose::Similarity {
            rotation,
            scale,
            translation: [cx - scale * centre[0], -cy - scale * centre[1], 0.0],
        };
        let pose = HeadPose::from_similarity(&sim, self.size.0, self.size.1);
        pose.problem().is_none().then_some(pose)
    }

    /// What the fit found, with `template` the starting design's.
    pub fn summary(&self, template: Template) -> FitSummary {
        let h = &self.head;
        FitSummary {
            view: self.view.id(),
            template: template.name(),
            px_per_cm: h.px_per_cm,
            scale_method: h.method,
            head: HeadNumbers::of(h),
            face_problem: self.face_problem.as_ref().map(ToString::to_string),
            own_hairline: self
                .hairline
                .as_ref()
                .is_some_and(ClientHairline::has_front),
            top_hair: self.hairline.as_ref().map(|c| c.top_hair),
            reference: self.map.reference.rgb,
        }
    }

    /// What the skin mask needs: the person's silhouette and the bare-scalp map, and
    /// the reference skin colour.
    pub fn priors(&self) -> PhotoPriors {
        let (w, h) = self.size;
        PhotoPriors {
            grids: vec![
                self.person.clone().with_ramp(PERSON_RAMP.0, PERSON_RAMP.1),
                self.map.scalp_grid(w, h),
            ],
            reference: Some(self.map.reference.rgb),
        }
    }

    /// The template this view starts with when none is chosen: the crown for a view
    /// from above or behind, else `chosen`.
    pub fn starting_template(&self, chosen: Template) -> Template {
        match self.view {
            View::TopOrBack => Template::Crown,
            _ => chosen,
        }
    }

    /// `template` laid out on this photo: on the face, adjusted to the client's own
    /// hairline; without a face, the crown (and the shaved look) covers the bare
    /// scalp seen.
    pub fn design(&self, template: Template) -> Design {
        let (w, h) = (self.size.0, self.size.1);
        let scalp_look =
            matches!(template.application(), Application::Hairline) || template == Template::Crown;
        if self.view != View::Face && scalp_look {
            if let Some(mut d) = self.no_face_design() {
                d.head = self.pose;
                return d;
            }
        }
        let mut design = template.design_in(w, h, &self.head);
        let follows = matches!(
            template.application(),
            Application::Hairline | Application::MalePattern
        ) && template != Template::Crown;
        if let (Some(hairline), true) = (&self.hairline, follows) {
            hairline.apply(&mut design, &self.head, w, h);
        }
        // Drawn on the head's surface (with the face's pose, or the view's).
        design.head = self.pose;
        design
    }

    /// Without a fitted face, the shaved look over the bare scalp seen. On a head
    /// seen upright (background right above it: from behind or the side), only its
    /// upper part, down to half the head's width below its top, so that a face seen
    /// in profile, the neck and the ears are never treated; with a turned face's
    /// mesh, down to a proportionate hairline above its brows. Seen from above (the
    /// person around the head), the whole patch.
    fn no_face_design(&self) -> Option<Design> {
        let wk = &self.map.working;
        let patch = self.map.bare_patch()?;
        let top_j = patch.iter().map(|&k| k / wk.width).min()?;
        let (i0, i1) = patch.iter().fold((usize::MAX, 0), |(a, b), &k| {
            (a.min(k % wk.width), b.max(k % wk.width))
        });
        let (_, top_y) = wk.to_photo(0.0, top_j as f64);
        let (x0, _) = wk.to_photo(i0 as f64, 0.0);
        let (x1, _) = wk.to_photo(i1 as f64, 0.0);
        let line = match (self.brows, self.upright()) {
            (Some(brow_y), _) => Some(brow_y - super::TEMPLATE_THIRD_CM * self.head.px_per_cm),
            (None, true) => {
                Some(top_y + 0.5 * self.head.shape.half_width_cm * 2.0 * self.head.px_per_cm)
            }
            (None, false) => None,
        };
        match line {
            Some(y) => Some(self.line_design(y, x0, x1)),
            None => self.bare_scalp_design(),
        }
    }

    /// Whether the head is seen upright (from behind or the side): just outside its
    /// box, above it and beside its upper half, is mostly background. Seen from
    /// above, the person's shoulders and back surround the head.
    fn upright(&self) -> bool {
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        let Some(head) = self.map.head_box() else {
            return false;
        };
        let m = 0.1 * (head[2] - head[0]);
        let (x0, y0, x1) = (head[0] - m, head[1] - m, head[2] + m);
        let mid = (head[1] + head[3]) / 2.0;
        let mut samples = Vec::new();
        for k in 0..=10 {
            let t = f64::from(k) / 10.0;
            samples.push((x0 + t * (x1 - x0), y0));
            samples.push((x0, y0 + t * (mid - y0)));
            samples.push((x1, y0 + t * (mid - y0)));
        }
        let inside: Vec<&(f64, f64)> = samples
            .iter()
            .filter(|(x, y)| (0.0..w).contains(x) && (0.0..h).contains(y))
            .collect();
        if inside.len() < 8 {
            return false;
        }
        let background = inside
            .iter()
            .filter(|(x, y)| self.person.raw_at(x / w, y / h) < PERSON_RAMP.0)
            .count();
        background * 10 >= inside.len() * 6
    }

    /// The shaved look above a gently curved line at height `y` (photo pixels) from
    /// `x0` to `x1`, closed along the top of the photo: the masks keep it on bare
    /// scalp.
    fn line_design(&self, y: f64, x0: f64, x1: f64) -> Design {
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        let rel = |x: f64, y: f64| {
            let round = |v: f64| (v * 1e6).round() / 1e6;
            Point::new(round(x / w).clamp(-0.5, 1.5), round(y / h).clamp(-0.5, 1.5))
        };
        let span = (x1 - x0).max(1.0);
        // A little higher at the ends, as a hairline is.
        let front = (0..=6)
            .map(|k| {
                let t = f64::from(k) / 6.0;
                let lift = 0.06 * span * (2.0 * t - 1.0).powi(2);
                rel(x0 + t * span, y - lift)
            })
            .collect();
        let mut design = self.scaled_design();
        design.hairline = crate::design::Hairline {
            front,
            outline: Vec::new(),
            softness_mm: 10.0,
            irregularity: 0.5,
        };
        design
    }

    /// A default design at this photo's scale.
    fn scaled_design(&self) -> Design {
        Design {
            scale: crate::design::Scale {
                px_per_cm: self.head.px_per_cm,
                at_width: self.size.0,
                method: self.head.method,
            },
            ..Design::default()
        }
    }

    /// A design over the largest patch of bare scalp: one soft brush stroke along
    /// its long axis, as wide as the patch.
    pub fn bare_scalp_design(&self) -> Option<Design> {
        let patch = self.map.bare_patch()?;
        let wk = &self.map.working;
        let (w, h) = self.size;
        let pts: Vec<(f64, f64)> = patch
            .iter()
            .map(|&k| wk.to_photo((k % wk.width) as f64, (k / wk.width) as f64))
            .collect();
        let n = pts.len() as f64;
        let (cx, cy) = pts
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0 / n, b + p.1 / n));
        let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
        for &(x, y) in &pts {
            sxx += (x - cx) * (x - cx) / n;
            syy += (y - cy) * (y - cy) / n;
            sxy += (x - cx) * (y - cy) / n;
        }
        // The patch as an ellipse: axes 2√λ (a filled ellipse's variance is a²/4).
        let tr = sxx + syy;
        let det = sxx * syy - sxy * sxy;
        let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
        let (l1, l2) = (tr / 2.0 + disc, (tr / 2.0 - disc).max(0.0));
        let (a, b) = (2.0 * l1.sqrt(), 2.0 * l2.sqrt());
        let angle = if sxy.abs() < 1e-9 && sxx >= syy {
            0.0
        } else {
            (l1 - sxx).atan2(sxy)
        };
        let (ux, uy) = (angle.cos(), angle.sin());
        let px_per_mm = self.head.px_per_cm / 10.0;
        let reach = (a - b).max(0.0);
        let rel = |x: f64, y: f64| {
            let round = |v: f64| (v * 1e6).round() / 1e6;
            Point::new(
                round(x / f64::from(w)).clamp(-0.5, 1.5),
                round(y / f64::from(h)).clamp(-0.5, 1.5),
            )
        };
        let points = if reach > 0.2 * b {
            vec![
                rel(cx - ux * reach, cy - uy * reach),
                rel(cx + ux * reach, cy + uy * reach),
            ]
        } else {
            vec![rel(cx, cy)]
        };
        let radius_mm = (b * 1.1 / px_per_mm).clamp(0.5, 100.0);
        let mut design = self.scaled_design();
        design.strokes = vec![Stroke {
            radius_mm,
            softness: 0.35,
            points,
            ..Stroke::default()
        }];
        Some(design)
    }
}

/// Height of an adult face from between the brows to the chin, cm (about 12 cm:
/// nasion to menton 11.5–12.5 cm in adults; `docs/domain-numbers.md`).
pub const FACE_HEIGHT_CM: f64 = 12.0;

/// Pixels per cm from a face mesh's height (between the brows, point 9, to the
/// chin, point 152).
fn face_height_scale(points: &[[f32; 2]]) -> Option<f64> {
    let (a, b) = (
        points.get(crate::mesh::GLABELLA)?,
        points.get(crate::mesh::CHIN)?,
    );
    let d = f64::from(a[0] - b[0]).hypot(f64::from(a[1] - b[1]));
    (d.is_finite() && d > 8.0).then_some(d / FACE_HEIGHT_CM)
}

/// The head frame of a photo without a usable face: centred on the head found, the
/// scale from its width (its length when a turned face shows it is a side view), the
/// brows taken below it (as for the crown sample: the forehead towards the bottom of
/// the photo).
fn head_without_face(
    map: &ScalpMap,
    (w, h): (u32, u32),
    turned: bool,
) -> Option<(HeadFrame, View)> {
    let head = map.head_box()?;
    let wk = &map.working;
    let patch = map.bare_patch()?;
    let n = patch.len() as f64;
    let (ci, cj) = patch.iter().fold((0.0, 0.0), |(a, b), &k| {
        (a + (k % wk.width) as f64 / n, b + (k / wk.width) as f64 / n)
    });
    // The head's width at the patch's centre: the run of scalp or hair through it.
    let j = (cj.round() as usize).min(wk.height - 1);
    let on = |i: usize| {
        let k = j * wk.width + i;
        map.scalp[k] >= 0.5 || map.hair[k] >= 0.5
    };
    let mut a = (ci.round() as usize).min(wk.width - 1);
    while a > 0 && on(a - 1) {
        a -= 1;
    }
    let mut b = (ci.round() as usize).min(wk.width - 1);
    while b + 1 < wk.width && on(b + 1) {
        b += 1;
    }
    let width_px = ((b + 1 - a) as f64 / wk.scale).min(head[2] - head[0]);
    let view = if turned { View::Side } else { View::TopOrBack };
    let cm = if turned {
        HEAD_LENGTH_CM
    } else {
        HEAD_BREADTH_CM
    };
    let px_per_cm = width_px / cm;
    if !(px_per_cm.is_finite() && px_per_cm > 0.5) {
        return None;
    }
    let (cx, _) = wk.to_photo(ci, cj);
    let brow_y = head[3].min(f64::from(h));
    let top_cm = ((brow_y - head[1]) / px_per_cm).clamp(3.0, 25.0);
    let mut frame = HeadFrame::new(
        cx.clamp(0.0, f64::from(w)),
        brow_y,
        px_per_cm,
        ScaleMethod::HeadWidth,
    );
    frame.shape = HeadShape {
        half_width_cm: (width_px / 2.0 / px_per_cm).clamp(1.0, 15.0),
        top_cm,
        widest_cm: 0.55 * top_cm,
    };
    frame.foreshortening = 0.71;
    Some((frame, view))
}
