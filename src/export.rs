//! The full-resolution export, a band of rows at a time: a phone's 48 MP photo is 192
//! MB of pixels, and a page that holds it two or three times over (the decoded photo,
//! a copy in wasm memory, a canvas to encode it from) is ended by the phone's browser.
//! [`Banded`] renders any window of the large photo from its own pixels alone (the
//! design laid out at full size, the preview's skin mask carried over to it:
//! [`crate::skin::Carrier`]); [`PngRows`] encodes rows as they come and hands back the
//! PNG's bytes so far, so neither the pixels nor the file are ever held whole in wasm.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::composite::{self, Masked, Splat, Tint};
use crate::error::RenderError;
use crate::raster::{PixelRect, check_buffer};
use crate::render::{Scene, SkinCache};
use crate::skin::Carrier;

/// A design on one day, laid out on a large copy of the preview's photo, ready to
/// render any window of it.
#[derive(Debug)]
pub struct Banded {
    width: u32,
    height: u32,
    splats: Vec<Splat>,
    tint: Tint,
    /// The skin mask over the large photo, one window at a time (`None`: pigment
    /// shows everywhere its marks fall, as with the mask off).
    carrier: Option<Carrier>,
}

impl Banded {
    /// `scene` (laid out on the large photo) on `day`, with the skin mask of
    /// `preview` (the same design on the preview, whose pixels are `preview_pixels`;
    /// `skin` caches its mask, as for the frames) carried over.
    pub fn new(
        scene: &Scene,
        day: f64,
        preview: &Scene,
        preview_pixels: &[u8],
        skin: &mut SkinCache,
    ) -> Result<Self, RenderError> {
        let (width, height) = (scene.frame().width, scene.frame().height);
        let (pw, ph) = (preview.frame().width, preview.frame().height);
        check_buffer(pw, ph, preview_pixels.len())?;
        scene.check_day(day)?;
        let splats = scene.splats(day);
        let carrier = scene.carried_mask(&splats, day, preview, preview_pixels, skin);
        Ok(Banded {
            width,
            height,
            tint: scene.tint(day),
            splats,
            carrier,
        })
    }

    /// The large photo's size.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// Renders `win` of the large photo in place: `pixels` are its RGBA8 pixels,
    /// `win.width` × `win.height`. The result is the whole photo's rendering there,
    /// whatever the windows (the marks' positions shifted by the window's offset round
    /// a few pixels to the next level).
    pub fn render(&self, pixels: &mut [u8], win: PixelRect) -> Result<(), RenderError> {
        check_buffer(win.width, win.height, pixels.len())?;
        if win.x + win.width > self.width || win.y + win.height > self.height {
            return Err(RenderError::Photo(format!(
                "the window {} × {} at ({}, {}) is outside the {} × {} photo",
                win.width, win.height, win.x, win.y, self.width, self.height
            )));
        }
        let (x, y) = (win.x as f32, win.y as f32);
        let shifted: Vec<Splat> = self
            .splats
            .iter()
            .map(|s| Splat {
                x: s.x - x,
                y: s.y - y,
                ..*s
            })
            .collect();
        let mask = self.carrier.as_ref().map(|c| c.window(pixels, win));
        let masked = mask.as_ref().map(|mask| Masked {
            mask,
            origin: (win.x, win.y),
        });
        composite::composite_pixels(pixels, win.width, win.height, &shifted, self.tint, masked);
        Ok(())
    }
}

/// Bytes written so far, shared between the compressor (which owns its writer) and
/// whoever drains them.
#[derive(Debug, Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A PNG (8-bit RGBA) encoded as its rows come: [`push`](Self::push) takes rows top to
/// bottom and returns the file's bytes since the last call. Each row is filtered with
/// PNG's *Up* filter (the difference from the row above, which a photo makes small) and
/// compressed by `fdeflate` (a DEFLATE made for filtered PNG rows: fixed codes, very
/// fast); each call's compressed bytes go out as one `IDAT` chunk. The `png` crate's
/// streaming encoder does the same but brought its general DEFLATE along: 43 KiB more
/// gzipped wasm for every visitor, for a file only an export writes.
pub struct PngRows {
    zlib: Option<fdeflate::Compressor<Sink>>,
    /// What the compressor wrote since the last call.
    sink: Sink,
    /// The file's bytes not yet handed out (signature and header at first).
    out: Vec<u8>,
    /// The previous row (zeros above the first), and the current one filtered.
    prev: Vec<u8>,
    line: Vec<u8>,
    rows_left: u32,
}

impl std::fmt::Debug for PngRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PngRows")
            .field("row_bytes", &self.prev.len())
            .field("rows_left", &self.rows_left)
            .finish()
    }
}

fn png_err(e: impl std::fmt::Display) -> RenderError {
    RenderError::Photo(format!("PNG encoding failed: {e}"))
}

/// PNG's CRC-32 (ISO-HDLC), with a one-table implementation (1 KiB; the fast ones
/// carry 16 KiB of tables into the wasm).
const CRC32: crc::Crc<u32, crc::Table<1>> =
    crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// Appends a PNG chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = CRC32.digest();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

impl PngRows {
    /// A PNG `width` × `height`; its signature and header are the first bytes
    /// [`push`](Self::push) returns.
    pub fn new(width: u32, height: u32) -> Result<Self, RenderError> {
        crate::raster::check_size(width, height)?;
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::with_capacity(13);
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        // 8 bits, RGBA, DEFLATE, adaptive filtering (one filter byte a row), no interlace.
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        let row = width as usize * 4;
        let sink = Sink::default();
        Ok(PngRows {
            zlib: Some(fdeflate::Compressor::new(sink.clone()).map_err(png_err)?),
            sink,
            out,
            prev: vec![0; row],
            line: Vec::with_capacity(row + 1),
            rows_left: height,
        })
    }

    /// Encodes the next whole rows (`rgba`, a multiple of the row's bytes; the last
    /// call finishes the file) and returns the bytes written since the last call.
    pub fn push(&mut self, rgba: &[u8]) -> Result<Vec<u8>, RenderError> {
        let row = self.prev.len();
        let rows = rgba.len() / row;
        if rgba.len() % row != 0 || rows as u64 > u64::from(self.rows_left) {
            return Err(RenderError::Photo(format!(
                "{} bytes are not whole rows of the {} rows left",
                rgba.len(),
                self.rows_left
            )));
        }
        let Some(zlib) = self.zlib.as_mut() else {
            return Err(RenderError::Photo("the PNG is already finished".into()));
        };
        for r in rgba.chunks_exact(row) {
            self.line.clear();
            self.line.push(2); // Up
            self.line
                .extend(r.iter().zip(&self.prev).map(|(a, b)| a.wrapping_sub(*b)));
            zlib.write_data(&self.line).map_err(png_err)?;
            self.prev.copy_from_slice(r);
        }
        self.rows_left -= rows as u32;
        if self.rows_left == 0 {
            if let Some(zlib) = self.zlib.take() {
                zlib.finish().map_err(png_err)?;
            }
        }
        let data = std::mem::take(&mut *self.sink.0.borrow_mut());
        if !data.is_empty() {
            chunk(&mut self.out, b"IDAT", &data);
        }
        if self.rows_left == 0 {
            chunk(&mut self.out, b"IEND", &[]);
        }
        Ok(std::mem::take(&mut self.out))
    }

    /// Whether every row has been pushed (the file is complete).
    pub fn finished(&self) -> bool {
        self.zlib.is_none()
    }
}
