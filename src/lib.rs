//! whosaid reads English news text and answers, in one pass: what are the tokens and
//! sentences, which known people, places and organisations are named, and who said what.
//!
//! The main types:
//! - [`Pipeline`]: configured once, immutable and shareable across threads; its
//!   [`analyze`](Pipeline::analyze) turns a `&str` into a [`Document`].
//! - [`Document`]: paragraphs, sentences, tokens, entities and quotes, as byte
//!   [`Span`]s into the caller's text; [`Document::to_json`] gives the JSON of SCHEMA.md.
//! - [`segment`]: the tokenizer and sentence splitter on its own.
//!
//! # Example: sentences and tokens
//!
//! ```
//! let pipeline = whosaid::Pipeline::new();
//! let text = "The U.S. economy grew 3.5% in Feb. Analysts were surprised.";
//! let doc = pipeline.analyze(text);
//! let sentences: Vec<&str> = doc.sentences.iter().map(|s| s.span.as_str(text)).collect();
//! assert_eq!(sentences, ["The U.S. economy grew 3.5% in Feb.", "Analysts were surprised."]);
//! ```
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod document;
mod error;
mod ffi;
mod gazetteer;
mod normalize;
mod pipeline;
mod span;
mod tokenize;

pub use document::{
    Cue, Document, DocumentJson, Entity, EntitySource, Paragraph, Quote, QuoteKind, Sentence,
    Speaker, Token, TokenKind, Via,
};
pub use error::{Error, Result};
pub use gazetteer::{Entry, EntryRef, Gazetteer, GazetteerBuilder, Match, MAX_NAME_BYTES};
pub use normalize::{normalize, NormalizeOptions, Normalized};
pub use pipeline::{Pipeline, PipelineBuilder};
pub use span::{CharIndex, Span};
pub use tokenize::{segment, Segmentation, TokenizerOptions};

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
