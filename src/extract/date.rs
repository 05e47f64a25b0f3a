//! Place and date of issue: `Thanh Hóa, ngày 30 tháng 10 năm 2018`.
//!
//! The phrase is parsed with nom on the folded key (`ngay 30 thang 10 nam 2018`), which
//! takes lost diacritics, capitals, missing spaces (`ngày 30tháng10năm 2013`) and line
//! breaks in its stride; the place is the text before the comma on the same line.

use std::sync::LazyLock;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while, take_while_m_n, take_while1},
    combinator::{map_res, opt, value},
};
use regex::Regex;

use crate::doc::{Doc, Span};
use crate::grammar::{ocr_date_digit, read_digits, spaced_pattern, spaced_tag};
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
    /// `None` when even the year was left blank (`ngày … tháng … năm 20…`).
    pub date: Option<PartialDate>,
    pub date_span: Span,
    pub place: Option<(String, Span)>,
}

static DATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"{}\s*[0-9olisb._~ \n]{{0,16}}{}",
        spaced_pattern("ngay"),
        spaced_pattern("thang")
    );
    Regex::new(&pattern).expect("valid regex")
});

/// A date line written with figures, as Word templates and informal letters have it:
/// `Vân Sơn, ngày 05/6/2023` ending its line (or its column). Only with a place and its
/// comma: `ngày 05/6/2023` alone is how the body cites dates. Group `place` is the place
/// with what stands before it on the line, `date` the date's figures.
static NUMERIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<place>[^0-9:/,\n]{2,60}),[ \t]*(?P<ngay>ngay)[ \t]*(?P<date>[0-9]{1,2}[ \t]*[/.\-][ \t]*[0-9]{1,2}[ \t]*[/.\-][ \t]*[0-9]{4})[ \t]*\.?[ \t]*$",
    )
    .expect("valid regex")
});

/// Whether a line key holds a `ngày … tháng … năm …` phrase, or a date line written with
/// figures after its place.
pub fn is_date_line(key: &str) -> bool {
    DATE_WORD
        .find(key)
        .is_some_and(|m| date_phrase(&key[m.start()..]).is_ok())
        || numeric_date_line(key).is_some()
}

/// The date of a line written `Place, ngày DD/MM/YYYY`, and where `ngày` and the date
/// end in `key`.
fn numeric_date_line(key: &str) -> Option<(PartialDate, usize, usize)> {
    // Most lines hold no `ngay`: spare them the capturing search.
    if !key.contains("ngay") {
        return None;
    }
    let c = NUMERIC_DATE_LINE.captures(key)?;
    // A place is a few words (`Thành phố Hồ Chí Minh`), not a clause ending in a date.
    let place = c.name("place")?.as_str();
    let place = &place[column_start(place)..];
    if place.split_whitespace().count() > 5 {
        return None;
    }
    let figures = c.name("date")?;
    let (date, used) = parse_body_date(figures.as_str())?;
    (used == figures.len()).then_some(())?;
    let date = PartialDate {
        year: date.year?,
        month: Some(date.month),
        day: Some(date.day),
    };
    Some((date, c.name("ngay")?.start(), figures.end()))
}

/// A line that opens with a full date and a comma: `ngày 20 tháng 11 năm 2025, …`, a
/// sentence's opening.
pub fn opens_with_date(key: &str) -> bool {
    date_phrase(key).is_ok_and(|(rest, _)| rest.trim_start().starts_with(','))
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
        let Ok((rest, date)) = date_phrase(&doc.key[at..])
            .map(|(rest, date)| (rest, Some(date)))
            .or_else(|_| blank_year_phrase(&doc.key[at..]).map(|(rest, ())| (rest, None)))
        else {
            continue;
        };
        let end = doc.len() - rest.len();
        let place = place_before(doc, at, layout.caseless);
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
        .or_else(|| numeric_dated(doc, layout))
        .or_else(|| caption_dated(doc, layout))
        .or_else(|| adopted_on(doc, layout))
}

/// The caption that ties an attached text to the document issuing it: `(Ban hành kèm theo
/// Quyết định số … ngày … của …)`, `(Kèm theo …)`.
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[(\[]?\s*(?:ban\s+hanh\s+)?kem\s+theo\b").expect("valid regex"));
/// How many lines a caption may wrap over.
const CAPTION_LINES: usize = 3;

/// A quy chế or quy định issued with a decision has no date line of its own: its heading
/// carries the caption instead, and the date there is the date it was promulgated
/// (format.md, Phụ lục). Worded (`ngày 22 tháng 5 năm 2024`) or in figures (`ngày
/// 22/5/2024`); no place.
fn caption_dated(doc: &Doc, layout: &Layout) -> Option<Dated> {
    let i = layout.heading.clone().find(|&i| {
        doc.lines
            .get(i)
            .is_some_and(|l| CAPTION.is_match(doc.line_key(*l)))
    })?;
    let first = doc.lines[i];
    let last = doc.lines[(i + CAPTION_LINES).min(layout.heading.end).max(i + 1) - 1];
    let region = &doc.key[first.start..last.end];
    // The caption ends at its closing parenthesis.
    let region = &region[..region.find(')').unwrap_or(region.len())];
    region.match_indices("ngay").find_map(|(k, _)| {
        let at = first.start + k;
        if let Ok((rest, date)) = date_phrase(&doc.key[at..]) {
            let end = doc.len() - rest.len();
            return Some(Dated {
                date: Some(date),
                date_span: (at, end),
                place: None,
            });
        }
        let (date, end) = after_ngay(&doc.key, at)?;
        Some(Dated {
            date: Some(date),
            date_span: (at, end),
            place: None,
        })
    })
}

/// The heading's date line written with figures (`Vân Sơn, ngày 05/6/2023`), taken only
/// with its place.
fn numeric_dated(doc: &Doc, layout: &Layout) -> Option<Dated> {
    layout.heading.clone().find_map(|i| {
        let line = *doc.lines.get(i)?;
        let (date, at, end) = numeric_date_line(doc.line_key(line))?;
        let place = place_before(doc, line.start + at, layout.caseless)?;
        Some(Dated {
            date: Some(date),
            date_span: (line.start + at, line.start + end),
            place: Some(place),
        })
    })
}

/// Laws and resolutions of elected bodies carry the date they were passed, at the end:
/// `… thông qua ngày 16 tháng 6 năm 2025.` That is their date when the heading has none.
fn adopted_on(doc: &Doc, layout: &Layout) -> Option<Dated> {
    let from = doc.lines.get(layout.body.start).map_or(0, |l| l.start);
    let region = &doc.key[from..];
    let at = from + region.rfind("thong qua ngay")? + "thong qua ".len();
    let (rest, date) = date_phrase(&doc.key[at..]).ok()?;
    Some(Dated {
        date: Some(date),
        date_span: (at, doc.len() - rest.len()),
        place: None,
    })
}

/// The place name left of `, ngày` on the date's line, after any column gap. A place
/// wrapped by a narrow table cell (`Thành phố Hồ Chí` / `Minh, ngày …`, or `Hà Nội,` /
/// `ngày …`) is taken from the line above as well. Place names are known by their
/// capitals; in a heading that lost them (`caseless`), by their shape and place (see
/// [`plain_place`], [`starts_place`]).
fn place_before(doc: &Doc, at: usize, caseless: bool) -> Option<(String, Span)> {
    let index = doc.line_of(at);
    let line = doc.lines[index];
    let before = doc.key[line.start..at].trim_end();
    let above = index
        .checked_sub(1)
        .map(|i| doc.lines[i])
        .filter(|l| !l.is_blank());
    let (start, end) = if before.is_empty() {
        // `Hà Nội,` alone on the line above.
        let above = above?;
        let key = doc.line_key(above).trim_end();
        let comma = key.strip_suffix(',')?;
        (above.start + column_start(comma), above.start + comma.len())
    } else {
        let (place, has_comma) = match before.strip_suffix(',') {
            Some(p) => (p.trim_end(), true),
            None => (before, false),
        };
        let mut start = line.start + column_start(place).max(after_number(place));
        let end = line.start + place.len();
        let named = if caseless {
            plain_place(&doc.key[start..end])
        } else {
            capitalized_words(doc, (start, end))
        };
        if !has_comma && !named {
            return None;
        }
        // The halves of a wrapped place are written alike (`Hà` / `Nội`, `HÀ` / `NỘI`); a
        // line in capitals over a place in small letters is the issuer's column
        // (`HUYỆN ỦY PHÚ LỘC` / `Phú Lộc, ngày …`).
        let caps = |s: usize, e: usize| crate::extract::signer::is_caps(doc.slice(s, e));
        let place_caps = caps(start, end);
        let wrapped = |a: &crate::doc::Line| {
            if caseless {
                starts_place(doc, index - 1)
            } else {
                continues_place(doc, *a) && caps(a.start, a.end) == place_caps
            }
        };
        if start == line.start
            && let Some(above) = above.filter(wrapped)
        {
            start = above.start;
        }
        (start, end)
    };
    let (s, e) = doc.tidy((start, end));
    let key = &doc.key[s..e];
    let words = key.split_whitespace().count();
    if s >= e
        || words > 7
        || key
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b':' || b == b'/')
    {
        return None;
    }
    Some((doc.value((s, e)), (s, e)))
}

/// Where the text after a number ends within `key`: after its last word holding a digit,
/// `:` or `/`, as when a PDF put the number and the date on one line with one space
/// between them (`Số: 1502/QLD-ĐK Hà Nội, ngày …`); 0 when there is none.
fn after_number(key: &str) -> usize {
    let mut end = 0;
    let mut word_start = None;
    let bytes = key.as_bytes();
    for i in 0..=bytes.len() {
        let blank = bytes.get(i).is_none_or(u8::is_ascii_whitespace);
        match (blank, word_start) {
            (true, Some(s)) => {
                if bytes[s..i]
                    .iter()
                    .any(|&b| b.is_ascii_digit() || b == b':' || b == b'/')
                {
                    end = i;
                }
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    end
}

/// Where the right column starts within `key`: after the last gap of two or more spaces
/// or a tab.
fn column_start(key: &str) -> usize {
    let spaces = key.rfind("  ").map_or(0, |p| p + 2);
    let tab = key.rfind('\t').map_or(0, |p| p + 1);
    spaces.max(tab)
}

/// Every word starts with a capital letter (`Hà Nội`, `Thành phố Huế`'s first word).
fn capitalized_words(doc: &Doc, span: Span) -> bool {
    let text = doc.slice(span.0, span.1);
    let mut words = text.split_whitespace();
    let first_upper = words
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    first_upper && text.split_whitespace().count() <= 5
}

/// A short line of capitalised words with no punctuation: the first half of a place name.
fn continues_place(doc: &Doc, line: crate::doc::Line) -> bool {
    let key = doc.line_key(line);
    key.len() <= 25
        && key.split_whitespace().count() <= 4
        && key
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'~')
        && !crate::layout::is_title_anchor(key)
        && capitalized_words(doc, (line.start, line.end))
}

/// Words that put `ngày …` inside a sentence (`trước ngày …`, `từ ngày …`), not after a
/// place name.
const BEFORE_DATE_IN_SENTENCE: &[&str] = &[
    "truoc",
    "sau",
    "tu",
    "den",
    "vao",
    "trong",
    "cho",
    "tai",
    "la",
    "ke",
    "tinh",
    "het",
    "cham nhat",
    "nhat",
];

/// A place name in lower case before `ngày` without its comma (`hà nội ngày 01 …`): a few
/// words, letters only, not a sentence's preposition.
fn plain_place(key: &str) -> bool {
    let key = key.trim();
    let words = key.split_whitespace().count();
    (1..=4).contains(&words)
        && key
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'~')
        && !BEFORE_DATE_IN_SENTENCE
            .iter()
            .any(|w| key == *w || key.ends_with(&format!(" {w}")))
}

/// In lower case, the first half of a wrapped place name (`thành phố hồ chí` / `minh,
/// ngày …`) is known by its place: a short line of words that opens its block (a blank
/// line or nothing above it) and does not name a body (`sở y tế` of a heading column).
fn starts_place(doc: &Doc, i: usize) -> bool {
    let key = doc.line_key(doc.lines[i]);
    let opens_block = i == 0 || doc.lines[i - 1].is_blank();
    let single_word = key.split_whitespace().count() == 1;
    opens_block
        && key.len() <= 25
        && key.split_whitespace().count() <= 4
        && key
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'~')
        && !crate::layout::is_title_anchor(key)
        && (single_word || !super::issuer::opens_body(key))
}

// date_phrase := "ngay" sp day? sp "thang" sp month? sp "nam" sp year
fn date_phrase(i: &str) -> IResult<&str, PartialDate> {
    let (i, _) = spaced_tag("ngay")(i)?;
    let (i, day) = blank_or(i, 31)?;
    let (i, _) = spaced_tag("thang")(i)?;
    let (i, month) = blank_or(i, 12)?;
    let (i, _) = spaced_tag("nam")(i)?;
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

// blank_year_phrase := "ngay" blank "thang" blank "nam" sp digit{0,3} fill+
fn blank_year_phrase(i: &str) -> IResult<&str, ()> {
    let (i, _) = spaced_tag("ngay")(i)?;
    let (i, _) = blank_or(i, 31)?;
    let (i, _) = spaced_tag("thang")(i)?;
    let (i, _) = blank_or(i, 12)?;
    let (i, _) = spaced_tag("nam")(i)?;
    let (i, _) = sp(i)?;
    let (i, _) = take_while_m_n(0, 3, |c: char| c.is_ascii_digit())(i)?;
    let (i, _) = take_while1(|c: char| matches!(c, '.' | '_' | '~'))(i)?;
    Ok((i, ()))
}

// blank_or := sp fill (number_in_range fill)? sp
// A form typed over dot leaders keeps them around the figure: `ngày …25..tháng 01`. The
// keywords on both sides make the slot a number, so a slot OCR read as look-alikes only
// is read as one too (`tháng ll` → 11).
fn blank_or(i: &str, max: u32) -> IResult<&str, Option<u32>> {
    let fill = || take_while(|c: char| matches!(c, '.' | '_' | '~' | ' ' | '\n'));
    let (i, _) = sp(i)?;
    let (i, _) = fill().parse(i)?;
    let (i, n) = opt(map_res(
        |i| read_digits(i, 1, 2, ocr_date_digit, false),
        |d: String| {
            d.parse::<u32>()
                .ok()
                .filter(|&n| (1..=max).contains(&n))
                .ok_or(())
        },
    ))
    .parse(i)?;
    let (i, _) = fill().parse(i)?;
    Ok((i, n))
}

// year := 4 digits (look-alikes read as digits) in 1900..=2100
fn year(i: &str) -> IResult<&str, u16> {
    map_res(
        |i| read_digits(i, 4, 4, ocr_date_digit, true),
        |d: String| {
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

// ---------------------------------------------------------------------------------------
// Dates written inside the body: `10/11/2018`, `05-10-2018`, `30 tháng 5 năm 2013`, a day
// and month without a year (`10/11`, `15 tháng 12`), a month (`tháng 6/2023`). All parse
// the folded key; callers consume `ngày` themselves.

/// A date in running text: the day and month are known, the year may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyDate {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

/// The date written after a number ending at `end`, `… số 6225/BVHTTDL-VP ngày
/// 18/11/2025`: the document's own date when the number is its own.
pub fn after_own_number(doc: &Doc, end: usize) -> Option<Dated> {
    let rest = &doc.key[end.min(doc.len())..];
    let start = end + (rest.len() - rest.trim_start_matches([' ', ',']).len());
    let (date, stop) = after_ngay(&doc.key, start)?;
    Some(Dated {
        date: Some(date),
        date_span: (start, stop),
        place: None,
    })
}

/// `ngày` at `at` in the key and the date after it, in figures or words (`ngày
/// 10/10/2003`, `ngày 17 tháng 11 năm 1998`), when it gives its year: the date and the
/// key offset where it ends.
pub fn after_ngay(key: &str, at: usize) -> Option<(PartialDate, usize)> {
    let rest = key.get(at..)?.strip_prefix("ngay")?;
    let from = at + "ngay".len() + (rest.len() - rest.trim_start().len());
    let (date, used) = parse_body_date(&key[from..])?;
    let date = PartialDate {
        year: date.year?,
        month: Some(date.month),
        day: Some(date.day),
    };
    Some((date, from + used))
}

/// Parses a body date at the start of `key`; returns it and the bytes consumed.
pub fn parse_body_date(key: &str) -> Option<(BodyDate, usize)> {
    let (rest, date) = body_date(key).ok()?;
    Some((date, key.len() - rest.len()))
}

/// Parses `tháng M/YYYY` or `tháng M năm YYYY` at the start of `key`; returns
/// `(year, month)` and the bytes consumed.
pub fn parse_month(key: &str) -> Option<((u16, u8), usize)> {
    let (rest, ym) = month_of_year(key).ok()?;
    Some((ym, key.len() - rest.len()))
}

// body_date := numeric_date | worded_date
fn body_date(i: &str) -> IResult<&str, BodyDate> {
    let (rest, date) = alt((numeric_date, worded_date)).parse(i)?;
    if !valid_day(date.day, date.month, date.year) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, date))
}

// numeric_date := day sep month (sep year)?   with one separator kind: "/" "-" "."
fn numeric_date(i: &str) -> IResult<&str, BodyDate> {
    let (i, (day, bare)) = day_in(i)?;
    let (i, sep) = date_sep(i)?;
    let (i, month) = number_in(i, 12)?;
    let (i, year) = opt(|i| {
        let (i, s) = date_sep(i)?;
        if s != sep {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Char,
            )));
        }
        year(i)
    })
    .parse(i)?;
    if bare && year.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    // `1/500` is a scale, `12/2025/NĐ-CP` a number: what follows must end the date.
    if i.starts_with(|c: char| c.is_ascii_alphanumeric())
        || (i.starts_with(['/', '-', '.']) && i[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        i,
        BodyDate {
            year,
            month: month as u8,
            day: day as u8,
        },
    ))
}

// worded_date := day sp "thang" sp month (sp ","? sp "nam" sp year)?
fn worded_date(i: &str) -> IResult<&str, BodyDate> {
    let (i, (day, bare)) = day_in(i)?;
    let (i, _) = sp(i)?;
    let (i, _) = spaced_tag("thang")(i)?;
    let (i, _) = sp(i)?;
    let (i, month) = number_in(i, 12)?;
    let (i, year) =
        opt((sp, opt(punct(",")), sp, spaced_tag("nam"), sp, year).map(|t| t.5)).parse(i)?;
    if bare && year.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((
        i,
        BodyDate {
            year,
            month: month as u8,
            day: day as u8,
        },
    ))
}

// month_of_year := "thang" sp month (("/" | "-" | ".") | sp "nam" sp) year
fn month_of_year(i: &str) -> IResult<&str, (u16, u8)> {
    let (i, _) = spaced_tag("thang")(i)?;
    let (i, _) = sp(i)?;
    let (i, month) = number_in(i, 12)?;
    let (i, _) = alt((
        (sp, alt((punct("/"), punct("-"), punct("."))), sp).map(|_| ()),
        (sp, spaced_tag("nam"), sp).map(|_| ()),
    ))
    .parse(i)?;
    let (i, year) = year(i)?;
    if i.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((i, (year, month as u8)))
}

// date_sep := " "? ("/" | "-" | ".") (" " | "\n")?
fn date_sep(i: &str) -> IResult<&str, char> {
    let (i, _) = opt(punct(" ")).parse(i)?;
    let (i, sep) = alt((
        value('/', punct("/")),
        value('-', punct("-")),
        value('.', punct(".")),
    ))
    .parse(i)?;
    let (i, _) = opt(alt((punct(" "), punct("\n")))).parse(i)?;
    Ok((i, sep))
}

// day_in := number_in(31), or a day OCR read as look-alikes only (`lO/02/2024`), which
// is one only in a full date: the caller then requires the month and year after it
// (says `true`).
fn day_in(i: &str) -> IResult<&str, (u32, bool)> {
    alt((
        |i| number_in(i, 31).map(|(i, d)| (i, (d, false))),
        |i| read_number(i, 31, false).map(|(i, d)| (i, (d, true))),
    ))
    .parse(i)
}

// number_in := 1 or 2 digits in 1..=max, not followed by another digit. A look-alike
// beside a real digit is read as a digit (`2O/11/2024`, `l5/11`): OCR repairs in the text
// leave two-figure runs alone, but here the date's shape makes the reading certain.
fn number_in(i: &str, max: u32) -> IResult<&str, u32> {
    read_number(i, max, true)
}

fn read_number(i: &str, max: u32, need_real: bool) -> IResult<&str, u32> {
    let (rest, n) = map_res(
        |i| read_digits(i, 1, 2, ocr_date_digit, need_real),
        |d: String| {
            d.parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(())
        },
    )
    .parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, n))
}

/// Whether a day exists in its month (29 February only in leap years, when known).
// punct := the given punctuation (or space) verbatim
fn punct(p: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i: &str| nom::bytes::complete::tag(p)(i)
}

fn valid_day(day: u8, month: u8, year: Option<u16>) -> bool {
    let last = match month {
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=last).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

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
            // Typed over the form's dot leaders.
            (
                "ngay ...25..thang 01 nam 2006",
                (2006, Some(1), Some(25)),
                "",
            ),
            (
                "ngay __7__ thang __3__ nam 2019",
                (2019, Some(3), Some(7)),
                "",
            ),
            ("ngay     thang   nam 2025", (2025, None, None), ""),
            (
                "ngay 19\nthang 11 nam 2025 ",
                (2025, Some(11), Some(19)),
                " ",
            ),
            // OCR: the keywords around a slot make even look-alikes alone a number
            ("ngay o8 thang ll nam 2024", (2024, Some(11), Some(8)), ""),
            ("ngay 0b thang 9 nam 2025", (2025, Some(9), Some(8)), ""),
            ("ngay l2 thang 8 nam 2024", (2024, Some(8), Some(12)), ""),
        ];
        for (key, (y, m, d), rest) in table {
            let (left, got) = date_phrase(key).unwrap_or_else(|e| panic!("{key:?}: {e}"));
            assert_eq!((got.year, got.month, got.day), (y, m, d), "{key:?}");
            assert_eq!(left, rest, "{key:?}");
        }
    }

    /// A text issued with a decision has no date line; its caption gives the date it was
    /// promulgated, worded or in figures, and no place. A date line of its own wins.
    #[test]
    fn attached_text_takes_the_caption_date() {
        let heading = "ỦY BAN NHÂN DÂN\nTỈNH PHƯỚC THÀNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQUY CHẾ\nPhối hợp quản lý\n";
        let body = "\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc phối hợp.\n";
        let table = [
            (
                "(Ban hành kèm theo Quyết định số 17/2024/QĐ-UBND ngày 22 tháng 5 năm 2024\ncủa Ủy ban nhân dân tỉnh Phước Thành)\n",
                Some("2024-05-22"),
            ),
            (
                "(Kèm theo Quyết định số 17/2024/QĐ-UBND\nngày 22/5/2024 của Ủy ban nhân dân tỉnh)\n",
                Some("2024-05-22"),
            ),
            // A date after the caption's end is not its date.
            ("(Ban hành kèm theo Quyết định số 17/2024/QĐ-UBND)\n", None),
        ];
        for (caption, want) in table {
            let doc = Doc::new(format!("{heading}{caption}{body}"));
            let got = extract(&doc, &Layout::find(&doc));
            assert_eq!(
                got.as_ref().and_then(|d| d.date?.iso()).as_deref(),
                want,
                "{caption:?}"
            );
            assert!(got.is_none_or(|d| d.place.is_none()), "{caption:?}");
        }
        let own = Doc::new(format!(
            "{heading}Phước Thành, ngày 03 tháng 6 năm 2024\n(Ban hành kèm theo Quyết định số 17/2024/QĐ-UBND ngày 22 tháng 5 năm 2024)\n{body}"
        ));
        let got = extract(&own, &Layout::find(&own)).and_then(|d| d.date?.iso());
        assert_eq!(got.as_deref(), Some("2024-06-03"));
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
        assert_eq!(
            dated.date.and_then(|d| d.iso()).as_deref(),
            Some("2018-10-30")
        );
        assert_eq!(dated.place.map(|p| p.0).as_deref(), Some("Thanh Hóa"));
    }

    /// The place of the date line, lower-cased for comparison.
    fn place(text: &str) -> Option<String> {
        let doc = Doc::new(text.to_string());
        let dated = extract(&doc, &Layout::find(&doc))?;
        dated.place.map(|p| p.0.to_lowercase())
    }

    /// Each heading as written and in lower case (TCVN3 capital fonts) gives the same
    /// place.
    #[test]
    fn lower_case_headings_give_the_same_place() {
        let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n";
        let table = [
            (
                "Số: 1/SYT-VP\n\nHà\nNội, ngày 24 tháng 11 năm 2025\n",
                Some("hà nội"),
            ),
            (
                "Số: 1/KH-UBND\n\nThành phố Hồ Chí\nMinh, ngày 18 tháng 11 năm 2025\n",
                Some("thành phố hồ chí minh"),
            ),
            // without the comma
            (
                "Số: 388/NQ-CP\n\nHà Nội ngày 01\ntháng 12 năm 2025\n",
                Some("hà nội"),
            ),
            (
                "Số: 1/SYT-VP\n\nHà Nội, ngày 05 tháng 3 năm 2024\n",
                Some("hà nội"),
            ),
        ];
        for (text, want) in table {
            let text = format!("{motto}{text}");
            assert_eq!(place(&text).as_deref(), want, "{text:?}");
            assert_eq!(
                place(&text.to_lowercase()).as_deref(),
                want,
                "lower case: {text:?}"
            );
        }
        // Without capitals, what is not a place: a preposition of a sentence, a body's
        // name above the date line.
        let motto = motto.to_lowercase();
        for (text, want) in [
            ("số: 1/syt-vp\ntrước ngày 10 tháng 11 năm 2025\n", None),
            (
                "số: 1/syt-vp\n\nsở y tế\nhà nội, ngày 05 tháng 3 năm 2024\n",
                Some("hà nội"),
            ),
            (
                "số: 1/syt-vp\nv/v báo cáo\ngtgt\nhà nội, ngày 05 tháng 3 năm 2024\n",
                Some("hà nội"),
            ),
        ] {
            let text = format!("{motto}{text}");
            assert_eq!(place(&text).as_deref(), want, "{text:?}");
        }
    }

    /// A date line written with figures after its place; figures elsewhere are the
    /// body's way of citing dates.
    #[test]
    fn date_lines_written_with_figures() {
        let table = [
            ("vân sơn, ngày 05/6/2023", Some("2023-06-05")),
            ("   ha noi, ngay 5-12-2024.", Some("2024-12-05")),
            (
                "so: 88/tckh        da nang, ngay 01.02.2022",
                Some("2022-02-01"),
            ),
            ("cong van so 45, ngay 01/02/2023", None),
            (
                "v/v thuc hien y kien chi dao cua ubnd tinh, ngay 01/02/2023",
                None,
            ),
            ("ha noi, ngay 31/02/2023", None),
            ("ha noi, ngay 05/6/2023 cua ubnd", None),
        ];
        for (key, want) in table {
            let got = numeric_date_line(&fold(key)).and_then(|(d, _, _)| d.iso());
            assert_eq!(got.as_deref(), want, "{key:?}");
            assert_eq!(is_date_line(&fold(key)), want.is_some(), "{key:?}");
        }
        let doc = Doc::new(
            "PHÒNG TÀI CHÍNH\nSố: 88/TCKH\nV/v báo cáo\n      Vân Sơn, ngày 05/6/2023\nKính gửi: A\n"
                .into(),
        );
        let layout = Layout {
            heading: 0..4,
            ..Layout::default()
        };
        let dated = extract(&doc, &layout).expect("a date");
        assert_eq!(
            dated.date.and_then(|d| d.iso()).as_deref(),
            Some("2023-06-05")
        );
        assert_eq!(dated.place.map(|p| p.0).as_deref(), Some("Vân Sơn"));
        assert_eq!(
            doc.slice(dated.date_span.0, dated.date_span.1),
            "ngày 05/6/2023"
        );
    }

    /// The number and the place on one line, as PDF text and converters leave them.
    #[test]
    fn place_after_a_number_on_its_line() {
        let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
        let table = [
            // one space between the columns
            (
                "Số: 1502/QLD-ĐK Hà Nội, ngày 22 tháng 02 năm 2024\n",
                Some("hà nội"),
            ),
            // a tab
            (
                "Số :    /QĐ. BQL–VP\t\t Vũng Tàu , ngày  tháng  năm 2007\n",
                Some("vũng tàu"),
            ),
            // a tab, one word of the place before it
            (
                "Số: 123/UBND-VP\tBình Lâm, ngày 07 tháng 8 năm 2024\n",
                Some("bình lâm"),
            ),
            // the issuer's line in capitals above is no half of the place
            (
                "ĐẢNG BỘ TỈNH BÌNH LÂM\nHUYỆN ỦY PHÚ LỘC\nPhú Lộc, ngày 3 tháng 3 năm 2024\n",
                Some("phú lộc"),
            ),
            (
                "Số: 1/SYT-VP\nHÀ\nNỘI, NGÀY 3 THÁNG 3 NĂM 2024\n",
                Some("hà nội"),
            ),
            // the column gap, as before
            (
                "Số: 1/SYT-VP        Thanh Hóa, ngày 30 tháng 10 năm 2018\n",
                Some("thanh hóa"),
            ),
            // a number and nothing that names a place
            ("Số: 1/SYT-VP, ngày 30 tháng 10 năm 2018\n", None),
        ];
        for (text, want) in table {
            let text = format!("{motto}{text}");
            assert_eq!(place(&text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn dated_clauses_open_sentences() {
        assert!(opens_with_date("ngay 20 thang 11 nam 2025, pho thu tuong"));
        assert!(!opens_with_date("ngay 20 thang 11 nam 2025 cua bo"));
        assert!(!opens_with_date("cac du an ngay 20 thang 11 nam 2025,"));
    }
}

#[cfg(test)]
mod body_date_tests {
    use super::*;

    #[test]
    fn body_dates_with_leftover() {
        type Row = (&'static str, (Option<u16>, u8, u8), &'static str);
        let table: &[Row] = &[
            ("10/11/2018.", (Some(2018), 11, 10), "."),
            ("05-10-2018 cua", (Some(2018), 10, 5), " cua"),
            ("1/1/2003", (Some(2003), 1, 1), ""),
            ("30 thang 5 nam 2013;", (Some(2013), 5, 30), ";"),
            ("30 thang 11, nam 2025", (Some(2025), 11, 30), ""),
            ("15 thang 12 hang nam", (None, 12, 15), " hang nam"),
            ("10/11)", (None, 11, 10), ")"),
            ("31/12 / 2025", (Some(2025), 12, 31), ""),
            ("9 / 12 / 2024 den", (Some(2024), 12, 9), " den"),
            // OCR look-alikes beside a real digit, where the date's shape is certain
            ("2o/11/2024;", (Some(2024), 11, 20), ";"),
            ("l5/11/2024", (Some(2024), 11, 15), ""),
            ("3o thang 11 nam 2024", (Some(2024), 11, 30), ""),
            ("1b/9/2025", (Some(2025), 9, 18), ""),
            // a day of look-alikes only, in a full date
            ("lo/02/2024.", (Some(2024), 2, 10), "."),
            ("ll/11/2024", (Some(2024), 11, 11), ""),
            ("lo thang 02 nam 2024", (Some(2024), 2, 10), ""),
        ];
        for (key, (y, m, d), rest) in table {
            let (got, used) = parse_body_date(key).unwrap_or_else(|| panic!("{key:?}"));
            assert_eq!((got.year, got.month, got.day), (*y, *m, *d), "{key:?}");
            assert_eq!(&key[used..], *rest, "{key:?}");
        }
    }

    #[test]
    fn rejects_what_is_no_date() {
        for key in [
            "1/500",
            "32/12/2025",
            "12/2025/nd-cp",
            "31/2/2025",
            "29/2/2025",
            "30/2",
            "12/13",
            "5 nguoi",
            "15/2025",
            "2/3a",
            // look-alikes alone without a year, or glued to a word, are no figures
            "lo/5",
            "lo thang 5",
            "2a/11/2024",
        ] {
            assert!(parse_body_date(key).is_none(), "{key:?}");
        }
        assert!(parse_body_date("29/2/2024").is_some());
    }

    #[test]
    fn months_of_a_year() {
        let table: &[(&str, (u16, u8), &str)] = &[
            ("thang 6/2023.", (2023, 6), "."),
            ("thang 11 nam 2025 ", (2025, 11), " "),
            ("thang 12 - 2025", (2025, 12), ""),
        ];
        for (key, ym, rest) in table {
            let (got, used) = parse_month(key).unwrap_or_else(|| panic!("{key:?}"));
            assert_eq!(got, *ym, "{key:?}");
            assert_eq!(&key[used..], *rest, "{key:?}");
        }
        for key in ["thang 13/2025", "thang 6", "thang 6/25", "thang 6/20255"] {
            assert!(parse_month(key).is_none(), "{key:?}");
        }
    }
}
