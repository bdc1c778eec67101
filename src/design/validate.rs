//! Validation of a [`Design`]: every number finite and in range, every list within its
//! limits ([`design`], which [`Design::validate`] calls), the scale against a photo's
//! size ([`scale_for_photo`]) and the work a design asks for on a photo ([`cost`]).
//! The first problem found is reported with the path of its field.

use super::{
    DESIGN_VERSION, Design, MAX_DENSITY, MAX_HAIRLINE_POINTS, MAX_IMPRESSIONS,
    MAX_POINTS_PER_STROKE, MAX_SESSIONS, MAX_STROKE_CHECKS, MAX_STROKE_POINTS, MAX_STROKE_SPAN,
    MAX_STROKES, Point,
};
use crate::error::DesignError;

type Check = Result<(), DesignError>;

/// Image-relative coordinates may stray this far outside 0..1.
pub const POINT_MARGIN: f64 = 0.5;

fn range(field: &str, value: f64, lo: f64, hi: f64, unit: &str) -> Check {
    if !value.is_finite() {
        return Err(DesignError::new(
            field,
            format!("must be a finite number, got {value}"),
        ));
    }
    if value < lo || value > hi {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        return Err(DesignError::new(
            field,
            format!("must be between {lo} and {hi}{unit}, got {value}"),
        ));
    }
    Ok(())
}

fn points(field: &str, pts: &[Point]) -> Check {
    for (i, p) in pts.iter().enumerate() {
        let (lo, hi) = (-POINT_MARGIN, 1.0 + POINT_MARGIN);
        range(
            &format!("{field}[{i}].x"),
            p.x,
            lo,
            hi,
            "of the image width",
        )?;
        range(
            &format!("{field}[{i}].y"),
            p.y,
            lo,
            hi,
            "of the image height",
        )?;
    }
    Ok(())
}

fn count(field: &str, n: usize, max: usize) -> Check {
    if n > max {
        return Err(DesignError::new(
            field,
            format!("has {n} entries; at most {max} are allowed"),
        ));
    }
    Ok(())
}

/// Validates every field of `d`.
pub fn design(d: &Design) -> Check {
    if d.version != DESIGN_VERSION {
        let msg = if d.version == 0 {
            format!("missing; this build reads version {DESIGN_VERSION}")
        } else {
            format!(
                "unknown version {}; this build reads version {DESIGN_VERSION}",
                d.version
            )
        };
        return Err(DesignError::new("version", msg));
    }

    if let Some((field, why)) = d.head.as_ref().and_then(|h| h.problem()) {
        return Err(DesignError::new(field, why));
    }

    let h = &d.hairline;
    count("hairline.front", h.front.len(), MAX_HAIRLINE_POINTS)?;
    count("hairline.outline", h.outline.len(), MAX_HAIRLINE_POINTS)?;
    if h.front.len() == 1 {
        return Err(DesignError::new(
            "hairline.front",
            "needs at least 2 points (or none for a design made of brush strokes only)",
        ));
    }
    if h.front.is_empty() && !h.outline.is_empty() {
        return Err(DesignError::new(
            "hairline.outline",
            "an outline needs a hairline (hairline.front) to close",
        ));
    }
    points("hairline.front", &h.front)?;
    points("hairline.outline", &h.outline)?;
    range("hairline.softness_mm", h.softness_mm, 0.0, 30.0, "mm")?;
    range("hairline.irregularity", h.irregularity, 0.0, 1.0, "")?;

    count("strokes", d.strokes.len(), MAX_STROKES)?;
    let total: usize = d.strokes.iter().map(|s| s.points.len()).sum();
    if total > MAX_STROKE_POINTS {
        return Err(DesignError::new(
            "strokes",
            format!("hold {total} points in all; at most {MAX_STROKE_POINTS} are allowed"),
        ));
    }
    for (i, s) in d.strokes.iter().enumerate() {
        let f = format!("strokes[{i}]");
        if s.points.is_empty() {
            return Err(DesignError::new(
                format!("{f}.points"),
                "a stroke needs at least one point",
            ));
        }
        count(
            &format!("{f}.points"),
            s.points.len(),
            MAX_POINTS_PER_STROKE,
        )?;
        range(&format!("{f}.radius_mm"), s.radius_mm, 0.5, 100.0, "mm")?;
        range(&format!("{f}.softness"), s.softness, 0.0, 1.0, "")?;
        range(&format!("{f}.strength"), s.strength, 0.0, 1.0, "")?;
        points(&format!("{f}.points"), &s.points)?;
    }

    range(
        "density",
        d.density,
        0.0,
        MAX_DENSITY,
        "impressions per cm²",
    )?;
    range("dot_size_mm", d.dot_size_mm, 0.05, 1.0, "mm")?;
    range("shade", d.shade, 0.0, 1.0, "")?;
    range("jitter.size", d.jitter.size, 0.0, 1.0, "")?;
    range("jitter.shape", d.jitter.shape, 0.0, 1.0, "")?;
    range("jitter.darkness", d.jitter.darkness, 0.0, 1.0, "")?;

    let days = &d.sessions.days;
    if days.is_empty() {
        return Err(DesignError::new(
            "sessions.days",
            "needs at least one session",
        ));
    }
    count("sessions.days", days.len(), MAX_SESSIONS)?;
    for (i, &day) in days.iter().enumerate() {
        let f = format!("sessions.days[{i}]");
        range(&f, day, 0.0, 365.0, "days")?;
        if i == 0 && day != 0.0 {
            return Err(DesignError::new(
                f,
                "the first session is day 0 (days count from it)",
            ));
        }
        if i > 0 && day <= days[i - 1] {
            return Err(DesignError::new(
                f,
                "sessions must be in order, each on a later day than the one before",
            ));
        }
    }

    range("scale.px_per_cm", d.scale.px_per_cm, 0.5, 5000.0, "px/cm")?;
    if d.scale.at_width == 0 {
        return Err(DesignError::new(
            "scale.at_width",
            "must be the image width in pixels (at least 1)",
        ));
    }

    let a = &d.aftercare;
    range("aftercare.sun", a.sun, 0.0, 2.0, "")?;
    if !(1..=6).contains(&a.skin_type) {
        return Err(DesignError::new(
            "aftercare.skin_type",
            format!(
                "must be a Fitzpatrick type from 1 to 6, got {}",
                a.skin_type
            ),
        ));
    }
    range("aftercare.healing_loss", a.healing_loss, 0.0, 0.9, "")?;

    let t = &d.topups;
    if let Some(m) = t.every_months {
        range("topups.every_months", m, 3.0, 120.0, "months")?;
    }
    if let Some(v) = t.when_below {
        range("topups.when_below", v, 0.05, 0.95, "")?;
    }
    range("topups.cost_fraction", t.cost_fraction, 0.0, 2.0, "")?;

    range("effects.blowout", d.effects.blowout, 0.0, 1.0, "")?;
    range("effects.color_shift", d.effects.color_shift, 0.0, 1.0, "")?;
    Ok(())
}

/// Largest real extent (cm) a photo may span at the design's scale: a head photo is
/// well under a metre across, and the impression count grows with the area.
pub const MAX_PHOTO_EXTENT_CM: f64 = 150.0;

/// Checks that the design's scale makes sense for a photo of `width` × `height` pixels.
pub fn scale_for_photo(d: &Design, width: u32, height: u32) -> Check {
    let px_per_cm = d.scale.px_per_mm(width) * 10.0;
    let w_cm = f64::from(width) / px_per_cm;
    let h_cm = f64::from(height) / px_per_cm;
    if w_cm.max(h_cm) > MAX_PHOTO_EXTENT_CM {
        return Err(DesignError::new(
            "scale.px_per_cm",
            format!(
                "at this scale the photo would span {:.0} × {:.0} cm; a head photo spans less than \
                    {MAX_PHOTO_EXTENT_CM} cm",
                w_cm, h_cm
            ),
        ));
    }
    if px_per_cm > 2000.0 {
        return Err(DesignError::new(
            "scale.px_per_cm",
            format!("{px_per_cm:.0} pixels per cm on this photo is more than a macro lens gives"),
        ));
    }
    Ok(())
}

/// Checks the work `d` would demand on a `width` × `height` photo, once its area's box
/// (`area_mm`, in mm, clipped to the photo) is known: the brush widths the strokes
/// sweep and the impressions the area holds at the design's density. Refuses, naming
/// the field to change, what would take more time or memory than a preview may.
pub fn cost(d: &Design, width: u32, height: u32, area_mm: kurbo::Rect) -> Check {
    let px_per_mm = d.scale.px_per_mm(width);
    let to_mm = |p: &Point| {
        kurbo::Point::new(
            p.x * f64::from(width) / px_per_mm,
            p.y * f64::from(height) / px_per_mm,
        )
    };
    let span: f64 = d
        .strokes
        .iter()
        .map(|s| {
            let len: f64 = s
                .points
                .windows(2)
                .map(|w| to_mm(&w[0]).distance(to_mm(&w[1])))
                .sum();
            (len / s.radius_mm).max(1.0)
        })
        .sum();
    if span > MAX_STROKE_SPAN {
        return Err(DesignError::new(
            "strokes",
            format!(
                "sweep {span:.0} brush widths on this photo; at most {MAX_STROKE_SPAN:.0} can be \
                    previewed (use fewer or shorter strokes, or a larger brush)"
            ),
        ));
    }
    // Samples per mm² the placement evaluates (the design's density per cm², with
    // head-room for the transition zone's lower levels).
    let per_mm2 = (d.density / 100.0).max(0.01);
    let checks: f64 = d
        .strokes
        .iter()
        .flat_map(|s| {
            let pts: Vec<kurbo::Point> = s.points.iter().map(to_mm).collect();
            let r = s.radius_mm;
            let boxes: Vec<f64> = if pts.len() == 1 {
                vec![4.0 * r * r]
            } else {
                pts.windows(2)
                    .map(|w| {
                        let b = kurbo::Rect::from_points(w[0], w[1])
                            .inflate(r, r)
                            .intersect(area_mm);
                        b.area().max(0.0)
                    })
                    .collect()
            };
            boxes
        })
        .sum::<f64>()
        * per_mm2;
    if checks > MAX_STROKE_CHECKS {
        return Err(DesignError::new(
            "strokes",
            format!(
                "overlap too much on this photo: about {:.0} million brush checks a frame; at most \
                    {:.0} million can be previewed (use fewer points on wide strokes, or a smaller \
                    brush)",
                checks / 1e6,
                MAX_STROKE_CHECKS / 1e6
            ),
        ));
    }
    let impressions = area_mm.area().max(0.0) / 100.0 * d.density;
    if impressions > MAX_IMPRESSIONS {
        return Err(DesignError::new(
            "density",
            format!(
                "would place about {impressions:.0} impressions over the {:.0} cm² the area spans on \
                    this photo; at most {MAX_IMPRESSIONS:.0} can be previewed (lower the density, or \
                    make the area or the photo's scale smaller)",
                area_mm.area() / 100.0
            ),
        ));
    }
    Ok(())
}
