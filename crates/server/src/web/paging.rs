//! Every list pages. Lists fetch one row more than they show, to know whether a next
//! page exists without counting the whole table.

use serde::Deserialize;

pub const PER_PAGE: u64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct PageParams {
    pub page: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Paging {
    pub page: u64,
    pub has_next: bool,
    base: String,
}

impl Paging {
    /// `base` is the list's path with any other query already applied (`/x?q=a`).
    pub fn new(params: &PageParams, base: impl Into<String>) -> Paging {
        // A page number that is not a positive number is treated as the first page.
        let page =
            params.page.as_deref().and_then(|p| p.parse::<u64>().ok()).filter(|p| *p >= 1).unwrap_or(1);
        Paging { page, has_next: false, base: base.into() }
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(PER_PAGE)
    }

    pub fn fetch_limit(&self) -> u64 {
        PER_PAGE + 1
    }

    /// Drops the extra row fetched and remembers that there was one.
    pub fn with_rows<T>(mut self, rows: &mut Vec<T>) -> Paging {
        self.has_next = rows.len() as u64 > PER_PAGE;
        rows.truncate(PER_PAGE as usize);
        self
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn href(&self, page: u64) -> String {
        let joiner = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{joiner}page={page}", self.base)
    }

    pub fn previous_href(&self) -> String {
        self.href(self.page.saturating_sub(1).max(1))
    }

    pub fn next_href(&self) -> String {
        self.href(self.page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_page_numbers_mean_the_first_page() {
        for raw in ["0", "-3", "abc", ""] {
            let p = Paging::new(&PageParams { page: Some(raw.into()) }, "/x");
            assert_eq!(p.page, 1, "{raw}");
        }
    }

    #[test]
    fn the_extra_row_marks_a_next_page() {
        let mut rows: Vec<u64> = (0..=PER_PAGE).collect();
        let p = Paging::new(&PageParams::default(), "/x?q=a").with_rows(&mut rows);
        assert!(p.has_next);
        assert_eq!(rows.len() as u64, PER_PAGE);
        assert_eq!(p.next_href(), "/x?q=a&page=2");
    }
}
