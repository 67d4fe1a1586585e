//! Who may do what. Every route asks one question of this module and gets one of three
//! answers: allowed, forbidden (the person belongs to the tenant but lacks the role),
//! or not found (the person has nothing to do with the tenant, so even its existence
//! stays private). Handlers never compare roles themselves.

use crate::tenancy::{OrgRole, PartnershipRole};

/// What the server knows about the signed-in person, loaded once per request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub platform_admin: bool,
    pub org_roles: Vec<(i64, OrgRole)>,
    pub partnership_roles: Vec<(i64, PartnershipRole)>,
    /// The records holding the own self-assessments of the partnerships this person
    /// works for, as (record, partnership). A partnership's own self-assessment is
    /// held by an organisation-like record that nobody is a member of, so every
    /// assessment page works unchanged; its staff take roles over it by
    /// [`record_roles`].
    pub partnership_records: Vec<(i64, i64)>,
}

/// The roles a partnership's staff take over the record holding the partnership's own
/// self-assessment: an admin runs it and signs it off (there is nobody else to: the
/// record is the partnership's own, sent to nobody); analysts and panel members
/// answer the standards an admin shares with them, as an organisation's contributors
/// do, which is how several people contribute.
pub fn record_roles(role: PartnershipRole) -> &'static [OrgRole] {
    match role {
        PartnershipRole::Admin => &[OrgRole::SafeguardingLead, OrgRole::SeniorSignOff],
        PartnershipRole::Analyst | PartnershipRole::PanelMember => &[OrgRole::Contributor],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Forbidden,
    NotFound,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// Something a person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Platform-wide administration: partnerships, all organisations, all users, outbox.
    AdministerPlatform,
    /// Read a partnership's pages and the organisations of its area.
    ViewPartnership { partnership: i64 },
    /// Edit a partnership, decide join requests, manage its staff.
    ManagePartnership { partnership: i64 },
    /// Read an organisation's record. `areas` are the partnerships it serves (approved).
    ViewOrganisation { organisation: i64, areas: &'a [i64] },
    /// Edit an organisation's details, manage its people, ask to join partnerships.
    ManageOrganisation { organisation: i64 },
    /// Read an organisation's living self-assessment: its own people.
    ViewAssessment { organisation: i64 },
    /// Manage it as a whole (start it, delegate, keep the action plan): the safeguarding lead.
    EditAssessment { organisation: i64 },
    /// Read one standard: the lead and senior sign-off read every standard, a
    /// contributor only the standards delegated to them.
    ViewStandard { organisation: i64, delegated: bool },
    /// Answer one standard: the lead, or a contributor it is delegated to.
    EditStandard { organisation: i64, delegated: bool },
    /// Sign off the return before it is submitted: the senior sign-off.
    SignOffReturn { organisation: i64 },
    /// Read an organisation's action plan and its progress: everyone who reads its
    /// assessment, and (read-only) the staff of every partnership whose area it serves.
    /// `areas` are the partnerships it serves (approved), as for `ViewOrganisation`.
    ViewActionPlan { organisation: i64, areas: &'a [i64] },
    /// Read published frameworks: everyone signed in.
    ViewFrameworks,
    /// Import a framework file: platform admins, and partnership admins for their partnership.
    ImportFrameworks,
    /// Read drafts, publish, delete drafts and add versions of a framework owned by a
    /// partnership (`Some`) or by the platform (`None`).
    ManageFramework { owner: Option<i64> },
    /// Read a partnership's library of resources and download its files: the
    /// partnership's staff, and the people of every organisation serving its area.
    /// `served` lists the partnerships the person's organisations serve.
    ViewResources { partnership: i64, served: &'a [i64] },
    /// Add, edit and remove a partnership's resources: its admins.
    ManageResources { partnership: i64, served: &'a [i64] },
    /// Write and finalise a partnership's board report of a cycle: its admins and
    /// analysts (its panel members read it).
    WriteBoardReport { partnership: i64 },
    /// Read the audit log: platform admins all of it, partnership admins and
    /// organisations' safeguarding leads the entries about their own tenant
    /// ([`crate::audit_log::AuditScope`]).
    ReadAuditLog,
    /// Set up, renew or turn off one's own two-factor sign-in: everyone signed in, for
    /// their own account only (the handler never names another person).
    ManageOwnSignIn,
    /// Remove another person's two-factor sign-in, when they have lost their device:
    /// platform admins only, because it lowers the protection of any account.
    ResetTwoFactor,
}

impl Principal {
    pub fn partnership_roles_in(&self, partnership: i64) -> impl Iterator<Item = PartnershipRole> + '_ {
        self.partnership_roles.iter().filter(move |(p, _)| *p == partnership).map(|(_, r)| *r)
    }

    pub fn org_roles_in(&self, organisation: i64) -> impl Iterator<Item = OrgRole> + '_ {
        self.org_roles.iter().filter(move |(o, _)| *o == organisation).map(|(_, r)| *r)
    }

    pub fn is_partnership_staff(&self, partnership: i64) -> bool {
        self.partnership_roles_in(partnership).next().is_some()
    }

    /// The partnerships this person administers.
    pub fn admin_partnerships(&self) -> impl Iterator<Item = i64> + '_ {
        self.partnership_roles.iter().filter(|(_, r)| *r == PartnershipRole::Admin).map(|(p, _)| *p)
    }

    pub fn is_org_member(&self, organisation: i64) -> bool {
        self.org_roles_in(organisation).next().is_some()
    }

    /// The partnership whose own self-assessment `organisation` holds, if this person
    /// works for it.
    pub fn record_partnership(&self, organisation: i64) -> Option<i64> {
        self.partnership_records.iter().find(|(o, _)| *o == organisation).map(|(_, p)| *p)
    }

    /// The roles this person holds over an organisation's self-assessment: their roles
    /// in the organisation, or over a partnership's record, those [`record_roles`]
    /// gives their roles in the partnership. Only the assessment actions ask this; the
    /// record's organisation pages stay closed to everyone.
    pub fn assessment_roles_in(&self, organisation: i64) -> impl Iterator<Item = OrgRole> + '_ {
        let partnership = self.record_partnership(organisation);
        let through_record = partnership
            .into_iter()
            .flat_map(move |p| self.partnership_roles_in(p))
            .flat_map(|r| record_roles(r).iter().copied());
        self.org_roles_in(organisation).chain(through_record)
    }

    fn takes_part_in_assessment(&self, organisation: i64) -> bool {
        self.assessment_roles_in(organisation).next().is_some()
    }

    /// Of the partnerships taking part in a cycle, those through which this person
    /// reads its returns: the ones they hold a role in (every one, for a platform
    /// admin, who may open each of those returns anyway). A return is shown on a
    /// cycle's pages only if it was sent to one of these.
    pub fn reads_returns_through(&self, members: &[i64]) -> Vec<i64> {
        members.iter().copied().filter(|p| self.platform_admin || self.is_partnership_staff(*p)).collect()
    }

    pub fn decide(&self, action: Action<'_>) -> Decision {
        if self.platform_admin {
            return Decision::Allow;
        }
        match action {
            Action::AdministerPlatform => Decision::Forbidden,
            Action::ViewPartnership { partnership } => {
                allow_if(self.is_partnership_staff(partnership), false)
            }
            Action::ManagePartnership { partnership } => allow_if(
                self.partnership_roles_in(partnership).any(|r| r == PartnershipRole::Admin),
                self.is_partnership_staff(partnership),
            ),
            Action::ViewOrganisation { organisation, areas } => allow_if(
                self.is_org_member(organisation) || areas.iter().any(|p| self.is_partnership_staff(*p)),
                false,
            ),
            Action::ManageOrganisation { organisation } => allow_if(
                self.org_roles_in(organisation).any(|r| r == OrgRole::SafeguardingLead),
                self.is_org_member(organisation),
            ),
            Action::ViewAssessment { organisation } => {
                allow_if(self.takes_part_in_assessment(organisation), false)
            }
            Action::EditAssessment { organisation } => allow_if(
                self.assessment_roles_in(organisation).any(|r| r == OrgRole::SafeguardingLead),
                self.takes_part_in_assessment(organisation),
            ),
            Action::ViewStandard { organisation, delegated } => allow_if(
                self.assessment_roles_in(organisation).any(|r| r != OrgRole::Contributor || delegated),
                false,
            ),
            Action::EditStandard { organisation, delegated } => allow_if(
                self.assessment_roles_in(organisation)
                    .any(|r| r == OrgRole::SafeguardingLead || (r == OrgRole::Contributor && delegated)),
                self.takes_part_in_assessment(organisation),
            ),
            Action::SignOffReturn { organisation } => allow_if(
                self.assessment_roles_in(organisation).any(|r| r == OrgRole::SeniorSignOff),
                self.takes_part_in_assessment(organisation),
            ),
            Action::ViewActionPlan { organisation, areas } => allow_if(
                self.takes_part_in_assessment(organisation)
                    || areas.iter().any(|p| self.is_partnership_staff(*p)),
                false,
            ),
            Action::ViewFrameworks => Decision::Allow,
            Action::ImportFrameworks => allow_if(self.admin_partnerships().next().is_some(), true),
            Action::ManageFramework { owner: None } => Decision::Forbidden,
            Action::ManageFramework { owner: Some(partnership) } => {
                allow_if(self.admin_partnerships().any(|p| p == partnership), true)
            }
            Action::ViewResources { partnership, served } => {
                allow_if(self.is_partnership_staff(partnership) || served.contains(&partnership), false)
            }
            Action::ManageResources { partnership, served } => allow_if(
                self.partnership_roles_in(partnership).any(|r| r == PartnershipRole::Admin),
                self.is_partnership_staff(partnership) || served.contains(&partnership),
            ),
            Action::ReadAuditLog => allow_if(crate::audit_log::reads_some_of_the_log(self), true),
            Action::WriteBoardReport { partnership } => allow_if(
                self.partnership_roles_in(partnership)
                    .any(|r| matches!(r, PartnershipRole::Admin | PartnershipRole::Analyst)),
                self.is_partnership_staff(partnership),
            ),
            Action::ManageOwnSignIn => Decision::Allow,
            // Knowing that a person exists is no secret to anyone signed in (their
            // names appear on staff lists), so the refusal is plain.
            Action::ResetTwoFactor => Decision::Forbidden,
        }
    }
}

/// `allowed` grants; otherwise a person who `belongs` to the tenant is forbidden and
/// anyone else is told the thing does not exist.
fn allow_if(allowed: bool, belongs: bool) -> Decision {
    match (allowed, belongs) {
        (true, _) => Decision::Allow,
        (false, true) => Decision::Forbidden,
        (false, false) => Decision::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: i64 = 1;
    const P2: i64 = 2;
    const O1: i64 = 10;
    const O2: i64 = 20;

    fn partnership_user(role: PartnershipRole, partnership: i64) -> Principal {
        Principal { user_id: 7, partnership_roles: vec![(partnership, role)], ..Default::default() }
    }

    fn org_user(role: OrgRole, organisation: i64) -> Principal {
        Principal { user_id: 8, org_roles: vec![(organisation, role)], ..Default::default() }
    }

    #[test]
    fn a_board_report_is_written_by_admins_and_analysts_and_read_by_the_panel() {
        let write = |p: &Principal, partnership| p.decide(Action::WriteBoardReport { partnership });
        assert_eq!(write(&partnership_user(PartnershipRole::Admin, P1), P1), Decision::Allow);
        assert_eq!(write(&partnership_user(PartnershipRole::Analyst, P1), P1), Decision::Allow);
        assert_eq!(write(&partnership_user(PartnershipRole::PanelMember, P1), P1), Decision::Forbidden);
        assert_eq!(write(&partnership_user(PartnershipRole::Admin, P2), P1), Decision::NotFound);
        assert_eq!(write(&org_user(OrgRole::SafeguardingLead, O1), P1), Decision::NotFound);
    }

    #[test]
    fn platform_admin_may_do_everything() {
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert!(admin.decide(Action::AdministerPlatform).is_allowed());
        assert!(admin.decide(Action::ManageOrganisation { organisation: O2 }).is_allowed());
    }

    #[test]
    fn returns_are_read_through_the_cycle_partnerships_a_person_works_for() {
        let analyst = Principal {
            partnership_roles: vec![(P2, PartnershipRole::Analyst), (9, PartnershipRole::Admin)],
            ..Default::default()
        };
        assert_eq!(analyst.reads_returns_through(&[P1, P2, 3]), [P2]);
        let lead = org_user(OrgRole::SafeguardingLead, O1);
        assert!(lead.reads_returns_through(&[P1, P2]).is_empty());
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(admin.reads_returns_through(&[P1, P2]), [P1, P2]);
    }

    #[test]
    fn everyone_manages_their_own_sign_in_and_only_platform_admins_reset_two_factor() {
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(admin.decide(Action::ResetTwoFactor), Decision::Allow);
        assert_eq!(admin.decide(Action::ManageOwnSignIn), Decision::Allow);
        let nobody = Principal { user_id: 3, ..Default::default() };
        let mut everyone = vec![nobody];
        everyone.extend(PartnershipRole::ALL.iter().map(|r| partnership_user(*r, P1)));
        everyone.extend(OrgRole::ALL.iter().map(|r| org_user(*r, O1)));
        for person in &everyone {
            assert_eq!(person.decide(Action::ManageOwnSignIn), Decision::Allow, "{person:?}");
            assert_eq!(person.decide(Action::ResetTwoFactor), Decision::Forbidden, "{person:?}");
        }
    }

    #[test]
    fn nobody_else_administers_the_platform() {
        let admin = partnership_user(PartnershipRole::Admin, P1);
        assert_eq!(admin.decide(Action::AdministerPlatform), Decision::Forbidden);
    }

    #[test]
    fn every_partnership_role_views_its_own_partnership_only() {
        for role in PartnershipRole::ALL {
            let user = partnership_user(*role, P1);
            assert_eq!(user.decide(Action::ViewPartnership { partnership: P1 }), Decision::Allow);
            assert_eq!(user.decide(Action::ViewPartnership { partnership: P2 }), Decision::NotFound);
        }
    }

    #[test]
    fn only_the_partnership_admin_manages_it() {
        assert_eq!(
            partnership_user(PartnershipRole::Admin, P1)
                .decide(Action::ManagePartnership { partnership: P1 }),
            Decision::Allow
        );
        for role in [PartnershipRole::Analyst, PartnershipRole::PanelMember] {
            assert_eq!(
                partnership_user(role, P1).decide(Action::ManagePartnership { partnership: P1 }),
                Decision::Forbidden
            );
        }
        assert_eq!(
            partnership_user(PartnershipRole::Admin, P2)
                .decide(Action::ManagePartnership { partnership: P1 }),
            Decision::NotFound
        );
    }

    #[test]
    fn partnership_staff_see_organisations_of_their_area_only() {
        let analyst = partnership_user(PartnershipRole::Analyst, P1);
        assert_eq!(
            analyst.decide(Action::ViewOrganisation { organisation: O1, areas: &[P2, P1] }),
            Decision::Allow
        );
        assert_eq!(
            analyst.decide(Action::ViewOrganisation { organisation: O2, areas: &[P2] }),
            Decision::NotFound
        );
        assert_eq!(analyst.decide(Action::ManageOrganisation { organisation: O1 }), Decision::NotFound);
    }

    #[test]
    fn organisation_members_see_their_own_and_only_the_lead_manages() {
        for role in OrgRole::ALL {
            let user = org_user(*role, O1);
            assert_eq!(
                user.decide(Action::ViewOrganisation { organisation: O1, areas: &[] }),
                Decision::Allow
            );
            assert_eq!(
                user.decide(Action::ViewOrganisation { organisation: O2, areas: &[P1] }),
                Decision::NotFound
            );
            let expected =
                if *role == OrgRole::SafeguardingLead { Decision::Allow } else { Decision::Forbidden };
            assert_eq!(user.decide(Action::ManageOrganisation { organisation: O1 }), expected);
        }
    }

    #[test]
    fn frameworks_are_read_by_all_and_managed_by_their_owner() {
        let p1_admin = partnership_user(PartnershipRole::Admin, P1);
        let analyst = partnership_user(PartnershipRole::Analyst, P1);
        let lead = org_user(OrgRole::SafeguardingLead, O1);
        for user in [&p1_admin, &analyst, &lead] {
            assert_eq!(user.decide(Action::ViewFrameworks), Decision::Allow);
        }
        assert_eq!(p1_admin.decide(Action::ImportFrameworks), Decision::Allow);
        assert_eq!(analyst.decide(Action::ImportFrameworks), Decision::Forbidden);
        assert_eq!(lead.decide(Action::ImportFrameworks), Decision::Forbidden);
        assert_eq!(p1_admin.decide(Action::ManageFramework { owner: Some(P1) }), Decision::Allow);
        assert_eq!(p1_admin.decide(Action::ManageFramework { owner: Some(P2) }), Decision::Forbidden);
        assert_eq!(p1_admin.decide(Action::ManageFramework { owner: None }), Decision::Forbidden);
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(admin.decide(Action::ManageFramework { owner: Some(P2) }), Decision::Allow);
    }

    #[test]
    fn an_assessment_is_read_by_its_organisation_and_answered_by_its_lead() {
        for role in OrgRole::ALL {
            let user = org_user(*role, O1);
            assert_eq!(user.decide(Action::ViewAssessment { organisation: O1 }), Decision::Allow);
            assert_eq!(user.decide(Action::ViewAssessment { organisation: O2 }), Decision::NotFound);
            let expected =
                if *role == OrgRole::SafeguardingLead { Decision::Allow } else { Decision::Forbidden };
            assert_eq!(user.decide(Action::EditAssessment { organisation: O1 }), expected);
        }
        let analyst = partnership_user(PartnershipRole::Analyst, P1);
        assert_eq!(analyst.decide(Action::ViewAssessment { organisation: O1 }), Decision::NotFound);
    }

    #[test]
    fn contributors_see_and_answer_only_the_standards_delegated_to_them() {
        let contributor = org_user(OrgRole::Contributor, O1);
        let view = |delegated| Action::ViewStandard { organisation: O1, delegated };
        let edit = |delegated| Action::EditStandard { organisation: O1, delegated };
        assert_eq!(contributor.decide(view(true)), Decision::Allow);
        assert_eq!(contributor.decide(edit(true)), Decision::Allow);
        assert_eq!(contributor.decide(view(false)), Decision::NotFound);
        assert_eq!(contributor.decide(edit(false)), Decision::Forbidden);
        let signoff = org_user(OrgRole::SeniorSignOff, O1);
        assert_eq!(signoff.decide(view(false)), Decision::Allow);
        assert_eq!(signoff.decide(edit(true)), Decision::Forbidden);
        let lead = org_user(OrgRole::SafeguardingLead, O1);
        assert_eq!(lead.decide(edit(false)), Decision::Allow);
        let other = org_user(OrgRole::SafeguardingLead, O2);
        assert_eq!(other.decide(view(true)), Decision::NotFound);
    }

    #[test]
    fn only_the_senior_sign_off_signs_off() {
        let sign_off = Action::SignOffReturn { organisation: O1 };
        assert_eq!(org_user(OrgRole::SeniorSignOff, O1).decide(sign_off), Decision::Allow);
        assert_eq!(org_user(OrgRole::SafeguardingLead, O1).decide(sign_off), Decision::Forbidden);
        assert_eq!(org_user(OrgRole::SeniorSignOff, O2).decide(sign_off), Decision::NotFound);
    }

    #[test]
    fn a_library_is_read_by_its_staff_and_the_organisations_serving_it() {
        let view = |served| Action::ViewResources { partnership: P1, served };
        for role in PartnershipRole::ALL {
            assert_eq!(partnership_user(*role, P1).decide(view(&[])), Decision::Allow, "{role:?}");
            assert_eq!(partnership_user(*role, P2).decide(view(&[])), Decision::NotFound, "{role:?}");
        }
        for role in OrgRole::ALL {
            let member = org_user(*role, O1);
            assert_eq!(member.decide(view(&[P2, P1])), Decision::Allow, "{role:?} serving P1");
            assert_eq!(member.decide(view(&[P2])), Decision::NotFound, "{role:?} serving P2 only");
            assert_eq!(member.decide(view(&[])), Decision::NotFound, "{role:?} serving nobody");
        }
        assert_eq!(Principal::default().decide(view(&[])), Decision::NotFound);
    }

    #[test]
    fn only_the_partnerships_admins_manage_its_library() {
        let manage = |served| Action::ManageResources { partnership: P1, served };
        assert_eq!(partnership_user(PartnershipRole::Admin, P1).decide(manage(&[])), Decision::Allow);
        for role in [PartnershipRole::Analyst, PartnershipRole::PanelMember] {
            assert_eq!(partnership_user(role, P1).decide(manage(&[])), Decision::Forbidden, "{role:?}");
        }
        assert_eq!(partnership_user(PartnershipRole::Admin, P2).decide(manage(&[])), Decision::NotFound);
        for role in OrgRole::ALL {
            let member = org_user(*role, O1);
            assert_eq!(
                member.decide(manage(&[P1])),
                Decision::Forbidden,
                "{role:?} reads but may not change"
            );
            assert_eq!(member.decide(manage(&[P2])), Decision::NotFound, "{role:?}");
        }
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(admin.decide(manage(&[])), Decision::Allow);
    }

    #[test]
    fn a_person_with_no_roles_sees_nothing() {
        let nobody = Principal::default();
        assert_eq!(nobody.decide(Action::ViewPartnership { partnership: P1 }), Decision::NotFound);
        assert_eq!(
            nobody.decide(Action::ViewOrganisation { organisation: O1, areas: &[P1] }),
            Decision::NotFound
        );
    }

    /// Record 30 holds partnership one's own self-assessment.
    const R1: i64 = 30;

    fn with_record(role: PartnershipRole, partnership: i64) -> Principal {
        let mut p = partnership_user(role, partnership);
        // The server loads only the records of the person's own partnerships.
        if partnership == P1 {
            p.partnership_records = vec![(R1, P1)];
        }
        p
    }

    #[test]
    fn a_partnership_admin_runs_and_signs_off_its_own_self_assessment() {
        let admin = with_record(PartnershipRole::Admin, P1);
        assert_eq!(admin.decide(Action::ViewAssessment { organisation: R1 }), Decision::Allow);
        assert_eq!(admin.decide(Action::EditAssessment { organisation: R1 }), Decision::Allow);
        assert_eq!(
            admin.decide(Action::ViewStandard { organisation: R1, delegated: false }),
            Decision::Allow
        );
        assert_eq!(
            admin.decide(Action::EditStandard { organisation: R1, delegated: false }),
            Decision::Allow
        );
        assert_eq!(admin.decide(Action::SignOffReturn { organisation: R1 }), Decision::Allow);
        // The record's organisation pages stay closed: it is no organisation of the area.
        assert_eq!(
            admin.decide(Action::ViewOrganisation { organisation: R1, areas: &[] }),
            Decision::NotFound
        );
        assert_eq!(admin.decide(Action::ManageOrganisation { organisation: R1 }), Decision::NotFound);
        // Holding roles over the record is not being one of its people.
        assert!(!admin.is_org_member(R1));
        assert_eq!(admin.org_roles_in(R1).count(), 0);
    }

    #[test]
    fn the_partnerships_other_staff_answer_only_what_is_shared_with_them() {
        for role in [PartnershipRole::Analyst, PartnershipRole::PanelMember] {
            let user = with_record(role, P1);
            assert_eq!(user.decide(Action::ViewAssessment { organisation: R1 }), Decision::Allow);
            assert_eq!(user.decide(Action::EditAssessment { organisation: R1 }), Decision::Forbidden);
            let view = |delegated| Action::ViewStandard { organisation: R1, delegated };
            let edit = |delegated| Action::EditStandard { organisation: R1, delegated };
            assert_eq!(user.decide(view(true)), Decision::Allow, "{role:?}");
            assert_eq!(user.decide(edit(true)), Decision::Allow, "{role:?}");
            assert_eq!(user.decide(view(false)), Decision::NotFound, "{role:?}");
            assert_eq!(user.decide(edit(false)), Decision::Forbidden, "{role:?}");
            assert_eq!(user.decide(Action::SignOffReturn { organisation: R1 }), Decision::Forbidden);
        }
    }

    #[test]
    fn nobody_outside_the_partnership_reaches_its_own_self_assessment() {
        let outsiders = [
            with_record(PartnershipRole::Admin, P2),
            org_user(OrgRole::SafeguardingLead, O1),
            org_user(OrgRole::SeniorSignOff, O1),
            Principal::default(),
        ];
        for user in &outsiders {
            for action in [
                Action::ViewAssessment { organisation: R1 },
                Action::EditAssessment { organisation: R1 },
                Action::ViewStandard { organisation: R1, delegated: true },
                Action::EditStandard { organisation: R1, delegated: true },
                Action::SignOffReturn { organisation: R1 },
                Action::ViewActionPlan { organisation: R1, areas: &[] },
            ] {
                assert_eq!(user.decide(action), Decision::NotFound, "{user:?} {action:?}");
            }
        }
        // A record names its partnership: staff of another partnership holding it in
        // their list would still take no role, for they hold none in that partnership.
        let stray =
            Principal { partnership_records: vec![(R1, P1)], ..partnership_user(PartnershipRole::Admin, P2) };
        assert_eq!(stray.decide(Action::ViewAssessment { organisation: R1 }), Decision::NotFound);
    }

    #[test]
    fn record_roles_make_only_admins_leads_and_sign_offs() {
        assert_eq!(record_roles(PartnershipRole::Admin), [OrgRole::SafeguardingLead, OrgRole::SeniorSignOff]);
        assert_eq!(record_roles(PartnershipRole::Analyst), [OrgRole::Contributor]);
        assert_eq!(record_roles(PartnershipRole::PanelMember), [OrgRole::Contributor]);
    }

    #[test]
    fn an_action_plan_is_read_by_its_organisation_and_the_partnerships_it_serves() {
        let plan = |areas| Action::ViewActionPlan { organisation: O1, areas };
        for role in OrgRole::ALL {
            assert_eq!(org_user(*role, O1).decide(plan(&[])), Decision::Allow, "{role:?}");
            assert_eq!(org_user(*role, O2).decide(plan(&[P1])), Decision::NotFound, "{role:?}");
        }
        for role in PartnershipRole::ALL {
            assert_eq!(partnership_user(*role, P1).decide(plan(&[P2, P1])), Decision::Allow, "{role:?}");
            assert_eq!(partnership_user(*role, P2).decide(plan(&[P1])), Decision::NotFound, "{role:?}");
            // Reading the plan is not reading the assessment or keeping the plan.
            let reader = partnership_user(*role, P1);
            assert_eq!(reader.decide(Action::ViewAssessment { organisation: O1 }), Decision::NotFound);
            assert_eq!(reader.decide(Action::EditAssessment { organisation: O1 }), Decision::NotFound);
        }
        assert_eq!(Principal::default().decide(plan(&[P1])), Decision::NotFound);
    }
}
