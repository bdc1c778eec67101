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

mod behind_hair;
mod hairline;
mod head;
mod layout;
mod male_pattern;
mod scar;

pub use head::{HeadFrame, HeadNumbers, HeadShape};
use layout::Layout;

use crate::design::{Design, Scale};

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
        let l = Layout {
            head: *head,
            width,
            height,
        };
        let mut design = Design {
            scale: Scale {
                px_per_cm: head.px_per_cm,
                at_width: width,
                method: head.method,
            },
            ..Design::default()
        };
        self.lay(&l, &mut design);
        design
    }

    /// Lays the template out into `d`: every template's layout in one match, so a new
    /// template does not compile without one.
    fn lay(self, l: &Layout, d: &mut Design) {
        match self {
            Template::SoftNatural => l.style(d, &hairline::SOFT_NATURAL),
            Template::Defined => l.style(d, &hairline::DEFINED),
            Template::Feathered => l.style(d, &hairline::FEATHERED),
            Template::MatureReceded => l.style(d, &hairline::MATURE_RECEDED),
            Template::WidowsPeak => l.style(d, &hairline::WIDOWS_PEAK),
            Template::Norwood2 => l.stage(d, &male_pattern::NORWOOD_2),
            Template::Norwood3 => l.stage(d, &male_pattern::NORWOOD_3),
            Template::Norwood3Vertex => l.stage(d, &male_pattern::NORWOOD_3_VERTEX),
            Template::Norwood4 => l.stage(d, &male_pattern::NORWOOD_4),
            Template::Norwood5 => l.stage(d, &male_pattern::NORWOOD_5),
            Template::Norwood6 => l.stage(d, &male_pattern::NORWOOD_6),
            Template::Norwood7 => l.stage(d, &male_pattern::NORWOOD_7),
            Template::Crown => l.crown(d),
            Template::FemalePattern => l.female_pattern(d),
            Template::Diffuse => l.diffuse(d),
            Template::AlopeciaAreata => l.alopecia_areata(d),
            Template::DonorStrip => l.donor_strip(d),
            Template::FueScars => l.fue_scars(d),
            Template::Scar => l.scar(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{Point, ScaleMethod};

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
