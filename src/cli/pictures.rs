//! The pictures of a new project, drawn when it is made rather than shipped
//! in the program: a landscape at dawn (JPEG), books on shelves (JPEG) and a
//! round emblem with a transparent background (PNG). Each is a function of
//! the position on the picture, sampled four times a pixel so that edges are
//! smooth; nothing is random, so every project gets the same files.

use std::f32::consts::PI;

use image::{ImageEncoder, RgbaImage};

type Rgb = [f32; 3];

/// `#rrggbb` as channels from 0 to 1.
fn hex(c: u32) -> Rgb {
    [((c >> 16) & 0xff) as f32 / 255.0, ((c >> 8) & 0xff) as f32 / 255.0, (c & 0xff) as f32 / 255.0]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

fn scale(c: Rgb, k: f32) -> Rgb {
    [c[0] * k, c[1] * k, c[2] * k]
}

/// A colour along a gradient of `(position, colour)` stops.
fn gradient(stops: &[(f32, u32)], t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    for w in stops.windows(2) {
        let ((t0, c0), (t1, c1)) = (w[0], w[1]);
        if t <= t1 {
            return mix(hex(c0), hex(c1), (t - t0) / (t1 - t0));
        }
    }
    hex(stops[stops.len() - 1].1)
}

/// Draws a `width`×`height` picture: `shade(x, y)` gives the colour and
/// opacity at a point, `x` from 0 to `width / height` and `y` from 0 (top)
/// to 1, so that circles stay round. Every pixel is shaded at its centre;
/// those unlike a neighbour (on an edge) are shaded four more times and
/// averaged, so that edges are smooth and flat areas cost one call.
fn draw(width: u32, height: u32, shade: impl Fn(f32, f32) -> ([f32; 3], f32) + Sync) -> RgbaImage {
    let (w, h) = (width as usize, height as usize);
    // Premultiplied by opacity, so that a transparent neighbour does not
    // darken an edge when samples are averaged.
    let sample = |x: f32, y: f32| {
        let (c, a) = shade(x / height as f32, y / height as f32);
        [c[0] * a, c[1] * a, c[2] * a, a]
    };
    let centres = in_bands(w, h, |px, py| sample(px as f32 + 0.5, py as f32 + 0.5));
    let pixels = in_bands(w, h, |px, py| {
        let c = centres[py * w + px];
        let near = [(px.wrapping_sub(1), py), (px + 1, py), (px, py.wrapping_sub(1)), (px, py + 1)];
        let edge = near.iter().filter(|(x, y)| *x < w && *y < h).any(|(x, y)| {
            let n = centres[y * w + x];
            (0..4).any(|k| (n[k] - c[k]).abs() > 1.0 / 64.0)
        });
        let mut sum = c;
        if edge {
            for (dx, dy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                let s = sample(px as f32 + dx, py as f32 + dy);
                (0..4).for_each(|k| sum[k] += s[k]);
            }
            sum = sum.map(|v| v / 5.0);
        }
        if sum[3] <= 0.0 {
            return [0u8; 4];
        }
        let channel = |v: f32| (v * 255.0).round().clamp(0.0, 255.0) as u8;
        [channel(sum[0] / sum[3]), channel(sum[1] / sum[3]), channel(sum[2] / sum[3]), channel(sum[3])]
    });
    RgbaImage::from_raw(width, height, pixels.concat()).expect("one pixel per place")
}

/// `f(x, y)` for every place of a `w`×`h` grid, row by row, the rows shared
/// out in bands over the cores.
fn in_bands<T: Copy + Default + Send>(w: usize, h: usize, f: impl Fn(usize, usize) -> T + Sync) -> Vec<T> {
    let mut out = vec![T::default(); w * h];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let rows = h.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (b, chunk) in out.chunks_mut(rows * w).enumerate() {
            let f = &f;
            scope.spawn(move || {
                for (i, v) in chunk.iter_mut().enumerate() {
                    *v = f(i % w, b * rows + i / w);
                }
            });
        }
    });
    out
}

/// A JPEG of an opaque picture.
fn jpeg(img: &RgbaImage) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .write_image(rgb.as_raw(), rgb.width(), rgb.height(), image::ExtendedColorType::Rgb8)
        .expect("encoding to memory cannot fail");
    out
}

/// A PNG with its transparency.
fn png(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
        .expect("encoding to memory cannot fail");
    out
}

/// Hills and a river under a rising sun, 5:3 (the cover).
pub fn dawn() -> Vec<u8> {
    let sun = (1.15f32, 0.56f32);
    let horizon = 0.74;
    let sky = |y: f32| gradient(&[(0.0, 0x1b2450), (0.42, 0x5b4b8a), (0.72, 0xd9778b), (1.0, 0xf7c58a)], y / horizon);
    let (width, height) = (1600, 960);
    // The three ridges, far to near, at every quarter of a pixel across.
    let step = 4.0 * height as f32;
    let ridges: Vec<[f32; 3]> = (0..=4 * width)
        .map(|i| {
            let x = i as f32 / step;
            [
                0.60 + 0.035 * (3.6 * x + 0.5).sin() + 0.018 * (8.1 * x + 1.3).sin(),
                0.68 + 0.045 * (2.5 * x + 2.0).sin() + 0.012 * (10.3 * x).sin(),
                0.90 + 0.03 * (1.9 * x + 0.7).sin() + 0.01 * (6.7 * x + 2.0).sin(),
            ]
        })
        .collect();
    let img = draw(width, height, |x, y| {
        let d = ((x - sun.0).powi(2) + (y - sun.1).powi(2)).sqrt();
        let [far, mid, bank] = ridges[((x * step) as usize).min(ridges.len() - 1)];
        let c = if y > bank {
            mix(hex(0x233044), hex(0x141c28), (y - bank) / 0.1)
        } else if y > horizon {
            // The water mirrors the sky, darker, with the sun's path on it
            // broken into ripples.
            let mirrored = scale(sky(horizon - (y - horizon) * 2.2), 0.72);
            let path = (-((x - sun.0) / (0.025 + 0.5 * (y - horizon))).powi(2)).exp();
            let ripple = 0.5 + 0.5 * (y * 260.0 + (x * 9.0).sin()).sin();
            mix(mirrored, hex(0xffe2a8), path * ripple * 0.8)
        } else if y > mid {
            mix(hex(0x4d4a78), hex(0x333457), (y - mid) / 0.1)
        } else if y > far {
            mix(hex(0x8c6d9e), sky(y), 0.25)
        } else if d < 0.075 {
            hex(0xfff4d6)
        } else {
            mix(sky(y), hex(0xffe3b0), 0.6 * (-(d - 0.075) / 0.09).exp())
        };
        (c, 1.0)
    });
    jpeg(&img)
}

/// Books of many colours on two wooden shelves, 3:2.
pub fn shelves() -> Vec<u8> {
    const PALETTE: [u32; 7] = [0x2e4057, 0xd1495b, 0xedae49, 0x00798c, 0x66a182, 0x8d6a9f, 0xc96f53];
    const WIDTHS: [f32; 10] = [0.034, 0.046, 0.028, 0.052, 0.038, 0.031, 0.058, 0.041, 0.029, 0.049];
    const HEIGHTS: [f32; 9] = [0.80, 0.92, 0.71, 0.86, 0.96, 0.75, 0.89, 0.67, 0.83];
    let width = 1.5f32;
    // Each shelf: the top of the space above it and the plank's top.
    let rows = [(0.05f32, 0.46f32), (0.51, 0.92)];
    /// A book standing on a shelf.
    #[derive(Clone, Copy)]
    struct Book {
        left: f32,
        right: f32,
        top: f32,
        colour: Rgb,
        /// Gold bands across the spine.
        banded: bool,
    }
    // Per shelf, from left to right.
    let mut books: [Vec<Book>; 2] = [Vec::new(), Vec::new()];
    let mut n = 0usize;
    for (r, (top, plank)) in rows.iter().enumerate() {
        let mut x = 0.07 + 0.04 * r as f32;
        while x < width - 0.12 {
            let w = WIDTHS[(n * 3 + r) % WIDTHS.len()];
            let h = (plank - top) * HEIGHTS[(n * 5 + 2 * r) % HEIGHTS.len()];
            books[r].push(Book { left: x, right: x + w, top: plank - h, colour: hex(PALETTE[(n * 4 + r) % PALETTE.len()]), banded: n % 3 != 1 });
            // A wider gap now and then, as on a shelf in use.
            x += w + if n % 11 == 7 { 0.06 } else { 0.004 };
            n += 1;
        }
    }
    let img = draw(1200, 800, |x, y| {
        let r = usize::from(y >= rows[0].1 + 0.035);
        let plank = rows[r].1;
        if (plank..plank + 0.035).contains(&y) {
            let lit = if y < plank + 0.006 { 1.15 } else { 1.0 - (y - plank) * 4.0 };
            return (scale(hex(0x8a5a3b), lit), 1.0);
        }
        let i = books[r].partition_point(|b| b.left <= x);
        if let Some(&Book { left: x0, right: x1, top, colour, banded }) = i.checked_sub(1).map(|i| &books[r][i]) {
            if x < x1 && (top..plank).contains(&y) {
                // A round spine: lighter in the middle than at the edges.
                let u = (x - x0) / (x1 - x0);
                let mut c = scale(colour, 0.78 + 0.25 * (PI * u).sin());
                let v = (y - top) / (plank - top);
                if banded && ((0.10..0.13).contains(&v) || (0.82..0.85).contains(&v)) {
                    c = mix(c, hex(0xf2d27a), 0.85);
                }
                return (c, 1.0);
            }
        }
        // The wall, lighter towards the top left.
        let glow = ((x - 0.3).powi(2) + (y - 0.1).powi(2)).sqrt();
        (mix(hex(0xf6eee3), hex(0xdcc8b0), glow / 1.4), 1.0)
    });
    jpeg(&img)
}

/// A round emblem, an open book in a ring, on a transparent background.
pub fn emblem() -> Vec<u8> {
    let img = draw(512, 512, |x, y| {
        let (dx, dy) = (x - 0.5, y - 0.5);
        let d = (dx * dx + dy * dy).sqrt();
        if d > 0.47 {
            return ([0.0; 3], 0.0);
        }
        let white = hex(0xffffff);
        if (d - 0.41).abs() < 0.012 {
            return (white, 1.0);
        }
        // Two pages that dip towards the spine.
        let s = (dx.abs() / 0.22).min(1.0);
        let top = 0.35 + 0.05 * (1.0 - s * s);
        let bottom = 0.63 + 0.05 * (1.0 - s * s);
        if dx.abs() > 0.005 && dx.abs() < 0.22 && y > top && y < bottom {
            let line = ((y - top - 0.06) / 0.045).fract();
            let row = ((y - top - 0.06) / 0.045).floor();
            let in_text = (0.0..5.0).contains(&row) && line < 0.2 && dx.abs() > 0.035 && dx.abs() < if row == 4.0 { 0.12 } else { 0.19 };
            let paper = mix(white, hex(0xd4e4f0), 1.0 - s);
            return (if in_text { hex(0x8db7d6) } else { paper }, 1.0);
        }
        (mix(hex(0x1c8fd0), hex(0x004a7c), d / 0.47), 1.0)
    });
    png(&img)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_what_their_names_say() {
        let size = |bytes: &[u8], format| image::ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions().unwrap();
        assert_eq!(size(&dawn(), image::ImageFormat::Jpeg), (1600, 960));
        assert_eq!(size(&shelves(), image::ImageFormat::Jpeg), (1200, 800));
        let emblem = emblem();
        assert_eq!(size(&emblem, image::ImageFormat::Png), (512, 512));
        let img = image::load_from_memory_with_format(&emblem, image::ImageFormat::Png).unwrap().into_rgba8();
        assert_eq!(img.get_pixel(0, 0)[3], 0, "the corners are transparent");
        assert_eq!(img.get_pixel(256, 40)[3], 255, "the disc is opaque");
    }

    #[test]
    fn pictures_are_the_same_every_time() {
        assert_eq!(emblem(), emblem());
    }
}
