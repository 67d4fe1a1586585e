//! Setting up a cycle: which frameworks a partnership may ask its organisations to
//! complete, and which of its local questions the set-up form offers ticked.
//!
//! Guarantees: a partnership is offered only frameworks written for the people it
//! safeguards (a joint partnership any of children's, adults' or joint ones, never the
//! partnership's own self-assessment), and the same rule refuses any other framework
//! posted; a new cycle asks what the partnership's previous cycle on that framework
//! asked, plus any question added since that cycle was set up, or every question when
//! there is no earlier cycle.

use time::OffsetDateTime;

use crate::framework::Audience;
use crate::tenancy::PartnershipKind;

/// Whether a partnership of `kind` may ask organisations to complete a framework of
/// `audience`. The same audiences its resources link to
/// ([`crate::signposting::audiences_for`]), so what a cycle asks and what it signposts
/// never disagree.
pub fn may_use_framework(kind: PartnershipKind, audience: Audience) -> bool {
    crate::signposting::audiences_for(kind).contains(&audience)
}

/// One local question a cycle could ask: its id and when the partnership added it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered {
    pub id: i64,
    pub added_at: OffsetDateTime,
}

/// The partnership's previous cycle on the same framework: when it was set up and
/// which local questions it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous<'a> {
    pub set_up_at: OffsetDateTime,
    pub asked: &'a [i64],
}

/// The questions ticked when the form first shows, in the order offered. The previous
/// cycle's choice carries over; a question added after it was set up was never
/// weighed for it, so it starts ticked like any question of a first cycle.
pub fn preticked(offered: &[Offered], previous: Option<&Previous<'_>>) -> Vec<i64> {
    offered
        .iter()
        .filter(|q| match previous {
            None => true,
            Some(p) => p.asked.contains(&q.id) || q.added_at > p.set_up_at,
        })
        .map(|q| q.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const SET_UP: OffsetDateTime = datetime!(2025-01-10 9:00 UTC);

    fn offered(id: i64, days_after_set_up: i64) -> Offered {
        Offered { id, added_at: SET_UP + Duration::days(days_after_set_up) }
    }

    #[test]
    fn a_first_cycle_ticks_every_question() {
        let all = [offered(1, -30), offered(2, 0), offered(3, 5)];
        assert_eq!(preticked(&all, None), vec![1, 2, 3]);
        assert!(preticked(&[], None).is_empty());
    }

    #[test]
    fn a_later_cycle_carries_over_the_previous_choice_and_ticks_only_newer_questions_besides() {
        // 1 and 2 existed when the last cycle was set up: it asked 2 only. 3 came later.
        let all = [offered(1, -30), offered(2, -1), offered(3, 40)];
        let previous = Previous { set_up_at: SET_UP, asked: &[2] };
        assert_eq!(preticked(&all, Some(&previous)), vec![2, 3]);
    }

    #[test]
    fn a_question_added_at_the_moment_of_set_up_counts_as_weighed() {
        let previous = Previous { set_up_at: SET_UP, asked: &[] };
        assert!(preticked(&[offered(1, 0)], Some(&previous)).is_empty());
    }

    #[test]
    fn questions_the_previous_cycle_asked_that_are_no_longer_offered_are_not_invented() {
        let previous = Previous { set_up_at: SET_UP, asked: &[1, 9] };
        assert_eq!(preticked(&[offered(1, -3)], Some(&previous)), vec![1]);
    }

    #[test]
    fn partnerships_use_only_frameworks_for_the_people_they_safeguard() {
        use Audience::*;
        use PartnershipKind as K;
        let allowed =
            |kind| Audience::ALL.iter().copied().filter(|a| may_use_framework(kind, *a)).collect::<Vec<_>>();
        assert_eq!(allowed(K::Children), vec![Children]);
        assert_eq!(allowed(K::Adults), vec![Adults]);
        assert_eq!(allowed(K::Joint), vec![Children, Adults, Joint]);
        for kind in PartnershipKind::ALL {
            assert!(
                !may_use_framework(*kind, Partnership),
                "organisations never answer the partnership's own"
            );
        }
    }
}
