//! Charts in the downloads: a document with a chart, written as Word and PDF, read
//! back the way a reader's software would (the zip's parts, lopdf's text and
//! structure tree).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

use std::io::{Cursor, Read};

use lopdf::Object;
use osa_core::report::{Bar, Block, Chart, Document, Series, Table, Tone};
use osa_server::exports::{docx, pdf};

const CAPTION: &str = "Standards met, by sector";
const ALT: &str = "A bar chart: police met 50% of standards, schools 10%; no faith groups answered.";

fn chart() -> Chart {
    Chart {
        title: CAPTION.into(),
        description: ALT.into(),
        series: vec![
            Series { name: "Met".into(), tone: Tone::Green },
            Series { name: "Partly met".into(), tone: Tone::Amber },
            Series { name: "Not met".into(), tone: Tone::Red },
            Series { name: "Not applicable".into(), tone: Tone::Grey },
        ],
        bars: vec![
            Bar { label: "Police".into(), widths: vec![50, 25, 25, 0] },
            Bar { label: "Schools".into(), widths: vec![10, 30, 40, 20] },
            Bar { label: "Faith groups".into(), widths: vec![0, 0, 0, 0] },
        ],
    }
}

fn document() -> Document {
    let chart = chart();
    let table = chart.as_table();
    Document {
        title: "Kestrel Vale board report".into(),
        language: "en-GB".into(),
        blocks: vec![
            Block::heading(1, "Kestrel Vale board report"),
            Block::paragraph("How the area answered."),
            Block::Chart(chart),
            Block::Table(Table { header: table.header, rows: table.rows }),
            Block::paragraph("After the chart."),
        ],
    }
}

fn zip_part(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    zip.by_name(name).expect(name).read_to_end(&mut out).unwrap();
    out
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned()).collect()
}

#[test]
fn a_docx_chart_is_an_image_with_alt_text_under_its_caption() {
    let bytes = docx::render(&document()).unwrap();
    let xml = String::from_utf8(zip_part(&bytes, "word/document.xml")).unwrap();

    let drawing = xml.find("<w:drawing>").expect("a drawing");
    let caption = xml.find(&format!(">{CAPTION}<")).expect("the caption as text");
    let after = xml.find(">After the chart.<").unwrap();
    assert!(caption < drawing && drawing < after, "caption, image, then what follows");
    assert_eq!(xml.matches("<w:drawing>").count(), 1);
    assert!(xml.contains(&format!(r#"descr="{ALT}""#)), "the description is the image's alt text");
    assert!(xml.contains("<wp:inline"), "the image sits in the text, where it was put");

    let media: Vec<String> = zip_names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let png = zip_part(&bytes, &media[0]);
    let image = tiny_skia::Pixmap::decode_png(&png).expect("a PNG that decodes");
    // The text width (9638 twentieths of a point) at 3 pixels to the point.
    assert_eq!(image.width(), 1446);
    assert!(image.height() > 150 && image.height() < 600, "{}", image.height());
    // Sized in the document to the text width, in proportion.
    let extent = xml.split("<wp:extent ").nth(1).unwrap();
    let number = |key: &str| -> f64 {
        extent.split(&format!("{key}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    assert_eq!(number("cx"), 9638.0 * 635.0);
    let ratio = number("cy") / number("cx");
    assert!((ratio - image.height() as f64 / image.width() as f64).abs() < 0.005);
    let rels = String::from_utf8(zip_part(&bytes, "word/_rels/document.xml.rels")).unwrap();
    let target = media[0].trim_start_matches("word/");
    assert!(rels.contains(&format!(r#"Target="{target}""#)), "{rels}");
    let types = String::from_utf8(zip_part(&bytes, "[Content_Types].xml")).unwrap();
    assert!(types.contains(r#"Extension="png""#), "{types}");
}

/// The text of every page, as a reader's search would see it.
fn pdf_text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("extractable text")
}

/// Every structure element of a kind, by walking the tree from its root.
fn struct_elements<'a>(doc: &'a lopdf::Document, kind: &[u8]) -> Vec<&'a lopdf::Dictionary> {
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![root.get(b"K").unwrap().clone()];
    while let Some(kid) = stack.pop() {
        match kid {
            Object::Reference(id) => {
                if let Ok(element) = doc.get_dictionary(id) {
                    if element.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(kind) {
                        out.push(element);
                    }
                    if let Ok(kids) = element.get(b"K") {
                        stack.push(kids.clone());
                    }
                }
            }
            Object::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

#[test]
fn a_pdf_chart_is_a_tagged_figure_with_alt_text_and_real_text() {
    let bytes = pdf::render(&document());
    let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    let text = pdf_text(&doc);
    for expected in
        [CAPTION, "Met", "Partly met", "Not met", "Not applicable", "Police", "Schools", "Faith groups"]
    {
        assert!(text.contains(expected), "no {expected:?} in {text}");
    }
    assert!(text.contains("Nothing counted"), "the empty bar says so");
    assert!(text.contains("100%") && text.contains("50%"), "the scale and the figures");
    assert!(text.find(CAPTION).unwrap() < text.find("Partly met").unwrap(), "the caption comes first");

    let figures = struct_elements(&doc, b"Figure");
    assert_eq!(figures.len(), 1);
    let alt = figures[0].get(b"Alt").expect("alt text").as_str().unwrap();
    assert_eq!(alt, ALT.as_bytes());
    assert!(figures[0].get(b"K").is_ok(), "the figure owns the drawing's content");
    let attributes = doc.dereference(figures[0].get(b"A").expect("layout attributes")).unwrap().1;
    let bbox = match attributes {
        Object::Array(list) => {
            doc.dereference(&list[0]).unwrap().1.as_dict().unwrap().get(b"BBox").unwrap().clone()
        }
        other => other.as_dict().unwrap().get(b"BBox").unwrap().clone(),
    };
    assert_eq!(bbox.as_array().unwrap().len(), 4);
    // The caption is a paragraph of its own, outside the figure, so it is read.
    assert!(struct_elements(&doc, b"P").len() >= 3);
    // The drawing's colours are GOV.UK green, orange and red.
    let content = doc.get_page_content(*doc.get_pages().values().next().unwrap());
    let content = String::from_utf8_lossy(&content);
    for rgb in [
        "0 0.4392157 0.23529412 rg",
        "0.95686275 0.46666667 0.21960784 rg",
        "0.83137256 0.20784314 0.10980392 rg",
    ] {
        assert!(content.contains(rgb), "no {rgb}");
    }
}

#[test]
fn a_pdf_chart_is_never_split_across_a_page() {
    let mut blocks = vec![Block::heading(1, "Long")];
    // Enough paragraphs to leave too little room for the chart on the first page.
    blocks.extend((0..28).map(|i| Block::paragraph(format!("Line {i}"))));
    blocks.push(Block::Chart(chart()));
    let doc = Document { title: "Long".into(), language: "en-GB".into(), blocks };
    let pdf = lopdf::Document::load_mem(&pdf::render(&doc)).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), 2);
    let first = pdf.extract_text(&[pages[0]]).unwrap();
    let second = pdf.extract_text(&[pages[1]]).unwrap();
    assert!(first.contains("Line 27"), "{first}");
    for part in [CAPTION, "Partly met", "Police", "Faith groups", "100%"] {
        assert!(second.contains(part) && !first.contains(part), "{part} belongs on page 2 only");
    }
}
