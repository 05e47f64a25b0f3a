//! Prints the layout zones of a document, for looking at what the parser saw.
use vanban::doc::Doc;
use vanban::layout::Layout;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let (_, normalized) = vanban::pipeline::normalized_text(&bytes).expect("decodable");
        let doc = Doc::new(normalized.text);
        let layout = Layout::find(&doc);
        println!("{path}: {layout:?}");
        let end = layout.body.start.min(doc.lines.len());
        for (i, line) in doc.lines[..end].iter().enumerate() {
            println!("{i:4} {}", doc.line_text(*line));
        }
    }
}
