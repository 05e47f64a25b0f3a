//! Items under `Nơi nhận:`.

use crate::doc::Doc;
use crate::layout::Layout;

pub fn extract(_doc: &Doc, _layout: &Layout) -> Vec<String> {
    Vec::new()
}
