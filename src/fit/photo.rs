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
use crate::design::{Design, ScaleMethod};
use crate::grid::MaskGrid;
use crate::scalp::{AnalysisError, Photo, ScalpMap};
use crate::skin::PhotoPriors;
use crate::surface::HeadPose;
use crate::templates::{Application, HeadFrame, HeadNumbers, Template};

mod no_face;

use no_face::head_without_face;

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
