//! Place and date of issue: `Thanh Hóa, ngày 30 tháng 10 năm 2018`.
//!
//! The phrase is parsed with nom on the folded key (`ngay 30 thang 10 nam 2018`), which
//! takes lost diacritics, capitals, missing spaces (`ngày 30tháng10năm 2013`) and line
//! breaks in its stride; the place is the text before the comma on the same line.

use std::sync::LazyLock;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while_m_n},
    combinator::{map_res, opt, value},
};
use regex::Regex;

use crate::doc::{Doc, Span};
use crate::layout::Layout;

/// A date as far as the document fills it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// `YYYY-MM-DD`, `YYYY-MM` with a blank day, `None` with a blank month.
    pub fn iso(&self) -> Option<String> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Some(format!("{:04}-{:02}-{:02}", self.year, m, d)),
            (Some(m), None) => Some(format!("{:04}-{:02}", self.year, m)),
            _ => None,
        }
    }
}

/// The date line of the heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub date: PartialDate,
    pub date_span: Span,
    pub place: Option<(String, Span)>,
}

static DATE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ngay\s*[0-9._~ ]{0,14}thang").expect("valid regex"));

/// Whether a line key holds a `ngày … tháng … năm …` phrase.
pub fn is_date_line(key: &str) -> bool {
    DATE_WORD
        .find(key)
        .is_some_and(|m| date_phrase(&key[m.start()..]).is_ok())
}

/// Finds the issue date in the heading: the first date phrase preceded by a place and a
/// comma, else the first phrase starting a line.
pub fn extract(doc: &Doc, layout: &Layout) -> Option<Dated> {
    let (Some(first), Some(last)) = (
        doc.lines.get(layout.heading.start),
        layout
            .heading
            .end
            .checked_sub(1)
            .and_then(|i| doc.lines.get(i)),
    ) else {
        return None;
    };
    let region = &doc.key[first.start..last.end];
    let mut fallback = None;
    for m in DATE_WORD.find_iter(region) {
        let at = first.start + m.start();
        let Ok((rest, date)) = date_phrase(&doc.key[at..]) else {
            continue;
        };
        let end = doc.len() - rest.len();
        let place = place_before(doc, at);
        let dated = Dated {
            date,
            date_span: (at, end),
            place,
        };
        let line = doc.lines[doc.line_of(at)];
        let before = doc.key[line.start..at].trim_end();
        if dated.place.is_some() || before.ends_with(',') {
            return Some(dated);
        }
        if before.is_empty() && fallback.is_none() {
            fallback = Some(dated);
        }
    }
    fallback
}

/// The place name left of `, ngày` on the date's line, after any column gap.
fn place_before(doc: &Doc, at: usize) -> Option<(String, Span)> {
    let line = doc.lines[doc.line_of(at)];
    let before = &doc.key[line.start..at];
    let trimmed = before.trim_end();
    let comma = trimmed.strip_suffix(',')?;
    // The place sits after the last column gap (two or more spaces, a tab).
    let gap = comma.rfind("  ").map_or(0, |p| p + 2);
    let start = line.start + gap;
    let (s, e) = doc.tidy((start, line.start + comma.len()));
    let words = doc.key[s..e].split_whitespace().count();
    let key = &doc.key[s..e];
    if s >= e
        || words > 6
        || key
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b':' || b == b'/')
    {
        return None;
    }
    Some((doc.value((s, e)), (s, e)))
}

// date_phrase := "ngay" sp day? sp "thang" sp month? sp "nam" sp year
fn date_phrase(i: &str) -> IResult<&str, PartialDate> {
    let (i, _) = tag("ngay")(i)?;
    let (i, day) = blank_or(i, 31)?;
    let (i, _) = tag("thang")(i)?;
    let (i, month) = blank_or(i, 12)?;
    let (i, _) = tag("nam")(i)?;
    let (i, _) = sp(i)?;
    let (i, year) = year(i)?;
    Ok((
        i,
        PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        },
    ))
}

// blank_or := sp (number_in_range | fill) sp
fn blank_or(i: &str, max: u32) -> IResult<&str, Option<u32>> {
    let (i, _) = sp(i)?;
    let (i, n) = alt((
        map_res(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            |d: &str| {
                d.parse::<u32>()
                    .ok()
                    .filter(|&n| (1..=max).contains(&n))
                    .map(Some)
                    .ok_or(())
            },
        ),
        value(
            None,
            take_while(|c: char| matches!(c, '.' | '_' | '~' | ' ' | '\n')),
        ),
    ))
    .parse(i)?;
    let (i, _) = sp(i)?;
    Ok((i, n))
}

// year := 4 digits in 1900..=2100
fn year(i: &str) -> IResult<&str, u16> {
    map_res(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |d: &str| {
            d.parse::<u16>()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .ok_or(())
        },
    )
    .parse(i)
}

// sp := (" " | "\n")*   (phrases wrap over lines in table cells)
fn sp(i: &str) -> IResult<&str, Option<&str>> {
    opt(take_while(|c: char| c == ' ' || c == '\n' || c == '\t')).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_phrases_with_leftover() {
        let table = [
            (
                "ngay 30 thang 10 nam 2018 x",
                (2018, Some(10), Some(30)),
                " x",
            ),
            ("ngay 05 thang 02 nam 2026", (2026, Some(2), Some(5)), ""),
            ("ngay 30thang10nam 2013.", (2013, Some(10), Some(30)), "."),
            ("ngay ... thang 6 nam 2023", (2023, Some(6), None), ""),
            ("ngay     thang   nam 2025", (2025, None, None), ""),
            (
                "ngay 19\nthang 11 nam 2025 ",
                (2025, Some(11), Some(19)),
                " ",
            ),
        ];
        for (key, (y, m, d), rest) in table {
            let (left, got) = date_phrase(key).unwrap_or_else(|e| panic!("{key:?}: {e}"));
            assert_eq!((got.year, got.month, got.day), (y, m, d), "{key:?}");
            assert_eq!(left, rest, "{key:?}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for key in [
            "ngay 32 thang 1 nam 2020",
            "ngay 1 thang 13 nam 2020",
            "ngay 1 thang 1 nam 20",
            "ngay 1 nam 2020",
        ] {
            assert!(date_phrase(key).is_err(), "{key:?}");
        }
    }

    #[test]
    fn iso_forms() {
        let d = PartialDate {
            year: 2023,
            month: Some(6),
            day: None,
        };
        assert_eq!(d.iso().as_deref(), Some("2023-06"));
        let d = PartialDate {
            year: 2023,
            month: None,
            day: None,
        };
        assert_eq!(d.iso(), None);
    }

    #[test]
    fn place_and_date_from_a_heading() {
        let doc =
            Doc::new("SỞ Y TẾ\nSố: 1/SYT-VP        Thanh Hóa, ngày 30 tháng 10 năm 2018\n".into());
        let layout = Layout {
            heading: 0..2,
            ..Layout::default()
        };
        let dated = extract(&doc, &layout).expect("a date");
        assert_eq!(dated.date.iso().as_deref(), Some("2018-10-30"));
        assert_eq!(dated.place.map(|p| p.0).as_deref(), Some("Thanh Hóa"));
    }
}
