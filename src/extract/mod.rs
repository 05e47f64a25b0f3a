//! Stage 5: zones → record fields. One extractor per field, each in its own file,
//! each reading only its zone of the [`Layout`]; this module only gathers their
//! results into the record, with spans and warnings.

pub mod date;
pub mod deadlines;
pub mod distribution;
pub mod issuer;
pub mod kind;
pub mod marks;
pub mod number;
pub mod recipients;
pub mod references;
pub mod signer;
pub mod subject;
pub mod tasks;
pub mod title_line;

use crate::doc::{Doc, Span};
use crate::layout::Layout;
use crate::record::Record;
use crate::warning::{self, warning};

/// What extraction needs besides the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Today's date as `(year, month, day)`, for the issue-date-in-the-future check.
    pub today: Option<(u16, u8, u8)>,
}

/// Fills every extracted field of `record` from the document.
pub fn extract(doc: &Doc, layout: &Layout, context: &Context, record: &mut Record) {
    let put_span = |record: &mut Record, field: &str, span: Span| {
        record.spans.insert(field.to_string(), [span.0, span.1]);
    };

    // Documents from the old law databases give their heading as one title sentence.
    let sentence = layout.sentence.as_ref();
    let own_number = sentence.and_then(|s| s.number.clone());
    if layout.continued {
        record.warnings.push(warning(
            warning::DOCUMENT_HEADLESS,
            "the text opens mid-sentence with no heading: the first page seems to be missing",
        ));
    }
    let caption = number::from_annex_caption(doc, layout);
    let from_caption = || {
        let (found, _) = caption.as_ref()?;
        record.warnings.push(warning(
            warning::NUMBER_FROM_ANNEX,
            "no heading: the number and date are read from the caption of the annex",
        ));
        Some(found.clone())
    };
    match number::extract(doc, layout)
        .or(own_number)
        .or_else(from_caption)
    {
        Some(number::Found::Number(number, span)) => {
            put_span(record, "number", span);
            let written: String = doc
                .slice(span.0, span.1)
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '…' | '_'))
                .collect();
            if written != number.value.replace('.', "") {
                record.warnings.push(warning(
                    warning::OCR_REPAIRED,
                    format!("the number `{written}` was read as `{}`", number.value),
                ));
            }
            record.number = Some(number);
        }
        Some(number::Found::Blank(span)) => {
            put_span(record, "number", span);
            record.warnings.push(warning(
                warning::NUMBER_BLANK,
                "the number after `Số:` was left blank",
            ));
        }
        None => record.warnings.push(warning(
            warning::NUMBER_MISSING,
            "no `Số:` number and symbol found in the heading",
        )),
    }

    let issuer = match sentence.and_then(|s| s.issuer.clone()) {
        Some(name) => issuer::Found {
            name: Some(name),
            parent: None,
        },
        None => issuer::extract(doc, layout),
    };
    let issuer_key = issuer.name.as_ref().map(|(_, (s, e))| &doc.key[*s..*e]);
    if let Some((name, span)) = &issuer.name {
        record.issuer.name = Some(name.clone());
        put_span(record, "issuer.name", *span);
    } else {
        record.warnings.push(warning(
            warning::ISSUER_MISSING,
            "no issuing body found in the heading",
        ));
    }
    if let Some((parent, span)) = &issuer.parent {
        record.issuer.parent = Some(parent.clone());
        put_span(record, "issuer.parent", *span);
    }

    let sentence_date = sentence
        .and_then(|s| s.date)
        .map(|(date, span)| date::Dated {
            date: Some(date),
            date_span: span,
            place: None,
        });
    let caption_date = || caption.and_then(|(_, end)| date::after_own_number(doc, end));
    match sentence_date
        .or_else(|| date::extract(doc, layout))
        .or_else(caption_date)
    {
        Some(dated) => {
            if let Some((place, span)) = dated.place {
                record.place = Some(place);
                put_span(record, "place", span);
            }
            match dated.date.and_then(|d| d.iso().map(|iso| (d, iso))) {
                Some((date, iso)) => {
                    put_span(record, "date", dated.date_span);
                    let phrase = &doc.key[dated.date_span.0..dated.date_span.1];
                    if phrase.split_whitespace().any(|w| {
                        w.bytes().any(|b| b.is_ascii_digit())
                            && w.bytes().any(|b| b"olis".contains(&b))
                    }) {
                        record.warnings.push(warning(
                            warning::OCR_REPAIRED,
                            format!(
                                "look-alike letters in `{}` were read as digits: {iso}",
                                doc.slice(dated.date_span.0, dated.date_span.1)
                            ),
                        ));
                    }
                    if date.day.is_none() {
                        record.warnings.push(warning(
                            warning::DATE_INCOMPLETE,
                            format!(
                                "the day of the issue date was left blank; date given as {iso}"
                            ),
                        ));
                    }
                    if is_future(&date, context.today) {
                        record.warnings.push(warning(
                            warning::DATE_FUTURE,
                            format!("the issue date {iso} is after today"),
                        ));
                    }
                    record.date = Some(iso);
                }
                None => record.warnings.push(warning(
                    warning::DATE_INCOMPLETE,
                    "the issue date was left blank",
                )),
            }
        }
        None => record.warnings.push(warning(
            warning::DATE_MISSING,
            "no issue date found in the heading",
        )),
    }

    let has_abstract_mark = subject_is_vv(doc, layout);
    let symbol_kind = record
        .number
        .as_ref()
        .and_then(|n| n.symbol.as_deref())
        .and_then(kind::from_symbol);
    let title = kind::find_title(doc, layout)
        .filter(|t| !t.by_place || symbol_kind.is_none_or(|k| k == t.code));
    record.kind = match &title {
        // A consolidated text carries the title of the document it consolidates.
        _ if symbol_kind == Some("van_ban_hop_nhat") => symbol_kind.map(str::to_string),
        Some(title) => {
            put_span(record, "kind", title.span);
            Some(title.code.to_string())
        }
        None if has_abstract_mark || layout.kinh_gui.is_some() => Some("cong_van".to_string()),
        None => record
            .number
            .as_ref()
            .and_then(|n| n.symbol.as_deref())
            .and_then(kind::from_symbol)
            .map(str::to_string),
    };
    if let Some(sentence) = sentence {
        put_span(record, "kind", sentence.kind_span);
        record.kind = Some(sentence.code.to_string());
    }
    if record.kind.is_none() {
        record.warnings.push(warning(
            warning::KIND_UNKNOWN,
            "no type name, `V/v` or `Kính gửi` found",
        ));
    }
    if let (Some(kind), Some(symbol)) = (
        &record.kind,
        record.number.as_ref().and_then(|n| n.symbol.as_deref()),
    ) && kind != "cong_van"
        && symbol.split(['-', '/']).next() == Some("CV")
    {
        record.warnings.push(warning(
            warning::NUMBER_CV_SYMBOL,
            format!("the symbol {symbol} says công văn but the document is a {kind}"),
        ));
    }

    let sentence_subject = sentence.and_then(|s| s.subject.clone());
    match sentence_subject.or_else(|| subject::extract(doc, layout, title.as_ref(), issuer_key)) {
        Some((subject, span)) => {
            record.subject = Some(subject);
            put_span(record, "subject", span);
        }
        None => record.warnings.push(warning(
            warning::SUBJECT_MISSING,
            "no abstract (V/v or title) found",
        )),
    }

    record.recipients = recipients::extract(doc, layout);
    let own = record.number.as_ref().map(|n| n.value.as_str());
    record.references = references::extract(doc, layout, own);
    let items = tasks::find(doc, layout);
    let issued = record.date.as_deref().and_then(deadlines::IssueDate::parse);
    let latest_cited = record
        .references
        .iter()
        .filter_map(|r| r.date.as_deref())
        .max();
    let found = deadlines::extract(doc, layout, issued, latest_cited, &items);
    record.tasks = items
        .iter()
        .enumerate()
        .map(|(k, item)| item.to_task(&found, k))
        .collect();
    record.deadlines = found.iter().map(|d| d.deadline.clone()).collect();
    record.warnings.extend(deadlines::warnings(&found, issued));
    let block = signer::find_with_issuer(doc, layout, &issuer);
    for (field, span) in [
        ("signer.name", block.name),
        ("signer.title", block.title),
        ("signer.authority", block.authority),
        ("signer.principal", block.principal),
    ] {
        if let Some(span) = span {
            put_span(record, field, span);
        }
    }
    record.distribution = distribution::extract(doc, layout, &block);
    record.signer = block.signer;
    footer_warnings(layout, record);
    if record.signer.name.is_none() && record.distribution.is_empty() && ends_mid_sentence(doc) {
        record.warnings.push(warning(
            warning::DOCUMENT_TRUNCATED,
            "the text stops mid-sentence, with no signature and no `Nơi nhận`: \
             the end of the document seems to be missing",
        ));
    }
    if let Some((code, span)) = marks::urgency(doc, layout) {
        put_span(record, "urgency", span);
        record.urgency = Some(code);
    }
    if let Some((code, span)) = marks::security(doc, layout) {
        put_span(record, "security", span);
        record.security = Some(code);
    }
}

/// `signer.missing` (a body but no name), `signer.title_missing`, `distribution.missing`.
fn footer_warnings(layout: &Layout, record: &mut Record) {
    let has_body = !layout.body.is_empty() || !layout.footer.is_empty();
    match (&record.signer.name, &record.signer.title) {
        (None, _) if has_body => record.warnings.push(warning(
            warning::SIGNER_MISSING,
            "no signer's name found in the signature block",
        )),
        (Some(_), None) => record.warnings.push(warning(
            warning::SIGNER_TITLE_MISSING,
            "the signer's position line was not found above the name",
        )),
        _ => {}
    }
    if record.distribution.is_empty() {
        record.warnings.push(warning(
            warning::DISTRIBUTION_MISSING,
            "no `Nơi nhận` list found",
        ));
    }
}

/// Whether the last line of the text stops where no sentence or list item ends: on a
/// small-letter word or a comma (`… báo cáo về Cục Lâm nghiệp trước ngày`). A banner,
/// a name or a code in capitals at the end is no sign of a cut.
fn ends_mid_sentence(doc: &Doc) -> bool {
    let Some(last) = doc.lines.iter().rev().find(|l| !l.is_blank()) else {
        return false;
    };
    let text = doc.line_text(*last).trim_end();
    let open = text
        .chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || c == ',');
    open && text.split_whitespace().count() >= 4
}

fn subject_is_vv(doc: &Doc, layout: &Layout) -> bool {
    layout.heading.clone().any(|i| {
        let key = doc.line_key(doc.lines[i]);
        key.starts_with("v/v") || key.starts_with("ve viec") || key.contains("   v/v")
    })
}

fn is_future(date: &date::PartialDate, today: Option<(u16, u8, u8)>) -> bool {
    let Some((y, m, d)) = today else { return false };
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1)) > (y, m, d)
}

/// A short letter around the given footer, so that the layout finds its zones (for the
/// footer extractors' tests).
#[cfg(test)]
pub(crate) fn test_letter(footer: &str) -> Doc {
    Doc::new(format!(
        "SỞ Y TẾ\nSố: 12/SYT-VP\nHà Nội, ngày 05 tháng 3 năm 2024\n\n\
         Kính gửi: Các đơn vị trực thuộc\n\nĐề nghị các đơn vị thực hiện./.\n\n{footer}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header fields of a record, lower-cased.
    fn header(text: &str) -> Vec<Option<String>> {
        let mut record = Record::empty(crate::pipeline::source(text.as_bytes(), "t.txt", None));
        let doc = Doc::new(text.to_string());
        extract(&doc, &Layout::find(&doc), &Context::default(), &mut record);
        let number = record.number.map(|n| n.value);
        [
            record.kind,
            number,
            record.issuer.name,
            record.issuer.parent,
            record.place,
            record.date,
            record.subject,
        ]
        .into_iter()
        .map(|v| v.map(|s| s.to_lowercase()))
        .collect()
    }

    /// A type word found only by its place under the anchors yields to the symbol's type
    /// (`Quy định …` is the abstract of a thông tư without its type name).
    #[test]
    fn lower_case_title_by_place_yields_to_the_symbol() {
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
                    Số: 21/2025/TT-BGDĐT\n\nQuy định chế độ trả tiền lương dạy thêm giờ\n\n\
                    Căn cứ Luật Giáo dục;\n";
        let clean = header(text);
        assert_eq!(clean[0].as_deref(), Some("thong_tu"));
        assert_eq!(
            clean[6].as_deref(),
            Some("quy định chế độ trả tiền lương dạy thêm giờ")
        );
        assert_eq!(header(&text.to_lowercase()), clean);
    }

    /// A whole heading in lower case gives the header fields of the same heading as
    /// written.
    #[test]
    fn lower_case_heading_gives_the_same_header() {
        let text = "ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ HỒ CHÍ MINH\n\n\
                    CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
                    Số: 172/KH-UBND\n\nThành phố Hồ Chí\nMinh, ngày 18 tháng 11 năm 2025\n\n\
                    KẾ HOẠCH\n\nTRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM\n\n\
                    Thực hiện Quyết định số 1850/QĐ-TTg;\n";
        let clean = header(text);
        assert_eq!(
            clean,
            [
                Some("ke_hoach"),
                Some("172/kh-ubnd"),
                Some("ủy ban nhân dân thành phố hồ chí minh"),
                None,
                Some("thành phố hồ chí minh"),
                Some("2025-11-18"),
                Some("triển khai thi hành luật việc làm"),
            ]
            .map(|v| v.map(str::to_string))
        );
        assert_eq!(header(&text.to_lowercase()), clean);
    }
}
