//! Deadlines: every time limit by which something must be done.
//!
//! A limit is a date introduced by a word that makes it one: `trước ngày 10/11/2018`,
//! `trước 17 giờ ngày …`, `chậm nhất (là) ngày …`, `hạn cuối ngày …`, a month after
//! `hoàn thành trong tháng 6/2023` / `xong cuối tháng …` / `đến hết tháng …`, the date or
//! month after a `Thời hạn …:` / `Thời gian hoàn thành:` label (the end of a `từ … đến …`
//! range there), and the cells of a table column headed `Thời hạn`, whether the table
//! came as one cell per line, as tab-joined rows or as space-aligned columns. Other dates (issue,
//! cited documents, effective and start dates, past events) are never introduced so.
//!
//! A day and month without a year take the issue date's year, rolling to the next year
//! when they would fall before it. A limit that recurs (`hằng tháng`, `hằng năm`,
//! `định kỳ`) or is given only as a year or quarter has no date: it is listed with a
//! null date and a warning. A dated limit before the issue date is a past condition
//! (`đã đóng … trước ngày …`), not a deadline, unless the sentence asks for something to
//! be done by it, in which case it is kept and flagged.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Line, Span};
use crate::extract::date::{BodyDate, parse_body_date, parse_month};
use crate::extract::tasks::Item;
use crate::fold::key_regex;
use crate::layout::Layout;
use crate::record::{Deadline, Warning};
use crate::warning::{self, warning};

/// The issue date, as far as the record has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueDate {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

impl IssueDate {
    /// From the record's ISO `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(iso: &str) -> Option<IssueDate> {
        let mut parts = iso.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next().and_then(|d| d.parse().ok());
        Some(IssueDate { year, month, day })
    }

    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(1))
    }
}

/// Why a limit has no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undated {
    /// `hằng tháng`, `hằng năm`, `định kỳ`, `của năm sau`.
    Recurring,
    /// Only a year or a quarter, or a day and month with no issue date to take the year from.
    Imprecise,
}

/// A deadline with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub deadline: Deadline,
    pub span: Span,
    /// Index of the task it sits in.
    pub task: Option<usize>,
    pub undated: Option<Undated>,
    /// A dated limit that falls before the issue date.
    pub before_issue: bool,
}

/// Words that make the date after them a limit, with an optional hour (`17 giờ`, `16:00`)
/// and `ngày`. Group `date` marks where the date begins: the last character of a match,
/// a digit or a letter OCR gives for one (`trước ngày l5/11/2024`; the date grammar
/// decides whether it is one).
const LIMIT_PATTERN: &str = concat!(
    r"\b(?:truoc|cham nhat(?:\s+la)?(?:\s+vao)?(?:\s+den)?|muon nhat(?:\s+la)?(?:\s+vao)?|",
    r"han chot(?:\s+la)?(?:\s+vao)?|han cuoi(?:\s+la)?(?:\s+vao)?|khong muon hon)\s*",
    r"(?:(?:luc\s+)?[0-9]{1,2}\s*(?:gio|h|:)\s*(?:[0-9]{2})?\s*(?:phut)?\s*(?:sang|chieu|toi)?\s*,?\s*)?",
    r"(?:ngay\s*)?(?P<date>[0-9olisb])"
);
static LIMIT: LazyLock<Regex> = LazyLock::new(|| key_regex(LIMIT_PATTERN));
/// Words that make the month after them a limit.
static MONTH_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(
        r"\b(?:trong|xong|cuoi|den het|truoc het|xong trong|hoan thanh trong)\s+(?P<month>thang\s+[0-9])",
    )
});
/// `Thời hạn …:`, `Thời gian hoàn thành:`, `Thời gian thực hiện:` labels.
static LIMIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(r"\bthoi (?:han(?: [a-z]+){0,12}|gian (?:hoan thanh|thuc hien))\s*:\s*")
});
/// The two ends of a window after a limit label: `từ (ngày) …` and `đến (hết) (ngày) …`.
static WINDOW_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^tu\s+(?:ngay\s+)?").expect("valid regex"));
static WINDOW_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:-|den|toi)\s*(?:het\s+)?(?:ngay\s*)?").expect("valid regex")
});
/// A column header of a table of tasks: `Thời hạn`, `Thời hạn hoàn thành`.
static LIMIT_HEADER: LazyLock<Regex> =
    LazyLock::new(|| key_regex(r"^thoi (?:han|gian hoan thanh)(?: hoan thanh| thuc hien)?\s*$"));
/// A limit given only as a year or a quarter, after a word of completion.
static YEAR_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(concat!(
        r"\b(?:hoan thanh|xong|bao cao)(?:\s+[^\s,.;]+){0,8}?\s+(?P<period>(?:trong|truoc|ngay trong)\s+",
        r"(?:quy\s+(?:[ivx]{1,3}|[1-4])\s*(?:/|nam)?\s*[0-9]{4}|nam\s+[0-9]{4}))\b"
    ))
});
/// A quarter with its year, at the start of a key: `quý II/2024`, `quý 3 năm 2024`.
static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| key_regex(r"^quy\s+(?:[ivx]{1,3}|[1-4])\s*(?:/|nam)\s*[0-9]{4}\b"));
/// What makes a day and month without a year recur.
static RECURS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(
        r"^\s*\)?\s*,?\s*(?:cua\s+)?(?:(?:hang|moi)\s+(?:nam|thang|quy|tuan)|nam\s+(?:sau|tiep theo|xet)|cua\s+nam\b|ke tiep)",
    )
});
static RECURS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| key_regex(r"\b(?:dinh ky|(?:hang|moi)\s+(?:nam|thang|quy|tuan))\b"));
/// An hour of each day or week with no date: `trước 16 giờ hằng ngày`, `trước 9h00 thứ
/// Hai hằng tuần`. A recurring limit like `trước ngày 25 hằng tháng`.
static HOUR_EACH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(concat!(
        r"\b(?:truoc|cham nhat(?:\s+la)?(?:\s+vao)?|muon nhat)\s+(?:luc\s+)?[0-9]{1,2}\s*(?:gio|h|:)\s*",
        r"(?:[0-9]{2})?\s*(?:phut)?\s*(?:sang|chieu|toi)?\s*,?\s*(?:thu\s+[a-z0-9]+\s+)?",
        r"(?:cua\s+)?(?:hang|moi)\s+(?:ngay|tuan)\b"
    ))
});
/// `trước ngày 25 hằng tháng`: a day with no month.
static DAY_EACH_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,2}\s+(?:cua\s+)?(?:hang|moi)\s+thang").expect("valid regex")
});
/// Words asking for something to be done: a limit before the issue date that sits in
/// such a sentence is a late deadline, not a past condition.
static DEMAND: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(r"\b(?:gui ve|gui bao cao|bao cao ve|nop ve|hoan thanh|de nghi|yeu cau)\b")
});
/// What happens in a month rather than by it: meetings and sessions, starts, forecasts.
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(r"\b(?:du kien|to chuc|khoi cong|dien ra|bat dau|ra quan|khai mac|hoi nghi|tu)\b")
});
/// Past conditions and events: `đã …`, `trước đây`.
static PAST: LazyLock<Regex> = LazyLock::new(|| key_regex(r"\b(?:da|truoc day|tu truoc)\b"));
/// A `từ …` that opens a period the limit closes.
static FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\btu\b").expect("valid regex"));

/// How far back the sentence around a limit is read.
const CLAUSE_BACK: usize = 220;

/// Finds the deadlines of the document, in order.
///
/// `latest_cited` is the latest date of a document the text cites: when the issue date is
/// unknown, a limit before it is in the past all the same.
pub fn extract(
    doc: &Doc,
    layout: &Layout,
    issued: Option<IssueDate>,
    latest_cited: Option<&str>,
    items: &[Item],
) -> Vec<Found> {
    let past = Past {
        issued,
        latest_cited: latest_cited.and_then(IssueDate::parse),
    };
    // The whole text: limits also stand in tables and annexes after the signature.
    let _ = layout;
    let from = 0;
    let key = doc.key.as_str();
    let mut found: Vec<Found> = Vec::new();

    // The pattern ends with its `date` digit: the search needs no capture groups.
    for m in LIMIT.find_iter(key) {
        let start = from + m.start();
        let at = from + m.end() - 1;
        if let Some(f) = dated_limit(doc, start, at, past) {
            push(&mut found, f);
        }
    }
    for c in MONTH_LIMIT.captures_iter(key) {
        let (Some(whole), Some(month)) = (c.get(0), c.name("month")) else {
            continue;
        };
        let start = from + whole.start();
        let at = from + month.start();
        let Some(((year, m), used)) = parse_month(&doc.key[at..]) else {
            continue;
        };
        // A period `từ … đến hết tháng …` is no limit; nor a month already past.
        let clause = clause_before(doc, start);
        if whole.as_str().starts_with("den het") && FROM.is_match(clause) {
            continue;
        }
        if issued.is_some_and(|d| (year, m) < (d.year, d.month)) {
            continue;
        }
        // A month in which something is scheduled or starts is no limit.
        if EVENT.is_match(words_before(doc, start)) {
            continue;
        }
        push(
            &mut found,
            limit(
                doc,
                (start, at + used),
                Some(format!("{year:04}-{m:02}")),
                None,
                false,
            ),
        );
    }
    for m in LIMIT_LABEL.find_iter(key) {
        let start = from + m.start();
        let at = from + m.end();
        if let Some(f) = labelled_limit(doc, start, at, past) {
            push(&mut found, f);
        }
    }
    for m in HOUR_EACH_DAY.find_iter(key) {
        push(
            &mut found,
            undated(doc, (from + m.start(), from + m.end()), Undated::Recurring),
        );
    }
    for c in YEAR_LIMIT.captures_iter(key) {
        let (Some(m), Some(period)) = (c.get(0), c.name("period")) else {
            continue;
        };
        let phrase_start = from + period.start();
        push(
            &mut found,
            undated(doc, (phrase_start, from + m.end()), Undated::Imprecise),
        );
    }
    table_cells(doc, from, past, &mut found);

    found.sort_by_key(|f| f.span.0);
    for f in &mut found {
        f.task = items
            .iter()
            .position(|item| item.span.0 <= f.span.0 && f.span.0 < item.span.1);
        f.deadline.task = f.task.map(|k| items[k].label.clone());
    }
    found
}

/// The warnings the deadlines call for.
pub fn warnings(found: &[Found], issued: Option<IssueDate>) -> Vec<Warning> {
    let mut out = Vec::new();
    for f in found {
        match f.undated {
            Some(Undated::Recurring) => out.push(warning(
                warning::DEADLINE_RECURRING,
                format!(
                    "recurring time limit `{}` has no single date",
                    f.deadline.text
                ),
            )),
            Some(Undated::Imprecise) => out.push(warning(
                warning::DEADLINE_UNDATED,
                format!(
                    "time limit `{}` gives no day or month that can be dated",
                    f.deadline.text
                ),
            )),
            None => {}
        }
        if f.before_issue {
            let issue = issued.map(|d| d.key());
            out.push(warning(
                warning::DEADLINE_BEFORE_ISSUE,
                format!(
                    "deadline {} (`{}`) is before the issue date {:?}",
                    f.deadline.date.as_deref().unwrap_or("?"),
                    f.deadline.text,
                    issue
                ),
            ));
        }
    }
    out
}

/// Keeps the first of overlapping finds.
fn push(found: &mut Vec<Found>, f: Found) {
    let overlaps = found
        .iter()
        .any(|g| g.span.0 < f.span.1 && f.span.0 < g.span.1);
    if !overlaps {
        found.push(f);
    }
}

/// A limit word followed by a date: `trước ngày 10/11/2018`, `chậm nhất ngày 25/11`.
fn dated_limit(doc: &Doc, start: usize, at: usize, past: Past) -> Option<Found> {
    let rest = &doc.key[at..];
    if let Some(m) = DAY_EACH_MONTH.find(rest) {
        let end = at + m.end();
        return Some(undated(doc, (start, end), Undated::Recurring));
    }
    let (date, used) = parse_body_date(rest)?;
    let end = at + used;
    resolve(doc, (start, end), date, past)
}

/// Turns a parsed date into a deadline: recurring, rolled into the issue year, or dated.
fn resolve(doc: &Doc, span: Span, date: BodyDate, past: Past) -> Option<Found> {
    let (start, end) = span;
    let issued = past.issued;
    if PAST.is_match(words_before(doc, start)) {
        return None;
    }
    match date.year {
        None => {
            if RECURS_AFTER.is_match(&doc.key[end..])
                || RECURS_BEFORE.is_match(clause_before(doc, start))
            {
                let end = end + RECURS_AFTER.find(&doc.key[end..]).map_or(0, |m| m.end());
                let (s, e) = doc.tidy((start, end));
                return Some(undated(doc, (s, e), Undated::Recurring));
            }
            let Some(issue) = issued else {
                return Some(undated(doc, span, Undated::Imprecise));
            };
            let mut year = issue.year;
            if (year, date.month, date.day) < issue.key() {
                year += 1;
            }
            Some(dated(doc, span, (year, date.month, date.day), false))
        }
        Some(year) => {
            let when = (year, date.month, date.day);
            let before_issue = issued.is_some_and(|d| when <= d.key());
            let before_cited = past.latest_cited.is_some_and(|d| when < d.key());
            // A past condition, unless its own clause asks for something by that date
            // (`gửi báo cáo về Sở trước ngày …` in a letter sent late).
            if (before_issue || before_cited) && !DEMAND.is_match(words_before(doc, start)) {
                return None;
            }
            Some(dated(doc, span, when, before_issue))
        }
    }
}

/// `Thời hạn nộp hồ sơ: Từ 9/12/2024 đến 13/12/2024`, `Thời gian thực hiện: Tháng 12/2025`,
/// `Thời gian hoàn thành: trước ngày 31/3/2026`.
fn labelled_limit(doc: &Doc, start: usize, at: usize, past: Past) -> Option<Found> {
    let issued = past.issued;
    let rest = &doc.key[at..];
    let mut pos = at + (rest.len() - rest.trim_start_matches(' ').len());
    let mut tail = &doc.key[pos..];
    for prefix in ["hoan thanh ", "xong ", "truoc ", "ngay ", "trong "] {
        if let Some(t) = tail.strip_prefix(prefix) {
            pos += prefix.len();
            tail = t;
        }
    }
    if tail.starts_with("thang") {
        let ((year, m), used) = parse_month(tail)?;
        if issued.is_some_and(|d| (year, m) < (d.year, d.month)) {
            return None;
        }
        let span = (start, pos + used);
        return Some(Found {
            deadline: Deadline {
                date: Some(format!("{year:04}-{m:02}")),
                text: doc.value(span),
                task: None,
            },
            span,
            task: None,
            undated: None,
            before_issue: false,
        });
    }
    if let Some(m) = QUARTER.find(tail) {
        // `Thời gian hoàn thành: Quý II/2024`: a limit, but no date to give it.
        return Some(undated(doc, (start, pos + m.end()), Undated::Imprecise));
    }
    if let Some(m) = WINDOW_FROM.find(tail) {
        // A window `từ … đến …`: the limit is its end.
        let first = pos + m.end();
        let (_, used) = parse_body_date(&doc.key[first..])?;
        let to = WINDOW_TO.find(&doc.key[first + used..])?;
        let second = first + used + to.end();
        let (date, used) = parse_body_date(&doc.key[second..])?;
        return resolve(doc, (start, second + used), date, past);
    }
    let (date, used) = parse_body_date(tail)?;
    resolve(doc, (start, pos + used), date, past)
}

/// Cells of a `Thời hạn` column: lines holding only a date or a month, after the header.
/// Converters write a table as one cell per line (Markdown pipes and Word cells become
/// lines), as rows with cells joined by tabs, or as columns aligned with spaces
/// (pdftotext `-layout`); the last two keep the header on one line with its neighbours.
fn table_cells(doc: &Doc, from: usize, past: Past, found: &mut Vec<Found>) {
    let first = doc.line_of(from);
    let header = (first..doc.lines.len()).find(|&i| {
        let key = doc.line_key(doc.lines[i]);
        // The pattern opens with `thoi`: most lines are settled by that alone.
        key.starts_with("thoi") && LIMIT_HEADER.is_match(key)
    });
    if let Some(header) = header {
        for i in header + 1..doc.lines.len() {
            let line = doc.lines[i];
            let key = doc.line_key(line);
            if key.is_empty() || key.len() > 24 {
                continue;
            }
            if let Some(f) = cell_limit(doc, (line.start, line.end), past) {
                push(found, f);
            }
        }
    }
    row_tables(doc, first, past, found);
}

/// The limit a whole cell gives: a month (`Tháng 9/2024`) or a date with its year.
fn cell_limit(doc: &Doc, (start, end): Span, past: Past) -> Option<Found> {
    let key = doc.key[start..end].trim_end_matches(['.', ';', ',', ' ']);
    if key.starts_with("thang") {
        let ((year, m), used) = parse_month(key).filter(|&(_, used)| used == key.len())?;
        if past.issued.is_some_and(|d| (year, m) < (d.year, d.month)) {
            return None;
        }
        let span = (start, start + used);
        return Some(limit(
            doc,
            span,
            Some(format!("{year:04}-{m:02}")),
            None,
            false,
        ));
    }
    if let Some(m) = QUARTER.find(key).filter(|m| m.end() == key.len()) {
        // A quarter already over when the document was issued is a past period (a
        // report's column of finished works), not a limit.
        let over = past
            .issued
            .zip(quarter_end(m.as_str()))
            .is_some_and(|(d, end)| end < (d.year, d.month));
        return (!over).then(|| undated(doc, (start, start + m.end()), Undated::Imprecise));
    }
    let (date, used) =
        parse_body_date(key).filter(|&(d, used)| used == key.len() && d.year.is_some())?;
    resolve(doc, (start, start + used), date, past).filter(|f| !f.before_issue)
}

/// The year and last month of a quarter key (`quy ii/2024` → (2024, 6)).
fn quarter_end(key: &str) -> Option<(u16, u8)> {
    let mut words = key
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty() && *w != "nam");
    let (_, numeral, year) = (words.next()?, words.next()?, words.next()?);
    let quarter: u8 = match numeral {
        "i" | "1" => 1,
        "ii" | "2" => 2,
        "iii" | "3" => 3,
        "iv" | "4" => 4,
        _ => return None,
    };
    Some((year.parse().ok()?, quarter * 3))
}

/// Where a row table's limit column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// Cells joined by tabs: the column's index.
    Tab(usize),
    /// Columns aligned with spaces: the header's first and last column on its line.
    Aligned(usize, usize),
}

/// Row tables (tabs or aligned columns) with a `Thời hạn` header cell: the cell of each
/// row under it, until a line of running text crosses the column.
fn row_tables(doc: &Doc, first: usize, past: Past, found: &mut Vec<Found>) {
    let mut column: Option<Column> = None;
    for i in first..doc.lines.len() {
        let line = doc.lines[i];
        if line.is_blank() {
            continue;
        }
        let tabbed = doc.line_key(line).contains('\t');
        let cells = row_cells(doc, line, tabbed);
        let header = cells.iter().position(|&(s, e)| {
            let key = &doc.key[s..e];
            key.starts_with("thoi") && LIMIT_HEADER.is_match(key)
        });
        if let Some(k) = header.filter(|_| cells.len() > 1) {
            let (s, e) = cells[k];
            let col = s - raw_start(doc, line);
            column = Some(if tabbed {
                Column::Tab(k)
            } else {
                Column::Aligned(col, col + (e - s))
            });
            continue;
        }
        let cell = match column {
            Some(Column::Tab(k)) if tabbed => cells.get(k).copied(),
            Some(Column::Aligned(from, to)) => {
                let base = raw_start(doc, line);
                // A cell starts under the header, give or take a centred header's
                // indent; text that runs across the column start is prose.
                if cells
                    .iter()
                    .any(|&(s, e)| s - base < from.saturating_sub(2) && e - base > from)
                {
                    column = None;
                    continue;
                }
                cells
                    .iter()
                    .copied()
                    .find(|&(s, _)| (from.saturating_sub(8)..=to).contains(&(s - base)))
            }
            // A line that is no row ends a tab table.
            Some(Column::Tab(_)) => {
                column = None;
                None
            }
            None => None,
        };
        if let Some(f) = cell.and_then(|span| cell_limit(doc, span, past)) {
            push(found, f);
        }
    }
}

/// A row's cells, trimmed: split at tabs, or at runs of two spaces or more.
fn row_cells(doc: &Doc, line: Line, tabbed: bool) -> Vec<Span> {
    let key = doc.line_key(line).as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < key.len() {
        let gap = if tabbed {
            key[k] == b'\t'
        } else {
            key[k] == b' ' && key.get(k + 1) == Some(&b' ')
        };
        if gap {
            k += 1;
            continue;
        }
        let start = k;
        while k < key.len() {
            let ends = if tabbed {
                key[k] == b'\t'
            } else {
                key[k] == b' ' && key.get(k + 1).is_some_and(|&b| b == b' ' || b == b'\t')
            };
            if ends {
                break;
            }
            k += 1;
        }
        let cell = doc.tidy((line.start + start, line.start + k));
        if cell.0 < cell.1 {
            out.push(cell);
        }
    }
    out
}

/// Where line `line` begins in the text, its indent included: columns count from there.
fn raw_start(doc: &Doc, line: Line) -> usize {
    doc.key[..line.start].rfind('\n').map_or(0, |k| k + 1)
}

/// What tells a limit from the past: the issue date, else the latest cited date.
#[derive(Debug, Clone, Copy)]
struct Past {
    issued: Option<IssueDate>,
    latest_cited: Option<IssueDate>,
}

/// The few words before `pos` in the same clause (after the last comma): where `đã`
/// marks a past condition (`đã đóng bảo hiểm … trước ngày …`).
fn words_before(doc: &Doc, pos: usize) -> &str {
    const WORDS: usize = 8;
    let clause = clause_before(doc, pos);
    let clause = clause.rsplit(',').next().unwrap_or(clause);
    // Back to the space before the ninth word from the end, or the first space.
    let mut cut = clause.len();
    let mut seen = 0;
    for (k, &b) in clause.as_bytes().iter().enumerate().rev() {
        if b == b' ' {
            cut = k;
            if seen >= WORDS {
                break;
            }
            seen += 1;
        }
    }
    &clause[cut..]
}

/// The sentence before `pos`: back to the last `.`, `;` or `:` ending a sentence, at most
/// [`CLAUSE_BACK`] characters.
fn clause_before(doc: &Doc, pos: usize) -> &str {
    let from = pos.saturating_sub(CLAUSE_BACK);
    let window = &doc.key[from..pos];
    let bytes = window.as_bytes();
    let ends = |k: usize| {
        bytes[k] == b';'
            || (bytes[k] == b'.' && bytes.get(k + 1).is_none_or(|n| n.is_ascii_whitespace()))
    };
    let cut = (0..bytes.len())
        .rev()
        .find(|&k| ends(k))
        .map_or(0, |k| k + 1);
    &window[cut..]
}

fn dated(doc: &Doc, span: Span, (y, m, d): (u16, u8, u8), before_issue: bool) -> Found {
    limit(
        doc,
        span,
        Some(format!("{y:04}-{m:02}-{d:02}")),
        None,
        before_issue,
    )
}

fn undated(doc: &Doc, span: Span, why: Undated) -> Found {
    limit(doc, span, None, Some(why), false)
}

/// A deadline found at `span`, not yet linked to its task.
fn limit(
    doc: &Doc,
    span: Span,
    date: Option<String>,
    undated: Option<Undated>,
    before_issue: bool,
) -> Found {
    Found {
        deadline: Deadline {
            date,
            text: doc.value(span),
            task: None,
        },
        span,
        task: None,
        undated,
        before_issue,
    }
}

#[cfg(test)]
mod tests;
