//! A thin wrapper over axum's router that also records every (method, path) it serves.
//! The access-table test reads that record, so a route added without an entry in the
//! table fails the build's tests.

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
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    pub fn new() -> Self {
        Routes { router: Router::new(), list: Vec::new() }
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

    /// A POST route that receives files: its body may be as large as
    /// [`super::MAX_UPLOAD_BYTES`] (axum's extractors otherwise stop at 2 MB). The
    /// handler still checks each file against its own limit and says so clearly.
    pub fn upload<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router =
            self.router.route(path, post(handler).layer(DefaultBodyLimit::max(super::MAX_UPLOAD_BYTES)));
        self.list.push((Method::Post, path));
        self
    }

    pub fn list(&self) -> &[(Method, &'static str)] {
        &self.list
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}
