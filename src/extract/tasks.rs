//! The first-level numbered items of the body.

use crate::doc::Doc;
use crate::layout::Layout;
use crate::record::Task;

pub fn extract(_doc: &Doc, _layout: &Layout) -> Vec<Task> {
    Vec::new()
}
