//! Writes degraded copies of a folder of documents, one folder per degradation:
//!
//! ```sh
//! cargo run --release --example degrade -- SRC_DIR OUT_DIR [--seed N] [--keep-case]
//! ```
//!
//! Every `.txt` under SRC_DIR is decoded and written again as OUT_DIR/<degradation>/<path
//! under SRC_DIR> (`nfd`, `windows-1258`, `viscii`, `tcvn3`, `tcvn3-mojibake`, `vni`,
//! `vni-mojibake`, `stripped`, `ocr`), so that each folder can be run through
//! `vanban extract` and scored against the clean gold. `--seed` sets the OCR noise seed
//! (1 by default). `--keep-case` writes the TCVN3 copies with the capitals TCVN3 has
//! codes for (ASCII, `Ă Â Đ Ê Ô Ơ Ư`; other capitals fall to lower case), as a text
//! typed in .VnTime would be: lower-case the lines set in the capital font (.VnTimeH)
//! in the source first, to make a copy where only those lost their capitals.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vanban::degrade::{Degradation, degrade};
use walkdir::WalkDir;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 1;
    let keep_case = args.iter().any(|a| a == "--keep-case");
    args.retain(|a| a != "--keep-case");
    if let Some(at) = args.iter().position(|a| a == "--seed") {
        match args.get(at + 1).and_then(|s| s.parse().ok()) {
            Some(s) => seed = s,
            None => return usage(),
        }
        args.drain(at..at + 2);
    }
    let [src, out] = &args[..] else {
        return usage();
    };
    let (src, out) = (Path::new(src), Path::new(out));
    let mut written = 0;
    for entry in WalkDir::new(src).sort_by_file_name() {
        let path = match entry {
            Ok(e) if e.path().extension().is_some_and(|x| x == "txt") => e.into_path(),
            Ok(_) => continue,
            Err(err) => {
                eprintln!("degrade: {err}");
                return ExitCode::FAILURE;
            }
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(err) => {
                eprintln!("degrade: {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let text = match vanban::decode::decode(&bytes) {
            Ok(d) => d.text,
            Err(err) => {
                eprintln!("degrade: {}: skipped: {err}", path.display());
                continue;
            }
        };
        let relative = path.strip_prefix(src).unwrap_or(&path);
        for how in Degradation::ALL {
            let how = match how {
                Degradation::OcrNoise { .. } => Degradation::OcrNoise { seed },
                how => how,
            };
            let target: PathBuf = out.join(how.name()).join(relative);
            let result = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&target, degraded(&text, how, keep_case)));
            if let Err(err) = result {
                eprintln!("degrade: {}: {err}", target.display());
                return ExitCode::FAILURE;
            }
            written += 1;
        }
    }
    eprintln!("degrade: {written} files written under {}", out.display());
    ExitCode::SUCCESS
}

/// `text` degraded as `how` says; with `keep_case`, TCVN3 copies are encoded as they
/// stand instead of lower-cased throughout.
fn degraded(text: &str, how: Degradation, keep_case: bool) -> Vec<u8> {
    let encoding = match how {
        Degradation::Tcvn3 if keep_case => "tcvn3",
        Degradation::Tcvn3Mojibake if keep_case => "tcvn3-in-utf8",
        how => return degrade(text, how),
    };
    vanban::decode::encode(text, encoding).expect("the encoding names are decode's own")
}

fn usage() -> ExitCode {
    eprintln!("usage: degrade SRC_DIR OUT_DIR [--seed N] [--keep-case]");
    ExitCode::from(2)
}
