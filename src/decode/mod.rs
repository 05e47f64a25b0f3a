//! Stage 1: raw bytes → text. UTF-8 (with or without BOM, NFC or NFD) for now; the
//! legacy encodings join here.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Text decoded from raw bytes, always NFC.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub confidence: f32,
    pub notes: Vec<DecodeNote>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeNote {
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    Undecodable,
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Empty => "decode.empty",
            DecodeError::Binary => "decode.binary",
            DecodeError::Undecodable => "decode.undecodable",
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DecodeError::Empty => "the file is empty",
            DecodeError::Binary => "the file is binary, not text",
            DecodeError::Undecodable => {
                "the file is not valid UTF-8 nor a known Vietnamese encoding"
            }
        })
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| DecodeError::Undecodable)?;
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "utf-8",
            confidence: 1.0,
            notes: Vec::new(),
        });
    }
    let nfc: String = text.nfc().collect();
    let encoding = if nfc != text { "utf-8-nfd" } else { "utf-8" };
    Ok(Decoded {
        text: nfc,
        encoding,
        confidence: 1.0,
        notes: Vec::new(),
    })
}
