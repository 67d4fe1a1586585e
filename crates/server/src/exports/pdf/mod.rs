//! PDF files from a [`Document`]: A4 pages of real, selectable text, tagged so
//! screen readers follow headings, paragraphs and tables in order, with the title
//! and language set.
//!
//! Why pdf-writer and the standard fonts rather than typst or printpdf: typst as a
//! library is the richest route but brings hundreds of crates and minutes of build on
//! a 2-core machine, in both CI builds; printpdf now pulls a whole HTML layout
//! engine. pdf-writer (from the typst project) is a small, well-kept crate that only
//! writes PDF objects, so this module does the layout itself ([`layout`]), measuring
//! text with the real glyph widths of Helvetica from Adobe's metrics files. The
//! standard fonts need no embedding (every PDF reader has them), which keeps files
//! small; their limit is the WinAnsi character set, handled in [`fonts`].

mod chart;
pub mod fonts;
mod layout;

use pdf_writer::types::{ArtifactType, StructRole, TabOrder, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use layout::{Item, Laid, PAGE_HEIGHT, PAGE_WIDTH, Role};
use osa_core::report::Document;

pub use layout::REPLACED_NOTE;

fn struct_role(role: Role) -> (StructRole, &'static [u8]) {
    match role {
        Role::Document => (StructRole::Document, b"Document"),
        Role::H1 => (StructRole::H1, b"H1"),
        Role::H2 => (StructRole::H2, b"H2"),
        Role::H3 => (StructRole::H3, b"H3"),
        Role::P => (StructRole::P, b"P"),
        Role::Table => (StructRole::Table, b"Table"),
        Role::TR => (StructRole::TR, b"TR"),
        Role::TH => (StructRole::TH, b"TH"),
        Role::TD => (StructRole::TD, b"TD"),
        Role::Figure => (StructRole::Figure, b"Figure"),
    }
}

struct Refs {
    catalog: Ref,
    page_tree: Ref,
    info: Ref,
    struct_root: Ref,
    regular: Ref,
    bold: Ref,
    /// Per page: the page, its content stream, and its entry in the parent tree.
    pages: Vec<(Ref, Ref, Ref)>,
    nodes: Vec<Ref>,
}

impl Refs {
    fn new(laid: &Laid) -> Refs {
        let mut next = Ref::new(1);
        let mut bump = || next.bump();
        Refs {
            catalog: bump(),
            page_tree: bump(),
            info: bump(),
            struct_root: bump(),
            regular: bump(),
            bold: bump(),
            pages: laid.pages.iter().map(|_| (bump(), bump(), bump())).collect(),
            nodes: laid.nodes.iter().map(|_| bump()).collect(),
        }
    }
}

/// Writes the document as a PDF file.
pub fn render(doc: &Document) -> Vec<u8> {
    let laid = layout::lay_out(doc);
    let refs = Refs::new(&laid);
    let mut pdf = Pdf::new();

    // Which marked-content ids each structure element owns, per page, and for each
    // page which element each id belongs to (the "parent tree").
    let mut owned: Vec<Vec<(usize, i32)>> = vec![Vec::new(); laid.nodes.len()];
    let mut parents: Vec<Vec<Ref>> = vec![Vec::new(); laid.pages.len()];
    for (p, items) in laid.pages.iter().enumerate() {
        let content = page_content(items, &laid, |node| {
            let mcid = parents[p].len() as i32;
            parents[p].push(refs.nodes[node]);
            owned[node].push((p, mcid));
            mcid
        });
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&content, 6);
        pdf.stream(refs.pages[p].1, &compressed).filter(Filter::FlateDecode);
    }

    pdf.pages(refs.page_tree).kids(refs.pages.iter().map(|p| p.0)).count(refs.pages.len() as i32);
    for (p, (page_ref, content_ref, _)) in refs.pages.iter().enumerate() {
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(refs.page_tree)
            .contents(*content_ref)
            .struct_parents(p as i32)
            .tab_order(TabOrder::StructureOrder);
        page.resources()
            .fonts()
            .pair(Name(fonts::Face::Regular.resource()), refs.regular)
            .pair(Name(fonts::Face::Bold.resource()), refs.bold);
    }
    for (face, id) in [(fonts::Face::Regular, refs.regular), (fonts::Face::Bold, refs.bold)] {
        pdf.type1_font(id).base_font(Name(face.base_font())).encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    write_structure(&mut pdf, &laid, &refs, &owned, &parents);

    let mut catalog = pdf.catalog(refs.catalog);
    catalog.pages(refs.page_tree).lang(TextStr(&doc.language));
    catalog.pair(Name(b"StructTreeRoot"), refs.struct_root);
    catalog.mark_info().marked(true);
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.document_info(refs.info).title(TextStr(&doc.title)).creator(TextStr("osa")).producer(TextStr("osa"));
    pdf.finish()
}

/// One page's content stream. Text that belongs to the structure is marked with a
/// fresh id from `mark`; footers, rules and repeated header rows are artifacts.
fn page_content(items: &[Item], laid: &Laid, mut mark: impl FnMut(usize) -> i32) -> Vec<u8> {
    #[derive(PartialEq, Clone, Copy)]
    enum Open {
        Nothing,
        Artifact,
        Tagged(usize),
    }
    let mut content = Content::new();
    let mut open = Open::Nothing;
    for item in items {
        let wanted = match item {
            Item::Text { tag: Some(t), .. } | Item::Chart { tag: Some(t), .. } => Open::Tagged(*t),
            _ => Open::Artifact,
        };
        if wanted != open {
            if open != Open::Nothing {
                content.end_marked_content();
            }
            match wanted {
                Open::Tagged(node) => {
                    let mcid = mark(node);
                    let (_, tag) = struct_role(laid.nodes[node].role);
                    content.begin_marked_content_with_properties(Name(tag)).properties().identify(mcid);
                }
                _ => {
                    content
                        .begin_marked_content_with_properties(Name(b"Artifact"))
                        .properties()
                        .artifact()
                        .kind(ArtifactType::Pagination);
                }
            }
            open = wanted;
        }
        match item {
            Item::Text { x, y, face, size, bytes, grey, .. } => {
                let shade = if *grey { 0.3 } else { 0.0 };
                content.set_fill_gray(shade);
                content.begin_text();
                content.set_font(Name(face.resource()), *size);
                content.next_line(*x, *y);
                content.show(Str(bytes));
                content.end_text();
            }
            Item::Rule { x1, x2, y, width } => {
                content.set_stroke_gray(0.55);
                content.set_line_width(*width);
                content.move_to(*x1, *y);
                content.line_to(*x2, *y);
                content.stroke();
            }
            Item::Chart { x, top, geometry, .. } => chart::draw(&mut content, *x, *top, geometry),
        }
    }
    if open != Open::Nothing {
        content.end_marked_content();
    }
    content.finish().to_vec()
}

fn write_structure(
    pdf: &mut Pdf,
    laid: &Laid,
    refs: &Refs,
    owned: &[Vec<(usize, i32)>],
    parents: &[Vec<Ref>],
) {
    let parent_arrays: Vec<Ref> = refs.pages.iter().map(|p| p.2).collect();
    {
        let mut root = pdf.indirect(refs.struct_root).start::<StructTreeRoot>();
        root.child(refs.nodes[0]);
        {
            let mut tree = root.parent_tree();
            let mut nums = tree.nums();
            for (p, array) in parent_arrays.iter().enumerate() {
                nums.insert(p as i32, *array);
            }
        }
        root.parent_tree_next_key(parent_arrays.len() as i32);
    }
    for (p, array) in parent_arrays.iter().enumerate() {
        pdf.indirect(*array).array().items(parents[p].iter().copied());
    }
    for (i, node) in laid.nodes.iter().enumerate() {
        let (role, _) = struct_role(node.role);
        let mut element = pdf.struct_element(refs.nodes[i]);
        element.kind(role);
        element.parent(node.parent.map(|p| refs.nodes[p]).unwrap_or(refs.struct_root));
        if node.role == Role::TH {
            element.attributes().push().table().scope(TableHeaderScope::Column);
        }
        if let Some(alt) = &node.alt {
            element.alt(TextStr(alt));
        }
        if let Some([left, bottom, right, top]) = node.bbox {
            element.attributes().push().layout().bbox(Rect::new(left, bottom, right, top));
        }
        let mut kids = element.children();
        for child in &node.children {
            kids.struct_element(refs.nodes[*child]);
        }
        for (page, mcid) in &owned[i] {
            kids.marked_content_ref().marked_content_id(*mcid).page(refs.pages[*page].0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use osa_core::report::{Block, Table};

    fn sample() -> Document {
        Document {
            title: "Organisation One: Test framework return".into(),
            language: "en-GB".into(),
            blocks: vec![
                Block::heading(1, "Organisation One: Test framework return"),
                Block::labelled("Narrative evidence", "Named on “posters” – in every hall."),
                Block::Table(Table {
                    header: vec!["Criterion".into(), "Answer".into()],
                    rows: vec![vec!["1.1 We have a named lead.".into(), "Met".into()]],
                }),
            ],
        }
    }

    #[test]
    fn a_pdf_is_written_with_its_title_language_and_structure() {
        let bytes = render(&sample());
        assert!(bytes.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Lang (en-GB)"));
        assert!(text.contains("/Title (Organisation One: Test framework return)"));
        assert!(text.contains("/StructTreeRoot"));
        assert!(text.contains("/Marked true"));
        assert!(text.contains("/DisplayDocTitle true"));
        assert!(text.contains("/BaseFont /Helvetica-Bold"));
        for role in ["/H1", "/P", "/Table", "/TR", "/TH", "/TD"] {
            assert!(text.contains(&format!("/S {role}")), "no {role} element");
        }
        assert!(text.contains("/Scope /Column"));
    }
}
