//! A chart's [`Geometry`] as a PNG image, for Word files (which cannot hold vector
//! drawings that docx-rs writes).
//!
//! Why these crates: tiny-skia (from the resvg project) fills anti-aliased shapes and
//! writes PNG through the small `png` crate, without a whole image library; ab_glyph
//! rasterises glyph outlines from a TrueType font with two small dependencies. Both
//! are pure Rust and light to build. The font is Liberation Sans (SIL OFL, see
//! `crates/server/fonts/`), compiled in so the image never depends on the host.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use tiny_skia::{
    Color, FillRule, Paint as Brush, PathBuilder, Pixmap, PremultipliedColorU8, Rect, Transform,
};

use super::geometry::{Geometry, TEXT_SIZE, ink_rgb, paint_rgb};

const FONT: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");

/// Pixels per point: 3 gives 216 dots per inch at the drawing's own size, sharp
/// when printed.
pub const SCALE: f32 = 3.0;

/// A drawn chart.
pub struct Image {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Draws the geometry on white, `SCALE` pixels to the point.
pub fn render(geometry: &Geometry) -> anyhow::Result<Image> {
    let width = (geometry.width * SCALE).ceil() as u32;
    let height = (geometry.height * SCALE).ceil() as u32;
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| anyhow::anyhow!("a chart of no size"))?;
    pixmap.fill(Color::WHITE);
    for shape in &geometry.shapes {
        let [r, g, b] = paint_rgb(shape.paint);
        let mut brush = Brush::default();
        brush.set_color_rgba8(r, g, b, 255);
        brush.anti_alias = true;
        let rect = Rect::from_xywh(shape.x * SCALE, shape.y * SCALE, shape.w * SCALE, shape.h * SCALE);
        // As a path: tiny-skia's own `fill_rect` trips a debug assertion on rectangles
        // that start and end inside one pixel column.
        if let Some(rect) = rect {
            let path = PathBuilder::from_rect(rect);
            pixmap.fill_path(&path, &brush, FillRule::Winding, Transform::identity(), None);
        }
    }
    let font = FontRef::try_from_slice(FONT)?;
    // ab_glyph scales by the font's height (ascent less descent), not its em: a
    // `TEXT_SIZE` em is this many pixels tall (`pt_to_px_scale` would assume 96 dpi).
    let em = font.units_per_em().ok_or_else(|| anyhow::anyhow!("a font with no em"))?;
    let scale = PxScale::from(TEXT_SIZE * SCALE * font.height_unscaled() / em);
    let scaled = font.as_scaled(scale);
    for label in &geometry.labels {
        let ink = ink_rgb(label.ink);
        let mut caret = label.x * SCALE;
        for c in label.text.chars() {
            let id = font.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, point(caret, label.baseline * SCALE));
            caret += scaled.h_advance(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|x, y, coverage| {
                    let px = bounds.min.x as i64 + x as i64;
                    let py = bounds.min.y as i64 + y as i64;
                    blend(&mut pixmap, px, py, ink, coverage);
                });
            }
        }
    }
    Ok(Image { png: pixmap.encode_png()?, width, height })
}

/// Lays `ink` over an opaque pixel by `coverage` (0 to 1).
fn blend(pixmap: &mut Pixmap, x: i64, y: i64, ink: [u8; 3], coverage: f32) {
    let (w, h) = (pixmap.width() as i64, pixmap.height() as i64);
    if x < 0 || y < 0 || x >= w || y >= h {
        return;
    }
    let pixel = &mut pixmap.pixels_mut()[(y * w + x) as usize];
    let c = coverage.clamp(0.0, 1.0);
    let mix = |under: u8, over: u8| (over as f32 * c + under as f32 * (1.0 - c)).round() as u8;
    let (r, g, b) = (mix(pixel.red(), ink[0]), mix(pixel.green(), ink[1]), mix(pixel.blue(), ink[2]));
    if let Some(mixed) = PremultipliedColorU8::from_rgba(r, g, b, 255) {
        *pixel = mixed;
    }
}

#[cfg(test)]
mod tests {
    use super::super::geometry::{Part, lay_out, paint_rgb};
    use super::*;
    use osa_core::report::{Bar, Chart, Series, Tone};

    fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let pixmap = Pixmap::decode_png(png_bytes).expect("a PNG");
        (pixmap.width(), pixmap.height(), pixmap.data().to_vec())
    }

    fn chart() -> Chart {
        Chart {
            title: "Met".into(),
            description: "Half met".into(),
            series: vec![
                Series { name: "Met".into(), tone: Tone::Green },
                Series { name: "Not met".into(), tone: Tone::Red },
            ],
            bars: vec![Bar { label: "Police".into(), widths: vec![50, 50] }],
        }
    }

    fn rgb_at(data: &[u8], width: u32, x: f32, y: f32) -> [u8; 3] {
        let i = (((y * SCALE) as u32 * width + (x * SCALE) as u32) * 4) as usize;
        [data[i], data[i + 1], data[i + 2]]
    }

    #[test]
    fn the_image_is_the_geometry_drawn_to_scale() {
        let geometry = lay_out(&chart(), 480.0);
        let image = render(&geometry).unwrap();
        let (w, h, data) = decode(&image.png);
        assert_eq!((w, h), (image.width, image.height));
        assert_eq!(w, 1440);
        assert_eq!(h, (geometry.height * SCALE).ceil() as u32);
        // A point well inside each segment has its tone; the corner is white.
        let segments = geometry.shapes.iter().filter(|s| matches!(s.part, Part::Segment { .. }));
        assert_eq!(segments.clone().count(), 2);
        for shape in segments {
            let quarter = rgb_at(&data, w, shape.x + shape.w / 4.0, shape.y + 2.0);
            assert_eq!(quarter, paint_rgb(shape.paint));
        }
        assert_eq!(rgb_at(&data, w, 479.0, 0.5), [255, 255, 255]);
    }

    #[test]
    fn an_empty_chart_still_draws() {
        let empty = Chart { series: vec![], bars: vec![], ..chart() };
        let image = render(&lay_out(&empty, 480.0)).unwrap();
        assert!(image.width == 1440 && image.height > 0);
    }

    #[test]
    fn text_is_drawn() {
        let geometry = lay_out(&chart(), 480.0);
        let (w, _, data) = decode(&render(&geometry).unwrap().png);
        let label = geometry.labels.iter().find(|l| l.text == "Police").unwrap();
        // Some dark pixels along the label's line, none where there is no text.
        let dark = |x0: f32, x1: f32| {
            let mut count = 0;
            let mut x = x0;
            while x < x1 {
                let [r, ..] = rgb_at(&data, w, x, label.baseline - 3.0);
                count += usize::from(r < 128);
                x += 1.0 / SCALE;
            }
            count
        };
        assert!(dark(label.x, label.x + 25.0) > 5);
        let bar = geometry.shapes.iter().find(|s| matches!(s.part, Part::Segment { .. })).unwrap();
        let end = label.x + super::super::geometry::measure("Police");
        assert_eq!(dark(end + 1.0, bar.x - 1.0), 0, "nothing between the label and its bar");
    }
}
