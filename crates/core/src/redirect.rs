//! Where to send someone after they sign in. The `next` value comes from the address
//! bar, so anyone can craft it; a value a browser might read as another site (or one
//! that cannot be put in a `Location` header at all) must never be followed.
//!
//! Rather than list the dangerous forms (`//host`, `/\host`, tabs and newlines that
//! browsers strip, encoded versions of each...), only a narrow shape is accepted: a
//! path on this site, made of the characters osa's own links use, and nothing else.

/// Where people go when `next` is missing or refused: the signed-in home page.
pub const HOME: &str = "/home";

/// The longest `next` accepted. osa's own addresses are far shorter; a longer value
/// is someone's experiment, not a page to return to.
pub const MAX_NEXT_LEN: usize = 1024;

/// `raw` if it is a safe path on this site, otherwise [`HOME`].
///
/// Safe means: starts with one `/` (so it cannot name another host or a scheme), is
/// made only of ASCII letters, digits and `-._~/?=&%+,:@;`, every `%` starts a
/// two-digit escape of a printable character other than `\`, and even with its
/// escapes decoded it does not start with `//` or `/\`.
pub fn safe_next(raw: Option<&str>) -> String {
    match raw {
        Some(path) if is_safe_path(path) => path.to_owned(),
        _ => HOME.to_owned(),
    }
}

fn is_safe_path(path: &str) -> bool {
    if path.is_empty() || path.len() > MAX_NEXT_LEN || !path.starts_with('/') {
        return false;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let Some(byte) = bytes.get(i + 1..i + 3).and_then(hex_pair) else { return false };
            // Control characters and backslashes have no business in osa's addresses,
            // escaped or not; bytes of 0x80 and up are escaped UTF-8 text, which stays
            // escaped in a `Location` and so stays on this site.
            if byte < 0x21 || byte == 0x7f || byte == b'\\' {
                return false;
            }
            decoded.push(byte);
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~/?=&+,:@;".contains(&b)) {
            return false;
        }
        decoded.push(b);
        i += 1;
    }
    !(decoded.starts_with(b"//") || decoded.starts_with(b"/\\"))
}

fn hex_pair(pair: &[u8]) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(raw: &str) -> String {
        safe_next(Some(raw))
    }

    #[test]
    fn osa_paths_are_followed() {
        for path in [
            "/organisations/3",
            "/cycles/12/dashboard?sector=police&duty=statutory",
            "/cycles/12/narratives?q=early+help&page=2",
            "/frameworks/section-11/v2",
            "/search?q=caf%C3%A9",
            "/",
        ] {
            assert_eq!(next(path), path);
        }
    }

    #[test]
    fn nothing_given_goes_home() {
        assert_eq!(safe_next(None), HOME);
        assert_eq!(next(""), HOME);
    }

    #[test]
    fn other_sites_and_schemes_go_home() {
        for raw in [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "evil.example",
            "javascript:alert(1)",
            " /home",
        ] {
            assert_eq!(next(raw), HOME, "{raw:?}");
        }
    }

    #[test]
    fn the_probes_whitespace_tricks_go_home() {
        // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" becomes
        // "//evil.example"; a newline also cannot go in a header at all.
        for raw in
            ["/\t/evil.example", "/\t\\evil.example", "/\n", "/\r\nSet-Cookie: x=1", "/ /evil.example", "/\0"]
        {
            assert_eq!(next(raw), HOME, "{raw:?}");
        }
    }

    #[test]
    fn encoded_tricks_go_home() {
        for raw in [
            "/%09/evil.example",
            "/%09%5Cevil.example",
            "/%0a",
            "/%0D%0ALocation:%20x",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%5c",
            "/%7F",
            "/%",
            "/%4",
            "/%zz",
            "/%%30",
        ] {
            assert_eq!(next(raw), HOME, "{raw:?}");
        }
    }

    #[test]
    fn characters_outside_the_safe_set_go_home() {
        for raw in [
            "/caf\u{e9}",
            "/\u{ff0f}evil.example",
            "/\u{2028}",
            "/a\"onmouseover=x",
            "/a<script>",
            "/a#fragment",
            "/a'b",
            "/a b",
            "/a|b",
        ] {
            assert_eq!(next(raw), HOME, "{raw:?}");
        }
    }

    #[test]
    fn over_long_values_go_home() {
        let long = format!("/{}", "a".repeat(MAX_NEXT_LEN));
        assert_eq!(next(&long), HOME);
        let just_fits = format!("/{}", "a".repeat(MAX_NEXT_LEN - 1));
        assert_eq!(next(&just_fits), just_fits);
    }
}
