//! A partnership's own themes (such as "Neglect" or "Training gaps") and the passages
//! its analysts tag with them: who may do what, what a theme's name may be, and the
//! counts by theme and standard that the themes page and its download show.

use std::collections::{BTreeMap, BTreeSet};

use crate::access::{Decision, Principal};
use crate::tenancy::PartnershipRole;

/// Who may add and retire a partnership's themes and tag passages with them: its
/// admins and analysts (and platform admins). Its panel members read but may not tag;
/// anyone outside the partnership is told it does not exist.
pub fn decide_tagging(principal: &Principal, partnership: i64) -> Decision {
    if principal.platform_admin {
        return Decision::Allow;
    }
    let mut roles = principal.partnership_roles_in(partnership).peekable();
    if roles.peek().is_none() {
        return Decision::NotFound;
    }
    if roles.any(|r| matches!(r, PartnershipRole::Admin | PartnershipRole::Analyst)) {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

pub const MAX_THEME_NAME: usize = 80;
pub const MAX_EXCERPT: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeNameError {
    #[error("Enter a name for the theme, like Neglect")]
    Blank,
    #[error("The name must be 80 characters or fewer")]
    TooLong,
    #[error("The partnership already has a theme called that")]
    Taken,
}

/// A new theme's name, tidied (spaces collapsed), checked against the partnership's
/// existing names without regard to case.
pub fn theme_name<'a>(
    typed: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, ThemeNameError> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(ThemeNameError::Blank);
    }
    if name.chars().count() > MAX_THEME_NAME {
        return Err(ThemeNameError::TooLong);
    }
    let lower = name.to_lowercase();
    if existing.into_iter().any(|e| e.to_lowercase() == lower) {
        return Err(ThemeNameError::Taken);
    }
    Ok(name)
}

/// One tag as counted: the passage, its standard, and the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub passage: i64,
    pub standard: String,
    pub theme: i64,
}

/// Counts of tagged passages. Every figure counts passages, not tags: a passage tagged
/// twice with one theme (two excerpts of it, say) counts once for that theme, and a
/// passage tagged with two themes counts once in its standard's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCounts {
    /// The standards, in the order given, then any others found, by code.
    pub standards: Vec<String>,
    pub rows: Vec<ThemeRow>,
    /// Per standard: passages tagged with any theme.
    pub standard_totals: Vec<usize>,
    /// Passages tagged with any theme.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRow {
    pub theme: i64,
    /// Per standard, in the order of [`ThemeCounts::standards`].
    pub cells: Vec<usize>,
    pub total: usize,
}

/// Counts `tags` by theme (in the order of `themes`, a row for each even when nothing
/// is tagged with it) and by standard. Tags of themes not listed are left out.
pub fn count(themes: &[i64], standards: &[String], tags: &[Tagged]) -> ThemeCounts {
    let tags: Vec<&Tagged> = tags.iter().filter(|t| themes.contains(&t.theme)).collect();
    let mut order: Vec<String> = standards.to_vec();
    let extra: BTreeSet<&str> =
        tags.iter().map(|t| t.standard.as_str()).filter(|s| !standards.iter().any(|k| k == s)).collect();
    order.extend(extra.into_iter().map(str::to_owned));
    let column = |code: &str| order.iter().position(|s| s == code);
    let mut cells: BTreeMap<(i64, usize), BTreeSet<i64>> = BTreeMap::new();
    let mut by_standard: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
    let mut all = BTreeSet::new();
    for t in &tags {
        let Some(col) = column(&t.standard) else { continue };
        cells.entry((t.theme, col)).or_default().insert(t.passage);
        by_standard.entry(col).or_default().insert(t.passage);
        all.insert(t.passage);
    }
    let size = |set: Option<&BTreeSet<i64>>| set.map_or(0, BTreeSet::len);
    let rows = themes
        .iter()
        .map(|&theme| {
            let row: Vec<usize> = (0..order.len()).map(|c| size(cells.get(&(theme, c)))).collect();
            // A passage has one standard, so a theme's passages are the sum of its cells.
            ThemeRow { theme, total: row.iter().sum(), cells: row }
        })
        .collect();
    ThemeCounts {
        standard_totals: (0..order.len()).map(|c| size(by_standard.get(&c))).collect(),
        standards: order,
        rows,
        total: all.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenancy::OrgRole;

    fn staff(role: PartnershipRole, partnership: i64) -> Principal {
        Principal { user_id: 1, partnership_roles: vec![(partnership, role)], ..Default::default() }
    }

    #[test]
    fn admins_and_analysts_tag_panel_members_may_not_and_outsiders_see_nothing() {
        assert_eq!(decide_tagging(&staff(PartnershipRole::Admin, 1), 1), Decision::Allow);
        assert_eq!(decide_tagging(&staff(PartnershipRole::Analyst, 1), 1), Decision::Allow);
        assert_eq!(decide_tagging(&staff(PartnershipRole::PanelMember, 1), 1), Decision::Forbidden);
        assert_eq!(decide_tagging(&staff(PartnershipRole::Analyst, 2), 1), Decision::NotFound);
        let lead = Principal { org_roles: vec![(1, OrgRole::SafeguardingLead)], ..Default::default() };
        assert_eq!(decide_tagging(&lead, 1), Decision::NotFound);
        let admin = Principal { platform_admin: true, ..Default::default() };
        assert_eq!(decide_tagging(&admin, 1), Decision::Allow);
    }

    #[test]
    fn a_panel_member_who_is_also_an_analyst_may_tag() {
        let both = Principal {
            partnership_roles: vec![(1, PartnershipRole::PanelMember), (1, PartnershipRole::Analyst)],
            ..Default::default()
        };
        assert_eq!(decide_tagging(&both, 1), Decision::Allow);
    }

    #[test]
    fn theme_names_are_tidied_and_unique_without_regard_to_case() {
        assert_eq!(theme_name("  Online   safety ", ["Neglect"]), Ok("Online safety".into()));
        assert_eq!(theme_name(" \t ", []), Err(ThemeNameError::Blank));
        assert_eq!(theme_name(&"x".repeat(81), []), Err(ThemeNameError::TooLong));
        assert!(theme_name(&"é".repeat(80), []).is_ok());
        assert_eq!(theme_name("NEGLECT", ["Neglect"]), Err(ThemeNameError::Taken));
    }

    fn tag(passage: i64, standard: &str, theme: i64) -> Tagged {
        Tagged { passage, standard: standard.into(), theme }
    }

    #[test]
    fn counts_passages_by_theme_and_standard() {
        let standards = vec!["1".to_owned(), "2".to_owned()];
        let tags = [
            tag(10, "1", 100),
            tag(10, "1", 100), // the same passage tagged twice with one theme
            tag(10, "1", 200), // and with a second theme
            tag(11, "1", 100),
            tag(12, "2", 200),
            tag(13, "9", 200), // a standard of another framework
            tag(14, "1", 300), // a theme not listed (another partnership's)
        ];
        let c = count(&[100, 200, 400], &standards, &tags);
        assert_eq!(c.standards, ["1", "2", "9"]);
        assert_eq!(c.rows[0], ThemeRow { theme: 100, cells: vec![2, 0, 0], total: 2 });
        assert_eq!(c.rows[1], ThemeRow { theme: 200, cells: vec![1, 1, 1], total: 3 });
        assert_eq!(c.rows[2], ThemeRow { theme: 400, cells: vec![0, 0, 0], total: 0 });
        // Passage 10 has two themes but counts once under its standard and overall.
        assert_eq!(c.standard_totals, [2, 1, 1]);
        assert_eq!(c.total, 4);
    }

    #[test]
    fn nothing_tagged_counts_nothing() {
        let c = count(&[1], &["1".to_owned()], &[]);
        assert_eq!(c.rows, [ThemeRow { theme: 1, cells: vec![0], total: 0 }]);
        assert_eq!((c.standard_totals.as_slice(), c.total), (&[0][..], 0));
    }
}
