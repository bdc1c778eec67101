//! The output files: their checks (PNG, never the photo itself; the days a strip
//! holds), and `--out`, `--mask` and `--strip` rendered and written.

use std::path::Path;

use smp_preview::{Design, PhotoPriors, PixelRect, Renderer, Rgba8, Scene, SkinCache, io, strip};

use super::{Args, Failure, fail, usage};

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Checks the output paths (PNG files, never the photo itself) and the days;
/// returns the days to render (`None`: the design's healed day).
pub(super) fn check_outputs(args: &Args, photo_path: &Path) -> Result<Option<Vec<f64>>, Failure> {
    for out in [&args.out, &args.strip, &args.mask].into_iter().flatten() {
        if out
            .extension()
            .is_none_or(|e| !e.eq_ignore_ascii_case("png"))
        {
            return Err(usage(format!(
                "{}: the output is a PNG file (name it .png)",
                out.display()
            )));
        }
        if same_file(out, photo_path) {
            return Err(usage(format!(
                "{} would overwrite the photo",
                out.display()
            )));
        }
    }
    let days = args.days.as_deref().unwrap_or_default();
    if days.len() > 1 && args.strip.is_none() {
        return Err(usage("several --days need --strip"));
    }
    if days.len() > 12 {
        return Err(usage("a strip holds at most 12 days"));
    }
    Ok(args.days.clone())
}

/// Writes `--out`, `--mask` and `--strip` for `design` on `photo` on `days`
/// (`None`: the design's healed day).
pub(super) fn render_outputs(
    args: &Args,
    photo: &Rgba8,
    design: &Design,
    days: Option<&[f64]>,
    priors: &PhotoPriors,
) -> Result<(), Failure> {
    let scene = Renderer::new()
        .scene(design, photo.width(), photo.height())
        .map_err(|e| fail(e.to_string()))?;
    let healed = [scene.plan().healed_day()];
    let days = days.unwrap_or(&healed);
    let mut skin = SkinCache::with_priors(priors.clone());
    if let Some(out) = &args.out {
        let mut img = photo.clone();
        scene
            .render_into_with(&mut img, days[0], &mut skin)
            .map_err(|e| fail(e.to_string()))?;
        io::save_png(out, &img).map_err(|e| fail(e.to_string()))?;
    }
    if let Some(out) = &args.mask {
        let img = mask_image(&scene, photo, priors).map_err(fail)?;
        io::save_png(out, &img).map_err(|e| fail(e.to_string()))?;
    }
    if let Some(out) = &args.strip {
        let mut panels = Vec::new();
        for &day in days {
            let mut img = photo.clone();
            scene
                .render_into_with(&mut img, day, &mut skin)
                .map_err(|e| fail(e.to_string()))?;
            panels.push((img, strip::day_label(day)));
        }
        let composed = strip::compose(&panels).ok_or_else(|| fail("cannot compose the strip"))?;
        io::save_png(out, &composed).map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}

/// The skin-visibility mask of `photo` under `scene`'s design, as a grey image
/// (white: skin visible, pigment shows; black: none).
fn mask_image(scene: &Scene, photo: &Rgba8, priors: &PhotoPriors) -> Result<Rgba8, String> {
    let (w, h) = (photo.width(), photo.height());
    let all = PixelRect::whole(w, h);
    let mut cache = SkinCache::with_priors(priors.clone());
    let mask = cache
        .mask(scene, photo.data(), all)
        .ok_or("no skin colour found below the hairline (or the design's skin_mask is off)")?;
    let mut data = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        for x in 0..w {
            let v = mask.at(x, y);
            data.extend_from_slice(&[v, v, v, 255]);
        }
    }
    Rgba8::from_vec(w, h, data).map_err(|e| e.to_string())
}
