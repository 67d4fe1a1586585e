use super::*;

const P1: i64 = 1;
const P2: i64 = 2;
const O1: i64 = 10;
const O2: i64 = 20;
const SENT_TO_P1: Parties<'static> = Parties { organisation: O1, recipients: &[P1] };

fn staff(role: PartnershipRole, partnership: i64) -> Principal {
    Principal { user_id: 7, partnership_roles: vec![(partnership, role)], ..Default::default() }
}

fn member(role: OrgRole, organisation: i64) -> Principal {
    Principal { user_id: 8, org_roles: vec![(organisation, role)], ..Default::default() }
}

fn platform_admin() -> Principal {
    Principal { platform_admin: true, ..Default::default() }
}

#[test]
fn a_comment_has_no_state_and_a_challenge_or_request_starts_open() {
    assert_eq!(Kind::Comment.initial_state(), None);
    assert_eq!(Kind::Challenge.initial_state(), Some(State::Open));
    assert_eq!(Kind::ChangeRequest.initial_state(), Some(State::Open));
}

#[test]
fn a_challenge_is_answered_then_resolved_and_may_be_reopened() {
    use State::*;
    for kind in [Kind::Challenge, Kind::ChangeRequest] {
        assert_eq!(next(kind, Some(Open), Step::Answer), Ok(Some(Answered)));
        assert_eq!(next(kind, Some(Answered), Step::Answer), Ok(Some(Answered)), "a further answer");
        assert_eq!(next(kind, Some(Answered), Step::Resolve), Ok(Some(Resolved)));
        assert_eq!(next(kind, Some(Resolved), Step::Reopen), Ok(Some(Open)));
        assert_eq!(next(kind, Some(Answered), Step::Reopen), Ok(Some(Open)), "the answer did not satisfy");
    }
}

#[test]
fn a_challenge_cannot_be_resolved_unanswered_nor_answered_once_resolved() {
    use State::*;
    let c = Kind::Challenge;
    assert_eq!(next(c, Some(Open), Step::Resolve), Err(TransitionError::NotAnswered));
    assert_eq!(next(c, Some(Resolved), Step::Resolve), Err(TransitionError::AlreadyResolved));
    assert_eq!(next(c, Some(Resolved), Step::Answer), Err(TransitionError::AlreadyResolved));
    assert_eq!(next(c, Some(Open), Step::Reopen), Err(TransitionError::AlreadyOpen));
    for state in State::ALL {
        assert_eq!(next(c, Some(*state), Step::Raise), Err(TransitionError::AlreadyRaised));
    }
}

#[test]
fn a_comment_may_be_replied_to_but_never_resolved_or_reopened() {
    assert_eq!(next(Kind::Comment, None, Step::Answer), Ok(None));
    assert_eq!(next(Kind::Comment, None, Step::Resolve), Err(TransitionError::CommentHasNoState));
    assert_eq!(next(Kind::Comment, None, Step::Reopen), Err(TransitionError::CommentHasNoState));
    // A challenge that somehow lost its state is not treated as a comment.
    assert_eq!(next(Kind::Challenge, None, Step::Answer), Err(TransitionError::CommentHasNoState));
}

#[test]
fn the_return_is_read_by_recipient_staff_and_the_organisations_lead_and_sign_off() {
    for role in PartnershipRole::ALL {
        assert_eq!(SENT_TO_P1.may_read(&staff(*role, P1)), Decision::Allow, "{role:?}");
        assert_eq!(SENT_TO_P1.may_read(&staff(*role, P2)), Decision::NotFound, "{role:?} of P2");
    }
    assert_eq!(SENT_TO_P1.may_read(&member(OrgRole::SafeguardingLead, O1)), Decision::Allow);
    assert_eq!(SENT_TO_P1.may_read(&member(OrgRole::SeniorSignOff, O1)), Decision::Allow);
    assert_eq!(SENT_TO_P1.may_read(&member(OrgRole::Contributor, O1)), Decision::Forbidden);
    assert_eq!(SENT_TO_P1.may_read(&member(OrgRole::SafeguardingLead, O2)), Decision::NotFound);
    assert_eq!(SENT_TO_P1.may_read(&platform_admin()), Decision::Allow);
    assert_eq!(SENT_TO_P1.may_read(&Principal::default()), Decision::NotFound);
}

#[test]
fn a_partnership_the_return_was_not_sent_to_reads_nothing() {
    let unsent = Parties { organisation: O1, recipients: &[] };
    assert_eq!(unsent.may_read(&staff(PartnershipRole::Admin, P1)), Decision::NotFound);
    assert_eq!(unsent.may_raise(&staff(PartnershipRole::Admin, P1), Kind::Comment), Decision::NotFound);
}

#[test]
fn every_staff_role_comments_and_challenges_but_only_admins_and_analysts_request_changes() {
    for role in PartnershipRole::ALL {
        let user = staff(*role, P1);
        assert_eq!(SENT_TO_P1.may_raise(&user, Kind::Comment), Decision::Allow, "{role:?}");
        assert_eq!(SENT_TO_P1.may_raise(&user, Kind::Challenge), Decision::Allow, "{role:?}");
        let expected =
            if *role == PartnershipRole::PanelMember { Decision::Forbidden } else { Decision::Allow };
        assert_eq!(SENT_TO_P1.may_raise(&user, Kind::ChangeRequest), expected, "{role:?}");
        assert_eq!(SENT_TO_P1.may_raise(&staff(*role, P2), Kind::Comment), Decision::NotFound);
    }
}

#[test]
fn the_organisation_and_platform_admins_raise_nothing() {
    for role in OrgRole::ALL {
        let user = member(*role, O1);
        for kind in Kind::ALL {
            assert_eq!(SENT_TO_P1.may_raise(&user, *kind), Decision::Forbidden, "{role:?} {kind:?}");
        }
    }
    assert_eq!(SENT_TO_P1.may_raise(&platform_admin(), Kind::Comment), Decision::Forbidden);
    assert_eq!(
        SENT_TO_P1.may_raise(&member(OrgRole::SafeguardingLead, O2), Kind::Comment),
        Decision::NotFound
    );
}

#[test]
fn a_thread_is_raised_for_the_first_recipient_where_the_role_allows_it() {
    let both = Parties { organisation: O1, recipients: &[P1, P2] };
    let user = Principal {
        user_id: 9,
        partnership_roles: vec![(P1, PartnershipRole::PanelMember), (P2, PartnershipRole::Analyst)],
        ..Default::default()
    };
    assert_eq!(both.raising_partnership(&user, Kind::Challenge), Some(P1));
    assert_eq!(both.raising_partnership(&user, Kind::ChangeRequest), Some(P2));
    assert_eq!(SENT_TO_P1.raising_partnership(&user, Kind::ChangeRequest), None);
}

#[test]
fn only_the_organisations_lead_answers_and_resolves() {
    for step in [Step::Answer, Step::Resolve] {
        let take = |p: &Principal| SENT_TO_P1.may_take(p, step, Kind::Challenge, P1);
        assert_eq!(take(&member(OrgRole::SafeguardingLead, O1)), Decision::Allow);
        assert_eq!(take(&member(OrgRole::SeniorSignOff, O1)), Decision::Forbidden);
        assert_eq!(take(&member(OrgRole::Contributor, O1)), Decision::Forbidden);
        assert_eq!(take(&member(OrgRole::SafeguardingLead, O2)), Decision::NotFound);
        for role in PartnershipRole::ALL {
            assert_eq!(take(&staff(*role, P1)), Decision::Forbidden, "{role:?}");
        }
        assert_eq!(take(&platform_admin()), Decision::Forbidden);
    }
}

#[test]
fn the_raising_partnership_reopens_in_a_role_that_may_raise_that_kind() {
    let both = Parties { organisation: O1, recipients: &[P1, P2] };
    let reopen = |p: &Principal, kind, by| both.may_take(p, Step::Reopen, kind, by);
    assert_eq!(reopen(&staff(PartnershipRole::PanelMember, P1), Kind::Challenge, P1), Decision::Allow);
    assert_eq!(
        reopen(&staff(PartnershipRole::PanelMember, P1), Kind::ChangeRequest, P1),
        Decision::Forbidden
    );
    assert_eq!(reopen(&staff(PartnershipRole::Analyst, P1), Kind::ChangeRequest, P1), Decision::Allow);
    // Another recipient reads the thread but did not raise it.
    assert_eq!(reopen(&staff(PartnershipRole::Admin, P2), Kind::Challenge, P1), Decision::Forbidden);
    assert_eq!(reopen(&member(OrgRole::SafeguardingLead, O1), Kind::Challenge, P1), Decision::Forbidden);
    assert_eq!(
        SENT_TO_P1.may_take(&staff(PartnershipRole::Admin, P2), Step::Reopen, Kind::Challenge, P2),
        Decision::NotFound,
        "a partnership the return was not sent to"
    );
}

#[test]
fn the_organisations_list_is_for_its_lead_and_sign_off() {
    assert_eq!(may_read_organisation_threads(&member(OrgRole::SafeguardingLead, O1), O1), Decision::Allow);
    assert_eq!(may_read_organisation_threads(&member(OrgRole::SeniorSignOff, O1), O1), Decision::Allow);
    assert_eq!(may_read_organisation_threads(&member(OrgRole::Contributor, O1), O1), Decision::Forbidden);
    assert_eq!(may_read_organisation_threads(&member(OrgRole::SafeguardingLead, O2), O1), Decision::NotFound);
    assert_eq!(may_read_organisation_threads(&staff(PartnershipRole::Admin, P1), O1), Decision::NotFound);
}

#[test]
fn every_code_round_trips() {
    for k in Kind::ALL {
        assert_eq!(Kind::from_code(k.code()), Some(*k));
    }
    for s in State::ALL {
        assert_eq!(State::from_code(s.code()), Some(*s));
    }
    for s in Step::ALL {
        assert_eq!(Step::from_code(s.code()), Some(*s));
    }
    assert_eq!(Kind::from_code("Challenge"), None);
}
