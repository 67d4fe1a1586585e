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
                Block::Table(t) => {
                    for row in std::iter::once(&t.header).chain(&t.rows) {
                        out.push_str(&row.join(" | "));
                        out.push('\n');
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}
