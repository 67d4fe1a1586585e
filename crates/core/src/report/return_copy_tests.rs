//! The return copy built from a snapshot value, as the server stores it.

use super::return_copy::{DECLARATION, ReturnFacts, Submission, build, file_stem, standards};
use super::{Block, SnapshotError, parse_snapshot};
use crate::framework::{Framework, parse};
use crate::tenancy::{DutyStatus, Sector};

const FRAMEWORK: &str = r#"
[framework]
key = "copy"
name = "Copy framework"
audience = "children"
version = 1
description = "For the return copy tests."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a named safeguarding lead."
guidance = "Name them."
evidence = ["Poster"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "1.2"
question = "What percentage of staff are trained?"
guidance = "Trained divided by staff."
evidence = ["List"]
answer = "percentage"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "1.3"
question = "Is the policy published?"
guidance = "On the website."
evidence = ["Link"]
answer = "yes_no"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Policing"
outcome = "Custody is safe."

[[standards.criteria]]
code = "2.1"
question = "Custody staff are trained to spot exploitation."
guidance = "Police only."
evidence = ["Records"]
answer = "rating"
not_applicable = false
narrative_required = true
sectors = ["police"]

[[standards.criteria]]
code = "2.2"
question = "Who do you call about custody?"
guidance = "A name."
evidence = ["Notes"]
answer = "text"
not_applicable = false
narrative_required = false

[[standards]]
code = "3"
title = "Working together"
outcome = "Partners hear from us."

[[standards.criteria]]
code = "3.1"
question = "Describe your work with partners."
guidance = "A few lines."
evidence = ["Notes"]
answer = "text"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "3.2"
question = "How many referrals did you make?"
guidance = "April to March."
evidence = ["Log"]
answer = "number"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "3.3"
question = "Do you attend partnership meetings?"
guidance = "Yes or no."
evidence = ["Minutes"]
answer = "yes_no"
not_applicable = false
narrative_required = false

[[standards]]
code = "4"
title = "Statutory duties"
outcome = "Duties are met."

[[standards.criteria]]
code = "4.1"
question = "We report every year."
guidance = "Statutory only."
evidence = ["Reports"]
answer = "rating"
not_applicable = false
narrative_required = false
duty = ["statutory"]
"#;

const SNAPSHOT: &str = r#"{
  "framework_id": 7,
  "answers": {
    "1.1": {"rating": "partially_met", "yes_no": null, "number": null, "text": null,
            "narrative": "  Named on posters in every hall.  ", "improvement_action": "Add a deputy by June."},
    "1.2": {"rating": null, "yes_no": null, "number": 87.5, "text": null, "narrative": "", "improvement_action": ""},
    "1.3": {"rating": null, "yes_no": true, "number": null, "text": null, "narrative": "", "improvement_action": ""},
    "2.1": {"rating": "not_met", "narrative": "Left over from when we were police.", "improvement_action": ""},
    "2.2": {"text": "The custody sergeant.", "narrative": "", "improvement_action": ""},
    "3.3": {"yes_no": false, "narrative": "", "improvement_action": "Ask for an invitation."},
    "3.1": {"text": "We sit on the board.", "narrative": "", "improvement_action": "", "evidence_files": [1, 2]},
    "3.2": {"number": 12.0, "narrative": "", "improvement_action": ""}
  }
}"#;

fn framework() -> Framework {
    parse(FRAMEWORK).unwrap_or_else(|e| panic!("fixture is invalid: {}", e[0]))
}

fn facts(submitted: bool) -> ReturnFacts {
    ReturnFacts {
        organisation: "St Anne's Youth Club".into(),
        framework_version: 3,
        signed_off_by: "Priya Shah".into(),
        signed_off_at: "23 November 2026 at 2:05pm UTC".into(),
        submission: submitted.then(|| Submission {
            by: "Sam Lee".into(),
            at: "24 November 2026 at 9:00am UTC".into(),
            partnerships: vec!["North Partnership".into(), "South Partnership".into()],
        }),
    }
}

fn copy(submitted: bool) -> super::return_copy::ReturnCopy {
    let snapshot = parse_snapshot(SNAPSHOT).unwrap();
    assert_eq!(snapshot.framework_id, 7);
    build(
        facts(submitted),
        &framework(),
        &snapshot.answers,
        Sector::VoluntaryAndCommunity,
        DutyStatus::Voluntary,
    )
}

#[test]
fn answers_read_in_words_with_their_evidence_and_actions() {
    let copy = copy(true);
    let leadership = &copy.standards[0];
    let c: Vec<_> = leadership.criteria.iter().map(|c| (c.code.as_str(), c.answer.as_str())).collect();
    assert_eq!(c, vec![("1.1", "Partially met"), ("1.2", "87.5%"), ("1.3", "Yes")]);
    assert_eq!(leadership.criteria[0].narrative, "Named on posters in every hall.");
    assert_eq!(leadership.criteria[0].improvement_action, "Add a deputy by June.");
    assert_eq!(leadership.criteria[1].narrative, "None given", "a blank says so");
    let together = &copy.standards[2];
    assert_eq!(together.criteria[0].answer, "We sit on the board.");
    assert_eq!(together.criteria[1].answer, "12");
}

#[test]
fn standings_are_in_words_with_what_they_mean() {
    let copy = copy(true);
    assert_eq!(copy.standards[0].standing, "Amber");
    assert_eq!(
        copy.standards[0].standing_in_words,
        "Amber: at least one criterion is partially met and none is not met"
    );
    assert_eq!(copy.standards[1].standing, "None", "the only rated criterion does not apply");
    assert_eq!(copy.standards[1].standing_in_words, "No standing: none of the criteria that apply is rated");
    assert_eq!(
        copy.standards[2].standing_in_words, "Red: at least one criterion is not met",
        "no counts as not met"
    );
    assert_eq!(copy.standards[2].criteria[2].answer, "No");
    assert_eq!(copy.standards[3].standing, "None");
}

#[test]
fn criteria_that_do_not_apply_are_left_out_even_if_the_snapshot_holds_an_answer() {
    let copy = copy(true);
    let policing = &copy.standards[1];
    let codes: Vec<&str> = policing.criteria.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, vec!["2.2"]);
    let statutory = &copy.standards[3];
    assert!(statutory.criteria.is_empty());
    assert!(statutory.standing_in_words.contains("none of this standard's criteria apply"));
    let text = copy.document().plain_text();
    assert!(!text.contains("Left over from when we were police"));
    assert!(!text.contains("Not met"), "the not-met answer belongs to a criterion that does not apply");
}

#[test]
fn a_criterion_missing_from_the_snapshot_says_no_answer_and_is_not_complete() {
    let mut snapshot = parse_snapshot(SNAPSHOT).unwrap();
    snapshot.answers.remove("1.1");
    let copy = build(
        facts(true),
        &framework(),
        &snapshot.answers,
        Sector::VoluntaryAndCommunity,
        DutyStatus::Voluntary,
    );
    assert_eq!(copy.standards[0].criteria[0].answer, "No answer");
    assert_eq!(copy.standards[0].standing, "Not complete");
    assert_eq!(copy.standards[0].standing_in_words, "Not complete: 2 of 3 criteria were answered in full");
}

#[test]
fn the_document_says_who_signed_off_and_where_it_was_sent() {
    let doc = copy(true).document();
    assert_eq!(doc.title, "St Anne's Youth Club: Copy framework return");
    assert_eq!(doc.language, "en-GB");
    assert_eq!(doc.blocks[0], Block::Heading { level: 1, text: doc.title.clone() });
    let text = doc.plain_text();
    for expected in [
        "Framework: Copy framework, version 3",
        "Status: Submitted",
        "Submitted: 24 November 2026 at 9:00am UTC by Sam Lee",
        "Submitted to: North Partnership, South Partnership",
        "Signed off: 23 November 2026 at 2:05pm UTC by Priya Shah",
        DECLARATION,
        "1. Leadership | Amber",
        "1.1 We have a named safeguarding lead. | Partially met",
        "Narrative evidence: Named on posters in every hall.",
        "Improvement action: Add a deputy by June.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        &headings[1..4],
        &[(2, "Standings"), (2, "1. Leadership"), (3, "1.1 We have a named safeguarding lead.")]
    );
}

#[test]
fn a_return_awaiting_submission_says_so_and_names_no_partnership() {
    let text = copy(false).document().plain_text();
    assert!(text.contains("Status: Signed off, not yet submitted"));
    assert!(!text.contains("Submitted to"));
}

#[test]
fn every_table_row_has_as_many_cells_as_its_header() {
    for block in copy(true).document().blocks {
        if let Block::Table(t) = block {
            assert!(t.rows.iter().all(|r| r.len() == t.header.len()));
        }
    }
}

#[test]
fn snapshots_that_cannot_be_read_are_refused() {
    assert!(matches!(parse_snapshot("not json"), Err(SnapshotError::Unreadable(_))));
    assert!(matches!(parse_snapshot(r#"{"answers": {}}"#), Err(SnapshotError::Unreadable(_))));
    assert_eq!(
        parse_snapshot(r#"{"framework_id": 1, "answers": {"1.1": {"rating": "brilliant"}}}"#),
        Err(SnapshotError::UnknownRating { criterion: "1.1".into(), rating: "brilliant".into() })
    );
    let empty = parse_snapshot(r#"{"framework_id": 1}"#).unwrap();
    assert!(empty.answers.is_empty());
}

#[test]
fn file_names_are_safe_and_say_whose_return_it_is() {
    let day = time::macros::date!(2026 - 11 - 23);
    assert_eq!(
        file_stem("St Anne's Youth Club", "Section 11 (children)", day),
        "st-anne-s-youth-club-section-11-children-2026-11-23"
    );
    assert_eq!(
        file_stem("Ysgol Gymraeg Llanfair – Ŵyn", "", day),
        "ysgol-gymraeg-llanfair-yn-framework-2026-11-23"
    );
    assert_eq!(file_stem("\"; rm -rf /", "Test", day), "rm-rf-test-2026-11-23");
    assert_eq!(file_stem("中文", "Test", day), "organisation-test-2026-11-23");
    let long = "a".repeat(300);
    assert!(file_stem(&long, "Test", day).len() < 90);
}

#[test]
fn the_standards_alone_are_the_copys_and_a_not_applicable_answer_says_so() {
    let mut snapshot = parse_snapshot(SNAPSHOT).unwrap();
    let (sector, duty) = (Sector::VoluntaryAndCommunity, DutyStatus::Voluntary);
    let f = framework();
    assert_eq!(standards(&f, &snapshot.answers, sector, duty), copy(true).standards);
    let answer = snapshot.answers.get_mut("1.1").unwrap();
    answer.rating = Some(crate::framework::Rating::NotApplicable);
    let listed = standards(&f, &snapshot.answers, sector, duty);
    assert_eq!(listed[0].criteria[0].answer, "Not applicable");
    assert_eq!(listed[0].criteria[0].narrative, "Named on posters in every hall.");
}
