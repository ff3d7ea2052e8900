//! In-document coreference of names: "Sergei Lavrov", "Lavrov" and "Mr. Lavrov" form one
//! cluster whose canonical name is the longest mention, linked to a gazetteer id when one
//! of its mentions matched an entry.

use std::sync::Arc;

use crate::names::lexicon::{FxMap, Gender};
use crate::names::mentions::Shape;
use crate::span::Span;

/// People, organisations and places mentioned in one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cluster {
    /// The longest mention's span (its text is the canonical name unless `canonical` is set).
    pub longest: Span,
    /// Words in the longest mention.
    pub words: usize,
    /// The gazetteer's canonical name, when a mention matched an entry.
    pub canonical: Option<Arc<str>>,
    /// The gazetteer id.
    pub id: Option<Arc<str>>,
    /// The label: `PERSON`, `ORG`, or the gazetteer's.
    pub label: Option<Arc<str>>,
    /// Gender, from first names and honorifics.
    pub gender: Gender,
    /// What the names look like.
    pub shape: Option<Shape>,
}

/// What a gazetteer match tells of its entity: label, id, canonical name.
pub(crate) type Link = (Arc<str>, Option<Arc<str>>, Arc<str>);

/// One mention, as the clusterer needs it.
pub(crate) struct Item<'a> {
    pub span: Span,
    /// Its name words, first to last, in the original case.
    pub words: Vec<&'a str>,
    pub shape: Shape,
    pub gender: Gender,
    /// True for a single word whose name-ness is in doubt: it joins a cluster or none.
    pub doubtful: bool,
    pub gazetteer: Option<Link>,
}

/// Groups mentions into clusters, in text order.
#[derive(Default)]
pub(crate) struct Clusterer {
    pub clusters: Vec<Cluster>,
    by_last: FxMap<String, usize>,
    by_first: FxMap<String, usize>,
    by_full: FxMap<String, usize>,
}

impl Clusterer {
    /// The cluster of `item`, a new one when it names no one seen before; `None` for a
    /// doubtful word that matches no cluster.
    pub fn add(&mut self, item: &Item) -> Option<usize> {
        let full = item.words.join(" ").to_lowercase();
        let last = item.words.last()?.to_lowercase();
        let first = item.words.first()?.to_lowercase();
        let person = item.shape == Shape::Person;
        let found = self.by_full.get(&full).copied().or_else(|| {
            if !person {
                return None;
            }
            if item.words.len() == 1 {
                self.by_last.get(&last).or_else(|| self.by_first.get(&first)).copied()
            } else {
                // A full name joins a cluster of its surname alone ("Lavrov" before "Sergei Lavrov").
                self.by_last.get(&last).copied().filter(|&c| self.clusters[c].words == 1)
            }
        });
        if found.is_none() && item.doubtful {
            return None;
        }
        let c = found.unwrap_or_else(|| {
            self.clusters.push(Cluster::default());
            self.clusters.len() - 1
        });
        let cluster = &mut self.clusters[c];
        if item.words.len() > cluster.words {
            cluster.words = item.words.len();
            cluster.longest = item.span;
        }
        if cluster.gender == Gender::Unknown {
            cluster.gender = item.gender;
        }
        if cluster.shape.map_or(true, |s| s == Shape::Unknown) {
            cluster.shape = Some(item.shape);
        }
        if let Some((label, id, canonical)) = &item.gazetteer {
            if cluster.id.is_none() {
                cluster.id.clone_from(id);
                cluster.canonical = Some(canonical.clone());
                cluster.label = Some(label.clone());
            }
        }
        self.by_full.entry(full).or_insert(c);
        // A name of no known shape may still be a person's: "Sergei Lavrov", then "Lavrov".
        if item.shape != Shape::Org {
            self.by_last.entry(last).or_insert(c);
            if item.words.len() > 1 {
                self.by_first.entry(first).or_insert(c);
            }
        }
        Some(c)
    }
}
