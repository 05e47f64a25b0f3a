//! The signature block: authority prefix, principal, title, name.

use crate::doc::Doc;
use crate::layout::Layout;
use crate::record::Signer;

pub fn extract(_doc: &Doc, _layout: &Layout) -> Signer {
    Signer::default()
}
