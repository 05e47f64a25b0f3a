//! The wire format: serde types mirroring `spec/record.md` field by field, in its order.
//!
//! Nothing here extracts anything; the pipeline fills a [`Record`] and the batch layer
//! writes it. The JSON Schema printed by `vanban schema` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the record contract; bumped whenever a field changes meaning.
pub const SCHEMA_VERSION: &str = "1";

/// One document's record: exactly one per input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub schema_version: String,
    pub source: Source,
    /// Document type as a snake-case code (`cong_van`, `quyet_dinh`, …).
    pub kind: Option<String>,
    pub number: Option<Number>,
    pub issuer: Issuer,
    pub place: Option<String>,
    /// ISO `YYYY-MM-DD`, or `YYYY-MM` when the day was left blank.
    pub date: Option<String>,
    pub subject: Option<String>,
    pub recipients: Vec<String>,
    pub tasks: Vec<Task>,
    pub deadlines: Vec<Deadline>,
    pub signer: Signer,
    pub distribution: Vec<String>,
    pub references: Vec<Reference>,
    pub urgency: Option<String>,
    pub security: Option<String>,
    /// `[start, end)` in Unicode scalar values into the normalized text, per scalar field.
    pub spans: BTreeMap<String, [usize; 2]>,
    pub warnings: Vec<Warning>,
    /// Present only when the file could not be read or decoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Warning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The path as given on the command line or found under it.
    pub path: String,
    pub bytes: u64,
    /// SHA-256 of the raw bytes, lower-case hex; `null` when the file could not be read.
    pub sha256: Option<String>,
    /// Detected encoding (`utf-8`, `utf-8-nfd`, `tcvn3`, `vni`, …), `null` if unread.
    pub encoding: Option<String>,
}

/// Số và ký hiệu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Number {
    /// Canonical: the text after `Số` with all white space removed.
    pub value: String,
    pub seq: Option<u64>,
    pub year: Option<u16>,
    pub symbol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub name: Option<String>,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// `1`, `II`, `a`, `Điều 3`: the number as written, without its punctuation.
    pub label: String,
    pub text: String,
    /// ISO dates of the deadlines inside this item.
    pub deadlines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// ISO date (`YYYY-MM-DD` or `YYYY-MM`); `null` for a recurring limit.
    pub date: Option<String>,
    /// The phrase as written.
    pub text: String,
    /// Label of the task it sits in.
    pub task: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// `KT`, `TM`, `TL`, `TUQ` or `Q`.
    pub authority: Option<String>,
    pub principal: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
    /// Every line of a stacked block, from the first prefix to the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub kind: Option<String>,
    pub number: String,
    pub date: Option<String>,
}

/// A warning or an error: a stable dotted code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

impl Record {
    /// A record with every field empty, for the given source.
    pub fn empty(source: Source) -> Self {
        Record {
            schema_version: SCHEMA_VERSION.to_string(),
            source,
            kind: None,
            number: None,
            issuer: Issuer::default(),
            place: None,
            date: None,
            subject: None,
            recipients: Vec::new(),
            tasks: Vec::new(),
            deadlines: Vec::new(),
            signer: Signer::default(),
            distribution: Vec::new(),
            references: Vec::new(),
            urgency: None,
            security: None,
            spans: BTreeMap::new(),
            warnings: Vec::new(),
            error: None,
        }
    }
}

/// The JSON Schema of [`Record`], generated from the types above.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Record);
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}
