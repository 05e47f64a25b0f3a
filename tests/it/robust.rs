//! Robustness: degraded copies of the corpora give the clean record's header fields,
//! any input whatever gives a record without panicking, and every crash input the
//! fuzzer ever found (`fixtures/crash/`) stays fixed.

use std::path::PathBuf;

use proptest::prelude::*;
use vanban::degrade::{Degradation, degrade};
use vanban::{Context, Record};

use crate::util::{documents, root, shared};

const CONTEXT: Context = Context {
    today: Some((2026, 1, 1)),
};

/// Share of (document, header field) pairs that must agree with the clean record.
///
/// The goals are 0.99 for lossless encodings, 0.95 for stripped diacritics and 0.92
/// for OCR noise, and all are reached on the dev sample and corpus/:
/// - TCVN3 text reaches us in lower case; the heading extractors and the signer fall
///   back to case-free cues when the heading lost its capitals (`Layout::caseless`);
/// - OCR noise: normalize joins split syllables (`Qu ả ng`) and reads look-alike
///   letters inside numbers (`2O25`), and the `Số` label takes `Số::` and `Số: S642/…`
///   (see `src/ocr/`).
fn bar(how: Degradation) -> f64 {
    match how {
        Degradation::StripDiacritics => 0.95,
        Degradation::OcrNoise { .. } => 0.92,
        _ => 0.99,
    }
}

/// score.py's header fields (its `HEADER`, which holds the signer's name) and the parent.
const FIELDS: [&str; 8] = [
    "kind",
    "number",
    "issuer.name",
    "issuer.parent",
    "place",
    "date",
    "subject",
    "signer.name",
];

fn field(record: &Record, name: &str) -> Option<String> {
    match name {
        "kind" => record.kind.clone(),
        "number" => record.number.as_ref().map(|n| n.value.clone()),
        "issuer.name" => record.issuer.name.clone(),
        "issuer.parent" => record.issuer.parent.clone(),
        "place" => record.place.clone(),
        "date" => record.date.clone(),
        "subject" => record.subject.clone(),
        "signer.name" => record.signer.name.clone(),
        _ => unreachable!("one of FIELDS"),
    }
}

/// The form two values are compared in, as score.py folds them: case folded (TCVN3
/// loses capitals), dashes and quotes made ASCII (legacy encodings have no `–`), white
/// space collapsed; for input that lost diacritics, diacritics folded too.
fn comparable(value: Option<String>, how: Degradation) -> Option<String> {
    value.map(|v| {
        if !how.is_lossless() {
            return vanban::fold::fold_words(&v);
        }
        let v: String = v
            .to_lowercase()
            .chars()
            .map(|c| match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                c => c,
            })
            .collect();
        v.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// Per degradation: how many (document, field) pairs agree, out of how many, and the
/// first disagreements for the failure message.
#[derive(Default)]
struct Tally {
    agree: usize,
    pairs: usize,
    misses: Vec<String>,
}

/// A document's name, decoded text and clean record.
type Clean = (String, String, Record);

fn tally(clean: &[Clean], how: Degradation) -> Tally {
    let mut tally = Tally::default();
    for (shown, text, record) in clean {
        let copy = vanban::process(&degrade(text, how), shown, &CONTEXT);
        for f in FIELDS {
            let want = comparable(field(record, f), how);
            let got = comparable(field(&copy, f), how);
            tally.pairs += 1;
            if want == got {
                tally.agree += 1;
            } else if tally.misses.len() < 8 {
                tally
                    .misses
                    .push(format!("{shown} {f}: {want:?} became {got:?}"));
            }
        }
    }
    tally
}

fn compare(name: &str, paths: &[PathBuf]) {
    let clean: Vec<Clean> = paths
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("readable document");
            // an undecodable document has nothing to degrade
            let text = vanban::decode::decode(&bytes).ok()?.text;
            let shown = path.file_name()?.to_string_lossy().into_owned();
            let record = vanban::process(&bytes, &shown, &CONTEXT);
            Some((shown, text, record))
        })
        .collect();
    // one thread per degradation: the debug build is slow on legacy encodings
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let clean = &clean;
        let running: Vec<_> = Degradation::ALL
            .into_iter()
            .map(|how| scope.spawn(move || tally(clean, how)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("no panic"))
            .collect()
    });
    let mut failed = Vec::new();
    eprintln!("{name}: {} documents", clean.len());
    for (how, tally) in Degradation::ALL.into_iter().zip(&tallies) {
        let share = tally.agree as f64 / tally.pairs.max(1) as f64;
        eprintln!(
            "  {:<15} {share:.3} of header fields agree (bar {:.2})",
            how.name(),
            bar(how)
        );
        if share < bar(how) {
            failed.push(format!(
                "{}: {share:.3} < {}; first differences:\n    {}",
                how.name(),
                bar(how),
                tally.misses.join("\n    ")
            ));
        }
    }
    assert!(failed.is_empty(), "{name}:\n{}", failed.join("\n"));
}

#[test]
fn degraded_bundled_corpus_agrees_with_clean() {
    compare("corpus/", &documents(&root().join("corpus")));
}

#[test]
fn degraded_shared_dev_agrees_with_clean() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent, its dev corpus is not degraded");
        return;
    };
    // every other document keeps the debug build under half a minute; the full set is
    // measured with `examples/degrade.rs` and score.py (README, Robustness)
    let sample: Vec<PathBuf> = documents(&shared.join("corpus/dev"))
        .into_iter()
        .step_by(2)
        .collect();
    compare("../shared/corpus/dev, every other document", &sample);
}

/// A record for `bytes`, whose spans all lie inside the normalized text.
fn check_any(bytes: &[u8]) {
    let record = vanban::process(bytes, "any.txt", &CONTEXT);
    match vanban::pipeline::normalized_text(bytes) {
        Ok((_, normalized)) => {
            let len = normalized.text.chars().count();
            for (f, [start, end]) in &record.spans {
                assert!(
                    start <= end && *end <= len,
                    "span {f} [{start}, {end}) outside the {len} characters of the text"
                );
            }
        }
        Err(_) => {
            assert!(record.error.is_some(), "undecodable input gives an error");
            assert!(record.spans.is_empty());
        }
    }
    serde_json::to_string(&record).expect("the record serializes");
}

/// Pieces of Vietnamese administrative text: anchors the layout looks for, and the
/// punctuation and digits around them.
const PIECES: &[&str] = &[
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "ỦY BAN NHÂN DÂN",
    "TỈNH ",
    "SỞ Y TẾ",
    "Số:",
    "Số ",
    "/QĐ-UBND",
    "/UBND-VP",
    "-CV/HU",
    "ngày ",
    " tháng ",
    " năm ",
    "Hà Nội, ",
    "QUYẾT ĐỊNH",
    "CÔNG VĂN",
    "V/v ",
    "Về việc ",
    "Kính gửi:",
    "Căn cứ ",
    "Điều 1.",
    "Nơi nhận:",
    "KT. CHỦ TỊCH",
    "TM. ",
    "PHÓ GIÁM ĐỐC",
    "trước ngày ",
    "HỎA TỐC",
    "MẬT",
    "**",
    "|",
    "<br>",
    "…",
    "...",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "   ",
];

fn vietnamese_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => "[0-9]{1,4}",
        2 => "[a-zđàáạảãâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữìíịỉĩùúụủũỳýỵỷỹ ]{1,12}",
        1 => "[A-ZĐÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÊỀẾỆỂỄÔỒỐỘỔỖƠỜỚỢỞỠƯỪỨỰỬỮ ]{1,12}",
        1 => "[ -/:-@\\[-`{-~]{1,3}",
        1 => "[\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}\u{00A0}\u{2013}\u{201C}\u{FEFF}]",
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..160).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_give_a_record(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_any(&bytes);
    }

    #[test]
    fn any_vietnamese_ish_text_gives_a_record(text in vietnamese_ish()) {
        check_any(text.as_bytes());
        // the same text in a legacy encoding, or stripped, or noisy
        for how in [Degradation::Tcvn3Mojibake, Degradation::Vni, Degradation::OcrNoise { seed: 9 }] {
            check_any(&degrade(&text, how));
        }
    }
}

proptest! {
    // each case runs the binary once
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn n_inputs_give_n_records(
        files in proptest::collection::vec(
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..512),
                vietnamese_ish().prop_map(String::into_bytes),
            ],
            0..6,
        )
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (n, bytes) in files.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{n:03}.txt")), bytes).expect("writes");
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("extract")
            .arg(dir.path())
            .output()
            .expect("vanban runs");
        prop_assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        let records: Vec<Record> = String::from_utf8(out.stdout)
            .expect("UTF-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is a record"))
            .collect();
        prop_assert_eq!(records.len(), files.len());
    }
}

/// Every input the fuzzer found a crash with (see fixtures/crash/README.md) gives a
/// record.
// See: fuzz/fuzz_targets/process.rs
#[test]
fn crash_inputs_give_records() {
    let dir = root().join("fixtures/crash");
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/crash exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            continue;
        }
        check_any(&std::fs::read(&path).expect("readable crash input"));
        inputs += 1;
    }
    eprintln!("{inputs} crash inputs processed");
}

/// A heading as OCR reads it, with split syllables, a doubled colon and look-alike
/// digits, gives the clean heading's fields, says what was repaired, and its spans
/// point into the repaired text that `vanban normalize` prints.
// See: issue 4 ("messy input")
#[test]
fn ocr_heading_is_repaired_and_reported() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QU Ả NG NAM\nS Ố:: S642/UBND-VP\n\
                Qu ả ng Nam, ngày 15 tháng 10 n ăm 2O24\n\
                V/v triển khai kế ho ạ ch n ăm 2O25\n\nKính gửi: Sở Y tế\n";
    let record = vanban::process(text.as_bytes(), "ocr.txt", &CONTEXT);
    let number = record.number.as_ref().expect("a number");
    assert_eq!(number.value, "5642/UBND-VP");
    assert_eq!(
        record.issuer.name.as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM")
    );
    assert_eq!(record.place.as_deref(), Some("Quảng Nam"));
    assert_eq!(record.date.as_deref(), Some("2024-10-15"));
    assert_eq!(
        record.subject.as_deref(),
        Some("triển khai kế hoạch năm 2025")
    );
    let repaired: Vec<&str> = record
        .warnings
        .iter()
        .filter(|w| w.code == "ocr.repaired")
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        repaired.iter().any(|m| m.contains("`QU Ả NG` → `QUẢNG`")),
        "{repaired:?}"
    );
    assert!(
        repaired.iter().any(|m| m.contains("`2O25` → `2025`")),
        "{repaired:?}"
    );
    let (_, normalized) = vanban::pipeline::normalized_text(text.as_bytes()).expect("decodes");
    let [start, end] = record.spans["subject"];
    let under: String = normalized
        .text
        .chars()
        .skip(start)
        .take(end - start)
        .collect();
    assert_eq!(under, "triển khai kế hoạch năm 2025");
}
