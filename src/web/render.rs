//! Drawing at the JavaScript boundary: the whole frame (`render`), the changed region
//! (`renderRegion`), the full-size original in place (`renderOnto`), and what a frame
//! shows: `treatedBox`, `hairlinePaths`, `skinFound`, `impressionCount`.

use js_sys::Uint8ClampedArray;
use wasm_bindgen::prelude::*;
use web_sys::ImageData;

use super::{Previewer, js_err, to_js};

#[wasm_bindgen]
impl Previewer {
    /// Renders the photo with the design as it looks on `day` (0 = the first
    /// session) and returns the pixels as a new `ImageData`.
    pub fn render(&mut self, day: f64) -> Result<ImageData, JsError> {
        let (w, h) = (self.width(), self.height());
        let pixels = self.pixels(day)?;
        ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, w, h)
            .map_err(|_| JsError::new("the browser refused to create the image"))
    }

    /// Renders only the part of the photo pigment touches on `day`, joined with the
    /// rectangle `(x, y, width, height)` drawn last time (width 0: none). Returns
    /// `{ x, y, image }` to draw over the previous frame at `(x, y)`, or `null` when
    /// nothing needs drawing. Much less copying than `render` on large photos.
    #[wasm_bindgen(js_name = renderRegion)]
    pub fn render_region(
        &mut self,
        day: f64,
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    ) -> Result<JsValue, JsError> {
        let include = (width > 0 && height > 0).then_some(crate::raster::PixelRect {
            x,
            y,
            width,
            height,
        });
        self.scene()?;
        let (Some(scene), Some(photo)) = (&self.scene, &self.photo) else {
            return Err(JsError::new("no photo yet: call setPhoto first"));
        };
        let Some((rect, pixels)) = scene
            .render_region(photo, day, include, &mut self.skin)
            .map_err(js_err)?
        else {
            return Ok(JsValue::NULL);
        };
        let image = ImageData::new_with_js_u8_clamped_array_and_sh(
            &Uint8ClampedArray::from(pixels.data()),
            rect.width,
            rect.height,
        )
        .map_err(|_| JsError::new("the browser refused to create the image"))?;
        let out = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v);
        set("x", &rect.x.into())
            .and_then(|_| set("y", &rect.y.into()))
            .and_then(|_| set("image", &image))
            .map_err(|_| JsError::new("internal: cannot build the result"))?;
        Ok(out.into())
    }

    /// Renders the current design onto another copy of the photo, e.g. the
    /// full-resolution original while the previewer holds a preview: `rgba` is
    /// replaced by the result, in place. The design scales with the image.
    #[wasm_bindgen(js_name = renderOnto)]
    pub fn render_onto(
        &mut self,
        rgba: &mut [u8],
        width: u32,
        height: u32,
        day: f64,
    ) -> Result<(), JsError> {
        // In place: the photo is not copied again inside wasm. The skin mask is the
        // preview's (with the fit's maps in it), carried over to the full size along
        // the original's own edges: what the frames showed, at a fraction of the cost.
        self.with_full_size(width, height, |scene, preview, pixels, skin| {
            scene.render_pixels_from_preview(rgba, day, preview, pixels, skin)
        })
    }

    /// Where pigment can land on any day, in the current photo's pixels:
    /// `[x, y, width, height]`, the impressions' box grown by the few millimetres a
    /// mark, its halo or a blow-out reaches, clipped to the photo (the rectangle the
    /// renderer itself works in). `null` without a photo or without impressions (an
    /// empty area, density 0). The page frames its saved pictures on it.
    #[wasm_bindgen(js_name = treatedBox)]
    pub fn treated_box(&mut self) -> Result<JsValue, JsError> {
        if self.photo.is_none() {
            return Ok(JsValue::NULL);
        }
        match self.scene()?.extent() {
            Some(r) => to_js(&[r.x, r.y, r.width, r.height]),
            None => Ok(JsValue::NULL),
        }
    }

    /// The hairline and scalp outline as SVG path data in the current photo's pixels:
    /// `{ front, outline }` (empty strings where there is none).
    #[wasm_bindgen(js_name = hairlinePaths)]
    pub fn hairline_paths(&self) -> Result<JsValue, JsError> {
        let p = self.photo()?;
        let paths = crate::area::hairline_paths(&self.design, p.width(), p.height());
        #[derive(serde::Serialize)]
        struct Paths {
            front: String,
            outline: String,
        }
        to_js(&Paths {
            front: paths.front,
            outline: paths.outline,
        })
    }

    /// Whether the skin mask found the skin's colour on the current photo at the last
    /// frame: `true` or `false`, or `null` when the design's mask is off.
    #[wasm_bindgen(js_name = skinFound)]
    pub fn skin_found(&self) -> JsValue {
        if !self.design.skin_mask {
            return JsValue::NULL;
        }
        JsValue::from_bool(self.skin.model().is_some())
    }

    /// How many impressions the design places on the current photo.
    #[wasm_bindgen(js_name = impressionCount)]
    pub fn impression_count(&mut self) -> Result<u32, JsError> {
        Ok(self.scene()?.impressions().len() as u32)
    }
}
