//! The reference skin the analysis measures hair and scalp against (`Reference`):
//! its colour and texture, from the forehead when the face is found, else from the
//! smoothest skin-coloured part of the head.

use super::Working;
use crate::mesh as idx;
use crate::skin::SkinModel;

/// The reference skin: its colour and texture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    /// 8-bit sRGB.
    pub rgb: [u8; 3],
    /// Its texture measures (medians) at the two scales.
    pub texture: [f32; 2],
    /// Where it was taken.
    pub source: ReferenceSource,
}

/// Where the reference skin was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceSource {
    /// The forehead, between the brows and the top of the face mesh.
    Forehead,
    /// The smoothest skin-coloured part of the head (no face in the photo).
    Head,
}

/// The median colour of the brightest 40 % (brightest 8 % left out) and the median
/// texture of the working pixels `sel`.
fn reference_of(working: &Working, sel: &[usize], source: ReferenceSource) -> Option<Reference> {
    if sel.len() < 16 {
        return None;
    }
    let mut px: Vec<(u32, usize)> = sel
        .iter()
        .map(|&k| {
            let c = working.rgb[k];
            let luma = 2126 * u32::from(c[0]) + 7152 * u32::from(c[1]) + 722 * u32::from(c[2]);
            (luma, k)
        })
        .collect();
    px.sort_unstable();
    let n = px.len();
    let kept = &px[n * 6 / 10..(n - n * 8 / 100).max(n * 6 / 10 + 1)];
    let median = |ch: usize| {
        let mut v: Vec<u8> = kept.iter().map(|p| working.rgb[p.1][ch]).collect();
        v.sort_unstable();
        v[v.len() / 2]
    };
    let rgb = [median(0), median(1), median(2)];
    SkinModel::from_rgb(rgb)?;
    let median_texture = |s: usize| {
        let mut t: Vec<f32> = sel.iter().map(|&k| working.texture[s][k]).collect();
        t.sort_unstable_by(f32::total_cmp);
        t[t.len() / 2]
    };
    Some(Reference {
        rgb,
        texture: [median_texture(0), median_texture(1)],
        source,
    })
}

/// The forehead between the brows and the top of the face mesh.
pub(super) fn forehead_reference(working: &Working, points: &[[f32; 2]]) -> Option<Reference> {
    let p = |i: usize| (f64::from(points[i][0]), f64::from(points[i][1]));
    let (x0, x1) = {
        let (a, b) = (p(idx::BROW_RIGHT).0, p(idx::BROW_LEFT).0);
        (a.min(b), a.max(b))
    };
    let (top, bottom) = (p(idx::FOREHEAD_TOP).1, p(idx::GLABELLA).1);
    let (y0, y1) = (top.min(bottom), top.max(bottom));
    let mut sel = Vec::new();
    let (i0, j0) = working.to_working(x0, y0).unwrap_or((0, 0));
    let (i1, j1) = working
        .to_working(x1, y1)
        .unwrap_or((working.width - 1, working.height - 1));
    for j in j0..=j1.min(working.height - 1) {
        for i in i0..=i1.min(working.width - 1) {
            if working.person_at(i, j) > 0.5 {
                sel.push(j * working.width + i);
            }
        }
    }
    reference_of(working, &sel, ReferenceSource::Forehead)
}

/// Without a face, the reference skin is taken from this share (%) of the
/// skin-coloured pixels of the person, the smoothest: bare scalp is the smoothest
/// part of a head; dark hair on dark skin has the skin's colour but not its
/// smoothness.
const SMOOTHEST_PERCENT: usize = 15;

/// Without a face: the smoothest of the skin-coloured pixels of the person.
pub(super) fn head_reference(working: &Working) -> Option<Reference> {
    let candidates: Vec<usize> = (0..working.width * working.height)
        .filter(|&k| {
            let f = working.features[k];
            let hue = f.b.atan2(f.a).to_degrees();
            working.person[k] > 0.8
                && (5.0..=95.0).contains(&hue)
                && f.a.hypot(f.b) >= 0.04
                && f.lightness > 0.2
        })
        .collect();
    if candidates.len() < 64 {
        return None;
    }
    let mut t: Vec<f32> = candidates.iter().map(|&k| working.texture[1][k]).collect();
    t.sort_unstable_by(f32::total_cmp);
    let limit = t[t.len() * SMOOTHEST_PERCENT / 100];
    let smooth: Vec<usize> = candidates
        .into_iter()
        .filter(|&k| working.texture[1][k] <= limit)
        .collect();
    reference_of(working, &smooth, ReferenceSource::Head)
}
