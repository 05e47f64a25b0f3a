//! Urgency and security marks.

use crate::doc::Doc;
use crate::layout::Layout;

pub fn urgency(_doc: &Doc, _layout: &Layout) -> Option<String> {
    None
}

pub fn security(_doc: &Doc, _layout: &Layout) -> Option<String> {
    None
}
