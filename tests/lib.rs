//! Integration tests, one binary.

mod header_fresh;
mod pipeline;
mod public_api;
