//! The full-resolution export at the JavaScript boundary, a band of rows at a time
//! ([`crate::export`]): the page's worker draws each band of the decoded original into
//! a small canvas, hands its pixels to [`ExportJob::band`] and collects the PNG's bytes
//! it returns; neither the whole photo's pixels nor the whole file ever sit in wasm
//! memory, which never shrinks once grown.

use wasm_bindgen::prelude::*;

use super::{Previewer, js_err};
use crate::export::{Banded, PngRows};
use crate::raster::PixelRect;

/// An export in progress: the design on one day on the full-resolution original (or a
/// crop of it), rendered and PNG-encoded band by band, top to bottom.
#[wasm_bindgen]
pub struct ExportJob {
    banded: Banded,
    crop: PixelRect,
    png: PngRows,
    /// The crop as it is, encoded too (the "before" picture), when asked for, and its
    /// bytes not yet taken.
    plain: Option<PngRows>,
    plain_bytes: Vec<u8>,
    /// The next row of the crop expected.
    next: u32,
}

#[wasm_bindgen]
impl Previewer {
    /// Starts an export of the current design on `day` onto the full-resolution
    /// original, `width` × `height`, of the photo this previewer holds at its preview
    /// size: the crop `x`, `y`, `crop_width`, `crop_height` of it (the whole photo for
    /// all of it), with the crop as it is encoded too when `before`. Then
    /// [`ExportJob::band`] for each band of rows of the crop, top to bottom.
    #[wasm_bindgen(js_name = exportBegin)]
    #[allow(clippy::too_many_arguments)]
    pub fn export_begin(
        &mut self,
        width: u32,
        height: u32,
        day: f64,
        x: u32,
        y: u32,
        crop_width: u32,
        crop_height: u32,
        before: bool,
    ) -> Result<ExportJob, JsError> {
        let crop = PixelRect {
            x,
            y,
            width: crop_width,
            height: crop_height,
        };
        if crop.area() == 0 || PixelRect::clip(crop, width, height) != Some(crop) {
            return Err(JsError::new(&format!(
                "the crop {crop_width} × {crop_height} at ({x}, {y}) is not inside \
                 the {width} × {height} photo"
            )));
        }
        let banded = self.with_full_size(width, height, |scene, preview, pixels, skin| {
            Banded::new(scene, day, preview, pixels, skin)
        })?;
        let png = PngRows::new(crop_width, crop_height).map_err(js_err)?;
        let plain = if before {
            Some(PngRows::new(crop_width, crop_height).map_err(js_err)?)
        } else {
            None
        };
        Ok(ExportJob {
            banded,
            crop,
            png,
            plain,
            plain_bytes: Vec::new(),
            next: 0,
        })
    }
}

#[wasm_bindgen]
impl ExportJob {
    /// The next band of the crop: `rgba`, whole rows of the crop's width, as they are
    /// in the original. The crop as it is goes to the "before" PNG (if asked for), the
    /// band is rendered in place and goes to the export's PNG; returns the export's
    /// PNG bytes written since the last band (all of it is theirs in order).
    pub fn band(&mut self, rgba: &mut [u8]) -> Result<Vec<u8>, JsError> {
        let row = self.crop.width as usize * 4;
        let rows = rgba.len() / row;
        if rows == 0 || rgba.len() % row != 0 || rows as u32 > self.crop.height - self.next {
            return Err(JsError::new(&format!(
                "a band of {} bytes is not whole rows of the {} rows left ({} bytes each)",
                rgba.len(),
                self.crop.height - self.next,
                row
            )));
        }
        if let Some(plain) = self.plain.as_mut() {
            let bytes = plain.push(rgba).map_err(js_err)?;
            self.plain_bytes.extend(bytes);
        }
        let win = PixelRect {
            x: self.crop.x,
            y: self.crop.y + self.next,
            width: self.crop.width,
            height: rows as u32,
        };
        self.banded.render(rgba, win).map_err(js_err)?;
        self.next += rows as u32;
        self.png.push(rgba).map_err(js_err)
    }

    /// The "before" PNG's bytes written since the last call (empty when it was not
    /// asked for).
    #[wasm_bindgen(js_name = takeBefore)]
    pub fn take_before(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.plain_bytes)
    }

    /// Whether every row of the crop has been given (both PNGs are complete).
    pub fn done(&self) -> bool {
        self.next == self.crop.height
    }
}
