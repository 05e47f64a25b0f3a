//! The accuracy gate: extraction over the gold sets, scored by ../shared/tools/score.py,
//! must not fall below the figures reached. `corpus/gold` (composed here) always runs;
//! the shared seeds and dev sets run when ../shared is present.

use std::path::Path;
use std::process::Command;

use crate::util::{root, shared};

/// Header fields and their floors, as reached when the gate was last raised.
const DEV_FLOORS: &[(&str, f64)] = &[
    ("kind", 0.98),
    ("number", 0.98),
    ("issuer.name", 0.98),
    ("issuer.parent", 0.97),
    ("place", 0.98),
    ("date", 0.98),
    ("subject", 0.98),
];
const SEED_FLOORS: &[(&str, f64)] = &[
    ("kind", 1.0),
    ("number", 1.0),
    ("issuer.name", 1.0),
    ("issuer.parent", 1.0),
    ("place", 1.0),
    ("date", 1.0),
    ("subject", 1.0),
];

fn score(docs: &Path, gold: &Path, scorer: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("extract")
        .arg(docs)
        .output()
        .expect("vanban runs");
    let records = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(records.path(), &out.stdout).expect("writes records");
    let scored = Command::new("python3")
        .arg(scorer)
        .arg(gold)
        .arg(records.path())
        .arg("--json")
        .output()
        .expect("python3 runs score.py");
    assert!(
        scored.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&scored.stderr)
    );
    serde_json::from_slice(&scored.stdout).expect("score.py --json prints JSON")
}

fn gate(name: &str, summary: &serde_json::Value, floors: &[(&str, f64)]) {
    assert_eq!(
        summary["missing"], 0,
        "{name}: every gold document has a record"
    );
    let mut below = Vec::new();
    for (field, floor) in floors {
        let f1 = summary["fields"][field]["f1"].as_f64().unwrap_or(0.0);
        eprintln!("{name}: {field} F1 {f1:.3} (floor {floor})");
        if f1 < *floor {
            below.push(format!("{field} {f1:.3} < {floor}"));
        }
    }
    assert!(below.is_empty(), "{name}: below the floor: {below:?}");
}

fn scorer() -> Option<std::path::PathBuf> {
    shared()
        .map(|s| s.join("tools").join("score.py"))
        .filter(|p| p.is_file())
}

#[test]
fn composed_corpus_stays_accurate() {
    // score.py lives in ../shared; without it this gate cannot score.
    let Some(scorer) = scorer() else {
        eprintln!("skipped: ../shared/tools/score.py is absent");
        return;
    };
    let summary = score(&root().join("corpus"), &root().join("corpus/gold"), &scorer);
    gate("corpus", &summary, DEV_FLOORS);
}

#[test]
fn shared_seeds_and_dev_stay_accurate() {
    let (Some(shared), Some(scorer)) = (shared(), scorer()) else {
        eprintln!("skipped: ../shared is absent, the shared gold sets are not scored");
        return;
    };
    let seeds = shared.join("corpus/seeds");
    gate(
        "seeds",
        &score(&seeds, &seeds.join("gold"), &scorer),
        SEED_FLOORS,
    );
    let dev = shared.join("corpus/dev");
    gate("dev", &score(&dev, &dev.join("gold"), &scorer), DEV_FLOORS);
}
