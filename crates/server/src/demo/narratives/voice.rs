//! The words an organisation uses for the people around its safeguarding: a school
//! speaks of pupils and governors, an NHS trust of patients and the board, a sports
//! club of members, coaches and its committee, and an adults' framework of adults at
//! risk rather than children.

use osa_core::framework::Audience;
use osa_core::tenancy::Sector;

/// The words a narrative's placeholders are filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voice {
    /// `{people}`: who the organisation safeguards.
    pub people: &'static str,
    /// `{staff}`: who works or volunteers there.
    pub staff: &'static str,
    /// `{board}`: who holds it to account.
    pub board: &'static str,
    /// `{lead}`: who leads on safeguarding.
    pub lead: &'static str,
    /// `{arrangements}`: the local safeguarding arrangements it answers to.
    pub arrangements: &'static str,
    /// `{officer}`: where allegations about people who work there go.
    pub officer: &'static str,
    /// `{help}`: the help offered early to a family or a carer.
    pub help: &'static str,
}

impl Voice {
    pub fn of(audience: Audience, sector: Sector) -> Voice {
        let (staff, board, lead) = workforce(sector);
        let (people, arrangements, officer, help) = match audience {
            Audience::Adults => (
                adults(sector),
                "the Safeguarding Adults Board",
                "the council's PiPoT lead",
                "support for carers and families",
            ),
            Audience::Joint => (
                "children and adults at risk",
                "the children's partnership and the Safeguarding Adults Board",
                "the LADO or the council's PiPoT lead",
                "early help or carer support",
            ),
            Audience::Children | Audience::Partnership => {
                (children(sector), "the safeguarding partnership", "the LADO", "early help")
            }
        };
        Voice { people, staff, board, lead, arrangements, officer, help }
    }

    /// `text` with its placeholders filled in and its first letter a capital.
    pub fn fill(&self, text: &str) -> String {
        let filled = text
            .replace("{people}", self.people)
            .replace("{staff}", self.staff)
            .replace("{board}", self.board)
            .replace("{lead}", self.lead)
            .replace("{arrangements}", self.arrangements)
            .replace("{officer}", self.officer)
            .replace("{help}", self.help);
        let mut chars = filled.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => filled,
        }
    }
}

/// Staff, the body that holds them to account, and the safeguarding lead.
fn workforce(sector: Sector) -> (&'static str, &'static str, &'static str) {
    match sector {
        Sector::Education => ("staff", "the governors", "the designated safeguarding lead"),
        Sector::Health => ("clinical staff", "the board", "the safeguarding lead"),
        Sector::Police => ("officers and staff", "the chief officer group", "the head of public protection"),
        Sector::LocalAuthority => {
            ("practitioners", "the corporate leadership team", "the head of safeguarding and quality")
        }
        Sector::Probation => {
            ("probation practitioners", "the regional leadership team", "the safeguarding lead")
        }
        Sector::YouthJustice => ("case managers", "the management board", "the safeguarding lead"),
        Sector::FireAndRescue => {
            ("firefighters and staff", "the senior leadership team", "the safeguarding lead")
        }
        Sector::Housing => ("housing officers", "the board", "the safeguarding lead"),
        Sector::VoluntaryAndCommunity => ("staff and volunteers", "the trustees", "the safeguarding lead"),
        Sector::Faith => ("leaders and volunteers", "the trustees", "the safeguarding coordinator"),
        Sector::EarlyYears => {
            ("practitioners", "the management committee", "the designated safeguarding lead")
        }
        Sector::SportAndLeisure => {
            ("coaches and volunteers", "the club committee", "the club welfare officer")
        }
        Sector::Other => ("staff", "the board", "the safeguarding lead"),
    }
}

fn children(sector: Sector) -> &'static str {
    match sector {
        Sector::Education => "pupils",
        Sector::Health => "patients and their families",
        Sector::EarlyYears => "children in our care",
        Sector::SportAndLeisure => "young members",
        Sector::Faith => "children and young people who attend",
        Sector::Police => "children and young people officers meet",
        Sector::YouthJustice => "the children we work with",
        Sector::Housing => "tenants' children",
        Sector::Probation => "the children of people on probation",
        _ => "the children and families we work with",
    }
}

fn adults(sector: Sector) -> &'static str {
    match sector {
        Sector::Health => "patients",
        Sector::Housing => "tenants at risk",
        Sector::Education => "adult learners at risk",
        Sector::SportAndLeisure => "members at risk",
        Sector::Probation => "people on probation at risk",
        _ => "adults at risk we support",
    }
}
