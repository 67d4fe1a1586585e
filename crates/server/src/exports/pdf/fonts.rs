//! The two fonts PDFs use (Helvetica and Helvetica-Bold, which every PDF reader has
//! built in), their real glyph widths from Adobe's metrics files, and turning text
//! into their one-byte encoding (WinAnsiEncoding).
//!
//! WinAnsi covers English and western European text, curly quotes, dashes, the
//! bullet and the ellipsis. Anything else is brought as close as it honestly can be:
//! typographic spaces and hyphens become plain ones, accented letters outside the
//! encoding lose their accent ("Ŵ" reads "W"), ligatures are spelt out; a character
//! with no such reading (Chinese, emoji) becomes a visible "?", and the caller is
//! told so that it can say so in the document.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub fn base_font(self) -> &'static [u8] {
        match self {
            Face::Regular => b"Helvetica",
            Face::Bold => b"Helvetica-Bold",
        }
    }

    /// The resource name used in content streams.
    pub fn resource(self) -> &'static [u8] {
        match self {
            Face::Regular => b"F1",
            Face::Bold => b"F2",
        }
    }

    fn afm(self) -> &'static str {
        match self {
            Face::Regular => pdf_core_14_font_afms::HELVETICA,
            Face::Bold => pdf_core_14_font_afms::HELVETICA_BOLD,
        }
    }
}

/// Glyph names of WinAnsiEncoding codes 32 to 126 (ASCII).
const ASCII: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

/// WinAnsiEncoding codes 128 to 159: the character and its glyph name.
const HIGH: [(u8, char, &str); 27] = [
    (0x80, '\u{20AC}', "Euro"),
    (0x82, '\u{201A}', "quotesinglbase"),
    (0x83, '\u{0192}', "florin"),
    (0x84, '\u{201E}', "quotedblbase"),
    (0x85, '\u{2026}', "ellipsis"),
    (0x86, '\u{2020}', "dagger"),
    (0x87, '\u{2021}', "daggerdbl"),
    (0x88, '\u{02C6}', "circumflex"),
    (0x89, '\u{2030}', "perthousand"),
    (0x8A, '\u{0160}', "Scaron"),
    (0x8B, '\u{2039}', "guilsinglleft"),
    (0x8C, '\u{0152}', "OE"),
    (0x8E, '\u{017D}', "Zcaron"),
    (0x91, '\u{2018}', "quoteleft"),
    (0x92, '\u{2019}', "quoteright"),
    (0x93, '\u{201C}', "quotedblleft"),
    (0x94, '\u{201D}', "quotedblright"),
    (0x95, '\u{2022}', "bullet"),
    (0x96, '\u{2013}', "endash"),
    (0x97, '\u{2014}', "emdash"),
    (0x98, '\u{02DC}', "tilde"),
    (0x99, '\u{2122}', "trademark"),
    (0x9A, '\u{0161}', "scaron"),
    (0x9B, '\u{203A}', "guilsinglright"),
    (0x9C, '\u{0153}', "oe"),
    (0x9E, '\u{017E}', "zcaron"),
    (0x9F, '\u{0178}', "Ydieresis"),
];

/// Glyph names of WinAnsiEncoding codes 160 to 255, which are Latin-1's characters.
/// 160 (no-break space) and 173 (soft hyphen) are drawn as a space and a hyphen.
const LATIN1: [&str; 96] = [
    "space",
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "hyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// The glyph name of every code WinAnsiEncoding defines.
pub fn win_ansi_names() -> impl Iterator<Item = (u8, &'static str)> {
    let ascii = ASCII.iter().enumerate().map(|(i, n)| (32 + i as u8, *n));
    let high = HIGH.iter().map(|(code, _, n)| (*code, *n));
    let latin1 = LATIN1.iter().enumerate().map(|(i, n)| (160 + i as u8, *n));
    ascii.chain(high).chain(latin1)
}

/// Glyph name to advance width (thousandths of the font size), from an AFM file's
/// `C code ; WX width ; N name ; …` lines.
pub fn afm_widths(afm: &str) -> HashMap<&str, u16> {
    let mut out = HashMap::new();
    for line in afm.lines().filter(|l| l.starts_with("C ")) {
        let mut width = None;
        let mut name = None;
        for field in line.split(';').map(str::trim) {
            if let Some(w) = field.strip_prefix("WX ") {
                width = w.trim().parse::<f32>().ok();
            } else if let Some(n) = field.strip_prefix("N ") {
                name = Some(n.trim());
            }
        }
        if let (Some(w), Some(n)) = (width, name) {
            out.insert(n, w.round() as u16);
        }
    }
    out
}

/// Advance widths per WinAnsi code, for the regular and the bold face.
fn widths(face: Face) -> &'static [u16; 256] {
    static TABLES: OnceLock<[[u16; 256]; 2]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [Face::Regular, Face::Bold].map(|face| {
            let named = afm_widths(face.afm());
            let mut table = [0u16; 256];
            for (code, name) in win_ansi_names() {
                table[code as usize] = named.get(name).copied().unwrap_or(0);
            }
            table
        })
    });
    match face {
        Face::Regular => &tables[0],
        Face::Bold => &tables[1],
    }
}

/// The width of encoded text at `size` points.
pub fn text_width(face: Face, bytes: &[u8], size: f32) -> f32 {
    let table = widths(face);
    bytes.iter().map(|b| f32::from(table[*b as usize])).sum::<f32>() * size / 1000.0
}

/// Text in WinAnsiEncoding, and whether any character had to become "?".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub replaced: bool,
}

fn direct(c: char) -> Option<u8> {
    match c {
        ' '..='~' => Some(c as u8),
        '\u{A0}'..='\u{FF}' if c != '\u{AD}' => Some(c as u32 as u8),
        _ => HIGH.iter().find(|(_, ch, _)| *ch == c).map(|(code, _, _)| *code),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Encodes text for the standard fonts. Line breaks are the caller's; any other
/// control character is dropped.
pub fn encode(text: &str) -> Encoded {
    let mut out = Encoded::default();
    for c in text.chars() {
        if let Some(b) = direct(c) {
            out.bytes.push(b);
            continue;
        }
        match c {
            '\t' | '\n' | '\r' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.bytes.push(b' ')
            }
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => out.bytes.push(b'-'),
            '\u{2015}' => out.bytes.push(0x97),
            '\u{2032}' => out.bytes.push(b'\''),
            '\u{2033}' => out.bytes.push(b'"'),
            '\u{2043}' | '\u{25AA}' | '\u{25CF}' | '\u{25E6}' => out.bytes.push(0x95),
            '\u{2190}' => out.bytes.extend_from_slice(b"<-"),
            '\u{2192}' => out.bytes.extend_from_slice(b"->"),
            '\u{2264}' => out.bytes.extend_from_slice(b"<="),
            '\u{2265}' => out.bytes.extend_from_slice(b">="),
            _ => {
                // A letter with an accent the encoding lacks, a ligature, a full-width
                // form: its compatibility decomposition, less the accents.
                let mut spelt = Vec::new();
                let mut unknown = false;
                unicode_normalization::char::decompose_compatible(c, |d| {
                    if is_combining_mark(d) {
                        return;
                    }
                    match direct(d) {
                        Some(b) => spelt.push(b),
                        None => unknown = true,
                    }
                });
                if spelt.is_empty() || unknown {
                    out.bytes.push(b'?');
                    out.replaced = true;
                } else {
                    out.bytes.extend(spelt);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_glyph_in_both_faces() {
        for face in [Face::Regular, Face::Bold] {
            let named = afm_widths(face.afm());
            for (code, name) in win_ansi_names() {
                assert!(named.contains_key(name), "{face:?} has no glyph {name} for code {code:#x}");
            }
        }
        assert_eq!(win_ansi_names().count(), 95 + 27 + 96);
    }

    #[test]
    fn widths_are_the_fonts_own() {
        // Helvetica: H 722, e 556, l 222, o 556; Helvetica-Bold: H 722, e 556, l 278, o 611.
        assert_eq!(
            text_width(Face::Regular, b"Hello", 10.0),
            (722.0 + 556.0 + 222.0 + 222.0 + 556.0) / 100.0
        );
        assert_eq!(text_width(Face::Bold, b"Hello", 10.0), (722.0 + 556.0 + 278.0 + 278.0 + 611.0) / 100.0);
        assert_eq!(text_width(Face::Regular, &[0x96], 1000.0), 556.0, "en dash");
    }

    #[test]
    fn quotes_dashes_and_accents_of_the_encoding_are_kept() {
        let e = encode("‘Smart’ “quotes” – and — dashes… £5 café • €");
        assert!(!e.replaced);
        assert_eq!(
            e.bytes,
            b"\x91Smart\x92 \x93quotes\x94 \x96 and \x97 dashes\x85 \xa35 caf\xe9 \x95 \x80".to_vec()
        );
    }

    #[test]
    fn other_characters_are_brought_as_close_as_they_honestly_can_be() {
        let e = encode("Ŵyn ŷ ﬁle Łódź\u{2011}x a\u{2009}b 2\u{2212}1 →");
        assert!(e.replaced, "Ł has no decomposition");
        assert_eq!(e.bytes, b"Wyn y file ?\xf3dz-x a b 2-1 ->".to_vec());
    }

    #[test]
    fn characters_with_no_reading_become_a_visible_question_mark() {
        let e = encode("日本 😀");
        assert!(e.replaced);
        assert_eq!(e.bytes, b"?? ?".to_vec());
        let invisible = encode("a\u{200B}b\u{AD}c\u{7}");
        assert_eq!(invisible, Encoded { bytes: b"abc".to_vec(), replaced: false });
    }
}
