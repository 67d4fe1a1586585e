//! Resources and signposting: each partnership keeps a library of training, guidance,
//! templates and local procedures, each a link or a file, linked to the standards or
//! criteria it helps with. Organisations serving the partnership see the matching
//! resources beside every amber or red answer and on the actions of their plan, so the
//! service points them to help rather than only recording gaps.

mod download;
mod edit;
pub mod form;
mod pages;
pub mod scope;
pub mod signposts;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/resources", pages::index)
        .get("/partnerships/{id}/resources", pages::library)
        .get("/partnerships/{id}/resources/new", edit::new_form)
        .upload("/partnerships/{id}/resources/new", edit::create)
        .get("/partnerships/{id}/resources/{resource}/edit", edit::edit_form)
        .upload("/partnerships/{id}/resources/{resource}/edit", edit::update)
        .get("/partnerships/{id}/resources/{resource}/remove", edit::remove_form)
        .post("/partnerships/{id}/resources/{resource}/remove", edit::remove)
        .get("/partnerships/{id}/resources/{resource}/file", download::file)
}

/// A file's size as people read it: "900 bytes", "12 KB", "1.4 MB".
pub fn size_text(bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_text(0), "0 bytes");
        assert_eq!(size_text(1023), "1023 bytes");
        assert_eq!(size_text(1024), "1 KB");
        assert_eq!(size_text(12 * 1024 + 700), "13 KB");
        assert_eq!(size_text(1024 * 1024), "1.0 MB");
        assert_eq!(size_text(20 * 1024 * 1024), "20.0 MB");
    }
}
