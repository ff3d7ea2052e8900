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
    /// The name as written; its words are split at white space ("O'Neill-Baptiste" is one).
    pub name: &'a str,
    pub shape: Shape,
    pub gender: Gender,
    /// True for a single word whose name-ness is in doubt: it joins a cluster or none.
    pub doubtful: bool,
    pub gazetteer: Option<Link>,
}

impl Item<'_> {
    /// Words in the name.
    pub fn words(&self) -> usize {
        self.name.split_whitespace().count()
    }
}

/// Groups mentions into clusters, in text order.
#[derive(Default)]
pub(crate) struct Clusterer {
    pub clusters: Vec<Cluster>,
    by_last: FxMap<String, usize>,
    by_first: FxMap<String, usize>,
    by_full: FxMap<String, usize>,
    /// The mention being added, lower case, its words joined by spaces: kept to reuse
    /// its allocation.
    scratch: String,
}

impl Clusterer {
    /// A clusterer for up to `mentions` mentions: its maps never grow.
    pub fn with_capacity(mentions: usize) -> Clusterer {
        let map = || FxMap::with_capacity_and_hasher(mentions, Default::default());
        Clusterer {
            clusters: Vec::with_capacity(mentions),
            by_last: map(),
            by_first: map(),
            by_full: map(),
            scratch: String::new(),
        }
    }

    /// The cluster of `item`, a new one when it names no one seen before; `None` for a
    /// doubtful word that matches no cluster.
    pub fn add(&mut self, item: &Item) -> Option<usize> {
        // The lower-case name is built in a reused buffer; the first and last words are
        // its ends.
        let mut full = std::mem::take(&mut self.scratch);
        full.clear();
        let (mut first_end, mut last_start, mut words) = (0, 0, 0);
        for w in item.name.split_whitespace() {
            if words > 0 {
                full.push(' ');
            }
            last_start = full.len();
            if w.is_ascii() {
                full.push_str(w);
                full[last_start..].make_ascii_lowercase();
            } else {
                full.push_str(&w.to_lowercase());
            }
            if words == 0 {
                first_end = full.len();
            }
            words += 1;
        }
        if words == 0 {
            self.scratch = full;
            return None;
        }
        let (first, last) = (&full[..first_end], &full[last_start..]);
        let found = self.find(item, words, first, last, &full);
        let c = self.join(item, words, found);
        if let Some(c) = c {
            insert_new(&mut self.by_full, &full, c);
            // A name of no known shape may still be a person's: "Sergei Lavrov", then "Lavrov".
            if item.shape != Shape::Org {
                insert_new(&mut self.by_last, last, c);
                if words > 1 {
                    insert_new(&mut self.by_first, first, c);
                }
            }
        }
        self.scratch = full;
        c
    }

    /// The cluster a mention of these lower-case words joins, if any.
    fn find(
        &self,
        item: &Item,
        words: usize,
        first: &str,
        last: &str,
        full: &str,
    ) -> Option<usize> {
        self.by_full.get(full).copied().or_else(|| {
            if item.shape != Shape::Person {
                return None;
            }
            if words == 1 {
                self.by_last.get(last).or_else(|| self.by_first.get(first)).copied()
            } else {
                // A full name joins a cluster of its surname alone ("Lavrov" before "Sergei Lavrov").
                self.by_last.get(last).copied().filter(|&c| self.clusters[c].words == 1)
            }
        })
    }

    /// Adds `item` to cluster `found`, or to a new one; `None` for a doubtful word that
    /// matches no cluster.
    fn join(&mut self, item: &Item, words: usize, found: Option<usize>) -> Option<usize> {
        if found.is_none() && item.doubtful {
            return None;
        }
        let c = found.unwrap_or_else(|| {
            self.clusters.push(Cluster::default());
            self.clusters.len() - 1
        });
        let cluster = &mut self.clusters[c];
        if words > cluster.words {
            cluster.words = words;
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
        Some(c)
    }
}

/// Maps `key` to `c` unless it is mapped already; the key is copied only when new.
fn insert_new(map: &mut FxMap<String, usize>, key: &str, c: usize) {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), c);
    }
}
