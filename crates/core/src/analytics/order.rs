//! The orders lists are shown in, so that the same facts in any order give the same
//! page: organisations by name (ignoring case) then id, codes such as "1.10" after
//! "1.9".

use std::cmp::Ordering;

use super::facts::OrganisationFacts;

/// The key organisations sort by: name ignoring case, then exact name, then id (a
/// total order). A key rather than a comparison, so a long list lower-cases each name
/// once.
pub(crate) fn name_key(o: &OrganisationFacts) -> (String, String, i64) {
    (o.name.to_lowercase(), o.name.clone(), o.organisation)
}

/// Dotted codes in reading order: numeric parts compare as numbers ("1.9" before
/// "1.10"), other parts as text, and a code before any code it begins ("1" before
/// "1.1").
pub(crate) fn by_code(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let part = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if part != Ordering::Equal {
                    return part;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::org;

    #[test]
    fn codes_sort_as_people_read_them() {
        let mut codes = vec!["1.10", "2", "1.9", "1", "1.1", "A.2", "1.01", "A.10"];
        codes.sort_by(|a, b| by_code(a, b));
        assert_eq!(codes, ["1", "1.01", "1.1", "1.9", "1.10", "2", "A.2", "A.10"]);
    }

    #[test]
    fn names_sort_ignoring_case_then_by_id() {
        let mut orgs = [org(3, "beta").build(), org(2, "Alpha").build(), org(1, "Beta").build()];
        orgs.sort_by_cached_key(name_key);
        let order: Vec<_> = orgs.iter().map(|o| (o.name.as_str(), o.organisation)).collect();
        assert_eq!(order, [("Alpha", 2), ("Beta", 1), ("beta", 3)]);
    }
}
