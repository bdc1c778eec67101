//! The `smp-render` command: outputs (images, strips, curves, designs, masks, fits).
//! Its exit codes and one-line messages for bad input are checked in tests/cli_errors.rs.
// Native only: these tests read and write image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cli::{assert_fails, run, s, scratch, stderr};

#[test]
fn renders_a_png_of_the_same_size() {
    let dir = scratch("render");
    let out = dir.join("out.png");
    let demo = common::repo().join("www/demo/astronaut.jpg");
    let o = run(&[
        s(&demo),
        "--out",
        s(&out),
        "--template",
        "widows-peak",
        "--days",
        "0",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let img = common::load(&out);
    assert_eq!((img.width(), img.height()), (400, 512));
    assert_ne!(img, common::demo_photo());
}

#[test]
fn reads_webp_and_honours_exif_orientation() {
    let dir = scratch("formats");
    // Stored 180 × 220 with orientation 6 ("rotate 90° clockwise"): upright 220 × 180.
    for (name, size) in [
        ("head-exif-rot6.jpg", (220, 180)),
        ("head-220x180.webp", (220, 180)),
    ] {
        let out = dir.join(format!("{name}.png"));
        let o = run(&[s(&common::fixture(name)), "--out", s(&out)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let img = common::load(&out);
        assert_eq!((img.width(), img.height()), size, "{name}");
    }
    // Upright means the same picture as the PNG, up to JPEG loss: compare regions
    // away from the pigment (background, face, suit).
    let rotated = common::load(&dir.join("head-exif-rot6.jpg.png"));
    let png = common::load(&common::fixture("head-220x180.png"));
    let mean = |img: &smp_preview::Rgba8, x0: u32, y0: u32| {
        let mut sum = 0u32;
        for y in y0..y0 + 10 {
            for x in x0..x0 + 10 {
                sum += u32::from(img.pixel(x, y).unwrap()[1]);
            }
        }
        sum / 100
    };
    for (x, y) in [(5, 5), (100, 150), (55, 165)] {
        let (a, b) = (mean(&rotated, x, y), mean(&png, x, y));
        assert!(a.abs_diff(b) < 12, "region {x},{y}: {a} vs {b}");
    }
    // The check can fail: the dark collar turned 180° would land on light background.
    assert!(mean(&png, 55, 165).abs_diff(mean(&png, 155, 5)) > 40);
}

#[test]
fn renders_with_a_design_file_and_prints_designs() {
    let dir = scratch("design");
    let o = run(&[
        "--print-design",
        "--template",
        "defined",
        "--width",
        "400",
        "--height",
        "512",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let design = smp_preview::Design::from_json(&text).unwrap();
    assert_eq!(design.scale.at_width, 400);
    let path = dir.join("d.json");
    std::fs::write(&path, &text).unwrap();
    let out = dir.join("o.png");
    let demo = common::repo().join("www/demo/astronaut.jpg");
    let o = run(&[s(&demo), "--design", s(&path), "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
    let list = run(&["--list-templates"]);
    let listed = String::from_utf8(list.stdout).unwrap();
    for t in smp_preview::Template::ALL {
        assert!(listed.contains(t.name()));
    }
}

#[test]
fn writes_a_labelled_strip_and_a_curve() {
    let dir = scratch("strip");
    let out = dir.join("strip.png");
    let photo = common::fixture("head-220x180.png");
    let o = run(&[s(&photo), "--strip", s(&out), "--days", "0,42,365,730,1825"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let strip = common::load(&out);
    assert!(strip.width() > 5 * 220 && strip.height() > 180);
    let o = run(&["--curve"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("day,visibility,topup"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert!(rows.len() > 500);
    assert!(rows.iter().any(|r| r[2] == 1.0), "top-ups are marked");
    assert!(rows.iter().all(|r| (0.0..=3.0).contains(&r[1])));
}

#[test]
fn writes_the_skin_mask_and_takes_the_head_outline() {
    let dir = scratch("mask");
    let mask = dir.join("mask.png");
    let photo = common::repo().join("www/demo/bald-head-front.jpg");
    // The sample's head frame, from its one home (www/demo/samples.json).
    let h = common::sample("bald-front").head;
    let head = format!(
        "{},{},{},{},{},{},{}",
        h.center_x,
        h.brow_y,
        h.px_per_cm,
        h.shape.half_width_cm,
        h.shape.top_cm,
        h.shape.widest_cm,
        h.foreshortening
    );
    let o = run(&[s(&photo), "--mask", s(&mask), "--head", head.as_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = common::load(&mask);
    assert_eq!((m.width(), m.height()), (1334, 1600));
    // White on the scalp, black on the studio backdrop.
    assert_eq!(m.pixel(645, 200).unwrap()[0], 255);
    assert_eq!(m.pixel(60, 200).unwrap()[0], 0);
    // The outline makes the design end at the head: its top lies on the head.
    let o = run(&[
        "--print-design",
        "--width",
        "1334",
        "--height",
        "1600",
        "--head",
        &head,
    ]);
    let design: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let top = design["hairline"]["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["y"].as_f64().unwrap() * 1600.0)
        .fold(f64::INFINITY, f64::min);
    assert!(
        (60.0..=90.0).contains(&top),
        "top of the outline at y {top}"
    );
    // A malformed head is refused with one line, exit 2.
    for bad in [
        "645,700",
        "645,700,66,6.9,9.5",
        "645,700,66,6.9,2,9.5",
        "645,700,-1",
    ] {
        assert_fails(&run(&["--print-design", "--head", bad]), 2, "--head");
    }
    // With the mask off in the design, --mask says why there is no mask.
    let d = dir.join("d.json");
    let json = r#"{"version": 1, "skin_mask": false,
        "hairline": {"front": [{"x": 0.3, "y": 0.2}, {"x": 0.7, "y": 0.2}]}}"#;
    std::fs::write(&d, json).unwrap();
    assert_fails(
        &run(&[s(&photo), "--mask", s(&mask), "--design", s(&d)]),
        1,
        "skin",
    );
}

#[test]
fn the_default_day_is_the_designs_healed_day() {
    let dir = scratch("healed");
    let demo = common::repo().join("www/demo/astronaut.jpg");
    let mut design = smp_preview::Template::SoftNatural.design(400, 512);
    design.sessions.days = vec![0.0, 30.0, 90.0];
    let path = dir.join("late.json");
    std::fs::write(&path, design.to_json()).unwrap();
    let render = |days: Option<&str>| {
        let out = dir.join(format!("{}.png", days.unwrap_or("default")));
        let mut args = vec![s(&demo), "--design", s(&path), "--out", s(&out)];
        if let Some(d) = days {
            args.extend(["--days", d]);
        }
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        common::load(&out)
    };
    let default = render(None);
    // Six weeks after the last session (day 90), not the templates' day 70.
    assert_eq!(default, render(Some("132")));
    assert_ne!(default, render(Some("70")));
}

#[test]
fn lists_every_template_with_its_application_and_description() {
    let o = run(&["--list-templates"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), smp_preview::Template::ALL.len(), "{text}");
    for (line, t) in lines.iter().zip(smp_preview::Template::ALL) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields,
            [t.name(), t.application().id(), t.description()],
            "{line:?}"
        );
    }
    assert!(text.contains("norwood-7\tmale-pattern\t"), "{text}");
    // Every listed name is accepted by --template.
    for t in ["norwood-3-vertex", "female-pattern", "fue-scars"] {
        let o = run(&["--print-design", "--template", t]);
        assert!(o.status.success(), "{t}: {}", stderr(&o));
        smp_preview::Design::from_json(&String::from_utf8(o.stdout).unwrap()).unwrap();
    }
}

#[test]
fn fits_every_view_of_a_head_and_refuses_only_a_photo_of_no_one() {
    let dir = scratch("fit");
    // A crown seen from above, no face: fitted from the head's width.
    let crown = common::repo().join("tests/photos/top-crown-bald-medium-01.jpg");
    let out = dir.join("crown.png");
    let mask = dir.join("crown-mask.png");
    let o = run(&[
        s(&crown),
        "--fit",
        "--out",
        s(&out),
        "--mask",
        s(&mask),
        "--print-fit",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fit: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(fit["view"], "top-or-back");
    assert_eq!(fit["template"], "crown");
    assert_eq!(fit["scaleMethod"], "head_width");
    let (photo, render) = (common::load(&crown), common::load(&out));
    assert_eq!(
        (render.width(), render.height()),
        (photo.width(), photo.height())
    );
    assert_ne!(render, photo);
    // The mask shows the fit's maps: the wall and shirt around the head are 0.
    let m = common::load(&mask);
    assert_eq!(m.pixel(5, 630).unwrap()[0], 0, "the shirt is no skin");
    assert!(m.pixel(320, 320).unwrap()[0] > 200, "the crown is");
    // A portrait: fitted to the face, and a design printed.
    let portrait = common::repo().join("tests/photos/front-bald-light-flags-01.jpg");
    let o = run(&[s(&portrait), "--fit", "--print-design"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let design = smp_preview::Design::from_json(&String::from_utf8_lossy(&o.stdout)).unwrap();
    assert_eq!(design.scale.method, smp_preview::ScaleMethod::Landmarks);
    // A grey card: no person, exit 1, no output file.
    let grey = dir.join("grey.png");
    smp_preview::io::save_png(
        &grey,
        &smp_preview::Rgba8::filled(320, 240, [128; 4]).unwrap(),
    )
    .unwrap();
    let none = dir.join("none.png");
    let o = run(&[s(&grey), "--fit", "--out", s(&none)]);
    assert_fails(&o, 1, "no person");
    assert!(!none.exists());
}
