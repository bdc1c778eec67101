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
