use time::macros::{date, datetime};

use super::*;

const SEPT: Date = date!(2027 - 09 - 30);
const MARCH: Date = date!(2028 - 03 - 31);

#[test]
fn only_dates_after_the_submission_day_ask_for_an_update() {
    let dates = [MARCH, SEPT, SEPT];
    assert_eq!(dates_asked(&dates, Some(date!(2027 - 06 - 01))), vec![SEPT, MARCH]);
    // Submitted on the update date itself: the return's plan is that day's plan.
    assert_eq!(dates_asked(&dates, Some(SEPT)), vec![MARCH]);
    assert_eq!(dates_asked(&dates, Some(date!(2027 - 10 - 01))), vec![MARCH]);
    assert!(dates_asked(&dates, None).is_empty());
    assert!(dates_asked(&dates, Some(date!(2028 - 04 - 01))).is_empty());
}

#[test]
fn an_update_moves_from_not_due_to_due_to_overdue_on_the_stated_days() {
    let s = Some(date!(2027 - 06 - 01));
    assert_eq!(state(SEPT, s, false, date!(2027 - 08 - 30)), UpdateState::NotDue);
    // Opens 30 days before: 31 August for 30 September.
    assert_eq!(opens_on(SEPT), date!(2027 - 08 - 31));
    assert_eq!(state(SEPT, s, false, date!(2027 - 08 - 31)), UpdateState::Due);
    assert_eq!(state(SEPT, s, false, SEPT), UpdateState::Due);
    // Overdue after 14 days' grace: still due on 14 October, overdue on the 15th.
    assert_eq!(state(SEPT, s, false, date!(2027 - 10 - 14)), UpdateState::Due);
    assert_eq!(state(SEPT, s, false, date!(2027 - 10 - 15)), UpdateState::Overdue);
    assert_eq!(state(SEPT, s, true, date!(2028 - 10 - 15)), UpdateState::Submitted);
    assert_eq!(state(SEPT, None, false, date!(2027 - 10 - 15)), UpdateState::NotAsked);
    assert_eq!(state(SEPT, Some(SEPT), false, date!(2027 - 10 - 15)), UpdateState::NotAsked);
}

#[test]
fn sending_answers_the_earliest_open_unanswered_date() {
    let s = Some(date!(2027 - 06 - 01));
    let dates = [SEPT, MARCH];
    assert_eq!(next_to_send(&dates, s, &[], date!(2027 - 08 - 30)), None);
    assert_eq!(next_to_send(&dates, s, &[], date!(2027 - 09 - 01)), Some(SEPT));
    // Late: the September update is still the one to send, even after March opens.
    assert_eq!(next_to_send(&dates, s, &[], date!(2028 - 03 - 15)), Some(SEPT));
    assert_eq!(next_to_send(&dates, s, &[SEPT], date!(2027 - 10 - 01)), None);
    assert_eq!(next_to_send(&dates, s, &[SEPT], date!(2028 - 03 - 15)), Some(MARCH));
    assert_eq!(next_to_send(&dates, s, &[SEPT, MARCH], date!(2029 - 01 - 01)), None);
    assert_eq!(next_to_send(&dates, None, &[], date!(2028 - 03 - 15)), None);
}

fn action(what: &str, target: Option<Date>, status: ActionStatus, notes: Vec<Note>) -> PlanAction {
    PlanAction { what: what.into(), lead: "Sam Lee".into(), target, status, source: "1.1".into(), notes }
}

fn note(at: OffsetDateTime, text: &str) -> Note {
    Note { at, author: "Sam Lee".into(), text: text.into() }
}

#[test]
fn a_snapshot_keeps_every_action_with_progress_since_the_last_update_and_overdue_as_of_its_day() {
    let since = datetime!(2027 - 06 - 01 12:00 UTC);
    let plan = [
        action(
            "Train every manager",
            Some(date!(2027 - 09 - 01)),
            ActionStatus::InProgress,
            vec![
                note(datetime!(2027 - 08 - 01 9:00 UTC), "Half trained"),
                note(datetime!(2027 - 05 - 01 9:00 UTC), "Course booked"),
                note(datetime!(2027 - 07 - 01 9:00 UTC), "First session held"),
            ],
        ),
        action("Name a deputy", Some(date!(2027 - 08 - 01)), ActionStatus::Completed, vec![]),
        action("Audit files", Some(SEPT), ActionStatus::NotStarted, vec![]),
        action("Write a policy", None, ActionStatus::NotStarted, vec![]),
    ];
    let s = snapshot(&plan, SEPT, Some(since), SEPT);
    assert_eq!(s.actions.len(), 4);
    let texts: Vec<&str> = s.actions[0].progress.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["First session held", "Half trained"], "oldest first, only since the last update");
    // Past its target and not completed; a completed one and one due that day are not.
    assert_eq!(s.actions.iter().map(|a| a.overdue).collect::<Vec<_>>(), [true, false, false, false]);
    assert_eq!((s.overdue(), s.completed()), (1, 1));
    // No previous moment: every note counts.
    assert_eq!(snapshot(&plan, SEPT, None, SEPT).actions[0].progress.len(), 3);
    // The same plan a day later makes the third action overdue in a new snapshot.
    assert_eq!(snapshot(&plan, SEPT, Some(since), date!(2027 - 10 - 01)).overdue(), 2);
}

#[test]
fn a_snapshot_survives_its_stored_form_unchanged() {
    let plan = [action(
        "Train",
        Some(SEPT),
        ActionStatus::InProgress,
        vec![note(datetime!(2027 - 08 - 01 9:00 UTC), "Half")],
    )];
    let s = snapshot(&plan, SEPT, Some(datetime!(2027 - 06 - 01 12:00 UTC)), SEPT);
    let stored = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Snapshot>(&stored).unwrap(), s);
    assert!(stored.contains("\"due_on\":\"2027-09-30\""), "{stored}");
}

#[test]
fn counts_leave_out_those_not_asked_and_say_so() {
    let mut c = DateCount::default();
    for (state, has_return) in [
        (UpdateState::Submitted, true),
        (UpdateState::Submitted, true),
        (UpdateState::Submitted, true),
        (UpdateState::Submitted, true),
        (UpdateState::Overdue, true),
        (UpdateState::Due, true),
        (UpdateState::NotAsked, true),
        (UpdateState::NotAsked, false),
        (UpdateState::NotAsked, false),
    ] {
        c.add(state, has_return);
    }
    assert_eq!(c, DateCount { asked: 6, sent: 4, overdue: 1, submitted_later: 1, no_return: 2 });
    assert_eq!(c.percent_sent(), 67);
    assert_eq!(
        count_words(SEPT, &c),
        "4 of 6 organisations that submitted a return before 30 September 2027 have sent the \
         September 2027 update (67%); 1 is overdue. Not asked: 1 organisation that submitted a \
         return on or after that date and 2 organisations with no return submitted."
    );
}

#[test]
fn count_words_read_well_for_one_and_for_none() {
    let one = DateCount { asked: 1, sent: 1, ..DateCount::default() };
    assert_eq!(
        count_words(MARCH, &one),
        "1 of 1 organisation that submitted a return before 31 March 2028 has sent the March 2028 update (100%)."
    );
    let none = DateCount { no_return: 3, ..DateCount::default() };
    assert_eq!(
        count_words(MARCH, &none),
        "No organisation had submitted a return before 31 March 2028, so none is asked for the March 2028 \
         update. Not asked: 3 organisations with no return submitted."
    );
    // Half of an odd number rounds half up.
    let eight = DateCount { asked: 8, sent: 1, ..DateCount::default() };
    assert_eq!(eight.percent_sent(), 13);
}

#[test]
fn every_state_has_a_code_a_label_and_a_tag() {
    for s in UpdateState::ALL {
        assert_eq!(UpdateState::from_code(s.code()), Some(*s));
        assert!(!s.label().is_empty() && s.tag_class().starts_with("govuk-tag--"));
    }
}
