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
//!
//! # Example: words and surface tokens
//!
//! Tokens are Universal Dependencies words by default: clitics and possessives are
//! words of their own, marked `joined` to the word before them. With `split_clitics`
//! off, surface tokens stay whole.
//!
//! ```
//! use whosaid::{segment, TokenizerOptions};
//! let text = "“We don’t know,” Turkey’s envoy said. J. K. Rowling wasn’t there.";
//! let seg = segment(text, &TokenizerOptions::default());
//! let words: Vec<&str> = seg.tokens.iter().map(|t| t.span.as_str(text)).collect();
//! assert_eq!(&words[..9], ["“", "We", "do", "n’t", "know", ",", "”", "Turkey", "’s"]);
//! assert!(seg.tokens[3].joined);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.as_str(text)).collect();
//! assert_eq!(sentences, ["“We don’t know,” Turkey’s envoy said.", "J. K. Rowling wasn’t there."]);
//!
//! let mut surface = TokenizerOptions::default();
//! surface.split_clitics = false;
//! let seg = segment(text, &surface);
//! assert_eq!(seg.tokens[2].span.as_str(text), "don’t");
//! ```
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

// cbindgen reads every module for include/whosaid.h; only `ffi` belongs in it.
/// cbindgen:ignore
mod blocks;
/// cbindgen:ignore
mod document;
/// cbindgen:ignore
mod error;
mod ffi;
/// cbindgen:ignore
mod gazetteer;
/// cbindgen:ignore
mod names;
/// cbindgen:ignore
mod normalize;
/// cbindgen:ignore
mod pipeline;
/// cbindgen:ignore
mod quotes;
/// cbindgen:ignore
mod span;
/// cbindgen:ignore
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
