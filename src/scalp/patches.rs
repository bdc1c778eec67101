//! Connected patches of the maps: 4-connected components, the largest patch of bare
//! scalp (cut from other skin at narrow strips), small islands dropped and bright
//! holes (highlights) filled.

use super::{TARGET_HEAD_PX, Working};

/// The 4-connected components of `on` (a `w` × `h` grid): each pixel's component
/// number (`u32::MAX` where `on` is false) and each component's pixels.
fn components(on: &[bool], w: usize, h: usize) -> (Vec<u32>, Vec<Vec<usize>>) {
    let mut label = vec![u32::MAX; on.len()];
    let mut all = Vec::new();
    let mut stack = Vec::new();
    for start in 0..on.len() {
        if !on[start] || label[start] != u32::MAX {
            continue;
        }
        let id = all.len() as u32;
        let mut members = Vec::new();
        label[start] = id;
        stack.push(start);
        while let Some(k) = stack.pop() {
            members.push(k);
            let (x, y) = (k % w, k / w);
            let mut visit = |n: usize| {
                if on[n] && label[n] == u32::MAX {
                    label[n] = id;
                    stack.push(n);
                }
            };
            if x > 0 {
                visit(k - 1);
            }
            if x + 1 < w {
                visit(k + 1);
            }
            if y > 0 {
                visit(k - w);
            }
            if y + 1 < h {
                visit(k + w);
            }
        }
        all.push(members);
    }
    (label, all)
}

/// The pixels of the 4-connected component of `on` that holds `start`.
pub(super) fn component_from(on: &[bool], w: usize, h: usize, start: usize) -> Vec<usize> {
    if !on[start] {
        return Vec::new();
    }
    let (label, mut all) = components(on, w, h);
    all.swap_remove(label[start] as usize)
}

/// How far the patch of bare scalp is eroded before its largest part is chosen, as a
/// share of the head's width in the working image (about 1.5 cm): a neck, a cheek
/// or bare shoulders joined to the scalp by a narrower strip of skin come apart.
const PATCH_NECK_SHARE: f64 = 0.1;

/// The largest patch of bare scalp (`scalp ≥ 0.5`), after cutting the strips of skin
/// narrower than [`PATCH_NECK_SHARE`] of the head that join it to other skin: the
/// largest part of the eroded patch, grown back within the patch.
pub(super) fn bare_patch(scalp: &[f32], w: usize, h: usize) -> Option<Vec<usize>> {
    let on: Vec<bool> = scalp.iter().map(|&v| v >= 0.5).collect();
    let r = ((PATCH_NECK_SHARE * TARGET_HEAD_PX) / 2.0).round() as usize;
    let core = erode(&on, w, h, r);
    let seed = components(&core, w, h).1.into_iter().max_by_key(Vec::len);
    let Some(seed) = seed else {
        return components(&on, w, h).1.into_iter().max_by_key(Vec::len);
    };
    // Grown back: the patch's pixels within r (a square) of the kept core.
    let mut kept = vec![false; on.len()];
    for &k in &seed {
        kept[k] = true;
    }
    let grown = dilate(&kept, w, h, r);
    let part: Vec<bool> = on.iter().zip(&grown).map(|(&a, &b)| a && b).collect();
    components(&part, w, h).1.into_iter().max_by_key(Vec::len)
}

/// `on` eroded by a square of half-side `r` (separable minimum).
fn erode(on: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let inv: Vec<bool> = on.iter().map(|v| !v).collect();
    dilate(&inv, w, h, r).into_iter().map(|v| !v).collect()
}

/// `on` dilated by a square of half-side `r` (separable maximum, running counts).
fn dilate(on: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let pass = |src: &[bool], len: usize, stride: usize, lines: usize, step: usize| {
        let mut out = vec![false; src.len()];
        for line in 0..lines {
            let at = |i: usize| src[line * step + i * stride];
            let mut count = (0..=r.min(len - 1)).filter(|&i| at(i)).count();
            for i in 0..len {
                out[line * step + i * stride] = count > 0;
                if i + r + 1 < len && at(i + r + 1) {
                    count += 1;
                }
                if i >= r && at(i - r) {
                    count -= 1;
                }
            }
        }
        out
    };
    let rows = pass(on, w, 1, h, w);
    pass(&rows, h, w, w, 1)
}

/// Smallest patch of bare scalp kept, as a share of the working image's head width
/// squared (about 0.5 cm² on an adult head): smaller patches inside hair are
/// glimpses of scalp between strands, which read as a grey film on the hair when
/// treated, not as bare scalp.
const MIN_PATCH_SHARE: f64 = 0.5 / (15.5 * 15.5);

/// Drops the patches of bare scalp smaller than [`MIN_PATCH_SHARE`].
pub(super) fn drop_islands(scalp: &mut [f32], w: usize, h: usize) {
    let min = (MIN_PATCH_SHARE * TARGET_HEAD_PX * TARGET_HEAD_PX).round() as usize;
    let on: Vec<bool> = scalp.iter().map(|&v| v >= 0.5).collect();
    for c in components(&on, w, h).1 {
        if c.len() < min {
            for m in c {
                scalp[m] = 0.0;
            }
        }
    }
}

/// Counts as bare scalp the bright holes in it: a highlight on a bald head, paler
/// than the skin around it, is enclosed by scalp on every side.
pub(super) fn fill_highlights(scalp: &mut [f32], working: &Working, ref_lum: f32) {
    let (w, h) = (working.width, working.height);
    let rest: Vec<bool> = scalp.iter().map(|&v| v < 0.5).collect();
    for members in components(&rest, w, h).1 {
        // Those that touch the border are not holes.
        let border = members.iter().any(|&k| {
            let (x, y) = (k % w, k / w);
            x == 0 || y == 0 || x + 1 == w || y + 1 == h
        });
        let lum: f32 = members.iter().map(|&k| working.luminance[k]).sum();
        let bright = lum / members.len() as f32 >= 0.9 * ref_lum;
        // At most a twentieth of the working image: a highlight, not a region.
        if !border && bright && members.len() * 20 <= w * h {
            for k in members {
                scalp[k] = scalp[k].max(working.person[k].min(1.0));
            }
        }
    }
}
