//! Time limits by which something must be done.

use crate::doc::Doc;
use crate::layout::Layout;
use crate::record::Deadline;

pub fn extract(_doc: &Doc, _layout: &Layout) -> Vec<Deadline> {
    Vec::new()
}
