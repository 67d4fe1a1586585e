//! Documents osa hands out as files, as plain data the exporters turn into PDF or
//! Word.
//!
//! - [`Document`] is the shape every exported document takes: a title, a language,
//!   and blocks (headings, labelled paragraphs, tables with a header row). Exporters
//!   need know nothing else, so any report can be written in every format.
//! - [`return_copy`] builds an organisation's own copy of a return from the snapshot
//!   taken at sign-off, and lays it out as a [`Document`].
//! - [`board`] is a cycle's report for the partnership's board.
//!
//! Everything here is pure: no I/O, no clock (callers pass the dates, already worded).

pub mod board;
mod document;
pub mod return_copy;
mod snapshot;

#[cfg(test)]
mod return_copy_tests;

pub use document::{Bar, Block, Chart, Document, Series, Table, Tone};
pub use snapshot::{
    Snapshot, SnapshotError, answer_from_str, answer_value, local_questions_value, parse_evidence_names,
    parse_snapshot, write_snapshot,
};
