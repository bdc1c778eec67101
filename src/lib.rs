//! # smp-preview
//!
//! Renders scalp micropigmentation (SMP) impressions onto a photo, inside a hairline
//! and brush-painted areas, and simulates healing, fading and top-ups over the years.
//! The core is plain Rust: a photo buffer and a [`Design`] go in, an RGBA buffer comes
//! out. The same core runs natively (the `smp-render` command) and in the browser
//! (the wasm module built from [`web`](crate) on `wasm32`).
//!
//! ```
//! use smp_preview::{Rgba8, Template, render};
//! let photo = Rgba8::filled(320, 240, [205, 170, 150, 255]).unwrap();
//! let design = Template::SoftNatural.design(320, 240);
//! let healed = render(&photo, &design, 60.0).unwrap();
//! assert_ne!(healed, photo);
//! ```
//!
//! ## Module map
//!
//! | module | holds |
//! |---|---|
//! | [`design`] | the versioned design (serde): hairline, strokes, density, size, shade, sessions, scale, aftercare, top-ups |
//! | [`validate`] | range checks that name the offending field |
//! | [`templates`] | named hairline styles and presets, laid out from a head frame |
//! | [`geometry`] | smooth curves through control points, polylines, polygons (mm) |
//! | [`area`] | the treated area as a density field with a soft, irregular hairline edge |
//! | [`placement`] | progressive blue-noise sample positions, stable under edits |
//! | [`impressions`] | which samples become impressions, their size, shape, tone and sessions |
//! | [`fit`] | face landmarks → head frame: scale, roll, proportions, head outline |
//! | [`fade`] | healing, long-term fading, top-ups and visibility over time |
//! | [`composite`] | soft marks composited into the photo in linear light |
//! | [`render`] | the pipeline and its cache: design → scene → pixels |
//! | [`skin`] | where skin is visible: the per-pixel mask that keeps pigment off background and hair |
//! | [`color`] | sRGB ↔ linear tables; skin tone and shade suggestion |
//! | [`raster`] | the RGBA8 photo buffer and size limits |
//! | [`error`] | error types |
//! | `io` | (native only) reading and writing image files |
//! | `web` | (wasm only) the JavaScript boundary |

pub mod appearance;
pub mod area;
pub mod color;
pub mod composite;
pub mod design;
pub mod error;
pub mod fade;
pub mod fit;
pub mod geometry;
pub mod impressions;
#[cfg(not(target_arch = "wasm32"))]
pub mod io;
pub mod placement;
pub mod raster;
pub mod render;
pub mod sessions;
pub mod skin;
#[cfg(not(target_arch = "wasm32"))]
pub mod strip;
pub mod templates;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// [`design::validate`] under its old path, so callers that name `validate::` keep working.
pub use design::validate;
pub use design::{DESIGN_VERSION, Design};
pub use error::{DesignError, RenderError};
pub use raster::Rgba8;
pub use render::{Renderer, Scene, SkinCache, render};
pub use templates::{HeadFrame, Template};
