//! Integration tests, one binary.

mod pipeline;
mod public_api;
