//! Integration tests, one binary.

mod public_api;
mod tokenize;
