//! A heading written as one title sentence, the way law databases of the 1990s and 2000s
//! stored documents: `Nghị định của Chính phủ số 117/2003/NĐ-CP ngày 10/10/2003 về việc
//! tuyển dụng …`, wrapped over a few lines, with no national title, no `Số:` line and no
//! date line. Type, issuer, number, date and abstract are all read from that sentence.
//!
//! The sentence reads: type name [`liên tịch`] [`của`] issuer [`số` number] [`ngày` date]
//! abstract. It is taken only at the top of a document, with no national title above it,
//! and only when it carries a number, or an issuer after `của` and a date.

use crate::doc::{Doc, Span};
use crate::extract::date::{PartialDate, after_ngay};
use crate::extract::{kind, number, subject};
use crate::layout::is_title_anchor;

/// What the title sentence gives.
#[derive(Debug, Clone)]
pub struct TitleSentence {
    pub code: &'static str,
    pub kind_span: Span,
    pub issuer: Option<(String, Span)>,
    pub number: Option<number::Found>,
    pub date: Option<(PartialDate, Span)>,
    pub subject: Option<(String, Span)>,
}

/// Lines the sentence may be wrapped over.
const MAX_LINES: usize = 8;
/// How many non-blank lines may stand above the sentence (`Chính phủ` over it).
const MAX_ABOVE: usize = 2;
/// How far under the sentence a national title still makes it a heading's line.
const ANCHOR_REACH: usize = 4;

/// The title sentence opening `doc`, when its heading is written as one.
pub fn find(doc: &Doc) -> Option<TitleSentence> {
    let (first, code, name_len) = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.is_blank())
        .take(MAX_ABOVE + 1)
        .find_map(|(i, &line)| {
            kind::leading_type_name(doc.line_key(line)).map(|(code, len)| (i, code, len))
        })?;
    let start = doc.lines[first].start;
    let end = sentence_end(doc, first);
    // A national title or motto at the top (also right under a `Luật số: 18/2003/QH11`
    // label line) makes it a heading of the usual form.
    let last = doc.line_of(end.saturating_sub(1)) + ANCHOR_REACH;
    if doc.lines[..doc.lines.len().min(last + 1)]
        .iter()
        .any(|&line| is_title_anchor(doc.line_key(line)))
    {
        return None;
    }
    let key = &doc.key[..end];
    let kind_span = (
        start,
        start + doc.key[start..start + name_len].trim_end().len(),
    );

    let mut at = skip_blanks(key, start + name_len);
    let mut code = code;
    if let Some(after) = word(key, at, "lien tich") {
        code = if code == "thong_tu" {
            "thong_tu_lien_tich"
        } else {
            code
        };
        at = skip_blanks(key, after);
    }
    let after_cua = word(key, at, "cua");
    let issuer_start = after_cua.map_or(at, |a| skip_blanks(key, a));
    let issuer_end = issuer_end(key, issuer_start);
    let issuer = Some(doc.tidy((issuer_start, issuer_end)))
        .filter(|(s, e)| s < e && doc.key[*s..*e].split_whitespace().count() <= 12)
        .map(|span| (doc.value(span), span));

    at = skip_blanks(key, issuer_end);
    let mut found_number = None;
    if let Some(after) = word(key, at, "so") {
        let from = skip_blanks(key, skip_colon(key, after));
        let line_end = doc.line(doc.line_of(from)).end;
        found_number = number::parse_at(doc.slice(from, line_end), from);
        if let Some(number::Found::Number(_, (_, e)) | number::Found::Blank((_, e))) = found_number
        {
            at = skip_blanks(key, e);
        }
    }
    let mut date = None;
    if word(key, at, "ngay").is_some()
        && let Some((found, end)) = after_ngay(key, at)
    {
        date = Some((found, (at, end)));
        at = skip_blanks(key, end);
    }
    let numbered = matches!(found_number, Some(number::Found::Number(..)));
    let issued_by = after_cua.is_some() && issuer.is_some() && date.is_some();
    if !numbered && !issued_by {
        return None;
    }
    // what is left is the abstract, without its `Về việc` / `Về` marker
    let span = doc.tidy((at + subject::title_mark_len(&doc.key[at..end]), end));
    let subject = (span.0 < span.1).then(|| (doc.value(span), span));
    Some(TitleSentence {
        code,
        kind_span,
        issuer,
        number: found_number,
        date,
        subject,
    })
}

/// Where the sentence ends: at a blank line, at the body (recitals, the enacting body
/// on a line of its own, the first chapter or article), or after [`MAX_LINES`].
fn sentence_end(doc: &Doc, first: usize) -> usize {
    let mut end = doc.lines[first].end;
    for line in doc.lines.iter().skip(first + 1).take(MAX_LINES - 1) {
        let key = doc.line_key(*line).trim_start_matches(['-', ' ']);
        if line.is_blank() || subject::ends_title(key) || subject::is_recital(key) {
            break;
        }
        end = line.end;
    }
    end
}

/// The issuer runs up to its `số` or `ngày` (a figure after either), on its line or the
/// next one (`liên tịch của Bộ Tài chính - Công nghiệp -` / `Tổng cục Hải quan số …`);
/// without either there, to the end of its line.
fn issuer_end(key: &str, from: usize) -> usize {
    let line_end = |at: usize| key[at..].find('\n').map_or(key.len(), |p| at + p);
    let first_end = line_end(from);
    let reach = if first_end < key.len() {
        line_end(first_end + 1)
    } else {
        first_end
    };
    let mut at = from;
    while at < reach {
        let dated = |w| word(key, at, w).is_some_and(|after| figure_after(key, after));
        if dated("so") || dated("ngay") {
            return key[..at].trim_end().len().max(from);
        }
        let next = key[at..]
            .find(|c: char| c.is_ascii_whitespace())
            .map_or(key.len(), |p| at + p);
        at = skip_blanks(key, next);
    }
    first_end
}

fn figure_after(key: &str, at: usize) -> bool {
    let at = skip_blanks(key, skip_colon(key, at));
    key[at..].starts_with(|c: char| c.is_ascii_digit())
}

/// The offset past `word` at `at` when it stands there as a whole word.
fn word(key: &str, at: usize, word: &str) -> Option<usize> {
    let rest = key.get(at..)?;
    let end = at + word.len();
    (rest.starts_with(word)
        && key[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric()))
    .then_some(end)
}

fn skip_colon(key: &str, at: usize) -> usize {
    let blanks = skip_blanks(key, at);
    if key[blanks..].starts_with(':') {
        blanks + 1
    } else {
        at
    }
}

fn skip_blanks(key: &str, at: usize) -> usize {
    key[at..]
        .find(|c: char| !c.is_ascii_whitespace())
        .map_or(key.len(), |p| at + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<TitleSentence> {
        find(&Doc::new(text.to_string()))
    }

    fn number_of(found: &TitleSentence) -> Option<String> {
        match &found.number {
            Some(number::Found::Number(n, _)) => Some(n.value.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_decree_in_one_sentence() {
        let found = read(
            "Nghị định của Chính phủ số 117/2003/NĐ-CP ngày 10/10/2003\nvề việc tuyển dụng, sử dụng cán bộ, công chức\ntrong các cơ quan nhà nước.\n\nChính phủ\nCăn cứ Luật Tổ chức Chính phủ;\n",
        )
        .expect("a title sentence");
        assert_eq!(found.code, "nghi_dinh");
        assert_eq!(
            found.issuer.as_ref().map(|i| i.0.as_str()),
            Some("Chính phủ")
        );
        assert_eq!(number_of(&found).as_deref(), Some("117/2003/NĐ-CP"));
        assert_eq!(
            found.date.as_ref().and_then(|d| d.0.iso()).as_deref(),
            Some("2003-10-10")
        );
        assert_eq!(
            found.subject.as_ref().map(|s| s.0.as_str()),
            Some("tuyển dụng, sử dụng cán bộ, công chức trong các cơ quan nhà nước")
        );
    }

    #[test]
    fn a_joint_circular_wrapped_over_lines() {
        let found = read(
            "Thông tư\nliên tịch của Bộ Tài chính - Công nghiệp -\nTổng cục Hải quan số 176/1998/TTLT-BTC-BCN-TCHQ\nngày 25 tháng 12 năm 1998 Hướng dẫn thực hiện chính sách thuế\nCăn cứ ý kiến của Thủ tướng Chính phủ;\n",
        )
        .expect("a title sentence");
        assert_eq!(found.code, "thong_tu_lien_tich");
        assert_eq!(
            found.issuer.as_ref().map(|i| i.0.as_str()),
            Some("Bộ Tài chính - Công nghiệp - Tổng cục Hải quan")
        );
        assert_eq!(
            number_of(&found).as_deref(),
            Some("176/1998/TTLT-BTC-BCN-TCHQ")
        );
        assert_eq!(
            found.date.as_ref().and_then(|d| d.0.iso()).as_deref(),
            Some("1998-12-25")
        );
        assert_eq!(
            found.subject.as_ref().map(|s| s.0.as_str()),
            Some("Hướng dẫn thực hiện chính sách thuế")
        );
    }

    #[test]
    fn only_without_a_national_title_and_with_a_number_or_issuer_and_date() {
        assert!(
            read("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNghị định của Chính phủ số 1/2003/NĐ-CP\n")
                .is_none()
        );
        assert!(read("Nghị định\nVề công tác văn thư\nCăn cứ Luật;\n").is_none());
        assert!(read("Kế hoạch của trường về việc dạy học\n").is_none());
        assert!(
            read("Quốc hội\nLuật số: 18/2003/QH11\n\nCộng hoà xã hội chủ nghĩa Việt Nam\n")
                .is_none()
        );
    }
}
