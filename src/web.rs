//! The JavaScript boundary (wasm32 only): a [`Previewer`] class that holds a photo
//! and a design and renders them on any day. Every method returns `Result<_, JsError>`
//! with a message for people; nothing here panics on bad input.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use js_sys::Uint8ClampedArray;
use wasm_bindgen::prelude::*;

use crate::color;
use crate::design::{Design, validate};
use crate::fit::PhotoFit;
use crate::raster::{self, Rgba8};
use crate::render::{Renderer, Scene, SkinCache};
use crate::templates::Template;

#[cfg(feature = "bench")]
mod bench;
mod export;
mod facts;
mod fit;
mod plan;
mod render;
mod templates;
pub use export::ExportJob;

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A JS `Error` the page translates: `code` names its message in the page's phrase
/// catalogue (`errors.<code>`, `www/lib/errors.js`), `message` is English for logs.
fn coded(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true)
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serializer()).map_err(js_err)
}

/// The template called `name`, or an error listing the names.
fn template_named(name: &str) -> Result<Template, JsError> {
    Template::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
        JsError::new(&format!(
            "unknown template `{name}`; choose one of {}",
            names.join(", ")
        ))
    })
}

/// The skin tone of `rgb` as the page takes it (`Previewer.suggestShade`), or `null`.
fn tone_js(rgb: [u8; 3]) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Tone {
        lightness: f64,
        ita_degrees: f64,
        skin_type: u8,
        suggested_shade: f64,
    }
    match color::skin_tone(rgb) {
        None => Ok(JsValue::NULL),
        Some(t) => to_js(&Tone {
            lightness: t.lightness,
            ita_degrees: t.ita_degrees,
            skin_type: t.skin_type,
            suggested_shade: t.suggested_shade,
        }),
    }
}

/// Holds a photo and a design; renders them on any day.
#[wasm_bindgen]
pub struct Previewer {
    renderer: Renderer,
    photo: Option<Rgba8>,
    design: Design,
    scene: Option<Scene>,
    /// The skin mask of the current photo, kept between frames.
    skin: SkinCache,
    /// How many times a scene was laid out (area, placement, impressions, plan).
    layouts: u32,
    /// The fit of the current photo (person, face, hair and bare scalp), if made.
    fit: Option<PhotoFit>,
}

impl Default for Previewer {
    fn default() -> Self {
        Self::new()
    }
}

/// Rust-only helpers.
impl Previewer {
    fn photo(&self) -> Result<&Rgba8, JsError> {
        self.photo
            .as_ref()
            .ok_or_else(|| JsError::new("no photo yet: call setPhoto first"))
    }

    /// Runs `f` with the current design laid out on a `width` × `height` copy of the
    /// photo (the full-resolution original), the preview's scene, its pixels and its
    /// skin cache: what an export needs.
    fn with_full_size<T>(
        &mut self,
        width: u32,
        height: u32,
        f: impl FnOnce(&Scene, &Scene, &[u8], &mut SkinCache) -> Result<T, crate::RenderError>,
    ) -> Result<T, JsError> {
        raster::check_size(width, height).map_err(js_err)?;
        let scene = self
            .renderer
            .scene(&self.design, width, height)
            .map_err(js_err)?;
        self.scene()?;
        let (Some(preview), Some(photo)) = (&self.scene, &self.photo) else {
            return Err(JsError::new("no photo yet: call setPhoto first"));
        };
        f(&scene, preview, photo.data(), &mut self.skin).map_err(js_err)
    }

    /// The scene for the current photo and design, built on first use.
    fn scene(&mut self) -> Result<&Scene, JsError> {
        if self.scene.is_none() {
            let (w, h) = {
                let p = self.photo()?;
                (p.width(), p.height())
            };
            let scene = self.renderer.scene(&self.design, w, h).map_err(js_err)?;
            self.layouts += 1;
            self.scene = Some(scene);
        }
        self.scene
            .as_ref()
            .ok_or_else(|| JsError::new("internal: no scene"))
    }

    /// The whole photo with the design on `day`, as RGBA bytes.
    fn pixels(&mut self, day: f64) -> Result<Uint8ClampedArray, JsError> {
        self.scene()?;
        let (Some(scene), Some(photo)) = (&self.scene, &self.photo) else {
            return Err(JsError::new("no photo yet: call setPhoto first"));
        };
        let all = crate::raster::PixelRect::whole(photo.width(), photo.height());
        match scene
            .render_region(photo, day, Some(all), &mut self.skin)
            .map_err(js_err)?
        {
            Some((_, out)) => Ok(Uint8ClampedArray::from(out.data())),
            None => Ok(Uint8ClampedArray::from(photo.data())),
        }
    }

    fn accept(&mut self, design: Design) -> Result<(), JsError> {
        // The page sends the design with every frame: the same design keeps the
        // laid-out scene (area, impressions, plan), so a time change redraws only.
        if design == self.design {
            return Ok(());
        }
        design.validate().map_err(js_err)?;
        if let Some(p) = &self.photo {
            validate::scale_for_photo(&design, p.width(), p.height()).map_err(js_err)?;
        }
        self.design = design;
        self.scene = None;
        Ok(())
    }
}

#[wasm_bindgen]
impl Previewer {
    /// A previewer with no photo and the default design.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Previewer {
        Previewer {
            renderer: Renderer::new(),
            photo: None,
            design: Design::default(),
            scene: None,
            skin: SkinCache::new(),
            layouts: 0,
            fit: None,
        }
    }

    /// How many times a design has been laid out on a photo so far (the area, the
    /// impressions and the time plan built): a time change must not add to it.
    #[wasm_bindgen(getter)]
    pub fn layouts(&self) -> u32 {
        self.layouts
    }

    /// Sets the photo from RGBA8 bytes (`width * height * 4` of them). On error the
    /// previous photo stays.
    #[wasm_bindgen(js_name = setPhoto)]
    pub fn set_photo(&mut self, rgba: &[u8], width: u32, height: u32) -> Result<(), JsError> {
        raster::check_size(width, height).map_err(js_err)?;
        let photo = Rgba8::from_vec(width, height, rgba.to_vec()).map_err(js_err)?;
        validate::scale_for_photo(&self.design, width, height).map_err(js_err)?;
        self.photo = Some(photo);
        self.scene = None;
        self.skin = SkinCache::new();
        self.fit = None;
        Ok(())
    }

    /// Width of the current photo (0 without one).
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.photo.as_ref().map_or(0, Rgba8::width)
    }

    /// Height of the current photo (0 without one).
    #[wasm_bindgen(getter)]
    pub fn height(&self) -> u32 {
        self.photo.as_ref().map_or(0, Rgba8::height)
    }

    /// Sets the design from JSON text. On error the previous design stays.
    #[wasm_bindgen(js_name = setDesignJson)]
    pub fn set_design_json(&mut self, json: &str) -> Result<(), JsError> {
        let design = Design::from_json(json).map_err(js_err)?;
        self.accept(design)
    }

    /// The current design as a plain JS object.
    #[wasm_bindgen(js_name = getDesign)]
    pub fn get_design(&self) -> Result<JsValue, JsError> {
        to_js(&self.design)
    }

    /// The shade the current photo's skin suggests: the tone of the skin where the
    /// skin mask samples it (the forehead below the design's hairline,
    /// [`Scene::skin_patch`]), `{ lightness, itaDegrees, skinType, suggestedShade }`;
    /// `null` when no skin is found there (no hairline; hair, a hat or shadow there).
    #[wasm_bindgen(js_name = suggestShade)]
    pub fn suggest_shade(&mut self) -> Result<JsValue, JsError> {
        let Some(patch) = self.scene()?.skin_patch() else {
            return Ok(JsValue::NULL);
        };
        let photo = self.photo()?;
        match crate::skin::SkinModel::sample(photo.data(), photo.width(), photo.height(), patch) {
            Some(model) => tone_js(model.rgb()),
            None => Ok(JsValue::NULL),
        }
    }
}
