//! The configured sequence of stages that turns text into a [`Document`].

use crate::document::{Document, TokenKind};
use crate::error::Result;
use crate::names::{find_names, lexicon};
use crate::quotes::{context::Ctx, find_quotes};
use crate::span::CharIndex;
use crate::tokenize::{segment, TokenizerOptions};

/// Runs every stage over a text. Built once, immutable, `Send + Sync`: one pipeline
/// serves many threads.
///
/// ```
/// let pipeline = whosaid::Pipeline::new();
/// let doc = pipeline.analyze("Hello there. Goodbye.");
/// assert_eq!(doc.sentences.len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Pipeline {
    tokenizer: TokenizerOptions,
    names: bool,
    quotes: bool,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with every default: the embedded gazetteer, clitics split.
    #[must_use]
    pub fn new() -> Pipeline {
        PipelineBuilder::new().build().expect("the default pipeline always builds")
    }

    /// A builder to configure a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::new()
    }

    /// Analyses `text`. Never fails and never panics, whatever the text.
    #[must_use]
    pub fn analyze(&self, text: &str) -> Document {
        let seg = segment(text, &self.tokenizer);
        let gazetteer_entities = Vec::new();
        let (entities, quotes) = if self.names || self.quotes {
            let words: Vec<lexicon::Word> = seg
                .tokens
                .iter()
                .map(|t| match t.kind {
                    TokenKind::Word => lexicon::word(t.span.as_str(text)),
                    _ => lexicon::Word::default(),
                })
                .collect();
            let mut names =
                find_names(text, &seg.tokens, &seg.sentences, &words, &gazetteer_entities);
            let quotes = if self.quotes {
                find_quotes(&Ctx::new(
                    text,
                    &seg.tokens,
                    &seg.sentences,
                    &seg.paragraphs,
                    &words,
                    &names,
                ))
            } else {
                Vec::new()
            };
            names.mark_speakers(&seg.tokens, &quotes);
            let entities = if self.names {
                names.entities(text, gazetteer_entities)
            } else {
                gazetteer_entities
            };
            (entities, quotes)
        } else {
            (gazetteer_entities, Vec::new())
        };
        Document {
            paragraphs: seg.paragraphs,
            sentences: seg.sentences,
            tokens: seg.tokens,
            entities,
            quotes,
            char_index: CharIndex::new(text),
        }
    }
}

/// Configures a [`Pipeline`].
#[derive(Clone, Debug)]
#[must_use]
pub struct PipelineBuilder {
    tokenizer: TokenizerOptions,
    names: bool,
    quotes: bool,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder { tokenizer: TokenizerOptions::default(), names: true, quotes: true }
    }
}

impl PipelineBuilder {
    /// A builder with every default.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Report proper names that no gazetteer knows, and partial mentions joined to their
    /// full name, as entities with source `name` and `coref` (default `true`). Quotes
    /// use names either way.
    ///
    /// ```
    /// let pipeline = whosaid::Pipeline::builder().names(false).build()?;
    /// assert!(pipeline.analyze("Maria Zakharova spoke.").entities.is_empty());
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn names(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.names = yes;
        self
    }

    /// Find quotes and their speakers (default `true`).
    ///
    /// ```
    /// let pipeline = whosaid::Pipeline::builder().quotes(false).build()?;
    /// assert!(pipeline.analyze("\"We will win,\" she said.").quotes.is_empty());
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn quotes(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.quotes = yes;
        self
    }

    /// Split clitics and possessives into UD words (`true`, the default) or keep
    /// surface tokens whole ("don't", "Turkey's").
    pub fn split_clitics(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.tokenizer.split_clitics = yes;
        self
    }

    /// Builds the pipeline.
    pub fn build(&self) -> Result<Pipeline> {
        Ok(Pipeline { tokenizer: self.tokenizer.clone(), names: self.names, quotes: self.quotes })
    }
}
