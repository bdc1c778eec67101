//! The `smp-render` command on bad input: exit codes and one-line messages, no output
//! file written, and a failed write keeps the previous output.
// Native only: these tests read and write image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cli::{assert_fails, run, s, scratch};

#[test]
fn bad_input_exits_non_zero_with_one_clear_line_and_no_output_file() {
    let dir = scratch("bad");
    let out = dir.join("out.png");
    let o = |args: &[&str]| run(args);
    let demo = common::repo().join("www/demo/astronaut.jpg");

    // Photos.
    assert_fails(
        &o(&[s(&dir.join("missing.jpg")), "--out", s(&out)]),
        1,
        "cannot read",
    );
    let empty = dir.join("empty.png");
    std::fs::write(&empty, b"").unwrap();
    assert_fails(&o(&[s(&empty), "--out", s(&out)]), 1, "empty");
    let text = dir.join("notes.jpg");
    std::fs::write(&text, b"these are my notes, not a photo").unwrap();
    assert_fails(&o(&[s(&text), "--out", s(&out)]), 1, "not an image");
    let png = std::fs::read(common::fixture("head-220x180.png")).unwrap();
    let truncated = dir.join("truncated.png");
    std::fs::write(&truncated, &png[..png.len() / 3]).unwrap();
    assert_fails(&o(&[s(&truncated), "--out", s(&out)]), 1, "damaged");
    let gif = dir.join("anim.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    assert_fails(&o(&[s(&gif), "--out", s(&out)]), 1, "not supported");
    // Larger than the limit: a real PNG 30 001 pixels wide (cheap: one row).
    let wide = dir.join("wide.png");
    let img = smp_preview::Rgba8::filled(30_001, 1, [9, 9, 9, 255]);
    assert!(img.is_err(), "the buffer type refuses it too");
    image::save_buffer(
        &wide,
        &vec![9u8; 30_001 * 4],
        30_001,
        1,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    assert_fails(&o(&[s(&wide), "--out", s(&out)]), 1, "too large");

    // Designs.
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, b"{\"version\": 1, ").unwrap();
    assert_fails(
        &o(&[s(&demo), "--design", s(&bad_json), "--out", s(&out)]),
        1,
        "not a valid design",
    );
    let absurd = dir.join("absurd.json");
    std::fs::write(&absurd, br#"{"version": 1, "density": 1e9}"#).unwrap();
    assert_fails(
        &o(&[s(&demo), "--design", s(&absurd), "--out", s(&out)]),
        1,
        "`density`",
    );
    let empty_json = dir.join("empty.json");
    std::fs::write(&empty_json, b"  \n").unwrap();
    assert_fails(
        &o(&[s(&demo), "--design", s(&empty_json), "--out", s(&out)]),
        1,
        "empty",
    );
    assert_fails(
        &o(&[
            s(&demo),
            "--design",
            s(&dir.join("nope.json")),
            "--out",
            s(&out),
        ]),
        1,
        "cannot read design",
    );

    // Command lines.
    assert_fails(&o(&[s(&demo)]), 2, "--out");
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--days", "soon"]),
        2,
        "--days",
    );
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--days", "-3"]),
        2,
        "--days",
    );
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--days", "99999"]),
        2,
        "ten years",
    );
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--days", "0,10"]),
        2,
        "--strip",
    );
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--template", "mullet"]),
        2,
        "unknown template",
    );
    assert_fails(&o(&[s(&demo), "--out", s(&dir.join("out.jpg"))]), 2, ".png");
    assert_fails(&o(&[s(&demo), "--out", s(&out), "--bogus"]), 2, "--bogus");
    assert_fails(&o(&["--print-design", "--width", "0"]), 2, "--width");
    assert_fails(
        &o(&[s(&demo), "--out", s(&out), "--head", "1,2"]),
        2,
        "--head",
    );
    let copy = dir.join("photo.png");
    std::fs::write(&copy, &png).unwrap();
    assert_fails(&o(&[s(&copy), "--out", s(&copy)]), 2, "overwrite");

    // None of that left an output file, temporary or final.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("out") || n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_failed_write_keeps_the_previous_output() {
    let dir = scratch("keep");
    let out = dir.join("out.png");
    std::fs::write(&out, b"previous").unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, br#"{"version": 1, "shade": 7}"#).unwrap();
    let demo = common::repo().join("www/demo/astronaut.jpg");
    let o = run(&[s(&demo), "--design", s(&bad), "--out", s(&out)]);
    assert_fails(&o, 1, "shade");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous");
    // Writing into a folder that does not exist fails cleanly too.
    let o = run(&[s(&demo), "--out", s(&dir.join("no/such/dir/out.png"))]);
    assert_fails(&o, 1, "cannot write");
    // The write itself fails (the output's name is taken by a folder, so the finished
    // file cannot be moved into place): what stood there is intact, and no temporary
    // file is left behind.
    let taken = dir.join("taken.png");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), b"kept").unwrap();
    let o = run(&[s(&demo), "--out", s(&taken)]);
    assert_fails(&o, 1, "cannot write");
    assert_eq!(std::fs::read(taken.join("keep.txt")).unwrap(), b"kept");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_cut_short_jpeg_is_refused() {
    // Before: rendered with exit 0, the missing part decoded as grey.
    let dir = scratch("cut");
    let bytes = std::fs::read(common::repo().join("www/demo/astronaut.jpg")).unwrap();
    let cut = dir.join("cut.jpg");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = dir.join("out.png");
    let o = run(&[s(&cut), "--out", s(&out)]);
    assert_fails(&o, 1, "cut short");
    assert!(!out.exists());
}
