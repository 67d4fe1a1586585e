//! Laying a document out on A4 pages: words wrapped by the fonts' real widths,
//! headings kept with what follows them, table rows split across pages with the
//! header row repeated, and a footer with the page number on every page.
//!
//! Layout also builds the document's structure (headings, paragraphs, tables, rows
//! and cells), and tags each piece of text with the element it belongs to, so the
//! PDF can be read by screen readers in order. Repeated header rows and footers are
//! decoration ("artifacts") and belong to no element.
//!
//! A chart is drawn from the shared chart geometry, under its caption, never across
//! a page: one too tall for a page is drawn in parts, each with its legend and
//! scale, all one `Figure` element.

use osa_core::report::{Block, Document, Table};

use super::fonts::{Face, encode, text_width};
use crate::exports::chart::geometry::Geometry;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm.
const MARGIN: f32 = 56.7;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// The lowest a line of the body may reach; the footer sits below.
const BOTTOM: f32 = 70.0;
const FOOTER_BASELINE: f32 = 36.0;
const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Padding inside table cells.
const PAD: f32 = 5.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    Table,
    TR,
    TH,
    TD,
    Figure,
}

/// An element of the document's structure. Node 0 is the document itself.
#[derive(Debug)]
pub struct Node {
    pub role: Role,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// A figure's alternative text.
    pub alt: Option<String>,
    /// A figure's box on its (first) page: left, bottom, right, top.
    pub bbox: Option<[f32; 4]>,
}

#[derive(Debug)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        bytes: Vec<u8>,
        grey: bool,
        tag: Option<usize>,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
    /// A drawn chart whose top left corner is at `x`, `top`.
    Chart {
        x: f32,
        top: f32,
        geometry: Geometry,
        tag: Option<usize>,
    },
}

/// The laid-out document: what goes on each page, and its structure.
#[derive(Debug)]
pub struct Laid {
    pub pages: Vec<Vec<Item>>,
    pub nodes: Vec<Node>,
}

struct Style {
    size: f32,
    leading: f32,
    before: f32,
    after: f32,
}

const BODY: Style = Style { size: 10.5, leading: 14.0, before: 0.0, after: 7.0 };
const CELL: Style = Style { size: 10.0, leading: 13.0, before: 4.0, after: 12.0 };
const FOOTER_SIZE: f32 = 8.5;
/// Between a chart's caption and its drawing, and after the drawing.
const CHART_GAP: f32 = 6.0;

fn heading_style(level: u8) -> (Style, Role) {
    match level {
        1 => (Style { size: 20.0, leading: 25.0, before: 0.0, after: 12.0 }, Role::H1),
        2 => (Style { size: 15.0, leading: 19.0, before: 16.0, after: 6.0 }, Role::H2),
        _ => (Style { size: 12.0, leading: 15.5, before: 12.0, after: 4.0 }, Role::H3),
    }
}

/// A piece of one line in one face, `x` from the start of the line.
#[derive(Debug, Clone)]
struct Run {
    face: Face,
    x: f32,
    bytes: Vec<u8>,
}

type Line = Vec<Run>;

pub const REPLACED_NOTE: &str = "Some characters could not be shown in this PDF and appear as a question mark. \
     The Word (DOCX) version of this document shows them as written.";

pub fn lay_out(doc: &Document) -> Laid {
    let mut w = Writer {
        pages: vec![Vec::new()],
        nodes: vec![Node { role: Role::Document, parent: None, children: Vec::new(), alt: None, bbox: None }],
        y: TOP,
        fresh: true,
        replaced: false,
    };
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => w.heading(*level, text),
            Block::Paragraph { label, text } => w.paragraph(label.as_deref(), text),
            Block::Table(t) => w.table(t),
            Block::Chart(c) => w.chart(c),
        }
    }
    if w.replaced {
        w.paragraph(None, REPLACED_NOTE);
    }
    w.footers(&doc.title);
    Laid { pages: w.pages, nodes: w.nodes }
}

struct Writer {
    pages: Vec<Vec<Item>>,
    nodes: Vec<Node>,
    /// The top of the space left on the current page.
    y: f32,
    /// Nothing is on the current page yet.
    fresh: bool,
    replaced: bool,
}

impl Writer {
    fn node(&mut self, role: Role, parent: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { role, parent: Some(parent), children: Vec::new(), alt: None, bbox: None });
        self.nodes[parent].children.push(id);
        id
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
        self.fresh = true;
    }

    fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    #[allow(clippy::expect_used, reason = "a layout starts with one page and only ever adds pages")]
    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").push(item);
    }

    /// Wraps runs of text (a bold label, then the text) to `width`. Line breaks in the
    /// text are kept; a word too long for a line is broken where it must be.
    fn wrap(&mut self, runs: &[(Face, &str)], size: f32, width: f32) -> Vec<Line> {
        // Widths are sums of floats: allow for their rounding.
        let width = width + 0.01;
        let mut lines = Vec::new();
        let mut line: Line = Vec::new();
        let mut x = 0.0;
        for (i, (face, text)) in runs.iter().enumerate() {
            let mut gap = i > 0;
            for (n, part) in text.split('\n').enumerate() {
                if n > 0 {
                    if let Some(run) = line.last_mut() {
                        run.bytes.push(b' ');
                    }
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
                for (k, word) in part.split_whitespace().enumerate() {
                    let encoded = encode(word);
                    self.replaced |= encoded.replaced;
                    let mut bytes = encoded.bytes;
                    if bytes.is_empty() {
                        continue;
                    }
                    gap |= k > 0;
                    let same_face = line.last().is_some_and(|r| r.face == *face);
                    let space_face = line.last().map(|r| r.face).unwrap_or(*face);
                    let space =
                        if gap && !line.is_empty() { text_width(space_face, b" ", size) } else { 0.0 };
                    let w = text_width(*face, &bytes, size);
                    if !line.is_empty() && x + space + w > width {
                        if gap {
                            // An invisible space at the end of the line, so text read
                            // aloud or copied does not run the two words together.
                            if let Some(run) = line.last_mut() {
                                run.bytes.push(b' ');
                            }
                        }
                        lines.push(std::mem::take(&mut line));
                        x = 0.0;
                    } else if space > 0.0 {
                        // The space goes into the text, so copied or extracted text reads right.
                        if let Some(run) = line.last_mut() {
                            run.bytes.push(b' ');
                        }
                        x += space;
                    }
                    while text_width(*face, &bytes, size) > width - x {
                        let cut = fitting(*face, &bytes, size, width - x).max(1);
                        let rest = bytes.split_off(cut);
                        line.push(Run { face: *face, x, bytes });
                        lines.push(std::mem::take(&mut line));
                        x = 0.0;
                        bytes = rest;
                    }
                    let w = text_width(*face, &bytes, size);
                    match line.last_mut() {
                        Some(run) if same_face => run.bytes.extend(bytes),
                        _ => line.push(Run { face: *face, x, bytes }),
                    }
                    x += w;
                    gap = false;
                }
            }
        }
        lines.push(line);
        lines
    }

    /// Places one line at the left edge `x0`, on a new page if it does not fit.
    fn place(&mut self, line: &Line, x0: f32, style: &Style, tag: Option<usize>) {
        if self.room() < style.leading {
            self.new_page();
        }
        let baseline = self.y - (style.leading - style.size) / 2.0 - style.size * 0.75;
        for run in line {
            self.push(Item::Text {
                x: x0 + run.x,
                y: baseline,
                face: run.face,
                size: style.size,
                bytes: run.bytes.clone(),
                grey: false,
                tag,
            });
        }
        self.y -= style.leading;
        self.fresh = false;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (style, role) = heading_style(level);
        let lines = self.wrap(&[(Face::Bold, text)], style.size, WIDTH);
        // Keep the heading with at least two lines of what follows.
        let need = style.before + lines.len() as f32 * style.leading + style.after + 2.0 * BODY.leading;
        if !self.fresh && need > self.room() {
            self.new_page();
        }
        if !self.fresh {
            self.y -= style.before;
        }
        let node = self.node(role, 0);
        for line in &lines {
            self.place(line, MARGIN, &style, Some(node));
        }
        self.y -= style.after;
    }

    fn paragraph(&mut self, label: Option<&str>, text: &str) {
        let label = label.map(|l| format!("{l}:"));
        let mut runs = Vec::new();
        if let Some(label) = &label {
            runs.push((Face::Bold, label.as_str()));
        }
        runs.push((Face::Regular, text));
        let lines = self.wrap(&runs, BODY.size, WIDTH);
        let node = self.node(Role::P, 0);
        for line in &lines {
            self.place(line, MARGIN, &BODY, Some(node));
        }
        self.y -= BODY.after;
    }

    fn table(&mut self, t: &Table) {
        if t.header.is_empty() {
            return;
        }
        let widths = column_widths(t);
        let header: Vec<Vec<Line>> = t
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| self.wrap(&[(Face::Bold, h)], CELL.size, w - 2.0 * PAD))
            .collect();
        let rows: Vec<Vec<Vec<Line>>> = t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .map(|(c, w)| self.wrap(&[(Face::Regular, c)], CELL.size, w - 2.0 * PAD))
                    .collect()
            })
            .collect();
        // Keep the header row with the first row, or three lines of it.
        let first = rows.first().map(|r| tallest(r).min(3)).unwrap_or(0);
        if !self.fresh && CELL.before + row_height(tallest(&header) + first) > self.room() {
            self.new_page();
        }
        if !self.fresh {
            self.y -= CELL.before;
        }
        let table = self.node(Role::Table, 0);
        let tr = self.node(Role::TR, table);
        let tags: Vec<Option<usize>> = header.iter().map(|_| Some(self.node(Role::TH, tr))).collect();
        self.row(&header, &widths, &tags, 1.0, &[]);
        for row in &rows {
            let tr = self.node(Role::TR, table);
            let tags: Vec<Option<usize>> = row.iter().map(|_| Some(self.node(Role::TD, tr))).collect();
            if row_height(tallest(row)) > self.room() && !self.fresh {
                self.new_page();
                self.repeat_header(&header, &widths);
            }
            self.row(row, &widths, &tags, 0.5, &header);
        }
        self.y -= CELL.after;
    }

    fn repeat_header(&mut self, header: &[Vec<Line>], widths: &[f32]) {
        let none = vec![None; header.len()];
        self.row(header, widths, &none, 1.0, &[]);
    }

    /// One table row, each cell's lines top-aligned, a rule beneath. A row too tall
    /// for the page goes on over the next, under the repeated header row.
    fn row(
        &mut self,
        cells: &[Vec<Line>],
        widths: &[f32],
        tags: &[Option<usize>],
        rule: f32,
        header: &[Vec<Line>],
    ) {
        let total = tallest(cells).max(1);
        let mut start = 0;
        loop {
            let fits = ((self.room() - 2.0 * PAD) / CELL.leading).floor().max(0.0) as usize;
            if fits == 0 && !self.fresh {
                self.new_page();
                if !header.is_empty() {
                    self.repeat_header(header, widths);
                }
                continue;
            }
            let end = (start + fits.max(1)).min(total);
            let top = self.y - PAD;
            let mut x0 = MARGIN;
            for ((lines, width), tag) in cells.iter().zip(widths).zip(tags) {
                for (i, line) in lines.iter().enumerate().take(end).skip(start) {
                    self.y = top - (i - start) as f32 * CELL.leading;
                    self.place_at(line, x0 + PAD, *tag);
                }
                x0 += width;
            }
            self.y = top - (end - start) as f32 * CELL.leading - PAD;
            self.push(Item::Rule { x1: MARGIN, x2: MARGIN + WIDTH, y: self.y, width: rule });
            self.fresh = false;
            if end >= total {
                return;
            }
            start = end;
            self.new_page();
            if !header.is_empty() {
                self.repeat_header(header, widths);
            }
        }
    }

    /// Places a cell's line at the current `y` without a page check (the row did it).
    fn place_at(&mut self, line: &Line, x0: f32, tag: Option<usize>) {
        let baseline = self.y - (CELL.leading - CELL.size) / 2.0 - CELL.size * 0.75;
        for run in line {
            self.push(Item::Text {
                x: x0 + run.x,
                y: baseline,
                face: run.face,
                size: CELL.size,
                bytes: run.bytes.clone(),
                grey: false,
                tag,
            });
        }
    }

    /// The document's title and "Page N of M" at the foot of every page.
    fn footers(&mut self, title: &str) {
        let count = self.pages.len();
        let mut title = encode(title).bytes;
        let room = WIDTH * 0.7;
        if text_width(Face::Regular, &title, FOOTER_SIZE) > room {
            let cut = fitting(
                Face::Regular,
                &title,
                FOOTER_SIZE,
                room - text_width(Face::Regular, &[0x85], FOOTER_SIZE),
            );
            title.truncate(cut);
            title.push(0x85);
        }
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = format!("Page {} of {count}", i + 1).into_bytes();
            let x = MARGIN + WIDTH - text_width(Face::Regular, &number, FOOTER_SIZE);
            for (x, bytes) in [(MARGIN, title.clone()), (x, number)] {
                page.push(Item::Text {
                    x,
                    y: FOOTER_BASELINE,
                    face: Face::Regular,
                    size: FOOTER_SIZE,
                    bytes,
                    grey: true,
                    tag: None,
                });
            }
        }
    }
}

/// How many of `bytes` fit in `width`.
fn fitting(face: Face, bytes: &[u8], size: f32, width: f32) -> usize {
    let mut used = 0.0;
    for (i, b) in bytes.iter().enumerate() {
        used += text_width(face, &[*b], size);
        if used > width {
            return i;
        }
    }
    bytes.len()
}

fn tallest(cells: &[Vec<Line>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0)
}

fn row_height(lines: usize) -> f32 {
    lines.max(1) as f32 * CELL.leading + 2.0 * PAD
}

/// Columns as wide as their content needs when everything fits on one line;
/// otherwise shared in proportion to their content, none narrower than its header
/// or a sixth of the page.
fn column_widths(t: &Table) -> Vec<f32> {
    let width = |face, text: &str| text_width(face, &encode(text).bytes, CELL.size) + 2.0 * PAD + 1.0;
    let header: Vec<f32> = t.header.iter().map(|h| width(Face::Bold, h)).collect();
    let want: Vec<f32> = (0..t.header.len())
        .map(|c| {
            let longest =
                t.rows.iter().filter_map(|r| r.get(c)).map(|v| width(Face::Regular, v)).fold(0.0, f32::max);
            header[c].max(longest).min(WIDTH)
        })
        .collect();
    let total: f32 = want.iter().sum();
    let mut out = want.clone();
    if total <= WIDTH {
        if let Some(last) = out.last_mut() {
            *last += WIDTH - total;
        }
        return out;
    }
    let least: Vec<f32> =
        header.iter().map(|h| h.max(WIDTH / 6.0).min(WIDTH / t.header.len() as f32)).collect();
    let mut fixed = vec![false; want.len()];
    // Columns below their least width are fixed there; the rest share what is left.
    loop {
        let fixed_width: f32 = least.iter().zip(&fixed).filter(|(_, f)| **f).map(|(l, _)| l).sum();
        let free_want: f32 = want.iter().zip(&fixed).filter(|(_, f)| !**f).map(|(w, _)| w).sum();
        let mut changed = false;
        for c in 0..want.len() {
            out[c] = if fixed[c] { least[c] } else { want[c] / free_want * (WIDTH - fixed_width) };
            if !fixed[c] && out[c] < least[c] {
                fixed[c] = true;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

#[path = "layout_chart.rs"]
mod chart;

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
