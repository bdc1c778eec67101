//! [`Rgba8`]: the plain RGBA8 photo buffer the core reads and writes.

use crate::error::RenderError;

/// Largest photo accepted, in pixels (a 100-megapixel camera). Larger photos are
/// refused up front rather than failing half-way through an allocation.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Largest side accepted, in pixels.
pub const MAX_SIDE: u32 = 30_000;

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl PixelRect {
    /// The whole of a `width` × `height` image.
    pub const fn whole(width: u32, height: u32) -> Self {
        Self {
            x: 0,
            y: 0,
            width,
            height,
        }
    }

    /// The rectangle covering the half-open box `[x0, x1) × [y0, y1)` after clipping
    /// it to a `width` × `height` image; `None` when nothing of it is left.
    pub fn from_box(b: [i64; 4], width: u32, height: u32) -> Option<Self> {
        let (w, h) = (i64::from(width), i64::from(height));
        let [x0, y0, x1, y1] = [
            b[0].clamp(0, w),
            b[1].clamp(0, h),
            b[2].clamp(0, w),
            b[3].clamp(0, h),
        ];
        (x1 > x0 && y1 > y0).then(|| Self {
            x: x0 as u32,
            y: y0 as u32,
            width: (x1 - x0) as u32,
            height: (y1 - y0) as u32,
        })
    }

    /// The pixels covering the box `[x0, y0, x1, y1]` given in fractional pixels
    /// (its near edges rounded down, its far edges up), clipped to a `width` ×
    /// `height` image; `None` when nothing of it is left.
    pub fn covering(b: [f64; 4], width: u32, height: u32) -> Option<Self> {
        Self::from_box(
            [
                b[0].floor() as i64,
                b[1].floor() as i64,
                b[2].ceil() as i64,
                b[3].ceil() as i64,
            ],
            width,
            height,
        )
    }

    /// The half-open box `[x0, y0, x1, y1]`.
    pub fn to_box(self) -> [i64; 4] {
        [
            i64::from(self.x),
            i64::from(self.y),
            i64::from(self.x) + i64::from(self.width),
            i64::from(self.y) + i64::from(self.height),
        ]
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Self) -> Self {
        let (a, b) = (self.to_box(), other.to_box());
        let [x0, y0, x1, y1] = [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ];
        Self {
            x: x0 as u32,
            y: y0 as u32,
            width: (x1 - x0) as u32,
            height: (y1 - y0) as u32,
        }
    }

    /// The smallest rectangle holding whichever of `a` and `b` are given; `None`
    /// when neither is.
    pub fn union_of(a: Option<Self>, b: Option<Self>) -> Option<Self> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (a, b) => a.or(b),
        }
    }

    /// This rectangle widened by `by` pixels on every side, clipped to a `width` ×
    /// `height` image; `None` when nothing of it is left.
    pub fn grow(self, by: u32, width: u32, height: u32) -> Option<Self> {
        let by = i64::from(by);
        let [x0, y0, x1, y1] = self.to_box();
        Self::from_box([x0 - by, y0 - by, x1 + by, y1 + by], width, height)
    }

    /// This rectangle clipped to a `width` × `height` image; `None` when it lies outside.
    pub fn clip(self, width: u32, height: u32) -> Option<Self> {
        Self::from_box(self.to_box(), width, height)
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(self, other: Self) -> bool {
        let (a, b) = (self.to_box(), other.to_box());
        a[0] <= b[0] && a[1] <= b[1] && a[2] >= b[2] && a[3] >= b[3]
    }

    /// The part both this rectangle and `other` cover; `None` when they do not meet.
    pub fn intersect(self, other: Self) -> Option<Self> {
        let (a, b) = (self.to_box(), other.to_box());
        let (x0, y0) = (a[0].max(b[0]), a[1].max(b[1]));
        let (x1, y1) = (a[2].min(b[2]), a[3].min(b[3]));
        (x1 > x0 && y1 > y0).then(|| PixelRect {
            x: x0 as u32,
            y: y0 as u32,
            width: (x1 - x0) as u32,
            height: (y1 - y0) as u32,
        })
    }

    /// Number of pixels.
    pub fn area(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// An RGBA8 image, rows top to bottom, no padding, straight (not premultiplied) alpha.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgba8 {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

/// Checks that `width` × `height` is a photo size this crate accepts.
pub fn check_size(width: u32, height: u32) -> Result<(), RenderError> {
    if width == 0 || height == 0 {
        return Err(RenderError::Photo(format!(
            "the image is empty ({width} × {height} pixels)"
        )));
    }
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(RenderError::Photo(format!(
            "the image is too large ({width} × {height} pixels); the limit is {} megapixels and \
                {MAX_SIDE} pixels a side",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Checks that a buffer of `len` bytes holds exactly a `width` × `height` RGBA image.
pub fn check_buffer(width: u32, height: u32, len: usize) -> Result<(), RenderError> {
    let expected = width as usize * height as usize * 4;
    if len != expected {
        return Err(RenderError::Photo(format!(
            "the pixel buffer holds {len} bytes; a {width} × {height} RGBA image needs {expected}"
        )));
    }
    Ok(())
}

impl Rgba8 {
    /// Wraps an RGBA8 buffer; fails if the size is unacceptable or the buffer's length
    /// is not `width * height * 4`.
    pub fn from_vec(width: u32, height: u32, data: Vec<u8>) -> Result<Self, RenderError> {
        check_size(width, height)?;
        check_buffer(width, height, data.len())?;
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// A `width` × `height` image filled with one colour.
    pub fn filled(width: u32, height: u32, rgba: [u8; 4]) -> Result<Self, RenderError> {
        check_size(width, height)?;
        let data = rgba
            .iter()
            .copied()
            .cycle()
            .take(width as usize * height as usize * 4)
            .collect();
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The RGBA bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The RGBA bytes, writable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// Gives the buffer back.
    pub fn into_vec(self) -> Vec<u8> {
        self.data
    }

    /// A copy of the pixels inside `rect`, which must lie within the image.
    pub fn crop(&self, rect: PixelRect) -> Result<Rgba8, RenderError> {
        let fits = u64::from(rect.x) + u64::from(rect.width) <= u64::from(self.width)
            && u64::from(rect.y) + u64::from(rect.height) <= u64::from(self.height);
        if !fits || rect.width == 0 || rect.height == 0 {
            return Err(RenderError::Argument(format!(
                "the rectangle {rect:?} is not inside the {} × {} image",
                self.width, self.height
            )));
        }
        let (w, x) = (rect.width as usize * 4, rect.x as usize * 4);
        let stride = self.width as usize * 4;
        let mut data = Vec::with_capacity(w * rect.height as usize);
        for row in rect.y as usize..(rect.y + rect.height) as usize {
            data.extend_from_slice(&self.data[row * stride + x..row * stride + x + w]);
        }
        Rgba8::from_vec(rect.width, rect.height, data)
    }

    /// The pixel at `(x, y)`; `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        Some([
            self.data[i],
            self.data[i + 1],
            self.data[i + 2],
            self.data[i + 3],
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn rect(x: u32, y: u32, width: u32, height: u32) -> PixelRect {
        PixelRect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn boxes_are_clipped_to_the_image() {
        assert_eq!(
            PixelRect::from_box([-5, 2, 8, 50], 10, 20),
            Some(rect(0, 2, 8, 18))
        );
        assert_eq!(PixelRect::from_box([12, 0, 15, 5], 10, 20), None);
        assert_eq!(rect(8, 18, 5, 5).clip(10, 20), Some(rect(8, 18, 2, 2)));
        assert_eq!(rect(10, 0, 5, 5).clip(10, 20), None);
    }

    #[test]
    fn covering_rounds_outwards() {
        assert_eq!(
            PixelRect::covering([1.5, 2.0, 3.2, 4.0], 10, 10),
            Some(rect(1, 2, 3, 2))
        );
        assert_eq!(
            PixelRect::covering([-0.5, -7.0, 0.5, 0.1], 10, 10),
            Some(rect(0, 0, 1, 1))
        );
        assert_eq!(PixelRect::covering([2.0, 2.0, 2.0, 5.0], 10, 10), None);
    }

    #[test]
    fn unions_and_growth() {
        let (a, b) = (rect(1, 1, 2, 2), rect(5, 0, 1, 1));
        assert_eq!(a.union(b), rect(1, 0, 5, 3));
        assert_eq!(PixelRect::union_of(Some(a), Some(b)), Some(a.union(b)));
        assert_eq!(PixelRect::union_of(None, Some(b)), Some(b));
        assert_eq!(PixelRect::union_of(Some(a), None), Some(a));
        assert_eq!(PixelRect::union_of(None, None), None);
        assert_eq!(a.grow(2, 6, 10), Some(rect(0, 0, 5, 5)));
        assert!(rect(0, 0, 5, 5).contains(a) && !a.contains(b));
        assert_eq!(a.area(), 4);
    }
}
