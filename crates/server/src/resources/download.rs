//! Downloading a resource's file: served with the type detected when it was uploaded,
//! always as an attachment and with `nosniff`, so a browser never runs or renders it
//! as part of the service.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::pages::require_view;
use super::store;
use crate::storage::FileKind;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;

/// Characters left as they are in an RFC 8187 `filename*` value (its `attr-char`).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

fn extension(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Pdf => "pdf",
        FileKind::Docx => "docx",
        FileKind::Xlsx => "xlsx",
        FileKind::Png => "png",
        FileKind::Jpeg => "jpg",
        FileKind::Gif => "gif",
        FileKind::Webp => "webp",
    }
}

/// The `Content-Disposition` value: always an attachment, with a plain-ASCII name for
/// old clients and the exact name (percent-encoded UTF-8) for the rest. The name gets
/// the extension of its detected type if it lacks one, so it opens on every computer.
pub fn disposition(name: &str, kind: FileKind) -> String {
    let wanted = extension(kind);
    let has_extension = name.rsplit_once('.').is_some_and(|(_, e)| {
        e.eq_ignore_ascii_case(wanted) || (wanted == "jpg" && e.eq_ignore_ascii_case("jpeg"))
    });
    let name = if has_extension { name.to_owned() } else { format!("{name}.{wanted}") };
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", utf8_percent_encode(&name, ATTR_CHAR))
}

pub async fn file(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, resource)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    require_view(&ctx, &state, id).await?;
    let row = store::get(&state.db, id, resource).await?.ok_or(AppError::NotFound)?;
    let (Some(key), Some(kind)) =
        (row.file_key.as_deref(), row.file_type.as_deref().and_then(FileKind::from_mime))
    else {
        return Err(AppError::NotFound);
    };
    let bytes = state.files.get(key).await?.ok_or(AppError::NotFound)?;
    let name = row.file_name.as_deref().unwrap_or("resource");
    Ok((
        [
            (header::CONTENT_TYPE, kind.mime().to_owned()),
            (header::CONTENT_DISPOSITION, disposition(name, kind)),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_in_the_header_and_exact_in_the_encoded_part() {
        assert_eq!(
            disposition("Safer recruitment.pdf", FileKind::Pdf),
            "attachment; filename=\"Safer recruitment.pdf\"; filename*=UTF-8''Safer%20recruitment.pdf"
        );
        assert_eq!(
            disposition("a\"b\\c.docx", FileKind::Docx),
            "attachment; filename=\"a_b_c.docx\"; filename*=UTF-8''a%22b%5Cc.docx"
        );
        assert_eq!(
            disposition("Café plan.xlsx", FileKind::Xlsx),
            "attachment; filename=\"Caf_ plan.xlsx\"; filename*=UTF-8''Caf%C3%A9%20plan.xlsx"
        );
    }

    #[test]
    fn a_name_without_the_right_extension_gets_one() {
        assert!(disposition("guide", FileKind::Pdf).contains("filename=\"guide.pdf\""));
        assert!(disposition("photo.JPEG", FileKind::Jpeg).contains("filename=\"photo.JPEG\""));
        assert!(disposition("notes.txt", FileKind::Pdf).contains("filename=\"notes.txt.pdf\""));
    }
}
