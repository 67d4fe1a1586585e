//! Every list pages. Lists fetch one row more than they show, to know whether a next
//! page exists without counting the whole table.
//!
//! The page number comes from the address, so anyone can type any text there. It is
//! read here, once for every list: a page that is not a whole number from 1 to
//! [`MAX_PAGE`] does not exist (404), and neither does a page past the end of the
//! list. Capping it also keeps the offset handed to the database small (a page near
//! `u64::MAX` once overflowed the query builder's signed offset and panicked).

use serde::Deserialize;

use super::error::AppError;

pub const PER_PAGE: u64 = 50;

/// The highest page number any list answers: 5 million rows at [`PER_PAGE`], more
/// than any one list holds at national scale. Deeper offsets are refused rather than
/// handed to the database.
pub const MAX_PAGE: u64 = 100_000;

#[derive(Debug, Default, Deserialize)]
pub struct PageParams {
    pub page: Option<String>,
}

/// The page asked for: none (or an empty field) is the first; anything else must be a
/// whole number from 1 to [`MAX_PAGE`].
pub fn parse_page(raw: Option<&str>) -> Option<u64> {
    match raw.map(str::trim) {
        None | Some("") => Some(1),
        Some(text) => {
            // Digits only: no sign, no spaces inside, no "1e3".
            if !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 7 {
                return None;
            }
            text.parse::<u64>().ok().filter(|p| (1..=MAX_PAGE).contains(p))
        }
    }
}

#[derive(Debug, Clone)]
pub struct Paging {
    pub page: u64,
    pub has_next: bool,
    base: String,
}

impl Paging {
    /// `base` is the list's path with any other query already applied (`/x?q=a`).
    /// A page number that is not one (see [`parse_page`]) is a page that does not exist.
    pub fn new(params: &PageParams, base: impl Into<String>) -> Result<Paging, AppError> {
        let page = parse_page(params.page.as_deref()).ok_or(AppError::NotFound)?;
        Ok(Paging { page, has_next: false, base: base.into() })
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1) * PER_PAGE
    }

    pub fn fetch_limit(&self) -> u64 {
        PER_PAGE + 1
    }

    /// Drops the extra row fetched and remembers that there was one. A page after the
    /// first with no rows is past the end of the list, so it does not exist; the first
    /// page of an empty list does (it says the list is empty).
    pub fn with_rows<T>(mut self, rows: &mut Vec<T>) -> Result<Paging, AppError> {
        if self.page > 1 && rows.is_empty() {
            return Err(AppError::NotFound);
        }
        self.has_next = rows.len() as u64 > PER_PAGE;
        rows.truncate(PER_PAGE as usize);
        Ok(self)
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
    fn no_page_number_means_the_first_page() {
        assert_eq!(parse_page(None), Some(1));
        assert_eq!(parse_page(Some("")), Some(1));
        assert_eq!(parse_page(Some("3")), Some(3));
        assert_eq!(parse_page(Some(" 2 ")), Some(2));
    }

    #[test]
    fn page_numbers_that_are_not_pages_are_refused() {
        for raw in ["0", "-1", "-3", "abc", "+2", "1e3", "1.5", "18446744073709551615", "100001", "99999999"]
        {
            assert_eq!(parse_page(Some(raw)), None, "{raw}");
            assert!(Paging::new(&PageParams { page: Some(raw.into()) }, "/x").is_err(), "{raw}");
        }
        assert_eq!(parse_page(Some("100000")), Some(MAX_PAGE));
    }

    #[test]
    fn the_extra_row_marks_a_next_page() {
        let mut rows: Vec<u64> = (0..=PER_PAGE).collect();
        let p = Paging::new(&PageParams::default(), "/x?q=a").unwrap().with_rows(&mut rows).unwrap();
        assert!(p.has_next);
        assert_eq!(rows.len() as u64, PER_PAGE);
        assert_eq!(p.next_href(), "/x?q=a&page=2");
    }

    #[test]
    fn an_empty_page_after_the_first_is_past_the_end() {
        let first = Paging::new(&PageParams::default(), "/x").unwrap();
        assert!(first.with_rows::<u64>(&mut Vec::new()).is_ok(), "an empty list has a first page");
        let second = Paging::new(&PageParams { page: Some("2".into()) }, "/x").unwrap();
        assert!(second.with_rows::<u64>(&mut Vec::new()).is_err());
    }
}
