//! Stage 2: decoded text → normalized text, the text every span points into.
//!
//! Converters and scanners leave debris around the words: Markdown (`**`, `#`, table
//! pipes and separator rows, `*HR*`; pandoc's grid tables, hard breaks and spans), HTML
//! fragments (`<br>`, `<strong>`, `<div>`, cells, comments, character references), rules
//! (`-----`, `___`), gazette page headers (`CÔNG BÁO/Số …`) and page numbers, Word field
//! residue (`PAGE 7`), digital-signature stamps (`Ký bởi: …`), and what a receiving office
//! added to an archived page (the `ĐẾN` stamp, routing notes, its document system's
//! lines, an e-mail header). They are removed here, once, so that extractors see words
//! and line structure only. Table cells become lines.
//! OCR damage is repaired where its shape makes that certain ([`crate::ocr`]: `n ăm`,
//! `2O25`).
//! Spelling, case and tone placement are never touched.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::fold::{Opening, fold};
use crate::ocr::{self, Repair};

/// The normalized text and a tally of what was removed or rewritten.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// The folded key of `text` (see [`crate::fold`]), made on the way, so that
    /// [`crate::doc::Doc::with_key`] need not fold the text again.
    pub key: String,
    /// `(what, how many)` for each kind of repair made, in a fixed order.
    pub repairs: Vec<(&'static str, usize)>,
    /// The OCR repairs made, one by one, for the record's warnings.
    pub ocr: Vec<Repair>,
}

static HTML_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>[ \t]*(\n)?").expect("valid regex"));
static HTML_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:div|p|tr|hr|li|ul|ol|table|tbody|thead|h[1-6]|center)\b[^>\n]*>")
        .expect("valid regex")
});
/// Table cells: a scrape that writes a row on one line glues the cells
/// (`HẢI</td><td>CỘNG HÒA`); a tab keeps them apart, as a word processor's text export
/// does, and is trimmed away where a cell opens or closes a line.
static HTML_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?t[dh]\b[^>\n]*>").expect("valid regex"));
/// `<!-- -->`: pandoc writes it between two adjacent lists.
static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid regex"));
static HTML_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>\n]*>").expect("valid regex"));
static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").expect("valid regex"));
/// pandoc's bracketed span `[Nơi nhận:]{.underline}`.
static MD_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\{[^}\n]*\}").expect("valid regex"));
/// pandoc's hard line break: a backslash ending a line after a word, unless it ends a
/// drive (`D:\`).
static MD_HARD_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[\s(])[A-Za-z]:\\[ \t]*$|([^\s\\])\\[ \t]*$").expect("valid regex")
});
static MD_TABLE_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
        .expect("valid regex")
});
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*#{1,6}[ \t]+").expect("valid regex"));
static MD_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([-*_.#|\[\]()+!])").expect("valid regex"));
/// Horizontal rules, also glued to words (`CHÍNH PHỦ_______ Số:`).
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[-_=~]{3,}").expect("valid regex"));
/// `VIỆT NAMĐộc lập`: the national title and the motto glued by a converter.
/// `_Hà Nội, ngày …_`: Markdown italics with underscores.
static MD_UNDERSCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)(^|[ \t])_([^_\n]+)_([ \t]|$)").expect("valid regex"));
static MOTTO_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(NAM|Nam)[ \t]*((?:Đ|đ)ộc[ \t]*lập|(?:Đ|đ)ÔC LẬP|ĐỘC LẬP)")
        .expect("valid regex")
});
// The line patterns below see trimmed keys, which open with no white space: the byte
// each can open with is enough to pass over most lines.
static GAZETTE_HEADER: LazyLock<Opening> =
    LazyLock::new(|| Opening::new(b"co", r"^\s*c?ong bao\s*/\s*so\b"));
static WORD_FIELD: LazyLock<Opening> =
    LazyLock::new(|| Opening::new(b"peh", r"^\s*(?:page\s+\d+|embed\s+\S+.*|h\.l\d+)\s*$"));
static SIGNATURE_STAMP: LazyLock<Opening> = LazyLock::new(|| {
    Opening::new(
        b"knts",
        r"^\s*(?:ky boi|nguoi ky|thoi gian ky|ky ngay|signature not verified|ngay ky)\s*:?",
    )
});
/// A line key opening a block of the body: `Điều 4.`, `Chương II`, `III.`, `2.`, `1.2.`,
/// `b)`, a bullet.
static OPENS_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:dieu|chuong|muc|phan)\s+[0-9ivxlc]+\b|[ivxlc]+[.-]\s|[0-9]+(?:\.[0-9]+)*[.)]\s|[a-z][)]\s|[-+*~])")
        .expect("valid regex")
});
static STAMP_DETAIL: LazyLock<Opening> =
    LazyLock::new(|| Opening::new(b"ect", r"^\s*(?:email|co quan|chuc vu|thoi gian)\s*:"));

/// What a receiving office adds to an archived page (ND 30, Appendix IV: the `ĐẾN`
/// stamp; its document system): the one-line stamp `ĐẾN Số: 2087 Ngày: …`, the
/// registration lines (`Số đến:`, `Ngày đến:`, `Mã văn bản:`, `Người xử lý:`), a
/// processing limit with its date (`Hạn xử lý: 20/3/2024`: the receiver's, not the
/// document's), the system's copy and print marks (`BẢN SAO ĐIỆN TỬ …`, `In lúc: …`,
/// `Ngày in: …`).
static RECEIVER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:cong van )?den\s+so\s*:?\s*\d+\b|(?:so den|ngay den|ma van ban|nguoi xu ly)\s*:|han xu ly\s*:\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s|$)|ban sao dien tu\b)|\b(?:in luc|ngay in|nguoi in)\s*:",
    )
    .expect("valid regex")
});
/// A handwritten routing note (`Kính chuyển P.KH …`, `Chuyển đ/c Toàn - PCT xem`): a
/// short line of its own with no end mark, naming its addressee in the notes'
/// shorthand (`đ/c`, `P.`), not a body's word a wrapped sentence could go on with.
static ROUTING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:kinh chuyen|chuyen\s+(?:d/c|dc|p\.))(?:\s|$)").expect("valid regex")
});
/// The lines of the boxed `ĐẾN` stamp under its `ĐẾN` / `CÔNG VĂN ĐẾN` line: the
/// receiver's entry number (figures only, never a symbol), date, routing, file.
static STAMP_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:so\s*:?\s*\d*\s*$|ngay\s*:|gio\s*:|chuyen\s*:|luu ho so(?:\s+so)?\s*:)")
        .expect("valid regex")
});
/// An e-mail header written above a document received by mail (`Từ: …@…`, `Tiêu đề:`).
static MAIL_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:tu|gui|den|cc|from|to|ngay gui|thoi gian gui|tieu de|chu de|subject|date|sent|tep dinh kem|dinh kem|attachments?)\s*:")
        .expect("valid regex")
});

/// Marks the lines a receiving office added (see [`RECEIVER_LINE`]): the stamp's
/// block (`UBND HUYỆN …` / `CÔNG VĂN ĐẾN` / `Số: 1234` / `Ngày: …` / `Chuyển: …`,
/// the body's name on top as the stamp's form prints it), an e-mail header before the
/// document, and a `BẢN SAO` stamp or the issuer's `ĐÃ KÝ` mark on a line of its own.
/// `lines` and `keys` are trimmed. Keys are matched, not case: a capital font lost in a
/// legacy encoding leaves these lines in small letters.
fn receiver_lines(lines: &[&str], keys: &[&str]) -> Vec<bool> {
    let mut marked = vec![false; lines.len()];
    // a mail header: the lines above the document, one of them with an address
    let top = keys
        .iter()
        .position(|k| !k.is_empty() && !MAIL_HEADER.is_match(k))
        .unwrap_or(keys.len());
    if keys[..top].iter().any(|k| k.contains('@')) {
        marked[..top].fill(true);
    }
    let first = keys.iter().position(|k| !k.is_empty());
    for (i, (line, key)) in lines.iter().zip(keys).enumerate() {
        let copy_mark = Some(i) == first && matches!(*key, "ban sao" | "sao y ban chinh");
        let note = (key.starts_with("kinh chuyen") || key.starts_with("chuyen"))
            && ROUTING_NOTE.is_match(key)
            && line.chars().count() <= 60
            && !line.ends_with(['.', ';', ',', ':']);
        // `ĐÃ KÝ` in capitals is the e-copy's mark; `đã ký` may be the signature
        // block's own line, which holds the name's place (`Thứ trưởng` / `đã ký` / name)
        let signed_mark = *key == "da ky" && !line.chars().any(char::is_lowercase);
        // Every receiver's line has a colon or opens with one of these words: most
        // lines are settled without the regex.
        let may_be_receivers = key.contains(':')
            || key.starts_with("den")
            || key.starts_with("cong van den")
            || key.starts_with("ban sao");
        if copy_mark || signed_mark || note || (may_be_receivers && RECEIVER_LINE.is_match(key)) {
            marked[i] = true;
            continue;
        }
        if !matches!(*key, "den" | "cong van den") {
            continue;
        }
        let fields = keys[i + 1..]
            .iter()
            .take_while(|k| STAMP_FIELD.is_match(k))
            .count();
        if fields == 0 {
            continue;
        }
        marked[i..=i + fields].fill(true);
        if i > 0 && crate::extract::issuer::opens_body(keys[i - 1]) {
            marked[i - 1] = true;
        }
    }
    marked
}

/// Normalizes decoded text: NFC (only when needed), line endings, invisible characters,
/// then converter debris. The result is what `vanban normalize` prints.
pub fn normalize(decoded: &str) -> Normalized {
    let mut repairs = Vec::new();
    let mut text: Cow<str> = Cow::Borrowed(decoded);
    if !surely_nfc(&text) && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        let nfc: String = text.nfc().collect();
        if nfc != *text {
            repairs.push(("nfc", 1));
            text = Cow::Owned(nfc);
        }
    }
    if text.contains('\r') {
        text = Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if has_invisible_or_odd_space(&text) {
        let mut count = 0;
        let cleaned: String = text
            .chars()
            .filter_map(|c| {
                if is_invisible(c) {
                    count += 1;
                    None
                } else if is_odd_space(c) {
                    Some(' ')
                } else {
                    Some(c)
                }
            })
            .collect();
        repairs.push(("invisible_characters", count));
        text = Cow::Owned(cleaned);
    }
    // first, while the cells still line up with their borders
    if (text.contains("\n+-") || text.starts_with("+-"))
        && let Some((rebuilt, tables)) = grid_tables(&text)
    {
        repairs.push(("table_rules", tables));
        text = Cow::Owned(rebuilt);
    }
    if text.contains('<') {
        text = replace(text, &HTML_COMMENT, "", "html_tags", &mut repairs);
        text = replace(text, &HTML_BREAK, "\n", "html_tags", &mut repairs);
        text = replace(text, &HTML_CELL, "\t", "html_tags", &mut repairs);
        text = replace(text, &HTML_BLOCK, "\n", "html_tags", &mut repairs);
        text = replace(text, &HTML_INLINE, "", "html_tags", &mut repairs);
    }
    if text.contains('&') {
        text = decode_entities(text);
    }
    if text.contains("](") {
        text = replace(text, &MD_LINK, "$1", "markdown_links", &mut repairs);
    }
    if text.contains("]{") {
        text = replace(text, &MD_SPAN, "$1", "markdown_debris", &mut repairs);
    }
    if text.contains("\\\n") || text.contains("\\ ") {
        let breaks = MD_HARD_BREAK
            .captures_iter(&text)
            .filter(|c| c.get(1).is_some())
            .count();
        if breaks > 0 {
            repairs.push(("markdown_escapes", breaks));
            let kept = MD_HARD_BREAK.replace_all(&text, |c: &regex::Captures| match c.get(1) {
                Some(before) => before.as_str().to_string(),
                None => c[0].to_string(),
            });
            text = Cow::Owned(kept.into_owned());
        }
    }
    if text.contains('\\') {
        text = replace(text, &MD_ESCAPE, "$1", "markdown_escapes", &mut repairs);
    }
    if text.contains('#') {
        text = replace(text, &MD_HEADING, "", "markdown_headings", &mut repairs);
    }
    if text.contains('|') {
        text = replace(text, &MD_TABLE_RULE, "", "table_rules", &mut repairs);
    }
    if text.contains("*HR*") {
        let n = text.matches("*HR*").count();
        repairs.push(("markdown_debris", n));
        text = Cow::Owned(text.replace("*HR*", "\n"));
    }
    if text.contains('*') || text.contains('|') {
        let n = text.matches(['*', '|']).count();
        repairs.push(("markdown_debris", n));
        text = Cow::Owned(text.replace('*', "").replace('|', "\n"));
    }
    text = replace(text, &RULE, "\n", "rules", &mut repairs);
    if text.contains('_') {
        text = replace(
            text,
            &MD_UNDERSCORE,
            "$1$2$3",
            "markdown_debris",
            &mut repairs,
        );
    }
    text = replace(text, &MOTTO_GLUE, "$1\n$2", "glued_columns", &mut repairs);
    // one key serves the OCR repairs and the line pass, unless OCR changed the text
    let mut key = fold(&text);
    let mut ocr = Vec::new();
    if let Some(repaired) = ocr::repair(&text, &key, &mut ocr) {
        for what in [ocr::SPLIT_SYLLABLES, ocr::LOOK_ALIKE_DIGITS] {
            match ocr.iter().filter(|r| r.what == what).count() {
                0 => {}
                n => repairs.push((what, n)),
            }
        }
        key = fold(&repaired);
        text = Cow::Owned(repaired);
    }
    let (text, key) = drop_furniture_lines(&text, &key, &mut repairs);
    Normalized {
        text,
        key,
        repairs: merge(repairs),
        ocr,
    }
}

/// Whether `text` is NFC judging by its bytes alone, which is cheap: it holds only ASCII,
/// U+0080–U+02FF (Latin-1 to spacing modifiers), U+1E00–U+1EFF (Latin Extended
/// Additional, where precomposed Vietnamese letters live) and U+2002–U+20BF
/// (punctuation and currency signs). None of these is a combining mark or changes under
/// NFC. Any other character leaves the answer to the full quick check.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // `text` is valid UTF-8, so a lead byte is followed by its continuation bytes.
        i += match bytes[i] {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE1 if matches!(bytes[i + 1], 0xB8..=0xBB) => 3,
            0xE2 if matches!(
                (bytes[i + 1], bytes[i + 2]),
                (0x80, 0x82..) | (0x81..=0x82, _)
            ) =>
            {
                3
            }
            _ => return false,
        };
    }
    true
}

/// `text.contains(|c| is_invisible(c) || is_odd_space(c))`, on bytes: the characters
/// are U+000B, U+000C, U+00A0, U+00AD, U+2000–U+200D, U+202F, U+2060, U+3000 and U+FEFF.
fn has_invisible_or_odd_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `text` is valid UTF-8, so a lead byte is followed by its continuation bytes.
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0x0B | 0x0C => true,
        0xC2 => matches!(bytes[i + 1], 0xA0 | 0xAD),
        0xE2 => matches!(
            (bytes[i + 1], bytes[i + 2]),
            (0x80, 0x80..=0x8D | 0xAF) | (0x81, 0xA0)
        ),
        0xE3 => bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80,
        0xEF => bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF,
        _ => false,
    })
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{00ad}' | '\u{2060}'
    )
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' | '\u{000b}' | '\u{000c}'
    )
}

fn replace<'a>(
    text: Cow<'a, str>,
    re: &Regex,
    with: &str,
    what: &'static str,
    repairs: &mut Vec<(&'static str, usize)>,
) -> Cow<'a, str> {
    let count = re.find_iter(&text).count();
    if count == 0 {
        return text;
    }
    repairs.push((what, count));
    Cow::Owned(re.replace_all(&text, with).into_owned())
}

/// Named character references a scrape leaves: the markup set, the Latin-1 letters an
/// old web editor (FCKeditor and its kin) wrote as names (`H&Ograve;A`, `&ocirc;`), and
/// the typographic marks. Every other non-ASCII letter such editors wrote as a number
/// (`&#7897;`), which [`decode_entities`] reads whatever it is.
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("amp", '&'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("deg", '°'),
    ("ordm", 'º'),
    ("shy", '\u{ad}'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Yacute", 'Ý'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("yacute", 'ý'),
];

/// Decodes character references, named (above) and numeric (`&#7897;`, `&#x1ED9;`).
/// What they decode to is cleaned as raw text is: invisible characters dropped, odd
/// spaces made spaces, and the result made NFC (a reference may be a combining mark).
/// A `&` that opens no known reference is left as it is.
fn decode_entities(text: Cow<str>) -> Cow<str> {
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match entity(tail) {
            Some((c, len)) => {
                changed = true;
                if is_odd_space(c) {
                    out.push(' ');
                } else if !is_invisible(c) && c != '\0' {
                    out.push(c);
                }
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    if !changed {
        return text;
    }
    out.push_str(rest);
    if !surely_nfc(&out) && is_nfc_quick(out.chars()) != IsNormalized::Yes {
        out = out.nfc().collect();
    }
    Cow::Owned(out)
}

/// The character `s` opens with a reference to, and the reference's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';').filter(|&n| n <= 10)? + 1;
    let name = &s[1..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None if number.bytes().all(|b| b.is_ascii_digit()) => number.parse().ok()?,
            None => return None,
        };
        char::from_u32(code)?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, end + 1))
}

/// pandoc's grid tables (`+-----+-----+` borders, `| … | … |` rows) wrap each cell's
/// text inside its column, so that reading line by line interleaves the columns and
/// cuts names (`| **SỞ TÀI NGUYÊN VÀ MÔI | VIỆT NAM**\ |` over `| TRƯỜNG** | … |`).
/// Each row is rebuilt cell after cell, left to right: a cell line ending in `\`
/// (pandoc's hard break) or followed by a blank cell line ends a line of the cell, any
/// other wraps on into the next. Returns the text and how many tables were rebuilt, or
/// `None` when no table's rows line up with its border (then the cell pipes are left to
/// the generic pass).
fn grid_tables(text: &str) -> Option<(String, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        let Some(cols) = grid_border(lines[i]) else {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        };
        let mut rebuilt: Vec<String> = Vec::new();
        let mut row: Vec<Vec<String>> = vec![Vec::new(); cols.len() - 1];
        let mut j = i + 1;
        let mut closed = i;
        while j < lines.len() {
            if grid_border(lines[j]).as_ref() == Some(&cols) {
                for cell in row.iter_mut() {
                    rebuilt.extend(cell_lines(cell));
                    cell.clear();
                }
                closed = j;
            } else if let Some(parts) = grid_row(lines[j], &cols) {
                for (cell, part) in row.iter_mut().zip(parts) {
                    cell.push(part);
                }
            } else {
                break;
            }
            j += 1;
        }
        if closed == i {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        tables += 1;
        out.extend(rebuilt);
        i = closed + 1;
    }
    (tables > 0).then(|| (out.join("\n"), tables))
}

/// The character columns of the `+` in a grid table's border (`+----+:---+`, `+====+`),
/// with at least two cells between them.
fn grid_border(line: &str) -> Option<Vec<usize>> {
    let line = line.trim_end();
    if !line.starts_with('+') || !line.ends_with('+') || line.len() < 3 {
        return None;
    }
    let mut cols = Vec::new();
    for (n, c) in line.chars().enumerate() {
        match c {
            '+' => cols.push(n),
            '-' | '=' | ':' => {}
            _ => return None,
        }
    }
    let rule = cols.windows(2).all(|w| w[1] > w[0] + 1);
    (rule && cols.len() >= 2).then_some(cols)
}

/// The cells of a grid-table row line whose pipes stand at the border's columns.
fn grid_row(line: &str, cols: &[usize]) -> Option<Vec<String>> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let last = *cols.last()?;
    if chars.len() != last + 1 || cols.iter().any(|&c| chars[c] != '|') {
        return None;
    }
    Some(
        cols.windows(2)
            .map(|w| {
                chars[w[0] + 1..w[1]]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect(),
    )
}

/// A cell's lines as its paragraphs and hard breaks make them (see [`grid_tables`]).
fn cell_lines(cell: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for part in cell {
        if part.is_empty() {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        match part.strip_suffix('\\').filter(|p| !p.ends_with('\\')) {
            Some(line) => {
                current.push_str(line.trim_end());
                lines.push(std::mem::take(&mut current));
            }
            None => current.push_str(part),
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Line-level pass: drops page furniture and stamps, trims line ends, and keeps at most
/// one blank line in a row (blank lines separate blocks; more say nothing more). `key`
/// is `fold(text)`. Returns the text and its folded key, built line by line from the
/// keys matched here.
fn drop_furniture_lines(
    text: &str,
    key: &str,
    repairs: &mut Vec<(&'static str, usize)>,
) -> (String, String) {
    let mut out = String::with_capacity(text.len());
    let mut out_key = String::with_capacity(key.len());
    let mut blank_run = 0;
    let mut dropped = 0;
    let mut receiver = 0;
    let mut in_stamp = false;
    let mut page_break = false;
    let mut previous_key = "";
    // `\n` folds to itself and nothing else does, so the key has the same lines.
    // Cells and tags leave indentation that says nothing; column gaps inside a line are
    // kept. A key byte is white space exactly when its character is, so both trims drop
    // the same characters.
    let raw_keys: Vec<&str> = key.split('\n').collect();
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let keys: Vec<&str> = raw_keys.iter().map(|k| k.trim()).collect();
    let received = receiver_lines(&lines, &keys);
    for (n, (&line, &key)) in lines.iter().zip(&keys).enumerate() {
        let indent = raw_keys[n].len() - raw_keys[n].trim_start().len();
        if received[n] {
            receiver += 1;
            continue;
        }
        let page_number = is_page_number(key, previous_key) || page_footer(key);
        let gazette = GAZETTE_HEADER.is_match(key);
        let furniture = page_number
            || gazette
            || WORD_FIELD.is_match(key)
            || is_source_label(line, key, out.is_empty());
        let stamp = SIGNATURE_STAMP.is_match(key) || (in_stamp && STAMP_DETAIL.is_match(key));
        in_stamp = stamp || (in_stamp && key.is_empty());
        if furniture || stamp {
            // A bare number is also a table's row number (`| 2 | …` made lines): only a
            // centred one (PDF text keeps the margin) surely marks a page break.
            let bare = key.bytes().all(|b| b.is_ascii_digit());
            page_break |= gazette || (page_number && (!bare || indent >= PAGE_NUMBER_INDENT));
            dropped += 1;
            continue;
        }
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
            out.push('\n');
            out_key.push('\n');
            continue;
        }
        blank_run = 0;
        // A page break inside a sentence or a list: the blank lines around the page
        // number are the page's margins, not a paragraph break, so the text runs on
        // (`chậm nhất ngày` / `- 2 -` / `04/10/2024`; `- Như trên;` / `Trang 1/2` / `- …`).
        if page_break && out.ends_with("\n\n") && runs_on(previous_key, key) {
            out.pop();
            out_key.pop();
        }
        page_break = false;
        out.push_str(line);
        out.push('\n');
        out_key.push_str(key);
        out_key.push('\n');
        previous_key = key;
    }
    while out.ends_with("\n\n") {
        out.pop();
        out_key.pop();
    }
    if dropped > 0 {
        repairs.push(("page_furniture", dropped));
    }
    if receiver > 0 {
        repairs.push(("receiver_marks", receiver));
    }
    (out, out_key)
}

/// What a file collection put before the document: the banner of the law database many
/// legacy files come from (`văn phòng quốc hội … cơ sở dữ liệu luật việt nam LAWDATA`),
/// or, on the first line, a file name or filing code left by a word processor
/// (`00117.doc`, `tthd176`, `cu.H.ttdtnn`): one ASCII token with letters and a figure or
/// an inner dot, never a number and symbol (those have a `/`) nor a label (`I.`, `A.`).
fn is_source_label(line: &str, key: &str, first: bool) -> bool {
    if key.contains("co so du lieu luat viet nam") {
        return true;
    }
    let inner_dot = line.trim_end_matches('.').contains('.');
    first
        && (4..=24).contains(&line.len())
        && line.is_ascii()
        && !line.contains(|c: char| c.is_whitespace() || c == '/')
        && line.contains(|c: char| c.is_ascii_alphabetic())
        && (inner_dot || line.contains(|c: char| c.is_ascii_digit()))
}

/// How far in (in characters) a lone number must stand to be a centred page number.
const PAGE_NUMBER_INDENT: usize = 8;

/// Whether the text before a page break runs on into the line after it: an item ending
/// in `;` or `,` goes on with the next item; words cut mid-phrase go on unless the next
/// line opens an article, a section or a numbered or bulleted item. A sentence or a
/// lead-in (`.`, `./.`, `:`, `!`, `?`, also inside closing quotes) ends a paragraph.
fn runs_on(before: &str, after: &str) -> bool {
    let before = before.trim_end().trim_end_matches(['"', '\'', ')']);
    if before.ends_with([';', ',']) {
        return true;
    }
    !before.ends_with(['.', ':', '!', '?']) && !OPENS_BLOCK.is_match(after)
}

/// A running footer: words, then across a column gap a page number that cannot be a
/// value (`Thông báo số 08/TB-THVT ngày 25/8/2024      Trang 1/1`). PDF text puts a
/// footer on a line of its own, so the words left of the number are the footer's too.
fn page_footer(key: &str) -> bool {
    let Some(at) = [key.rfind("   "), key.rfind('\t')]
        .into_iter()
        .flatten()
        .max()
    else {
        return false;
    };
    let last = key[at..].trim();
    !last.bytes().all(|b| b.is_ascii_digit()) && is_page_number(last, "")
}

/// A line holding only a page number, unless it fills a `Số:` label left above it. Also
/// the other ways word processors print one: `- 2 -` and `Trang 2`, `Trang 2/3`,
/// `Trang 2 trên 3`, an English template's `Page 2 of 3` (a page footer or header; ND 30
/// puts the number in the top margin).
fn is_page_number(key: &str, previous_key: &str) -> bool {
    let trimmed = key.trim();
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if digits(trimmed) {
        return !previous_key.trim_end().ends_with("so:")
            && !previous_key.trim_end().ends_with("so");
    }
    if let Some(inner) = trimmed.strip_prefix('-').and_then(|t| t.strip_suffix('-')) {
        return digits(inner.trim());
    }
    let Some(rest) = trimmed
        .strip_prefix("trang ")
        .or_else(|| trimmed.strip_prefix("page "))
    else {
        return false;
    };
    let (page, of) = match ["/", " tren ", " of "]
        .iter()
        .find_map(|sep| rest.split_once(sep))
    {
        Some((page, of)) => (page, Some(of)),
        None => (rest, None),
    };
    digits(page.trim()) && of.is_none_or(|of| digits(of.trim()))
}

fn merge(repairs: Vec<(&'static str, usize)>) -> Vec<(&'static str, usize)> {
    let mut merged: Vec<(&'static str, usize)> = Vec::new();
    for (what, n) in repairs {
        match merged.iter_mut().find(|(w, _)| *w == what) {
            Some(entry) => entry.1 += n,
            None => merged.push((what, n)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let normalized = normalize(s);
        assert_eq!(normalized.key, crate::fold::fold(&normalized.text), "{s:?}");
        normalized.text
    }

    #[test]
    fn removes_markdown_and_html_debris() {
        let table = [
            ("C**ỤC THUẾ**\n", "CỤC THUẾ\n"),
            ("**Kính gửi:** Sở Y tế\n", "Kính gửi: Sở Y tế\n"),
            (
                "ĐẠI HỌC<br>\n<strong>TRƯỜNG</strong><br>\n",
                "ĐẠI HỌC\nTRƯỜNG\n",
            ),
            ("| Số: 1/QĐ | *Hà Nội* |\n", "Số: 1/QĐ\nHà Nội\n"),
            ("###### BỘ Y TẾ\n", "BỘ Y TẾ\n"),
            (
                "Thực hiện [Thông tư số 1/2018/TT-BYT](#) ngày\n",
                "Thực hiện Thông tư số 1/2018/TT-BYT ngày\n",
            ),
            ("CHÍNH PHỦ_______ Số: 1/NĐ-CP\n", "CHÍNH PHỦ\nSố: 1/NĐ-CP\n"),
            ("VIỆT NAMĐộc lập - Tự do\n", "VIỆT NAM\nĐộc lập - Tự do\n"),
            (
                "thực hiện./. *HR*\n\nNơi nhận\n",
                "thực hiện./.\n\nNơi nhận\n",
            ),
        ];
        for (input, want) in table {
            assert_eq!(norm(input), want, "{input:?}");
        }
    }

    #[test]
    fn decodes_character_references_of_web_editors() {
        let table = [
            (
                "C&#7896;NG H&Ograve;A X&Atilde; H&#7896;I\n",
                "CỘNG HÒA XÃ HỘI\n",
            ),
            (
                "V&ocirc;i b&#x1ED9;t &amp; Benkocid&nbsp;&#160;x\n",
                "Vôi bột & Benkocid  x\n",
            ),
            // a combining mark by number is composed; a soft hyphen is dropped
            ("Ho&#768;a Bi&shy;nh\n", "Hòa Binh\n"),
            // no reference: left as written
            (
                "R&D; A & B; &unknown; &#xZZ;\n",
                "R&D; A & B; &unknown; &#xZZ;\n",
            ),
        ];
        for (input, want) in table {
            assert_eq!(norm(input), want, "{input:?}");
        }
    }

    #[test]
    fn html_cells_on_one_line_stay_apart() {
        let input = "<tr><td>ỦY BAN NHÂN DÂN<br />HUYỆN ĐÔNG HẢI</td><td>CỘNG HÒA XÃ HỘI</td></tr>\n<!-- x -->Số: 1\n";
        assert_eq!(
            norm(input),
            "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG HẢI\t\tCỘNG HÒA XÃ HỘI\n\nSố: 1\n"
        );
    }

    #[test]
    fn rebuilds_pandoc_grid_tables_cell_by_cell() {
        let input = "\
+------------------------+---------------------------+
| UBND TỈNH VÂN SƠN\\     | **CỘNG HÒA XÃ HỘI CHỦ     |
| **SỞ TÀI NGUYÊN VÀ MÔI | NGHĨA VIỆT NAM**\\         |
| TRƯỜNG**               | **Độc lập - Tự do**       |
|                        |                           |
| Số: 412/QĐ-STNMT       | *Vân Sơn, ngày 21 tháng   |
|                        | 10 năm 2024*              |
+========================+===========================+
| ***[Nơi nhận:]{.underline}***\\ | x |
+------------------------+---------------------------+

**QUYẾT ĐỊNH**\\
Nơi nhận:\\
Điều 1\\. A \\- B
";
        // the last row does not line up with the border: the pipes go the generic way
        let want = "UBND TỈNH VÂN SƠN\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 412/QĐ-STNMT\n\
                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do\n\
                    Vân Sơn, ngày 21 tháng 10 năm 2024\n\nNơi nhận:\\\nx\n\n+\n+\n+\n\n\
                    QUYẾT ĐỊNH\nNơi nhận:\nĐiều 1. A - B\n";
        assert_eq!(norm(input), want);
    }

    #[test]
    fn clean_text_with_plus_and_backslash_is_kept() {
        for kept in [
            "+ Thành phần: đại diện\n+ Thời gian: ngày 10\n",
            "Thư mục D:\\ và E:\\\n",
            "a + b = c\n",
        ] {
            assert_eq!(norm(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn drops_page_furniture_and_stamps() {
        let input = "Điều 1. A\n\n4\n\nCÔNG BÁO/Số 755 + 756/Ngày 17-6-2025\nĐiều 2. B\n\t Ký bởi: Văn phòng\nThời gian ký: 01.01.2025\nNguyễn Văn A\n";
        assert_eq!(norm(input), "Điều 1. A\n\nĐiều 2. B\nNguyễn Văn A\n");
    }

    #[test]
    fn line_patterns_open_with_the_bytes_they_say() {
        let table: [(&Opening, &[&str]); 4] = [
            (&GAZETTE_HEADER, &["cong bao/so 7", "ong bao / so"]),
            (&WORD_FIELD, &["page 7", "embed word.document", "h.l12"]),
            (
                &SIGNATURE_STAMP,
                &[
                    "ky boi: x",
                    "nguoi ky: x",
                    "thoi gian ky: x",
                    "ky ngay",
                    "signature not verified",
                    "ngay ky: 1",
                ],
            ),
            (
                &STAMP_DETAIL,
                &["email: a", "co quan: b", "chuc vu: c", "thoi gian: d"],
            ),
        ];
        for (pattern, keys) in table {
            for key in keys {
                assert!(pattern.is_match(key), "{key:?}");
            }
        }
    }

    #[test]
    fn drops_page_numbers_in_their_printed_shapes() {
        for number in [
            "2",
            "- 2 -",
            "– 12 –",
            "Trang 2",
            "Trang 2/3",
            "Trang 2 trên 3",
            "Page 2 of 3",
        ] {
            let input = format!("Điều 1. A.\n{number}\nĐiều 2. B.\n");
            assert_eq!(norm(&input), "Điều 1. A.\nĐiều 2. B.\n", "{number:?}");
        }
        let footer = "Thông báo số 08/TB-THVT ngày 25/8/2024       Trang 1/1";
        assert_eq!(norm(&format!("- Lưu: VT.\n{footer}\n")), "- Lưu: VT.\n");
        for kept in [
            "Trang 2 của hồ sơ",
            "- 2 người",
            "2/3",
            "Trang",
            "- Lưu: VT.            2",
        ] {
            let input = format!("A.\n{kept}\n");
            assert_eq!(norm(&input), input, "{kept:?}");
        }
    }

    #[test]
    fn a_page_break_inside_a_sentence_or_a_list_is_no_paragraph_break() {
        let table = [
            // a deadline cut by the page break
            (
                "nộp chậm nhất ngày\n\n\n            - 2 -\n\n04/10/2024.\n",
                "nộp chậm nhất ngày\n04/10/2024.\n",
            ),
            // a form feed before a centred page number, mid-sentence
            (
                "gửi về Ban Thường trực\n\u{c}          2\n\nỦy ban MTTQ xã.\n",
                "gửi về Ban Thường trực\nỦy ban MTTQ xã.\n",
            ),
            // a Nơi nhận list across a page footer
            (
                "- Đảng ủy phường;\n\n\n     Trang 2/3\n- UBND phường;\n",
                "- Đảng ủy phường;\n- UBND phường;\n",
            ),
            // a sentence ended before the break: the paragraph break stays
            (
                "chưa kịp thời.\n\n     Trang 1/3\n3. Lực lượng.\n",
                "chưa kịp thời.\n\n3. Lực lượng.\n",
            ),
            // words without a full stop, then a new article: the break stays
            (
                "số 139/2025/TT-BTC\n\n            108\n\nĐiều 4. Chánh Văn phòng\n",
                "số 139/2025/TT-BTC\n\nĐiều 4. Chánh Văn phòng\n",
            ),
            // a table's row number (not centred) is dropped but breaks nothing
            (
                "Tiếng Anh B1\n\n2\nKỹ thuật\n",
                "Tiếng Anh B1\n\nKỹ thuật\n",
            ),
        ];
        for (input, want) in table {
            assert_eq!(norm(input), want, "{input:?}");
        }
    }

    #[test]
    fn drops_what_a_file_collection_put_around_the_document() {
        for label in ["00117.doc", "tthd176", "cu.H.ttdtnn"] {
            let input = format!("{label}\nBộ Tài chính\nSố: 117/2000/TT-BTC\n");
            assert_eq!(
                norm(&input),
                "Bộ Tài chính\nSố: 117/2000/TT-BTC\n",
                "{label:?}"
            );
        }
        let banner = "văn phòng quốc hội\tcơ sở dữ liệu luật việt nam LAWDATA";
        assert_eq!(norm(&format!("Điều 9. A.\n{banner}\n")), "Điều 9. A.\n");
        // Words, a symbol, or a code that is not the first line are the document's own.
        for kept in [
            "UBND\nTỈNH X\n",
            "KH-UBND\nA\n",
            "Số:12/UBND\nA\n",
            "III.\nA\n",
            "A\ntthd176\n",
        ] {
            assert_eq!(norm(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn drops_what_the_receiving_office_added() {
        let table = [
            // the boxed ĐẾN stamp read between the heading lines, the body's name on top
            (
                "UBND TỈNH BÌNH LÂM\nSỞ Y TẾ\nUBND HUYỆN TÂN HÒA\nCÔNG VĂN ĐẾN\nSố: 1234\nNgày: 15/3/2024\nChuyển: P.NN\nSố: 412/SYT-VP\n",
                "UBND TỈNH BÌNH LÂM\nSỞ Y TẾ\nSố: 412/SYT-VP\n",
            ),
            // the stamp on one line; the issuer's ĐÃ KÝ mark
            (
                "ĐẾN Số: 2087 Ngày: 18/10/2024 Chuyển: KHTH\nSỞ Y TẾ\nGIẤY MỜI\nĐÃ KÝ\nKính gửi: A.\n",
                "SỞ Y TẾ\nGIẤY MỜI\nKính gửi: A.\n",
            ),
            // an e-mail header and registration lines before the document
            (
                "Từ: vanthu@a.gov.vn\nTiêu đề: V/v tổng kết\nMã văn bản: 000.00.36.H52\nSố đến: 356      Ngày đến: 13/03/2024\nHạn xử lý: 25/3/2024   Người xử lý: B\n\nHUYỆN ỦY X\n",
                "HUYỆN ỦY X\n",
            ),
            // the stamp after a capital font was lost (TCVN3 `.VnTimeH`)
            (
                "ubnd tỉnh bình lâm\nsở y tế\nubnd huyện tân hòa\ncông văn đến\nsố: 1234\nngày: 15/3\nsố: 412/SYT-VP\n",
                "ubnd tỉnh bình lâm\nsở y tế\nsố: 412/SYT-VP\n",
            ),
            // a copy stamp heading the page, routing notes, the system's print line
            (
                "BẢN SAO\nỦY BAN NHÂN DÂN\nKính chuyển đ/c Tâm - PCT xã chỉ đạo\n1. A;\nChuyển đ/c Toàn - PCT xem, chỉ đạo\n2. B.\nTrang 1/1      In lúc: 18/10/2024 07:55\nBẢN SAO ĐIỆN TỬ - Sao từ văn bản điện tử số 214/GM-BVĐK\n",
                "ỦY BAN NHÂN DÂN\n1. A;\n2. B.\n",
            ),
        ];
        for (input, want) in table {
            assert_eq!(norm(input), want, "{input:?}");
        }
        // The document's own words: a `Gửi:` line without an address, `Số:` with a
        // symbol, a limit without a date, a body line wrapped before `chuyển phòng`, a
        // copy block below the top, a `Bản sao` table cell, `đã ký` in small letters.
        for kept in [
            "Kính\ngửi: Công ty A\n",
            "ĐẾN\nSố: 12/UBND-VP\n",
            "Hạn xử lý: trong ngày\n",
            "hồ sơ được\nchuyển phòng Tài chính thẩm định\n",
            "Điều 3. A.\nSAO Y BẢN CHÍNH\n",
            "Hồ sơ gồm:\nBản sao\nBản chính\n",
            // a signature column's `đã ký` read into the list beside it
            "- Các Bộ, cơ quan ngang bộ,\nđã ký\ncơ quan thuộc Chính phủ\n",
        ] {
            assert_eq!(norm(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn keeps_a_number_under_its_label() {
        assert_eq!(norm("Số:\n125\n"), "Số:\n125\n");
    }

    #[test]
    fn nfc_and_line_endings() {
        let nfd: String = "Hòa\r\nBình".nfd().collect();
        assert_eq!(norm(&nfd), "Hòa\nBình\n");
    }

    #[test]
    fn byte_checks_agree_with_char_checks() {
        let mut all = String::new();
        for c in (0..0x3100u32)
            .chain(0xFE00..0xFF10)
            .filter_map(char::from_u32)
        {
            let one = c.to_string();
            let slow = one.contains(|c: char| is_invisible(c) || is_odd_space(c));
            assert_eq!(has_invisible_or_odd_space(&one), slow, "U+{:04X}", c as u32);
            if surely_nfc(&one) {
                assert_eq!(
                    is_nfc_quick(one.chars()),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    c as u32
                );
            }
            all.push(c);
        }
        assert!(surely_nfc("Hòa Bình – “Số”: 12/QĐ-UBND … ₫ ngày"));
        assert!(
            !surely_nfc(&all),
            "combining marks are left to the full check"
        );
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        let input = "**BỘ Y TẾ**\n-----\n| Số: 1/QĐ | Hà Nội |\n\n\n\nĐiều 1.\n";
        let once = norm(input);
        assert_eq!(norm(&once), once);
    }
}
