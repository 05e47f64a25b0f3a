//! Documents cited by number.

use crate::doc::Doc;
use crate::layout::Layout;
use crate::record::Reference;

pub fn extract(_doc: &Doc, _layout: &Layout) -> Vec<Reference> {
    Vec::new()
}
