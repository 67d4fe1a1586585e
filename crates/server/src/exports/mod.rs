//! Exporters: turn a [`osa_core::report::Document`] into a file to download. They
//! know nothing of HTTP, returns or reports, so any document (a return copy, a cycle
//! report) can be written in every format.
//!
//! - [`pdf::render`]: A4, tagged PDF with the standard Helvetica fonts.
//! - [`docx::render`]: Word, with real heading styles and tables with header rows.
//!
//! Both draw charts from one layout, [`chart::geometry`]: as vector graphics in PDF,
//! as a PNG image in Word.

pub mod chart;
pub mod docx;
pub mod heading;
pub mod pdf;

/// Media types for the files written here.
pub const PDF_TYPE: &str = "application/pdf";
pub const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
