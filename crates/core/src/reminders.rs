//! Which reminders are due: the rule the job runner applies every few minutes. Each
//! reminder has a key that names it for good (the kind and, for dated ones, the date),
//! so the runner records it once and never sends it again, however often it runs and
//! however many servers run it.
//!
//! - A return due within [`DUE_SOON_DAYS`] days, still outstanding: one "due soon".
//! - A return past its due date, still outstanding: one "overdue".
//! - A submitted return, once each action-plan update date arrives: one request per date.
//! - Nothing at all for an invitation whose reminders an admin has paused, or for a
//!   confirmed non-submission.
//!
//! One notice is not a reminder of the runner but is kept in the same record: when an
//! admin extends a cycle's due date, each outstanding organisation is told once per
//! new due date ([`extension_notice`]).

use time::{Date, Duration};

use crate::cycle::InvitationState;

/// How long before the due date the "due soon" reminder goes.
pub const DUE_SOON_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reminder {
    DueSoon,
    Overdue,
    ActionPlanUpdate(Date),
    /// The cycle's due date was moved later, to this date.
    DueDateExtended(Date),
}

impl Reminder {
    /// The key recorded when the reminder is sent; one per invitation and key, ever.
    pub fn key(&self) -> String {
        match self {
            Reminder::DueSoon => "due_soon".into(),
            Reminder::Overdue => "overdue".into(),
            Reminder::ActionPlanUpdate(date) => format!("action_plan_update:{date}"),
            Reminder::DueDateExtended(date) => format!("due_date_extended:{date}"),
        }
    }

    /// How the reminder is named to admins.
    pub fn label(key: &str) -> String {
        match key {
            "due_soon" => "Return due soon".into(),
            "overdue" => "Return overdue".into(),
            other => {
                match (other.strip_prefix("action_plan_update:"), other.strip_prefix("due_date_extended:")) {
                    (Some(date), _) => format!("Action-plan update requested ({date})"),
                    (_, Some(date)) => format!("Due date extended to {date}"),
                    _ => other.to_owned(),
                }
            }
        }
    }
}

/// What the runner knows about one invitation.
#[derive(Debug, Clone)]
pub struct InvitationDue<'a> {
    pub state: InvitationState,
    pub paused: bool,
    pub due_on: Date,
    pub updates_due: &'a [Date],
    /// Keys of the reminders already sent for this invitation.
    pub sent: &'a [String],
}

/// The reminders to send now, not yet sent.
pub fn due_reminders(i: &InvitationDue<'_>, today: Date) -> Vec<Reminder> {
    if i.paused || i.state == InvitationState::ConfirmedNonSubmission {
        return Vec::new();
    }
    let mut due = Vec::new();
    if i.state.is_outstanding() {
        if today > i.due_on {
            due.push(Reminder::Overdue);
        } else if today >= i.due_on - Duration::days(DUE_SOON_DAYS) {
            due.push(Reminder::DueSoon);
        }
    }
    if i.state == InvitationState::Submitted {
        due.extend(i.updates_due.iter().filter(|d| today >= **d).map(|d| Reminder::ActionPlanUpdate(*d)));
    }
    due.retain(|r| !i.sent.contains(&r.key()));
    due
}

/// The notice an organisation's leads get when an admin moves the cycle's due date
/// from `old` to `new`: only a later date is news to them, and only while their
/// return is outstanding (a submitted return, or a confirmed non-submission, has no
/// use for more time). Its key names the new date, so each new due date is told once.
pub fn extension_notice(state: InvitationState, old: Date, new: Date) -> Option<Reminder> {
    (new > old && state.is_outstanding()).then_some(Reminder::DueDateExtended(new))
}

/// Whether a lead is told about an overdue action: once, after its target date.
pub fn action_notice_due(target: Option<Date>, completed: bool, today: Date, already_told: bool) -> bool {
    !already_told && !completed && target.is_some_and(|t| today > t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const DUE: Date = date!(2027 - 03 - 31);

    fn invitation<'a>(state: InvitationState, sent: &'a [String], updates: &'a [Date]) -> InvitationDue<'a> {
        InvitationDue { state, paused: false, due_on: DUE, updates_due: updates, sent }
    }

    #[test]
    fn nothing_is_due_long_before_the_date() {
        let i = invitation(InvitationState::NotStarted, &[], &[]);
        assert!(due_reminders(&i, date!(2027 - 03 - 16)).is_empty());
        assert_eq!(due_reminders(&i, date!(2027 - 03 - 17)), vec![Reminder::DueSoon]);
        assert_eq!(due_reminders(&i, DUE), vec![Reminder::DueSoon]);
        assert_eq!(due_reminders(&i, date!(2027 - 04 - 01)), vec![Reminder::Overdue]);
    }

    #[test]
    fn a_reminder_already_sent_is_never_due_again() {
        let sent = vec!["due_soon".to_owned()];
        let i = invitation(InvitationState::InProgress, &sent, &[]);
        assert!(due_reminders(&i, DUE).is_empty());
        let sent = vec!["due_soon".to_owned(), "overdue".to_owned()];
        let i = invitation(InvitationState::InProgress, &sent, &[]);
        assert!(due_reminders(&i, date!(2027 - 05 - 01)).is_empty());
    }

    #[test]
    fn submitted_returns_get_update_requests_on_each_date_and_no_chasing() {
        let updates = [date!(2027 - 09 - 30), date!(2028 - 03 - 31)];
        let i = invitation(InvitationState::Submitted, &[], &updates);
        assert!(due_reminders(&i, date!(2027 - 05 - 01)).is_empty());
        assert_eq!(due_reminders(&i, date!(2027 - 10 - 01)), vec![Reminder::ActionPlanUpdate(updates[0])]);
        let sent = vec![Reminder::ActionPlanUpdate(updates[0]).key()];
        let i = invitation(InvitationState::Submitted, &sent, &updates);
        assert_eq!(due_reminders(&i, date!(2028 - 04 - 01)), vec![Reminder::ActionPlanUpdate(updates[1])]);
    }

    #[test]
    fn paused_invitations_and_confirmed_non_submissions_get_nothing() {
        let mut i = invitation(InvitationState::NotStarted, &[], &[]);
        i.paused = true;
        assert!(due_reminders(&i, date!(2027 - 05 - 01)).is_empty());
        let i = invitation(InvitationState::ConfirmedNonSubmission, &[], &[]);
        assert!(due_reminders(&i, date!(2027 - 05 - 01)).is_empty());
    }

    #[test]
    fn only_a_later_due_date_is_told_and_only_to_outstanding_returns() {
        let later = date!(2027 - 04 - 30);
        assert_eq!(
            extension_notice(InvitationState::NotStarted, DUE, later),
            Some(Reminder::DueDateExtended(later))
        );
        assert_eq!(
            extension_notice(InvitationState::InProgress, DUE, later),
            Some(Reminder::DueDateExtended(later))
        );
        assert_eq!(extension_notice(InvitationState::NotStarted, DUE, DUE), None, "unchanged");
        assert_eq!(
            extension_notice(InvitationState::NotStarted, DUE, date!(2027 - 03 - 01)),
            None,
            "shortened"
        );
        assert_eq!(extension_notice(InvitationState::Submitted, DUE, later), None);
        assert_eq!(extension_notice(InvitationState::ConfirmedNonSubmission, DUE, later), None);
        assert_eq!(Reminder::DueDateExtended(later).key(), "due_date_extended:2027-04-30");
        assert_eq!(Reminder::label("due_date_extended:2027-04-30"), "Due date extended to 2027-04-30");
        assert_ne!(
            Reminder::DueDateExtended(later).key(),
            Reminder::DueDateExtended(date!(2027 - 05 - 31)).key(),
            "each new due date is told once"
        );
    }

    #[test]
    fn keys_name_reminders_for_good_and_read_as_words() {
        assert_eq!(Reminder::ActionPlanUpdate(date!(2027 - 09 - 30)).key(), "action_plan_update:2027-09-30");
        assert_eq!(Reminder::label("overdue"), "Return overdue");
        assert_eq!(
            Reminder::label("action_plan_update:2027-09-30"),
            "Action-plan update requested (2027-09-30)"
        );
    }

    #[test]
    fn an_overdue_action_is_noticed_once_after_its_date() {
        let target = Some(date!(2027 - 01 - 31));
        assert!(!action_notice_due(target, false, date!(2027 - 01 - 31), false));
        assert!(action_notice_due(target, false, date!(2027 - 02 - 01), false));
        assert!(!action_notice_due(target, false, date!(2027 - 02 - 01), true));
        assert!(!action_notice_due(target, true, date!(2027 - 02 - 01), false));
        assert!(!action_notice_due(None, false, date!(2027 - 02 - 01), false));
    }
}
