//! Integration tests, one binary.

mod c_abi;
mod header_fresh;
mod pipeline;
mod public_api;
