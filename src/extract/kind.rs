//! Document type: from the type name in the heading (`QUYẾT ĐỊNH`, `KẾ HOẠCH`), else
//! `cong_van` from `V/v` or `Kính gửi`, else the type abbreviation in the symbol.

use std::sync::LazyLock;

use nom::{IResult, Parser, bytes::complete::tag, character::complete::multispace0};
use regex::Regex;

use crate::doc::{Doc, Span};
use crate::layout::{Layout, NUMBER_LABEL, is_title_anchor};

/// Type names (folded) and their codes. Longer names come before their prefixes
/// (`thong tu lien tich` before `thong tu`), so the first match is the right one.
const TYPE_NAMES: &[(&str, &str)] = &[
    ("thong tu lien tich", "thong_tu_lien_tich"),
    ("nghi quyet lien tich", "nghi_quyet_lien_tich"),
    ("van ban hop nhat", "van_ban_hop_nhat"),
    ("nghi quyet", "nghi_quyet"),
    ("quyet dinh", "quyet_dinh"),
    ("chi thi", "chi_thi"),
    ("quy che", "quy_che"),
    ("quy dinh", "quy_dinh"),
    ("thong cao", "thong_cao"),
    ("thong bao", "thong_bao"),
    ("thong tri", "thong_tri"),
    ("huong dan", "huong_dan"),
    ("chuong trinh", "chuong_trinh"),
    ("ke hoach", "ke_hoach"),
    ("phuong an", "phuong_an"),
    ("de an", "de_an"),
    ("du an", "du_an"),
    ("bao cao", "bao_cao"),
    ("bien ban", "bien_ban"),
    ("to trinh", "to_trinh"),
    ("hop dong", "hop_dong"),
    ("cong van", "cong_van"),
    ("cong dien", "cong_dien"),
    ("ban ghi nho", "ban_ghi_nho"),
    ("ban thoa thuan", "ban_thoa_thuan"),
    ("ban cam ket", "ban_cam_ket"),
    ("giay uy quyen", "giay_uy_quyen"),
    ("giay moi", "giay_moi"),
    ("giay gioi thieu", "giay_gioi_thieu"),
    ("giay nghi phep", "giay_nghi_phep"),
    ("giay chung nhan", "giay_chung_nhan"),
    ("giay di duong", "giay_di_duong"),
    ("giay bien nhan", "giay_bien_nhan"),
    ("phieu gui", "phieu_gui"),
    ("phieu chuyen", "phieu_chuyen"),
    ("phieu bao", "phieu_bao"),
    ("thu cong", "thu_cong"),
    ("phap lenh", "phap_lenh"),
    ("luat", "luat"),
    ("lenh", "lenh"),
    ("nghi dinh", "nghi_dinh"),
    ("thong tu", "thong_tu"),
    ("ket luan", "ket_luan"),
    ("dieu le", "dieu_le"),
    ("chien luoc", "chien_luoc"),
    ("quy hoach", "quy_hoach"),
    ("tuyen bo", "tuyen_bo"),
    ("loi keu goi", "loi_keu_goi"),
    ("cuong linh", "cuong_linh"),
    ("to khai", "to_khai"),
];

/// Type abbreviations in symbols (ND 30/2020 and TT 01/2011 tables, legal normative and
/// Party types). Compared case-sensitively on the letters as written, except that an
/// all-capital form without `Đ` also matches (OCR and unaccented text lose the stroke).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("NQ", "nghi_quyet"),
    ("QĐ", "quyet_dinh"),
    ("CT", "chi_thi"),
    ("QC", "quy_che"),
    ("QyĐ", "quy_dinh"),
    ("TC", "thong_cao"),
    ("TB", "thong_bao"),
    ("HD", "huong_dan"),
    ("CTr", "chuong_trinh"),
    ("KH", "ke_hoach"),
    ("PA", "phuong_an"),
    ("ĐA", "de_an"),
    ("DA", "du_an"),
    ("BC", "bao_cao"),
    ("BB", "bien_ban"),
    ("TTr", "to_trinh"),
    ("HĐ", "hop_dong"),
    ("CĐ", "cong_dien"),
    ("BGN", "ban_ghi_nho"),
    ("GN", "ban_ghi_nho"),
    ("BTT", "ban_thoa_thuan"),
    ("TTh", "ban_thoa_thuan"),
    ("GUQ", "giay_uy_quyen"),
    ("UQ", "giay_uy_quyen"),
    ("GM", "giay_moi"),
    ("GGT", "giay_gioi_thieu"),
    ("GT", "giay_gioi_thieu"),
    ("GNP", "giay_nghi_phep"),
    ("NP", "giay_nghi_phep"),
    ("PG", "phieu_gui"),
    ("PC", "phieu_chuyen"),
    ("PB", "phieu_bao"),
    ("NĐ", "nghi_dinh"),
    ("TT", "thong_tu"),
    ("TTLT", "thong_tu_lien_tich"),
    ("KL", "ket_luan"),
    ("CV", "cong_van"),
    ("CK", "ban_cam_ket"),
    ("VBHN", "van_ban_hop_nhat"),
];

/// The type names (folded) and their codes, longer names before their prefixes; for
/// extractors that read type words in running text (cited documents).
pub fn type_names() -> &'static [(&'static str, &'static str)] {
    TYPE_NAMES
}

/// The type-name line of the heading, with the code and the span of the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub code: &'static str,
    pub line: usize,
    pub span: Span,
    /// Where the name ends on its line: a one-line `KẾ HOẠCH Triển khai …` keeps its
    /// subject after it.
    pub name_end: usize,
    /// Found only by its place under the anchors, in a heading without capitals: a
    /// lower-case `quy định …` there may be the abstract's verb, so the symbol's type, if
    /// any, must agree.
    pub by_place: bool,
}

// type_name := name (":" | end | space)
fn type_name(i: &str) -> IResult<&str, &'static str> {
    for &(name, code) in TYPE_NAMES {
        let parsed: IResult<&str, &str> = (tag(name), multispace0).map(|(n, _)| n).parse(i);
        if let Ok((rest, _)) = parsed {
            let boundary = rest.is_empty()
                || i.as_bytes()
                    .get(name.len())
                    .is_none_or(|b| !b.is_ascii_alphanumeric());
            if boundary {
                return Ok((rest, code));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// Finds the type-name line in the heading after its first anchor.
pub fn find_title(doc: &Doc, layout: &Layout) -> Option<Title> {
    let from = layout.top.unwrap_or(layout.heading.start);
    let mut after_abstract = false;
    // The previous non-blank line was a heading anchor: the type name's own place (ô 5a)
    // is right under the number and date.
    let mut after_anchor = false;
    for i in from..layout.heading.end {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        if key.is_empty() {
            after_abstract = false;
            continue;
        }
        if NUMBER_LABEL.is_match(key) || is_title_anchor(key) {
            after_anchor = true;
            continue;
        }
        if key.bytes().all(|b| b"-_=*~. ".contains(&b)) {
            // a rule under an anchor
            continue;
        }
        let under_anchor = std::mem::replace(&mut after_anchor, ends_date(key));
        if key.starts_with("v/v") || key.starts_with("ve viec") {
            after_abstract = true;
            continue;
        }
        // A narrow cell wraps the name itself: `NGHỊ` / `QUYẾT`.
        let next = doc
            .lines
            .get(i + 1)
            .filter(|l| !l.is_blank() && key.len() <= 6);
        let joined = next.map(|n| format!("{key} {}", doc.line_key(*n)));
        let (rest, code, end_line) = match type_name(key) {
            Ok((rest, code)) => (rest, code, i),
            Err(_) => match joined.as_deref().map(type_name) {
                Some(Ok(("", code))) => ("", code, i + 1),
                _ => continue,
            },
        };
        let name_end = if end_line == i {
            line.start + key[..key.len() - rest.len()].trim_end().len()
        } else {
            doc.lines[end_line].end
        };
        let text = doc.line_text(line);
        // `Chỉ thị của Thủ tướng … về việc …` continuing a `V/v` is an abstract; a short
        // `Nghị định của Chính phủ` (legacy headings lost their capitals) is a title.
        let short = key.split_whitespace().count() <= 8;
        // Without capitals, a type name that opens the line right under the anchors is
        // the title (`hướng dẫn tổ chức thi …`, `thông báo kết luận`).
        let cued = rest.is_empty()
            || rest.starts_with(':')
            || mostly_upper(text)
            || (short && (rest.starts_with("cua ") || rest.starts_with("ve ")));
        let by_place = !cued && layout.caseless && under_anchor && !rest.starts_with("so ");
        if (cued || by_place) && !after_abstract {
            return Some(Title {
                code,
                line: end_line,
                span: (line.start, name_end),
                name_end,
                by_place,
            });
        }
    }
    None
}

/// The end of a date line (`hà nội, ngày` / `26 tháng 11 năm 2025`), or all of it.
fn ends_date(key: &str) -> bool {
    static YEAR_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)nam\s*[0-9]{4}\s*[.,]?$").expect("valid regex"));
    crate::extract::date::is_date_line(key) || YEAR_END.is_match(key)
}

/// The type name a line key opens with: its code and the bytes it takes with the white
/// space after it.
pub fn leading_type_name(key: &str) -> Option<(&'static str, usize)> {
    type_name(key)
        .ok()
        .map(|(rest, code)| (code, key.len() - rest.len()))
}

/// Whether a line key opens with a type name, whatever follows it.
pub fn opens_with_type_name(key: &str) -> bool {
    type_name(key).is_ok()
}

/// A line that opens with a cited document (`quyết định số 142/2008/qđ-ttg …`): a
/// sentence of the body, not a title.
pub fn cites_document(key: &str) -> bool {
    type_name(key).is_ok_and(|(rest, _)| {
        rest.strip_prefix("so")
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Whether a line key opens with a type name used as a title (`quyet dinh`,
/// `ke hoach:`, `quyet dinh cua bo truong …`).
pub fn find_title_in_key(key: &str) -> bool {
    type_name(key).is_ok_and(|(rest, _)| {
        rest.is_empty()
            || rest.starts_with(':')
            || rest.starts_with("cua ")
            || rest.starts_with("ve ")
    })
}

/// Most letters of the line are capitals: a heading line, not a sentence.
pub fn mostly_upper(text: &str) -> bool {
    let (upper, letters) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| {
            (u + usize::from(c.is_uppercase()), l + 1)
        });
    letters > 0 && upper * 10 >= letters * 8
}

/// The type code from the abbreviation in a symbol (`QĐ-UBND` → `quyet_dinh`).
pub fn from_symbol(symbol: &str) -> Option<&'static str> {
    let first = symbol.split(['-', '/']).next()?;
    let exact = ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == first);
    // TCVN3 text lost its capitals (`nđ-cp`): compare in capitals as a last resort.
    let upper = first.to_uppercase();
    exact
        .or_else(|| {
            ABBREVIATIONS
                .iter()
                .find(|(abbr, _)| abbr.replace('Đ', "D") == first)
        })
        .or_else(|| {
            ABBREVIATIONS
                .iter()
                .find(|(abbr, _)| abbr.to_uppercase() == upper)
        })
        .map(|&(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_with_leftover() {
        let table = [
            ("quyet dinh", Some("quyet_dinh"), ""),
            ("thong tu lien tich", Some("thong_tu_lien_tich"), ""),
            ("thong tu so 1", Some("thong_tu"), "so 1"),
            ("quy dinh: ", Some("quy_dinh"), ": "),
            ("ke hoach trien khai", Some("ke_hoach"), "trien khai"),
            ("luatsu", None, ""),
            ("to trinhx", None, ""),
            ("kinh gui", None, ""),
        ];
        for (key, code, rest) in table {
            match type_name(key) {
                Ok((left, got)) => {
                    assert_eq!(Some(got), code, "{key}");
                    assert_eq!(left, rest, "{key}");
                }
                Err(_) => assert_eq!(code, None, "{key}"),
            }
        }
    }

    /// The title's code and whether only its place found it.
    fn title(text: &str) -> Option<(&'static str, bool)> {
        let doc = Doc::new(text.to_string());
        find_title(&doc, &Layout::find(&doc)).map(|t| (t.code, t.by_place))
    }

    #[test]
    fn lower_case_titles_are_found_by_their_place() {
        let heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
                       Số: 1274/HD-ĐHVN\n\nHà Nội, ngày 27 tháng 10 năm 2025\n\n";
        // (title block, code as written, code in lower case)
        let table = [
            (
                "QUYẾT ĐỊNH\nVề việc công bố\n",
                Some(("quyet_dinh", false)),
                Some(("quyet_dinh", false)),
            ),
            (
                "HƯỚNG DẪN TỔ CHỨC THI KẾT THÚC HỌC PHẦN\n\nCăn cứ …\n",
                Some(("huong_dan", false)),
                Some(("huong_dan", true)),
            ),
            // a rule under the date line does not move the title from its place
            (
                "-----\nTHÔNG BÁO KẾT LUẬN\ncủa Tổng Bí thư\n",
                Some(("thong_bao", false)),
                Some(("thong_bao", true)),
            ),
            // a sentence citing a document is no title, whatever the case
            (
                "Quyết định số 142/2008/QĐ-TTg ngày 27/10/2008\n",
                None,
                None,
            ),
            // not right under the anchors
            ("Kính gửi: Các sở\nKế hoạch triển khai …\n", None, None),
        ];
        for (block, clean, lower) in table {
            let text = format!("{heading}{block}");
            assert_eq!(title(&text), clean, "{text:?}");
            assert_eq!(title(&text.to_lowercase()), lower, "lower case: {text:?}");
        }
    }

    #[test]
    fn cited_documents_open_sentences() {
        assert!(cites_document("quyet dinh so 142/2008/qd-ttg ngay 27"));
        assert!(cites_document("nghi dinh so  12"));
        assert!(!cites_document("quyet dinh so: ve viec"));
        assert!(!cites_document("quyet dinh ve viec so 12"));
        assert!(!cites_document("so 12/qd"));
    }

    #[test]
    fn symbols_to_kinds() {
        let table = [
            ("QĐ-UBND", Some("quyet_dinh")),
            ("QD-UBND", Some("quyet_dinh")),
            ("KH-UBND", Some("ke_hoach")),
            ("TTr-UBND", Some("to_trinh")),
            ("TT-BTC", Some("thong_tu")),
            ("CV-TTYT", Some("cong_van")),
            ("SYT-VP", None),
            ("KL/TW", Some("ket_luan")),
            ("nđ-cp", Some("nghi_dinh")),
        ];
        for (symbol, code) in table {
            assert_eq!(from_symbol(symbol), code, "{symbol}");
        }
    }
}
