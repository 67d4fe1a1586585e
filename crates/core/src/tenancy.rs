//! The vocabulary of tenancy: partnerships, organisations and the roles people hold.
//!
//! Every enum here has a stable `code` (what the database and forms store) and a
//! human `label` (what pages show). Parsing an unknown code is an error, never a default.

use serde::{Deserialize, Serialize};

/// Declares an enum whose variants round-trip through a stable text code.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and sent by forms.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        /// How a stored code is decoded at the row (`#[sqlx(try_from = "String")]`): a
        /// code this build does not know fails the read rather than becoming a default.
        impl TryFrom<String> for $name {
            type Error = $crate::tenancy::UnknownCode;
            fn try_from(code: String) -> Result<Self, $crate::tenancy::UnknownCode> {
                $name::from_code(&code).ok_or($crate::tenancy::UnknownCode { kind: stringify!($name), code })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use coded_enum;

/// A stored code that names no variant of the enum it was read as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

coded_enum! {
    /// Who a partnership safeguards.
    PartnershipKind {
        Children => ("children", "Children"),
        Adults => ("adults", "Adults"),
        Joint => ("joint", "Children and adults (joint)"),
    }
}

coded_enum! {
    /// The sector an organisation works in, as partnerships report them.
    Sector {
        Police => ("police", "Police"),
        Health => ("health", "Health"),
        LocalAuthority => ("local_authority", "Local authority"),
        Education => ("education", "Education"),
        Probation => ("probation", "Probation"),
        YouthJustice => ("youth_justice", "Youth justice"),
        FireAndRescue => ("fire_and_rescue", "Fire and rescue"),
        Housing => ("housing", "Housing"),
        VoluntaryAndCommunity => ("voluntary_and_community", "Voluntary and community"),
        Faith => ("faith", "Faith"),
        EarlyYears => ("early_years", "Early years and childcare"),
        SportAndLeisure => ("sport_and_leisure", "Sport and leisure"),
        Other => ("other", "Other"),
    }
}

coded_enum! {
    /// Whether an organisation must return (statutory), returns under contract
    /// (commissioned) or takes part by choice (voluntary).
    DutyStatus {
        Statutory => ("statutory", "Statutory"),
        Commissioned => ("commissioned", "Commissioned"),
        Voluntary => ("voluntary", "Voluntary"),
    }
}

impl DutyStatus {
    /// What the status means, in plain words, for someone choosing theirs.
    pub fn explanation(self) -> &'static str {
        match self {
            DutyStatus::Statutory => {
                "The law gives you safeguarding duties (Section 11 of the Children Act 2004 or the Care Act 2014), \
                 for example councils, police, NHS bodies, probation and youth justice services"
            }
            DutyStatus::Commissioned => {
                "A council or the NHS pays you to deliver a service, and your contract sets your safeguarding duties"
            }
            DutyStatus::Voluntary => {
                "You take part by choice, for example a charity, faith group, sports club or community group"
            }
        }
    }

    /// Each status as (code, label, explanation), for radios with hints.
    pub fn explained() -> Vec<(&'static str, &'static str, &'static str)> {
        Self::ALL.iter().map(|d| (d.code(), d.label(), d.explanation())).collect()
    }
}

coded_enum! {
    /// Roles a person holds inside one organisation.
    OrgRole {
        SafeguardingLead => ("safeguarding_lead", "Safeguarding lead"),
        Contributor => ("contributor", "Contributor"),
        SeniorSignOff => ("senior_sign_off", "Senior sign-off"),
    }
}

coded_enum! {
    /// Roles a person holds inside one partnership.
    PartnershipRole {
        Admin => ("admin", "Partnership admin"),
        Analyst => ("analyst", "Analyst"),
        PanelMember => ("panel_member", "Panel member"),
    }
}

coded_enum! {
    /// Where an organisation's request to join a partnership stands.
    JoinRequestStatus {
        Pending => ("pending", "Waiting for a decision"),
        Approved => ("approved", "Approved"),
        Declined => ("declined", "Declined"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for s in Sector::ALL {
            assert_eq!(Sector::from_code(s.code()), Some(*s));
        }
        for d in DutyStatus::ALL {
            assert_eq!(DutyStatus::from_code(d.code()), Some(*d));
        }
        for k in PartnershipKind::ALL {
            assert_eq!(PartnershipKind::from_code(k.code()), Some(*k));
        }
        for r in OrgRole::ALL {
            assert_eq!(OrgRole::from_code(r.code()), Some(*r));
        }
        for r in PartnershipRole::ALL {
            assert_eq!(PartnershipRole::from_code(r.code()), Some(*r));
        }
    }

    #[test]
    fn a_stored_code_decodes_or_names_what_it_could_not_read() {
        assert_eq!(Sector::try_from("faith".to_owned()), Ok(Sector::Faith));
        let err = DutyStatus::try_from("Statutory".to_owned()).unwrap_err();
        assert_eq!(err, UnknownCode { kind: "DutyStatus", code: "Statutory".into() });
        assert_eq!(err.to_string(), "unknown DutyStatus code \"Statutory\"");
    }

    #[test]
    fn every_duty_status_is_explained_in_its_own_words() {
        let explained = DutyStatus::explained();
        assert_eq!(explained.len(), DutyStatus::ALL.len());
        for (code, label, explanation) in &explained {
            assert_eq!(DutyStatus::from_code(code).map(DutyStatus::label), Some(*label));
            assert!(explanation.len() > 40, "{code}: {explanation}");
        }
        assert!(DutyStatus::Statutory.explanation().contains("Section 11"));
        assert!(DutyStatus::Commissioned.explanation().contains("contract"));
        assert!(DutyStatus::Voluntary.explanation().contains("by choice"));
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert_eq!(Sector::from_code("Police"), None);
        assert_eq!(DutyStatus::from_code(""), None);
    }

    #[test]
    fn all_thirteen_sectors_are_offered() {
        assert_eq!(Sector::ALL.len(), 13);
    }
}
