//! Stage 3: the normalized text cut into lines, with the folded key beside it.
//!
//! Positions everywhere in the pipeline are *character* offsets (Unicode scalar values),
//! which are also byte offsets into the ASCII key; that is the unit spans are reported
//! in, so no conversion happens at output time.

use crate::fold::fold;

/// `[start, end)` in characters of the normalized text.
pub type Span = (usize, usize);

/// One line of the normalized text, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.start == self.end
    }
}

/// The normalized text with its key and lines.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: String,
    /// One ASCII byte per character of `text` (see [`crate::fold`]).
    pub key: String,
    /// Byte offset in `text` of each character, plus one past the end.
    byte_at: Vec<u32>,
    pub lines: Vec<Line>,
}

impl Doc {
    pub fn new(text: String) -> Self {
        let key = fold(&text);
        Doc::with_key(text, key)
    }

    /// A document whose key was made on the way (see
    /// [`crate::normalize::Normalized::key`]); `key` must be `fold(&text)`.
    pub fn with_key(text: String, key: String) -> Self {
        debug_assert_eq!(
            key.len(),
            text.chars().count(),
            "one key byte per character"
        );
        let mut byte_at: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        byte_at.push(text.len() as u32);
        let mut lines = Vec::new();
        let mut start = 0;
        let bytes = key.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                lines.push(trimmed(bytes, start, i));
                start = i + 1;
            }
        }
        if start < bytes.len() {
            lines.push(trimmed(bytes, start, bytes.len()));
        }
        Doc {
            text,
            key,
            byte_at,
            lines,
        }
    }

    /// The document cut before line `line`: the same text and offsets up to there.
    pub fn up_to_line(&self, line: usize) -> Doc {
        let Some(at) = self
            .lines
            .get(line)
            .map(|l| self.key[..l.start].rfind('\n').map_or(0, |p| p + 1))
        else {
            return self.clone();
        };
        let text = self.text[..self.byte_at[at] as usize].to_string();
        Doc::with_key(text, self.key[..at].to_string())
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// The text between two character offsets.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let end = end.min(self.len());
        let start = start.min(end);
        &self.text[self.byte_at[start] as usize..self.byte_at[end] as usize]
    }

    pub fn line_text(&self, line: Line) -> &str {
        self.slice(line.start, line.end)
    }

    pub fn line_key(&self, line: Line) -> &str {
        &self.key[line.start..line.end]
    }

    /// Index of the line holding character offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Start of line `i`'s raw extent (before trimming is irrelevant: lines are trimmed
    /// on both sides, so this is the first non-blank character).
    pub fn line(&self, i: usize) -> Line {
        self.lines[i]
    }

    /// Trims a span so that it starts and ends on a non-blank character, and drops
    /// the edge punctuation that values never carry (bullets, `;`, `,`, `.`, `:`).
    pub fn tidy(&self, (mut start, mut end): Span) -> Span {
        let key = self.key.as_bytes();
        let edge = |b: u8| b.is_ascii_whitespace() || b"-+;,.:\"'".contains(&b);
        while start < end && (edge(key[start]) || self.is_bullet(start)) {
            start += 1;
        }
        while end > start && edge(key[end - 1]) {
            end -= 1;
        }
        (start, end)
    }

    /// Whether the character at `pos` is a list bullet outside ASCII (`•`, `▪` …).
    fn is_bullet(&self, pos: usize) -> bool {
        self.key.as_bytes()[pos] == b'~'
            && self
                .slice(pos, pos + 1)
                .starts_with(['•', '·', '●', '▪', '○', '■', '◦', '➢', '✓'])
    }

    /// The value under a span with runs of white space (line breaks included) folded to
    /// one space, as the record requires.
    pub fn value(&self, span: Span) -> String {
        // Words are found on the key (a character is white space exactly when its key
        // byte is), which spares decoding the text; text between single spaces is copied
        // as one run.
        let end = span.1.min(self.len());
        let start = span.0.min(end);
        let key = &self.key.as_bytes()[start..end];
        let blank = |b: u8| char::from(b).is_whitespace();
        let mut out =
            String::with_capacity(self.byte_at[end] as usize - self.byte_at[start] as usize);
        let mut i = 0;
        while i < key.len() {
            while i < key.len() && blank(key[i]) {
                i += 1;
            }
            let run = i;
            // A run of words each followed by one plain space, as most text is written.
            let mut run_end = i;
            while i < key.len() {
                while i < key.len() && !blank(key[i]) {
                    i += 1;
                }
                run_end = i;
                let single = key.get(i) == Some(&b' ')
                    && key.get(i + 1).is_some_and(|&b| !blank(b))
                    && self.slice(start + i, start + i + 1) == " ";
                if !single {
                    break;
                }
                i += 1;
            }
            if run_end > run {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(self.slice(start + run, start + run_end));
            }
        }
        out
    }
}

fn trimmed(key: &[u8], mut start: usize, mut end: usize) -> Line {
    while start < end && key[start] == b' ' {
        start += 1;
    }
    while end > start && key[end - 1] == b' ' {
        end -= 1;
    }
    Line { start, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_char_ranges() {
        let doc = Doc::new("  Số: 1\n\nHà Nội  \n".to_string());
        let texts: Vec<&str> = doc.lines.iter().map(|&l| doc.line_text(l)).collect();
        assert_eq!(texts, ["Số: 1", "", "Hà Nội"]);
        assert_eq!(doc.line_key(doc.lines[2]), "ha noi");
        assert_eq!(doc.line_of(doc.lines[2].start + 1), 2);
    }

    #[test]
    fn values_fold_white_space_as_split_and_join_would() {
        for text in [
            "Sở Y tế tỉnh Thanh Hóa",
            "  Như   trên ;\n  tiếp\ttheo  ",
            "Ủy\u{a0}ban nhân dân\u{2003}tỉnh",
            "a b  c\n\nd",
            "",
            "   ",
        ] {
            let doc = Doc::new(text.to_string());
            let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(doc.value((0, doc.len())), want, "{text:?}");
            assert_eq!(
                doc.value((2, doc.len())),
                doc.slice(2, doc.len())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tidy_drops_bullets_and_trailing_punctuation() {
        let doc = Doc::new("- Như trên;\n• Lưu: VT.\n".to_string());
        let l0 = doc.lines[0];
        assert_eq!(doc.value(doc.tidy((l0.start, l0.end))), "Như trên");
        let l1 = doc.lines[1];
        assert_eq!(doc.value(doc.tidy((l1.start, l1.end))), "Lưu: VT");
    }
}
