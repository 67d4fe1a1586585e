//! Which entries of the audit log a person reads. Every entry names the partnership
//! and the organisation whose data it is about, where it has one; a person reads an
//! entry when it is about a tenant they answer for: a platform admin the whole log, a
//! partnership's admin the entries about that partnership, an organisation's
//! safeguarding lead those about that organisation. Analysts, panel members,
//! contributors and senior sign-offs read none of it: the log names people and what
//! they changed, which is for those who run the tenant.
//!
//! This is the one rule: the page and the CSV download both ask [`audit_scope`], and
//! the store turns its answer into the query's condition.

use serde_json::Value;

use crate::access::Principal;
use crate::tenancy::{OrgRole, PartnershipRole};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditScope {
    /// The whole log, entries about no tenant (accounts, the platform) among them.
    Everything,
    /// Entries about these partnerships or these organisations, and no others.
    Tenants { partnerships: Vec<i64>, organisations: Vec<i64> },
}

impl AuditScope {
    pub fn is_empty(&self) -> bool {
        matches!(self, AuditScope::Tenants { partnerships, organisations }
            if partnerships.is_empty() && organisations.is_empty())
    }
}

/// What `principal` reads of the log.
pub fn audit_scope(principal: &Principal) -> AuditScope {
    if principal.platform_admin {
        return AuditScope::Everything;
    }
    let mut partnerships: Vec<i64> = principal
        .partnership_roles
        .iter()
        .filter(|(_, r)| *r == PartnershipRole::Admin)
        .map(|(p, _)| *p)
        .collect();
    let mut organisations: Vec<i64> = principal
        .org_roles
        .iter()
        .filter(|(_, r)| *r == OrgRole::SafeguardingLead)
        .map(|(o, _)| *o)
        .collect();
    partnerships.sort_unstable();
    partnerships.dedup();
    organisations.sort_unstable();
    organisations.dedup();
    AuditScope::Tenants { partnerships, organisations }
}

/// Whether any of the log is theirs to read (the `ReadAuditLog` decision).
pub fn reads_some_of_the_log(principal: &Principal) -> bool {
    !audit_scope(principal).is_empty()
}

/// One field of a record as an entry changed it: its name in words, and its value
/// before and after (`None` where the record did not have the field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What an entry changed, field by field, for a person to read: the fields whose
/// values differ between `before` and `after` (all of them for a record made or
/// removed), with the names' underscores turned into spaces. Entries keep their
/// records as JSON objects; anything else is shown as one unnamed field.
pub fn field_changes(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let (Some(old), Some(new)) = (as_object(before, &empty), as_object(after, &empty)) else {
        return if before == after {
            Vec::new()
        } else {
            vec![FieldChange { field: String::new(), before: before.map(words), after: after.map(words) }]
        };
    };
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| FieldChange {
            field: f.replace('_', " "),
            before: old.get(f).map(words),
            after: new.get(f).map(words),
        })
        .collect()
}

/// A record's fields: none for no record, `None` for a value that is not a record.
fn as_object<'a>(
    value: Option<&'a Value>,
    empty: &'a serde_json::Map<String, Value>,
) -> Option<&'a serde_json::Map<String, Value>> {
    match value {
        None => Some(empty),
        Some(Value::Object(map)) => Some(map),
        Some(_) => None,
    }
}

/// A value as a person reads it: text without quotes, nothing for null, numbers and
/// lists as written.
fn words(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Action, Decision};
    use serde_json::json;

    fn change(field: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange { field: field.into(), before: before.map(Into::into), after: after.map(Into::into) }
    }

    #[test]
    fn an_update_shows_only_the_fields_that_changed() {
        let before = json!({ "status": "not_started", "what": "Train staff", "target_date": "2027-03-31" });
        let after = json!({ "status": "in_progress", "what": "Train staff", "target_date": "2027-04-30" });
        assert_eq!(
            field_changes(Some(&before), Some(&after)),
            [
                change("status", Some("not_started"), Some("in_progress")),
                change("target date", Some("2027-03-31"), Some("2027-04-30")),
            ]
        );
    }

    #[test]
    fn a_new_record_shows_every_field_and_a_removed_one_every_field_it_had() {
        let record = json!({ "name": "Kestrel", "count": 3, "tags": ["a"], "note": null });
        let made = field_changes(None, Some(&record));
        assert_eq!(
            made,
            [
                change("count", None, Some("3")),
                change("name", None, Some("Kestrel")),
                change("note", None, Some("")),
                change("tags", None, Some("[\"a\"]")),
            ]
        );
        let removed = field_changes(Some(&record), None);
        assert_eq!(removed.len(), 4);
        assert!(removed.iter().all(|c| c.after.is_none() && c.before.is_some()));
    }

    #[test]
    fn a_field_added_or_dropped_by_an_update_is_shown_on_its_side_only() {
        let before = json!({ "a": 1 });
        let after = json!({ "b": 2 });
        assert_eq!(
            field_changes(Some(&before), Some(&after)),
            [change("a", Some("1"), None), change("b", None, Some("2"))]
        );
    }

    #[test]
    fn values_that_are_not_records_are_one_unnamed_field() {
        assert_eq!(field_changes(Some(&json!("x")), Some(&json!("y"))), [change("", Some("x"), Some("y"))]);
        assert!(field_changes(Some(&json!(5)), Some(&json!(5))).is_empty());
        assert!(field_changes(None, None).is_empty());
    }

    fn partnership_user(role: PartnershipRole, partnership: i64) -> Principal {
        Principal { user_id: 7, partnership_roles: vec![(partnership, role)], ..Default::default() }
    }

    fn org_user(role: OrgRole, organisation: i64) -> Principal {
        Principal { user_id: 8, org_roles: vec![(organisation, role)], ..Default::default() }
    }

    fn tenants(partnerships: &[i64], organisations: &[i64]) -> AuditScope {
        AuditScope::Tenants { partnerships: partnerships.to_vec(), organisations: organisations.to_vec() }
    }

    #[test]
    fn a_platform_admin_reads_everything() {
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(audit_scope(&admin), AuditScope::Everything);
        assert_eq!(admin.decide(Action::ReadAuditLog), Decision::Allow);
    }

    #[test]
    fn a_partnership_admin_reads_their_partnership_only() {
        let admin = partnership_user(PartnershipRole::Admin, 1);
        assert_eq!(audit_scope(&admin), tenants(&[1], &[]));
        assert_eq!(admin.decide(Action::ReadAuditLog), Decision::Allow);
    }

    #[test]
    fn a_safeguarding_lead_reads_their_organisation_only() {
        let lead = org_user(OrgRole::SafeguardingLead, 10);
        assert_eq!(audit_scope(&lead), tenants(&[], &[10]));
        assert_eq!(lead.decide(Action::ReadAuditLog), Decision::Allow);
    }

    #[test]
    fn other_roles_read_none_of_it_and_are_refused() {
        for p in [
            partnership_user(PartnershipRole::Analyst, 1),
            partnership_user(PartnershipRole::PanelMember, 1),
            org_user(OrgRole::Contributor, 10),
            org_user(OrgRole::SeniorSignOff, 10),
            Principal::default(),
        ] {
            assert!(audit_scope(&p).is_empty(), "{p:?}");
            assert_eq!(p.decide(Action::ReadAuditLog), Decision::Forbidden, "{p:?}");
        }
    }

    #[test]
    fn a_person_with_several_roles_reads_each_tenant_they_run_and_no_other() {
        let p = Principal {
            user_id: 9,
            partnership_roles: vec![
                (2, PartnershipRole::Admin),
                (1, PartnershipRole::Admin),
                (3, PartnershipRole::Analyst),
                (1, PartnershipRole::PanelMember),
            ],
            org_roles: vec![(20, OrgRole::SafeguardingLead), (30, OrgRole::Contributor)],
            ..Default::default()
        };
        assert_eq!(audit_scope(&p), tenants(&[1, 2], &[20]));
    }
}
