//! An improvement action's edit as the assessment's history shows it: the action's
//! text before and after, and each other field the edit changed, in words.
//!
//! Edits are read from the audit log (`action_plans::store::update` records every
//! field before and after). Records written before the before-state held every field
//! hold only the text, the lead and the status; a field a record does not hold is not
//! compared.

use serde_json::Value;
use time::Date;
use time::macros::format_description;

use osa_core::assessment::ActionStatus;

/// One field of an action as an edit left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub label: &'static str,
    pub before: String,
    pub after: String,
}

/// The fields of an action in the audit log, and their names on the page.
const FIELDS: [(&str, &str); 6] = [
    ("what", "What will be done"),
    ("responsible_lead", "Responsible lead"),
    ("target_date", "Target date"),
    ("expected_outcome", "Expected outcome"),
    ("impact_measure", "Impact measure"),
    ("status", "Status"),
];

/// The action's text (always, changed or not), then every other field that differs
/// between the two records.
pub fn changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    FIELDS
        .iter()
        .filter_map(|&(key, label)| {
            let (b, a) = (before.get(key), after.get(key));
            let always = key == "what";
            match (b, a) {
                (Some(b), Some(a)) if always || shown(key, b) != shown(key, a) => {
                    Some(FieldChange { label, before: shown(key, b), after: shown(key, a) })
                }
                _ if always => Some(FieldChange {
                    label,
                    before: b.map_or_else(|| "Not recorded".to_owned(), |b| shown(key, b)),
                    after: a.map_or_else(|| "Not recorded".to_owned(), |a| shown(key, a)),
                }),
                _ => None,
            }
        })
        .collect()
}

/// A field's value in words: a date as "31 March 2027", a status by its label, and
/// "Not set" for nothing.
fn shown(key: &str, value: &Value) -> String {
    let text = match value {
        Value::Null => return "Not set".to_owned(),
        Value::String(s) => s.trim(),
        other => return other.to_string(),
    };
    if text.is_empty() {
        return "Not set".to_owned();
    }
    match key {
        "target_date" => Date::parse(text, format_description!("[year]-[month]-[day]"))
            .map_or_else(|_| text.to_owned(), crate::web::format::date),
        "status" => ActionStatus::from_code(text).map_or_else(|| text.to_owned(), |s| s.label().to_owned()),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(label: &'static str, before: &str, after: &str) -> FieldChange {
        FieldChange { label, before: before.into(), after: after.into() }
    }

    #[test]
    fn the_text_is_always_shown_and_other_fields_only_when_changed() {
        let before = json!({
            "what": "Train volunteers", "responsible_lead": "Jo", "target_date": "2027-03-31",
            "expected_outcome": "", "impact_measure": "Audit", "status": "not_started",
        });
        let same = changes(&before, &before);
        assert_eq!(same, vec![change("What will be done", "Train volunteers", "Train volunteers")]);
        let after = json!({
            "what": "Train volunteers and trustees", "responsible_lead": "Jo", "target_date": "2027-06-01",
            "expected_outcome": "Everyone trained", "impact_measure": "Audit", "status": "in_progress",
        });
        assert_eq!(
            changes(&before, &after),
            vec![
                change("What will be done", "Train volunteers", "Train volunteers and trustees"),
                change("Target date", "31 March 2027", "1 June 2027"),
                change("Expected outcome", "Not set", "Everyone trained"),
                change("Status", "Not started", "In progress"),
            ]
        );
    }

    #[test]
    fn fields_an_older_record_does_not_hold_are_not_compared() {
        let before = json!({ "what": "Train", "responsible_lead": "Jo", "status": "completed" });
        let after = json!({
            "what": "Train", "responsible_lead": "Sam", "target_date": null, "expected_outcome": "x",
            "impact_measure": "y", "status": "completed",
        });
        assert_eq!(
            changes(&before, &after),
            vec![change("What will be done", "Train", "Train"), change("Responsible lead", "Jo", "Sam")]
        );
        assert_eq!(
            changes(&json!({}), &json!({ "what": "Train" })),
            vec![change("What will be done", "Not recorded", "Train")]
        );
        assert_eq!(
            changes(&json!({ "target_date": "2027-03-31" }), &json!({ "target_date": null }))[1],
            change("Target date", "31 March 2027", "Not set")
        );
    }
}
