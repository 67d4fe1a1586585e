//! Task-list status and standing per standard, and the list of missing answers, on the
//! fixture framework answered as different organisations.

use std::collections::HashMap;

use super::fixtures::{self, DUTY, SECTOR, answers};
use super::*;
use crate::framework::{Framework, Standing, StandingRule};
use crate::tenancy::{DutyStatus, Sector};

fn progress(f: &Framework, code: &str, given: &HashMap<String, Answer>) -> StandardProgress {
    progress_as(f, code, given, SECTOR, DUTY)
}

fn progress_as(
    f: &Framework,
    code: &str,
    given: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> StandardProgress {
    let standard = f.standard(code).expect("standard exists");
    standard_progress(StandingRule::Default, standard, given, sector, duty)
}

fn missing_codes(f: &Framework, given: &HashMap<String, Answer>) -> Vec<(String, &'static str)> {
    missing_answers(f, given, SECTOR, DUTY).into_iter().map(|m| (m.criterion_code, m.reason)).collect()
}

#[test]
fn nothing_answered() {
    let f = fixtures::framework();
    let p = progress(&f, "1", &HashMap::new());
    assert_eq!(
        p,
        StandardProgress { status: TaskStatus::NotStarted, standing: None, applicable: 3, complete: 0 }
    );
    let codes: Vec<_> = missing_codes(&f, &HashMap::new()).into_iter().map(|m| m.0).collect();
    assert_eq!(
        codes,
        ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.2"],
        "framework order, applicable only"
    );
}

#[test]
fn a_half_done_standard_is_in_progress_with_no_colour() {
    let f = fixtures::framework();
    let given = answers(&[("1.2", "no", "", "")]);
    let p = progress(&f, "1", &given);
    assert_eq!((p.status, p.standing, p.complete), (TaskStatus::InProgress, None, 1));
    // Only a narrative, or only an improvement action, is a start.
    let given = answers(&[("1.1", "", "Some notes", "")]);
    assert_eq!(progress(&f, "1", &given).status, TaskStatus::InProgress);
    let given = answers(&[("1.3", "", "", "Count again")]);
    let p = progress(&f, "1", &given);
    assert_eq!((p.status, p.complete), (TaskStatus::InProgress, 0));
}

#[test]
fn blank_answers_stored_for_a_criterion_are_not_a_start() {
    let f = fixtures::framework();
    let given = answers(&[("1.1", " ", " ", " ")]);
    assert_eq!(given["1.1"], Answer::default());
    assert_eq!(progress(&f, "1", &given).status, TaskStatus::NotStarted);
}

#[test]
fn standing_once_completed() {
    let f = fixtures::framework();
    let mut given = answers(&[("1.1", "met", "Named", ""), ("1.2", "yes", "", ""), ("1.3", "12", "", "")]);
    let p = progress(&f, "1", &given);
    assert_eq!(
        p,
        StandardProgress {
            status: TaskStatus::Completed,
            standing: Some(Standing::Green),
            applicable: 3,
            complete: 3
        }
    );
    given.extend(answers(&[("1.1", "partially_met", "Deputy missing", "")]));
    assert_eq!(progress(&f, "1", &given).standing, Some(Standing::Amber));
    given.extend(answers(&[("1.2", "no", "", "")]));
    assert_eq!(progress(&f, "1", &given).standing, Some(Standing::Red), "a no is red, even beside amber");
    // The percentage does not count: a low figure leaves the colour alone.
    given.extend(answers(&[("1.1", "met", "Named", ""), ("1.2", "yes", "", ""), ("1.3", "0", "", "")]));
    assert_eq!(progress(&f, "1", &given).standing, Some(Standing::Green));
}

#[test]
fn missing_narrative_keeps_a_standard_unfinished() {
    let f = fixtures::framework();
    let given = answers(&[("1.1", "not_met", "", ""), ("1.2", "yes", "", ""), ("1.3", "50", "", "")]);
    let p = progress(&f, "1", &given);
    assert_eq!(
        (p.status, p.standing, p.complete),
        (TaskStatus::InProgress, None, 2),
        "no red before it is done"
    );
    let missing = missing_answers(&f, &given, SECTOR, DUTY);
    assert_eq!(
        missing[0],
        Missing {
            standard_code: "1".into(),
            criterion_code: "1.1".into(),
            question: "We have a named safeguarding lead and a deputy.".into(),
            reason: "Narrative evidence is required",
        }
    );
    assert_eq!(missing[1].reason, "No answer");
    assert_eq!(missing[1].criterion_code, "2.1");
}

#[test]
fn criteria_that_do_not_apply_are_excluded() {
    let f = fixtures::framework();
    // Standard 3: 3.1 is for the police only. For the charity, only the text answer counts.
    let given = answers(&[("3.2", "We share information.", "", "")]);
    let p = progress(&f, "3", &given);
    assert_eq!(
        p,
        StandardProgress { status: TaskStatus::Completed, standing: None, applicable: 1, complete: 1 }
    );
    // For the police it is half done; with 3.1 rated not met it is red.
    let police =
        |given: &HashMap<String, Answer>| progress_as(&f, "3", given, Sector::Police, DutyStatus::Statutory);
    assert_eq!(police(&given).status, TaskStatus::InProgress);
    let mut given = given;
    given.extend(answers(&[("3.1", "not_met", "Training booked", "")]));
    assert_eq!(police(&given).standing, Some(Standing::Red));
    assert_eq!(police(&given).applicable, 2);
    // The not met answer stored for 3.1 changes nothing for the charity.
    assert_eq!(progress(&f, "3", &given), p);
}

#[test]
fn a_standard_where_nothing_applies_is_completed_without_a_colour() {
    let f = fixtures::framework();
    let given = answers(&[("4.1", "not_met", "", "")]);
    let p = progress(&f, "4", &given);
    assert_eq!(
        p,
        StandardProgress { status: TaskStatus::Completed, standing: None, applicable: 0, complete: 0 }
    );
    let statutory = progress_as(&f, "4", &given, Sector::Health, DutyStatus::Statutory);
    assert_eq!((statutory.status, statutory.standing), (TaskStatus::Completed, Some(Standing::Red)));
    assert!(
        missing_answers(&f, &given, Sector::Health, DutyStatus::Statutory)
            .iter()
            .all(|m| m.criterion_code != "4.1")
    );
}

#[test]
fn not_applicable_counts_as_green() {
    let f = fixtures::framework();
    let given = answers(&[
        ("2.1", "met", "Checklist", ""),
        ("2.2", "met", "Checked", ""),
        ("2.3", "not_applicable", "No sport", ""),
        ("2.4", "0", "", ""),
    ]);
    let p = progress(&f, "2", &given);
    assert_eq!((p.status, p.standing), (TaskStatus::Completed, Some(Standing::Green)));
}

#[test]
fn every_standard_completed_exactly_when_nothing_is_missing() {
    let f = fixtures::framework();
    let full = [
        ("1.1", "met", "n", ""),
        ("1.2", "yes", "", ""),
        ("1.3", "90", "", ""),
        ("2.1", "partially_met", "n", ""),
        ("2.2", "met", "n", ""),
        ("2.3", "not_applicable", "n", ""),
        ("2.4", "3", "", ""),
        ("3.2", "Text", "", ""),
    ];
    // Every prefix of the full set of answers: the two views must always agree.
    for n in 0..=full.len() {
        let given = answers(&full[..n]);
        let all_done = f.standards.iter().all(|s| {
            standard_progress(StandingRule::Default, s, &given, SECTOR, DUTY).status == TaskStatus::Completed
        });
        let missing = missing_answers(&f, &given, SECTOR, DUTY);
        assert_eq!(all_done, missing.is_empty(), "after {n} answers");
        assert_eq!(missing.len(), full.len() - n);
    }
}

#[test]
fn task_status_codes_round_trip() {
    for s in TaskStatus::ALL {
        assert_eq!(TaskStatus::from_code(s.code()), Some(*s));
    }
    let labels: Vec<_> = TaskStatus::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["Not started", "In progress", "Completed"]);
}
