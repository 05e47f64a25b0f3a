//! Reference runs for `benches/e2e.sh`, measured in the same run as vanban and the Python
//! peer, so the ratios can be read against what the machine itself allows:
//!
//! - `floor`: read each file and hash it with SHA-256 (both are in every vanban record),
//!   then write one JSON line. No extraction: the cost of the file system and the hash.
//! - `peer`: the Python peer's job (read, NFC, number and date by two regexes, JSON Lines)
//!   written in Rust with care: NFC only when the quick check fails, one reused buffer.
//!
//! Usage: cargo run --release --example e2e_peers -- floor|peer FOLDER OUTPUT.jsonl

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Read, Write};

use sha2::{Digest, Sha256};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, folder, output] = args.as_slice() else {
        anyhow::bail!("usage: e2e_peers floor|peer FOLDER OUTPUT.jsonl");
    };
    // The peer's patterns as they are (Python's `\s` is Unicode whitespace too).
    let number = regex::Regex::new(r"Số\s*:?\s*([0-9][^\s]*)")?;
    let date = regex::Regex::new(r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")?;
    let mut out = BufWriter::new(File::create(output)?);
    let (mut bytes, mut line) = (Vec::new(), String::new());
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        bytes.clear();
        File::open(entry.path())?.read_to_end(&mut bytes)?;
        line.clear();
        line.push_str("{\"path\":");
        push_json_string(&mut line, &entry.path().to_string_lossy());
        write!(line, ",\"bytes\":{}", bytes.len())?;
        match mode.as_str() {
            "floor" => {
                line.push_str(",\"sha256\":\"");
                for byte in Sha256::digest(&bytes) {
                    write!(line, "{byte:02x}")?;
                }
                line.push('"');
            }
            "peer" => {
                let lossy = String::from_utf8_lossy(&bytes);
                let composed: String;
                let text = if is_nfc_quick(lossy.chars()) == IsNormalized::Yes {
                    &lossy[..]
                } else {
                    composed = lossy.nfc().collect();
                    &composed[..]
                };
                line.push_str(",\"number\":");
                match number.captures(text) {
                    Some(found) => push_json_string(&mut line, &found[1]),
                    None => line.push_str("null"),
                }
                line.push_str(",\"date\":");
                match date.captures(text) {
                    Some(found) => {
                        let part = |i: usize| found[i].parse::<u32>().unwrap_or(0);
                        write!(line, "\"{}-{:02}-{:02}\"", &found[3], part(2), part(1))?;
                    }
                    None => line.push_str("null"),
                }
            }
            other => anyhow::bail!("unknown mode {other:?}: floor or peer"),
        }
        line.push_str("}\n");
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

fn push_json_string(line: &mut String, value: &str) {
    line.push_str(&serde_json::Value::from(value).to_string());
}
