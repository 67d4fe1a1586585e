//! What kinds of file people may upload, decided by the bytes, never by the name or the
//! type the browser claims: a renamed program is refused whatever it is called. The
//! detection is the `infer` crate's (magic numbers, and the parts inside a ZIP that tell
//! a Word document from a spreadsheet), so no signature table is kept here.

use super::MAX_FILE_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl FileKind {
    const ALL: [FileKind; 7] = [
        FileKind::Pdf,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
    ];

    /// The media type files of this kind are served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
        }
    }

    /// The kind stored under a media type (as kept in the database).
    pub fn from_mime(mime: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.mime() == mime)
    }

    /// How the kind is named to people.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Docx => "Word document",
            FileKind::Xlsx => "Excel spreadsheet",
            FileKind::Png => "PNG image",
            FileKind::Jpeg => "JPEG image",
            FileKind::Gif => "GIF image",
            FileKind::Webp => "WebP image",
        }
    }

    /// Images can be shown inline; documents are always downloaded.
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp)
    }
}

/// Why an upload was refused, worded for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("The selected file is empty")]
    Empty,
    #[error("The selected file must be smaller than 20 MB")]
    TooLarge,
    #[error(
        "The selected file must be a PDF, Word document (DOCX), Excel spreadsheet (XLSX) or an image (PNG, JPEG, GIF or WebP)"
    )]
    NotAllowed,
}

/// The kind of an uploaded file, or why it cannot be kept.
pub fn check_upload(bytes: &[u8]) -> Result<FileKind, Rejected> {
    if bytes.is_empty() {
        return Err(Rejected::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Rejected::TooLarge);
    }
    let mime = infer::get(bytes).map(|t| t.mime_type()).ok_or(Rejected::NotAllowed)?;
    FileKind::from_mime(mime).ok_or(Rejected::NotAllowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] =
        &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R'];

    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(check_upload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Ok(FileKind::Pdf));
        assert_eq!(check_upload(PNG), Ok(FileKind::Png));
        assert_eq!(
            check_upload(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F']),
            Ok(FileKind::Jpeg)
        );
        assert_eq!(check_upload(b"GIF89a\x01\x00\x01\x00"), Ok(FileKind::Gif));
    }

    #[test]
    fn other_content_is_refused_whatever_its_name() {
        assert_eq!(check_upload(b"MZ\x90\x00\x03\x00\x00\x00"), Err(Rejected::NotAllowed));
        assert_eq!(check_upload(b"<html><script>alert(1)</script>"), Err(Rejected::NotAllowed));
        assert_eq!(check_upload(b"plain text that claims to be a .pdf"), Err(Rejected::NotAllowed));
        assert_eq!(check_upload(b""), Err(Rejected::Empty));
    }

    #[test]
    fn a_plain_zip_is_not_a_document() {
        // "PK\x03\x04" then a local file header for "a.txt": a ZIP, but neither DOCX nor XLSX.
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        zip.extend_from_slice(&[0; 12]);
        zip.extend_from_slice(&[5, 0, 0, 0]);
        zip.extend_from_slice(b"a.txt");
        assert_eq!(check_upload(&zip), Err(Rejected::NotAllowed));
    }

    #[test]
    fn files_over_the_limit_are_refused_before_they_are_inspected() {
        let big = vec![0u8; MAX_FILE_BYTES + 1];
        assert_eq!(check_upload(&big), Err(Rejected::TooLarge));
    }

    #[test]
    fn stored_media_types_map_back_to_kinds() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::from_mime(kind.mime()), Some(kind));
        }
        assert_eq!(FileKind::from_mime("text/html"), None);
    }
}
