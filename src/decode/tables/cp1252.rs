//! Microsoft code page 1252 (Windows Latin-1), bytes 0x80..=0x9F.
//!
//! Source: Microsoft's published code page 1252 layout. Bytes 0xA0..=0xFF equal
//! ISO 8859-1 / Unicode U+00A0..=U+00FF and are not listed. Written by hand; the
//! five bytes Microsoft leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are
//! marked `UNMAPPED`.
//!
//! Used to undo mojibake: legacy TCVN3/VNI bytes that a converter read as
//! Windows-1252 (or ISO 8859-1) and saved as UTF-8.

use super::UNMAPPED;

/// Characters of bytes 0x80..=0x9F.
pub(crate) const C1: [char; 32] = [
    '\u{20AC}', UNMAPPED, '\u{201A}', '\u{0192}', // 80 € . ‚ ƒ
    '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', // 84 „ … † ‡
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', // 88 ˆ ‰ Š ‹
    '\u{0152}', UNMAPPED, '\u{017D}', UNMAPPED, // 8C Œ . Ž .
    UNMAPPED, '\u{2018}', '\u{2019}', '\u{201C}', // 90 . ‘ ’ “
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', // 94 ” • – —
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', // 98 ˜ ™ š ›
    '\u{0153}', UNMAPPED, '\u{017E}', '\u{0178}', // 9C œ . ž Ÿ
];
