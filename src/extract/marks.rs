//! Urgency (`KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`, `HỎA TỐC HẸN GIỜ`) and security (`MẬT`,
//! `TỐI MẬT`, `TUYỆT MẬT`) marks.
//!
//! A mark is a stamp: a short run of capitals standing on a line of its own (or in a
//! column of a flattened heading, set off by a wide gap), in the heading area or right
//! under the number. The same words inside a sentence (`khẩn trương`, `bí mật nhà nước`,
//! `Tài liệu mật`) are no mark, so a segment must be the mark and nothing else.

use crate::doc::{Doc, Span};
use crate::layout::Layout;

/// How many lines after the heading a mark may still stand (stamps sit under the number,
/// which flattened text can push below the heading's last anchor).
const AFTER_HEADING: usize = 4;
/// How many lines above the first heading anchor a stamp may sit.
const BEFORE_HEADING: usize = 3;

/// Urgency marks, longest first so that `hoa toc hen gio` wins over `hoa toc`.
const URGENCY: &[(&str, &str)] = &[
    ("hoa toc hen gio", "hoa_toc"),
    ("thuong khan", "thuong_khan"),
    ("hoa toc", "hoa_toc"),
    ("khan", "khan"),
];

const SECURITY: &[(&str, &str)] = &[
    ("tuyet mat", "tuyet_mat"),
    ("toi mat", "toi_mat"),
    ("mat", "mat"),
];

/// The urgency code and where it stands.
pub fn urgency(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    find_mark(doc, layout, URGENCY)
}

/// The security code and where it stands.
pub fn security(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    find_mark(doc, layout, SECURITY)
}

fn find_mark(doc: &Doc, layout: &Layout, marks: &[(&str, &'static str)]) -> Option<(String, Span)> {
    let first = layout
        .top
        .unwrap_or(layout.heading.start)
        .min(layout.heading.start)
        .saturating_sub(BEFORE_HEADING);
    let last = (layout.heading.end + AFTER_HEADING)
        .min(layout.body.end.max(layout.heading.end))
        .min(doc.lines.len());
    for i in first..last {
        if Some(i) == layout.kinh_gui {
            break;
        }
        for (start, end) in segments(doc, i) {
            if let Some(code) = mark_of(doc, (start, end), marks) {
                return Some((code.to_string(), (start, end)));
            }
        }
    }
    None
}

/// Whether the line is an urgency or security stamp and nothing else (`KHẨN`, `(MẬT)`):
/// a stamp put under a wrapped abstract is not its last line.
pub fn is_stamp(doc: &Doc, line: crate::doc::Line) -> bool {
    let span = (line.start, line.end);
    mark_of(doc, span, URGENCY).is_some() || mark_of(doc, span, SECURITY).is_some()
}

/// The column segments of a line: runs of text separated by two or more spaces or a tab.
fn segments(doc: &Doc, i: usize) -> Vec<Span> {
    let line = doc.lines[i];
    let key = doc.line_key(line).as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut j = 0;
    while j < key.len() {
        let gap = key[j] == b'\t' || (key[j] == b' ' && key.get(j + 1) == Some(&b' '));
        if gap {
            if j > start {
                out.push((line.start + start, line.start + j));
            }
            while j < key.len() && (key[j] == b' ' || key[j] == b'\t') {
                j += 1;
            }
            start = j;
        } else {
            j += 1;
        }
    }
    if start < key.len() {
        out.push((line.start + start, line.start + key.len()));
    }
    out
}

/// The code of a segment that is exactly a mark written in capitals (decorations such as
/// `(`, `)`, `*`, `:` and trailing dots aside).
fn mark_of(doc: &Doc, span: Span, marks: &[(&str, &'static str)]) -> Option<&'static str> {
    let (start, end) = trim_decoration(doc, span);
    if start >= end {
        return None;
    }
    // Word by word, so runs of white space match the single spaces of the names.
    let key = &doc.key[start..end];
    let &(_, code) = marks
        .iter()
        .find(|(name, _)| key.split_whitespace().eq(name.split(' ')))?;
    let text = doc.slice(start, end);
    let all_caps = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    all_caps.then_some(code)
}

fn trim_decoration(doc: &Doc, (mut start, mut end): Span) -> Span {
    let key = doc.key.as_bytes();
    let deco = |b: u8| b" ()[]*:.!-_\"'".contains(&b);
    while start < end && deco(key[start]) {
        start += 1;
    }
    while end > start && deco(key[end - 1]) {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> (Option<String>, Option<String>) {
        let doc = Doc::new(text.to_string());
        let layout = Layout::find(&doc);
        (
            urgency(&doc, &layout).map(|m| m.0),
            security(&doc, &layout).map(|m| m.0),
        )
    }

    const HEAD: &str = "UBND TỈNH A\nSỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/SYT-VP\n";
    const TAIL: &str = "V/v khẩn trương thực hiện\n\nHà Nội, ngày 01 tháng 02 năm 2024\n\nKính gửi: Các đơn vị\n\nĐề nghị khẩn trương báo cáo. Tài liệu mật.\n";

    #[test]
    fn marks_standing_on_their_own_line() {
        let table = [
            ("KHẨN", Some("khan"), None),
            ("THƯỢNG KHẨN", Some("thuong_khan"), None),
            ("HỎA TỐC", Some("hoa_toc"), None),
            ("HỎA TỐC HẸN GIỜ", Some("hoa_toc"), None),
            ("MẬT", None, Some("mat")),
            ("TỐI MẬT", None, Some("toi_mat")),
            ("TUYỆT MẬT", None, Some("tuyet_mat")),
            ("(KHẨN)", Some("khan"), None),
        ];
        for (mark, urgency, security) in table {
            let text = format!("{HEAD}{mark}\n{TAIL}");
            let got = marks(&text);
            assert_eq!(got.0.as_deref(), urgency, "{mark}");
            assert_eq!(got.1.as_deref(), security, "{mark}");
        }
    }

    #[test]
    fn mark_in_a_column_beside_the_number() {
        let text = format!(
            "{}Số: 12/SYT-VP        HỎA TỐC\n{TAIL}",
            HEAD.replace("Số: 12/SYT-VP\n", "")
        );
        assert_eq!(marks(&text).0.as_deref(), Some("hoa_toc"));
    }

    #[test]
    fn words_in_sentences_are_no_marks() {
        let table = [
            "Khẩn",
            "Mật",
            "KHẨN TRƯƠNG",
            "BÍ MẬT NHÀ NƯỚC",
            "Tài liệu MẬT",
        ];
        for line in table {
            let text = format!("{HEAD}{line}\n{TAIL}");
            assert_eq!(marks(&text), (None, None), "{line}");
        }
        let text = format!("{HEAD}{TAIL}\nKHẨN\n\nMẬT\n");
        assert_eq!(marks(&text), (None, None), "marks far in the body");
    }

    #[test]
    fn a_stamp_line_is_told_from_text() {
        let doc = Doc::new("KHẨN\n  (TỐI MẬT)\nKhẩn trương\nKHẨN TRƯƠNG\n".to_string());
        let stamps: Vec<bool> = doc.lines.iter().map(|&l| is_stamp(&doc, l)).collect();
        assert_eq!(stamps, [true, true, false, false]);
    }
}
