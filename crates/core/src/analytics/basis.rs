//! The line under a table of shares that says, in words, what each share divides by:
//! a figure put in front of a board is only as good as its stated denominator.
//!
//! Guarantees: every number in the words is a count from the tallies (never worked
//! out again); an organisation left out of a share is always accounted for, either as
//! having answered not applicable or as not asked; the words depend only on the
//! tallies and labels given, in their order.

use super::shares::Tally;

/// "1 organisation", "20 organisations".
fn organisations(n: usize) -> String {
    if n == 1 { "1 organisation".to_owned() } else { format!("{n} organisations") }
}

/// Why some submitted returns are left out of a share: "1 answered it not applicable
/// and 2 were not asked it". Empty when none is left out.
fn left_out(t: &Tally) -> String {
    let mut parts = Vec::new();
    if t.not_applicable > 0 {
        parts.push(format!("{} answered it not applicable", t.not_applicable));
    }
    if t.not_asked > 0 {
        let verb = if t.not_asked == 1 { "was" } else { "were" };
        parts.push(format!("{} {verb} not asked it", t.not_asked));
    }
    parts.join(" and ")
}

/// The basis of one row's shares, `noun` being "standard" or "question": "Shares are
/// of the 20 organisations for whom this standard applies; 1 answered it not
/// applicable."
pub fn row_basis(noun: &str, t: &Tally) -> String {
    if t.submitted() == 0 {
        return "No return has been submitted yet, so there are no shares.".to_owned();
    }
    let reasons = left_out(t);
    let mut words = if t.counted == 0 {
        format!("This {noun} applies to none of the organisations that submitted a return")
    } else {
        format!("Shares are of the {} for whom this {noun} applies", organisations(t.counted))
    };
    if !reasons.is_empty() {
        words.push_str("; ");
        words.push_str(&reasons);
    }
    words.push('.');
    words
}

/// The basis of a table of rows (a label and its tally each), `noun` being
/// "standard" or "question". One row reads as [`row_basis`]; several name the
/// returns submitted once and then every row whose share divides by fewer: "Shares
/// are of the organisations for whom each standard applies: all 21 that submitted,
/// except 5. Commissioning, 20 (1 answered it not applicable)."
pub fn table_basis(noun: &str, rows: &[(String, Tally)]) -> String {
    if let [(_, only)] = rows {
        return row_basis(noun, only);
    }
    let submitted = rows.iter().map(|(_, t)| t.submitted()).max().unwrap_or(0);
    if submitted == 0 {
        return "No return has been submitted yet, so there are no shares.".to_owned();
    }
    let fewer: Vec<String> = rows
        .iter()
        .filter(|(_, t)| t.counted < t.submitted() || t.submitted() < submitted)
        .map(|(label, t)| {
            let reasons = left_out(t);
            if reasons.is_empty() {
                format!("{label}, {}", t.counted)
            } else {
                format!("{label}, {} ({reasons})", t.counted)
            }
        })
        .collect();
    let all = if submitted == 1 {
        "the 1 organisation that submitted a return".to_owned()
    } else {
        format!("all {submitted} that submitted a return")
    };
    if fewer.is_empty() {
        return format!("Shares are of the organisations for whom each {noun} applies: {all}.");
    }
    if fewer.len() == rows.len() {
        return format!(
            "Shares are of the organisations for whom each {noun} applies, of the {submitted} that submitted a \
             return: {}.",
            fewer.join("; ")
        );
    }
    format!(
        "Shares are of the organisations for whom each {noun} applies: {all}, except {}.",
        fewer.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::facts::Answered;
    use crate::analytics::shares::Outcome;

    fn tally(met: usize, not_applicable: usize, not_asked: usize) -> Tally {
        let answers = std::iter::repeat_n(Some(Answered::Applies(Outcome::FullyMet)), met)
            .chain(std::iter::repeat_n(Some(Answered::NotApplicable), not_applicable))
            .chain(std::iter::repeat_n(Some(Answered::NotAsked), not_asked));
        Tally::of(answers)
    }

    #[test]
    fn one_row_says_what_it_divides_by() {
        assert_eq!(
            row_basis("standard", &tally(20, 1, 0)),
            "Shares are of the 20 organisations for whom this standard applies; 1 answered it not applicable."
        );
        assert_eq!(
            row_basis("question", &tally(1, 0, 2)),
            "Shares are of the 1 organisation for whom this question applies; 2 were not asked it."
        );
        assert_eq!(
            row_basis("standard", &tally(18, 3, 1)),
            "Shares are of the 18 organisations for whom this standard applies; 3 answered it not applicable \
             and 1 was not asked it."
        );
        assert_eq!(
            row_basis("standard", &tally(0, 2, 0)),
            "This standard applies to none of the organisations that submitted a return; 2 answered it not \
             applicable."
        );
        assert_eq!(
            row_basis("standard", &tally(0, 0, 0)),
            "No return has been submitted yet, so there are no shares."
        );
    }

    #[test]
    fn a_table_names_the_rows_that_divide_by_fewer() {
        let rows = vec![
            ("1. Leadership".to_owned(), tally(21, 0, 0)),
            ("5. Commissioning".to_owned(), tally(20, 1, 0)),
            ("6. Faith settings".to_owned(), tally(18, 0, 3)),
        ];
        assert_eq!(
            table_basis("standard", &rows),
            "Shares are of the organisations for whom each standard applies: all 21 that submitted a return, \
             except 5. Commissioning, 20 (1 answered it not applicable); 6. Faith settings, 18 (3 were not \
             asked it)."
        );
        assert_eq!(
            table_basis("standard", &rows[..1]),
            "Shares are of the 21 organisations for whom this standard applies."
        );
        assert_eq!(
            table_basis(
                "question",
                &[("1.1".to_owned(), tally(4, 0, 0)), ("1.2".to_owned(), tally(4, 0, 0))]
            ),
            "Shares are of the organisations for whom each question applies: all 4 that submitted a return."
        );
        assert_eq!(
            table_basis(
                "question",
                &[("1.1".to_owned(), tally(3, 1, 0)), ("1.2".to_owned(), tally(2, 2, 0))]
            ),
            "Shares are of the organisations for whom each question applies, of the 4 that submitted a \
             return: 1.1, 3 (1 answered it not applicable); 1.2, 2 (2 answered it not applicable)."
        );
        assert_eq!(table_basis("standard", &[]), "No return has been submitted yet, so there are no shares.");
    }
}
