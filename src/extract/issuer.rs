//! Issuing body and its parent (tên cơ quan ban hành, cơ quan chủ quản).
//!
//! The issuer block is the left column of the heading: the lines above the first anchor,
//! and the text left of the national title, motto, number or date on the anchor lines
//! of a flattened heading. Its lines are grouped into bodies: a line that starts with a
//! body word (`SỞ`, `CỤC`, `HUYỆN ỦY`, `TRUNG TÂM` …) starts a new body, any other line
//! (`TỈNH GIA LAI`, `TRUNG ƯƠNG`, `CHÍNH` of a wrapped `BỘ TÀI`) continues the one above.
//! The last body is the issuer, the one above it the parent.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::extract::date::is_date_line;
use crate::layout::{Layout, MOTTO, NUMBER_LABEL, title_anchor};

/// Words that open the name of a body (folded). A line starting with one of them starts
/// a new body in the issuer block.
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:bo|so|cuc|tong cuc|vu|vien|ubnd|uy ban|hoi dong|hdnd|chinh phu|van phong|",
        r"trung tam|truong|dai hoc|hoc vien|benh vien|ban|phong|chi cuc|thue|kho bac|",
        r"kiem toan|thanh tra|toa an|cong an|bo chi huy|bo tu lenh|quan khu|tinh uy|",
        r"thanh uy|huyen uy|quan uy|thi uy|dang uy|dang bo|chi bo|doan|hoi|lien doan|",
        r"cong doan|mat tran|tap doan|tong cong ty|cong ty|ngan hang|chu tich|thu tuong|",
        r"bo truong|giam doc|hai quan|chi nhanh|bao hiem|quoc hoi|to|dai su quan|",
        r"nha xuat ban|dai|bql|ban quan ly|khu|lien minh|hop tac xa|quy|ubkt|ban chap hanh|",
        r"hoc vien|vien kiem sat|bch|tand|vksnd|trung doan|su doan|lu doan|tieu doan|",
        // bodies of communes and enterprises: trạm y tế, đội, chi hội, chi đoàn
        r"tram|doi|chi hoi|chi doan|xi nghiep|nha may|ubmttq)\b"
    ))
    .expect("valid regex")
});

/// Whether a line key opens with the name of a body (`sở …`, `ủy ban …`, `cục …`).
pub fn opens_body(key: &str) -> bool {
    BODY_START.is_match(key)
}

/// Titles that, alone on a line, are continued by the body they head
/// (`CHỦ TỊCH` / `ỦY BAN NHÂN DÂN TỈNH …`).
static TITLE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:chu tich|thu tuong|bo truong|giam doc|tong giam doc)(?: uy| uy ban| hoi dong)?$",
    )
    .expect("valid regex")
});

/// Lines that continue the name above: a unit word and a place, a joining word.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:tinh|thanh pho|tp\.?|huyen|quan|xa|phuong|thi xa|thi tran|dac khu|trung uong|viet nam|mien|khu vuc|va|cua|ve|cho|tai|thuoc|tren|-|&)(?:\s|$)")
        .expect("valid regex")
});

/// Party committees named after a unit (`HUYỆN ỦY …`, `TỈNH ỦY …`) are bodies.
static COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:tinh|huyen|quan|thi|thanh|xa|phuong) uy\b").expect("valid regex")
});

/// A line that leaves its name open: it ends on a joining word or a hyphen, or on
/// `KHU VỰC`, which a regional office's name follows with the region's places or
/// number (`CHI CỤC THUẾ KHU VỰC` / `HÒA AN - TÂN MỸ`).
static OPEN_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\s(?:va|cua|khu vuc)|-|&)$").expect("valid regex"));

/// Lines above the heading that are not the issuer: gazette section banners.
static NOT_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:van ban quy pham phap luat|van ban hop nhat|van ban khac|van ban phap luat|muc luc|du thao|mat|khan|hoa toc|thuong khan|toi mat|tuyet mat)$")
        .expect("valid regex")
});

/// One piece of the left column.
#[derive(Debug, Clone, Copy)]
struct Piece {
    span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: Option<(String, Span)>,
    pub parent: Option<(String, Span)>,
}

pub fn extract(doc: &Doc, layout: &Layout) -> Found {
    let pieces = left_column(doc, layout);
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    for piece in pieces {
        let key = doc.key[piece.span.0..piece.span.1].trim();
        if let Some(last) = groups.last_mut() {
            let previous = group_key(doc, last);
            // A line that cannot stand as a name continues the one above: a title alone
            // (`CHỦ TỊCH` / `ỦY BAN …`), a lone word or letter of a name broken by a
            // narrow cell (`ỦY` / `BAN NHÂN DÂN`), a bare generic head (`VĂN PHÒNG` /
            // `CHÍNH PHỦ`).
            let incomplete = TITLE_ONLY.is_match(&previous)
                || BARE_HEAD.is_match(&previous)
                || previous.split_whitespace().count() == 1
                || OPEN_END.is_match(&previous);
            // A unit and place (`TỈNH GIA LAI`), a joining word (`VÀ XÃ HỘI`) or a short
            // tail (`NÔNG THÔN`) continues the name above; other lines name a new body.
            let continuation = (CONTINUATION.is_match(key) && !COMMITTEE.is_match(key))
                || (key.split_whitespace().count() <= 2 && !BODY_START.is_match(key));
            if continuation || incomplete {
                last.push(piece);
                continue;
            }
        }
        groups.push(vec![piece]);
    }
    // A gazette banner repeats the issuer right above it, wrapped differently.
    groups
        .dedup_by(|a, b| group_key(doc, a).replace(' ', "") == group_key(doc, b).replace(' ', ""));
    if groups.is_empty() {
        return Found {
            name: enacting_body(doc, layout),
            parent: None,
        };
    }
    if is_joint(doc)
        && let Some(found) = lead_of_stacked(doc, &groups)
    {
        return found;
    }
    let mut named = groups.iter().rev().map(|g| joined(doc, g));
    let name = named.next().map(lead_body);
    let parent = named.next();
    Found { name, parent }
}

/// A joint document's type line (`KẾ HOẠCH LIÊN TỊCH`, `HƯỚNG DẪN LIÊN NGÀNH`) or
/// combined symbol (`01/2024/KHLT-SNV-LĐLĐ`, `05/NQLT-UBND-MTTQ`, `12/HD-LN`).
static JOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[a-z ]{2,20} (?:lien tich|lien nganh)$|",
        r"so\s*:?\s*\d+\s*/(?:\d{4}/)?(?:[a-z]+lt(?:-|$)|[a-z]+-ln\b))"
    ))
    .expect("valid regex")
});

/// Whether the document is joint: a type line or a symbol near the top says so.
pub fn is_joint(doc: &Doc) -> bool {
    doc.lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(40)
        .any(|&l| JOINT.is_match(doc.line_key(l).trim()))
}

/// Places that make a body's name stand on its own (`… TỈNH BÌNH LÂM`, `… XÃ TÂN LẬP`).
static OWN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b").expect("valid regex")
});

/// The bodies of a joint document stacked in the heading: the lead body comes first,
/// under its parent when it has one (`UBND TỈNH …` / `SỞ NỘI VỤ` / `LIÊN ĐOÀN LAO ĐỘNG
/// TỈNH …`); the bodies after it are the other issuers, not the lead's subordinates.
/// Three names: parent, lead, other. Two names that each stand on their own (both name
/// their place, or both are ministries): lead, other. Otherwise the usual parent over
/// issuer.
fn lead_of_stacked(doc: &Doc, groups: &[Vec<Piece>]) -> Option<Found> {
    let keys: Vec<String> = groups.iter().map(|g| group_key(doc, g)).collect();
    match groups {
        [parent, lead, _, ..] if !OWN_PLACE.is_match(&keys[1]) || OWN_PLACE.is_match(&keys[0]) => {
            Some(Found {
                name: Some(lead_body(joined(doc, lead))),
                parent: Some(joined(doc, parent)),
            })
        }
        [lead, _]
            if keys
                .iter()
                .all(|k| OWN_PLACE.is_match(k) || k.starts_with("bo ")) =>
        {
            Some(Found {
                name: Some(lead_body(joined(doc, lead))),
                parent: None,
            })
        }
        _ => None,
    }
}

/// A joint document names its bodies on one line joined by a dash (`BỘ NỘI VỤ - BỘ TÀI
/// CHÍNH`): the lead body, written first, is the issuer (format.md: joint documents use
/// the lead body's series). A dash inside one body's name (`BỘ LAO ĐỘNG - THƯƠNG BINH VÀ
/// XÃ HỘI`, `SỞ GIÁO DỤC - ĐÀO TẠO`) is not followed by a body's name and stays.
fn lead_body((value, span): (String, Span)) -> (String, Span) {
    if let Some(at) = value.find(" - ") {
        let (first, rest) = (&value[..at], &value[at + 3..]);
        let fold = |t: &str| crate::fold::fold_words(t);
        if opens_body(&fold(first)) && opens_body(&fold(rest)) && !BARE_HEAD.is_match(&fold(rest)) {
            let end = span.0 + first.chars().count();
            return (first.to_string(), (span.0, end.min(span.1)));
        }
    }
    (value, span)
}

/// Generic heads that need the words after them to name a body.
static BARE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:van phong|uy ban|hoi dong|ban|uy ban nhan dan|hoi dong nhan dan|so|bo|cuc|tong cuc)$",
    )
    .expect("valid regex")
});

/// A heading without its left column: the enacting body printed in capitals under the
/// title (`ỦY BAN THƯỜNG VỤ QUỐC HỘI`, `CHÍNH PHỦ`) names the issuer. A heading that lost
/// its capitals knows that line by its place instead: right above the recitals.
fn enacting_body(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    let from = layout.top?;
    layout
        .heading
        .clone()
        .skip_while(|&i| i <= from)
        .find_map(|i| {
            let line = doc.lines[i];
            let key = doc.line_key(line);
            // Without capitals, an abstract right above the recitals could pass for a
            // body (`ban hành …`, `quy định …`): it opens with a verb or a type word.
            let capital = if layout.caseless {
                before_recitals(doc, i)
                    && !key.starts_with("ban hanh")
                    && !super::kind::opens_with_type_name(key)
            } else {
                super::kind::mostly_upper(doc.line_text(line))
            };
            let words_only = !key.bytes().any(|b| b.is_ascii_digit() || b == b':');
            (capital
                && words_only
                && key.len() <= 60
                && BODY_START.is_match(key)
                && !starts_title(key)
                && !TITLE_ONLY.is_match(key))
            .then(|| (doc.value((line.start, line.end)), (line.start, line.end)))
        })
}

/// The next non-blank line after line `i` opens the recitals (`Căn cứ …`).
fn before_recitals(doc: &Doc, i: usize) -> bool {
    doc.lines[i + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|&l| super::subject::is_recital(doc.line_key(l)))
}

fn group_key(doc: &Doc, group: &[Piece]) -> String {
    group
        .iter()
        .map(|p| doc.key[p.span.0..p.span.1].trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn joined(doc: &Doc, group: &[Piece]) -> (String, Span) {
    // Letters broken one per line (`V` / `Ă` / `N PHÒNG`) join without spaces.
    let mut value = String::new();
    let mut glue = false;
    for piece in group {
        let part = doc.value(piece.span);
        if !value.is_empty() && !glue {
            value.push(' ');
        }
        glue = part.chars().count() == 1;
        value.push_str(&part);
    }
    let span = (group[0].span.0, group[group.len() - 1].span.1);
    (value, span)
}

/// The left-column text of the heading's lines, top to bottom, down to the first line
/// that holds the number, the date or the type name.
fn left_column(doc: &Doc, layout: &Layout) -> Vec<Piece> {
    let Some(top) = layout.top else {
        return Vec::new();
    };
    let mut pieces = Vec::new();
    // The line that gave the last piece: a name wrapped onto one line more than the
    // national title and motto take goes on right under it, once the motto is above (a
    // line before it may end the right column's title: `… CHỦ NGHĨA VIỆT` / `NAM`).
    let mut last_piece: Option<usize> = None;
    let motto_line = layout
        .heading
        .clone()
        .find(|&i| MOTTO.is_match(doc.line_key(doc.lines[i])));
    for i in layout.heading.clone() {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        if line.is_blank() {
            continue;
        }
        // Where the right column (or the number, or the date) begins on this line.
        let cut = [
            title_anchor(doc, i),
            number_start(key),
            date_start(key),
            column_gap(key),
        ]
        .into_iter()
        .flatten()
        .min();
        // OCR that reads the right column first puts the date line above the issuer
        // (`Thạch Bình, ngày …` / `UBND HUYỆN …` / `ỦY BAN NHÂN DÂN XÃ …` / `Số: …`):
        // with nothing of the left column read yet, the date line does not end it.
        let date_first = pieces.is_empty() && !NUMBER_LABEL.is_match(key);
        let stop_here = i >= top
            && (NUMBER_LABEL.is_match(key)
                || (is_date_line(key) && !date_first)
                || starts_title(key)
                || starts_abstract(key));
        let end = cut.unwrap_or(key.len());
        let wrapped_tail = last_piece == Some(i.wrapping_sub(1))
            && motto_line.is_some_and(|m| m < i)
            && !stop_here
            && is_wrapped_tail(doc, i, layout.caseless);
        if i >= top
            && cut.is_none()
            && !wrapped_tail
            && !looks_like_issuer_line(doc, i, layout.caseless)
        {
            if stop_here {
                break;
            }
            continue;
        }
        let span = doc.tidy(strip_decoration(doc, (line.start, line.start + end)));
        if span.1 > span.0 && is_issuer_text(&doc.key[span.0..span.1]) {
            pieces.extend(split_bodies(doc, span));
            last_piece = Some(i);
        }
        if stop_here {
            break;
        }
    }
    pieces
}

/// After the first anchor, a line with no anchor of its own belongs to the issuer only
/// when it reads like a heading line (short, in capitals unless the heading lost them),
/// as in OCR output that interleaves the two columns line by line.
fn looks_like_issuer_line(doc: &Doc, i: usize, caseless: bool) -> bool {
    let line = doc.lines[i];
    let text = doc.line_text(line);
    let key = doc.line_key(line);
    let words = key.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    // A body's name, or the unit and place that go on with the name above
    // (`ỦY BAN NHÂN DÂN` / `CỘNG HÒA …` / `TỈNH NINH BÌNH`).
    let unit_and_place = UNIT_AND_PLACE.is_match(words) && !COMMITTEE.is_match(words);
    key.len() <= 60
        && (caseless || super::kind::mostly_upper(text))
        && !starts_title(key)
        && (BODY_START.is_match(words) || unit_and_place)
}

/// The last words of a name wrapped one line lower than the right column
/// (`CÔNG TY CẤP THOÁT NƯỚC` / `PHƯỚC THÀNH` under the motto's line): a short line in
/// capitals, right under an issuer line, that the grouping reads as a continuation (a
/// unit and place, a joining word, or at most two words that open no body).
fn is_wrapped_tail(doc: &Doc, i: usize, caseless: bool) -> bool {
    let line = doc.lines[i];
    let key = doc.line_key(line).trim();
    // Words only: a typewriter rule (`-----o0o-----`) under the name is no part of it.
    let words = key
        .split_whitespace()
        .all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '~'));
    let continues = words && (CONTINUATION.is_match(key) && !COMMITTEE.is_match(key))
        || words && (key.split_whitespace().count() <= 2 && !BODY_START.is_match(key));
    continues
        && (caseless || super::kind::mostly_upper(doc.line_text(line)))
        && !starts_title(key)
        && !is_date_line(key)
        && is_issuer_text(key)
}

/// An administrative unit and its place name (`TỈNH NINH BÌNH`, `XÃ TÂN PHÚ`).
static UNIT_AND_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:tinh|thanh pho|tp\.?|huyen|quan|xa|phuong|thi xa|thi tran|dac khu)\s+[a-z~]")
        .expect("valid regex")
});

fn starts_title(key: &str) -> bool {
    crate::extract::kind::find_title_in_key(key)
}

fn starts_abstract(key: &str) -> bool {
    key.starts_with("v/v") || key.starts_with("ve viec")
}

/// Where the number label starts, with a type name written before it (`Nghị quyết số:`).
fn number_start(key: &str) -> Option<usize> {
    let m = NUMBER_LABEL.find(key)?;
    let at = key[m.start()..]
        .find("so")
        .map_or(m.start(), |p| m.start() + p);
    let before = key[..at].trim_end();
    let name_start = before.rfind("  ").map_or(0, |p| p + 2);
    let left = before[name_start..].trim();
    if !left.is_empty() && crate::extract::kind::find_title_in_key(left) {
        return Some(name_start);
    }
    Some(at)
}

/// Two bodies flattened onto one line (`TẬP ĐOÀN … VIỆT NAM CÔNG TY …`): split before a
/// word that can only open the name of a subordinate body.
fn split_bodies(doc: &Doc, span: Span) -> Vec<Piece> {
    let key = &doc.key[span.0..span.1];
    if key.split_whitespace().count() < 6 {
        return vec![Piece { span }];
    }
    let inside = SUBORDINATE_INSIDE.find_iter(key).find(|m| {
        m.start() > 0 && !key[..m.start()].ends_with(" tong") && !key[..m.start()].ends_with("tong")
    });
    match inside {
        Some(m) => {
            let at = span.0 + m.start() + 1;
            vec![
                Piece {
                    span: doc.tidy((span.0, at)),
                },
                Piece {
                    span: doc.tidy((at, span.1)),
                },
            ]
        }
        None => vec![Piece { span }],
    }
}

/// Words that open a subordinate body's name when they stand inside a line.
static SUBORDINATE_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r" (?:cong ty|chi cuc|trung tam|benh vien|so (?:y te|giao duc|tai chinh|noi vu|tu phap|xay dung|cong thuong|van hoa|nong nghiep|khoa hoc|lao dong|tai nguyen|ke hoach|giao thong|thong tin|ngoai vu|du lich|dan toc)|truong (?:dai hoc|cao dang|trung hoc|thpt|thcs|tieu hoc|mam non|mau giao|trung cap)|cuc (?:thue|hai quan|quan ly|thong ke))\b")
        .expect("valid regex")
});

fn date_start(key: &str) -> Option<usize> {
    if !is_date_line(key) {
        return None;
    }
    let at = key.find("ngay")?;
    // Back up over the place name and its comma to the column gap.
    let before = key[..at].trim_end().strip_suffix(',')?;
    Some(before.rfind("  ").map_or(0, |p| p + 2))
}

/// Two or more spaces or a tab inside the line: a column boundary.
fn column_gap(key: &str) -> Option<usize> {
    let trimmed_start = key.len() - key.trim_start().len();
    let inner = &key[trimmed_start..];
    [inner.find("   "), inner.find('\t')]
        .into_iter()
        .flatten()
        .min()
        .map(|p| p + trimmed_start)
}

/// Drops decorative marks around the name: `-0-`, `*`, rules, stray pipes.
fn strip_decoration(doc: &Doc, (mut start, mut end): Span) -> Span {
    let key = doc.key.as_bytes();
    let deco = |b: u8| matches!(b, b' ' | b'-' | b'_' | b'=' | b'*' | b'~' | b'|');
    while start < end && deco(key[start]) {
        start += 1;
    }
    while end > start && deco(key[end - 1]) {
        end -= 1;
    }
    (start, end)
}

fn is_issuer_text(key: &str) -> bool {
    let letters = key.bytes().filter(u8::is_ascii_alphabetic).count();
    letters >= 2 && !NOT_ISSUER.is_match(key.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n";

    /// Name and parent, lower-cased for comparison.
    fn found(text: &str) -> (Option<String>, Option<String>) {
        let doc = Doc::new(text.to_string());
        let found = extract(&doc, &Layout::find(&doc));
        let lower = |v: Option<(String, Span)>| v.map(|(s, _)| s.to_lowercase());
        (lower(found.name), lower(found.parent))
    }

    #[test]
    fn stacked_joint_bodies_give_the_lead_under_its_parent() {
        let (name, parent) = found(
            "UBND TỈNH BÌNH LÂM\nSỞ NỘI VỤ\n-------\nLIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH LÂM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 01/2024/KHLT-SNV-LĐLĐ\nBình Lâm, ngày 22 tháng 01 năm 2024\n\nKẾ HOẠCH LIÊN TỊCH\nTổ chức Hội nghị\n",
        );
        assert_eq!(name.as_deref(), Some("sở nội vụ"));
        assert_eq!(parent.as_deref(), Some("ubnd tỉnh bình lâm"));
        // Not joint: three levels give the lowest body under the one above it.
        let (name, parent) = found(
            "UBND TỈNH BÌNH LÂM\nSỞ NỘI VỤ\nTRUNG TÂM LƯU TRỮ LỊCH SỬ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 11/KH-TTLT\nBình Lâm, ngày 22 tháng 01 năm 2024\n\nKẾ HOẠCH\nChỉnh lý tài liệu\n",
        );
        assert_eq!(name.as_deref(), Some("trung tâm lưu trữ lịch sử"));
        assert_eq!(parent.as_deref(), Some("sở nội vụ"));
        // Two ministries one under the other: the first leads, no parent.
        let (name, parent) = found(
            "BỘ NỘI VỤ\nBỘ TÀI CHÍNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 07/2024/TTLT-BNV-BTC\nHà Nội, ngày 15 tháng 4 năm 2024\n\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn\n",
        );
        assert_eq!(name.as_deref(), Some("bộ nội vụ"));
        assert_eq!(parent, None);
    }

    #[test]
    fn joint_bodies_on_one_line_give_the_lead_body() {
        let (name, parent) = found(
            "BỘ NỘI VỤ - BỘ TÀI CHÍNH                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n      -----------                       Độc lập - Tự do - Hạnh phúc\nSố: 07/2024/TTLT-BNV-BTC                         Hà Nội, ngày 15 tháng 4 năm 2024\n\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn chế độ phụ cấp\n",
        );
        assert_eq!(name.as_deref(), Some("bộ nội vụ"));
        assert_eq!(parent, None);
        // A dash inside one body's name stays.
        let (name, _) = found(
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 10/2024/TT-BLĐTBXH\n\nTHÔNG TƯ\nQuy định\n",
        );
        assert_eq!(name.as_deref(), Some("bộ lao động - thương binh và xã hội"));
    }

    /// Each heading as written and in lower case (TCVN3 capital fonts) gives the same
    /// issuer.
    #[test]
    fn lower_case_headings_give_the_same_issuer() {
        let table = [
            (
                format!("ỦY BAN NHÂN DÂN\n\nTỈNH QUẢNG TRỊ\n\n{MOTTO}Số: 06/CT-UBND\n"),
                Some("ủy ban nhân dân tỉnh quảng trị"),
                None,
            ),
            (
                format!(
                    "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nĐỒNG THÁP\n\nTRƯỜNG THPT ĐỐC BINH KIỀU\n\n{MOTTO}\
                     Số: /KH-THPTĐBK\n"
                ),
                Some("trường thpt đốc binh kiều"),
                Some("sở giáo dục và đào tạo đồng tháp"),
            ),
            // no left column: the enacting body right above the recitals
            (
                format!(
                    "{MOTTO}Số: 1654/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp các đơn vị \
                     hành chính cấp xã\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp;\n"
                ),
                Some("ủy ban thường vụ quốc hội"),
                None,
            ),
            // an abstract right above the recitals is no body
            (
                format!(
                    "{MOTTO}Số: 12/NQ-HĐND\n\nNGHỊ QUYẾT\n\nBan hành Quy chế làm việc\n\n\
                     Căn cứ Luật Tổ chức chính quyền địa phương;\n"
                ),
                None,
                None,
            ),
            (
                format!(
                    "{MOTTO}Số: 21/2025/TT-BGDĐT\n\nQuy định chế độ trả lương\n\nCăn cứ Luật;\n"
                ),
                None,
                None,
            ),
        ];
        for (text, name, parent) in table {
            let want = (name.map(str::to_string), parent.map(str::to_string));
            assert_eq!(found(&text), want, "{text:?}");
            assert_eq!(found(&text.to_lowercase()), want, "lower case: {text:?}");
        }
    }

    /// A regional office's name goes on after `KHU VỰC` with its region, which names no
    /// body of its own (PDF text reading the left column whole).
    #[test]
    fn a_name_open_after_khu_vuc_goes_on() {
        let text = "CỤC THUẾ TỈNH PHƯỚC THÀNH\nCHI CỤC THUẾ KHU VỰC\nHÒA AN - TÂN MỸ\n\
                    Số: 318/CCTKV-TTHT\nV/v hướng dẫn quyết toán thuế\n";
        let want = (
            Some("chi cục thuế khu vực hòa an - tân mỹ".to_string()),
            Some("cục thuế tỉnh phước thành".to_string()),
        );
        assert_eq!(found(text), want);
    }

    /// OCR of a scan reads the heading's columns in whatever order: the right column
    /// first (date line above the issuer), or line by line with a commune body
    /// (`TRẠM Y TẾ XÃ …`) after the national title.
    #[test]
    fn columns_read_in_ocr_order() {
        let table = [
            (
                format!(
                    "{MOTTO}Thạch Bình, ngày 08 tháng 11 năm 2024
UBND HUYỆN THẠCH LÂM
                     ỦY BAN NHÂN DÂN XÃ THẠCH BÌNH
Số: 107/TB-UBND

THÔNG BÁO
"
                ),
                Some("ủy ban nhân dân xã thạch bình"),
                Some("ubnd huyện thạch lâm"),
            ),
            (
                "TRUNG TÂM Y TẾ HUYỆN ĐÔNG LÂM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                 TRẠM Y TẾ XÃ TÂN ĐỊNH
Độc lập - Tự do - Hạnh phúc
Số: 09/BC-TYT
                 Tân Định, ngày 28 tháng 10 năm 2024

BÁO CÁO
"
                .to_string(),
                Some("trạm y tế xã tân định"),
                Some("trung tâm y tế huyện đông lâm"),
            ),
            // no left column at all: the date line is followed by the title, not a body
            (
                format!(
                    "{MOTTO}Hà Nội, ngày 08 tháng 11 năm 2024

THÔNG BÁO

Về việc họp
"
                ),
                None,
                None,
            ),
        ];
        for (text, name, parent) in table {
            let want = (name.map(str::to_string), parent.map(str::to_string));
            assert_eq!(found(&text), want, "{text:?}");
        }
    }

    /// A name wrapped one line lower than the national title and motto goes on under
    /// them; a typewriter rule there is no part of it.
    #[test]
    fn a_name_wrapped_below_the_motto_line() {
        let text = "UBND TỈNH PHƯỚC THÀNH          CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    CÔNG TY CẤP THOÁT NƯỚC             Độc lập - Tự do - Hạnh phúc\n\
                    PHƯỚC THÀNH\n-----------\nSố: 128/CV-CTN\n";
        assert_eq!(
            found(text),
            (
                Some("công ty cấp thoát nước phước thành".to_string()),
                Some("ubnd tỉnh phước thành".to_string())
            )
        );
        let text = "UỶ BAN NHÂN DÂN                 CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    TỈNH BÌNH LÂM                      Độc lập - Tự do - Hạnh phúc\n\
                    -----o0o-----\n\nSố: 245/QĐ-UB\n";
        assert_eq!(
            found(text).0.as_deref(),
            Some("uỷ ban nhân dân tỉnh bình lâm")
        );
        assert_eq!(
            found(&text.to_lowercase()).0.as_deref(),
            Some("uỷ ban nhân dân tỉnh bình lâm")
        );
        // Above the motto, a short line ends the national title, not the name.
        let text = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\n\
                    NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 4410/BNNMT-TCLN\n";
        assert_eq!(
            found(text).0.as_deref(),
            Some("bộ nông nghiệp và môi trường")
        );
    }
}
