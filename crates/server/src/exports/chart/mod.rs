//! Drawing a [`osa_core::report::Chart`]: [`geometry`] says where every bar, swatch
//! and label goes, once for both formats; the PDF exporter draws that as vector
//! graphics and [`png`] rasterises it for Word.

pub mod geometry;
pub mod png;
