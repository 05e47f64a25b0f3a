//! Số và ký hiệu: `Số: 2926/SYT-VP`, `Số: 56/2025/NQ-HĐND`, Party `Số 212-KL/TW`.
//!
//! The label is found on the folded key by the layout's `NUMBER_LABEL`; the number itself
//! is parsed from the text with nom, so the symbol keeps its letters (`QĐ`, `QyĐ`, `TTr`).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while, take_while1},
    character::complete::char,
    combinator::{opt, recognize},
    multi::many0,
    sequence::preceded,
};

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::extract::kind;
use crate::grammar::{latin_look_alikes, ocr_digits};
use crate::layout::{Layout, NUMBER_LABEL};
use crate::record::Number;

/// What the `Số` label was followed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A number and symbol, with the span of the whole `2926/SYT-VP`.
    Number(Number, Span),
    /// `Số:    /KH-UBND`: the label and symbol are there but the number was never filled in.
    Blank(Span),
}

/// Finds the document's own number in the heading.
pub fn extract(doc: &Doc, layout: &Layout) -> Option<Found> {
    for i in layout.heading.clone() {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        let Some(label) = NUMBER_LABEL.find(key) else {
            continue;
        };
        if cites_enacting_document(doc, i, key, label.start()) {
            continue;
        }
        // The label match may end on the first digit: back up to just after `số[:.]`.
        let after_label = label_end(key, label.start());
        let mut start = line.start + after_label;
        // `Số:` alone on its line: the number is on the next non-blank line.
        if key[after_label..].trim().is_empty() {
            match (i + 1..layout.heading.end.min(i + 3)).find(|&j| !doc.lines[j].is_blank()) {
                Some(j) => start = doc.lines[j].start,
                None => continue,
            }
        }
        let end = doc.line(doc.line_of(start)).end;
        let rest = doc.slice(start, end);
        if let Some(found) = parse_at(rest, start) {
            return Some(found);
        }
    }
    None
}

/// The caption of an annex after the signature, up to its `số`: `(Kèm theo Công văn số `.
static OWN_ANNEX_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[*_ ]*\(?\s*(?:ban hanh )?kem theo [a-z ]{2,40}?\bso\s*:?\s*")
        .expect("valid regex")
});

/// The number of a text without heading (a scrape or scan that starts below it) from the
/// caption of its own annex after the signature, `(Kèm theo Công văn số 6225/BVHTTDL-VP
/// ngày 18/11/2025 …)`: the annex is attached to this very document, so the caption names
/// it. Returns the number and the offset where it ends, for the date written after it.
pub fn from_annex_caption(doc: &Doc, layout: &Layout) -> Option<(Found, usize)> {
    if layout.top.is_some() || layout.sentence.is_some() {
        return None;
    }
    let annex = layout.annex?;
    let n = doc.lines.len();
    (annex..(annex + 6).min(n)).find_map(|i| {
        let line = doc.lines[i];
        let m = OWN_ANNEX_CAPTION.find(doc.line_key(line))?;
        let start = line.start + m.end();
        match parse_at(doc.slice(start, line.end), start)? {
            found @ Found::Number(_, (_, end)) => Some((found, end)),
            Found::Blank(_) => None,
        }
    })
}

/// An annexed regulation names the decision that enacts it, `(Ban hành kèm theo Quyết định
/// số 05/2006/QĐ-UBND …)`: that number is the decision's, and the regulation has none of
/// its own. (`Nghị quyết số: 78/2025/UBTVQH15` on a line of its own is the label.)
fn cites_enacting_document(doc: &Doc, i: usize, key: &str, label: usize) -> bool {
    // The match opens on `số` itself or on the character before it.
    let so = if key[label..].starts_with('s') {
        label
    } else {
        label + 1
    };
    let before = key[..so].trim_end();
    let Some(head) = kind::type_names().iter().find_map(|&(name, _)| {
        before
            .strip_suffix(name)
            .filter(|head| !head.ends_with(|c: char| c.is_ascii_alphanumeric()))
    }) else {
        return false;
    };
    let wrapped = || {
        head.trim_start_matches([' ', '(']).is_empty()
            && i.checked_sub(1)
                .is_some_and(|above| doc.line_key(doc.lines[above]).ends_with("kem theo"))
    };
    head.contains("kem theo") || wrapped()
}

/// Offset in `key` just past `số`, its colon or dot, and the spaces after them.
fn label_end(key: &str, from: usize) -> usize {
    let bytes = key.as_bytes();
    // `s0` is OCR's `Số` with its `ố` read as a zero (taken with a colon only).
    let mut i = key[from..]
        .find("so")
        .or_else(|| key[from..].find("s0"))
        .map_or(from, |p| from + p + 2);
    while i < bytes.len() && matches!(bytes[i], b' ' | b':' | b'.') && !next_is_blank_fill(bytes, i)
    {
        i += 1;
    }
    i
}

/// Dots right after the label that lead to a `/` are fill, part of the number field.
fn next_is_blank_fill(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'.'
        && bytes[i..]
            .iter()
            .take_while(|&&b| b == b'.' || b == b' ')
            .count()
            > 1
}

/// Parses the number field at the start of `text` (character offset `start` in the doc).
pub(crate) fn parse_at(text: &str, start: usize) -> Option<Found> {
    let (rest, field) = number_field(text).ok()?;
    let consumed = &text[..text.len() - rest.len()];
    let consumed = consumed.trim_end();
    let span = (start, start + consumed.chars().count());
    match field {
        Field::Blank => Some(Found::Blank(span)),
        Field::Filled { seq, sep, groups } => {
            let year = groups
                .first()
                .filter(|g| groups.len() > 1 && is_year(g))
                .and_then(|g| g.parse().ok());
            let symbol_groups = if year.is_some() {
                &groups[1..]
            } else {
                &groups[..]
            };
            let mut symbol = String::new();
            // Rebuild the symbol from what was written after the year, without spaces.
            let written: String = consumed.split_whitespace().collect();
            let after_seq = written
                .find(sep)
                .map_or("", |p| &written[p + sep.len_utf8()..]);
            let after_year = if year.is_some() {
                after_seq.split_once(SEPARATORS).map_or("", |(_, r)| r)
            } else {
                after_seq
            };
            symbol.push_str(after_year);
            if symbol.is_empty() && !symbol_groups.is_empty() {
                symbol = symbol_groups.join("-");
            }
            let symbol = latin_look_alikes(&symbol);
            let value = format!("{seq}{sep}{}", latin_look_alikes(after_seq));
            Some(Found::Number(
                Number {
                    value,
                    seq: seq.trim_start_matches('0').parse().ok().or(Some(0)),
                    year,
                    symbol: (!symbol.is_empty()).then_some(symbol),
                },
                span,
            ))
        }
    }
}

/// A number and symbol cited in running text (`12358/UBND-THKH`, `99- TB/TW`,
/// `…05…./2006/ QĐ-UBND`), parsed at the start of `text`: its canonical value (white
/// space and fill removed, as in `number.value`) and how many characters it covers.
pub fn cited(text: &str) -> Option<(String, usize)> {
    match parse_at(text, 0)? {
        Found::Number(number, span) => Some((number.value, span.1)),
        Found::Blank(_) => None,
    }
}

fn is_year(group: &str) -> bool {
    group.len() == 4
        && group.bytes().all(|b| b.is_ascii_digit())
        && (group.starts_with("19") || group.starts_with("20"))
}

#[derive(Debug, PartialEq)]
enum Field<'a> {
    Blank,
    Filled {
        /// The digits, look-alike letters read as digits.
        seq: String,
        sep: char,
        groups: Vec<&'a str>,
    },
}

// number_field := fill* (seq fill* sep symbol | sep symbol)
fn number_field(i: &str) -> IResult<&str, Field<'_>> {
    let (i, _) = fill(i)?;
    alt((filled, blank)).parse(i)
}

// filled := digits fill* ("/" | "-") ws* symbol
fn filled(i: &str) -> IResult<&str, Field<'_>> {
    let (i, seq) = ocr_digits(i, 1, 7)?;
    let (i, _) = fill(i)?;
    let (i, sep) = separator(i)?;
    let (i, groups) = symbol(i)?;
    Ok((i, Field::Filled { seq, sep, groups }))
}

// blank := "/" symbol   (the number was left for the clerk to fill in)
fn blank(i: &str) -> IResult<&str, Field<'_>> {
    let (i, _) = char('/').parse(i)?;
    let (i, _) = symbol(i)?;
    Ok((i, Field::Blank))
}

// symbol := ws? group (ws? ("/" | "-") ws? group)*
fn symbol(i: &str) -> IResult<&str, Vec<&str>> {
    let (i, first) = preceded(spaces, group).parse(i)?;
    let (i, more) = many0(preceded((spaces, separator, spaces), group)).parse(i)?;
    let mut groups = vec![first];
    groups.extend(more);
    Ok((i, groups))
}

// group := word (("." | "&" " "?)? word)*     word := (letter | digit)+
// (`V.I`, `ĐT&CTSV`, and `QLN& TTBĐS` as cited with a stray space)
fn group(i: &str) -> IResult<&str, &str> {
    let word = || take_while1(|c: char| c.is_alphanumeric());
    recognize((
        word(),
        many0((
            opt(alt((
                recognize(char('.')),
                recognize((char('&'), opt(char(' ')))),
            ))),
            word(),
        )),
        opt(char('&')),
    ))
    .parse(i)
}

/// What separates the parts of a number: `/`, `-` and the dashes word processors put
/// for `-` (`UBND–VP`).
const SEPARATORS: [char; 6] = ['/', '-', '\u{2013}', '\u{2014}', '\u{2010}', '\u{2011}'];

// separator := "/" | "-" | "–" | "—" | "‐" | "‑"
fn separator(i: &str) -> IResult<&str, char> {
    nom::character::complete::one_of(&SEPARATORS[..]).parse(i)
}

// spaces := at most a few blanks on the same line
fn spaces(i: &str) -> IResult<&str, &str> {
    let (rest, s) = take_while(|c: char| c == ' ' || c == '\t')(i)?;
    if s.len() > 2 {
        // A wide gap is a column boundary, not part of the symbol.
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Space,
        )));
    }
    Ok((rest, s))
}

// fill := (" " | "." | "…" | "_")*
fn fill(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| matches!(c, ' ' | '\t' | '.' | '…' | '_'))(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// value, seq, year, symbol, and the text the span covers.
    type Parsed = (String, Option<u64>, Option<u16>, Option<String>, String);
    /// input, value, seq, year, symbol, covered text.
    type Row<'a> = (
        &'a str,
        &'a str,
        Option<u64>,
        Option<u16>,
        Option<&'a str>,
        &'a str,
    );

    fn parse(text: &str) -> Option<Parsed> {
        match parse_at(text, 0)? {
            Found::Number(n, span) => Some((
                n.value,
                n.seq,
                n.year,
                n.symbol,
                text.chars().skip(span.0).take(span.1 - span.0).collect(),
            )),
            Found::Blank(_) => Some(("BLANK".into(), None, None, None, String::new())),
        }
    }

    #[test]
    fn accepts_real_number_shapes() {
        let table: [Row; 14] = [
            // the eth of legacy fonts and OCR, read as `Đ`
            (
                "12/QÐ-UBND",
                "12/QĐ-UBND",
                Some(12),
                None,
                Some("QĐ-UBND"),
                "12/QÐ-UBND",
            ),
            // dashes from a word processor, kept as written
            (
                "12/UBND–VP",
                "12/UBND–VP",
                Some(12),
                None,
                Some("UBND–VP"),
                "12/UBND–VP",
            ),
            (
                "30/2020/NĐ–CP",
                "30/2020/NĐ–CP",
                Some(30),
                Some(2020),
                Some("NĐ–CP"),
                "30/2020/NĐ–CP",
            ),
            (
                "2926/SYT-VP",
                "2926/SYT-VP",
                Some(2926),
                None,
                Some("SYT-VP"),
                "2926/SYT-VP",
            ),
            (
                "251 /CV-TTYT",
                "251/CV-TTYT",
                Some(251),
                None,
                Some("CV-TTYT"),
                "251 /CV-TTYT",
            ),
            (
                "56/2025/NQ-HĐND",
                "56/2025/NQ-HĐND",
                Some(56),
                Some(2025),
                Some("NQ-HĐND"),
                "56/2025/NQ-HĐND",
            ),
            (
                "212-KL/TW",
                "212-KL/TW",
                Some(212),
                None,
                Some("KL/TW"),
                "212-KL/TW",
            ),
            (
                "93. /KH-UBND",
                "93/KH-UBND",
                Some(93),
                None,
                Some("KH-UBND"),
                "93. /KH-UBND",
            ),
            (
                "144 /2002/QĐ/BTC        ------",
                "144/2002/QĐ/BTC",
                Some(144),
                Some(2002),
                Some("QĐ/BTC"),
                "144 /2002/QĐ/BTC",
            ),
            (
                "0130/KH-UBND",
                "0130/KH-UBND",
                Some(130),
                None,
                Some("KH-UBND"),
                "0130/KH-UBND",
            ),
            (
                "11554/VPCP-V.I",
                "11554/VPCP-V.I",
                Some(11554),
                None,
                Some("VPCP-V.I"),
                "11554/VPCP-V.I",
            ),
            (
                "l23/QĐ-UBND",
                "123/QĐ-UBND",
                Some(123),
                None,
                Some("QĐ-UBND"),
                "l23/QĐ-UBND",
            ),
            (
                "06/2022/TT-BТС",
                "06/2022/TT-BTC",
                Some(6),
                Some(2022),
                Some("TT-BTC"),
                "06/2022/TT-BТС",
            ),
            (
                "367 - QĐ/TWĐTN-VP",
                "367-QĐ/TWĐTN-VP",
                Some(367),
                None,
                Some("QĐ/TWĐTN-VP"),
                "367 - QĐ/TWĐTN-VP",
            ),
        ];
        for (text, value, seq, year, symbol, covered) in table {
            let got = parse(text).unwrap_or_else(|| panic!("no number in {text:?}"));
            assert_eq!(got.0, value, "{text}");
            assert_eq!(got.1, seq, "{text}");
            assert_eq!(got.2, year, "{text}");
            assert_eq!(got.3.as_deref(), symbol, "{text}");
            assert_eq!(got.4, covered, "{text}");
        }
    }

    /// The label as OCR and typists leave it, found in a whole heading.
    #[test]
    fn labels_in_a_heading() {
        let motto = "ỦY BAN NHÂN DÂN TỈNH BÌNH LÂM       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n";
        for (label, want) in [
            ("Số: 12/UBND-VP", Some("12/UBND-VP")),
            ("SỐ:12/UBND-VP", Some("12/UBND-VP")),
            ("Sổ: 12/UBND-VP", Some("12/UBND-VP")),
            ("S0: 12/UBND-VP", Some("12/UBND-VP")),
            ("S0 12/UBND-VP", None),
            ("Số: 12 / UBND- VP", Some("12/UBND-VP")),
        ] {
            let text = format!("{motto}{label}        Bình Lâm, ngày 5 tháng 3 năm 2024\n");
            let doc = Doc::new(text);
            let got = match extract(&doc, &Layout::find(&doc)) {
                Some(Found::Number(n, _)) => Some(n.value),
                _ => None,
            };
            assert_eq!(got.as_deref(), want, "{label:?}");
        }
    }

    #[test]
    fn unfilled_numbers_are_blank() {
        for text in ["   /KH-UBND", "..../QĐ-UBND", "/TB-VPCP"] {
            assert_eq!(
                parse(text).map(|g| g.0),
                Some("BLANK".to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for text in ["lượng cán bộ", "", "12 cán bộ", "V/v"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn leftover_input_is_what_follows_the_symbol() {
        let (rest, field) = number_field("12/QĐ-UBND   Hà Nội").expect("parses");
        assert_eq!(rest, "   Hà Nội");
        assert!(matches!(field, Field::Filled { ref seq, sep: '/', .. } if seq == "12"));
    }
}

#[cfg(test)]
mod cited_tests {
    use super::*;

    #[test]
    fn an_enacting_decision_is_not_the_number() {
        let label_of = |text: &str, line: usize| {
            let doc = Doc::new(text.to_string());
            let key = doc.line_key(doc.lines[line]);
            let label = NUMBER_LABEL.find(key).expect("a label").start();
            cites_enacting_document(&doc, line, key, label)
        };
        assert!(label_of(
            "(Ban hành kèm theo Quyết định số 05/2006/QĐ-UBND",
            0
        ));
        assert!(label_of(
            "(Ban hành kèm theo\nQuyết định số: 522/2002/QĐ.UB",
            1
        ));
        assert!(!label_of("Nghị quyết số: 78/2025/UBTVQH15", 0));
        assert!(!label_of("Luật số: 18/2003/QH11", 0));
        assert!(!label_of("Số: 12/QĐ-UBND", 0));
    }

    #[test]
    fn cited_numbers_with_what_they_cover() {
        let table = [
            ("12358/UBND-THKH ngày 05/10/2018", "12358/UBND-THKH", 15),
            ("99- TB/TW, ngày", "99-TB/TW", 9),
            ("38/2015/TT- BTC ngày", "38/2015/TT-BTC", 15),
            ("15972/SXD-QLN& TTBĐS ngày", "15972/SXD-QLN&TTBĐS", 20),
            ("3590/ĐHQGHN-ĐT&CTSV của", "3590/ĐHQGHN-ĐT&CTSV", 19),
            ("…05…./2006/ QĐ-UBND, ngày", "05/2006/QĐ-UBND", 19),
            ("107/2025 ngày", "107/2025", 8),
            ("45/2013/QH13.", "45/2013/QH13", 12),
        ];
        for (text, value, covered) in table {
            let (got, len) = cited(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(got, value, "{text:?}");
            assert_eq!(len, covered, "{text:?}");
        }
        for text in [".../QĐ-UBND", "ngày 12", "12 cán bộ"] {
            assert_eq!(cited(text), None, "{text:?}");
        }
    }

    /// A page without heading takes its number, and the date after it, from its own
    /// annex's caption; a document with a heading never does.
    #[test]
    fn a_headless_text_s_number_comes_from_its_annex_caption() {
        let page = "và báo cáo kết quả.\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\n\
                    PHỤ LỤC\n(Kèm theo Quyết định số 2145/QĐ-UBND ngày 28/10/2024 của UBND huyện)\n";
        let doc = Doc::new(page.to_string());
        let layout = Layout::find(&doc);
        let Some((Found::Number(number, _), end)) = from_annex_caption(&doc, &layout) else {
            panic!("no number from the caption");
        };
        assert_eq!(number.value, "2145/QĐ-UBND");
        let dated = crate::extract::date::after_own_number(&doc, end).expect("a date");
        assert_eq!(
            dated.date.and_then(|d| d.iso()).as_deref(),
            Some("2024-10-28")
        );
        let headed = format!("SỞ Y TẾ\nSố: 12/SYT-VP\n{page}");
        let doc = Doc::new(headed);
        assert!(from_annex_caption(&doc, &Layout::find(&doc)).is_none());
    }
}
