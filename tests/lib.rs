//! Integration tests, one binary.

mod c_abi;
mod gazetteer;
mod header_fresh;
mod names;
mod pipeline;
mod public_api;
mod quotes;
mod tokenize;
