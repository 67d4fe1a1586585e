//! A report [`Document`] as HTML pages show it: the preview inside the service's
//! layout and the standalone version for publishing share this one shape (and one
//! template, `board_reports/_blocks.html`). Charts are drawn with the dashboard's
//! bar markup, their colours written on each bar so the standalone page needs no
//! stylesheet; the table of the same figures always follows a chart.

use osa_core::report::{Block, Chart, Document, Tone};

pub enum View {
    Heading { level: u8, text: String },
    Paragraph { label: Option<String>, text: String },
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
    Chart(ChartView),
}

pub struct ChartView {
    pub id: usize,
    pub title: String,
    pub description: String,
    pub height: usize,
    pub bars: Vec<BarView>,
    pub key: Vec<(String, &'static str)>,
}

pub struct BarView {
    pub label: String,
    pub segments: Vec<SegmentView>,
}

pub struct SegmentView {
    pub x: u32,
    pub width: u32,
    pub fill: &'static str,
    pub name: String,
}

/// The dashboard's colours (`osa.css`, `.osa-bars__*`).
fn fill(tone: Tone) -> &'static str {
    match tone {
        Tone::Green => "#00703c",
        Tone::Amber => "#f47738",
        Tone::Red => "#942514",
        Tone::Grey => "#505a5f",
        Tone::Blue => "#1d70b8",
    }
}

fn chart(id: usize, c: &Chart) -> ChartView {
    let bars = c
        .bars
        .iter()
        .map(|b| {
            let mut start = 0;
            let segments = c
                .series
                .iter()
                .zip(&b.widths)
                .filter(|(_, w)| **w > 0)
                .map(|(s, w)| {
                    let seg = SegmentView {
                        x: 300 + start * 7,
                        width: w * 7,
                        fill: fill(s.tone),
                        name: s.name.clone(),
                    };
                    start += w;
                    seg
                })
                .collect();
            BarView { label: b.label.clone(), segments }
        })
        .collect();
    ChartView {
        id,
        title: c.title.clone(),
        description: c.description.clone(),
        height: c.bars.len() * 40 + 10,
        bars,
        key: c.series.iter().map(|s| (s.name.clone(), fill(s.tone))).collect(),
    }
}

pub fn blocks(doc: &Document) -> Vec<View> {
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b {
            Block::Heading { level, text } => View::Heading { level: *level, text: text.clone() },
            Block::Paragraph { label, text } => View::Paragraph { label: label.clone(), text: text.clone() },
            Block::Table(t) => View::Table { header: t.header.clone(), rows: t.rows.clone() },
            Block::Chart(c) => View::Chart(chart(i, c)),
        })
        .collect()
}
