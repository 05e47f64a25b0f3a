//! The one integration-test crate: every module below is a group of tests.

mod cli;
mod corpus;
mod extract;
mod regression;
mod robust;
mod util;
