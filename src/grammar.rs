//! Small parsing pieces shared by the extractors: keywords that OCR split with stray
//! spaces (`n ăm`, `th áng`) and digits that OCR read as look-alike letters
//! (`2O18`, `l0`, `S`). Repairs happen only here, inside a number or a date, where the
//! grammar makes the reading certain.

use nom::{IResult, error::Error, error::ErrorKind};

/// Matches `word` (folded, ASCII) allowing one space between any two of its letters.
pub fn spaced_tag<'a>(word: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| {
        let mut rest = input;
        for (n, expected) in word.bytes().enumerate() {
            if n > 0 {
                rest = rest.strip_prefix(' ').unwrap_or(rest);
            }
            match rest.as_bytes().first() {
                Some(&b) if b == expected => rest = &rest[1..],
                _ => return Err(nom::Err::Error(Error::new(input, ErrorKind::Tag))),
            }
        }
        Ok((rest, &input[..input.len() - rest.len()]))
    }
}

/// The regex pattern for `word` with the same tolerance as [`spaced_tag`].
pub fn spaced_pattern(word: &str) -> String {
    let letters: Vec<String> = word.chars().map(|c| c.to_string()).collect();
    letters.join(" ?")
}

/// The Latin letter a look-alike stands for inside a document's symbol: Cyrillic
/// letters that OCR and copy-paste put there (`TT-BТС`), and the Icelandic eth `Ð` that
/// legacy fonts and OCR give for `Đ` (`QÐ-UBND`).
pub fn latin_look_alike(c: char) -> char {
    match c {
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'Ð' => 'Đ',
        'ð' => 'đ',
        c => c,
    }
}

/// A symbol with its look-alike letters read as Latin ones (see [`latin_look_alike`]).
pub fn latin_look_alikes(symbol: &str) -> String {
    symbol.chars().map(latin_look_alike).collect()
}

/// The digit a look-alike character stands for inside a number.
pub fn ocr_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        'o' | 'O' | 'D' => Some('0'),
        'l' | 'I' | 'i' | '|' => Some('1'),
        's' | 'S' => Some('5'),
        _ => None,
    }
}

/// The digit a look-alike stands for in the figures of a date. `B` for `8` is read only
/// there: a date's slots hold nothing but digits, while a document number may carry a
/// letter (`12B`).
pub fn ocr_date_digit(c: char) -> Option<char> {
    match c {
        'b' | 'B' => Some('8'),
        c => ocr_digit(c),
    }
}

/// Reads `min..=max` digits at the start of `input`, taking look-alike letters as digits
/// when at least one real digit is among them. Returns the digits as read.
pub fn ocr_digits(input: &str, min: usize, max: usize) -> IResult<&str, String> {
    read_digits(input, min, max, ocr_digit, true)
}

/// [`ocr_digits`] with the look-alikes of `digit`; `need_real` false takes a run of
/// look-alikes alone, for a slot whose keywords on both sides make it a number
/// (`ngày 1O tháng ll năm …`).
pub fn read_digits(
    input: &str,
    min: usize,
    max: usize,
    digit: fn(char) -> Option<char>,
    need_real: bool,
) -> IResult<&str, String> {
    let mut digits = String::new();
    let mut real = false;
    let mut end = 0;
    for (at, c) in input.char_indices() {
        if digits.len() == max {
            break;
        }
        match digit(c) {
            Some(d) => {
                real |= c.is_ascii_digit();
                digits.push(d);
                end = at + c.len_utf8();
            }
            None => break,
        }
    }
    // A look-alike run glued to more letters is a word, not a number (`lo` in `lô`).
    let read = &input[..end];
    let look_alike = read.chars().any(|c| !c.is_ascii_digit());
    let glued = input[end..].chars().next().is_some_and(char::is_alphabetic);
    if digits.len() < min || (need_real && !real) || (look_alike && glued) {
        return Err(nom::Err::Error(Error::new(input, ErrorKind::Digit)));
    }
    Ok((&input[end..], digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_keywords() {
        let table = [
            ("nam 2020", Some((" 2020", "nam"))),
            ("n am 2020", Some((" 2020", "n am"))),
            ("th ang 6", Some((" 6", "th ang"))),
            ("n  am", None),
            ("nom", None),
        ];
        for (input, want) in table {
            let word = if input.starts_with('t') {
                "thang"
            } else {
                "nam"
            };
            assert_eq!(spaced_tag(word)(input).ok(), want, "{input:?}");
        }
    }

    #[test]
    fn look_alike_digits() {
        let table = [
            ("2O18 x", Some((" x", "2018"))),
            ("l0/", Some(("/", "10"))),
            ("3o", Some(("", "30"))),
            ("12", Some(("", "12"))),
            ("lo", None),
            ("ol", None),
            ("Sở", None),
        ];
        for (input, want) in table {
            let got = ocr_digits(input, 1, 4).ok();
            assert_eq!(got, want.map(|(r, d)| (r, d.to_string())), "{input:?}");
        }
    }
}
