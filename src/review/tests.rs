use std::collections::BTreeMap;

use super::highlight::{self, Mark};
use super::html::{escape, script_json};
use super::page::Layout;
use super::*;
use crate::record::Number;

/// The text under each field's highlights, read back from the HTML in document order,
/// checking on the way that `<mark>` elements are balanced.
fn texts_by_field(html: &str) -> BTreeMap<String, String> {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</mark>") {
            stack.pop().expect("a </mark> closes an open mark");
            rest = after;
        } else if rest.starts_with("<mark ") {
            let end = rest.find('>').expect("tag ends");
            let tag = &rest[..end];
            let at = tag.find("data-field=\"").expect("mark has data-field") + 12;
            let field = &tag[at..at + tag[at..].find('"').unwrap()];
            assert!(
                !stack.iter().any(|f| f == field),
                "{field} nested in itself"
            );
            stack.push(field.to_string());
            texts.entry(field.to_string()).or_default();
            rest = &rest[end + 1..];
        } else {
            let (c, len) = if rest.starts_with('&') {
                let end = rest.find(';').expect("entity ends") + 1;
                let c = match &rest[..end] {
                    "&amp;" => '&',
                    "&lt;" => '<',
                    "&gt;" => '>',
                    "&quot;" => '"',
                    "&#39;" => '\'',
                    other => panic!("unexpected entity {other}"),
                };
                (c, end)
            } else {
                assert!(!rest.starts_with('<'), "raw tag in text: {rest:.30}");
                let c = rest.chars().next().unwrap();
                (c, c.len_utf8())
            };
            for field in &stack {
                texts.get_mut(field).unwrap().push(c);
            }
            rest = &rest[len..];
        }
    }
    assert!(stack.is_empty(), "unclosed marks: {stack:?}");
    texts
}

fn mark(field: &str, start: usize, end: usize) -> Mark<'_> {
    Mark {
        field,
        start,
        end,
        class: "c0",
        warn: None,
    }
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn escape_makes_markup_text() {
    assert_eq!(
        escape(r#"<script>alert("x" & 'y')</script>"#),
        "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
    );
    assert_eq!(escape("Hà Nội\tngày"), "Hà Nội\tngày");
    assert_eq!(escape("a\u{1}b"), "a\u{2401}b");
}

#[test]
fn script_json_cannot_close_its_element() {
    let value = serde_json::json!({"s": "</script><script>alert(1)</script><!-- & \u{2028}"});
    let json = script_json(&value);
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    assert!(!json.contains('\u{2028}'));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        value
    );
}

#[test]
fn nested_spans_nest() {
    let text = "UBND TỈNH LAM GIANG SỞ Y TẾ\nSố: 12/SYT";
    let html = highlight::render(
        text,
        &[
            mark("issuer.name", 20, 27),
            mark("heading", 0, 27),
            mark("number", 28, 38),
        ],
    );
    assert!(html.starts_with("<mark class=\"hl c0\" data-field=\"heading\" id=\"f-heading\""));
    assert!(html.contains("</mark></mark>\n<mark"), "{html}");
    let texts = texts_by_field(&html);
    assert_eq!(texts["issuer.name"], "SỞ Y TẾ");
    assert_eq!(texts["heading"], slice(text, 0, 27));
    assert_eq!(texts["number"], "Số: 12/SYT");
}

#[test]
fn crossing_spans_are_split() {
    let text = "abcdefghij";
    let html = highlight::render(text, &[mark("a", 0, 5), mark("b", 3, 8)]);
    assert_eq!(html.matches("data-field=\"b\"").count(), 2, "{html}");
    assert_eq!(html.matches("id=\"f-b\"").count(), 1);
    assert_eq!(html.matches("data-cont").count(), 1);
    let texts = texts_by_field(&html);
    assert_eq!(texts["a"], "abcde");
    assert_eq!(texts["b"], "defgh");
}

#[test]
fn spans_outside_the_text_are_clipped_or_dropped() {
    let html = highlight::render(
        "ngày",
        &[mark("a", 2, 99), mark("b", 3, 3), mark("c", 9, 12)],
    );
    let texts = texts_by_field(&html);
    assert_eq!(texts["a"], "ày");
    assert!(!texts.contains_key("b") && !texts.contains_key("c"));
}

#[test]
fn any_spans_give_their_text() {
    // Pseudo-random spans (a fixed linear congruential sequence) over a Vietnamese text
    // with markup in it: the marks are balanced and each field reads back its slice.
    let text = "CỘNG HÒA <b>\"XÃ HỘI\"</b> & Độc lập – Tự do – Hạnh phúc\nSố: 7/QĐ";
    let len = text.chars().count();
    let names: Vec<String> = (0..8).map(|k| format!("f{k}")).collect();
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for _ in 0..200 {
        let marks: Vec<Mark> = names
            .iter()
            .take(1 + next(names.len()))
            .map(|name| {
                let a = next(len + 1);
                let b = next(len + 1);
                mark(name, a.min(b), a.max(b))
            })
            .collect();
        let html = highlight::render(text, &marks);
        let texts = texts_by_field(&html);
        for m in &marks {
            if m.start < m.end {
                assert_eq!(texts[m.field], slice(text, m.start, m.end), "{html}");
            }
        }
        let plain: String = texts_by_field(&format!("<mark data-field=\"all\">{html}</mark>"))
            .remove("all")
            .unwrap();
        assert_eq!(plain, text);
    }
}

fn sample_doc(text: &str) -> Doc {
    let mut record = Record::empty(pipeline::source(text.as_bytes(), "corpus/<x>\".txt", None));
    record.number = Some(Number {
        value: "12/UBND".into(),
        seq: Some(12),
        year: None,
        symbol: Some("UBND".into()),
    });
    let subject = "về <script>alert(\"x\")</script>";
    record.subject = Some(subject.into());
    record.spans.insert("number".into(), [4, 11]);
    let at = text
        .find(subject)
        .map(|b| text[..b].chars().count())
        .unwrap();
    record
        .spans
        .insert("subject".into(), [at, at + subject.chars().count()]);
    record.warnings.push(warning(
        crate::warning::NUMBER_CV_SYMBOL,
        "a `CV` symbol <b>on</b> a decision",
    ));
    // Built by hand: normalization would strip the tags, and this tests the page.
    Doc {
        text: Some(text.to_string()),
        ..Doc::new(record, None)
    }
}

const HOSTILE: &str =
    "Số: 12/UBND\nV/v về <script>alert(\"x\")</script>\n</pre><!-- \"quoted\" & 'single'\n";

#[test]
fn document_page_shows_markup_as_text() {
    let doc = sample_doc(HOSTILE);
    let html = page::render(&doc, 0, &Layout::new(2));
    assert!(!html.contains("<script>alert"), "raw script in page");
    assert!(!html.contains("<b>on</b>") && !html.contains("</pre><!--"));
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the page's own scripts"
    );
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("data-path=\"corpus/&lt;x&gt;&quot;.txt\""));
    // The highlighted text reads back as the record's values.
    let pre = &html[html.find("<pre id=\"text\"").unwrap()..];
    let pre = &pre[pre.find('>').unwrap() + 1..pre.find("</pre>\n").unwrap()];
    let texts = texts_by_field(pre);
    assert_eq!(texts["number"], "12/UBND");
    assert_eq!(texts["subject"], doc.record.subject.clone().unwrap());
    // The warning links to the number in the text, which carries its code.
    assert!(html.contains("href=\"#f-number\">→ number in the text</a>"));
    assert!(html.contains("data-warn=\"number.cv_symbol_on_non_cong_van\""));
    // Links: no previous page, next is 00001.
    assert!(html.contains("<a href=\"00001.html\" rel=\"next\" id=\"next\">"));
    assert!(!html.contains("rel=\"prev\""));
    assert!(html.contains("<meta charset=\"utf-8\">"));
}

#[test]
fn index_data_cannot_break_out() {
    let doc = sample_doc(HOSTILE);
    let rows = vec![index::Row::of(&doc, 0)];
    let html = index::render(&rows, &Layout::new(1));
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the page's own scripts"
    );
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("\\u003cscript\\u003e"));
    assert!(html.contains("<option value=\"number.cv_symbol_on_non_cong_van\">"));
}

#[test]
fn page_names_are_padded_to_the_count() {
    assert_eq!(Layout::new(3).file_name(2), "00002.html");
    assert_eq!(Layout::new(50_000).file_name(49_999), "49999.html");
    assert_eq!(Layout::new(100_001).file_name(7), "000007.html");
    assert!(Layout::new(3).is_stale(3, 5));
    assert!(Layout::new(3).is_stale(1, 6));
    assert!(!Layout::new(3).is_stale(2, 5));
}

#[test]
fn warnings_point_to_their_field() {
    let doc = sample_doc(HOSTILE);
    let r = &doc.record;
    assert_eq!(
        fields::warning_field(r, "number.cv_symbol_on_non_cong_van", ""),
        Some("number")
    );
    assert_eq!(fields::warning_field(r, "number.missing", ""), None);
    assert_eq!(
        fields::warning_field(r, "ocr.repaired", "the number `1` was read as `I`"),
        Some("number")
    );
    assert_eq!(fields::warning_field(r, "date.in_future", ""), None);
    assert_eq!(
        fields::missing(r),
        ["kind", "issuer", "place", "date", "signer", "distribution"]
    );
}

#[test]
fn sources_are_found_under_folders() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a").join("x.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "x").unwrap();
    let folders = [dir.path().to_path_buf()];
    assert_eq!(find_source("corpus/a/x.txt", &folders), Some(file.clone()));
    assert_eq!(
        find_source("/elsewhere/a/x.txt", &folders),
        Some(file.clone())
    );
    assert_eq!(find_source(file.to_str().unwrap(), &[]), Some(file));
    assert_eq!(find_source("corpus/a/y.txt", &folders), None);
}
