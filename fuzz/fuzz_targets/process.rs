//! Any bytes → a record, through the whole pipeline (decode, normalize, layout,
//! extract), without panicking; every span inside the normalized text; the record
//! serializes. A crash input found here goes to `fixtures/crash/` (see its README),
//! where `tests/it/robust.rs` keeps it fixed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::Context;

fuzz_target!(|data: &[u8]| {
    let context = Context {
        today: Some((2026, 1, 1)),
    };
    let record = vanban::process(data, "fuzz.txt", &context);
    match vanban::pipeline::normalized_text(data) {
        Ok((_, normalized)) => {
            let len = normalized.text.chars().count();
            for (field, [start, end]) in &record.spans {
                assert!(
                    start <= end && *end <= len,
                    "span {field} [{start}, {end}) outside {len} characters"
                );
            }
        }
        Err(_) => assert!(record.error.is_some(), "undecodable input gives an error"),
    }
    serde_json::to_string(&record).expect("the record serializes");
});
