//! A document as exporters see it: headings, labelled paragraphs and tables, in
//! reading order. Nothing here says how it looks; each exporter decides that, and
//! keeps the structure (heading levels, table header rows) so assistive technology
//! can navigate the file.

/// A document ready to be written as a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Shown as the file's title by readers and screen readers.
    pub title: String,
    /// The language of the text, as a BCP 47 tag such as `en-GB`.
    pub language: String,
    pub blocks: Vec<Block>,
}

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 (the document's own title) to 3.
    Heading {
        level: u8,
        text: String,
    },
    /// A paragraph, optionally led by a label in bold ("Answer: Met"). Line breaks in
    /// `text` are kept.
    Paragraph {
        label: Option<String>,
        text: String,
    },
    Table(Table),
    /// A chart of shares. Its figures are always also given in a table beside it, so
    /// a reader who cannot see the chart loses nothing.
    Chart(Chart),
}

/// A horizontal stacked bar chart of shares: one bar per row, each split into the
/// series in order (for example Met, Partly met, Not met, in that order).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Shown above the chart and used as its caption.
    pub title: String,
    /// The alternative text: what the chart shows, in a sentence or two.
    pub description: String,
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
}

/// One part of every bar, with the colour it is drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub tone: Tone,
}

/// The colours a chart may use: the RAG ratings and two neutrals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Green,
    Amber,
    Red,
    Grey,
    Blue,
}

/// One bar: its label and one width per series, in whole per cent. The widths add up
/// to 100, or are all 0 when nothing was counted (the label should then say so).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub widths: Vec<u32>,
}

impl Chart {
    /// The chart's figures as a table: a row per bar, a column per series.
    pub fn as_table(&self) -> Table {
        let mut header = vec![String::new()];
        header.extend(self.series.iter().map(|s| s.name.clone()));
        let rows = self
            .bars
            .iter()
            .map(|bar| {
                let mut row = vec![bar.label.clone()];
                row.extend(
                    self.series
                        .iter()
                        .enumerate()
                        .map(|(i, _)| format!("{}%", bar.widths.get(i).copied().unwrap_or(0))),
                );
                row
            })
            .collect();
        Table { header, rows }
    }
}

/// A table with one header row; every row has as many cells as the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading { level: level.clamp(1, 3), text: text.into() }
    }

    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph { label: None, text: text.into() }
    }

    pub fn labelled(label: impl Into<String>, text: impl Into<String>) -> Block {
        Block::Paragraph { label: Some(label.into()), text: text.into() }
    }
}

impl Document {
    /// Every piece of text in reading order, for tests and for searching.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } => out.push_str(text),
                Block::Paragraph { label, text } => {
                    if let Some(label) = label {
                        out.push_str(label);
                        out.push_str(": ");
                    }
                    out.push_str(text);
                }
                Block::Table(t) => push_table(&mut out, t),
                Block::Chart(c) => {
                    out.push_str(&c.title);
                    out.push('\n');
                    push_table(&mut out, &c.as_table());
                }
            }
            out.push('\n');
        }
        out
    }
}

fn push_table(out: &mut String, t: &Table) {
    for row in std::iter::once(&t.header).chain(&t.rows) {
        out.push_str(&row.join(" | "));
        out.push('\n');
    }
}
