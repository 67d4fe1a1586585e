//! Wrapping, pagination, footers and table layout.

use super::*;

fn text_of(laid: &Laid) -> Vec<String> {
    laid.pages
        .iter()
        .map(|p| {
            p.iter()
                .filter_map(|i| match i {
                    Item::Text { bytes, .. } => Some(String::from_utf8_lossy(bytes).into_owned()),
                    Item::Rule { .. } | Item::Chart { .. } => None,
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn doc(blocks: Vec<Block>) -> Document {
    Document { title: "A test".into(), language: "en-GB".into(), blocks }
}

#[test]
fn long_paragraphs_wrap_within_the_margins_and_run_onto_new_pages() {
    let long = "Safeguarding is everyone's responsibility. ".repeat(400);
    let laid = lay_out(&doc(vec![Block::labelled("Narrative evidence", long.trim())]));
    assert!(laid.pages.len() > 2, "{} pages", laid.pages.len());
    for page in &laid.pages {
        for item in page {
            if let Item::Text { x, y, face, size, bytes, .. } = item {
                assert!(*x >= MARGIN - 0.01);
                let visible = bytes.trim_ascii_end();
                assert!(
                    x + text_width(*face, visible, *size) <= MARGIN + WIDTH + 0.02,
                    "overflows: {bytes:?}"
                );
                assert!(*y > 0.0 && *y < PAGE_HEIGHT);
            }
        }
    }
    let all: String = text_of(&laid).join("\n");
    let words = all.split_whitespace().filter(|w| *w == "everyone's").count();
    assert_eq!(words, 400, "no word is lost or split");
    assert!(all.starts_with("Narrative evidence: \nSafeguarding"), "a bold label, then the text");
}

#[test]
fn line_breaks_are_kept_and_very_long_words_are_broken() {
    let laid = lay_out(&doc(vec![Block::paragraph(format!("first\nsecond {}", "x".repeat(300)))]));
    let page = &text_of(&laid)[0];
    let lines: Vec<&str> = page.lines().collect();
    assert_eq!(lines[0], "first ", "a hard break keeps a space for readers that join lines");
    assert!(lines[1].starts_with("second"));
    assert!(lines.iter().filter(|l| l.starts_with('x')).count() >= 1);
    assert_eq!(page.matches('x').count(), 300);
}

#[test]
fn every_page_has_a_footer_with_its_number() {
    let blocks = (0..120).map(|i| Block::heading(2, format!("Standard {i}"))).collect();
    let laid = lay_out(&doc(blocks));
    let n = laid.pages.len();
    assert!(n > 1);
    for (i, page) in text_of(&laid).iter().enumerate() {
        assert!(page.ends_with(&format!("A test\nPage {} of {n}", i + 1)), "{page}");
    }
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    let mut blocks = Vec::new();
    for i in 0..60 {
        blocks.push(Block::heading(3, format!("Criterion {i}")));
        blocks.push(Block::paragraph("One line of evidence."));
    }
    let laid = lay_out(&doc(blocks));
    for page in &laid.pages {
        let last_tagged = page.iter().rev().find_map(|i| match i {
            Item::Text { tag: Some(t), .. } => Some(*t),
            _ => None,
        });
        assert_ne!(last_tagged.map(|t| laid.nodes[t].role), Some(Role::H3));
    }
}

#[test]
fn tables_repeat_their_header_row_as_decoration_on_each_new_page() {
    let rows = (0..150).map(|i| vec![format!("Criterion {i}"), "Met".to_owned()]).collect();
    let table = Table { header: vec!["Criterion".into(), "Answer".into()], rows };
    let laid = lay_out(&doc(vec![Block::Table(table)]));
    assert!(laid.pages.len() > 1);
    for page in &laid.pages {
        let first = page.iter().find_map(|i| match i {
            Item::Text { bytes, tag, .. } => Some((bytes.clone(), *tag)),
            _ => None,
        });
        assert_eq!(first.as_ref().map(|f| f.0.as_slice()), Some(&b"Criterion"[..]));
    }
    let headers = laid.nodes.iter().filter(|n| n.role == Role::TH).count();
    assert_eq!(headers, 2, "the header row is in the structure once");
    let rows = laid.nodes.iter().filter(|n| n.role == Role::TR).count();
    assert_eq!(rows, 151);
    let tagged_headers: usize = laid
        .pages
        .iter()
        .flatten()
        .filter(|i| matches!(i, Item::Text { tag: Some(t), .. } if laid.nodes[*t].role == Role::TH))
        .count();
    assert_eq!(tagged_headers, 2);
}

#[test]
fn a_cell_taller_than_a_page_goes_on_over_the_next() {
    let table = Table {
        header: vec!["Criterion".into(), "Answer".into()],
        rows: vec![vec!["1.1".into(), "word ".repeat(3000)]],
    };
    let laid = lay_out(&doc(vec![Block::Table(table)]));
    assert!(laid.pages.len() >= 2);
    let all = text_of(&laid).join("\n");
    assert_eq!(all.split_whitespace().filter(|w| *w == "word").count(), 3000);
}

#[test]
fn columns_share_the_width_and_respect_their_headers() {
    let t = Table {
        header: vec!["Criterion".into(), "Answer".into()],
        rows: vec![vec!["A very long question ".repeat(10), "Partially met".into()]],
    };
    let w = column_widths(&t);
    assert!((w.iter().sum::<f32>() - WIDTH).abs() < 0.01);
    assert!(w[1] >= WIDTH / 6.0 - 0.01);
    assert!(w[0] > w[1]);
    let short = Table { header: vec!["A".into(), "B".into()], rows: vec![vec!["x".into(), "y".into()]] };
    assert!((column_widths(&short).iter().sum::<f32>() - WIDTH).abs() < 0.01);
}

#[test]
fn replaced_characters_are_owned_up_to_in_the_document() {
    let clean = text_of(&lay_out(&doc(vec![Block::paragraph("Named in English")]))).join(" ");
    assert!(!clean.contains("question mark"));
    let laid = lay_out(&doc(vec![Block::paragraph("Named in 中文")]));
    let all = text_of(&laid).join(" ");
    assert!(all.contains("Named in ??"));
    assert!(all.split_whitespace().collect::<Vec<_>>().join(" ").contains("appear as a question mark"));
}

fn chart(bars: usize) -> osa_core::report::Chart {
    use osa_core::report::{Bar, Chart, Series, Tone};
    Chart {
        title: "Standards met".into(),
        description: "Most were met.".into(),
        series: vec![
            Series { name: "Met".into(), tone: Tone::Green },
            Series { name: "Not met".into(), tone: Tone::Red },
        ],
        bars: (0..bars).map(|i| Bar { label: format!("Sector {i}"), widths: vec![70, 30] }).collect(),
    }
}

#[test]
fn a_chart_is_one_figure_with_its_caption_before_it() {
    let laid =
        lay_out(&doc(vec![Block::paragraph("Before."), Block::Chart(chart(3)), Block::paragraph("After.")]));
    let roles: Vec<Role> = laid.nodes[0].children.iter().map(|c| laid.nodes[*c].role).collect();
    assert_eq!(roles, [Role::P, Role::P, Role::Figure, Role::P]);
    let figure = laid.nodes.iter().position(|n| n.role == Role::Figure).unwrap();
    assert_eq!(laid.nodes[figure].alt.as_deref(), Some("Most were met."));
    let [left, bottom, right, top] = laid.nodes[figure].bbox.unwrap();
    assert!(left >= MARGIN - 0.01 && right <= MARGIN + WIDTH + 0.01 && bottom > BOTTOM && top <= TOP);
    let charts: Vec<&Item> = laid.pages[0].iter().filter(|i| matches!(i, Item::Chart { .. })).collect();
    assert_eq!(charts.len(), 1);
    assert!(matches!(charts[0], Item::Chart { tag: Some(t), .. } if *t == figure));
    // The caption's text is real text in the caption paragraph, above the drawing.
    let caption = laid.pages[0].iter().find_map(|i| match i {
        Item::Text { bytes, y, tag: Some(t), .. } if bytes == b"Standards met" => Some((*y, *t)),
        _ => None,
    });
    let (caption_y, caption_tag) = caption.expect("a caption");
    assert_eq!(laid.nodes[caption_tag].role, Role::P);
    assert!(caption_y > top);
}

#[test]
fn a_chart_taller_than_a_page_is_drawn_in_parts_on_pages_of_their_own() {
    let laid = lay_out(&doc(vec![Block::paragraph("Before."), Block::Chart(chart(90))]));
    let parts: Vec<(usize, &Geometry)> = laid
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, items)| {
            items.iter().filter_map(move |i| match i {
                Item::Chart { geometry, top, .. } => {
                    assert!(top - geometry.height >= BOTTOM - 0.01, "inside the page");
                    Some((p, geometry))
                }
                _ => None,
            })
        })
        .collect();
    assert!(parts.len() >= 3, "{} parts", parts.len());
    let pages: Vec<usize> = parts.iter().map(|(p, _)| *p).collect();
    assert!(pages.windows(2).all(|w| w[0] < w[1]), "one part a page");
    assert_eq!(laid.nodes.iter().filter(|n| n.role == Role::Figure).count(), 1, "one figure");
    let text = text_of(&laid);
    assert!(text[pages[1]].contains("Standards met (continued)"));
    let continued_tagged = laid.pages[pages[1]]
        .iter()
        .any(|i| matches!(i, Item::Text { bytes, tag: Some(_), .. } if bytes.starts_with(b"Standards met")));
    assert!(!continued_tagged, "the repeated caption is decoration");
}
