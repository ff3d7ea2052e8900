//! Integration tests, one binary.

mod names;
mod pipeline;
mod public_api;
mod quotes;
