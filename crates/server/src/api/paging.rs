//! How every API list pages: `?page=&per_page=` in (the rule is
//! `osa_core::api::PageRequest`), and beside the items the total and the links to the
//! pages around this one.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use osa_core::api::PageRequest;

/// The paging asked for, as typed (read by `osa_core::api::PageRequest::parse`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1 (the first, when left out).
    pub page: Option<String>,
    /// Items a page, from 1 to 200 (50 when left out).
    pub per_page: Option<String>,
}

impl PageQuery {
    pub fn request(&self) -> Result<PageRequest, ApiError> {
        PageRequest::parse(self.page.as_deref(), self.per_page.as_deref()).map_err(ApiError::BadRequest)
    }
}

/// Where a page of a list sits in the whole list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
    /// Items in the whole list.
    pub total: u64,
    /// Pages the whole list fills (at least 1).
    pub pages: u64,
    pub links: PageLinks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PageLinks {
    #[serde(rename = "self")]
    pub this: String,
    pub first: String,
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl Paging {
    /// `path` is the list's path without a query.
    pub fn of(request: PageRequest, total: u64, path: &str) -> Paging {
        let href = |page: u64| format!("{path}?page={page}&per_page={}", request.per_page);
        let pages = request.pages(total);
        Paging {
            page: request.page,
            per_page: request.per_page,
            total,
            pages,
            links: PageLinks {
                this: href(request.page),
                first: href(1),
                next: request.has_next(total).then(|| href(request.page + 1)),
                previous: (request.page > 1).then(|| href((request.page - 1).min(pages))),
            },
        }
    }
}

/// One page of `all` (a list its feature already bounds), and where it sits.
pub fn slice<T>(all: Vec<T>, request: PageRequest, path: &str) -> (Vec<T>, Paging) {
    let total = all.len() as u64;
    let range = request.range(total);
    let items = all.into_iter().skip(range.start).take(range.len()).collect();
    (items, Paging::of(request, total, path))
}
