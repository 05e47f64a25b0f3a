//! The one integration-test crate: every module below is a group of tests.

mod batch;
mod cli;
mod corpus;
mod extract;
mod regression;
mod review;
mod robust;
mod util;
