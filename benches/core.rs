//! Native benchmarks of the core stages (criterion) at about 1 and 12 megapixels, on
//! a full-scalp design (the head spans 60 % of the photo's width):
//! `cargo bench --bench core` (part of `npm run bench`).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{BenchmarkId, Criterion, criterion_group};
    use smp_preview::{
        Area, Design, Frame, HeadFrame, Renderer, Rgba8, ScaleMethod, SkinMask, SkinModel,
        Template, composite, filter_radius, generate_samples, levels_for, place_impressions,
        window_for,
    };

    const SIZES: [(&str, u32, u32); 2] = [("1MP", 1200, 860), ("12MP", 4000, 3000)];

    fn design(w: u32, h: u32) -> Design {
        let head = HeadFrame::new(
            f64::from(w) / 2.0,
            f64::from(h) * 0.62,
            f64::from(w) * 0.6 / 15.0,
            ScaleMethod::Default,
        );
        Template::SoftNatural.design_in(w, h, &head)
    }

    fn photo(w: u32, h: u32) -> Rgba8 {
        let mut img = Rgba8::filled(w, h, [214, 170, 140, 255]).unwrap();
        let mut seed = 12345u32;
        for px in img.data_mut().chunks_mut(4) {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let n = ((seed >> 16) & 15) as u8;
            px[0] = px[0].wrapping_add(n);
            px[1] = px[1].wrapping_add(n);
        }
        img
    }

    fn stages(c: &mut Criterion) {
        for (name, w, h) in SIZES {
            let d = design(w, h);
            let frame = Frame::new(&d, w, h);
            let area = Area::new(&d, &frame);
            let window = window_for(area.bounds());
            let levels = levels_for(d.density);
            let points = generate_samples(d.seed, window, levels);
            let scene = Renderer::new().scene(&d, w, h).unwrap();
            let splats = scene.splats(70.0);
            let img = photo(w, h);

            let mut g = c.benchmark_group("core");
            g.sample_size(20);
            g.bench_function(BenchmarkId::new("placement", name), |b| {
                b.iter(|| generate_samples(d.seed, window, levels))
            });
            g.bench_function(BenchmarkId::new("area", name), |b| {
                b.iter(|| place_impressions(&d, &Area::new(&d, &frame), &points, None))
            });
            g.bench_function(BenchmarkId::new("fade", name), |b| {
                b.iter(|| scene.splats(700.0))
            });
            g.bench_function(BenchmarkId::new("compositing", name), |b| {
                b.iter_batched_ref(
                    || img.clone(),
                    |out| composite(out, &splats, scene.tint(70.0)),
                    criterion::BatchSize::LargeInput,
                )
            });
            let model = SkinModel::from_rgb([214, 170, 140]).unwrap();
            let extent = scene.extent().unwrap();
            let radius = filter_radius(f64::from(w) * 0.6 / 150.0);
            g.bench_function(BenchmarkId::new("skin mask (area)", name), |b| {
                b.iter(|| SkinMask::compute(img.data(), w, h, &model, extent, radius))
            });
            g.bench_function(BenchmarkId::new("frame-copy (floor)", name), |b| {
                b.iter(|| img.clone())
            });
            g.finish();
        }
    }

    criterion_group!(benches, stages);
}
