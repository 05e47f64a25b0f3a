//! Per-stage benchmarks over the documents of `corpus/` (seeds and composed documents,
//! real-shaped: headings, bodies, footers, converter debris), all of them per iteration,
//! with throughput in bytes of input. Short measurement times: the machine is shared.
//!
//! `cargo bench --bench stages`; one stage: `cargo bench --bench stages -- normalize`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vanban::Context;
use vanban::decode;
use vanban::doc::Doc;
use vanban::layout::Layout;
use vanban::normalize;
use vanban::record::Record;

fn corpus() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = ["seeds", "composed"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("corpus/ is there"))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("readable document"))
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let total: usize = docs.iter().map(Vec::len).sum();
    let context = Context {
        today: Some((2026, 1, 1)),
    };
    let decoded: Vec<String> = docs
        .iter()
        .map(|d| decode::decode(d).expect("corpus documents decode").text)
        .collect();
    let normalized: Vec<normalize::Normalized> =
        decoded.iter().map(|t| normalize::normalize(t)).collect();
    let segmented: Vec<(Doc, Layout)> = normalized
        .iter()
        .map(|n| {
            let doc = Doc::with_key(n.text.clone(), n.key.clone());
            let layout = Layout::find(&doc);
            (doc, layout)
        })
        .collect();

    let mut group = c.benchmark_group(format!("{} corpus documents", docs.len()));
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("decode", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(decode::decode(black_box(d)).ok());
            }
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for t in &decoded {
                black_box(normalize::normalize(black_box(t)));
            }
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            for n in &normalized {
                let doc = Doc::with_key(black_box(n.text.clone()), n.key.clone());
                black_box(Layout::find(&doc));
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for (doc, layout) in &segmented {
                let mut record = Record::empty(vanban::pipeline::source(b"", "x", None));
                vanban::extract::extract(doc, layout, &context, &mut record);
                black_box(record);
            }
        })
    });
    group.bench_function("process (all stages, sha256)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(vanban::process(black_box(d), "x.txt", &context));
            }
        })
    });
    let records: Vec<Record> = docs
        .iter()
        .map(|d| vanban::process(d, "x.txt", &context))
        .collect();
    group.bench_function("serialize (JSON Lines)", |b| {
        let mut out = Vec::with_capacity(1 << 20);
        b.iter(|| {
            out.clear();
            for record in &records {
                serde_json::to_writer(&mut out, record).expect("serializes");
                out.push(b'\n');
            }
            black_box(out.len());
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = stages
}
criterion_main!(benches);
