//! The figures of a board report in sentences, each stating what it divides by.
//!
//! Guarantees: every number is one of the [`Figures`]' counts or percentages, never
//! worked out again; a share names its denominator ("of the 20 organisations for
//! whom this standard applies"); those left out are accounted for in words.

use super::figures::{ResponseFigures, StandardFigures};

/// "1 organisation", "20 organisations".
pub(super) fn organisations(n: usize) -> String {
    if n == 1 { "1 organisation".to_owned() } else { format!("{n} organisations") }
}

/// "14 of 20 organisations invited (70%) submitted a return. …"
pub fn response_sentence(r: &ResponseFigures) -> String {
    if r.invited == 0 {
        return "No organisation was invited to this round.".to_owned();
    }
    let mut out = format!(
        "{} of {} invited ({}%) submitted a return.",
        r.submitted,
        organisations(r.invited),
        r.rate_percent
    );
    if r.confirmed_non_submission > 0 {
        let names: Vec<String> = r
            .confirmed
            .iter()
            .map(|(name, reason)| if reason.is_empty() { name.clone() } else { format!("{name} ({reason})") })
            .collect();
        out.push_str(&format!(
            " Non-submission was confirmed in advance for {}: {}. They are counted among those invited.",
            r.confirmed_non_submission,
            names.join("; ")
        ));
    }
    let outstanding = r.in_progress + r.not_started;
    if outstanding > 0 {
        out.push_str(&format!(
            " {} had not submitted ({} in progress, {} not started).",
            if outstanding == 1 { "1 other".to_owned() } else { format!("{outstanding} others") },
            r.in_progress,
            r.not_started
        ));
    }
    out
}

/// What left-out returns were: "1 answered it not applicable and 2 were not asked it".
fn left_out(s: &StandardFigures) -> Option<String> {
    let mut parts = Vec::new();
    if s.not_applicable > 0 {
        parts.push(format!("{} answered it not applicable", s.not_applicable));
    }
    if s.not_asked > 0 {
        let verb = if s.not_asked == 1 { "was" } else { "were" };
        parts.push(format!("{} {verb} not asked it", s.not_asked));
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// "Of the 20 organisations for whom this standard applies, 12 (60%) fully met it,
/// 5 (25%) partially met it and 3 (15%) did not meet it; 1 answered it not applicable."
pub fn standard_sentence(s: &StandardFigures) -> String {
    let mut out = if s.counted == 0 {
        "No organisation that submitted a return was assessed against this standard".to_owned()
    } else {
        format!(
            "Of the {} for whom this standard applies, {} fully met it, {} partially met it and {} did not meet it",
            organisations(s.counted),
            s.fully_met.cell(),
            s.partially_met.cell(),
            s.not_met.cell()
        )
    };
    if let Some(left) = left_out(s) {
        out.push_str("; ");
        out.push_str(&left);
    }
    out.push('.');
    out
}
