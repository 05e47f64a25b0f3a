//! `vanban` turns Vietnamese administrative documents (văn bản hành chính) given as text
//! into structured records.
//!
//! The pipeline is a pure function from bytes to [`Record`]: [`decode`] the bytes (UTF-8,
//! NFD, legacy encodings), [`normalize`] the text (NFC, converter debris out), cut it into
//! lines with a folded matching key ([`doc`]), find the zones of the page ([`layout`]:
//! heading, `Kính gửi`, body, signature, `Nơi nhận`, annexes), then run one extractor per
//! field on its zone ([`extract`]). [`batch`] walks folders and writes JSON Lines.

pub mod batch;
pub mod decode;
pub mod degrade;
pub mod doc;
pub mod extract;
pub mod fold;
pub mod grammar;
pub mod layout;
pub mod normalize;
pub mod ocr;
pub mod pipeline;
pub mod record;
pub mod review;
pub mod warning;

pub use extract::Context;
pub use pipeline::process;
pub use record::{Record, SCHEMA_VERSION, schema};
