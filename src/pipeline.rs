//! The configured sequence of stages that turns text into a [`Document`].

use std::sync::Arc;

use crate::document::{Document, Entity, EntitySource};
use crate::error::Result;
use crate::gazetteer::{Gazetteer, Match};
use crate::names::find_names;
use crate::names::lexicon::{self, FxMap};
use crate::normalize::{normalize_into, Normalized};
use crate::quotes::{context::Ctx, find_quotes};
use crate::span::CharIndex;
use crate::tokenize::{segment, segment_with, TokenizerOptions};

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
    /// The user's gazetteers in the order added, then the default one if enabled.
    gazetteers: Vec<GazetteerRef>,
    names: bool,
    quotes: bool,
}

/// A gazetteer the pipeline runs: the embedded default or one of the user's.
#[derive(Clone, Debug)]
enum GazetteerRef {
    Default,
    User(Arc<Gazetteer>),
}

impl GazetteerRef {
    fn get(&self) -> &Gazetteer {
        match self {
            GazetteerRef::Default => Gazetteer::default_gazetteer(),
            GazetteerRef::User(g) => g,
        }
    }
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
    ///
    /// ```
    /// let pipeline = whosaid::Pipeline::new();
    /// let text = "Russia’s envoy met U.S. officials in Geneva.";
    /// let doc = pipeline.analyze(text);
    /// let found: Vec<(&str, &str)> =
    ///     doc.entities.iter().map(|e| (e.span.as_str(text), &*e.label)).collect();
    /// assert_eq!(found, [("Russia", "GPE"), ("U.S.", "GPE"), ("Geneva", "GPE")]);
    /// ```
    #[must_use]
    pub fn analyze(&self, text: &str) -> Document {
        // The word classes, which names and quotes read, are found as the tokens are
        // (room for as many as the tokenizer makes room for tokens).
        let (seg, words) = if self.names || self.quotes {
            let mut classes = lexicon::Classes::with_capacity(text.len() / 3);
            (segment_with(text, &self.tokenizer, &mut classes), classes.words)
        } else {
            (segment(text, &self.tokenizer), Vec::new())
        };
        let gazetteer_entities = self.gazetteer_entities(text);
        let (entities, quotes) = if self.names || self.quotes {
            let mut names =
                find_names(text, &seg.tokens, &seg.sentences, &words, &gazetteer_entities);
            let quotes = if self.quotes {
                let ctx =
                    Ctx::new(text, &seg.tokens, &seg.sentences, &seg.paragraphs, &words, &names);
                find_quotes(&ctx)
            } else {
                Vec::new()
            };
            names.mark_speakers(&seg.tokens, &quotes);
            let entities =
                if self.names { names.entities(gazetteer_entities) } else { gazetteer_entities };
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

    /// The gazetteers this pipeline matches with: the user's in the order added,
    /// then the embedded default one unless it was turned off.
    pub fn gazetteers(&self) -> impl Iterator<Item = &Gazetteer> {
        self.gazetteers.iter().map(GazetteerRef::get)
    }

    /// Mentions from every gazetteer, leftmost-longest across all of them; on the
    /// same span, the earlier gazetteer's entity is reported, and the later
    /// gazetteers' ids follow its own among its candidates (a user's "Paris" does not
    /// hide the default gazetteer's).
    fn gazetteer_entities(&self, text: &str) -> Vec<Entity> {
        // A text is normalized, when it must be, once per normalization the
        // gazetteers use.
        let mut forms: Vec<(bool, Normalized)> = Vec::new();
        // About one match in 250 bytes of news: room for one in 128, so that the list
        // seldom grows.
        let mut matches: Vec<Match<'_>> = Vec::with_capacity(text.len() / 128);
        for gaz in self.gazetteers() {
            if !gaz.find_plain(text, false, &mut matches) {
                let options = gaz.normalize_options();
                let i = match forms.iter().position(|(fold, _)| *fold == gaz.folds_diacritics()) {
                    Some(i) => i,
                    None => {
                        let mut norm = Normalized::default();
                        normalize_into(text, options, &mut norm);
                        forms.push((gaz.folds_diacritics(), norm));
                        forms.len() - 1
                    }
                };
                gaz.find_normalized(text, &forms[i].1, false, &mut matches);
            }
        }
        // The entries' records are read below, each a likely cache miss: asked for
        // all at once here, their misses overlap (and the sort's work).
        matches.iter().for_each(Match::prefetch_entry);
        // Stable: on the same span, the earlier gazetteer's match stays first.
        matches.sort_by_key(|m| (m.span().start, std::cmp::Reverse(m.span().end)));
        let mut entities: Vec<Entity> = Vec::with_capacity(matches.len());
        // Room for an id and a name per match, and a few labels, so the map never grows.
        let mut shared = Shared::with_capacity(2 * matches.len() + 8);
        let mut end = 0;
        for m in matches {
            if m.span().start < end {
                if let Some(same) = entities.last_mut().filter(|e| e.span == m.span()) {
                    for e in m.candidates() {
                        let id = shared.get(e.id());
                        if !same.candidates.contains(&id) {
                            same.candidates.push(id);
                        }
                    }
                }
                continue;
            }
            end = m.span().end;
            let id = shared.get(m.id());
            // The first candidate is the best-ranked entry, whose id is at hand.
            let candidates = m
                .candidates()
                .enumerate()
                .map(|(k, e)| if k == 0 { id.clone() } else { shared.get(e.id()) })
                .collect();
            entities.push(Entity {
                span: m.span(),
                label: shared.get(m.label()),
                id: Some(id),
                canonical: shared.get(m.name()),
                source: EntitySource::Gazetteer,
                candidates,
            });
        }
        entities
    }
}

/// One `Arc<str>` per distinct string (label, id, name) among a document's gazetteer
/// entities: an entity named twenty times costs one allocation, not twenty. The strings
/// live in the gazetteer, each stored once, so their address and length identify them:
/// two integers to hash and compare, not the text (the map borrows each string, so no
/// other can take its address meanwhile).
struct Shared<'g>(FxMap<(usize, usize), (&'g str, Arc<str>)>);

impl<'g> Shared<'g> {
    fn with_capacity(strings: usize) -> Self {
        Shared(FxMap::with_capacity_and_hasher(strings, Default::default()))
    }

    fn get(&mut self, s: &'g str) -> Arc<str> {
        let key = (s.as_ptr() as usize, s.len());
        self.0.entry(key).or_insert_with(|| (s, Arc::from(s))).1.clone()
    }
}

/// Configures a [`Pipeline`].
#[derive(Clone, Debug)]
#[must_use]
pub struct PipelineBuilder {
    tokenizer: TokenizerOptions,
    gazetteers: Vec<Arc<Gazetteer>>,
    default_gazetteer: bool,
    names: bool,
    quotes: bool,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            tokenizer: TokenizerOptions::default(),
            gazetteers: Vec::new(),
            default_gazetteer: true,
            names: true,
            quotes: true,
        }
    }
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

    /// Adds a gazetteer; each call adds one more. Its matches win over those of the
    /// default gazetteer on the same span. A shared `Arc<Gazetteer>` is used as it is,
    /// without a copy.
    ///
    /// ```
    /// use whosaid::{Entry, Gazetteer, Pipeline};
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let people = Gazetteer::builder()
    ///     .add_entry(Entry::new("Q4277", "Maria Zakharova", "PERSON"))
    ///     .build()?;
    /// let pipeline = Pipeline::builder().gazetteer(people).default_gazetteer(false).build()?;
    /// let doc = pipeline.analyze("Maria Zakharová said in Moscow.");
    /// // With the default gazetteer off, "Moscow" is unknown; after "in" it is taken for
    /// // a place, not a person's name, so it is not reported.
    /// let ids: Vec<_> = doc.entities.iter().map(|e| e.id.as_deref()).collect();
    /// assert_eq!(ids, [Some("Q4277")]);
    /// # Ok(()) }
    /// ```
    pub fn gazetteer(&mut self, gazetteer: impl Into<Arc<Gazetteer>>) -> &mut PipelineBuilder {
        self.gazetteers.push(gazetteer.into());
        self
    }

    /// Match with the embedded default gazetteer (countries, cities, organisations,
    /// news agencies...). Default: `true`.
    pub fn default_gazetteer(&mut self, yes: bool) -> &mut PipelineBuilder {
        self.default_gazetteer = yes;
        self
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

    /// Builds the pipeline.
    pub fn build(&self) -> Result<Pipeline> {
        let mut gazetteers: Vec<GazetteerRef> =
            self.gazetteers.iter().cloned().map(GazetteerRef::User).collect();
        if self.default_gazetteer {
            gazetteers.push(GazetteerRef::Default);
        }
        Ok(Pipeline {
            tokenizer: self.tokenizer.clone(),
            gazetteers,
            names: self.names,
            quotes: self.quotes,
        })
    }
}
