//! `--fit`: the face and the person found on the photo, the fit laid out from them,
//! and the one line of JSON `--print-fit` prints.

use smp_preview::{HeadPose, MaskGrid, Photo, PhotoFit, Template, io};

use super::outputs::{check_outputs, render_outputs};
use super::{Args, Failure, fail, template, usage};

/// `--fit`: finds the face and the person on the photo, analyses hair and bare
/// scalp, lays the template out on the head (on the face, keeping the client's
/// own hairline where hair stands; without a face, over the bare scalp seen),
/// then prints the design and/or renders it with pigment only on bare scalp.
pub(super) fn run_fit(args: &Args) -> Result<(), Failure> {
    let Some(photo_path) = args.photo.as_deref() else {
        return Err(usage("--fit needs a photo"));
    };
    if !args.print_design
        && !args.print_fit
        && args.out.is_none()
        && args.strip.is_none()
        && args.mask.is_none()
    {
        return Err(usage(
            "--fit goes with --print-design, --print-fit, --out, --strip or --mask",
        ));
    }
    if args.width.is_some() || args.height.is_some() || args.curve {
        return Err(usage(
            "--fit takes --template, --print-design, --print-fit, --out, --strip, --mask and --days",
        ));
    }
    let days = check_outputs(args, photo_path)?;
    let chosen = args
        .template
        .as_deref()
        .map(|t| template(Some(t)))
        .transpose()?;
    let photo = io::load(photo_path).map_err(|e| fail(e.to_string()))?;
    let (w, h) = (photo.width(), photo.height());
    let at = |e: &dyn std::fmt::Display| fail(format!("{}: {e}", photo_path.display()));
    let t0 = std::time::Instant::now();
    let found = smp_face::find_face_for_fit(photo.data(), w, h).map_err(|e| at(&e))?;
    let t_face = t0.elapsed();
    let mask = smp_face::segment_person(photo.data(), w, h).map_err(|e| at(&e))?;
    let t_segment = t0.elapsed() - t_face;
    let person =
        MaskGrid::from_model(mask.width, mask.height, mask.data, w, h).map_err(|e| at(&e))?;
    let analysed = Photo {
        pixels: photo.data(),
        width: w,
        height: h,
    };
    let face = found.as_ref().map(|f| f.landmarks.as_slice());
    let pose = found
        .as_ref()
        .and_then(|f| HeadPose::from_face(&f.landmarks, &f.depth, w, h));
    let fitted = PhotoFit::new(analysed, person, face)
        .map_err(|e| at(&e))?
        .with_pose(pose);
    let t_fit = t0.elapsed() - t_face - t_segment;
    let t = fitted.starting_template(chosen.unwrap_or(Template::SoftNatural));
    let t = chosen.unwrap_or(t);
    let mut design = fitted.design(t);
    design.flat |= args.flat;
    if args.print_design {
        println!("{}", design.to_json());
    }
    if args.print_fit {
        println!("{}", fit_summary(&fitted, t, [t_face, t_segment, t_fit]));
    }
    render_outputs(args, &photo, &design, days.as_deref(), &fitted.priors())
}

/// One line of JSON: what the fit found, the hairline's columns and the times.
fn fit_summary(f: &PhotoFit, t: Template, times: [std::time::Duration; 3]) -> String {
    let ms = |d: std::time::Duration| (d.as_secs_f64() * 1e4).round() / 10.0;
    let mut v = serde_json::to_value(f.summary(t)).unwrap_or_default();
    if let Some(h) = &f.hairline {
        v["columns"] = serde_json::json!(h.columns);
    }
    v["ms"] =
        serde_json::json!({ "face": ms(times[0]), "segment": ms(times[1]), "fit": ms(times[2]) });
    v.to_string()
}
