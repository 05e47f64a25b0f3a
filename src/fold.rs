//! The folded matching key: one ASCII byte per character of the text.
//!
//! Keywords are matched on the key, so `Kính gửi`, `KINH GUI` and `Kinh gửi` look alike,
//! while values are always sliced from the text itself. Because the key has exactly one
//! byte per Unicode scalar of the text, a byte offset in the key *is* the scalar offset
//! that spans are reported in.

/// Folds one character to its ASCII key byte: Vietnamese letters lose their marks and
/// case (`Ể` → `e`, `Đ` → `d`), dashes become `-`, quotes `"`, other white space ` `,
/// and anything else outside ASCII becomes `~`, which no keyword contains.
pub fn fold_char(c: char) -> u8 {
    if c.is_ascii() {
        return (c as u8).to_ascii_lowercase();
    }
    // Vietnamese letters live in two blocks: read them from tables built from the match
    // below (at compile time), which is the hot path of every key.
    let u = c as u32;
    if let Some(&b) = LATIN.get(u.wrapping_sub(LATIN_FROM) as usize) {
        return b;
    }
    if let Some(&b) = VIETNAMESE.get(u.wrapping_sub(VIETNAMESE_FROM) as usize) {
        return b;
    }
    fold_other(c)
}

/// Latin-1 letters to Latin Extended-B's `ư` (U+00C0–U+01B0): `À`, `Đ`, `ơ`, `Ư` ….
const LATIN_FROM: u32 = 0xC0;
const LATIN: [u8; 0x1B1 - 0xC0] = table(LATIN_FROM);
/// Latin Extended Additional's Vietnamese letters (U+1EA0–U+1EF9): `Ạ` … `ỹ`.
const VIETNAMESE_FROM: u32 = 0x1EA0;
const VIETNAMESE: [u8; 0x1EFA - 0x1EA0] = table(VIETNAMESE_FROM);

const fn table<const N: usize>(from: u32) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = match char::from_u32(from + i as u32) {
            Some(c) => fold_other(c),
            None => b'~',
        };
        i += 1;
    }
    out
}

/// [`fold_char`] for characters outside ASCII, as one match.
const fn fold_other(c: char) -> u8 {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' | 'Ă' | 'Ằ' | 'Ắ' | 'Ẳ' | 'Ẵ' | 'Ặ' | 'Â'
        | 'Ầ' | 'Ấ' | 'Ẩ' | 'Ẫ' | 'Ậ' | 'ä' | 'Ä' => b'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'È' | 'É' | 'Ẻ' | 'Ẽ'
        | 'Ẹ' | 'Ê' | 'Ề' | 'Ế' | 'Ể' | 'Ễ' | 'Ệ' | 'ë' | 'Ë' => b'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' | 'Ì' | 'Í' | 'Ỉ' | 'Ĩ' | 'Ị' | 'ï' | 'î' | 'Î' => {
            b'i'
        }
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' | 'Ô' | 'Ồ' | 'Ố' | 'Ổ' | 'Ỗ' | 'Ộ' | 'Ơ'
        | 'Ờ' | 'Ớ' | 'Ở' | 'Ỡ' | 'Ợ' | 'ö' | 'Ö' => b'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ'
        | 'Ụ' | 'Ư' | 'Ừ' | 'Ứ' | 'Ử' | 'Ữ' | 'Ự' | 'ü' | 'Ü' | 'û' | 'Û' => b'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => b'y',
        'đ' | 'Đ' | 'Ð' => b'd',
        'ç' | 'Ç' => b'c',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => b'"',
        '\u{2018}' | '\u{2019}' => b'\'',
        '\u{2026}' => b'.',
        c if c.is_whitespace() => b' ',
        _ => b'~',
    }
}

/// Folds a whole string: one key byte per character, so `fold(s).len() == s.chars().count()`.
/// Most of a document is ASCII, which folds byte by byte without decoding characters.
pub fn fold(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            key.push(char::from(b.to_ascii_lowercase()));
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            key.push(char::from(fold_char(c)));
            i += c.len_utf8();
        }
    }
    key
}

/// Folds and collapses runs of white space, for comparing short phrases.
pub fn fold_words(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compiles a pattern meant for the folded key in which each space matches any run of
/// white space, line breaks included: converters and OCR double spaces and wrap lines
/// between any two words (`chậm  nhất`, `Cục Thuế` / `nhận được`). Spaces inside a
/// character class must not be used in such a pattern.
pub fn key_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&pattern.replace(' ', r"\s+")).expect("valid key pattern")
}

/// A pattern anchored at the start of the key, with the bytes a match can open with.
/// Line-by-line tests run such patterns on every line, and most lines open with none of
/// those bytes: the byte test spares the regex call there.
pub struct Opening {
    opens: &'static [u8],
    regex: regex::Regex,
}

impl Opening {
    /// `opens` must hold every byte a match of `pattern` can start with.
    pub fn new(opens: &'static [u8], pattern: &str) -> Self {
        debug_assert!(pattern.starts_with('^'), "an anchored pattern");
        Opening {
            opens,
            regex: regex::Regex::new(pattern).expect("valid pattern"),
        }
    }

    fn may_match(&self, key: &str) -> bool {
        key.as_bytes()
            .first()
            .is_some_and(|b| self.opens.contains(b))
    }

    pub fn is_match(&self, key: &str) -> bool {
        self.may_match(key) && self.regex.is_match(key)
    }

    pub fn find<'k>(&self, key: &'k str) -> Option<regex::Match<'k>> {
        self.may_match(key).then(|| self.regex.find(key)).flatten()
    }

    pub fn captures<'k>(&self, key: &'k str) -> Option<regex::Captures<'k>> {
        self.may_match(key)
            .then(|| self.regex.captures(key))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_letters_to_ascii() {
        let table = [
            ("Kính gửi", "kinh gui"),
            ("KÍNH GỬI", "kinh gui"),
            ("ĐỘC LẬP – TỰ DO", "doc lap - tu do"),
            ("Nơi nhận:", "noi nhan:"),
            ("Thanh Hoá", "thanh hoa"),
            ("Số: 12/QĐ-UBND", "so: 12/qd-ubnd"),
            ("“V/v”…", "\"v/v\"."),
        ];
        for (text, key) in table {
            assert_eq!(fold(text), key, "{text}");
        }
    }

    #[test]
    fn key_has_one_byte_per_char() {
        let text = "Hà Nội, ngày 30 tháng 10 năm 2018 — 漢字 🎉";
        assert_eq!(fold(text).len(), text.chars().count());
        assert!(fold(text).is_ascii());
    }

    #[test]
    fn key_patterns_take_any_white_space_between_words() {
        let re = key_regex(r"\bcham nhat\b");
        assert!(re.is_match("den cham  nhat ngay"));
        assert!(re.is_match("cham\nnhat"));
        assert!(!re.is_match("chamnhat"));
    }
}
