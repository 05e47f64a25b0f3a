//! Stage 2: decoded text → normalized text, the text every span points into.
//!
//! Converters and scanners leave debris around the words: Markdown (`**`, `#`, table
//! pipes and separator rows, `*HR*`), HTML fragments (`<br>`, `<strong>`, `<div>`), rules
//! (`-----`, `___`), gazette page headers (`CÔNG BÁO/Số …`) and page numbers, Word field
//! residue (`PAGE 7`), digital-signature stamps (`Ký bởi: …`). They are removed here, once,
//! so that extractors see words and line structure only. Table cells become lines.
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
static HTML_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>\n]*>").expect("valid regex"));
static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").expect("valid regex"));
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
    if text.contains('<') {
        text = replace(text, &HTML_BREAK, "\n", "html_tags", &mut repairs);
        text = replace(text, &HTML_BLOCK, "\n", "html_tags", &mut repairs);
        text = replace(text, &HTML_INLINE, "", "html_tags", &mut repairs);
    }
    if text.contains('&') {
        text = decode_entities(text);
    }
    if text.contains("](") {
        text = replace(text, &MD_LINK, "$1", "markdown_links", &mut repairs);
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

fn decode_entities(text: Cow<str>) -> Cow<str> {
    const ENTITIES: [(&str, &str); 7] = [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&amp;", "&"),
    ];
    if !ENTITIES.iter().any(|(e, _)| text.contains(e)) {
        return text;
    }
    let mut owned = text.into_owned();
    for (entity, with) in ENTITIES {
        owned = owned.replace(entity, with);
    }
    Cow::Owned(owned)
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
    let mut in_stamp = false;
    let mut page_break = false;
    let mut previous_key = "";
    // `\n` folds to itself and nothing else does, so the key has the same lines
    for (line, key) in text.split('\n').zip(key.split('\n')) {
        // Cells and tags leave indentation that says nothing; column gaps inside a
        // line are kept. A key byte is white space exactly when its character is, so
        // both trims drop the same characters.
        let indent = key.len() - key.trim_start().len();
        let line = line.trim();
        let key = key.trim();
        let page_number = is_page_number(key, previous_key) || page_footer(key);
        let furniture = page_number
            || GAZETTE_HEADER.is_match(key)
            || WORD_FIELD.is_match(key)
            || is_source_label(line, key, out.is_empty());
        let stamp = SIGNATURE_STAMP.is_match(key) || (in_stamp && STAMP_DETAIL.is_match(key));
        in_stamp = stamp || (in_stamp && key.trim().is_empty());
        if furniture || stamp {
            // A bare number is also a table's row number (`| 2 | …` made lines): only a
            // centred one (PDF text keeps the margin) surely marks a page break.
            let bare = key.bytes().all(|b| b.is_ascii_digit());
            page_break |= GAZETTE_HEADER.is_match(key)
                || (page_number && (!bare || indent >= PAGE_NUMBER_INDENT));
            dropped += 1;
            continue;
        }
        if line.trim().is_empty() {
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
