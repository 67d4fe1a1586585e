//! Six-monthly action-plan updates: after an organisation submits its return for a
//! cycle, on each of the cycle's update dates it sends its action plan, as it stands
//! that day, to the partnerships the return went to. This module decides which update
//! dates ask for one, where each stands, and what a sent update holds.
//!
//! The rules:
//! - An update date asks for an update only when it falls after the day the return
//!   was submitted: a plan sent with the return is already current on that day, and
//!   an organisation that had not submitted by a date was not asked for its update.
//! - An update may be sent from [`OPENS_DAYS_BEFORE`] days before its date, so a lead
//!   can send it in the weeks before; it is overdue once [`GRACE_DAYS`] days have
//!   passed after the date (two weeks, the time a business unit gives before chasing,
//!   so one late by a day or two is not reported to the board as overdue).
//! - Sending answers the earliest update date asked for and not yet answered whose
//!   window is open: a late September update is still the September update, and the
//!   March one follows it.
//! - A sent update is a frozen snapshot of every action: what, who leads it, its
//!   target date, its status, the progress notes written since the previous update
//!   (or since the return, for the first), and whether it was overdue on the day sent.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use crate::analytics::percent;
use crate::assessment::{ActionStatus, is_overdue};
use crate::tenancy::coded_enum;

/// An update may be sent this many days before its date.
pub const OPENS_DAYS_BEFORE: i64 = 30;
/// An update not sent this many days after its date is overdue.
pub const GRACE_DAYS: i64 = 14;

coded_enum! {
    /// Where one organisation's update for one update date stands.
    UpdateState {
        NotAsked => ("not_asked", "Not asked"),
        NotDue => ("not_due", "Not due yet"),
        Due => ("due", "Due"),
        Submitted => ("submitted", "Sent"),
        Overdue => ("overdue", "Overdue"),
    }
}

impl UpdateState {
    /// The GOV.UK tag colour; the label is always shown beside it.
    pub fn tag_class(self) -> &'static str {
        match self {
            UpdateState::NotAsked => "govuk-tag--grey",
            UpdateState::NotDue => "govuk-tag--light-blue",
            UpdateState::Due => "govuk-tag--yellow",
            UpdateState::Submitted => "govuk-tag--green",
            UpdateState::Overdue => "govuk-tag--red",
        }
    }
}

/// The first day an update for `due` may be sent.
pub fn opens_on(due: Date) -> Date {
    due - Duration::days(OPENS_DAYS_BEFORE)
}

/// The last day an update for `due` is not yet overdue.
pub fn overdue_after(due: Date) -> Date {
    due + Duration::days(GRACE_DAYS)
}

/// Whether the update date `due` asks an organisation whose return was submitted on
/// `submitted_on` (none: not submitted) for an update.
pub fn asks(due: Date, submitted_on: Option<Date>) -> bool {
    submitted_on.is_some_and(|s| due > s)
}

/// The update dates that ask for an update, earliest first, each once.
pub fn dates_asked(update_dates: &[Date], submitted_on: Option<Date>) -> Vec<Date> {
    let mut dates: Vec<Date> = update_dates.iter().copied().filter(|d| asks(*d, submitted_on)).collect();
    dates.sort();
    dates.dedup();
    dates
}

/// Where the update for `due` stands on `today`, `sent` saying whether one was sent.
pub fn state(due: Date, submitted_on: Option<Date>, sent: bool, today: Date) -> UpdateState {
    if !asks(due, submitted_on) {
        UpdateState::NotAsked
    } else if sent {
        UpdateState::Submitted
    } else if today > overdue_after(due) {
        UpdateState::Overdue
    } else if today >= opens_on(due) {
        UpdateState::Due
    } else {
        UpdateState::NotDue
    }
}

/// The update date that sending on `today` answers: the earliest asked for, not yet
/// answered (`answered`), whose window has opened. `None` when nothing can be sent.
pub fn next_to_send(
    update_dates: &[Date],
    submitted_on: Option<Date>,
    answered: &[Date],
    today: Date,
) -> Option<Date> {
    dates_asked(update_dates, submitted_on)
        .into_iter()
        .find(|d| !answered.contains(d))
        .filter(|d| today >= opens_on(*d))
}

// Dates are stored as "2027-09-30", readable in the database and in exports.
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// One action of the plan as it stands, with its progress notes (any order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanAction {
    pub what: String,
    pub lead: String,
    pub target: Option<Date>,
    pub status: ActionStatus,
    /// Where an action not derived from a criterion came from, or its criterion code.
    pub source: String,
    pub notes: Vec<Note>,
}

/// One progress note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub author: String,
    pub text: String,
}

/// One action as the update froze it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotAction {
    pub what: String,
    pub lead: String,
    #[serde(with = "iso_date::option")]
    pub target: Option<Date>,
    pub status: ActionStatus,
    pub source: String,
    /// Overdue on the day the update was sent.
    pub overdue: bool,
    /// The notes written since the previous update, oldest first.
    pub progress: Vec<Note>,
}

/// A sent update's content, stored as JSON and never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The update date it answers.
    #[serde(with = "iso_date")]
    pub due_on: Date,
    /// The day it was sent: overdue flags are as of this day.
    #[serde(with = "iso_date")]
    pub as_of: Date,
    /// Progress is counted from this moment (the previous update, or the return).
    #[serde(with = "time::serde::rfc3339::option")]
    pub since: Option<OffsetDateTime>,
    pub actions: Vec<SnapshotAction>,
}

impl Snapshot {
    pub fn overdue(&self) -> usize {
        self.actions.iter().filter(|a| a.overdue).count()
    }

    pub fn completed(&self) -> usize {
        self.actions.iter().filter(|a| a.status == ActionStatus::Completed).count()
    }
}

/// Freezes the plan as it stands: every action, in the order given, with the notes
/// written after `since` (all of them when `None`) and its overdue flag on `as_of`.
pub fn snapshot(
    actions: &[PlanAction],
    due_on: Date,
    since: Option<OffsetDateTime>,
    as_of: Date,
) -> Snapshot {
    let actions = actions
        .iter()
        .map(|a| {
            let mut progress: Vec<Note> =
                a.notes.iter().filter(|n| since.is_none_or(|s| n.at > s)).cloned().collect();
            progress.sort_by_key(|n| n.at);
            SnapshotAction {
                what: a.what.clone(),
                lead: a.lead.clone(),
                target: a.target,
                status: a.status,
                source: a.source.clone(),
                overdue: is_overdue(a.status, a.target, as_of),
                progress,
            }
        })
        .collect();
    Snapshot { due_on, as_of, since, actions }
}

/// How the organisations of a cycle stand on one update date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateCount {
    /// Organisations asked for this update (submitted their return before the date).
    pub asked: usize,
    pub sent: usize,
    pub overdue: usize,
    /// Organisations that submitted a return on or after the date: not asked.
    pub submitted_later: usize,
    /// Organisations invited that have not submitted a return: not asked.
    pub no_return: usize,
}

impl DateCount {
    /// Adds one organisation's state; `has_return` says whether it submitted at all.
    pub fn add(&mut self, state: UpdateState, has_return: bool) {
        match state {
            UpdateState::NotAsked if has_return => self.submitted_later += 1,
            UpdateState::NotAsked => self.no_return += 1,
            UpdateState::Submitted => {
                self.asked += 1;
                self.sent += 1;
            }
            UpdateState::Overdue => {
                self.asked += 1;
                self.overdue += 1;
            }
            UpdateState::Due | UpdateState::NotDue => self.asked += 1,
        }
    }

    pub fn percent_sent(&self) -> u32 {
        percent(self.sent, self.asked)
    }
}

fn organisations(n: usize) -> String {
    if n == 1 { "1 organisation".to_owned() } else { format!("{n} organisations") }
}

/// "30 September 2027".
pub fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// The update's name: "the September 2027 update".
pub fn update_name(due: Date) -> String {
    format!("the {} {} update", due.month(), due.year())
}

/// The count in words, its denominator stated and what does not apply left out:
/// "4 of 6 organisations that submitted a return before 30 September 2027 have sent
/// the September 2027 update (67%); 1 is overdue. Not asked: 1 that submitted its
/// return later, 2 with no return."
pub fn count_words(due: Date, c: &DateCount) -> String {
    let mut words = if c.asked == 0 {
        format!(
            "No organisation had submitted a return before {}, so none is asked for {}.",
            long_date(due),
            update_name(due)
        )
    } else {
        // "0 of 1 organisation … has sent" agrees with the one organisation asked.
        let verb = if c.sent == 1 || c.asked == 1 { "has" } else { "have" };
        let of = if c.asked == 1 { "organisation" } else { "organisations" };
        let mut w = format!(
            "{} of {} {of} that submitted a return before {} {verb} sent {} ({}%)",
            c.sent,
            c.asked,
            long_date(due),
            update_name(due),
            c.percent_sent()
        );
        if c.overdue > 0 {
            let verb = if c.overdue == 1 { "is" } else { "are" };
            w.push_str(&format!("; {} {verb} overdue", c.overdue));
        }
        w.push('.');
        w
    };
    let mut not_asked = Vec::new();
    if c.submitted_later > 0 {
        not_asked.push(format!(
            "{} that submitted a return on or after that date",
            organisations(c.submitted_later)
        ));
    }
    if c.no_return > 0 {
        not_asked.push(format!("{} with no return submitted", organisations(c.no_return)));
    }
    if !not_asked.is_empty() {
        words.push_str(&format!(" Not asked: {}.", not_asked.join(" and ")));
    }
    words
}

#[cfg(test)]
#[path = "plan_update_tests.rs"]
mod tests;
