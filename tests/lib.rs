//! Integration tests, one binary.

mod header_fresh;
mod public_api;
