//! Every figure of a cycle's dashboard as a plain table, so the CSV and XLSX downloads
//! hold exactly what the page shows and no figure is worked out twice. Breakdowns are
//! written long (one row per group and standard), the shape analysts can pivot. The
//! response-rate tables come once; every other table comes once per framework section,
//! keyed by the section (`Section::anchor`) and naming its framework.

use osa_core::spreadsheet::csv_text;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use super::dashboard::{Figures, standing_words};
use super::sections::Section;
use crate::exports::heading::Heading;
use osa_core::analytics::{StandardShares, Summary, Tally};

#[derive(Clone)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn count(n: usize) -> Cell {
        Cell::Number(n as f64)
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => csv_text(s),
            Cell::Number(n) => number(*n),
            Cell::Empty => String::new(),
        }
    }
}

/// A number as people write it: no ".0" on whole numbers, at most two decimals.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 { format!("{n:.0}") } else { format!("{:.2}", n).trim_end_matches('0').to_owned() }
}

pub struct Table {
    /// The `table=` name of its CSV download, and the XLSX sheet's name.
    pub key: String,
    /// The framework whose returns it counts ("… (version 1)"); `None` for the
    /// response-rate tables, which count every invited organisation.
    pub framework: Option<String>,
    /// What the table is, as the first line of its file says.
    pub title: &'static str,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn heads(titles: &[&str]) -> Vec<String> {
    titles.iter().map(|t| (*t).to_owned()).collect()
}

fn standard_label(s: &StandardShares) -> String {
    format!("{} {}", s.standard.code, s.standard.title)
}

/// The share columns of one standard or criterion: the returns for whom it applies
/// (every share's denominator), count and per cent of fully, partially and not met,
/// then those left out: answered not applicable, and not asked.
fn share_cells(s: &Tally) -> Vec<Cell> {
    let mut cells = vec![Cell::count(s.counted)];
    for share in &s.shares {
        cells.push(Cell::count(share.count));
        cells.push(Cell::Number(share.percent.into()));
    }
    cells.push(Cell::count(s.not_applicable));
    cells.push(Cell::count(s.not_asked));
    cells
}

const SHARE_HEAD: [&str; 9] = [
    "Returns it applies to",
    "Fully met",
    "Fully met %",
    "Partially met",
    "Partially met %",
    "Not met",
    "Not met %",
    "Answered not applicable",
    "Not asked",
];

const CRITERION_SHARE_HEAD: [&str; 9] = [
    "Returns it applies to",
    "Met",
    "Met %",
    "Partially met",
    "Partially met %",
    "Not met",
    "Not met %",
    "Answered not applicable",
    "Not asked",
];

fn summary_cells(s: &Option<Summary>) -> Vec<Cell> {
    match s {
        Some(s) => [s.min, s.lower_quartile, s.median, s.upper_quartile, s.max, s.mean]
            .into_iter()
            .map(Cell::Number)
            .collect(),
        None => (0..6).map(|_| Cell::Empty).collect(),
    }
}

/// Every table of the dashboard, in the page's order.
pub fn all(f: &Figures) -> Vec<Table> {
    let mut tables = response(f);
    for section in &f.sections {
        tables.extend(of_section(section));
    }
    tables
}

/// The response rate of the cycle, and who is outstanding or confirmed not to submit.
fn response(f: &Figures) -> Vec<Table> {
    let r = &f.rate;
    vec![
        Table {
            key: "response".into(),
            framework: None,
            title: "Response rate",
            head: heads(&[
                "Invited",
                "Submitted",
                "In progress",
                "Not started",
                "Confirmed non-submissions",
                "Response rate %",
            ]),
            rows: vec![vec![
                Cell::count(r.invited),
                Cell::count(r.submitted),
                Cell::count(r.in_progress),
                Cell::count(r.not_started),
                Cell::count(r.confirmed_non_submission),
                Cell::Number(r.rate_percent.into()),
            ]],
        },
        Table {
            key: "outstanding".into(),
            framework: None,
            title: "Returns outstanding",
            head: heads(&["Organisation", "State"]),
            rows: r
                .outstanding
                .iter()
                .map(|o| vec![Cell::text(&o.name), Cell::text(o.state.label())])
                .collect(),
        },
        Table {
            key: "confirmed".into(),
            framework: None,
            title: "Confirmed non-submissions",
            head: heads(&["Organisation", "Reason for confirmed non-submission"]),
            rows: r.confirmed.iter().map(|o| vec![Cell::text(&o.name), Cell::text(&o.reason)]).collect(),
        },
    ]
}

/// One framework's tables, keyed and named by its section.
#[allow(clippy::too_many_lines, reason = "a declarative list of the dashboard tables, one short block each")]
fn of_section(f: &Section) -> Vec<Table> {
    let framework = || Some(f.name.clone());
    let mut tables = vec![
        Table {
            key: f.anchor("standards"),
            framework: framework(),
            title: "Returns by standard",
            head: heads(&[&["Standard"][..], &SHARE_HEAD].concat()),
            rows: f
                .shares
                .iter()
                .map(|s| [vec![Cell::text(standard_label(s))], share_cells(s)].concat())
                .collect(),
        },
        Table {
            key: f.anchor("criteria"),
            framework: framework(),
            title: "Returns by question",
            head: heads(&[&["Standard", "Criterion", "Question"][..], &CRITERION_SHARE_HEAD].concat()),
            rows: f
                .criteria
                .iter()
                .flat_map(|group| {
                    group.rows.iter().map(|c| {
                        [
                            vec![
                                Cell::text(format!("{} {}", group.standard.code, group.standard.title)),
                                Cell::text(&c.criterion.code),
                                Cell::text(&c.criterion.question),
                            ],
                            share_cells(c),
                        ]
                        .concat()
                    })
                })
                .collect(),
        },
    ];
    let mut heat_head = heads(&["Organisation", "Sector", "Duty status"]);
    heat_head.extend(f.standards.iter().map(|s| format!("{} {}", s.code, s.title)));
    tables.push(Table {
        key: f.anchor("heatmap"),
        framework: framework(),
        title: "Organisations by standard",
        head: heat_head,
        rows: f
            .heat
            .rows
            .iter()
            .map(|row| {
                let mut line =
                    vec![Cell::text(&row.name), Cell::text(row.sector.label()), Cell::text(row.duty.label())];
                line.extend(row.cells.iter().map(|c| Cell::text(standing_words(c).0)));
                line
            })
            .collect(),
    });
    let breakdown = |key: &str,
                     title,
                     group: &'static str,
                     groups: Vec<(&'static str, usize, &Vec<StandardShares>)>| Table {
        key: f.anchor(key),
        framework: framework(),
        title,
        head: heads(&[&[group, "Returns in group", "Standard"][..], &SHARE_HEAD].concat()),
        rows: groups
            .into_iter()
            .flat_map(|(label, returns, standards)| {
                standards.iter().map(move |s| {
                    [
                        vec![Cell::text(label), Cell::count(returns), Cell::text(standard_label(s))],
                        share_cells(s),
                    ]
                    .concat()
                })
            })
            .collect(),
    };
    tables.push(breakdown(
        "sectors",
        "Returns by sector",
        "Sector",
        f.by_sector.iter().map(|g| (g.key.label(), g.returns, &g.standards)).collect(),
    ));
    tables.push(breakdown(
        "duty",
        "Returns by duty status",
        "Duty status",
        f.by_duty.iter().map(|g| (g.key.label(), g.returns, &g.standards)).collect(),
    ));
    if let Some(change) = f.change.as_ref().filter(|c| c.asked_before) {
        tables.push(Table {
            key: f.anchor("change"),
            framework: framework(),
            title: "Change since the last cycle",
            head: heads(&[
                "Standard",
                "Returns it applied to before",
                "Fully met % before",
                "Returns it applies to now",
                "Fully met % now",
                "Change (percentage points)",
                "Organisations improved",
                "Organisations worsened",
                "Organisations unchanged",
            ]),
            rows: change
                .rows
                .iter()
                .map(|c| {
                    let opt = |v: Option<u32>| v.map(|v| Cell::Number(v.into())).unwrap_or(Cell::Empty);
                    vec![
                        Cell::text(format!("{} {}", c.standard.code, c.standard.title)),
                        Cell::count(c.previous_counted),
                        opt(c.previous_fully_met),
                        Cell::count(c.current_counted),
                        opt(c.current_fully_met),
                        c.points.map(|p| Cell::Number(p.into())).unwrap_or(Cell::Empty),
                        Cell::count(c.improved.len()),
                        Cell::count(c.worsened.len()),
                        Cell::count(c.unchanged),
                    ]
                })
                .collect(),
        });
    }
    tables.push(Table {
        key: f.anchor("numbers"),
        framework: framework(),
        title: "Numbers given in returns",
        head: heads(&[
            "Criterion",
            "Question",
            "Kind",
            "Returns counted",
            "Left out (out of range)",
            "Lowest",
            "Lower quartile",
            "Median",
            "Upper quartile",
            "Highest",
            "Mean",
        ]),
        rows: f
            .distributions
            .iter()
            .map(|d| {
                let mut line = vec![
                    Cell::text(&d.code),
                    Cell::text(&d.question),
                    Cell::text(d.distribution.scale.label()),
                    Cell::count(d.distribution.count),
                    Cell::count(d.distribution.ignored),
                ];
                line.extend(summary_cells(&d.distribution.summary));
                line
            })
            .collect(),
    });
    tables.push(Table {
        key: f.anchor("number-ranges"),
        framework: framework(),
        title: "Numbers given in returns, by range",
        head: heads(&["Criterion", "Range", "Returns", "Returns %"]),
        rows: f
            .distributions
            .iter()
            .flat_map(|d| {
                d.distribution.bins.iter().map(|b| {
                    vec![
                        Cell::text(&d.code),
                        Cell::text(&b.label),
                        Cell::count(b.count),
                        Cell::Number(b.percent.into()),
                    ]
                })
            })
            .collect(),
    });
    tables
}

impl Table {
    /// `heading` retitled with this table's title, naming its framework if it has one.
    pub fn heading(&self, heading: &Heading) -> Heading {
        let retitled = heading.retitled(self.title);
        match &self.framework {
            Some(name) => retitled.about("Framework", name),
            None => retitled,
        }
    }
}

pub fn csv(table: &Table, heading: &Heading) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(table.heading(heading).csv_start()?);
    out.write_record(table.head.iter().map(|cell| csv_text(cell)))?;
    for row in &table.rows {
        out.write_record(row.iter().map(Cell::csv))?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// Every table as a sheet of one workbook, numbers as numbers, each sheet starting
/// with `heading` retitled with the table's own title (and its framework named).
pub fn xlsx(tables: &[Table], heading: &Heading) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_border_bottom(FormatBorder::Medium);
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.key)?;
        let top = table.heading(heading).write_xlsx(sheet)?;
        for (col, title) in table.head.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.write_string_with_format(top, col, title, &header)?;
            sheet.set_column_width(col, if col == 0 { 40.0 } else { 16.0 })?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = top + u32::try_from(i + 1).unwrap_or(u32::MAX - top);
            for (col, cell) in row.iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, col, s)?,
                    Cell::Number(n) => sheet.write_number(r, col, *n)?,
                    Cell::Empty => sheet,
                };
            }
        }
        sheet.set_freeze_panes(top + 1, 0)?;
    }
    book.save_to_buffer()
}
