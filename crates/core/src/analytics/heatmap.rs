//! The heat map: organisations down, standards across, each cell a standing or empty.
//!
//! Guarantees: one row per submitted return in the view, in name order whatever the
//! input order; one cell per standard in the order given; a cell is empty where the
//! return has no standing for that standard. Organisations that have not submitted
//! have no row (the response rate lists them).

use serde::Serialize;

use super::cohort::Cohort;
use super::facts::StandardHeading;
use crate::framework::Standing;
use crate::tenancy::{DutyStatus, Sector};

/// Organisations by standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeatMap {
    pub standards: Vec<StandardHeading>,
    pub rows: Vec<HeatMapRow>,
}

/// One organisation's standings, one cell per standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeatMapRow {
    pub organisation: i64,
    pub name: String,
    pub sector: Sector,
    pub duty: DutyStatus,
    pub cells: Vec<Option<Standing>>,
}

/// The heat map of the submitted returns in `cohort`.
pub fn heat_map(standards: &[StandardHeading], cohort: &Cohort) -> HeatMap {
    let rows = cohort
        .submitted()
        .map(|o| HeatMapRow {
            organisation: o.organisation,
            name: o.name.clone(),
            sector: o.sector,
            duty: o.duty,
            cells: standards.iter().map(|s| o.submitted_standing(&s.code)).collect(),
        })
        .collect();
    HeatMap { standards: standards.to_vec(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::InvitationState;
    use crate::analytics::fixtures::{org, standards};
    use Standing::*;

    #[test]
    fn rows_in_name_order_cells_in_standard_order() {
        let facts = vec![
            org(2, "Oak trust").standings(&[Red, Amber, Green]).build(),
            org(1, "elm school").standing("3", Amber).standing("1", Green).build(),
            org(3, "Fir club").standings(&[Green]).state(InvitationState::InProgress).build(),
        ];
        let map = heat_map(&standards(), &Cohort::everyone(&facts));
        assert_eq!(map.standards, standards());
        let rows: Vec<_> = map.rows.iter().map(|r| (r.organisation, r.cells.clone())).collect();
        assert_eq!(
            rows,
            [(1, vec![Some(Green), None, Some(Amber)]), (2, vec![Some(Red), Some(Amber), Some(Green)])]
        );
        let mut reversed = facts.clone();
        reversed.reverse();
        assert_eq!(heat_map(&standards(), &Cohort::everyone(&reversed)), map);
    }

    #[test]
    fn no_returns_give_an_empty_map_with_its_headings() {
        let map = heat_map(&standards(), &Cohort::everyone(&[]));
        assert_eq!(map.standards.len(), 3);
        assert!(map.rows.is_empty());
    }
}
