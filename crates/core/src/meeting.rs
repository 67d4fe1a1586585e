//! Assurance meetings (challenge events): a partnership meets one organisation, with a
//! panel, to test what its return says. The rules here: how a meeting moves from
//! scheduled to held to finalised and what may change at each point ([`check`]), who
//! may read and write it ([`Parties`]), and the agenda osa drafts from what the
//! organisation's return and plan show ([`draft_agenda`]).
//!
//! The rules:
//! - A meeting is scheduled, then held, then finalised; it never goes back.
//! - The date and agenda change only while it is scheduled; the panel is chosen when
//!   it is scheduled.
//! - Questions are added before the meeting or while recording it (held); notes,
//!   outcomes, answers and agreed actions are recorded once it is held.
//! - A finalised record is never edited: only comments are added to it.
//! - The partnership's admins run the meeting. Every member of its staff reads it
//!   (panel members prepare from the same page). The organisation's safeguarding lead
//!   reads the agenda once it is scheduled and the whole record once it is held.
//!   Other people of the organisation are refused; anyone else is told it does not
//!   exist. Platform admins read but do not take part.
//! - Comments come once the meeting is held, from the partnership's admins and panel
//!   members, the people chosen for the panel, and the organisation's lead.

use time::Date;

use crate::access::{Decision, Principal};
use crate::analytics::Difference;
use crate::framework::Standing;
use crate::tenancy::{OrgRole, PartnershipRole, coded_enum};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where a meeting stands.
    MeetingState {
        Scheduled => ("scheduled", "Scheduled"),
        Held => ("held", "Held: record being written"),
        Finalised => ("finalised", "Record finalised"),
    }
}

coded_enum! {
    /// Where a question asked at a meeting came from.
    QuestionSource {
        Panel => ("panel", "Panel"),
        ChildrenAndYoungPeople => ("children_and_young_people", "Children and young people"),
        ReviewLearning => ("review_learning", "Learning from a review"),
    }
}

coded_enum! {
    /// What the panel concluded on one question.
    Outcome {
        Assured => ("assured", "Assured"),
        PartlyAssured => ("partly_assured", "Partly assured"),
        NotAssured => ("not_assured", "Not assured"),
    }
}

coded_enum! {
    /// A change someone asks to make to a meeting.
    Change {
        EditDetails => ("edit_details", "Change the date or agenda"),
        AddQuestion => ("add_question", "Add a question"),
        MarkHeld => ("mark_held", "Mark as held"),
        Record => ("record", "Record notes, answers and outcomes"),
        AgreeAction => ("agree_action", "Agree an action"),
        Finalise => ("finalise", "Finalise the record"),
        Comment => ("comment", "Add a comment"),
    }
}

impl MeetingState {
    pub fn tag_class(self) -> &'static str {
        match self {
            MeetingState::Scheduled => "govuk-tag--blue",
            MeetingState::Held => "govuk-tag--yellow",
            MeetingState::Finalised => "govuk-tag--green",
        }
    }
}

impl Outcome {
    pub fn tag_class(self) -> &'static str {
        match self {
            Outcome::Assured => "govuk-tag--green",
            Outcome::PartlyAssured => "govuk-tag--yellow",
            Outcome::NotAssured => "govuk-tag--red",
        }
    }
}

/// Why a change cannot be made where the meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the record is finalised: it cannot be changed, only added to with a comment")]
    Finalised,
    #[error("the date and agenda can be changed only until the meeting is held")]
    AlreadyHeld,
    #[error("mark the meeting as held first")]
    NotHeldYet,
}

/// The state after `change`, or why it is refused where the meeting stands.
pub fn check(state: MeetingState, change: Change) -> Result<MeetingState, Refusal> {
    use MeetingState::*;
    match (state, change) {
        (Finalised, Change::Comment) => Ok(Finalised),
        (Finalised, _) => Err(Refusal::Finalised),
        (Scheduled, Change::EditDetails | Change::AddQuestion) => Ok(Scheduled),
        (Scheduled, Change::MarkHeld) => Ok(Held),
        (Scheduled, Change::Record | Change::AgreeAction | Change::Finalise | Change::Comment) => {
            Err(Refusal::NotHeldYet)
        }
        (Held, Change::EditDetails | Change::MarkHeld) => Err(Refusal::AlreadyHeld),
        (Held, Change::AddQuestion | Change::Record | Change::AgreeAction | Change::Comment) => Ok(Held),
        (Held, Change::Finalise) => Ok(Finalised),
    }
}

/// Whose meeting it is and who sits on its panel.
#[derive(Debug, Clone, Copy)]
pub struct Parties<'a> {
    pub partnership: i64,
    pub organisation: i64,
    /// The people of the partnership chosen for the panel (user ids).
    pub panel: &'a [i64],
}

impl Parties<'_> {
    fn is_lead(&self, p: &Principal) -> bool {
        p.org_roles_in(self.organisation).any(|r| r == OrgRole::SafeguardingLead)
    }

    fn is_admin(&self, p: &Principal) -> bool {
        p.partnership_roles_in(self.partnership).any(|r| r == PartnershipRole::Admin)
    }

    /// Reading the meeting's page (the agenda at least).
    pub fn may_read(&self, p: &Principal) -> Decision {
        if p.platform_admin || p.is_partnership_staff(self.partnership) || self.is_lead(p) {
            Decision::Allow
        } else if p.is_org_member(self.organisation) {
            Decision::Forbidden
        } else {
            Decision::NotFound
        }
    }

    /// Reading the record (notes, answers, outcomes, actions and comments): the
    /// partnership's side always, the organisation's lead once the meeting is held.
    pub fn may_read_record(&self, p: &Principal, state: MeetingState) -> bool {
        if p.platform_admin || p.is_partnership_staff(self.partnership) {
            return true;
        }
        self.is_lead(p) && state != MeetingState::Scheduled
    }

    fn refuse(&self, p: &Principal) -> Decision {
        match self.may_read(p) {
            Decision::Allow => Decision::Forbidden,
            other => other,
        }
    }

    /// Running the meeting: every change but a comment.
    pub fn may_manage(&self, p: &Principal) -> Decision {
        if self.is_admin(p) { Decision::Allow } else { self.refuse(p) }
    }

    /// Adding a comment (whether the meeting's state allows one is [`check`]'s say).
    pub fn may_comment(&self, p: &Principal) -> Decision {
        let panel = p.partnership_roles_in(self.partnership).any(|r| r == PartnershipRole::PanelMember)
            || (p.is_partnership_staff(self.partnership) && self.panel.contains(&p.user_id));
        if self.is_admin(p) || panel || self.is_lead(p) { Decision::Allow } else { self.refuse(p) }
    }

    /// Whether `change` may be made by this person (access only).
    pub fn may(&self, p: &Principal, change: Change) -> Decision {
        match change {
            Change::Comment => self.may_comment(p),
            _ => self.may_manage(p),
        }
    }
}

/// One standard's standing in the organisation's submitted return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardStanding {
    pub code: String,
    pub title: String,
    pub standing: Standing,
    /// Whether the standard applies to the organisation at all.
    pub applies: bool,
}

/// An action in the organisation's plan that is past its target date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueAction {
    pub what: String,
    pub target: Date,
}

/// A challenge or request for changes on the return still waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenChallenge {
    /// What it is about: "1.2 We check staff" or "the whole return".
    pub about: String,
    pub partnership: String,
}

/// A practitioner survey question where practitioners and the self-assessment differ
/// by a large margin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyGap {
    pub wording: String,
    pub percent: u32,
    pub difference: Difference,
}

/// What osa knows about the organisation when the meeting is scheduled.
#[derive(Debug, Clone, Default)]
pub struct AgendaFacts {
    /// Whether it submitted a return to this cycle; without one there are no standings.
    pub submitted: bool,
    /// In the framework's order.
    pub standings: Vec<StandardStanding>,
    pub overdue_actions: Vec<OverdueAction>,
    pub open_challenges: Vec<OpenChallenge>,
    pub survey_gaps: Vec<SurveyGap>,
}

fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// The first draft of the agenda, one item per entry, in the order to take them:
/// what is missing, red standards, amber standards, overdue actions, open
/// challenges, survey gaps, then agreeing actions. Green and not-applicable
/// standards are left out; the admin edits the draft before the meeting.
pub fn draft_agenda(f: &AgendaFacts) -> Vec<String> {
    let mut items = vec!["Introductions, and what the organisation wants the panel to know".to_owned()];
    if !f.submitted {
        items.push(
            "The organisation has not submitted a return for this cycle: why not, and by when will it?"
                .to_owned(),
        );
    }
    let mut concerns = 0;
    for (standing, ask) in [
        (Standing::Red, "is rated red: what is in place now, and what will change by when?"),
        (Standing::Amber, "is rated amber: what is still to do, and how will you know it has worked?"),
    ] {
        for s in f.standings.iter().filter(|s| s.applies && s.standing == standing) {
            items.push(format!("Standard {} ({}) {ask}", s.code, s.title.trim()));
            concerns += 1;
        }
    }
    for a in &f.overdue_actions {
        items.push(format!(
            "Overdue action, due {}: {}. What is holding it up, and what is the new date?",
            long_date(a.target),
            a.what.trim()
        ));
        concerns += 1;
    }
    for c in &f.open_challenges {
        items.push(format!(
            "Open challenge from {} about {}, not yet answered",
            c.partnership.trim(),
            c.about.trim()
        ));
        concerns += 1;
    }
    for g in &f.survey_gaps {
        let way = match g.difference {
            Difference::PractitionersLessPositive => "less positive than the self-assessment",
            Difference::PractitionersMorePositive => "more positive than the self-assessment",
        };
        items.push(format!(
            "Practitioner survey: staff are {way} on \"{}\" ({}% said yes). Why might that be?",
            g.wording.trim(),
            g.percent
        ));
        concerns += 1;
    }
    if f.submitted && concerns == 0 {
        items.push(
            "Nothing is rated red or amber, overdue, open or flagged by practitioners: how does the \
             organisation know its arrangements work, and what will it improve next?"
                .to_owned(),
        );
    }
    items.push("Questions from children and young people".to_owned());
    items.push("Agree actions, who leads each, and by when".to_owned());
    items
}

/// Agenda text as kept and edited: one item per line, blank lines dropped.
pub fn agenda_items(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// An external panel member typed as "Name, role" (the role may be left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalMember {
    pub name: String,
    pub role: String,
}

/// The external panel members from a text box: one per line, "Name, role". Blank
/// lines are dropped; the first comma splits the name from the role.
pub fn external_members(text: &str) -> Vec<ExternalMember> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.split_once(',') {
            Some((name, role)) => {
                ExternalMember { name: name.trim().to_owned(), role: role.trim().to_owned() }
            }
            None => ExternalMember { name: line.to_owned(), role: String::new() },
        })
        .filter(|m| !m.name.is_empty())
        .collect()
}

#[cfg(test)]
#[path = "meeting_tests.rs"]
mod tests;
