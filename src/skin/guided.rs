//! The guided filter (He, Sun and Tang) on fixed-point integers, and the window sums
//! and box means it runs on: exact running sums, each two additions whatever the
//! radius.

/// Regularisation of the guided filter, in squared lightness units (`f(Y)` of
/// CIELAB, 0..1): lightness contrasts well above √ε ≈ 0.045 count as edges.
pub(super) const GUIDE_EPS: f32 = 0.002;

/// The guided filter's own buffers.
#[derive(Default)]
pub(super) struct Scratch {
    /// Row-wise window sums of I, p, I·I, I·p (later of a and b).
    rows: [Vec<i64>; 4],
    /// Running column sums of `rows`.
    acc: [Vec<i64>; 4],
    products: [Vec<i64>; 2],
    a: Vec<i64>,
    b: Vec<i64>,
    near: Vec<bool>,
}

/// Row-wise sums over `[x − r, x + r]` (clipped) of `v` on a `w`-wide grid, into
/// `out` (same size).
pub(super) fn row_sums(v: &[i64], w: usize, r: usize, out: &mut Vec<i64>) {
    out.clear();
    out.resize(v.len(), 0);
    for (src, dst) in v.chunks_exact(w).zip(out.chunks_exact_mut(w)) {
        let mut sum: i64 = src[..r.min(w)].iter().sum();
        for x in 0..w {
            if x + r < w {
                sum += src[x + r];
            }
            if x > r {
                sum -= src[x - r - 1];
            }
            dst[x] = sum;
        }
    }
}

/// Calls `each(y, sums)` for every row `y` of an `h`-row grid with the window sums
/// over rows `[y − r, y + r]` (clipped) of the row-wise sums `rows[k]`.
pub(super) fn column_sums<const K: usize>(
    rows: &[Vec<i64>],
    acc: &mut [Vec<i64>],
    w: usize,
    h: usize,
    r: usize,
    mut each: impl FnMut(usize, [&[i64]; K]),
) {
    for a in acc.iter_mut().take(K) {
        a.clear();
        a.resize(w, 0);
    }
    let add = |acc: &mut [Vec<i64>], y: usize, sign: i64| {
        for k in 0..K {
            for (a, v) in acc[k].iter_mut().zip(&rows[k][y * w..(y + 1) * w]) {
                *a += sign * v;
            }
        }
    };
    for y in 0..r.min(h) {
        add(acc, y, 1);
    }
    for y in 0..h {
        if y + r < h {
            add(acc, y + r, 1);
        }
        if y > r {
            add(acc, y - r - 1, -1);
        }
        each(y, std::array::from_fn(|k| &acc[k][..]));
    }
}

/// Fixed-point scale of the guide and the raw mask.
pub(super) const FIX: f32 = 4096.0;
pub(super) const FIX64: f64 = FIX as f64;
/// Fixed-point scale of the filter's per-window coefficients.
const FIX_AB: f64 = 1_048_576.0;

/// The mean over `[x − r, x + r] × [y − r, y + r]` (clipped) of `v` on a `bw` × `bh`
/// grid.
pub(super) fn box_means(v: &[i64], bw: usize, bh: usize, r: usize, s: &mut Scratch) -> Vec<f32> {
    let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f32;
    row_sums(v, bw, r, &mut s.rows[0]);
    let mut out = Vec::with_capacity(bw * bh);
    column_sums::<1>(&s.rows, &mut s.acc, bw, bh, r, |y, [sum]| {
        let cy = count(y, bh);
        for (x, v) in sum.iter().enumerate() {
            out.push(*v as f32 / (cy * count(x, bw)));
        }
    });
    out
}

/// The guided filter (He, Sun and Tang) of `p` steered by `guide` (both fixed point,
/// [`FIX`]) on a `bw` × `bh` grid with radius `r`, into `out`, clamped to 0..1;
/// exactly zero where no `p` within `r` is above zero.
pub(super) fn guided(
    guide: &[i64],
    p: &[i64],
    (bw, bh): (usize, usize),
    r: usize,
    eps: f64,
    s: &mut Scratch,
    out: &mut Vec<f32>,
) {
    // Window sizes, clipped at the grid's edges.
    let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f64;
    let inv_x: Vec<f64> = (0..bw).map(|x| 1.0 / count(x, bw)).collect();
    let inv_y: Vec<f64> = (0..bh).map(|y| 1.0 / count(y, bh)).collect();
    s.products[0].clear();
    s.products[0].extend(guide.iter().map(|v| v * v));
    s.products[1].clear();
    s.products[1].extend(guide.iter().zip(p).map(|(v, q)| v * q));
    row_sums(guide, bw, r, &mut s.rows[0]);
    row_sums(p, bw, r, &mut s.rows[1]);
    row_sums(&s.products[0], bw, r, &mut s.rows[2]);
    row_sums(&s.products[1], bw, r, &mut s.rows[3]);
    // Per window: p ≈ a·I + b.
    let (a, b, near) = (&mut s.a, &mut s.b, &mut s.near);
    a.clear();
    b.clear();
    near.clear();
    column_sums::<4>(&s.rows, &mut s.acc, bw, bh, r, |y, [si, sp, sii, sip]| {
        for x in 0..bw {
            let k = inv_x[x] * inv_y[y] / FIX64;
            let (mi, mp) = (si[x] as f64 * k, sp[x] as f64 * k);
            let var = (sii[x] as f64 * k / FIX64 - mi * mi).max(0.0);
            let cov = sip[x] as f64 * k / FIX64 - mi * mp;
            let ax = cov / (var + eps);
            a.push((ax * FIX_AB) as i64);
            b.push(((mp - ax * mi) * FIX_AB) as i64);
            near.push(sp[x] > 0);
        }
    });
    row_sums(a, bw, r, &mut s.rows[0]);
    row_sums(b, bw, r, &mut s.rows[1]);
    out.clear();
    let near = &s.near;
    column_sums::<2>(&s.rows, &mut s.acc, bw, bh, r, |y, [sa, sb]| {
        for x in 0..bw {
            let i = y * bw + x;
            // Exactly zero where nothing within r counts: the backdrop and clothing
            // stay untouched.
            if !near[i] {
                out.push(0.0);
                continue;
            }
            let k = inv_x[x] * inv_y[y] / FIX_AB;
            let q = sa[x] as f64 * k * guide[i] as f64 / FIX64 + sb[x] as f64 * k;
            out.push(q.clamp(0.0, 1.0) as f32);
        }
    });
}
