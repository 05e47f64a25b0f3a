//! Conversion tables for the legacy Vietnamese encodings, kept as plain data.
//!
//! Every table is written out by hand from the published layout of its standard
//! (see the header of each file) and checked by the unit tests of `decode`:
//! round trips over every Vietnamese letter, known spellings, glibc's `iconv`
//! converters where they exist, and the real documents of
//! `shared/corpus/legacy`.

pub(crate) mod cp1252;
pub(crate) mod tcvn3;
pub(crate) mod viscii;
pub(crate) mod vni;
pub(crate) mod windows1258;

/// Marker for a byte that a table leaves unassigned.
pub(crate) const UNMAPPED: char = '\0';
