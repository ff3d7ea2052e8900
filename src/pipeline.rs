//! The configured sequence of stages that turns text into a [`Document`].

use crate::document::Document;
use crate::error::Result;
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
        Document {
            paragraphs: seg.paragraphs,
            sentences: seg.sentences,
            tokens: seg.tokens,
            entities: Vec::new(),
            quotes: Vec::new(),
            char_index: CharIndex::new(text),
        }
    }
}

/// Configures a [`Pipeline`].
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct PipelineBuilder {
    tokenizer: TokenizerOptions,
}

impl PipelineBuilder {
    /// A builder with every default.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Split clitics and possessives into UD words (`true`, the default) or keep
    /// surface tokens whole ("don't", "Turkey's").
    pub fn split_clitics(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.tokenizer.split_clitics = yes;
        self
    }

    /// Builds the pipeline.
    pub fn build(&self) -> Result<Pipeline> {
        Ok(Pipeline { tokenizer: self.tokenizer.clone() })
    }
}
