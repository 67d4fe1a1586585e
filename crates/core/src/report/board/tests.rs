use super::fixtures;
use super::*;
use crate::report::Block;

#[test]
fn the_response_rate_is_14_of_20_with_the_confirmed_non_submissions_named() {
    let f = fixtures::figures();
    let r = &f.response;
    assert_eq!(
        (r.invited, r.submitted, r.confirmed_non_submission, r.in_progress, r.not_started),
        (20, 14, 2, 3, 1)
    );
    assert_eq!(r.rate_percent, 70, "14 / 20 by hand");
    assert_eq!(
        response_sentence(r),
        "14 of 20 organisations invited (70%) submitted a return. Non-submission was confirmed in advance for 2: \
         Org 15 (Closed in March); Org 16 (Closed in March). They are counted among those invited. 4 others had \
         not submitted (3 in progress, 1 not started)."
    );
}

#[test]
fn each_standard_states_its_denominator_and_who_is_left_out() {
    let f = fixtures::figures();
    let one = &f.standards[0];
    assert_eq!((one.counted, one.fully_met.count, one.fully_met.percent), (14, 8, 57), "8 / 14 = 57.1");
    assert_eq!(
        standard_sentence(one),
        "Of the 14 organisations for whom this standard applies, 8 (57%) fully met it, 4 (29%) partially met it \
         and 2 (14%) did not meet it."
    );
    let two = &f.standards[1];
    // 13 apply: 10 green (76.9), 2 amber (15.4), 1 red (7.7): each rounded on its own.
    assert_eq!((two.counted, two.not_applicable), (13, 1));
    assert_eq!(
        standard_sentence(two),
        "Of the 13 organisations for whom this standard applies, 10 (77%) fully met it, 2 (15%) partially met it \
         and 1 (8%) did not meet it; 1 answered it not applicable."
    );
    let mut none = two.clone();
    none.counted = 0;
    none.not_applicable = 14;
    assert_eq!(
        standard_sentence(&none),
        "No organisation that submitted a return was assessed against this standard; 14 answered it not applicable."
    );
}

#[test]
fn sections_read_as_their_default_until_written_and_round_trip_as_json() {
    let mut w = Words::default();
    assert_eq!(w.text(Section::Purpose), Section::Purpose.default_text());
    assert!(!w.is_written(Section::Purpose));
    w.set(Section::Purpose, String::new());
    assert_eq!(w.text(Section::Purpose), "", "a section left blank on purpose stays blank");
    w.set(Section::Summary, "Most agencies met the standards.".into());
    w.set_finding("1", Finding { strengths: "Strong boards.".into(), areas: "Supervision.".into() });
    let back = Words::parse(&w.to_json()).unwrap();
    assert_eq!(back, w);
    assert_eq!(back.finding("2"), Finding::default());
    assert!(Words::parse("not json").is_err());
    for s in Section::ALL {
        assert_eq!(Section::from_code(s.code()), Some(*s));
        assert!(!s.default_text().is_empty() && !s.hint().is_empty());
    }
}

#[test]
fn text_is_kept_as_typed_up_to_the_limit() {
    assert_eq!(check_text("One.\r\nTwo.  \n").unwrap(), "One.\nTwo.");
    assert!(check_text(&"a".repeat(MAX_WORDS_CHARS)).is_ok());
    assert_eq!(
        check_text(&"a".repeat(MAX_WORDS_CHARS + 1)),
        Err(WordsError::TooLong { len: MAX_WORDS_CHARS + 1, max: MAX_WORDS_CHARS })
    );
}

fn headings(doc: &crate::report::Document, level: u8) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: l, text } if *l == level => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_report_has_every_section_and_appendix_in_order() {
    let f = fixtures::figures();
    let doc = document(&Words::default(), &f, &Status::Draft { as_at: "1 July 2025 at 9:00am".into() });
    assert_eq!(doc.title, "Kestrel Safeguarding Children Partnership: Section 11 audit 2025 board report");
    assert_eq!(
        headings(&doc, 2),
        [
            "Summary",
            "Purpose and statutory basis",
            "Background",
            "Methodology",
            "Response rate",
            "Participating organisations",
            "Findings",
            "Multi-agency themes",
            "Recommendations",
            "Next steps",
            "Appendix A: results per standard",
            "Appendix B: standings by organisation",
            "Appendix C: assurance meetings",
            "Appendix D: the framework",
        ]
    );
    let text = doc.plain_text();
    assert!(text.contains("Draft. The figures are live"));
    assert!(text.contains("14 of 20 organisations invited (70%) submitted a return."));
    assert!(text.contains("1 meeting held of 1 arranged"));
    assert!(text.contains("Neglect\nAction | Lead group | Target date | Status\nAgree a neglect strategy"));
    assert!(text.contains("14 organisations submitted a return."));
    assert!(text.contains("Org 01 | Green | Green"));
    assert!(text.contains("Strengths: None written."));
}

#[test]
fn every_chart_is_followed_by_a_table_of_its_figures_with_counts() {
    let f = fixtures::figures();
    let doc = document(&Words::default(), &f, &Status::Draft { as_at: "now".into() });
    let mut charts = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Block::Chart(c) = b {
            charts += 1;
            assert_eq!(c.bars.len(), 2);
            assert_eq!(c.bars[0].widths, [57, 29, 14]);
            assert_eq!(c.bars[1].widths.iter().sum::<u32>(), 100);
            let Some(Block::Table(t)) = doc.blocks.get(i + 1) else { panic!("a table follows the chart") };
            assert_eq!(t.rows[0], ["1. Leadership", "14", "8 (57%)", "4 (29%)", "2 (14%)", "0"]);
            assert_eq!(t.rows[1], ["2. Safer recruitment", "13", "10 (77%)", "2 (15%)", "1 (8%)", "1"]);
        }
    }
    assert_eq!(charts, 2, "in the findings and in appendix A");
}

#[test]
fn written_words_and_findings_replace_the_drafts() {
    let f = fixtures::figures();
    let mut w = Words::default();
    w.set(Section::Recommendations, "First.\n\nSecond.".into());
    w.set_finding("2", Finding { strengths: "DBS checks are done.".into(), areas: String::new() });
    let doc = document(
        &w,
        &f,
        &Status::Finalised {
            on: "3 October 2025".into(),
            figures_as_at: "3 October 2025 at 10:00am".into(),
            by: "Ann Analyst".into(),
        },
    );
    let text = doc.plain_text();
    assert!(
        text.contains("Finalised on 3 October 2025 by Ann Analyst, figures as at 3 October 2025 at 10:00am.")
    );
    assert!(
        text.contains("Recommendations\nFirst.\nSecond.\nNext steps"),
        "a paragraph per line, blank lines dropped"
    );
    assert!(!text.contains(Section::Recommendations.default_text()));
    assert!(text.contains("Strengths: DBS checks are done.\nAreas for development: None written."));
}

#[test]
fn frozen_figures_give_the_same_report() {
    let f = fixtures::figures();
    let back = Figures::parse(&f.to_json()).unwrap();
    assert_eq!(back, f);
    let status = Status::Draft { as_at: "now".into() };
    assert_eq!(document(&Words::default(), &back, &status), document(&Words::default(), &f, &status));
}

/// The headings of a document, with their levels, in order.
fn all_headings(doc: &crate::report::Document) -> Vec<(u8, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn another_frameworks_results_stand_apart_under_its_name_in_both_appendices() {
    let mut f = fixtures::figures();
    let plain = document(&Words::default(), &f, &Status::Draft { as_at: "now".into() });
    let mut short = f.standards[0].clone();
    short.title = "Who is responsible".into();
    f.other_frameworks.push(OtherFramework {
        name: "Short framework (version 1)".into(),
        asked: "6 of 9 organisations asked have submitted (67%).".into(),
        standards: vec![short],
        shares_basis: "Shares are of the 6 organisations for whom this standard applies.".into(),
        heat: vec![HeatRow { name: "Small club".into(), cells: vec!["Amber".into()] }],
    });
    let doc = document(&Words::default(), &f, &Status::Draft { as_at: "now".into() });
    let all = all_headings(&doc);
    let at =
        |text: &str| all.iter().position(|(_, t)| t == text).unwrap_or_else(|| panic!("{text}: {all:?}"));
    let (a, b, c) = (
        at("Appendix A: results per standard"),
        at("Appendix B: standings by organisation"),
        at("Appendix C: assurance meetings"),
    );
    let named: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (l, t))| *l == 3 && t == "Short framework (version 1)")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(named.len(), 2, "once in each appendix: {all:?}");
    assert!(a < named[0] && named[0] < b && b < named[1] && named[1] < c, "{all:?}");
    let main: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (l, t))| *l == 3 && *t == f.framework.name)
        .map(|(i, _)| i)
        .collect();
    assert!(main.len() == 2 && main[0] < named[0] && main[1] < named[1], "the main framework first: {all:?}");
    // Its standings table holds its own returns, under its own standards.
    let small_club = doc.blocks.iter().any(|b| match b {
        Block::Table(t) => {
            t.header == ["Organisation", "1"] && t.rows == [vec!["Small club".to_owned(), "Amber".to_owned()]]
        }
        _ => false,
    });
    assert!(small_club, "{:?}", doc.blocks);
    assert!(!all_headings(&plain).contains(&(3, "Short framework (version 1)".to_owned())));
    assert!(
        !all_headings(&plain).contains(&(3, f.framework.name.clone())),
        "no framework headings with one framework"
    );
}

#[test]
fn a_report_frozen_before_other_frameworks_were_kept_still_reads() {
    let f = fixtures::figures();
    let mut json: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
    json.as_object_mut().unwrap().remove("other_frameworks");
    let back = Figures::parse(&json.to_string()).unwrap();
    assert_eq!(back, f, "read with no other framework");
}
