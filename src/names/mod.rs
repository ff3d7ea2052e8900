//! Proper names that no gazetteer knows, their titles and roles, and in-document
//! coreference of names.
//!
//! [`find_names`] takes the tokens and the gazetteer's entity mentions and returns every
//! mention (gazetteer or name-shaped) with its cluster; [`Names::entities`] gives the
//! document's entity list, where a partial mention ("Lavrov") reports the canonical name
//! of its cluster ("Sergei Lavrov").

pub(crate) mod coref;
pub(crate) mod lexicon;
mod mentions;

use std::ops::Range;
use std::sync::Arc;

use crate::document::{static_arc, Entity, EntitySource, Sentence, Token};
use crate::span::Span;
use coref::{Clusterer, Item};
use lexicon::{Gender, Word};
use mentions::{names_in_sentences, places_in_names, role_before, NameMention, Shape, TokenView};

/// A mention of a cluster.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    /// Byte offsets of the name (without honorific or title).
    pub span: Span,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// The title or role before it, if any.
    pub role: Option<Span>,
    /// Index into [`Names::clusters`].
    pub cluster: usize,
    /// The gazetteer entity it came from (index into the gazetteer entities), if any.
    pub gazetteer: Option<usize>,
    /// Words in the name, to tell a partial mention ("Lavrov") from a full one.
    pub words: usize,
}

/// A resolved person, organisation or place of the document.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    /// Canonical name.
    pub canonical: Arc<str>,
    /// Gazetteer id.
    pub id: Option<Arc<str>>,
    /// `PERSON`, `ORG`, `GPE`, ...; `None` when the shape says nothing.
    pub label: Option<Arc<str>>,
    /// Gender, when known.
    pub gender: Gender,
    /// Words in the cluster's longest mention.
    pub words: usize,
}

/// The names of one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Clusters.
    pub clusters: Vec<Person>,
    /// For each token, the index of the mention it belongs to, or `u32::MAX`.
    pub token_mention: Vec<u32>,
    /// The gazetteer entities (indices, ascending) read as part of a person's name.
    pub read_as_names: Vec<usize>,
    /// The labels `PERSON` and `ORG`, shared by the document's clusters and speakers.
    pub person: Arc<str>,
    /// See `person`.
    pub org: Arc<str>,
}

const NONE: u32 = u32::MAX;

/// Finds the name mentions of a document and clusters them with the gazetteer's.
pub(crate) fn find_names(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    words: &[Word],
    gazetteer: &[Entity],
) -> Names {
    let view = TokenView { text, tokens, words };
    // Tokens covered by a gazetteer entity, and that entity.
    let mut owner = vec![NONE; tokens.len()];
    let mut gaz_ranges = Vec::with_capacity(gazetteer.len());
    for (g, e) in gazetteer.iter().enumerate() {
        let first = tokens.partition_point(|t| t.span.end <= e.span.start);
        // An entity runs a few tokens: counted from its first, not searched for.
        let rest = tokens.get(first..).unwrap_or_default();
        let last = first + rest.iter().take_while(|t| t.span.start < e.span.end).count();
        if first < last {
            gaz_ranges.push((g, first..last));
        }
    }
    // Places that are part of a person's name are left to the name finder.
    let read_as_names = places_in_names(
        &view,
        &gaz_ranges,
        |g| matches!(&*gazetteer[g].label, "GPE" | "LOC"),
        |g| &*gazetteer[g].label == "LOC",
    );
    gaz_ranges.retain(|(g, _)| read_as_names.binary_search(g).is_err());
    for (g, range) in &gaz_ranges {
        owner[range.clone()].iter_mut().for_each(|o| *o = *g as u32);
    }
    // "Ukrainian Foreign Minister", "Turkey's President": a nationality or a place the
    // gazetteer matched, possessive included, opens the role (its tokens, before the
    // name's first).
    let widen_role = |role: Range<usize>| {
        let r = Span::new(tokens.get(role.start)?.span.start, tokens.get(role.end - 1)?.span.end);
        let Some(last) = role.start.checked_sub(1) else { return Some(r) };
        let place = if tokens[last].joined && last > 0 { last - 1 } else { last };
        let adjacent = tokens[last].span.end + 1 >= r.start;
        Some(match owner.get(place).and_then(|&g| gazetteer.get(g as usize)) {
            Some(e)
                if matches!(&*e.label, "NORP" | "GPE")
                    && adjacent
                    && e.span.end == tokens[place].span.end =>
            {
                Span::new(e.span.start, r.end)
            }
            _ => r,
        })
    };
    // About one name in twenty tokens of news: room for one in twelve, and the
    // gazetteer's. `collect` turns the clusters' buffer into the people's: room for a
    // whole number of people in it spares a reallocation then (and as it grows).
    let mut room = tokens.len() / 12 + gaz_ranges.len();
    while !(room * size_of::<coref::Cluster>()).is_multiple_of(size_of::<Person>()) {
        room += 1;
    }
    let mut clusterer = Clusterer::with_capacity(room);
    let mut mentions = Vec::with_capacity(room);
    // Gazetteer and name mentions are clustered together, in text order: the gazetteer's
    // before a name (from `next`, up to token `upto`), as the name finder hands each on.
    let gazetteer_before =
        |upto: usize, next: &mut usize, clusterer: &mut Clusterer, mentions: &mut Vec<Mention>| {
            while let Some((entity, range)) = gaz_ranges.get(*next).filter(|(_, r)| r.start < upto)
            {
                *next += 1;
                let e = &gazetteer[*entity];
                let person = &*e.label == "PERSON";
                let item = Item {
                    span: e.span,
                    name: name_text(&view, range.clone()),
                    shape: if person { Shape::Person } else { Shape::Unknown },
                    gender: view.words[range.clone()]
                        .iter()
                        .find_map(|w| w.is(lexicon::class::FIRST_NAME).then_some(w.gender))
                        .unwrap_or_default(),
                    doubtful: false,
                    gazetteer: Some((&e.label, &e.id, &e.canonical)),
                };
                // A person the gazetteer knows has a role before the name all the same (its
                // sentence is looked up for people only: most entities are places).
                let role = if person {
                    let sentence = sentences.partition_point(|s| s.tokens.end <= range.start);
                    let sentence_start = sentences.get(sentence).map_or(0, |s| s.tokens.start);
                    role_before(&view, range.start, sentence_start).map(|first| first..range.start)
                } else {
                    None
                };
                let role = role.and_then(widen_role);
                add_mention(clusterer, mentions, &item, range.clone(), role, Some(*entity));
            }
        };
    let mut next = 0;
    names_in_sentences(&view, sentences, |i| owner[i] != NONE, &mut |name: NameMention| {
        // Tested here, so that a name with no gazetteer entity left before it makes no call.
        if gaz_ranges.get(next).is_some_and(|(_, r)| r.start < name.tokens.start) {
            gazetteer_before(name.tokens.start, &mut next, &mut clusterer, &mut mentions);
        }
        let item = Item {
            span: name.span,
            // A name's span runs from its first token to its last.
            name: text.get(name.span.start..name.span.end).unwrap_or(""),
            shape: name.shape,
            gender: name.gender,
            doubtful: name.doubtful,
            gazetteer: None,
        };
        // Most names have no role: the test is made here, not in a call.
        let role = match name.role {
            Some(role) => widen_role(role),
            None => None,
        };
        add_mention(&mut clusterer, &mut mentions, &item, name.tokens, role, None);
    });
    gazetteer_before(usize::MAX, &mut next, &mut clusterer, &mut mentions);
    // The gazetteer's token owners are read no more: their buffer is reused, cleared
    // where they were set.
    let mut token_mention = owner;
    for (_, range) in &gaz_ranges {
        owner_set(&mut token_mention, range, NONE);
    }
    for (m, mention) in mentions.iter().enumerate() {
        owner_set(&mut token_mention, &mention.tokens, m as u32);
    }
    // The labels from a name's shape, shared by every cluster (and every document of
    // the thread).
    let (person, org) = (static_arc("PERSON"), static_arc("ORG"));
    let clusters = clusterer
        .clusters
        .into_iter()
        .map(|c| Person {
            canonical: c
                .canonical
                .unwrap_or_else(|| text.get(c.longest.start..c.longest.end).unwrap_or("").into()),
            id: c.id,
            label: c.label.or_else(|| match c.shape {
                Some(Shape::Person) => Some(person.clone()),
                Some(Shape::Org) => Some(org.clone()),
                _ => None,
            }),
            gender: c.gender,
            words: c.words,
        })
        .collect();
    Names { mentions, clusters, token_mention, read_as_names, person, org }
}

/// Adds a mention to its cluster and, unless the clusterer drops it, to `mentions`.
#[inline(always)]
fn add_mention(
    clusterer: &mut Clusterer,
    mentions: &mut Vec<Mention>,
    item: &Item,
    tokens: Range<usize>,
    role: Option<Span>,
    gazetteer: Option<usize>,
) {
    if let Some((cluster, words)) = clusterer.add(item) {
        mentions.push(Mention { span: item.span, tokens, role, cluster, gazetteer, words });
    }
}

fn owner_set(owner: &mut [u32], range: &Range<usize>, value: u32) {
    if let Some(slots) = owner.get_mut(range.clone()) {
        slots.iter_mut().for_each(|o| *o = value);
    }
}

/// The text of a name, from its first token to its last.
fn name_text<'a>(view: &TokenView<'a>, range: Range<usize>) -> &'a str {
    let (Some(first), Some(last)) =
        (view.tokens.get(range.start), range.end.checked_sub(1).and_then(|l| view.tokens.get(l)))
    else {
        return "";
    };
    view.text.get(first.span.start..last.span.end).unwrap_or("")
}

impl Names {
    /// The mention that token `i` belongs to.
    pub fn mention_at(&self, i: usize) -> Option<&Mention> {
        let m = *self.token_mention.get(i)?;
        self.mentions.get(m as usize)
    }

    /// True when `m` is shorter than its cluster's longest mention ("Lavrov" of "Sergei
    /// Lavrov"); counted in words, so "Zakharová" spelled with a diacritic the canonical
    /// name lacks is no partial mention.
    pub fn is_partial(&self, m: &Mention) -> bool {
        self.clusters.get(m.cluster).is_some_and(|c| m.words < c.words)
    }

    /// Marks the clusters that speak in `quotes` as people, when their shape said nothing.
    pub fn mark_speakers(&mut self, tokens: &[Token], quotes: &[crate::document::Quote]) {
        for q in quotes {
            let Some(s) = &q.speaker else { continue };
            let i = tokens.partition_point(|t| t.span.start < s.mention.start);
            let Some(m) = self.mention_at(i).filter(|m| m.span == s.mention) else { continue };
            let c = m.cluster;
            let label = &self.person;
            let person = &mut self.clusters[c];
            if person.label.is_none() {
                person.label = Some(label.clone());
            }
        }
    }

    /// The document's entities: the gazetteer's, then the names that have a label,
    /// merged in start order, without the places read as part of a name.
    pub fn entities(&self, mut gazetteer: Vec<Entity>) -> Vec<Entity> {
        if !self.read_as_names.is_empty() {
            let mut g = 0;
            gazetteer.retain(|_| {
                g += 1;
                self.read_as_names.binary_search(&(g - 1)).is_err()
            });
        }
        // The names' mentions, of clusters with a label: made entities as they are merged,
        // not gathered first.
        let mut names: Vec<&Mention> = Vec::with_capacity(self.mentions.len());
        names.extend(
            self.mentions
                .iter()
                .filter(|m| m.gazetteer.is_none() && self.clusters[m.cluster].label.is_some()),
        );
        // Both lists come in order already (sorting is a fallback): merged, a gazetteer
        // entity goes first on the same span, as a stable sort of both would put it.
        let key = |s: Span| (s.start, std::cmp::Reverse(s.end));
        if !gazetteer.windows(2).all(|w| key(w[0].span) <= key(w[1].span)) {
            gazetteer.sort_by_key(|e| key(e.span));
        }
        if !names.windows(2).all(|w| key(w[0].span) <= key(w[1].span)) {
            names.sort_by_key(|m| key(m.span));
        }
        let mut out = Vec::with_capacity(gazetteer.len() + names.len());
        let mut names = names.into_iter().peekable();
        for g in gazetteer {
            while let Some(m) = names.next_if(|m| key(m.span) < key(g.span)) {
                out.push(self.name_entity(m));
            }
            out.push(g);
        }
        out.extend(names.map(|m| self.name_entity(m)));
        out
    }

    /// The entity of a name mention, of a cluster with a label. A name with fewer words
    /// than its cluster's longest, or of a cluster with an id, is a `coref` mention.
    fn name_entity(&self, m: &Mention) -> Entity {
        let c = &self.clusters[m.cluster];
        let source = if self.is_partial(m) || c.id.is_some() {
            EntitySource::Coref
        } else {
            EntitySource::Name
        };
        Entity {
            span: m.span,
            // (Only mentions of labelled clusters are asked for.)
            label: c.label.clone().unwrap_or_else(|| self.person.clone()),
            id: c.id.clone(),
            canonical: c.canonical.clone(),
            source,
            candidates: Vec::new(),
        }
    }
}
