//! The printed table: each scenario's figures with issue 13's target beside them.

use crate::load::Outcome;

/// The speed target a scenario is held to (issue 13, on 2 cores).
#[derive(Clone, Copy)]
pub enum Target {
    /// At least 3,700 saves/s, p99 at most 20 ms, at most 0.5 ms server CPU per save
    /// (SQLite; on PostgreSQL the figures are reported only).
    Save,
    /// p99 <= 20 ms.
    Page,
    /// p99 <= 100 ms.
    Dashboard,
    /// p99 <= 200 ms.
    Search,
    None,
}

pub struct Row {
    name: &'static str,
    outcome: Outcome,
    target: Target,
}

impl Row {
    pub fn new(name: &'static str, outcome: Outcome, target: Target) -> Row {
        Row { name, outcome, target }
    }

    pub fn peak_rss_mb(&self) -> f64 {
        self.outcome.peak_rss_mb
    }

    /// The target in words and whether it is met (`None`: reported only).
    fn verdict(&self, sqlite: bool) -> (String, Option<bool>) {
        let o = &self.outcome;
        let p99 = o.percentile(99.0);
        let within = |ms: f64| (format!("p99 <= {ms} ms"), Some(p99 <= ms && o.errors == 0));
        match self.target {
            Target::Save if sqlite => (
                ">= 3,700/s, p99 <= 20 ms, <= 0.5 ms CPU".into(),
                Some(o.per_second() >= 3700.0 && p99 <= 20.0 && o.cpu_per_request() <= 0.5 && o.errors == 0),
            ),
            Target::Save => ("reported (PostgreSQL)".into(), None),
            Target::Page => within(20.0),
            Target::Dashboard => within(100.0),
            Target::Search => within(200.0),
            Target::None => ("none set".into(), None),
        }
    }
}

pub fn table(rows: &[Row], sqlite: bool) -> String {
    let mut out = String::from(
        "| scenario | users | requests | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | RSS MB (peak under load) | target | met |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for row in rows {
        let o = &row.outcome;
        let (target, met) = row.verdict(sqlite);
        let met = match met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} | {:.1} | {:.1} | {} | {:.2} | {:.0} | {target} | {met} |\n",
            row.name,
            o.users,
            o.requests,
            o.per_second(),
            o.percentile(50.0),
            o.percentile(99.0),
            o.errors,
            o.cpu_per_request(),
            o.peak_rss_mb,
        ));
    }
    out
}
