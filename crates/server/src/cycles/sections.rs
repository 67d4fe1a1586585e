//! One section of a cycle's dashboard per framework the cycle asked for: the main one,
//! then each framework some sectors were asked for instead (the short version for
//! small groups). Each section's standards, shares, heat map, breakdowns, change and
//! numbers are worked out from the returns on that framework alone
//! (`Cohort::asked_for`), with the same filters as the rest of the page.

use super::store::CycleRow;
use crate::frameworks::store::Stored;
use osa_core::analytics::{
    Cohort, CriterionHeading, CriterionShares, Distribution, Group, HeatMap, ResponseRate, Scale, StackedBar,
    StandardChange, StandardHeading, StandardShares, asked_words, by_duty, by_sector, change_since,
    criterion_distribution, criterion_shares, heat_map, response_rate, stacked_bars, standard_shares,
    table_basis,
};
use osa_core::tenancy::{DutyStatus, Sector};

/// One framework's figures.
pub struct Section {
    pub framework_id: i64,
    /// "Keeping children safe: short self-assessment for small groups (version 1)".
    pub name: String,
    /// Whether this is the cycle's main framework (always the first section).
    pub main: bool,
    /// What the section's anchors and download keys start with: empty for the main
    /// framework, so its addresses stay as they were before sections.
    pub slug: String,
    /// Of the organisations in the view asked for this framework.
    pub rate: ResponseRate,
    /// That rate in words, its denominator named.
    pub rate_words: String,
    pub standards: Vec<StandardHeading>,
    pub shares: Vec<StandardShares>,
    /// What the shares per standard divide by, in words.
    pub shares_basis: String,
    /// Per standard, its rated criteria's shares.
    pub criteria: Vec<CriteriaOfStandard>,
    pub bars: Vec<StackedBar>,
    pub heat: HeatMap,
    pub by_sector: Vec<Group<Sector>>,
    pub by_duty: Vec<Group<DutyStatus>>,
    /// The breakdowns as the page shows them.
    pub breakdowns: Vec<Breakdown>,
    /// `None` when the partnership ran no cycle before this one.
    pub change: Option<Change>,
    pub distributions: Vec<NumberDistribution>,
}

impl Section {
    /// The section's own name for a part of it: an element id and a download key.
    pub fn anchor(&self, part: &str) -> String {
        if self.slug.is_empty() { part.to_owned() } else { format!("{}-{part}", self.slug) }
    }

    /// The `table=` value of a download link for one of its tables, followed by the
    /// page's filters (the template escapes the `&`).
    pub fn table(&self, part: &str, query: &str) -> String {
        let key = self.anchor(part);
        if query.is_empty() { key } else { format!("{key}&{query}") }
    }
}

/// One standard's criteria with an outcome (rated, or yes or no), their shares and
/// what those divide by.
pub struct CriteriaOfStandard {
    pub standard: StandardHeading,
    pub rows: Vec<CriterionShares>,
    pub basis: String,
}

/// What changed since the partnership's previous cycle, with the same filter, among
/// the returns on the same framework (any version of it).
pub struct Change {
    pub previous_id: i64,
    pub previous_name: String,
    /// Whether the previous cycle asked anyone for this framework at all; when not,
    /// there is nothing to compare and `rows` is empty.
    pub asked_before: bool,
    pub rows: Vec<StandardChange>,
}

/// One numeric criterion of the framework across the submitted returns.
pub struct NumberDistribution {
    pub code: String,
    pub question: String,
    pub distribution: Distribution,
}

/// A breakdown as the page shows it.
pub struct Breakdown {
    pub heading: &'static str,
    pub key: &'static str,
    pub groups: Vec<GroupRow>,
}

/// One row of a breakdown on the page: the group and its share fully met per standard.
pub struct GroupRow {
    pub label: &'static str,
    pub returns: usize,
    /// Per standard, "80% of 20" (the share fully met of the group's organisations
    /// for whom the standard applies), "Not applicable" where it applies to none of
    /// them because they answered it so, or "None" where no return has a standing.
    pub fully_met: Vec<String>,
}

fn group_row<K>(label: &'static str, g: &Group<K>) -> GroupRow {
    GroupRow {
        label,
        returns: g.returns,
        fully_met: g
            .standards
            .iter()
            .map(|s| match (s.counted, s.not_applicable) {
                (0, 0) => "None".to_owned(),
                (0, _) => "Not applicable".to_owned(),
                (counted, _) => format!("{}% of {counted}", s.fully_met().percent),
            })
            .collect(),
    }
}

/// "1. Leadership": a standard as a row label in words.
pub fn standard_label(s: &StandardHeading) -> String {
    format!("{}. {}", s.code, s.title)
}

/// A section's slug: the framework's key, unless another section has it (a second
/// version of one framework in the cycle) or it would make a download key longer than
/// a workbook's sheet name may be; then its place on the page.
pub fn slug(stored: &Stored, place: usize, taken: &[String]) -> String {
    let key = &stored.summary.key;
    let slug = if taken.contains(key) { format!("{key}-v{}", stored.summary.version) } else { key.clone() };
    // "number-ranges", the longest part, and a dash leave 17 of a sheet name's 31.
    let fits = slug.len() <= 17 && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if fits && !taken.contains(&slug) { slug } else { format!("framework-{}", place + 1) }
}

/// The earlier cycle a section compares with: the cycle, whether it asked anyone for
/// this framework, and its returns on the framework in the same view.
pub struct Earlier<'a> {
    pub cycle: &'a CycleRow,
    pub asked: bool,
    pub cohort: Cohort<'a>,
}

/// The figures of one framework from `cohort`, the view's organisations asked for it.
pub fn compute(
    stored: &Stored,
    main: bool,
    slug: String,
    cohort: &Cohort,
    earlier: Option<Earlier>,
) -> Section {
    let framework = &stored.framework;
    let standards = StandardHeading::from_framework(framework);
    let shares = standard_shares(&standards, cohort);
    let shares_basis = table_basis(
        "standard",
        &shares.iter().map(|s| (standard_label(&s.standard), s.tally)).collect::<Vec<_>>(),
    );
    let all_criteria = criterion_shares(&CriterionHeading::rated_of(framework), cohort);
    let criteria = standards
        .iter()
        .map(|standard| {
            let rows: Vec<CriterionShares> =
                all_criteria.iter().filter(|c| c.criterion.standard == standard.code).cloned().collect();
            let basis = table_basis(
                "question",
                &rows.iter().map(|c| (c.criterion.code.clone(), c.tally)).collect::<Vec<_>>(),
            );
            CriteriaOfStandard { standard: standard.clone(), rows, basis }
        })
        .filter(|c| !c.rows.is_empty())
        .collect();
    let change = earlier.map(|e| Change {
        previous_id: e.cycle.id,
        previous_name: e.cycle.name.clone(),
        asked_before: e.asked,
        rows: if e.asked { change_since(&standards, cohort, &e.cohort) } else { Vec::new() },
    });
    let distributions = framework
        .criteria()
        .filter_map(|(_, c)| {
            let scale = Scale::of(c.answer)?;
            Some(NumberDistribution {
                code: c.code.clone(),
                question: c.question.clone(),
                distribution: criterion_distribution(&c.code, scale, cohort),
            })
        })
        .collect();
    let by_sector = by_sector(&standards, cohort);
    let by_duty = by_duty(&standards, cohort);
    let breakdowns = vec![
        Breakdown {
            heading: "By sector",
            key: "sectors",
            groups: by_sector.iter().map(|g| group_row(g.key.label(), g)).collect(),
        },
        Breakdown {
            heading: "By duty status",
            key: "duty",
            groups: by_duty.iter().map(|g| group_row(g.key.label(), g)).collect(),
        },
    ];
    let rate = response_rate(cohort);
    Section {
        framework_id: stored.summary.id,
        name: format!("{} (version {})", stored.summary.name, stored.summary.version),
        main,
        slug,
        rate_words: asked_words(&rate),
        rate,
        bars: stacked_bars(&shares),
        heat: heat_map(&standards, cohort),
        by_sector,
        by_duty,
        breakdowns,
        change,
        distributions,
        shares,
        shares_basis,
        criteria,
        standards,
    }
}
