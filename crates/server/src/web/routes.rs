//! A thin wrapper over axum's router that also records every (method, path) it serves.
//! The access-table test reads that record, so a route added without an entry in the
//! table fails the build's tests.
//!
//! Large file uploads are kept in a router of their own, so the service-wide body limit
//! does not cut them off: their handlers read the body themselves, keep no more than
//! their own limit, and answer an oversized file with a page saying so.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};

use super::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

pub struct Routes {
    router: Router<AppState>,
    uploads: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    pub fn new() -> Self {
        Routes { router: Router::new(), uploads: Router::new(), list: Vec::new() }
    }

    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.list.push((Method::Get, path));
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.list.push((Method::Post, path));
        self
    }

    /// A POST route that receives files of up to [`crate::storage::MAX_FILE_BYTES`]: its
    /// body may be as large as [`super::MAX_UPLOAD_BYTES`] (axum's extractors otherwise
    /// stop at 2 MB), and a larger one is refused with a 413 page before it is read.
    /// The handler still checks each file against the limit and says so clearly.
    pub fn upload<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let route = post(handler)
            .layer::<_, std::convert::Infallible>(DefaultBodyLimit::max(super::MAX_UPLOAD_BYTES))
            .layer::<_, std::convert::Infallible>(tower_http::limit::RequestBodyLimitLayer::new(
                super::MAX_UPLOAD_BYTES,
            ));
        self.uploads = self.uploads.route(path, route);
        self.list.push((Method::Post, path));
        self
    }

    /// A POST route for a large file upload whose handler limits its own body.
    pub fn post_upload<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.uploads = self.uploads.route(path, post(handler).layer(DefaultBodyLimit::disable()));
        self.list.push((Method::Post, path));
        self
    }

    pub fn list(&self) -> &[(Method, &'static str)] {
        &self.list
    }

    /// The ordinary routes, and the large-upload routes to be merged in after the
    /// service-wide body limit is applied to the first.
    pub fn into_routers(self) -> (Router<AppState>, Router<AppState>) {
        (self.router, self.uploads)
    }
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}
