//! # smp-preview
//!
//! Renders scalp micropigmentation (SMP) impressions onto a photo, inside a hairline
//! and brush-painted areas, and simulates healing, fading and top-ups over the years.
//! The core is plain Rust: a photo buffer and a [`Design`] go in, an RGBA buffer comes
//! out. The same core runs natively (the `smp-render` command) and in the browser
//! (the wasm module built from its `web` module on `wasm32`).
//!
//! ```
//! use smp_preview::{Rgba8, Template, render};
//! let photo = Rgba8::filled(320, 240, [205, 170, 150, 255]).unwrap();
//! let design = Template::SoftNatural.design(320, 240);
//! let day = smp_preview::Plan::new(&design).healed_day(); // day 70
//! let healed = render(&photo, &design, day).unwrap();
//! assert_ne!(healed, photo);
//! ```
//!
//! ## Module map
//!
//! Every module is the crate's own (not public): what a user of the library needs is
//! re-exported here, flat, by the module it comes from; `io` (native only) and `strip`,
//! the command line's helpers, are public modules.
//!
//! - `design`: the versioned design (serde): hairline, strokes, density, size, shade,
//!   sessions, scale, aftercare, top-ups, effects; the limits. Its child `validate`:
//!   range checks that name the offending field; the scale against the photo; the cost
//!   budget of a design on a photo.
//! - `templates`: the 19 starting designs by application (hairline styles, Norwood
//!   stages, female pattern, diffuse, alopecia areata, scars), laid out from a head
//!   frame. Children: `head`, the head frame and outline; `layout`, cm on the head →
//!   points, hairline, outline, brushes over the top; one file of layouts an
//!   application: `hairline`, `male_pattern`, `behind_hair`, `scar`.
//! - `fit`: face landmarks → head frame: scale, roll, proportions, head outline; the
//!   whole fit of a photo with its silhouette. Children: `photo`, the fit and its
//!   starting design, with or without a face; `outline`, the head's outline from the
//!   silhouette; `hairline`, the client's own hairline and the proposal.
//! - `scalp`: hair vs bare scalp on a photo of a person: the maps that keep pigment off
//!   hair of any colour and show where the client's hair begins.
//! - `mesh`: the face mesh's points by name (MediaPipe's indices).
//! - `grid`: low-resolution maps over a photo (the person segmentation, the scalp map),
//!   image-relative.
//! - `geometry`: smooth curves through control points, polylines, polygons (mm).
//! - `area`: the photo's frame (px per mm) and the treated area as a density field with
//!   a soft, irregular hairline edge.
//! - `placement`: progressive blue-noise sample positions, stable under edits; the hash
//!   and random numbers they use.
//! - `sessions`: which session places each impression and how much pigment; its own
//!   fading rate.
//! - `impressions`: which samples become impressions, their size, shape and tone.
//! - `fade`: healing, long-term fading, top-ups, the healed day and visibility over
//!   time.
//! - `appearance`: mark appearance: a fade state → a mark (darkness, spread, blow-out,
//!   halo, redness) and the tint's drift.
//! - `composite`: soft marks composited into the photo in linear light. Children:
//!   `band`, a band of rows: the marks drawn, the rows written through the skin mask;
//!   `darken`, the per-pixel passes, in sRGB's power segment with wasm SIMD, and with
//!   redness in linear light; `coarse`, halos on a coarse grid.
//! - `skin`: where skin is visible: the per-pixel mask that keeps pigment off
//!   background and hair, with a fit's maps (`PhotoPriors`) judged against each pixel's
//!   surroundings; a preview's mask carried over to the full-size original for export.
//! - `render`: orchestration: design → scene → marks → pixels, with the caches of
//!   samples and skin mask.
//! - `export`: the full-resolution export a band of rows at a time: any window of the
//!   large photo rendered from its own pixels, and a PNG encoded as its rows come.
//! - `surface`: the head behind the photo in 3D: its pose from the face mesh (weighted
//!   Procrustes against MediaPipe's canonical face), an ellipsoid scalp, and how the
//!   scalp faces the camera at each point (dot ellipses, density, silhouette fade).
//! - `color`: sRGB ↔ linear tables; skin tone and shade suggestion.
//! - `raster`: the RGBA8 photo buffer, size limits and pixel rectangles.
//! - `error`: error types.
//! - [`io`]: (native only) reading and writing image files.
//! - [`strip`]: the time strip's layout (the page's and the command line's), and the
//!   command line's labelled strip (native only).
//! - `web`: (wasm only) the JavaScript boundary.
//!
//! No module depends on itself through others: `tests/module_graph.rs` reads the
//! `crate::` paths of `src/` and fails on a cycle (README.md shows the graph).

#![warn(missing_docs)]

mod appearance;
mod area;
mod color;
mod composite;
mod design;
mod error;
mod export;
mod fade;
mod fit;
mod geometry;
mod grid;
mod impressions;
#[cfg(not(target_arch = "wasm32"))]
pub mod io;
mod mesh;
mod placement;
mod raster;
mod render;
mod scalp;
mod sessions;
mod skin;
pub mod strip;
mod surface;
mod templates;
#[cfg(target_arch = "wasm32")]
mod web;

// The library's API, flat. A function whose name speaks only beside its module
// (`fade::curve`, `placement::generate`, `pose::apply`, …) is re-exported under a
// name that says what it is.
pub use area::{Area, Frame};
pub use color::{to_linear, to_srgb};
pub use composite::{Masked, Splat, Tint, bounds as splat_bounds, composite, composite_pixels};
pub use design::validate::POINT_MARGIN;
pub use design::{Coverage, DESIGN_VERSION, Design, Point, ScaleMethod, Stroke, StrokeMode};
pub use design::{MAX_HAIRLINE_POINTS, MAX_IMPRESSIONS, MAX_POINTS_PER_STROKE, MAX_STROKES};
pub use error::{DesignError, RenderError};
pub use export::{Banded, PngRows};
pub use fade::curve as visibility_curve;
pub use fade::{
    DAYS_PER_MONTH, DAYS_PER_YEAR, HEALED_AFTER_DAYS, HORIZON_DAYS, Plan, Population,
    TOPUP_DUE_VISIBILITY,
};
pub use fit::{PhotoFit, View, head_frame, to_frame};
pub use grid::MaskGrid;
pub use impressions::place as place_impressions;
pub use placement::{generate as generate_samples, levels_for, window_for};
pub use raster::{MAX_PIXELS, MAX_SIDE, PixelRect, Rgba8};
pub use render::{Renderer, Scene, SkinCache, render};
pub use scalp::Photo;
pub use skin::{PhotoPriors, SkinMask, SkinModel, filter_radius};
pub use surface::pose::{Similarity, apply as rotate, matrix as rotation_matrix};
pub use surface::{HEAD_AXES_CM, HEAD_CENTRE_CM, HeadPose, HeadSurface, MATCH_RANGE};
pub use templates::{Application, HeadFrame, HeadNumbers, HeadShape, Template};
#[cfg(target_arch = "wasm32")]
pub use web::{ExportJob, Previewer};
