//! What the pages say about fields: a colour and a gloss per span field, the value a
//! span claims, the field a warning is about, and the fields a record lacks.

use serde_json::Value;

use crate::record::Record;

/// Span fields in the order of the record, each with its term in the spec. A field the
/// pipeline may add later (a new span key) still gets a colour, after these.
const KNOWN: &[(&str, &str)] = &[
    ("kind", "loại văn bản"),
    ("number", "số và ký hiệu"),
    ("issuer.parent", "cơ quan chủ quản"),
    ("issuer.name", "tên cơ quan ban hành"),
    ("place", "địa danh"),
    ("date", "ngày ban hành"),
    ("subject", "trích yếu"),
    ("urgency", "độ khẩn"),
    ("security", "độ mật"),
    ("signer.authority", "thẩm quyền ký"),
    ("signer.principal", "ký thay mặt cho"),
    ("signer.title", "chức vụ người ký"),
    ("signer.name", "người ký"),
];

/// How many highlight colours the style sheet defines (`.c0` … `.c15`).
pub const COLOURS: usize = 16;

/// The colour class of each field of `spans`, in a fixed order: known fields first.
pub fn classes<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<(&'a str, String)> {
    let mut fields: Vec<&str> = fields.collect();
    fields.sort_by_key(|f| (rank(f), *f));
    fields
        .into_iter()
        .map(|f| {
            let slot = KNOWN
                .iter()
                .position(|(k, _)| *k == f)
                .unwrap_or_else(|| KNOWN.len() + hash(f));
            (f, format!("c{}", slot % COLOURS))
        })
        .collect()
}

fn rank(field: &str) -> usize {
    KNOWN
        .iter()
        .position(|(k, _)| *k == field)
        .unwrap_or(KNOWN.len())
}

fn hash(field: &str) -> usize {
    field
        .bytes()
        .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
}

/// The spec's term for a field, when it has one.
pub fn gloss(field: &str) -> Option<&'static str> {
    KNOWN.iter().find(|(k, _)| *k == field).map(|(_, g)| *g)
}

/// The value at a dotted path of the record's JSON (`issuer.name`, `tasks.0.text`);
/// `number` gives `number.value`.
pub fn value_at<'v>(json: &'v Value, field: &str) -> Option<&'v Value> {
    let mut value = json;
    for part in field.split('.') {
        value = match value {
            Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => value.get(part)?,
        };
    }
    match value {
        Value::Object(o) if o.contains_key("value") => o.get("value"),
        Value::Null => None,
        v => Some(v),
    }
}

/// The value as one line of text for a table cell or a comparison.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// Where a warning points: the span field it is about, if the record has that span.
/// `number.missing` has no place; `decode.*` is about the whole text.
pub fn warning_field<'r>(record: &'r Record, code: &str, message: &str) -> Option<&'r str> {
    let head = code.split('.').next().unwrap_or(code);
    let wanted: Vec<String> = match head {
        // An OCR repair says what it repaired in its message.
        "ocr" => ["number", "date", "issuer", "subject"]
            .iter()
            .filter(|f| message.contains(*f))
            .map(|f| f.to_string())
            .collect(),
        "issuer" => vec!["issuer.name".into(), "issuer.parent".into()],
        "signer" => vec![
            "signer.name".into(),
            "signer.title".into(),
            "signer.authority".into(),
        ],
        _ => vec![head.to_string(), format!("{head}s")],
    };
    if code.ends_with(".missing") {
        return None;
    }
    wanted.iter().find_map(|w| {
        record
            .spans
            .keys()
            .find(|k| *k == w || k.starts_with(&format!("{w}.")))
            .map(String::as_str)
    })
}

/// Header fields a reviewer expects in every document, for the "missing" filter.
pub const EXPECTED: &[&str] = &[
    "kind",
    "number",
    "issuer",
    "place",
    "date",
    "subject",
    "signer",
    "distribution",
];

/// The [`EXPECTED`] fields this record does not have.
pub fn missing(record: &Record) -> Vec<&'static str> {
    EXPECTED
        .iter()
        .copied()
        .filter(|field| match *field {
            "kind" => record.kind.is_none(),
            "number" => record.number.is_none(),
            "issuer" => record.issuer.name.is_none(),
            "place" => record.place.is_none(),
            "date" => record.date.is_none(),
            "subject" => record.subject.is_none(),
            "signer" => record.signer.name.is_none(),
            "distribution" => record.distribution.is_empty(),
            _ => false,
        })
        .collect()
}
