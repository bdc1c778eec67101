//! The command line's parsing: the usage text, the flags into [`Args`], and the checks
//! of `--head`, `--days`, `--width` and `--height` values.

use smp_preview::{HORIZON_DAYS, HeadFrame};

use super::{Args, Failure, usage};

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

pub(super) fn parse() -> Result<Args, Failure> {
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
