//! The JavaScript boundary (wasm32 only): a [`Previewer`] class that holds a photo
//! and a design and renders them on any day. Every method returns `Result<_, JsError>`
//! with a message for people; nothing here panics on bad input.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use js_sys::{Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::ImageData;

use crate::color;
use crate::design::{Coverage, Design, validate};
use crate::fade;
use crate::fit::PhotoFit;
use crate::grid::MaskGrid;
use crate::raster::{self, Rgba8};
use crate::render::{Renderer, Scene, SkinCache};
use crate::surface::HeadPose;
use crate::templates::{HeadFrame, HeadNumbers, Template};

mod export;
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

    /// Fits the current photo from the face module's findings: `mask` is the person
    /// segmentation (`maskWidth` × `maskHeight` bytes over the whole photo, as the
    /// face module's `segmentPerson` gives it) and `points` the face mesh (x, y pairs
    /// in the photo's pixels) or `null` when no face was found, with `depth` its
    /// points' depths (the face module's `depth`; without it designs are drawn flat,
    /// else on the head's surface, [`crate::surface`]). Analyses hair and
    /// bare scalp, keeps the result so that pigment shows only on bare scalp (in every
    /// frame and in the full-resolution export) and templates are laid out on it
    /// ([`fitTemplate`](Self::fit_template)), and returns `{ design, summary }`:
    /// template `name` laid out on the head (the crown instead for a view from above
    /// or behind), and what the fit found (`view`, `template`, `pxPerCm`,
    /// `scaleMethod`, `head`, `faceProblem`, `ownHairline`, `topHair`, `reference`).
    /// Throws an error with `code` `noPerson` ([`coded`]) when no person is in the
    /// photo; the previous fit then stays.
    #[wasm_bindgen(js_name = fitPhoto)]
    pub fn fit_photo(
        &mut self,
        mask: &[u8],
        mask_width: u32,
        mask_height: u32,
        points: Option<Vec<f32>>,
        name: &str,
        depth: Option<Vec<f32>>,
    ) -> Result<JsValue, JsValue> {
        let chosen = template_named(name)?;
        let photo = self.photo()?;
        let (w, h) = (photo.width(), photo.height());
        let person =
            MaskGrid::from_model(mask_width, mask_height, mask.to_vec(), w, h).map_err(js_err)?;
        let pairs: Option<Vec<[f32; 2]>> =
            points.map(|p| p.chunks_exact(2).map(|c| [c[0], c[1]]).collect());
        let analysed = crate::scalp::Photo {
            pixels: photo.data(),
            width: w,
            height: h,
        };
        let pose = pairs
            .as_deref()
            .zip(depth.as_deref())
            .and_then(|(p, d)| HeadPose::from_face(p, d, w, h));
        let fit = PhotoFit::new(analysed, person, pairs.as_deref())
            .map_err(|e| match e {
                crate::scalp::AnalysisError::NoPerson => {
                    coded("noPerson", "no person was found in the photo")
                }
                other => js_err(other).into(),
            })?
            .with_pose(pose);
        let template = fit.starting_template(chosen);
        #[derive(serde::Serialize)]
        struct Fitted {
            design: Design,
            summary: crate::fit::FitSummary,
        }
        let out = Fitted {
            design: fit.design(template),
            summary: fit.summary(template),
        };
        self.skin = SkinCache::with_priors(fit.priors());
        self.fit = Some(fit);
        Ok(to_js(&out)?)
    }

    /// Template `name` laid out on the current photo's fit ([`fitPhoto`](Self::fit_photo)),
    /// or `null` before a fit.
    #[wasm_bindgen(js_name = fitTemplate)]
    pub fn fit_template(&self, name: &str) -> Result<JsValue, JsError> {
        let t = template_named(name)?;
        match &self.fit {
            Some(fit) => to_js(&fit.design(t)),
            None => Ok(JsValue::NULL),
        }
    }

    /// Whether the current photo has been fitted (its pigment kept on bare scalp).
    #[wasm_bindgen(getter)]
    pub fn fitted(&self) -> bool {
        self.fit.is_some()
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

    /// The visibility curve from day 0 to `until` every `step` days: 3 numbers per
    /// point (day, visibility 0..1, 1 if a top-up happens that day else 0).
    pub fn curve(&self, until: f64, step: f64) -> Result<Float64Array, JsError> {
        if !(until.is_finite() && step.is_finite() && step >= 0.5 && until >= 0.0) {
            return Err(JsError::new(
                "curve(until, step): until ≥ 0 and step ≥ 0.5 days",
            ));
        }
        let until = until.min(fade::HORIZON_DAYS);
        let mut flat = Vec::new();
        for p in fade::curve(&self.design, until, step) {
            flat.extend_from_slice(&[p.day, p.visibility, f64::from(u8::from(p.topup))]);
        }
        Ok(Float64Array::from(&flat[..]))
    }

    /// The time plan as an object: `{ sessions, topups, relativeCost, costFraction }`:
    /// the sessions' and the top-ups' days, the top-ups' cost within the ten years as
    /// a share of the first treatment, and one top-up's share (the design's
    /// `topups.cost_fraction`: the page prices a top-up with it).
    pub fn plan(&self, today: f64) -> Result<JsValue, JsError> {
        let plan = fade::Plan::new(&self.design);
        let summary = plan.summary(today);
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct PlanJs<'a> {
            sessions: &'a [f64],
            topups: &'a [f64],
            relative_cost: f64,
            cost_fraction: f64,
        }
        to_js(&PlanJs {
            sessions: &plan.sessions,
            topups: &plan.topups,
            relative_cost: summary.relative_cost,
            cost_fraction: self.design.topups.cost_fraction,
        })
    }

    /// The design of template `name` for a `width` × `height` photo, laid out on the
    /// head frame `head` (`{ centerX, browY, pxPerCm, … }`, [`HeadNumbers`]: what a
    /// fit's summary gives, or the `demo-head` attribute's numbers named with the
    /// facts' `headFields`), else (`null`) on a guess of a centred portrait.
    pub fn template(
        name: &str,
        width: u32,
        height: u32,
        head: JsValue,
    ) -> Result<JsValue, JsError> {
        raster::check_size(width, height).map_err(js_err)?;
        let t = template_named(name)?;
        let frame = if head.is_null() || head.is_undefined() {
            HeadFrame::guess(width, height)
        } else {
            // serde_wasm_bindgen reads only the fields it knows: the others are refused here.
            let keys = js_sys::Object::keys(&head.clone().unchecked_into::<js_sys::Object>());
            if let Some(odd) = keys
                .iter()
                .filter_map(|k| k.as_string())
                .find(|k| !HeadNumbers::FIELDS.contains(&k.as_str()))
            {
                return Err(JsError::new(&format!(
                    "the head frame has no `{odd}`; its numbers are {}",
                    HeadNumbers::FIELDS.join(", ")
                )));
            }
            let numbers: HeadNumbers = serde_wasm_bindgen::from_value(head)
                .map_err(|e| JsError::new(&format!("the head frame: {e}")))?;
            numbers.frame().map_err(|e| JsError::new(&e))?
        };
        to_js(&t.design_in(width, height, &frame))
    }

    /// The engine's facts the page needs, so each has one home (here, in the Rust
    /// constants): `{ horizonDays, healedAfterDays, daysPerMonth, topupDueVisibility,
    /// maxPixels, maxHairlinePoints, pointMargin, presets, headNumbers, headFields }`.
    /// The horizon is the last day the model covers (the end of every time slider);
    /// the healed look is `healedAfterDays` after the last session; months are
    /// `daysPerMonth` long; the fade calls for a top-up at `topupDueVisibility`;
    /// photos are refused above `maxPixels`; a hairline list holds at most
    /// `maxHairlinePoints` points, each at most `pointMargin` (a fraction of the
    /// photo) outside it; `presets` maps each treatment (`shaved`, `behind_hair`,
    /// `scar`) to the `{ density, shade, dot_size_mm }` it starts from; a head frame's
    /// numbers (the `demo-head` attribute) are one of `headNumbers` of `headFields`, in
    /// that order.
    pub fn facts() -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Facts {
            horizon_days: f64,
            healed_after_days: f64,
            days_per_month: f64,
            topup_due_visibility: f64,
            max_pixels: f64,
            max_hairline_points: usize,
            point_margin: f64,
            presets: std::collections::BTreeMap<&'static str, crate::design::CoveragePreset>,
            head_numbers: [usize; 4],
            head_fields: [&'static str; 9],
        }
        to_js(&Facts {
            horizon_days: fade::HORIZON_DAYS,
            healed_after_days: fade::HEALED_AFTER_DAYS,
            days_per_month: fade::DAYS_PER_MONTH,
            topup_due_visibility: fade::TOPUP_DUE_VISIBILITY,
            max_pixels: raster::MAX_PIXELS as f64,
            max_hairline_points: crate::design::MAX_HAIRLINE_POINTS,
            point_margin: validate::POINT_MARGIN,
            presets: Coverage::ALL.iter().map(|c| (c.id(), c.preset())).collect(),
            head_numbers: HeadFrame::NUMBER_COUNTS,
            head_fields: HeadNumbers::FIELDS,
        })
    }

    /// The design of template `name` for a `width` × `height` photo laid out on the
    /// face whose 468-point mesh is `points` (x, y pairs in the photo's pixels):
    /// scale from the eyes (`scale.method` `landmarks`), roll, proportions and head
    /// outline from the face. Returns `{ design, head }` (`head`: the head frame,
    /// [`HeadNumbers`]); refuses a face too small, too tilted or
    /// turned away, with a message for people.
    #[wasm_bindgen(js_name = fitDesign)]
    pub fn fit_design(
        name: &str,
        width: u32,
        height: u32,
        points: &[f32],
    ) -> Result<JsValue, JsError> {
        raster::check_size(width, height).map_err(js_err)?;
        let t = template_named(name)?;
        let pairs: Vec<[f32; 2]> = points.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let frame = crate::fit::head_frame(&pairs).map_err(js_err)?;
        #[derive(serde::Serialize)]
        struct Fitted {
            design: crate::Design,
            head: HeadNumbers,
        }
        to_js(&Fitted {
            design: t.design_in(width, height, &frame),
            head: HeadNumbers::of(&frame),
        })
    }

    /// The templates in display order, grouped by application:
    /// `[{ name, label, application, description }]` (`application`: `hairline`,
    /// `male-pattern`, `female-pattern`, `diffuse`, `alopecia-areata` or `scar`).
    pub fn templates() -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        struct Entry {
            name: &'static str,
            label: &'static str,
            application: &'static str,
            description: &'static str,
        }
        let list: Vec<Entry> = Template::ALL
            .iter()
            .map(|t| Entry {
                name: t.name(),
                label: t.label(),
                application: t.application().id(),
                description: t.description(),
            })
            .collect();
        to_js(&list)
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

    /// Where the panels of a time strip of `count` panels `width` × `height` go:
    /// `{ panel, gap, bar, fontPx, width, height }` ([`crate::strip::Layout`], the
    /// command line's strip's too); panel `i` starts at `gap + i × (panel[0] + gap)`.
    #[wasm_bindgen(js_name = stripLayout)]
    pub fn strip_layout(width: u32, height: u32, count: u32) -> Result<JsValue, JsError> {
        to_js(&crate::strip::Layout::new(width, height, count))
    }

    /// Bytes of linear memory the wasm module holds (it grows, never shrinks).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes() -> f64 {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64
    }
}

/// Exports only the benchmark (and the wasm tests) use: built with the `bench`
/// feature (`npm run bench` builds them into `target/bench-pkg/`), never into the app.
#[cfg(feature = "bench")]
#[wasm_bindgen]
impl Previewer {
    /// Copies an RGBA frame into wasm memory and back out, and nothing else: the
    /// floor every wasm renderer pays per frame (used by the benchmark).
    #[wasm_bindgen(js_name = roundTrip)]
    pub fn round_trip(rgba: &[u8]) -> Uint8ClampedArray {
        let copy = rgba.to_vec();
        Uint8ClampedArray::from(&copy[..])
    }

    /// The marks drawn on `day`, 9 numbers each: x, y (px), σ long, σ short (px),
    /// angle (rad), darkening (0..1), redness, halo σ (px), halo darkening: what
    /// the benchmark's Canvas2D reference renderer draws.
    pub fn marks(&mut self, day: f64) -> Result<js_sys::Float32Array, JsError> {
        let splats = self.scene()?.splats(day);
        let mut flat = Vec::with_capacity(splats.len() * 9);
        for s in splats {
            flat.extend_from_slice(&[
                s.x,
                s.y,
                s.sigma_major,
                s.sigma_minor,
                s.angle,
                s.darkening,
                s.redness,
                s.halo_sigma,
                s.halo_darkening,
            ]);
        }
        Ok(js_sys::Float32Array::from(&flat[..]))
    }
}
