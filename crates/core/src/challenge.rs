//! Reading and challenging a submitted return: who may read it, who may comment,
//! challenge or request changes, and how a challenge moves between open, answered
//! and resolved.
//!
//! The rules:
//! - A return is read by the staff of every partnership it was submitted to, and by
//!   its organisation's safeguarding lead and senior sign-off (who read every
//!   standard). A contributor sees only the standards delegated to them, so not the
//!   return (forbidden). Platform admins read everything.
//! - Every staff role of a recipient partnership may comment and challenge (panel
//!   members scrutinise returns: challenge is their work). Only admins and analysts
//!   may request changes to the return as a whole, because that asks the
//!   organisation to do work on the partnership's behalf.
//! - The organisation's safeguarding lead answers and marks resolved; the senior
//!   sign-off reads only. A challenge must be answered before it can be resolved.
//! - Staff of the partnership that raised a challenge, in a role that may raise that
//!   kind, may reopen it once answered or resolved.
//! - A comment needs no answer and has no state; the lead may still reply to it.
//! - Platform admins read but do not take part: a message is always written for a
//!   partnership or for the organisation.

use crate::access::{Decision, Principal};
use serde::{Deserialize, Serialize};

use crate::tenancy::{OrgRole, PartnershipRole, coded_enum};

coded_enum! {
    /// What a partnership raises about a return.
    Kind {
        Comment => ("comment", "Comment"),
        Challenge => ("challenge", "Challenge"),
        ChangeRequest => ("change_request", "Request for changes"),
    }
}

coded_enum! {
    /// Where a challenge or request for changes stands. A comment has none.
    State {
        Open => ("open", "Open"),
        Answered => ("answered", "Answered"),
        Resolved => ("resolved", "Resolved"),
    }
}

coded_enum! {
    /// What one message in a thread does.
    Step {
        Raise => ("raise", "Raised"),
        Answer => ("answer", "Answered"),
        Resolve => ("resolve", "Marked resolved"),
        Reopen => ("reopen", "Reopened"),
    }
}

impl Kind {
    /// Whether the organisation is expected to answer.
    pub fn needs_answer(self) -> bool {
        self != Kind::Comment
    }

    /// The state a newly raised thread of this kind starts in.
    pub fn initial_state(self) -> Option<State> {
        self.needs_answer().then_some(State::Open)
    }
}

impl State {
    /// The GOV.UK tag colour; the label is always shown beside it.
    pub fn tag_class(self) -> &'static str {
        match self {
            State::Open => "govuk-tag--red",
            State::Answered => "govuk-tag--yellow",
            State::Resolved => "govuk-tag--green",
        }
    }
}

/// Why a step cannot be taken from where a thread stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("this has already been raised")]
    AlreadyRaised,
    #[error("a comment is not answered, resolved or reopened")]
    CommentHasNoState,
    #[error("answer it before marking it resolved")]
    NotAnswered,
    #[error("it is already resolved; the partnership may reopen it")]
    AlreadyResolved,
    #[error("it is already open")]
    AlreadyOpen,
}

/// The state after `step`, or why the step is refused. A reply to a comment is the
/// one step that leaves no state.
pub fn next(kind: Kind, state: Option<State>, step: Step) -> Result<Option<State>, TransitionError> {
    use State::*;
    match (step, state) {
        (Step::Raise, _) => Err(TransitionError::AlreadyRaised),
        (Step::Answer, None) if kind == Kind::Comment => Ok(None),
        (_, None) => Err(TransitionError::CommentHasNoState),
        (Step::Answer, Some(Open | Answered)) => Ok(Some(Answered)),
        (Step::Answer, Some(Resolved)) => Err(TransitionError::AlreadyResolved),
        (Step::Resolve, Some(Answered)) => Ok(Some(Resolved)),
        (Step::Resolve, Some(Open)) => Err(TransitionError::NotAnswered),
        (Step::Resolve, Some(Resolved)) => Err(TransitionError::AlreadyResolved),
        (Step::Reopen, Some(Answered | Resolved)) => Ok(Some(Open)),
        (Step::Reopen, Some(Open)) => Err(TransitionError::AlreadyOpen),
    }
}

/// Whose return it is and where it went.
#[derive(Debug, Clone, Copy)]
pub struct Parties<'a> {
    pub organisation: i64,
    /// The partnerships the return was submitted to (empty until it is submitted).
    pub recipients: &'a [i64],
}

/// Whether a partnership role may raise a thread of this kind.
pub fn role_may_raise(role: PartnershipRole, kind: Kind) -> bool {
    match kind {
        Kind::Comment | Kind::Challenge => true,
        Kind::ChangeRequest => matches!(role, PartnershipRole::Admin | PartnershipRole::Analyst),
    }
}

impl Parties<'_> {
    fn is_recipient_staff(&self, p: &Principal) -> bool {
        self.recipients.iter().any(|r| p.is_partnership_staff(*r))
    }

    fn is_reader_in_organisation(&self, p: &Principal) -> bool {
        p.org_roles_in(self.organisation).any(|r| r != OrgRole::Contributor)
    }

    fn is_lead(&self, p: &Principal) -> bool {
        p.org_roles_in(self.organisation).any(|r| r == OrgRole::SafeguardingLead)
    }

    /// Reading the return and every thread on it.
    pub fn may_read(&self, p: &Principal) -> Decision {
        if p.platform_admin || self.is_recipient_staff(p) || self.is_reader_in_organisation(p) {
            Decision::Allow
        } else if p.is_org_member(self.organisation) {
            Decision::Forbidden
        } else {
            Decision::NotFound
        }
    }

    /// A refusal for a reader who may not write; the read decision for anyone else.
    fn refuse(&self, p: &Principal) -> Decision {
        match self.may_read(p) {
            Decision::Allow => Decision::Forbidden,
            other => other,
        }
    }

    /// The partnership a person raises a thread of `kind` for: the first recipient
    /// (in the order given) where they hold a role that may.
    pub fn raising_partnership(&self, p: &Principal, kind: Kind) -> Option<i64> {
        self.recipients
            .iter()
            .copied()
            .find(|r| p.partnership_roles_in(*r).any(|role| role_may_raise(role, kind)))
    }

    pub fn may_raise(&self, p: &Principal, kind: Kind) -> Decision {
        if self.raising_partnership(p, kind).is_some() { Decision::Allow } else { self.refuse(p) }
    }

    /// Answering, resolving or reopening a thread of `kind` raised by `raised_by`
    /// (a partnership). Whether the thread's state allows the step is [`next`]'s say.
    pub fn may_take(&self, p: &Principal, step: Step, kind: Kind, raised_by: i64) -> Decision {
        let allowed = match step {
            Step::Raise => return self.may_raise(p, kind),
            Step::Answer | Step::Resolve => self.is_lead(p),
            Step::Reopen => {
                self.recipients.contains(&raised_by)
                    && p.partnership_roles_in(raised_by).any(|role| role_may_raise(role, kind))
            }
        };
        if allowed { Decision::Allow } else { self.refuse(p) }
    }
}

/// The organisation's list of threads on its returns: its lead and senior sign-off.
pub fn may_read_organisation_threads(p: &Principal, organisation: i64) -> Decision {
    Parties { organisation, recipients: &[] }.may_read(p)
}

#[cfg(test)]
#[path = "challenge_tests.rs"]
mod tests;
