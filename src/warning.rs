//! Every warning code the record can carry, defined once. Codes are stable dotted
//! names: consumers filter on them, so a code is never renamed, only added.

use crate::record::Warning;

pub const NUMBER_MISSING: &str = "number.missing";
pub const NUMBER_BLANK: &str = "number.blank";
pub const NUMBER_CV_SYMBOL: &str = "number.cv_symbol_on_non_cong_van";
pub const DATE_MISSING: &str = "date.missing";
pub const DATE_INCOMPLETE: &str = "date.incomplete";
pub const DATE_FUTURE: &str = "date.in_future";
pub const ISSUER_MISSING: &str = "issuer.missing";
pub const KIND_UNKNOWN: &str = "kind.unknown";
pub const SUBJECT_MISSING: &str = "subject.missing";
pub const SIGNER_MISSING: &str = "signer.missing";
pub const SIGNER_TITLE_MISSING: &str = "signer.title_missing";
pub const DISTRIBUTION_MISSING: &str = "distribution.missing";
pub const DEADLINE_RECURRING: &str = "deadline.recurring";
pub const DEADLINE_BEFORE_ISSUE: &str = "deadline.before_issue_date";
/// A time limit given only as a year or a quarter, or without a year to resolve it by.
pub const DEADLINE_UNDATED: &str = "deadline.undated";
pub const OCR_REPAIRED: &str = "ocr.repaired";
/// The text stops mid-sentence with no signature and no `Nơi nhận`: a page or more of the
/// scan is missing.
pub const DOCUMENT_TRUNCATED: &str = "document.truncated";
/// Another document (its own heading and number) follows this one's signature: the
/// record describes the first only.
pub const DOCUMENT_SECOND: &str = "document.second_document";
/// No heading: the number (and the date after it) were read from the caption of the
/// document's own annex, `(Kèm theo … số … ngày …)`.
pub const NUMBER_FROM_ANNEX: &str = "number.from_annex_caption";
/// The text opens mid-sentence with no heading: the first page or pages are missing.
pub const DOCUMENT_HEADLESS: &str = "document.headless";
pub const DECODE_PREFIX: &str = "decode";

pub fn warning(code: &str, message: impl Into<String>) -> Warning {
    Warning {
        code: code.to_string(),
        message: message.into(),
    }
}
