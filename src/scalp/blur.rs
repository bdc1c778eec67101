//! Fast blurs of the analysis' maps: a Gaussian from three box blurs (running sums,
//! edges clamped), whatever its width.

/// A blur of a `w` × `h` map close to a Gaussian of `sigma` pixels: three box
/// blurs in each direction (running sums, so the cost does not grow with `sigma`),
/// the edges clamped.
pub(crate) fn gauss(v: &[f32], w: usize, h: usize, sigma: f32) -> Vec<f32> {
    // Three boxes of width 2r + 1 have a variance of (w² − 1) / 4.
    let r = (((4.0 * sigma * sigma + 1.0).sqrt() - 1.0) / 2.0)
        .round()
        .max(1.0) as usize;
    let mut a = v.to_vec();
    let mut out = Vec::with_capacity(w);
    for _ in 0..3 {
        for row in a.chunks_exact_mut(w) {
            box_line(row, r, &mut out);
            row.copy_from_slice(&out);
        }
    }
    let mut b = vec![0.0f32; a.len()];
    for _ in 0..3 {
        box_rows(&a, w, h, r, &mut b);
        std::mem::swap(&mut a, &mut b);
    }
    a
}

/// The mean over rows `[y − r, y + r]` (edge rows repeated) of a `w` × `h` map,
/// whole rows at a time.
fn box_rows(v: &[f32], w: usize, h: usize, r: usize, out: &mut [f32]) {
    let row = |y: isize| {
        let y = y.clamp(0, h as isize - 1) as usize;
        &v[y * w..(y + 1) * w]
    };
    let r = r as isize;
    let mut acc = vec![0.0f32; w];
    for y in -r..=r {
        for (a, x) in acc.iter_mut().zip(row(y)) {
            *a += x;
        }
    }
    let inv = 1.0 / (2 * r + 1) as f32;
    for y in 0..h as isize {
        let dst = &mut out[y as usize * w..(y as usize + 1) * w];
        for (d, a) in dst.iter_mut().zip(&acc) {
            *d = a * inv;
        }
        let (add, sub) = (row(y + r + 1), row(y - r));
        for ((a, p), m) in acc.iter_mut().zip(add).zip(sub) {
            *a += p - m;
        }
    }
}

/// The mean over `[i − r, i + r]` of a line, its ends clamped (the edge value
/// repeated).
fn box_line(line: &[f32], r: usize, out: &mut Vec<f32>) {
    let n = line.len();
    out.clear();
    let (first, last) = (line[0], line[n - 1]);
    let at = |i: usize| if i < n { line[i] } else { last };
    // The window [i − r, i + r], left of the line counted as `first`.
    let mut sum = first * r as f32 + (0..=r).map(at).sum::<f32>();
    let inv = 1.0 / (2 * r + 1) as f32;
    for i in 0..n {
        out.push(sum * inv);
        let leaving = if i >= r { line[i - r] } else { first };
        sum += at(i + r + 1) - leaving;
    }
}
