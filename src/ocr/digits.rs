//! Numbers that OCR read with look-alike letters (`2O25`, `202S`, `2l4/NQ-CP`). In a run
//! of letters and digits holding nothing but digits and the letters that look like them
//! (`O`/`o` for 0, `l`/`I` for 1, `S`/`s` for 5), a letter between two real digits is
//! read as a digit, and so is a run of four that reads as a year (`202S`, `2O2l`). A run
//! glued to other letters (`QH15`, `CO2`), one starting with a letter (`S01`, a form's
//! code), one ending with one that is no year (`30o`, degrees) or with one digit only
//! (`O2`, `o6`) is left as written: the date and number grammars read those where their
//! place makes them certain ([`crate::grammar::ocr_digits`]).

use super::{LOOK_ALIKE_DIGITS, Repair, is_letter_or_digit};

/// The digit `c` stands for inside a number, if it is a look-alike letter.
fn look_alike(c: char) -> Option<char> {
    match c {
        'O' | 'o' => Some('0'),
        'l' | 'I' => Some('1'),
        'S' | 's' => Some('5'),
        _ => None,
    }
}

/// Reads the look-alike letters in the numbers of `text` as digits, pushing each number
/// repaired to `repairs`. `None` when there is none.
pub fn read(text: &str, repairs: &mut Vec<Repair>) -> Option<String> {
    if !digit_beside_look_alike(text.as_bytes()) {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut start = 0;
    // runs of letters and digits; the look-alikes and digits are ASCII, so a run that
    // qualifies is ASCII and byte offsets are character boundaries
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_letter_or_digit(c) {
            continue;
        }
        let run = &text[start..at];
        start = at + c.len_utf8();
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        if digits < 2
            || digits == run.len()
            || !run
                .chars()
                .all(|c| c.is_ascii_digit() || look_alike(c).is_some())
        {
            continue;
        }
        let read: String = run.chars().map(|c| look_alike(c).unwrap_or(c)).collect();
        let digit = |c: char| c.is_ascii_digit();
        let year = run.len() == 4
            && run.starts_with(digit)
            && read.parse::<u16>().is_ok_and(|y| (1900..2100).contains(&y));
        let inside = run.starts_with(digit) && run.ends_with(digit);
        if !inside && !year {
            continue;
        }
        let run_start = at - run.len();
        out.push_str(&text[copied..run_start]);
        out.push_str(&read);
        copied = at;
        repairs.push(Repair {
            what: LOOK_ALIKE_DIGITS,
            written: run.to_string(),
            repaired: read,
        });
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Whether a digit stands next to a look-alike letter anywhere in `bytes`: the cheap
/// test that spares the character walk on nearly all text. Branch-free over blocks so
/// that it vectorises; it runs on every document.
fn digit_beside_look_alike(bytes: &[u8]) -> bool {
    let digit = |b: u8| u8::from(b.wrapping_sub(b'0') < 10);
    let look_alike = |b: u8| {
        u8::from(b == b'O')
            | u8::from(b == b'o')
            | u8::from(b == b'l')
            | u8::from(b == b'I')
            | u8::from(b == b'S')
            | u8::from(b == b's')
    };
    // blocks overlap by one byte so that no pair is missed at a block edge
    let mut start = 0;
    while start + 1 < bytes.len() {
        let block = &bytes[start..bytes.len().min(start + 257)];
        let hit = block.windows(2).fold(0u8, |hit, w| {
            hit | (digit(w[0]) & look_alike(w[1])) | (look_alike(w[0]) & digit(w[1]))
        });
        if hit != 0 {
            return true;
        }
        start += 256;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> String {
        read(text, &mut Vec::new()).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn reads_look_alikes_between_digits() {
        let table = [
            ("năm 2O25", "năm 2025"),
            ("giai đoạn 2023-202S", "giai đoạn 2023-2025"),
            ("Nghị quyết số 2l4/NQ-CP", "Nghị quyết số 214/NQ-CP"),
            ("Thông tư 95/2o20/TT-BTC", "Thông tư 95/2020/TT-BTC"),
            ("1OO0 đồng", "1000 đồng"),
            ("năm 2O2l", "năm 2021"),
        ];
        for (input, want) in table {
            assert_eq!(read_all(input), want, "{input:?}");
        }
    }

    #[test]
    fn the_cheap_test_sees_every_pair() {
        let slow = |bytes: &[u8]| {
            let suspect = |b: &u8| b"OolIsS".contains(b);
            bytes.windows(2).any(|w| {
                (w[0].is_ascii_digit() && suspect(&w[1]))
                    || (suspect(&w[0]) && w[1].is_ascii_digit())
            })
        };
        let pieces: [&[u8]; 8] = [b"2", b"O", b"s", b"x", b" ", "ố".as_bytes(), b"l", b"/"];
        // every string of up to four pieces, and each placed across a block edge
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| [t.as_slice(), p].concat()))
                .collect();
            texts.extend(longer);
        }
        for text in texts {
            for pad in [0, 250, 254, 255, 256, 511] {
                let padded = [vec![b'x'; pad], text.clone()].concat();
                assert_eq!(
                    digit_beside_look_alike(&padded),
                    slow(&padded),
                    "{padded:?}"
                );
            }
        }
    }

    #[test]
    fn leaves_words_codes_and_short_runs() {
        for text in [
            "QH15, QH1S, CO2, ISO 9001, PM2.5",
            "Số O2, mô hình 5S, ngày o6",
            "Mẫu số S01, S52- NCL, rượu dưới 30o, 1OO",
            "Sở, lô, SOS, Il",
            "năm 2025",
        ] {
            assert_eq!(read(text, &mut Vec::new()), None, "{text:?}");
        }
    }
}
