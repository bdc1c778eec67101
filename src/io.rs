//! Reading and writing image files (native builds only; in the browser the page
//! decodes photos itself). JPEG, PNG and WebP are read, EXIF orientation is applied,
//! and sizes are checked before any pixel buffer is allocated.

use std::fmt;
use std::fs;
use std::io::{BufWriter, Cursor, Write};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::raster::{self, Rgba8};

/// A file that could not be read or written, with a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoError(pub String);

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IoError {}

/// Reads the photo at `path`.
pub fn load(path: &Path) -> Result<Rgba8, IoError> {
    let name = path.display();
    let bytes = fs::read(path).map_err(|e| IoError(format!("cannot read {name}: {e}")))?;
    decode(&bytes).map_err(|IoError(m)| IoError(format!("{name}: {m}")))
}

/// Decodes a JPEG, PNG or WebP file held in memory, upright (EXIF orientation applied).
pub fn decode(bytes: &[u8]) -> Result<Rgba8, IoError> {
    if bytes.is_empty() {
        return Err(IoError("the file is empty".into()));
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| IoError(format!("cannot read the file: {e}")))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => {
            return Err(IoError(format!(
                "{other:?} images are not supported; use JPEG, PNG or WebP"
            )));
        }
        None => {
            return Err(IoError(
                "not an image (expected a JPEG, PNG or WebP file)".into(),
            ));
        }
    }
    if reader.format() == Some(ImageFormat::Jpeg) && !jpeg_is_complete(bytes) {
        // The JPEG decoder fills a missing end with grey rather than failing; a photo
        // cut short (an interrupted download or copy) is refused instead.
        return Err(IoError(
            "the JPEG file is cut short (its end is missing): the photo is incomplete".into(),
        ));
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| IoError(format!("the image is damaged or unreadable: {e}")))?;
    let (w, h) = decoder.dimensions();
    raster::check_size(w, h).map_err(|e| IoError(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(raster::MAX_SIDE);
    limits.max_image_height = Some(raster::MAX_SIDE);
    limits.max_alloc = Some(raster::MAX_PIXELS * 8);
    decoder
        .set_limits(limits)
        .map_err(|e| IoError(format!("the image is too large: {e}")))?;
    let orientation = decoder
        .orientation()
        .map_err(|e| IoError(format!("the image's metadata is damaged: {e}")))?;
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| IoError(format!("the image is damaged or unreadable: {e}")))?;
    img.apply_orientation(orientation);
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    Rgba8::from_vec(w, h, rgba.into_raw()).map_err(|e| IoError(e.to_string()))
}

/// Whether a JPEG file's marker structure runs to its end-of-image marker: every
/// segment's length fits in the file and each scan's entropy-coded data ends at a
/// marker. Extra bytes after the end (some cameras append data) are allowed.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return false;
    }
    let mut i = 2;
    loop {
        // Fill bytes (0xFF) may come before a marker.
        while i < bytes.len() && bytes[i] == 0xFF && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if i + 1 >= bytes.len() || bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                if i + 3 >= bytes.len() {
                    return false;
                }
                let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
                if len < 2 {
                    return false;
                }
                i += 2 + len;
                if i > bytes.len() {
                    return false;
                }
                if marker == 0xDA {
                    // Entropy-coded data: runs to the next marker that is neither a
                    // stuffed zero nor a restart marker.
                    loop {
                        match bytes[i..].iter().position(|&b| b == 0xFF) {
                            None => return false,
                            Some(k) => i += k,
                        }
                        match bytes.get(i + 1) {
                            None => return false,
                            Some(0x00 | 0xD0..=0xD7 | 0xFF) => i += 1,
                            Some(_) => break,
                        }
                    }
                }
            }
        }
    }
}

/// Encodes `img` as PNG.
pub fn encode_png(img: &Rgba8) -> Result<Vec<u8>, IoError> {
    let mut out = Vec::new();
    image::write_buffer_with_format(
        &mut Cursor::new(&mut out),
        img.data(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgba8,
        ImageFormat::Png,
    )
    .map_err(|e| IoError(format!("cannot encode PNG: {e}")))?;
    Ok(out)
}

/// Writes `img` as a PNG at `path`, atomically: the image goes to a temporary file
/// beside it, renamed into place only once complete, so a failure never leaves a
/// broken file behind.
pub fn save_png(path: &Path, img: &Rgba8) -> Result<(), IoError> {
    let bytes = encode_png(img)?;
    write_atomically(path, &bytes)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let name = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| IoError(format!("{name} is not a file name")))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = fs::File::create(&tmp)?;
        let mut w = BufWriter::new(file);
        w.write_all(bytes)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        IoError(format!("cannot write {name}: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    #[test]
    fn whole_jpegs_are_complete_and_cut_ones_are_not() {
        for name in [
            "www/demo/astronaut.jpg",
            "www/demo/bald-head-front.jpg",
            "tests/fixtures/head-exif-rot6.jpg",
        ] {
            let bytes = fixture(name);
            assert!(jpeg_is_complete(&bytes), "{name}");
            // Data after the end (some cameras append some) is fine.
            let mut more = bytes.clone();
            more.extend_from_slice(b"trailer");
            assert!(jpeg_is_complete(&more), "{name}");
            for cut in [bytes.len() - 2, bytes.len() / 2, 700, 3] {
                assert!(!jpeg_is_complete(&bytes[..cut]), "{name} cut at {cut}");
            }
        }
    }

    #[test]
    fn a_cut_jpeg_is_refused_not_filled_with_grey() {
        let bytes = fixture("www/demo/astronaut.jpg");
        let e = decode(&bytes[..bytes.len() * 2 / 3]).unwrap_err();
        assert!(e.0.contains("cut short"), "{e}");
        assert!(decode(&bytes).is_ok());
    }
}
