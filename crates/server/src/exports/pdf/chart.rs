//! A chart's shared [`Geometry`] drawn as PDF vector graphics: filled rectangles for
//! bars, swatches, grid and scale, and real text (Helvetica) for the rest, so the
//! legend and labels can be selected, searched and read.

use pdf_writer::{Content, Name, Str};

use super::fonts::{Face, encode};
use crate::exports::chart::geometry::{Geometry, TEXT_SIZE, ink_rgb, paint_rgb};

fn fill(content: &mut Content, [r, g, b]: [u8; 3]) {
    content.set_fill_rgb(f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0);
}

/// Draws the chart with its top left corner at `x0`, `top` (PDF space, `y` up).
pub fn draw(content: &mut Content, x0: f32, top: f32, geometry: &Geometry) {
    for shape in &geometry.shapes {
        fill(content, paint_rgb(shape.paint));
        content.rect(x0 + shape.x, top - shape.y - shape.h, shape.w, shape.h);
        content.fill_nonzero();
    }
    for label in &geometry.labels {
        fill(content, ink_rgb(label.ink));
        content.begin_text();
        content.set_font(Name(Face::Regular.resource()), TEXT_SIZE);
        content.next_line(x0 + label.x, top - label.baseline);
        content.show(Str(&encode(&label.text).bytes));
        content.end_text();
    }
}
