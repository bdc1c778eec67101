// A small fixed compositing scene shared by the native tests (tests/render.rs) and the
// wasm tests (tests/web.rs), so the wasm build's SIMD path is checked against the
// same golden image as the native scalar path: a textured 96 × 64 photo with
// near-black corners (sRGB's linear toe), marks of every darkness, halos wide enough
// for the coarse grid, and fresh redness on some.

/// The photo and marks of the check scene.
pub fn composite_scene() -> (smp_preview::Rgba8, Vec<smp_preview::Splat>) {
    let (w, h) = (96u32, 64u32);
    let mut img = smp_preview::Rgba8::filled(w, h, [0, 0, 0, 255]).unwrap();
    for (i, px) in img.data_mut().chunks_exact_mut(4).enumerate() {
        let (x, y) = (i as u32 % w, i as u32 / w);
        let dark = x < 12 && y < 12;
        let base = if dark { 4 + (x + y) % 9 } else { 120 + (x * 3 + y * 5) % 110 };
        px[0] = base as u8;
        px[1] = (base * 4 / 5) as u8;
        px[2] = (base * 2 / 3) as u8;
        px[3] = 255;
    }
    let mut seed = 11u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 8) as f32 / (1 << 24) as f32
    };
    let marks = (0..90)
        .map(|i| smp_preview::Splat {
            x: -4.0 + 104.0 * next(),
            y: -4.0 + 72.0 * next(),
            sigma_major: 0.4 + 2.0 * next(),
            sigma_minor: 0.4 + 1.0 * next(),
            angle: 3.0 * next(),
            darkening: next(),
            redness: if i % 7 == 0 { 0.5 * next() } else { 0.0 },
            halo_sigma: 6.0 + 6.0 * next(),
            halo_darkening: 0.4 * next(),
        })
        .collect();
    (img, marks)
}
