//! `smp-render`: renders an SMP design onto a photo from the command line.
//!
//! Exit status: 0 on success, 2 for a wrong command line, 1 for anything else (an
//! unreadable photo or design, an impossible value, a file that cannot be written).
//! Every failure prints one line on stderr and leaves no output file behind.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use smp_preview::{
        Design, HORIZON_DAYS, HeadFrame, HeadPose, MaskGrid, Photo, PhotoFit, PhotoPriors,
        PixelRect, Renderer, Rgba8, Scene, SkinCache, Template, io, strip, visibility_curve,
    };

    const USAGE: &str = "\
Usage:
  smp-render PHOTO --out OUT.png [--design DESIGN.json | --template NAME] [--days N]
  smp-render PHOTO --strip OUT.png --days 0,42,365,730,1825 [--design … | --template …]
  smp-render PHOTO --mask MASK.png [--design … | --template …]   (where skin is visible)
  smp-render [PHOTO] --curve [--design … | --template …]      (CSV: day,visibility,topup)
  smp-render --print-design [--template NAME] [--width W --height H] [--head X,Y,S[,W,T,C[,F[,R,H]]]]
  smp-render PHOTO --fit [--template NAME] [--flat] (--print-design | --print-fit
             | --out OUT.png | --strip OUT.png --days … | --mask MASK.png)
  smp-render --list-templates

Reads JPEG, PNG and WebP photos (EXIF orientation honoured) and writes PNG.
--days counts from the first session (default: the healed day, six weeks after the
design's last session: day 70 for the templates' sessions on days 0, 14 and 28).
Without --design the template (default soft-natural) is laid out for the photo,
on the head given by --head CENTER_X,BROW_Y,PX_PER_CM (pixels;
optionally the head's outline in cm as seen: HALF_WIDTH,TOP,WIDEST above the brows,
then a vertical FORESHORTENING, then ROLL degrees and a HAIRLINE width factor) or on
a guess of a centred portrait. --fit finds the face and the person in the photo
instead: scale from the eyes, roll and proportions from the face, the head's outline
from the silhouette, the client's own hairline kept where hair stands, pigment only
on bare scalp (never on hair, background or clothing); a photo without a face (from
above, behind or the side) is fitted from the head's width (about 15.5 cm across)
and the design covers the bare scalp seen. Exit 1 only when no person is in the
photo. --print-fit prints what the fit found as one line of JSON. With a face, the
impressions sit on the head's surface (its pose from the face mesh): denser and
flattened where the scalp turns away, fading at the head's outline; --flat draws them
flat on the picture instead, to compare.";

    /// A failure: the message and the exit status.
    struct Failure(String, u8);

    fn usage(msg: impl Into<String>) -> Failure {
        Failure(format!("{} (see smp-render --help)", msg.into()), 2)
    }

    fn fail(msg: impl Into<String>) -> Failure {
        Failure(msg.into(), 1)
    }

    #[derive(Default)]
    struct Args {
        photo: Option<PathBuf>,
        out: Option<PathBuf>,
        strip: Option<PathBuf>,
        mask: Option<PathBuf>,
        design: Option<PathBuf>,
        template: Option<String>,
        days: Option<Vec<f64>>,
        curve: bool,
        print_design: bool,
        print_fit: bool,
        fit: bool,
        flat: bool,
        list_templates: bool,
        width: Option<u32>,
        height: Option<u32>,
        head: Option<HeadFrame>,
    }

    fn parse_head(text: &str) -> Result<HeadFrame, Failure> {
        let v: Vec<f64> = text
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                usage(format!(
                    "--head: `{text}` is not a list of numbers; {}",
                    HeadFrame::NUMBERS_HELP
                ))
            })?;
        HeadFrame::from_numbers(&v).map_err(|e| usage(format!("--head: `{text}`: {e}")))
    }

    fn parse_days(text: &str) -> Result<Vec<f64>, Failure> {
        text.split(',')
            .map(|part| {
                let part = part.trim();
                let day: f64 = part
                    .parse()
                    .map_err(|_| usage(format!("--days: `{part}` is not a number of days")))?;
                if !day.is_finite() || !(0.0..=HORIZON_DAYS).contains(&day) {
                    return Err(usage(format!(
                        "--days: {part} is outside 0..{HORIZON_DAYS:.0} (ten years)"
                    )));
                }
                Ok(day)
            })
            .collect()
    }

    fn parse_size(flag: &str, text: &str) -> Result<u32, Failure> {
        match text.parse::<u32>() {
            Ok(v) if (1..=smp_preview::MAX_SIDE).contains(&v) => Ok(v),
            _ => Err(usage(format!(
                "{flag}: `{text}` must be a whole number of pixels from 1 to {}",
                smp_preview::MAX_SIDE
            ))),
        }
    }

    fn parse() -> Result<Args, Failure> {
        use lexopt::prelude::*;
        let mut args = Args::default();
        let mut parser = lexopt::Parser::from_env();
        let value = |parser: &mut lexopt::Parser, flag: &str| -> Result<String, Failure> {
            parser
                .value()
                .map_err(|_| usage(format!("{flag} needs a value")))?
                .into_string()
                .map_err(|_| usage(format!("{flag}: the value is not valid text")))
        };
        while let Some(arg) = parser.next().map_err(|e| usage(e.to_string()))? {
            match arg {
                Long("out") | Short('o') => args.out = Some(value(&mut parser, "--out")?.into()),
                Long("strip") => args.strip = Some(value(&mut parser, "--strip")?.into()),
                Long("mask") => args.mask = Some(value(&mut parser, "--mask")?.into()),
                Long("design") | Short('d') => {
                    args.design = Some(value(&mut parser, "--design")?.into())
                }
                Long("template") | Short('t') => {
                    args.template = Some(value(&mut parser, "--template")?)
                }
                Long("days") => args.days = Some(parse_days(&value(&mut parser, "--days")?)?),
                Long("width") => {
                    args.width = Some(parse_size("--width", &value(&mut parser, "--width")?)?)
                }
                Long("height") => {
                    args.height = Some(parse_size("--height", &value(&mut parser, "--height")?)?)
                }
                Long("head") => args.head = Some(parse_head(&value(&mut parser, "--head")?)?),
                Long("curve") => args.curve = true,
                Long("print-design") => args.print_design = true,
                Long("print-fit") => args.print_fit = true,
                Long("fit") => args.fit = true,
                Long("flat") => args.flat = true,
                Long("list-templates") => args.list_templates = true,
                Long("help") | Short('h') => {
                    println!("{USAGE}");
                    std::process::exit(0);
                }
                Long("version") | Short('V') => {
                    println!("smp-render {}", env!("CARGO_PKG_VERSION"));
                    std::process::exit(0);
                }
                Value(v) if args.photo.is_none() => args.photo = Some(v.into()),
                Value(v) => {
                    return Err(usage(format!(
                        "unexpected argument `{}`",
                        v.to_string_lossy()
                    )));
                }
                other => return Err(usage(other.unexpected().to_string())),
            }
        }
        Ok(args)
    }

    fn template(name: Option<&str>) -> Result<Template, Failure> {
        let name = name.unwrap_or("soft-natural");
        Template::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
            usage(format!(
                "unknown template `{name}`; choose one of {}",
                names.join(", ")
            ))
        })
    }

    fn read_design(path: &Path) -> Result<Design, Failure> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read design {}: {e}", path.display())))?;
        if text.trim().is_empty() {
            return Err(fail(format!("design {} is empty", path.display())));
        }
        Design::from_json(&text).map_err(|e| fail(format!("{}: {e}", path.display())))
    }

    fn same_file(a: &Path, b: &Path) -> bool {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        }
    }

    fn run(args: Args) -> Result<(), Failure> {
        if args.list_templates {
            // One line each: name, application, description, tab-separated.
            for t in Template::ALL {
                println!(
                    "{}\t{}\t{}",
                    t.name(),
                    t.application().id(),
                    t.description()
                );
            }
            return Ok(());
        }
        if args.design.is_some() && (args.template.is_some() || args.head.is_some() || args.fit) {
            return Err(usage("give --design or --template/--head/--fit, not both"));
        }
        if args.fit && args.head.is_some() {
            return Err(usage("give --fit or --head, not both"));
        }
        if args.fit {
            return run_fit(&args);
        }
        if args.print_design {
            if args.photo.is_some() || args.out.is_some() || args.strip.is_some() {
                return Err(usage(
                    "--print-design takes only --template, --width and --height",
                ));
            }
            let (w, h) = (args.width.unwrap_or(1200), args.height.unwrap_or(1600));
            let t = template(args.template.as_deref())?;
            let head = args.head.unwrap_or_else(|| HeadFrame::guess(w, h));
            println!("{}", t.design_in(w, h, &head).to_json());
            return Ok(());
        }
        if args.width.is_some() || args.height.is_some() {
            return Err(usage("--width and --height go with --print-design"));
        }
        if args.curve && args.photo.is_none() {
            let design = match &args.design {
                Some(p) => read_design(p)?,
                None => template(args.template.as_deref())?.design(1200, 1600),
            };
            print_curve(&design);
            return Ok(());
        }
        let Some(photo_path) = args.photo.as_deref() else {
            return Err(usage("no photo given"));
        };
        if args.out.is_none() && args.strip.is_none() && args.mask.is_none() && !args.curve {
            return Err(usage(
                "say where to write the result with --out, --strip or --mask",
            ));
        }
        let days = check_outputs(&args, photo_path)?;
        // Read the design before the photo: a bad design fails fast.
        let design_file = args.design.as_deref().map(read_design).transpose()?;
        let photo = io::load(photo_path).map_err(|e| fail(e.to_string()))?;
        let design = match design_file {
            Some(d) => d,
            None => {
                let (w, h) = (photo.width(), photo.height());
                let head = args.head.unwrap_or_else(|| HeadFrame::guess(w, h));
                template(args.template.as_deref())?.design_in(w, h, &head)
            }
        };
        if args.curve {
            print_curve(&design);
        }
        render_outputs(
            &args,
            &photo,
            &design,
            days.as_deref(),
            &PhotoPriors::default(),
        )
    }

    /// Checks the output paths (PNG files, never the photo itself) and the days;
    /// returns the days to render (`None`: the design's healed day).
    fn check_outputs(args: &Args, photo_path: &Path) -> Result<Option<Vec<f64>>, Failure> {
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
    fn render_outputs(
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
            let composed =
                strip::compose(&panels).ok_or_else(|| fail("cannot compose the strip"))?;
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

    /// `--fit`: finds the face and the person on the photo, analyses hair and bare
    /// scalp, lays the template out on the head (on the face, keeping the client's
    /// own hairline where hair stands; without a face, over the bare scalp seen),
    /// then prints the design and/or renders it with pigment only on bare scalp.
    fn run_fit(args: &Args) -> Result<(), Failure> {
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
        v["ms"] = serde_json::json!({ "face": ms(times[0]), "segment": ms(times[1]), "fit": ms(times[2]) });
        v.to_string()
    }

    fn print_curve(design: &Design) {
        println!("day,visibility,topup");
        for p in visibility_curve(design, HORIZON_DAYS, 7.0) {
            println!("{:.1},{:.4},{}", p.day, p.visibility, u8::from(p.topup));
        }
    }

    pub fn main() -> ExitCode {
        std::panic::set_hook(Box::new(|info| {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            eprintln!("smp-render: internal error: {msg}");
        }));
        match parse().and_then(run) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure(msg, code)) => {
                eprintln!("smp-render: {msg}");
                ExitCode::from(code)
            }
        }
    }
}
