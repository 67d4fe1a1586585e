//! Word files from a [`Document`], with docx-rs.
//!
//! Headings use Word's own "Heading 1" to "Heading 3" styles (with outline levels),
//! so the navigation pane and screen readers list them; tables have a header row
//! marked as one, repeated on each page. docx-rs cannot yet set the document's
//! title, its language or a header row, so those three are written into the package
//! parts it builds, just before they are zipped (each checked by a test below).
//!
//! A chart is its caption (a bold paragraph kept with what follows) over a PNG image
//! drawn from the shared chart geometry, as wide as the text. docx-rs gives every
//! image the same drawing id and no alternative text, so both are set the same way,
//! in `document.xml`, before zipping.

use std::io::Cursor;

use docx_rs::{
    Docx, LineSpacing, Paragraph, Pic, Run, RunFonts, Style, StyleType, Table as DocxTable, TableCell,
    TableLayoutType, TableRow, WidthType,
};
use osa_core::report::{Block, Chart, Document, Table};

use super::chart::{geometry, png};

/// The text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;
/// The text height of that page, in points, less room for a chart's caption.
const CHART_HEIGHT: f32 = (16838.0 - 2.0 * 1134.0) / 20.0 - 60.0;
/// English Metric Units (how drawings are sized) in a point.
const EMU_PER_POINT: f32 = 12700.0;
/// How docx-rs names every drawing; replaced by [`with_alt_text`].
const DRAWING_PROPERTIES: &str = r#"<wp:docPr id="1" name="Figure" />"#;

/// Writes the document as a Word (DOCX) file.
pub fn render(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            docx_rs::PageMargin::new().top(1134).bottom(1134).left(1134).right(1134).header(567).footer(567),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120).line(276));
    for (level, size) in [(1, 36), (2, 30), (3, 25)] {
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .bold()
                .size(size)
                .outline_lvl(level - 1),
        );
    }
    // Each chart image's alternative text, in order.
    let mut alt_texts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = format!("Heading{}", level.clamp(&1, &3));
                docx = docx.add_paragraph(
                    Paragraph::new().style(&style).keep_next(true).add_run(Run::new().add_text(clean(text))),
                );
            }
            Block::Paragraph { label, text } => {
                for (i, line) in text.split('\n').enumerate() {
                    let mut p = Paragraph::new();
                    if let (0, Some(label)) = (i, label) {
                        p = p.add_run(Run::new().bold().add_text(format!("{}: ", clean(label))));
                    }
                    docx = docx
                        .add_paragraph(p.add_run(Run::new().add_text(clean(line.trim_end_matches('\r')))));
                }
            }
            Block::Table(t) => docx = docx.add_table(table(t)),
            Block::Chart(c) => {
                docx = docx.add_paragraph(
                    Paragraph::new().keep_next(true).add_run(Run::new().bold().add_text(clean(&c.title))),
                );
                for (image, alt) in chart_images(c, alt_texts.len())? {
                    docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_image(image)));
                    alt_texts.push(alt);
                }
            }
        }
    }
    let mut parts = docx.build();
    parts.doc_props.core = core_properties(doc).into_bytes();
    parts.styles = with_language(&parts.styles, &doc.language)?;
    parts.document = with_header_rows(&parts.document)?;
    parts.document = with_alt_text(&parts.document, &alt_texts)?;
    let mut out = Cursor::new(Vec::new());
    parts.pack(&mut out)?;
    Ok(out.into_inner())
}

/// A chart as images as wide as the text, each short enough for a page (a long
/// chart is drawn in parts, each with its legend and scale), and their alt texts.
/// `before` is how many chart images came earlier in the document.
fn chart_images(chart: &Chart, before: usize) -> anyhow::Result<Vec<(Pic, String)>> {
    let width = TEXT_WIDTH as f32 / 20.0;
    let parts = geometry::split_to_fit(chart, width, CHART_HEIGHT);
    let count = parts.len();
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let drawing = geometry::lay_out(part, width);
        let image = png::render(&drawing)?;
        let emu = |points: f32| (points * EMU_PER_POINT).round() as u32;
        let pic = Pic::new_with_dimensions(image.png, image.width, image.height)
            .id(format!("rIdChart{}", before + i + 1))
            .size(emu(drawing.width), emu(drawing.height));
        let alt = if count == 1 {
            chart.description.clone()
        } else {
            format!("{} (part {} of {count})", chart.description, i + 1)
        };
        out.push((pic, alt));
    }
    Ok(out)
}

fn table(t: &Table) -> DocxTable {
    let columns = t.header.len().max(1);
    let width = TEXT_WIDTH / columns;
    let cell = |text: &str, header: bool| {
        let run = Run::new().add_text(clean(text));
        let run = if header { run.bold() } else { run };
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(Paragraph::new().add_run(run))
    };
    // `cant_split` marks the header row so that it can be made a real one below.
    let header = TableRow::new(t.header.iter().map(|h| cell(h, true)).collect()).cant_split();
    let rows = t.rows.iter().map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect()));
    DocxTable::new(std::iter::once(header).chain(rows).collect())
        .set_grid(vec![width; columns])
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Characters XML 1.0 cannot hold are left out (they cannot be typed into osa's
/// forms anyway, but a file must never be broken by one).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

fn escape(text: &str) -> String {
    clean(text).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `docProps/core.xml` with the document's title and language.
fn core_properties(doc: &Document) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:language>{}</dc:language><dc:creator>osa</dc:creator>",
            "</cp:coreProperties>"
        ),
        escape(&doc.title),
        escape(&doc.language)
    )
}

/// Sets the language of all text, in the default run properties of `styles.xml`.
fn with_language(styles: &[u8], language: &str) -> anyhow::Result<Vec<u8>> {
    let xml = std::str::from_utf8(styles)?;
    // Last in the run properties, where Word's schema puts the language.
    let marker = "</w:rPr></w:rPrDefault>";
    anyhow::ensure!(xml.contains(marker), "docx-rs wrote no default run properties");
    let lang = escape(language);
    Ok(xml.replacen(marker, &format!("<w:lang w:val=\"{lang}\" />{marker}"), 1).into_bytes())
}

/// Gives each drawing, in order, its own id and its alternative text.
fn with_alt_text(document: &[u8], alt_texts: &[String]) -> anyhow::Result<Vec<u8>> {
    let xml = std::str::from_utf8(document)?;
    let pieces: Vec<&str> = xml.split(DRAWING_PROPERTIES).collect();
    anyhow::ensure!(pieces.len() == alt_texts.len() + 1, "docx-rs wrote an unexpected number of drawings");
    let mut out = String::with_capacity(xml.len());
    for (i, piece) in pieces.iter().enumerate() {
        out.push_str(piece);
        if let Some(alt) = alt_texts.get(i) {
            let n = i + 1;
            out.push_str(&format!(r#"<wp:docPr id="{n}" name="Chart {n}" descr="{}" />"#, escape(alt)));
        }
    }
    Ok(out.into_bytes())
}

/// Turns every marked row into a header row that repeats on each page.
fn with_header_rows(document: &[u8]) -> anyhow::Result<Vec<u8>> {
    let xml = std::str::from_utf8(document)?;
    Ok(xml.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />").into_bytes())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample() -> Document {
        Document {
            title: "Organisation One & Co: Test framework return".into(),
            language: "en-GB".into(),
            blocks: vec![
                Block::heading(1, "Organisation One & Co: Test framework return"),
                Block::heading(2, "1. Who is responsible"),
                Block::labelled(
                    "Narrative evidence",
                    "Named on “posters”.\nSecond line <b>not bold</b>\u{1}",
                ),
                Block::Table(Table {
                    header: vec!["Criterion".into(), "Answer".into()],
                    rows: vec![vec!["1.1 We have a named lead.".into(), "Met".into()]],
                }),
                Block::heading(3, "1.1 We have a named lead."),
            ],
        }
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn headings_use_words_own_heading_styles() {
        let bytes = render(&sample()).unwrap();
        let document = part(&bytes, "word/document.xml");
        for level in 1..=3 {
            assert!(document.contains(&format!(r#"<w:pStyle w:val="Heading{level}" />"#)), "{document}");
        }
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"<w:name w:val="heading 2" />"#));
        assert!(styles.contains(r#"<w:outlineLvl w:val="1" />"#));
    }

    #[test]
    fn tables_have_a_header_row() {
        let document = part(&render(&sample()).unwrap(), "word/document.xml");
        assert_eq!(document.matches("<w:tblHeader />").count(), 1);
        let header = document.find("<w:tblHeader />").unwrap();
        let criterion = document.find(">Criterion<").unwrap();
        let answer = document.find(">Met<").unwrap();
        assert!(header < criterion && criterion < answer, "the first row is the header");
    }

    #[test]
    fn title_and_language_are_set() {
        let bytes = render(&sample()).unwrap();
        let core = part(&bytes, "docProps/core.xml");
        assert!(core.contains("<dc:title>Organisation One &amp; Co: Test framework return</dc:title>"));
        assert!(core.contains("<dc:language>en-GB</dc:language>"));
        assert!(
            part(&bytes, "word/styles.xml").contains(r#"<w:lang w:val="en-GB" /></w:rPr></w:rPrDefault>"#)
        );
    }

    fn chart(bars: usize) -> Block {
        use osa_core::report::{Bar, Series, Tone};
        Block::Chart(Chart {
            title: "Standards met".into(),
            description: "Most standards were met by the \"police\" & councils.".into(),
            series: vec![
                Series { name: "Met".into(), tone: Tone::Green },
                Series { name: "Not met".into(), tone: Tone::Red },
            ],
            bars: (0..bars).map(|i| Bar { label: format!("Sector {i}"), widths: vec![60, 40] }).collect(),
        })
    }

    fn media(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
            .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
            .collect();
        let mut out = Vec::new();
        for name in names {
            let mut data = Vec::new();
            zip.by_name(&name).unwrap().read_to_end(&mut data).unwrap();
            out.push((name, data));
        }
        out.sort();
        out
    }

    #[test]
    fn a_chart_is_its_caption_over_an_image_as_wide_as_the_text_with_alt_text() {
        let mut doc = sample();
        doc.blocks.push(chart(3));
        let bytes = render(&doc).unwrap();
        let document = part(&bytes, "word/document.xml");
        let caption = document.find(">Standards met<").expect("the caption is a paragraph");
        let drawing = document.find("<w:drawing>").expect("a drawing");
        assert!(caption < drawing);
        assert!(document.contains(
            r#"<wp:docPr id="1" name="Chart 1" descr="Most standards were met by the &quot;police&quot; &amp; councils." />"#
        ));
        assert!(!document.contains(">Sector 0<"), "the figures are not written out as a table here");
        let width_emu = TEXT_WIDTH as u64 * 635;
        assert!(document.contains(&format!(r#"<wp:extent cx="{width_emu}" "#)), "{document}");
        let images = media(&bytes);
        assert_eq!(images.len(), 1);
        let pixmap = tiny_skia::Pixmap::decode_png(&images[0].1).unwrap();
        assert_eq!(pixmap.width(), (TEXT_WIDTH as f32 / 20.0 * png::SCALE).ceil() as u32);
        // The picture keeps the image's proportions.
        let cy: u64 = document
            .split(r#"<wp:extent cx=""#)
            .nth(1)
            .unwrap()
            .split("cy=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let ratio = cy as f32 / width_emu as f32;
        assert!((ratio - pixmap.height() as f32 / pixmap.width() as f32).abs() < 0.01);
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains("media/"), "{rels}");
    }

    #[test]
    fn a_chart_too_long_for_a_page_is_drawn_in_parts_each_with_alt_text() {
        let mut doc = sample();
        doc.blocks.push(chart(80));
        doc.blocks.push(chart(2));
        let bytes = render(&doc).unwrap();
        let document = part(&bytes, "word/document.xml");
        let drawings = document.matches("<w:drawing>").count();
        assert!(drawings >= 3, "{drawings} drawings");
        assert!(document.contains(&format!(r#"name="Chart {drawings}""#)), "every drawing has its own id");
        assert!(document.contains("councils. (part 1 of "));
        assert!(!document.contains(DRAWING_PROPERTIES));
        assert_eq!(media(&bytes).len(), drawings);
        for (_, png) in media(&bytes) {
            let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
            let height_points = pixmap.height() as f32 / png::SCALE;
            assert!(height_points <= CHART_HEIGHT + 1.0, "every part fits a page");
        }
    }

    #[test]
    fn text_is_escaped_kept_and_line_breaks_make_paragraphs() {
        let document = part(&render(&sample()).unwrap(), "word/document.xml");
        assert!(document.contains("Narrative evidence: "));
        assert!(document.contains("Named on “posters”."));
        assert!(document.contains("Second line &lt;b&gt;not bold&lt;/b&gt;"));
        assert!(!document.contains('\u{1}'));
    }
}
