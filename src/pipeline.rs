//! The whole flow for one document, a pure function from bytes to record:
//! decode → normalize → lines → layout → extract.

use sha2::{Digest, Sha256};

use crate::decode;
use crate::doc::Doc;
use crate::extract::{self, Context};
use crate::layout::Layout;
use crate::normalize;
use crate::ocr;
use crate::record::{Record, Source};
use crate::warning::{self, warning};

/// Turns one document's raw bytes into its record. Never panics on any input; a file
/// that cannot be decoded gives a record with `error` set.
pub fn process(bytes: &[u8], path: &str, context: &Context) -> Record {
    let mut record = Record::empty(source(bytes, path, None));
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(err) => {
            record.error = Some(warning(err.code(), err.to_string()));
            return record;
        }
    };
    record.source.encoding = Some(decoded.encoding.to_string());
    for note in &decoded.notes {
        record
            .warnings
            .push(warning(note.code, note.message.clone()));
    }
    let normalized = normalize::normalize(&decoded.text);
    for what in [ocr::SPLIT_SYLLABLES, ocr::LOOK_ALIKE_DIGITS] {
        if let Some(note) = ocr::note(&normalized.ocr, what) {
            record.warnings.push(warning(warning::OCR_REPAIRED, note));
        }
    }
    let mut doc = Doc::with_key(normalized.text, normalized.key);
    let mut layout = Layout::find(&doc);
    if let Some(next) = layout.next_document {
        // A covering letter and the plan it sends, in one file: the record is the first
        // document's, so the second's items, limits, citations and signer stay out.
        record.warnings.push(warning(
            warning::DOCUMENT_SECOND,
            format!(
                "another document with its own heading and number starts at line {}: \
                 the record describes the first one only",
                next + 1
            ),
        ));
        doc = doc.up_to_line(next);
        layout = Layout::find(&doc);
    }
    extract::extract(&doc, &layout, context, &mut record);
    record
}

/// The normalized text extraction sees, as `vanban normalize` prints it.
pub fn normalized_text(
    bytes: &[u8],
) -> Result<(decode::Decoded, normalize::Normalized), decode::DecodeError> {
    let decoded = decode::decode(bytes)?;
    let normalized = normalize::normalize(&decoded.text);
    Ok((decoded, normalized))
}

/// The `source` part of a record.
pub fn source(bytes: &[u8], path: &str, encoding: Option<&str>) -> Source {
    let digest = Sha256::digest(bytes);
    let mut sha256 = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write;
        let _ = write!(sha256, "{byte:02x}");
    }
    Source {
        path: path.to_string(),
        bytes: bytes.len() as u64,
        sha256: Some(sha256),
        encoding: encoding.map(str::to_string),
    }
}
