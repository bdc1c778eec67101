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
mod tests;
