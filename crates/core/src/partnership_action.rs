//! Partnership actions: what a partnership will do, through its subgroups, about the
//! multi-agency themes an audit cycle found. Unlike an organisation's own action plan,
//! a partnership action is led by a group (a subgroup or task and finish group) and
//! says how its impact will be shown.
//!
//! Guarantees: a completed action is closed, so its status never changes again; an
//! action is marked completed only once its evidence of impact is written down; an
//! action that has started never goes back to "not started". An action is overdue only
//! when it is not completed and its target date is strictly before the `today` the
//! caller passes.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::tenancy::coded_enum;

coded_enum! {
    /// Where a partnership action stands. "Overdue" is not stored: it is shown when an
    /// action that is not completed is past its target date (see [`is_overdue`]).
    PartnershipActionStatus {
        NotStarted => ("not_started", "Not started"),
        OnTrack => ("on_track", "On track"),
        AtRisk => ("at_risk", "At risk"),
        Completed => ("completed", "Completed"),
    }
}

coded_enum! {
    /// Where the need for the action was seen.
    ActionSource {
        Themes => ("themes", "Themes found in the returns"),
        Meeting => ("meeting", "A partnership or subgroup meeting"),
        Dashboard => ("dashboard", "The cycle's dashboard"),
    }
}

pub const MAX_TITLE: usize = 200;
pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 5000;

/// Whether an action is late: not completed and its target date has passed.
pub fn is_overdue(status: PartnershipActionStatus, target: Date, today: Date) -> bool {
    status != PartnershipActionStatus::Completed && target < today
}

/// Why a status may not change as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("This action is completed, so its status cannot change. Add a new action for further work")]
    Closed,
    #[error("Record the evidence of impact before marking the action completed")]
    NoEvidence,
    #[error("An action that has started cannot go back to not started")]
    Restart,
}

/// Whether an action may move from `from` to `to`. `has_evidence` says whether its
/// evidence of impact is written (after the change being made, if it changes that too).
pub fn check_status(
    from: PartnershipActionStatus,
    to: PartnershipActionStatus,
    has_evidence: bool,
) -> Result<(), StatusError> {
    use PartnershipActionStatus::*;
    match (from, to) {
        (Completed, Completed) => Ok(()),
        (Completed, _) => Err(StatusError::Closed),
        (_, Completed) if !has_evidence => Err(StatusError::NoEvidence),
        (OnTrack | AtRisk, NotStarted) => Err(StatusError::Restart),
        _ => Ok(()),
    }
}

/// The fields of an action as typed into its form (the target date is parsed by the
/// caller, which knows the form's date fields).
#[derive(Debug, Clone, Default)]
pub struct RawAction<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lead_group: &'a str,
    pub lead_person: &'a str,
    pub target: Option<Result<Date, String>>,
    pub status: &'a str,
    pub evidence: &'a str,
    pub source: &'a str,
}

/// A valid action's fields, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    pub title: String,
    pub description: String,
    pub lead_group: String,
    pub lead_person: String,
    pub target_date: Date,
    pub status: PartnershipActionStatus,
    pub evidence: String,
    pub source: Option<ActionSource>,
}

/// Checks an action's fields; errors are `(field id, message)` in page order. `from`
/// is the status it has now (`None` for a new action, which may start in any status
/// the rules allow from "not started").
pub fn validate(
    raw: &RawAction<'_>,
    from: Option<PartnershipActionStatus>,
) -> Result<ActionFields, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let mut text = |value: &str, field: &'static str, missing: Option<&str>, max: usize, what: &str| {
        let value = value.trim();
        if value.is_empty() {
            if let Some(missing) = missing {
                errors.push((field, missing.to_owned()));
            }
        } else if value.chars().count() > max {
            errors.push((field, format!("{what} must be {} characters or fewer", thousands(max))));
        }
        value.to_owned()
    };
    let title = text(raw.title, "title", Some("Enter what the partnership will do"), MAX_TITLE, "The action");
    let description = text(raw.description, "description", None, MAX_TEXT, "The description");
    let lead_group = text(
        raw.lead_group,
        "lead_group",
        Some("Enter the subgroup or group that leads the action"),
        MAX_NAME,
        "The lead group",
    );
    let lead_person =
        text(raw.lead_person, "lead_person", Some("Enter the name of the lead person"), MAX_NAME, "The name");
    let target = match &raw.target {
        None => {
            errors.push(("target-day", "Enter the target date".to_owned()));
            None
        }
        Some(Err(message)) => {
            errors.push(("target-day", message.clone()));
            None
        }
        Some(Ok(date)) => Some(*date),
    };
    let evidence = raw.evidence.trim().to_owned();
    let status = PartnershipActionStatus::from_code(raw.status.trim());
    match status {
        None => errors.push(("status", "Select the action's status".to_owned())),
        Some(to) => {
            let from = from.unwrap_or(PartnershipActionStatus::NotStarted);
            if let Err(err) = check_status(from, to, !evidence.is_empty()) {
                errors.push(("status", err.to_string()));
            }
        }
    }
    if evidence.chars().count() > MAX_TEXT {
        errors.push((
            "evidence",
            format!("The evidence of impact must be {} characters or fewer", thousands(MAX_TEXT)),
        ));
    }
    let source = match raw.source.trim() {
        "" => None,
        code => {
            let source = ActionSource::from_code(code);
            if source.is_none() {
                errors.push(("source", "Select where the need for the action was seen".to_owned()));
            }
            source
        }
    };
    match (target, status) {
        (Some(target_date), Some(status)) if errors.is_empty() => Ok(ActionFields {
            title,
            description,
            lead_group,
            lead_person,
            target_date,
            status,
            evidence,
            source,
        }),
        _ => Err(errors),
    }
}

/// A progress note: required, and no longer than [`MAX_TEXT`].
pub fn validate_note(note: &str) -> Result<String, String> {
    let note = note.trim();
    if note.is_empty() {
        Err("Enter the progress made".to_owned())
    } else if note.chars().count() > MAX_TEXT {
        Err(format!("The progress note must be {} characters or fewer", thousands(MAX_TEXT)))
    } else {
        Ok(note.to_owned())
    }
}

fn thousands(n: usize) -> String {
    if n >= 1000 { format!("{},{:03}", n / 1000, n % 1000) } else { n.to_string() }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::PartnershipActionStatus::*;
    use super::*;

    fn raw<'a>() -> RawAction<'a> {
        RawAction {
            title: "  Agree a neglect strategy  ",
            description: "",
            lead_group: "Neglect subgroup",
            lead_person: "Priya Shah",
            target: Some(Ok(date!(2027 - 09 - 30))),
            status: "not_started",
            evidence: "",
            source: "themes",
        }
    }

    #[test]
    fn overdue_only_when_not_completed_and_the_target_has_passed() {
        let today = date!(2027 - 03 - 31);
        for status in [NotStarted, OnTrack, AtRisk] {
            assert!(is_overdue(status, date!(2027 - 03 - 30), today), "{status}");
            assert!(!is_overdue(status, today, today), "due today is not late yet");
            assert!(!is_overdue(status, date!(2027 - 04 - 01), today));
        }
        assert!(!is_overdue(Completed, date!(2020 - 01 - 01), today));
    }

    #[test]
    fn a_completed_action_is_closed_and_needs_evidence_to_get_there() {
        for to in [NotStarted, OnTrack, AtRisk] {
            assert_eq!(check_status(Completed, to, true), Err(StatusError::Closed));
        }
        assert_eq!(check_status(Completed, Completed, true), Ok(()));
        for from in [NotStarted, OnTrack, AtRisk] {
            assert_eq!(check_status(from, Completed, false), Err(StatusError::NoEvidence));
            assert_eq!(check_status(from, Completed, true), Ok(()));
        }
        assert_eq!(check_status(OnTrack, NotStarted, true), Err(StatusError::Restart));
        assert_eq!(check_status(AtRisk, NotStarted, false), Err(StatusError::Restart));
        assert_eq!(check_status(NotStarted, AtRisk, false), Ok(()));
        assert_eq!(check_status(AtRisk, OnTrack, false), Ok(()));
    }

    #[test]
    fn valid_fields_are_trimmed_and_kept() {
        let fields = validate(&raw(), None).unwrap();
        assert_eq!(fields.title, "Agree a neglect strategy");
        assert_eq!(fields.source, Some(ActionSource::Themes));
        assert_eq!(fields.status, NotStarted);
        let no_source = validate(&RawAction { source: "", ..raw() }, None).unwrap();
        assert_eq!(no_source.source, None);
    }

    #[test]
    fn every_missing_field_is_named_in_page_order() {
        let empty = RawAction { status: "", target: None, ..RawAction::default() };
        let fields: Vec<&str> = validate(&empty, None).unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "lead_group", "lead_person", "target-day", "status"]);
    }

    #[test]
    fn wrong_values_say_what_is_wrong() {
        let long = "x".repeat(MAX_TITLE + 1);
        let errors = validate(
            &RawAction {
                title: &long,
                target: Some(Err("The target date must be a real date, like 31 3 2027".into())),
                source: "rumour",
                status: "done",
                ..raw()
            },
            None,
        )
        .unwrap_err();
        assert_eq!(errors[0], ("title", "The action must be 200 characters or fewer".to_owned()));
        assert_eq!(errors[1].1, "The target date must be a real date, like 31 3 2027");
        assert_eq!(errors[2], ("status", "Select the action's status".to_owned()));
        assert_eq!(errors[3].0, "source");
    }

    #[test]
    fn the_status_rule_applies_to_the_form() {
        let completed = RawAction { status: "completed", ..raw() };
        let errors = validate(&completed, None).unwrap_err();
        assert_eq!(errors, [("status", StatusError::NoEvidence.to_string())]);
        let with_evidence = RawAction { evidence: "Referrals rose by a third", ..completed.clone() };
        assert_eq!(validate(&with_evidence, Some(OnTrack)).unwrap().status, Completed);
        let back = RawAction { status: "not_started", ..raw() };
        assert_eq!(validate(&back, Some(AtRisk)).unwrap_err()[0].1, StatusError::Restart.to_string());
    }

    #[test]
    fn notes_are_required_and_bounded() {
        assert_eq!(validate_note("  Met in May  ").unwrap(), "Met in May");
        assert_eq!(validate_note("   ").unwrap_err(), "Enter the progress made");
        assert!(validate_note(&"x".repeat(MAX_TEXT + 1)).unwrap_err().contains("5,000"));
    }

    #[test]
    fn codes_round_trip() {
        for s in PartnershipActionStatus::ALL {
            assert_eq!(PartnershipActionStatus::from_code(s.code()), Some(*s));
        }
        for s in ActionSource::ALL {
            assert_eq!(ActionSource::from_code(s.code()), Some(*s));
        }
    }
}
