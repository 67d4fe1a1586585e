//! Every figure a board report quotes, as plain data that serialises to JSON: a draft
//! makes it afresh from the dashboard's own figures on every view, and a finalised
//! report keeps the JSON made when it was finalised, so its figures never move.
//!
//! Guarantees: every count and percentage is copied from `crate::analytics` results
//! (never worked out again), so the report shows what the dashboard shows for the
//! same cycle; names and labels are copied as words, so a frozen report reads the
//! same even if an organisation or a label is renamed later.

use serde::{Deserialize, Serialize};

use crate::analytics::{HeatMap, ResponseRate, StandardShares, Tally};
use crate::framework::Framework;

/// The report's figures, as at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub partnership: String,
    pub cycle: String,
    /// "1 April 2025", already worded.
    pub opens_on: String,
    pub due_on: String,
    pub framework: FrameworkOutline,
    pub response: ResponseFigures,
    /// Invited organisations whose returns went only to other partnerships of a
    /// region, left out of every figure (as on the dashboard).
    pub sent_elsewhere: usize,
    pub standards: Vec<StandardFigures>,
    /// What the shares per standard divide by, in the dashboard's words.
    pub shares_basis: String,
    /// The organisations that submitted, in name order.
    pub participants: Vec<Participant>,
    /// One row per submitted return, a standing label (or empty) per standard.
    pub heat: Vec<HeatRow>,
    pub meetings: Vec<MeetingFigure>,
    /// The partnership's themes with the actions answering them; actions answering
    /// no theme come last under an unnamed theme (`name` empty).
    pub themes: Vec<ThemeFigures>,
    /// The frameworks some sectors were asked for instead of the main one, each with
    /// its own results; everything above but the response rate and the participants
    /// is the main framework's. Empty in reports finalised before it was kept.
    #[serde(default)]
    pub other_frameworks: Vec<OtherFramework>,
}

/// The results of a framework the cycle asked some sectors for instead of its main
/// one (the short version for small groups), from its own returns only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherFramework {
    /// "Keeping children safe: short self-assessment for small groups (version 1)".
    pub name: String,
    /// Its own response rate in words, of those asked to complete it.
    pub asked: String,
    pub standards: Vec<StandardFigures>,
    /// What its shares per standard divide by, in the dashboard's words.
    pub shares_basis: String,
    /// One row per return submitted on it, a standing label (or empty) per standard.
    pub heat: Vec<HeatRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkOutline {
    pub name: String,
    pub version: u32,
    pub description: String,
    pub standards: Vec<StandardOutline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardOutline {
    pub code: String,
    pub title: String,
    pub outcome: String,
    pub criteria: Vec<CriterionOutline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionOutline {
    pub code: String,
    pub question: String,
    /// The examples of evidence the framework asks for.
    pub evidence: Vec<String>,
}

impl FrameworkOutline {
    pub fn of(framework: &Framework) -> FrameworkOutline {
        FrameworkOutline {
            name: framework.name.clone(),
            version: framework.version,
            description: framework.description.clone(),
            standards: framework
                .standards
                .iter()
                .map(|s| StandardOutline {
                    code: s.code.clone(),
                    title: s.title.clone(),
                    outcome: s.outcome.clone(),
                    criteria: s
                        .criteria
                        .iter()
                        .map(|c| CriterionOutline {
                            code: c.code.clone(),
                            question: c.question.clone(),
                            evidence: c.evidence.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn criteria(&self) -> usize {
        self.standards.iter().map(|s| s.criteria.len()).sum()
    }
}

/// The response rate as the dashboard counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseFigures {
    pub invited: usize,
    pub submitted: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub confirmed_non_submission: usize,
    pub rate_percent: u32,
    /// (organisation, reason) of each confirmed non-submission, in name order.
    pub confirmed: Vec<(String, String)>,
    /// (organisation, state in words) of each return still outstanding.
    pub outstanding: Vec<(String, String)>,
}

impl ResponseFigures {
    pub fn of(rate: &ResponseRate) -> ResponseFigures {
        ResponseFigures {
            invited: rate.invited,
            submitted: rate.submitted,
            in_progress: rate.in_progress,
            not_started: rate.not_started,
            confirmed_non_submission: rate.confirmed_non_submission,
            rate_percent: rate.rate_percent,
            confirmed: rate.confirmed.iter().map(|c| (c.name.clone(), c.reason.clone())).collect(),
            outstanding: rate
                .outstanding
                .iter()
                .map(|o| (o.name.clone(), o.state.label().to_owned()))
                .collect(),
        }
    }
}

/// A count and its share, as the dashboard shows it: "12 (60%)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub count: usize,
    pub percent: u32,
}

impl Count {
    pub fn cell(&self) -> String {
        format!("{} ({}%)", self.count, self.percent)
    }
}

/// One standard's shares across the submitted returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardFigures {
    pub code: String,
    pub title: String,
    /// Submitted returns for whom it applies: every share's denominator.
    pub counted: usize,
    pub not_applicable: usize,
    pub not_asked: usize,
    pub fully_met: Count,
    pub partially_met: Count,
    pub not_met: Count,
}

impl StandardFigures {
    pub fn of(shares: &StandardShares) -> StandardFigures {
        let t: &Tally = &shares.tally;
        let count = |i: usize| Count { count: t.shares[i].count, percent: t.shares[i].percent };
        StandardFigures {
            code: shares.standard.code.clone(),
            title: shares.standard.title.clone(),
            counted: t.counted,
            not_applicable: t.not_applicable,
            not_asked: t.not_asked,
            fully_met: count(0),
            partially_met: count(1),
            not_met: count(2),
        }
    }

    /// "1. Leadership and governance", as the dashboard labels a standard.
    pub fn label(&self) -> String {
        format!("{}. {}", self.code, self.title)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub sector: String,
    pub duty: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatRow {
    pub name: String,
    /// Per standard, in the framework's order: "Green", "Amber", "Red", or "" for
    /// no standing.
    pub cells: Vec<String>,
}

/// The participants and the heat map rows of the submitted returns.
pub fn participants_and_heat(heat: &HeatMap) -> (Vec<Participant>, Vec<HeatRow>) {
    let participants = heat
        .rows
        .iter()
        .map(|r| Participant {
            name: r.name.clone(),
            sector: r.sector.label().to_owned(),
            duty: r.duty.label().to_owned(),
        })
        .collect();
    let rows = heat
        .rows
        .iter()
        .map(|r| HeatRow {
            name: r.name.clone(),
            cells: r.cells.iter().map(|c| c.map(|s| s.label().to_owned()).unwrap_or_default()).collect(),
        })
        .collect();
    (participants, rows)
}

/// Everyone who submitted a return on any of the cycle's frameworks (a heat map per
/// framework), each once, in name order.
pub fn participants(heats: &[&HeatMap]) -> Vec<Participant> {
    let mut rows: Vec<_> = heats.iter().flat_map(|h| h.rows.iter()).collect();
    rows.sort_by(|a, b| {
        a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.organisation.cmp(&b.organisation))
    });
    rows.dedup_by_key(|r| r.organisation);
    rows.iter()
        .map(|r| Participant {
            name: r.name.clone(),
            sector: r.sector.label().to_owned(),
            duty: r.duty.label().to_owned(),
        })
        .collect()
}

/// One assurance meeting of the cycle, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFigure {
    pub organisation: String,
    pub held_on: String,
    /// Where the meeting stands, in words ("Record finalised").
    pub state: String,
    /// Whether it took place (it is no longer only scheduled).
    pub held: bool,
    pub questions: usize,
    pub assured: usize,
    pub partly_assured: usize,
    pub not_assured: usize,
    pub agreed_actions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeFigures {
    pub name: String,
    pub actions: Vec<ActionFigure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFigure {
    pub title: String,
    pub lead_group: String,
    pub target: String,
    pub status: String,
}

impl Figures {
    pub fn parse(json: &str) -> Result<Figures, super::WordsError> {
        serde_json::from_str(json).map_err(|e| super::WordsError::Unreadable(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The meetings that took place (held, whether or not the record is final).
    pub fn meetings_held(&self) -> usize {
        self.meetings.iter().filter(|m| m.held).count()
    }
}
