//! The lifecycle of an organisation's return for a round, and the version check that
//! stops one person's save from silently overwriting another's.
//!
//! Guarantees: the only moves are draft → signed off (sign off), signed off → draft
//! (withdraw sign-off, or any edit), signed off → submitted (submit), and an edit to a
//! draft, which keeps it a draft. Everything else is refused with a message written for
//! the person who tried it; in particular nothing ever leaves `Submitted`, and nothing
//! reaches it without a sign-off. Whether the answers are complete enough to sign off
//! is the caller's check ([`missing_answers`](super::missing_answers) must be empty).
//!
//! After submission the organisation keeps improving its living assessment; those
//! edits change the assessment, not the submitted return, and so do not pass through
//! [`transition`] (which would refuse them).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::tenancy::coded_enum;

coded_enum! {
    /// Where an organisation's return for a round stands.
    ReturnState {
        Draft => ("draft", "Draft"),
        SignedOff => ("signed_off", "Signed off"),
        Submitted => ("submitted", "Submitted"),
    }
}

/// Something that happens to a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReturnEvent {
    /// The senior sign-off approves the return.
    SignOff,
    /// The sign-off is taken back, to change something.
    WithdrawSignOff,
    /// Any change to an answer of the return.
    Edit,
    /// The signed-off return is sent to the partnership.
    Submit,
}

impl ReturnEvent {
    pub const ALL: &'static [ReturnEvent] =
        &[ReturnEvent::SignOff, ReturnEvent::WithdrawSignOff, ReturnEvent::Edit, ReturnEvent::Submit];
}

/// A move the lifecycle does not allow, with words for the person who tried it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct TransitionError {
    pub from: ReturnState,
    pub event: ReturnEvent,
    pub message: &'static str,
}

/// The state a return moves to when `event` happens, or why it cannot.
pub fn transition(state: ReturnState, event: ReturnEvent) -> Result<ReturnState, TransitionError> {
    use ReturnEvent::*;
    use ReturnState::*;
    let refuse = |message| Err(TransitionError { from: state, event, message });
    match (state, event) {
        (Draft, SignOff) => Ok(SignedOff),
        (Draft, Edit) => Ok(Draft),
        (Draft, WithdrawSignOff) => {
            refuse("The return has not been signed off, so there is nothing to withdraw")
        }
        (Draft, Submit) => refuse("The return must be signed off before it can be submitted"),
        (SignedOff, SignOff) => refuse("The return has already been signed off"),
        (SignedOff, WithdrawSignOff | Edit) => Ok(Draft),
        (SignedOff, Submit) => Ok(Submitted),
        (Submitted, SignOff | WithdrawSignOff | Submit) => {
            refuse("The return has already been submitted for this round")
        }
        (Submitted, Edit) => refuse("The return has been submitted for this round and cannot be changed"),
    }
}

/// Whether a save may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveCheck {
    /// The save was based on the stored version.
    Fresh,
    /// Someone saved since: the save must be refused (409) and the person shown the
    /// current answer.
    Stale { current_version: i64 },
}

/// Optimistic concurrency: a save carries the version it was based on, and goes ahead
/// only when that is still the stored version.
pub fn check_version(stored_version: i64, based_on: i64) -> SaveCheck {
    if stored_version == based_on {
        SaveCheck::Fresh
    } else {
        SaveCheck::Stale { current_version: stored_version }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReturnEvent::*;
    use ReturnState::*;

    /// The whole table, written out: every (state, event) pair.
    #[test]
    fn every_state_and_event() {
        let table = [
            (Draft, SignOff, Some(SignedOff)),
            (Draft, WithdrawSignOff, None),
            (Draft, Edit, Some(Draft)),
            (Draft, Submit, None),
            (SignedOff, SignOff, None),
            (SignedOff, WithdrawSignOff, Some(Draft)),
            (SignedOff, Edit, Some(Draft)),
            (SignedOff, Submit, Some(Submitted)),
            (Submitted, SignOff, None),
            (Submitted, WithdrawSignOff, None),
            (Submitted, Edit, None),
            (Submitted, Submit, None),
        ];
        assert_eq!(table.len(), ReturnState::ALL.len() * ReturnEvent::ALL.len());
        for state in ReturnState::ALL {
            for event in ReturnEvent::ALL {
                let expected = table
                    .iter()
                    .find(|(s, e, _)| s == state && e == event)
                    .map(|(_, _, to)| *to)
                    .expect("every pair is in the table");
                match (transition(*state, *event), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{state:?} + {event:?}"),
                    (Err(e), None) => {
                        assert_eq!((e.from, e.event), (*state, *event));
                        assert!(e.message.ends_with(|c: char| c.is_alphabetic()), "{e}");
                        assert!(e.message.starts_with("The return"), "{e}");
                    }
                    (got, want) => panic!("{state:?} + {event:?}: got {got:?}, expected {want:?}"),
                }
            }
        }
    }

    #[test]
    fn submitted_is_final() {
        for event in ReturnEvent::ALL {
            assert!(transition(Submitted, *event).is_err(), "{event:?}");
        }
    }

    #[test]
    fn submission_needs_a_sign_off_and_an_edit_takes_it_away() {
        assert!(transition(Draft, Submit).is_err());
        let signed = transition(Draft, SignOff).unwrap();
        let edited = transition(signed, Edit).unwrap();
        assert_eq!(edited, Draft);
        assert!(transition(edited, Submit).is_err(), "an edit after sign-off needs a new sign-off");
        let again = transition(edited, SignOff).unwrap();
        assert_eq!(transition(again, Submit), Ok(Submitted));
    }

    #[test]
    fn errors_read_as_sentences() {
        let e = transition(Draft, Submit).unwrap_err();
        assert_eq!(e.to_string(), "The return must be signed off before it can be submitted");
        let e = transition(Submitted, Edit).unwrap_err();
        assert_eq!(e.to_string(), "The return has been submitted for this round and cannot be changed");
    }

    #[test]
    fn codes_round_trip() {
        for s in ReturnState::ALL {
            assert_eq!(ReturnState::from_code(s.code()), Some(*s));
        }
        assert_eq!(ReturnState::SignedOff.code(), "signed_off");
        assert_eq!(ReturnState::SignedOff.label(), "Signed off");
        assert_eq!(ReturnState::from_code("Submitted"), None);
    }

    #[test]
    fn versions() {
        assert_eq!(check_version(3, 3), SaveCheck::Fresh);
        assert_eq!(check_version(0, 0), SaveCheck::Fresh);
        assert_eq!(check_version(4, 3), SaveCheck::Stale { current_version: 4 });
        assert_eq!(check_version(3, 4), SaveCheck::Stale { current_version: 3 }, "a version from the future");
        assert_eq!(check_version(i64::MAX, i64::MIN), SaveCheck::Stale { current_version: i64::MAX });
    }
}
