//! The command line's time strip, drawn with the crate's own 8 × 8 font (native
//! builds only; the page draws its labels on a canvas, in the reader's language).

use image::imageops::{self, FilterType};
use image::{Rgba, RgbaImage};

use font8x8::UnicodeFonts;

use super::Layout;
use crate::raster::Rgba8;

/// Tallest panel in a strip, in pixels: strips are for looking at, not for printing.
pub const MAX_PANEL_HEIGHT: u32 = 720;

/// A label for `day` in words: "Day 10", "6 weeks", "18 months", "2 years".
pub fn day_label(day: f64) -> String {
    let plural = |n: f64, unit: &str| {
        let n = (n * 10.0).round() / 10.0;
        if (n - 1.0).abs() < 1e-9 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if day < 28.0 {
        format!("Day {}", day.round())
    } else if day < 120.0 {
        plural(day / 7.0, "week")
    } else if day < 360.0 {
        plural(day / crate::fade::DAYS_PER_MONTH, "month")
    } else {
        plural(day / crate::fade::DAYS_PER_YEAR, "year")
    }
}

fn draw_text(img: &mut RgbaImage, text: &str, x0: u32, y0: u32, scale: u32, colour: Rgba<u8>) {
    let mut x = x0;
    for ch in text.chars() {
        let glyph = font8x8::BASIC_FONTS.get(ch).unwrap_or([0; 8]);
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..8u32 {
                if bits & (1 << col) == 0 {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..scale {
                        let (px, py) = (x + col * scale + dx, y0 + row as u32 * scale + dy);
                        if px < img.width() && py < img.height() {
                            img.put_pixel(px, py, colour);
                        }
                    }
                }
            }
        }
        x += 8 * scale;
    }
}

/// Lays out `panels` (rendered images of one photo and their labels) side by side,
/// each at most [`MAX_PANEL_HEIGHT`] tall.
pub fn compose(panels: &[(Rgba8, String)]) -> Option<Rgba8> {
    compose_at(panels, MAX_PANEL_HEIGHT)
}

/// [`compose`] with panels at most `max_panel_height` tall (smaller photos keep
/// their size).
pub fn compose_at(panels: &[(Rgba8, String)], max_panel_height: u32) -> Option<Rgba8> {
    let first = &panels.first()?.0;
    let height = first.height().min(max_panel_height.max(1));
    let width =
        ((u64::from(first.width()) * u64::from(height)) / u64::from(first.height())).max(1) as u32;
    let layout = Layout::new(width, height, panels.len() as u32);
    let mut out = RgbaImage::from_pixel(layout.width, layout.height, Rgba([24, 24, 27, 255]));
    // The font is 8 px tall, drawn at a whole multiple of that near the layout's size.
    let scale = ((layout.font_px + 4) / 8).max(1);
    for (i, (img, label)) in panels.iter().enumerate() {
        let src = RgbaImage::from_raw(img.width(), img.height(), img.data().to_vec())?;
        let scaled = if src.height() == height {
            src
        } else {
            imageops::resize(&src, width, height, FilterType::Triangle)
        };
        let x = layout.panel_x(i as u32);
        imageops::replace(&mut out, &scaled, i64::from(x), i64::from(layout.gap));
        let text_w = label.chars().count() as u32 * 8 * scale;
        let tx = x + width.saturating_sub(text_w) / 2;
        let ty = layout.gap + height + layout.bar.saturating_sub(8 * scale) / 2;
        draw_text(&mut out, label, tx, ty, scale, Rgba([240, 240, 240, 255]));
    }
    Rgba8::from_vec(layout.width, layout.height, out.into_raw()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_naturally() {
        assert_eq!(day_label(0.0), "Day 0");
        assert_eq!(day_label(42.0), "6 weeks");
        assert_eq!(day_label(365.0), "1 year");
        assert_eq!(day_label(183.0), "6 months");
        assert_eq!(day_label(730.0), "2 years");
        assert_eq!(day_label(1826.0), "5 years");
    }

    #[test]
    fn panels_sit_side_by_side_with_labels() {
        let a = Rgba8::filled(60, 40, [200, 0, 0, 255]).unwrap();
        let b = Rgba8::filled(60, 40, [0, 0, 200, 255]).unwrap();
        let strip = compose(&[(a, "Day 0".into()), (b, "1 year".into())]).unwrap();
        let l = Layout::new(60, 40, 2);
        let gap = l.gap;
        assert_eq!((strip.width(), strip.height()), (l.width, l.height));
        assert_eq!(strip.width(), 2 * 60 + 3 * gap);
        assert_eq!(strip.height(), 40 + l.bar + 2 * gap);
        assert_eq!(strip.pixel(gap + 5, gap + 5), Some([200, 0, 0, 255]));
        assert_eq!(
            strip.pixel(2 * gap + 60 + 5, gap + 5),
            Some([0, 0, 200, 255])
        );
        // Some label pixels are light.
        let light = (0..strip.width())
            .flat_map(|x| (gap + 40..strip.height()).map(move |y| (x, y)))
            .filter(|&(x, y)| strip.pixel(x, y).unwrap()[0] > 200)
            .count();
        assert!(light > 20);
    }
}
