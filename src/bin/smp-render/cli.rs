//! The command line's core (native only): the parsed arguments, failures and their
//! exit status, the template and design a run starts from, what each command does
//! (`run`), and `main`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use smp_preview::{Design, HORIZON_DAYS, HeadFrame, PhotoPriors, Template, io, visibility_curve};

mod args;
mod fit;
mod outputs;

use args::parse;
use fit::run_fit;
use outputs::{check_outputs, render_outputs};

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
