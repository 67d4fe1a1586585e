//! How an uploaded file is named to people and to their browsers. The name comes from
//! the person's computer, so it is treated as untrusted text: only its last part is
//! kept, characters that could hide its real extension or upset a file system are
//! removed, and the download name always ends with the extension of the detected kind.

use crate::storage::FileKind;

/// Longest name kept, in characters (the extension is kept when shortening).
const MAX_NAME_CHARS: usize = 120;

/// Shown when nothing usable is left of the name sent.
const FALLBACK: &str = "evidence";

/// Invisible characters that change how text around them is shown: a right-to-left
/// override can make "report\u{202e}fdp.exe" read as "reportexe.pdf".
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// The name a file is shown and stored under.
pub fn display_name(sent: &str) -> String {
    // Some browsers send a whole path (C:\Users\…\report.pdf).
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::with_capacity(last.len());
    for c in last.chars() {
        let c = match c {
            c if c.is_whitespace() => ' ',
            c if c.is_control() || is_invisible_format(c) => continue,
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c => c,
        };
        // One space at a time.
        if c == ' ' && (name.is_empty() || name.ends_with(' ')) {
            continue;
        }
        name.push(c);
    }
    let name = name.trim_matches(|c: char| c == ' ' || c == '.');
    let name = shorten(name);
    if name.is_empty() { FALLBACK.to_owned() } else { name }
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let extension =
        name.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match extension {
        Some(ext) => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end_matches([' ', '.']))
        }
        None => name.chars().take(MAX_NAME_CHARS).collect::<String>().trim_end().to_owned(),
    }
}

/// The extensions files of a kind are known by; the first is added when missing.
fn extensions(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Pdf => &["pdf"],
        FileKind::Docx => &["docx"],
        FileKind::Xlsx => &["xlsx"],
        FileKind::Png => &["png"],
        FileKind::Jpeg => &["jpg", "jpeg"],
        FileKind::Gif => &["gif"],
        FileKind::Webp => &["webp"],
    }
}

/// The name a file is downloaded under: its shown name, with the extension of what it
/// really is added when the name says otherwise, so the computer opens it with the
/// right program ("minutes.docx" holding a PDF downloads as "minutes.docx.pdf").
pub fn download_name(shown: &str, kind: FileKind) -> String {
    let known = extensions(kind);
    let matches =
        shown.rsplit_once('.').is_some_and(|(_, ext)| known.iter().any(|k| ext.eq_ignore_ascii_case(k)));
    if matches { shown.to_owned() } else { format!("{shown}.{}", known[0]) }
}

/// A `Content-Disposition` value that makes the browser save the file under `name`:
/// a plain ASCII fallback and the exact name in RFC 8187 encoding. Hand-written because
/// it is a few lines, and the `url` crate's encoder writes spaces as `+`, which this
/// header does not allow.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%') || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// A size as people read it: "812 bytes", "240 KB", "3.4 MB".
pub fn human_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes.max(0) as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_part_of_a_path_is_kept() {
        assert_eq!(display_name("C:\\Users\\jo\\Board report.pdf"), "Board report.pdf");
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("folder/"), FALLBACK);
    }

    #[test]
    fn characters_that_disguise_or_break_names_are_removed() {
        assert_eq!(display_name("report\u{202e}fdp.exe"), "reportfdp.exe");
        assert_eq!(display_name("a\u{0}b\r\nc.pdf"), "ab c.pdf");
        assert_eq!(display_name("what? \"really\" <yes>.pdf"), "what_ _really_ _yes_.pdf");
        assert_eq!(display_name("  lots   of\tspace  .pdf "), "lots of space .pdf");
        assert_eq!(display_name("...hidden"), "hidden");
        assert_eq!(display_name(""), FALLBACK);
        assert_eq!(display_name("\u{202e}"), FALLBACK);
    }

    #[test]
    fn long_names_are_shortened_keeping_the_extension() {
        let long = format!("{}.docx", "a".repeat(300));
        let short = display_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with("a.docx"));
        let no_extension = "é".repeat(300);
        assert_eq!(display_name(&no_extension).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn the_download_name_ends_with_what_the_file_really_is() {
        assert_eq!(download_name("minutes.pdf", FileKind::Pdf), "minutes.pdf");
        assert_eq!(download_name("photo.JPEG", FileKind::Jpeg), "photo.JPEG");
        assert_eq!(download_name("minutes.docx", FileKind::Pdf), "minutes.docx.pdf");
        assert_eq!(download_name("scan", FileKind::Png), "scan.png");
    }

    #[test]
    fn the_header_is_ascii_and_keeps_the_exact_name_encoded() {
        assert_eq!(
            content_disposition("Board report.pdf"),
            "attachment; filename=\"Board report.pdf\"; filename*=UTF-8''Board%20report.pdf"
        );
        let header = content_disposition("Café \"plan\" 100%;.pdf");
        assert!(header.is_ascii());
        assert!(header.starts_with("attachment; filename=\"Caf_ _plan_ 100_;.pdf\";"), "{header}");
        assert!(header.ends_with("filename*=UTF-8''Caf%C3%A9%20%22plan%22%20100%25%3B.pdf"), "{header}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(245_760), "240 KB");
        assert_eq!(human_size(3_565_158), "3.4 MB");
    }
}
