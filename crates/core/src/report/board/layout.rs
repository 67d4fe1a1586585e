//! The board report laid out as a [`Document`]: the sections in order, each with the
//! analyst's words and osa's figures, then the appendices.
//!
//! Guarantees: every chart is followed by a table of the same figures with counts;
//! every section appears even when its words are blank (its figures still do); the
//! status line (draft or finalised, with dates) opens the report.

use super::figures::{Figures, HeatRow, StandardFigures};
use super::sentences::{organisations, response_sentence, standard_sentence};
use super::words::{Section, Words};
use crate::analytics::whole_percentages;
use crate::report::{Bar, Block, Chart, Document, Series, Table, Tone};

/// Where the report stands, already worded by the caller (dates included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// "Draft: figures are live, as at 3 June 2026 at 2:15pm."
    Draft { as_at: String },
    /// Finalised, with the figures frozen as they were then.
    Finalised { on: String, figures_as_at: String, by: String },
}

impl Status {
    pub fn words(&self) -> String {
        match self {
            Status::Draft { as_at } => {
                format!(
                    "Draft. The figures are live and will be frozen when the report is finalised; as at {as_at}."
                )
            }
            Status::Finalised { on, figures_as_at, by } => {
                format!("Finalised on {on} by {by}, figures as at {figures_as_at}.")
            }
        }
    }
}

/// The text of a box, a paragraph per line; nothing for a blank box.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(Block::paragraph)
}

fn section(out: &mut Vec<Block>, words: &Words, section: Section) {
    out.push(Block::heading(2, section.label()));
    out.extend(paragraphs(words.text(section)));
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table { header: header.iter().map(|h| (*h).to_owned()).collect(), rows })
}

/// The chart of shares per standard and the table of the same figures.
fn standards_chart(standards: &[StandardFigures], shares_basis: &str) -> Vec<Block> {
    let bars = standards
        .iter()
        .map(|s| Bar {
            label: if s.counted == 0 { format!("{} (no returns apply)", s.label()) } else { s.label() },
            widths: whole_percentages(&[s.fully_met.count, s.partially_met.count, s.not_met.count]),
        })
        .collect();
    let chart = Chart {
        title: "Share of organisations fully, partially and not meeting each standard".to_owned(),
        description: format!(
            "A bar per standard, split into fully met, partially met and not met, of the organisations for whom it \
             applies. {} The same figures are in the table that follows.",
            shares_basis
        ),
        series: vec![
            Series { name: "Fully met".into(), tone: Tone::Green },
            Series { name: "Partially met".into(), tone: Tone::Amber },
            Series { name: "Not met".into(), tone: Tone::Red },
        ],
        bars,
    };
    let rows = standards
        .iter()
        .map(|s| {
            vec![
                s.label(),
                s.counted.to_string(),
                s.fully_met.cell(),
                s.partially_met.cell(),
                s.not_met.cell(),
                s.not_applicable.to_string(),
            ]
        })
        .collect();
    vec![
        Block::Chart(chart),
        table(&["Standard", "Applies to", "Fully met", "Partially met", "Not met", "Not applicable"], rows),
        Block::paragraph(shares_basis.to_owned()),
    ]
}

fn methodology_facts(f: &Figures) -> Vec<Block> {
    let fw = &f.framework;
    let held = f.meetings_held();
    let mut out = vec![
        Block::labelled("Framework", format!("{}, version {}", fw.name, fw.version)),
        Block::labelled(
            "Standards",
            format!("{} standards and {} criteria", fw.standards.len(), fw.criteria()),
        ),
        Block::labelled(
            "Rating scale",
            "Each criterion is rated met, partially met, not met or not applicable. A standard is green \
             (fully met), amber (partially met) or red (not met), derived from its criteria.",
        ),
        Block::labelled(
            "Evidence asked for",
            "For each criterion, a written account of the evidence, with examples named in the framework \
             (Appendix D) and optional attached files.",
        ),
        Block::labelled(
            "Assurance meetings",
            format!(
                "{} held of {} arranged",
                if held == 1 { "1 meeting".to_owned() } else { format!("{held} meetings") },
                f.meetings.len()
            ),
        ),
        Block::labelled("Round", format!("{}, open from {} to {}", f.cycle, f.opens_on, f.due_on)),
    ];
    out.push(table(
        &["Standard", "Criteria"],
        fw.standards
            .iter()
            .map(|s| vec![format!("{}. {}", s.code, s.title), s.criteria.len().to_string()])
            .collect(),
    ));
    out
}

fn response_facts(f: &Figures) -> Vec<Block> {
    let r = &f.response;
    let mut out = vec![Block::paragraph(response_sentence(r))];
    if f.sent_elsewhere > 0 {
        out.push(Block::paragraph(format!(
            "{} invited to this round sent their returns only to other partnerships of the region and are not \
             counted here.",
            organisations(f.sent_elsewhere)
        )));
    }
    out.push(table(
        &["Invited", "Submitted", "In progress", "Not started", "Confirmed non-submissions", "Response rate"],
        vec![vec![
            r.invited.to_string(),
            r.submitted.to_string(),
            r.in_progress.to_string(),
            r.not_started.to_string(),
            r.confirmed_non_submission.to_string(),
            format!("{}%", r.rate_percent),
        ]],
    ));
    if !r.confirmed.is_empty() {
        out.push(Block::heading(3, "Confirmed non-submissions"));
        out.push(table(
            &["Organisation", "Reason"],
            r.confirmed
                .iter()
                .map(|(n, reason)| {
                    vec![
                        n.clone(),
                        if reason.is_empty() { "No reason recorded".into() } else { reason.clone() },
                    ]
                })
                .collect(),
        ));
    }
    if !r.outstanding.is_empty() {
        out.push(Block::heading(3, "Not submitted"));
        out.push(table(
            &["Organisation", "State"],
            r.outstanding.iter().map(|(n, s)| vec![n.clone(), s.clone()]).collect(),
        ));
    }
    out
}

fn findings(out: &mut Vec<Block>, words: &Words, f: &Figures) {
    out.push(Block::heading(2, "Findings"));
    out.push(Block::paragraph(
        "For each standard: how the organisations that submitted rated themselves, what the partnership sees as \
         strengths, and the areas for development.",
    ));
    out.extend(standards_chart(&f.standards, &f.shares_basis));
    for s in &f.standards {
        out.push(Block::heading(3, s.label()));
        out.push(Block::labelled("Figures", standard_sentence(s)));
        let finding = words.finding(&s.code);
        let say = |text: &str| {
            if text.trim().is_empty() { "None written.".to_owned() } else { text.trim().to_owned() }
        };
        out.push(Block::labelled("Strengths", say(&finding.strengths)));
        out.push(Block::labelled("Areas for development", say(&finding.areas)));
    }
}

fn themes(out: &mut Vec<Block>, words: &Words, f: &Figures) {
    section(out, words, Section::Themes);
    if f.themes.is_empty() {
        out.push(Block::paragraph("No theme or partnership action has been recorded for this round."));
    }
    for theme in &f.themes {
        let name = if theme.name.is_empty() { "Other partnership actions" } else { theme.name.as_str() };
        out.push(Block::heading(3, name));
        if theme.actions.is_empty() {
            out.push(Block::paragraph("No partnership action answers this theme yet."));
            continue;
        }
        out.push(table(
            &["Action", "Lead group", "Target date", "Status"],
            theme
                .actions
                .iter()
                .map(|a| vec![a.title.clone(), a.lead_group.clone(), a.target.clone(), a.status.clone()])
                .collect(),
        ));
    }
}

/// Each organisation's standing per standard of one framework, and the standards' titles.
fn standings(out: &mut Vec<Block>, standards: &[StandardFigures], heat: &[HeatRow]) {
    if heat.is_empty() {
        out.push(Block::paragraph("No return has been submitted, so there are no standings."));
        return;
    }
    out.push(Block::paragraph(
        "Each organisation's standing on each standard: Green (fully met), Amber (partially met), Red (not \
         met); a blank means no standing.",
    ));
    let mut header = vec!["Organisation".to_owned()];
    header.extend(standards.iter().map(|s| s.code.clone()));
    let rows = heat
        .iter()
        .map(|r| std::iter::once(r.name.clone()).chain(r.cells.iter().cloned()).collect())
        .collect();
    out.push(Block::Table(Table { header, rows }));
    out.push(table(
        &["Code", "Standard"],
        standards.iter().map(|s| vec![s.code.clone(), s.title.clone()]).collect(),
    ));
}

fn appendices(out: &mut Vec<Block>, f: &Figures) {
    // With other frameworks, each framework's results stand under its own name.
    let several = !f.other_frameworks.is_empty();
    out.push(Block::heading(2, "Appendix A: results per standard"));
    if several {
        out.push(Block::heading(3, f.framework.name.clone()));
    }
    out.extend(standards_chart(&f.standards, &f.shares_basis));
    for other in &f.other_frameworks {
        out.push(Block::heading(3, other.name.clone()));
        out.push(Block::paragraph(format!(
            "Asked of some sectors instead of the main framework, and counted apart from it: {}",
            other.asked
        )));
        out.extend(standards_chart(&other.standards, &other.shares_basis));
    }
    out.push(Block::heading(2, "Appendix B: standings by organisation"));
    if several {
        out.push(Block::heading(3, f.framework.name.clone()));
    }
    standings(out, &f.standards, &f.heat);
    for other in &f.other_frameworks {
        out.push(Block::heading(3, other.name.clone()));
        standings(out, &other.standards, &other.heat);
    }
    out.push(Block::heading(2, "Appendix C: assurance meetings"));
    if f.meetings.is_empty() {
        out.push(Block::paragraph("No assurance meeting was arranged in this round."));
    } else {
        out.push(table(
            &[
                "Organisation",
                "Date",
                "Where it stands",
                "Questions",
                "Assured",
                "Partly assured",
                "Not assured",
                "Actions agreed",
            ],
            f.meetings
                .iter()
                .map(|m| {
                    vec![
                        m.organisation.clone(),
                        m.held_on.clone(),
                        m.state.clone(),
                        m.questions.to_string(),
                        m.assured.to_string(),
                        m.partly_assured.to_string(),
                        m.not_assured.to_string(),
                        m.agreed_actions.to_string(),
                    ]
                })
                .collect(),
        ));
    }
    out.push(Block::heading(2, "Appendix D: the framework"));
    out.push(Block::paragraph(format!("{}, version {}.", f.framework.name, f.framework.version)));
    out.extend(paragraphs(&f.framework.description));
    for s in &f.framework.standards {
        out.push(Block::heading(3, format!("{}. {}", s.code, s.title)));
        if !s.outcome.trim().is_empty() {
            out.push(Block::labelled("Outcome", s.outcome.clone()));
        }
        out.push(table(
            &["Criterion", "Question", "Evidence asked for"],
            s.criteria
                .iter()
                .map(|c| {
                    let evidence =
                        if c.evidence.is_empty() { "None named".to_owned() } else { c.evidence.join("; ") };
                    vec![c.code.clone(), c.question.clone(), evidence]
                })
                .collect(),
        ));
    }
}

/// The whole report.
pub fn document(words: &Words, figures: &Figures, status: &Status) -> Document {
    let f = figures;
    let title = format!("{}: {} board report", f.partnership, f.cycle);
    let mut b = vec![Block::heading(1, title.clone()), Block::paragraph(status.words())];
    section(&mut b, words, Section::Summary);
    section(&mut b, words, Section::Purpose);
    section(&mut b, words, Section::Background);
    section(&mut b, words, Section::Methodology);
    b.extend(methodology_facts(f));
    section(&mut b, words, Section::Response);
    b.extend(response_facts(f));
    section(&mut b, words, Section::Participation);
    if f.participants.is_empty() {
        b.push(Block::paragraph("No organisation has submitted a return yet."));
    } else {
        b.push(Block::paragraph(format!("{} submitted a return.", organisations(f.participants.len()))));
        b.push(table(
            &["Organisation", "Sector", "Duty"],
            f.participants.iter().map(|p| vec![p.name.clone(), p.sector.clone(), p.duty.clone()]).collect(),
        ));
    }
    findings(&mut b, words, f);
    themes(&mut b, words, f);
    section(&mut b, words, Section::Recommendations);
    section(&mut b, words, Section::NextSteps);
    appendices(&mut b, f);
    Document { title, language: "en-GB".to_owned(), blocks: b }
}
