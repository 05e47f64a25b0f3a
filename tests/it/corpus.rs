//! Every document of `corpus/` (and of ../shared/corpus when present) gives one record
//! that passes the generated JSON Schema, reads back with unknown fields denied, and
//! has valid spans.

use std::path::PathBuf;

use vanban::Record;

use crate::util::{check_spans, documents, normalized_of, record_of, root, shared};

fn check_all(paths: &[PathBuf]) {
    let schema = vanban::schema();
    let validator = jsonschema::validator_for(&schema).expect("the generated schema compiles");
    for path in paths {
        let record = record_of(path);
        let json = serde_json::to_value(&record).expect("serializes");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{}: schema errors {errors:?}",
            path.display()
        );
        let line = serde_json::to_string(&record).expect("serializes");
        let back: Record =
            serde_json::from_str(&line).expect("reads back with unknown fields denied");
        assert_eq!(back, record);
        check_spans(&record, &normalized_of(path));
    }
}

#[test]
fn bundled_corpus_records_are_valid() {
    let paths = documents(&root().join("corpus"));
    assert!(
        paths.len() >= 22,
        "corpus/ holds the seeds and the composed documents"
    );
    check_all(&paths);
}

#[test]
fn shared_corpus_records_are_valid() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent, so the shared corpus is not checked");
        return;
    };
    check_all(&documents(&shared.join("corpus")));
}
