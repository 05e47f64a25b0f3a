//! Microsoft code page 1258 (Windows Vietnamese), bytes 0x80..=0xFF.
//!
//! Source: Microsoft's published code page 1258 layout. Written by hand: it is
//! Windows-1252 with a few letters replaced by Ă Đ Ơ Ư ă đ ơ ư ₫ and by five
//! combining tone marks (0xCC grave, 0xD2 hook above, 0xDE tilde, 0xEC acute,
//! 0xF2 dot below); toned letters are written as a base letter followed by a
//! combining mark, so decoded text must be NFC-normalised. Undefined bytes are
//! `UNMAPPED`.
//!
//! Checked: every position agrees with glibc's CP1258 converter (unit test
//! `one_byte_tables_agree_with_iconv`, where `iconv` exists).

use super::UNMAPPED;

/// Characters of bytes 0x80..=0xFF.
pub(crate) const HIGH: [char; 128] = [
    '\u{20AC}', UNMAPPED, '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
    '\u{2021}', // 80
    '\u{02C6}', '\u{2030}', UNMAPPED, '\u{2039}', '\u{0152}', UNMAPPED, UNMAPPED,
    UNMAPPED, // 88
    UNMAPPED, '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
    '\u{2014}', // 90
    '\u{02DC}', '\u{2122}', UNMAPPED, '\u{203A}', '\u{0153}', UNMAPPED, UNMAPPED,
    '\u{0178}', // 98
    '\u{00A0}', '¡', '¢', '£', '¤', '¥', '¦', '§', // A0
    '¨', '©', 'ª', '«', '¬', '\u{00AD}', '®', '¯', // A8
    '°', '±', '²', '³', '´', 'µ', '¶', '·', // B0
    '¸', '¹', 'º', '»', '¼', '½', '¾', '¿', // B8
    'À', 'Á', 'Â', 'Ă', 'Ä', 'Å', 'Æ', 'Ç', // C0
    'È', 'É', 'Ê', 'Ë', '\u{0300}', 'Í', 'Î', 'Ï', // C8
    'Đ', 'Ñ', '\u{0309}', 'Ó', 'Ô', 'Ơ', 'Ö', '×', // D0
    'Ø', 'Ù', 'Ú', 'Û', 'Ü', 'Ư', '\u{0303}', 'ß', // D8
    'à', 'á', 'â', 'ă', 'ä', 'å', 'æ', 'ç', // E0
    'è', 'é', 'ê', 'ë', '\u{0301}', 'í', 'î', 'ï', // E8
    'đ', 'ñ', '\u{0323}', 'ó', 'ô', 'ơ', 'ö', '÷', // F0
    'ø', 'ù', 'ú', 'û', 'ü', 'ư', '\u{20AB}', 'ÿ', // F8
];
