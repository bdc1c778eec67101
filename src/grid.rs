//! Low-resolution maps over a photo: a person's silhouette from the segmentation
//! model (256 × 256 over the whole photo) or where bare scalp is (a grid over the
//! head). A map is stored in image-relative coordinates, so the same map serves the
//! preview and the full-resolution export, and it is read back per pixel by bilinear
//! interpolation followed by a smooth ramp ([`MaskGrid::ramp`]).

/// A map of values 0..255 on a `width` × `height` grid of cells that spans the
/// image-relative box `bounds` (`[x0, y0, x1, y1]`, 0..1 = the whole photo), cell
/// centres at `(i + 0.5) / width` of the box, as the segmentation model samples a
/// photo stretched to its input.
#[derive(Debug, Clone, PartialEq)]
pub struct MaskGrid {
    width: u32,
    height: u32,
    data: Vec<u8>,
    bounds: [f64; 4],
    /// The value outside `bounds` (`None`: the nearest edge cell's).
    outside: Option<u8>,
    /// The ramp applied after interpolation: values up to `ramp.0` read as 0, from
    /// `ramp.1` as 1, smoothly between.
    ramp: (f32, f32),
}

/// Why a grid cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub struct GridError(pub String);

impl std::fmt::Display for GridError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GridError {}

/// Largest side of a grid, cells.
pub const MAX_GRID_SIDE: u32 = 4096;

impl MaskGrid {
    /// A map over the whole photo, read with the linear ramp 0..1.
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Self, GridError> {
        let mut g = Self::covering(width, height, data, [0.0, 0.0, 1.0, 1.0], 0)?;
        g.outside = None;
        Ok(g)
    }

    /// The segmentation model's map over a `photo_w` × `photo_h` photo: MediaPipe
    /// samples cell `i` at the photo's pixel centre `i × photo_w / width` (pixel `k`
    /// centred on `k + 0.5` here), half a cell from where [`new`](Self::new) puts
    /// it. Beyond the outer cells the edge values hold.
    pub fn from_model(
        width: u32,
        height: u32,
        data: Vec<u8>,
        photo_w: u32,
        photo_h: u32,
    ) -> Result<Self, GridError> {
        if photo_w == 0 || photo_h == 0 {
            return Err(GridError(format!(
                "a mask grid covers a photo of at least 1 × 1 pixels, not {photo_w} × {photo_h}"
            )));
        }
        // Cell centre (i + 0.5) / width of the box at x0 + … equals (i·W/width + 0.5)/W.
        let x0 = 0.5 / f64::from(photo_w) - 0.5 / f64::from(width);
        let y0 = 0.5 / f64::from(photo_h) - 0.5 / f64::from(height);
        let mut g = Self::covering(width, height, data, [x0, y0, x0 + 1.0, y0 + 1.0], 0)?;
        g.outside = None;
        Ok(g)
    }

    /// A map over the image-relative box `bounds`, `outside` elsewhere.
    pub fn covering(
        width: u32,
        height: u32,
        data: Vec<u8>,
        bounds: [f64; 4],
        outside: u8,
    ) -> Result<Self, GridError> {
        if width == 0 || height == 0 || width > MAX_GRID_SIDE || height > MAX_GRID_SIDE {
            return Err(GridError(format!(
                "a mask grid is 1 to {MAX_GRID_SIDE} cells a side, not {width} × {height}"
            )));
        }
        if data.len() != width as usize * height as usize {
            return Err(GridError(format!(
                "a {width} × {height} mask grid holds {} values, not {}",
                width as usize * height as usize,
                data.len()
            )));
        }
        let [x0, y0, x1, y1] = bounds;
        if !bounds.iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
            return Err(GridError(format!(
                "a mask grid's box must be finite and not empty, not {bounds:?}"
            )));
        }
        Ok(Self {
            width,
            height,
            data,
            bounds,
            outside: Some(outside),
            ramp: (0.0, 1.0),
        })
    }

    /// The same map read through a smooth ramp: values up to `lo` (0..1) count as 0,
    /// from `hi` as 1.
    pub fn with_ramp(self, lo: f32, hi: f32) -> Self {
        Self {
            ramp: (lo.min(hi - 1e-3), hi),
            ..self
        }
    }

    /// Grid width in cells.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Grid height in cells.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The raw values, row by row.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The image-relative box the grid spans.
    pub fn bounds(&self) -> [f64; 4] {
        self.bounds
    }

    /// The grid's value at image-relative `(u, v)`, bilinear, 0..1, before the ramp.
    pub fn raw_at(&self, u: f64, v: f64) -> f32 {
        let [x0, y0, x1, y1] = self.bounds;
        if let Some(outside) = self.outside {
            if u < x0 || v < y0 || u > x1 || v > y1 {
                return f32::from(outside) / 255.0;
            }
        }
        let gx = ((u - x0) / (x1 - x0) * f64::from(self.width) - 0.5) as f32;
        let gy = ((v - y0) / (y1 - y0) * f64::from(self.height) - 0.5) as f32;
        self.bilinear(gx, gy)
    }

    /// The value at image-relative `(u, v)` through the ramp, 0..1.
    pub fn at(&self, u: f64, v: f64) -> f32 {
        self.ramp(self.raw_at(u, v))
    }

    /// The ramp applied to a raw value.
    pub fn ramp(&self, raw: f32) -> f32 {
        let (lo, hi) = self.ramp;
        let t = ((raw - lo) / (hi - lo)).clamp(0.0, 1.0);
        t * t * (3.0 - 2.0 * t)
    }

    fn bilinear(&self, gx: f32, gy: f32) -> f32 {
        let (w, h) = (self.width as usize, self.height as usize);
        let gx = gx.clamp(0.0, (w - 1) as f32);
        let gy = gy.clamp(0.0, (h - 1) as f32);
        let (ix, iy) = (gx as usize, gy as usize);
        let (fx, fy) = (gx - ix as f32, gy - iy as f32);
        let (jx, jy) = ((ix + 1).min(w - 1), (iy + 1).min(h - 1));
        let v = |x: usize, y: usize| f32::from(self.data[y * w + x]);
        let top = v(ix, iy) + (v(jx, iy) - v(ix, iy)) * fx;
        let bottom = v(ix, jy) + (v(jx, jy) - v(ix, jy)) * fx;
        (top + (bottom - top) * fy) / 255.0
    }

    /// Writes the ramped values of photo row `y`, columns `x0..x0 + out.len()`, of a
    /// `photo_w` × `photo_h` photo into `out` (pixel centres at `+ 0.5`).
    pub fn row_into(&self, photo_w: u32, photo_h: u32, y: u32, x0: u32, out: &mut [f32]) {
        let v = (f64::from(y) + 0.5) / f64::from(photo_h);
        let inv_w = 1.0 / f64::from(photo_w);
        for (i, o) in out.iter_mut().enumerate() {
            let u = (f64::from(x0) + i as f64 + 0.5) * inv_w;
            *o = self.at(u, v);
        }
    }

    /// The size of one cell in pixels of a `photo_w` × `photo_h` photo (the larger
    /// of its width and height).
    pub fn cell_px(&self, photo_w: u32, photo_h: u32) -> f64 {
        let [x0, y0, x1, y1] = self.bounds;
        let cw = (x1 - x0) * f64::from(photo_w) / f64::from(self.width);
        let ch = (y1 - y0) * f64::from(photo_h) / f64::from(self.height);
        cw.max(ch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_grids_are_refused() {
        assert!(MaskGrid::new(0, 4, vec![]).is_err());
        assert!(MaskGrid::new(2, 2, vec![0; 3]).is_err());
        assert!(MaskGrid::covering(2, 2, vec![0; 4], [0.5, 0.0, 0.5, 1.0], 0).is_err());
        assert!(MaskGrid::covering(2, 2, vec![0; 4], [0.0, f64::NAN, 1.0, 1.0], 0).is_err());
        assert!(MaskGrid::new(MAX_GRID_SIDE + 1, 1, vec![0; 4097]).is_err());
    }

    #[test]
    fn cell_centres_read_back_and_between_is_linear() {
        // 4 × 2 cells over the whole photo: cell (i, j) is centred at ((i + .5) / 4, (j + .5) / 2).
        let g = MaskGrid::new(4, 2, vec![0, 255, 255, 0, 0, 0, 255, 255]).unwrap();
        assert_eq!(g.at(0.125, 0.25), 0.0);
        assert_eq!(g.at(0.375, 0.25), 1.0);
        assert!((g.at(0.25, 0.25) - 0.5).abs() < 1e-6);
        // Beyond the outermost centres the edge value holds.
        assert_eq!(g.at(0.0, 0.0), 0.0);
        assert_eq!(g.at(1.0, 1.0), 1.0);
        // Non-square photos: row 0 of a 400 × 100 photo is v = 0.005.
        let mut row = vec![0.0; 400];
        g.row_into(400, 100, 0, 0, &mut row);
        assert_eq!(row[0], 0.0);
        assert_eq!(row[150], 1.0);
        assert!(row[100] > 0.4 && row[100] < 0.6, "{}", row[100]);
    }

    #[test]
    fn a_partial_grid_reads_outside_and_ramps() {
        let g = MaskGrid::covering(2, 2, vec![128; 4], [0.25, 0.25, 0.75, 0.75], 255)
            .unwrap()
            .with_ramp(0.4, 0.6);
        assert_eq!(g.at(0.1, 0.1), 1.0);
        assert!((g.at(0.5, 0.5) - 0.5).abs() < 0.05);
        let hard = g.clone().with_ramp(0.6, 0.9);
        assert_eq!(hard.at(0.5, 0.5), 0.0);
        assert!((g.cell_px(1000, 500) - 250.0).abs() < 1e-9);
    }

    #[test]
    fn model_grids_sample_where_the_model_did() {
        // A 4-cell model map over a 400 px wide photo: cell i sits on pixel centre
        // i × 100 (pixel k centred on k + 0.5 here), i.e. u = (i × 100 + 0.5) / 400.
        let g = MaskGrid::from_model(4, 1, vec![0, 255, 0, 0], 400, 10).unwrap();
        assert!((g.raw_at(100.5 / 400.0, 0.5) - 1.0).abs() < 1e-5);
        assert!(g.raw_at(0.5 / 400.0, 0.5).abs() < 1e-5);
        assert!((g.raw_at(50.5 / 400.0, 0.5) - 0.5).abs() < 1e-5);
        // Beyond the last cell the edge holds, also at the photo's right edge.
        assert_eq!(g.raw_at(1.0, 0.5), 0.0);
        assert!(MaskGrid::from_model(4, 1, vec![0; 4], 0, 10).is_err());
    }
}
