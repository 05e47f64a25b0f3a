//! `vanban review`: the site for corpus/, the same site from a records file, the CLI,
//! and the pages in a real headless browser (Debian's chromium; skipped with a notice
//! when it is not installed).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vanban::batch::{self, DEFAULT_MAX_BYTES, Input as BatchInput};
use vanban::review::{self, Config, Input};
use vanban::{Context, Record};

use crate::util::{check_spans, root};

fn context() -> Context {
    Context {
        today: Some((2026, 1, 1)),
    }
}

/// corpus/ as `vanban review corpus` lists it (paths relative to the repository).
fn corpus_inputs() -> Vec<BatchInput> {
    let inputs = batch::collect(&[root().join("corpus")], &["txt".to_string()]);
    assert!(inputs.len() >= 20, "corpus/ has its documents");
    inputs
}

fn write_site(input: Input, out: &Path) -> review::Summary {
    let _ = std::fs::remove_dir_all(out);
    review::run(&Config {
        input,
        out_dir: out.to_path_buf(),
        context: context(),
        max_bytes: DEFAULT_MAX_BYTES,
    })
    .expect("the site is written")
}

fn page(out: &Path, i: usize) -> String {
    std::fs::read_to_string(out.join("docs").join(format!("{i:05}.html"))).expect("page exists")
}

/// The text under each field's `<mark>` elements in a page's `<pre id="text">`, read in
/// document order (the way the browser test reads it from the DOM).
fn highlighted(page: &str) -> BTreeMap<String, String> {
    let start = page
        .find("<pre id=\"text\" class=\"text\">")
        .expect("text shown")
        + 28;
    let body = &page[start..start + page[start..].find("</pre>").expect("pre ends")];
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("</mark>") {
            open.pop().expect("balanced marks");
            rest = after;
        } else if c == '<' {
            let tag = &rest[..rest.find('>').expect("tag ends")];
            let at = tag.find("data-field=\"").expect("a mark with its field") + 12;
            let field = tag[at..at + tag[at..].find('"').unwrap()].to_string();
            texts.entry(field.clone()).or_default();
            open.push(field);
            rest = &rest[tag.len() + 1..];
        } else {
            let (c, len) = match c {
                '&' => {
                    let end = rest.find(';').unwrap() + 1;
                    (unescape(&rest[..end]).chars().next().unwrap(), end)
                }
                c => (c, c.len_utf8()),
            };
            for field in &open {
                texts.get_mut(field).unwrap().push(c);
            }
            rest = &rest[len..];
        }
    }
    assert!(open.is_empty(), "balanced marks");
    texts
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn chars(text: &str, [start, end]: [usize; 2]) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn normalized(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("readable");
    vanban::pipeline::normalized_text(&bytes)
        .map(|(_, n)| n.text)
        .unwrap_or_default()
}

#[test]
fn corpus_site_highlights_every_span() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-corpus");
    let inputs = corpus_inputs();
    let summary = write_site(Input::Extract(inputs.clone()), &out);
    assert_eq!(summary.documents, inputs.len());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(&format!("{} documents", inputs.len())));
    for (i, input) in inputs.iter().enumerate() {
        let record = batch::record_for(input, &context(), DEFAULT_MAX_BYTES);
        let html = page(&out, i);
        let text = normalized(input.path());
        let texts = highlighted(&html);
        for (field, span) in &record.spans {
            assert_eq!(
                texts.get(field),
                Some(&chars(&text, *span)),
                "{}: {field}",
                record.source.path
            );
        }
        assert!(html.contains(&format!(
            "<span class=\"pos\">{} / {}</span>",
            i + 1,
            inputs.len()
        )));
        // Self-contained: nothing is loaded from anywhere.
        for outside in [
            "<link",
            "<script src",
            "<img",
            "@import",
            "url(",
            "src=\"http",
            "href=\"http",
        ] {
            assert!(
                !html.contains(outside) && !index.contains(outside),
                "{outside}"
            );
        }
    }
    // A page left from an earlier, larger run is removed.
    std::fs::write(out.join("docs").join("99999.html"), "old").unwrap();
    write_site(Input::Extract(inputs[..2].to_vec()), &out);
    assert!(!out.join("docs").join("99999.html").exists());
    assert!(!out.join("docs").join("00002.html").exists());
}

#[test]
fn records_file_is_reviewed_without_extracting() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("batch");
    std::fs::create_dir_all(&sources).unwrap();
    let doc =
        std::fs::read_to_string(root().join("corpus/composed/cong_van_parent_issuer.txt")).unwrap();
    std::fs::write(sources.join("a.txt"), &doc).unwrap();
    std::fs::write(sources.join("b.txt"), &doc).unwrap();
    let good = vanban::process(doc.as_bytes(), "overnight/batch/a.txt", &context());
    let mut changed = vanban::process(doc.as_bytes(), "overnight/batch/b.txt", &context());
    std::fs::write(sources.join("b.txt"), doc.replace("SỞ Y TẾ", "SỞ Y TẾ MỚI")).unwrap();
    let mut gone = good.clone();
    gone.source.path = "overnight/batch/c.txt".into();
    changed.warnings.clear();
    let lines = [
        serde_json::to_string(&good).unwrap(),
        serde_json::to_string(&changed).unwrap(),
        String::new(),
        serde_json::to_string(&gone).unwrap(),
        "{\"not\": \"a record\"}".to_string(),
    ];
    let records = dir.path().join("out.jsonl");
    std::fs::write(&records, lines.join("\n")).unwrap();

    let out = dir.path().join("report");
    let summary = write_site(
        Input::Records {
            file: records.clone(),
            folders: vec![dir.path().to_path_buf()],
        },
        &out,
    );
    assert_eq!(
        summary.documents, 4,
        "every record is listed, the bad line too"
    );
    assert_eq!(summary.errors, 1);
    assert_eq!(summary.noted, 2);

    let first = page(&out, 0);
    assert!(first.contains(&format!(
        "<dt>read from</dt><dd>{}",
        sources.join("a.txt").display()
    )));
    let texts = highlighted(&first);
    let text = normalized(&sources.join("a.txt"));
    for (field, span) in &good.spans {
        assert_eq!(texts[field], chars(&text, *span), "{field}");
    }
    assert!(
        !first.contains("review.source"),
        "an unchanged source has no note"
    );
    assert!(page(&out, 1).contains("<code>review.source_changed</code>"));
    let missing = page(&out, 2);
    assert!(missing.contains("<code>review.source_missing</code>"));
    assert!(missing.contains("The text is not available"));
    assert!(page(&out, 3).contains("<code>review.bad_record</code> line 5 is not a record"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index
            .contains("<option value=\"review.source_missing\">review.source_missing (1)</option>")
    );
}

#[test]
fn cli_writes_the_site_and_refuses_nothing_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["review", "corpus/seeds", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("2 documents"));
    assert!(out.join("index.html").is_file() && out.join("docs/00001.html").is_file());

    // The same documents again from the records `vanban extract` wrote.
    let records = dir.path().join("seeds.jsonl");
    let extract = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["extract", "corpus/seeds", "-o"])
        .arg(&records)
        .status()
        .expect("runs");
    assert!(extract.success());
    let again = dir.path().join("again");
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["review", "--records"])
        .arg(&records)
        .arg("-o")
        .arg(&again)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("0 with review notes"));

    let none = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["review", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(none.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// In a real browser.

/// Debian's chromium, or the one named by `VANBAN_CHROMIUM`.
fn chromium() -> Option<PathBuf> {
    if let Some(exe) = std::env::var_os("VANBAN_CHROMIUM") {
        return Some(PathBuf::from(exe));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|exe| exe.is_file())
}

fn file_url(path: &Path, query: &str) -> String {
    let mut url = String::from("file://");
    for b in path.to_str().expect("UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url + query
}

/// Loads `url` in headless chromium (a fresh profile each time), saves a screenshot of
/// the window, and returns the DOM as it is after the page's scripts ran (in virtual
/// time). With `navigates`, chromium also waits for the navigation a click starts, and
/// the DOM and screenshot are those of the page it leads to.
fn load(exe: &Path, url: &str, screenshot: &Path, size: (u32, u32), navigates: bool) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--screenshot={}", screenshot.display()))
        // Virtual time lets the page's scripts finish before the DOM is dumped, also on
        // a loaded machine (the self-test was once missing from a dump under load).
        .arg(if navigates {
            "--virtual-time-budget=10000"
        } else {
            "--virtual-time-budget=3000"
        })
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        if child.try_wait().expect("waits").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish loading {url} in 40 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The JSON the page's self-test wrote into `<pre id="selftest">`.
fn selftest(dom: &str) -> Value {
    let start = dom
        .rfind("<pre id=\"selftest\">")
        .unwrap_or_else(|| panic!("no self-test result in the page:\n{dom:.2000}"))
        + 19;
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&unescape(&dom[start..end])).expect("self-test JSON")
}

#[test]
fn review_in_a_browser() {
    let Some(exe) = chromium() else {
        eprintln!(
            "review_in_a_browser: skipped, chromium is not installed \
             (apt-get install chromium, as .ci/run does)"
        );
        return;
    };
    let started = Instant::now();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let shots = target.parent().unwrap_or(target).join("review-screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let out = target.join("review-browser");
    let inputs = corpus_inputs();
    write_site(Input::Extract(inputs.clone()), &out);
    let records: Vec<Record> = inputs
        .iter()
        .map(|input| batch::record_for(input, &context(), DEFAULT_MAX_BYTES))
        .collect();

    // A batch of 250 from records, for the pager.
    let many = target.join("review-browser-many.jsonl");
    let lines: Vec<String> = (0..250)
        .map(|k| serde_json::to_string(&records[k % records.len()]).unwrap())
        .collect();
    std::fs::write(&many, lines.join("\n")).unwrap();
    let out_many = target.join("review-browser-many");
    write_site(
        Input::Records {
            file: many,
            folders: vec![root()],
        },
        &out_many,
    );

    // The document to open: the first with the most warnings, then highlights.
    let k = (0..records.len() - 1)
        .max_by_key(|&i| {
            (
                records[i].warnings.len(),
                records[i].spans.len(),
                std::cmp::Reverse(i),
            )
        })
        .unwrap();
    let docs = out.join("docs");

    let (index, paged, doc) = std::thread::scope(|s| {
        let index = s.spawn(|| {
            load(
                &exe,
                &file_url(&out.join("index.html"), "?selftest=1"),
                &shots.join("index.png"),
                (1400, 900),
                false,
            )
        });
        let paged = s.spawn(|| {
            load(
                &exe,
                &file_url(
                    &out_many.join("index.html"),
                    "?selftest=1#code=-&sort=d-&page=2",
                ),
                &shots.join("index-filtered.png"),
                (1400, 900),
                false,
            )
        });
        let doc = s.spawn(|| {
            load(
                &exe,
                &file_url(&docs.join(format!("{k:05}.html")), "?selftest=1"),
                &shots.join("document.png"),
                (1500, 1300),
                false,
            )
        });
        (
            index.join().unwrap(),
            paged.join().unwrap(),
            doc.join().unwrap(),
        )
    });

    let result = selftest(&index);
    assert_eq!(result["status"], "PASS", "index self-test: {result:#}");
    assert_eq!(result["rows"], records.len());
    assert_eq!(result["first"], "docs/00000.html");

    let result = selftest(&paged);
    assert_eq!(
        result["status"], "PASS",
        "paged index self-test: {result:#}"
    );
    assert_eq!(
        (result["rows"].as_u64(), result["pages"].as_u64()),
        (Some(250), Some(3))
    );
    assert!(
        paged.contains("page 2 of "),
        "the view from the URL fragment is restored"
    );

    let check_document = |dom: &str, i: usize| -> Value {
        let result = selftest(dom);
        assert_eq!(result["status"], "PASS", "document {i}: {result:#}");
        assert_eq!(result["doc"], i);
        let record = &records[i];
        assert_eq!(result["path"], record.source.path.as_str());
        let text = normalized(inputs[i].path());
        check_spans(record, &text);
        let fields = result["fields"].as_object().unwrap();
        assert_eq!(
            fields.len(),
            record.spans.len(),
            "every span is highlighted"
        );
        for (field, span) in &record.spans {
            assert_eq!(
                fields[field]["text"].as_str(),
                Some(chars(&text, *span).as_str()),
                "document {i}, {field}: the highlight shows the text under the span"
            );
        }
        result
    };
    let result = check_document(&doc, k);
    assert!(result["fields"].as_object().unwrap().len() >= 5);

    // Click the page's own "Next" link: the page it opens runs its self-test too and
    // reports the one it was clicked from.
    let url = file_url(&docs.join(format!("{k:05}.html")), "?selftest=1&click=next");
    let next = load(
        &exe,
        &url,
        &shots.join("document-next.png"),
        (1500, 1300),
        true,
    );
    let result = check_document(&next, k + 1);
    assert_eq!(
        result["from"]["doc"], k,
        "arrived by clicking Next on document {k}"
    );
    assert_eq!(result["from"]["status"], "PASS");
    assert_eq!(result["prev"], format!("{k:05}.html"));

    eprintln!(
        "review_in_a_browser: {} documents, opened the index, a filtered index of 250, \
         document {k}, clicked Next to {}; screenshots in {} ({:.1} s)",
        records.len(),
        k + 1,
        shots.display(),
        started.elapsed().as_secs_f32()
    );
}
