//! Templates at the JavaScript boundary: a template's design on a head frame
//! (`template`) or on a face mesh (`fitDesign`), and the list of `templates`.

use wasm_bindgen::prelude::*;

use super::{Previewer, js_err, template_named, to_js};
use crate::raster;
use crate::templates::{HeadFrame, HeadNumbers, Template};

#[wasm_bindgen]
impl Previewer {
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
}
