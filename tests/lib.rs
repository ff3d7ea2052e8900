//! Integration tests, one binary.

mod gazetteer;
mod pipeline;
mod public_api;
