//! Proper-name mentions from the shape of the text: runs of capitalized words, with name
//! particles and hyphens inside, titles and roles split off the front, organisation
//! words at the end.

use std::ops::Range;

use crate::document::{Sentence, Token, TokenKind};
use crate::names::lexicon::{class, Gender, Word};
use crate::span::Span;

/// The longest name kept, in words; longer capitalized runs are headlines or titles.
const MAX_NAME_WORDS: usize = 4;

/// Classes of words that are not names even when capitalized.
const NEVER_NAME: u32 = class::NOT_NAME
    | class::TIME
    | class::DET
    | class::PREP
    | class::CONJ
    | class::AUX
    | class::PRON
    | class::REL
    | class::ADV
    | class::NOMINAL;

/// What a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A person: has a first name, an honorific or a title, or is a lone surname-like word.
    Person,
    /// Ends with an organisation word: "Foreign Ministry", "Acme Inc.".
    Org,
    /// Capitalized words of no known shape ("Morning Consult").
    Unknown,
}

/// A name found from its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameMention {
    /// The name's tokens (no honorific or title).
    pub tokens: Range<usize>,
    /// Byte offsets of the name.
    pub span: Span,
    /// The tokens of the title or role before it ("Foreign Minister", "Mr."), if any.
    pub role: Option<Range<usize>>,
    /// Its shape.
    pub shape: Shape,
    /// Gender from the first name or the honorific.
    pub gender: Gender,
    /// True when it opens its sentence and is one word that is not a first name: such a
    /// word is a name only if it repeats an earlier one ("Caddell continued.").
    pub doubtful: bool,
}

/// Per-token facts the name finder needs.
pub(crate) struct TokenView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub words: &'a [Word],
}

impl TokenView<'_> {
    /// The bytes of token `i` (compared with words, they need no char boundary checks).
    pub fn bytes(&self, i: usize) -> &[u8] {
        let text = self.text.as_bytes();
        self.tokens.get(i).and_then(|t| text.get(t.span.start..t.span.end)).unwrap_or_default()
    }

    /// A word token starting with a capital letter, not a clitic.
    pub fn is_capitalized(&self, i: usize) -> bool {
        // Only word tokens have lexicon flags.
        self.words.get(i).is_some_and(|w| w.is(class::CAPITAL))
            && self.tokens.get(i).is_some_and(|t| !t.joined)
    }

    /// A capitalized first name that is no other kind of word ("Jim", not "May" or "Will").
    fn is_first_name(&self, i: usize) -> bool {
        self.is_capitalized(i)
            && self.words[i].is(class::FIRST_NAME)
            && !self.words[i].is(NEVER_NAME)
    }

    /// True when no white space separates tokens `i` and `i + 1`.
    fn touches_next(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }
}

/// The gazetteer entities among `found` (entity index and tokens, in text order) that
/// are part of a person's name, ascending: a one-word place right after a first name,
/// with a space between ("Jim Jordan"), and that first name when the gazetteer has it as
/// a town or country too ("Elizabeth Warren": both are towns) unless a capitalized word
/// follows ("George Washington Bridge"); a one-word place right after an honorific or a
/// capitalized title ("Sen. Warren", "President Lincoln"); and, where such a name ends
/// at the place, the same word, written the same, elsewhere in the text ("Warren
/// said"), but after a preposition ("to Washington"). A place after any other word ("in
/// Jordan") or after a region ("Asia Pacific") stays a place.
pub(crate) fn places_in_names(
    view: &TokenView,
    found: &[(usize, Range<usize>)],
    is_place: impl Fn(usize) -> bool,
    is_region: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let one_place = |(g, range): &(usize, Range<usize>)| range.len() == 1 && is_place(*g);
    let mut in_names = Vec::new();
    // The tokens of the places read as surnames.
    let mut surnames = Vec::new();
    for (k, entity) in found.iter().enumerate() {
        let i = entity.1.start;
        if !one_place(entity) || i == 0 {
            continue;
        }
        let before = view.words.get(i - 1).copied().unwrap_or_default();
        let title =
            before.is(class::HONORIFIC) || view.is_capitalized(i - 1) && before.is(class::ROLE);
        // The name ends at the place ("Ronald Reagan Washington National Airport"
        // gives no surname).
        let ends = !view.is_capitalized(i + 1);
        if title && !before.is(class::FIRST_NAME) {
            in_names.push(entity.0);
            surnames.extend(ends.then_some(i));
            continue;
        }
        if !view.is_first_name(i - 1) {
            continue;
        }
        let spaced = view.tokens[i - 1].span.end + 1 == view.tokens[i].span.start
            && view.text.as_bytes().get(view.tokens[i].span.start - 1) == Some(&b' ');
        if !spaced {
            continue;
        }
        // The first name is free, or a one-word town or country of its own when no
        // capitalized word follows the pair ("George Washington Bridge" names no person).
        if let Some(before) = k.checked_sub(1).map(|p| &found[p]).filter(|b| b.1.end == i) {
            if !one_place(before) || is_region(before.0) || view.is_capitalized(i + 1) {
                continue;
            }
            in_names.push(before.0);
        }
        in_names.push(entity.0);
        surnames.extend(ends.then_some(i));
    }
    if !surnames.is_empty() {
        for entity in found {
            let i = entity.1.start;
            let surname = || surnames.iter().any(|&s| view.bytes(s) == view.bytes(i));
            let after_prep = i > 0 && view.words.get(i - 1).is_some_and(|w| w.is(class::PREP));
            if one_place(entity) && !after_prep && surname() {
                in_names.push(entity.0);
            }
        }
        in_names.sort_unstable();
        in_names.dedup();
    }
    in_names
}

/// Finds the name mentions of each sentence (in one call: a call per sentence cost as
/// much as its scan) and hands each to `out`, in text order; `taken` tells which tokens
/// already belong to a gazetteer entity.
pub(crate) fn names_in_sentences(
    view: &TokenView,
    sentences: &[Sentence],
    taken: impl Fn(usize) -> bool,
    out: &mut impl FnMut(NameMention),
) {
    let n = view.tokens.len().min(view.words.len());
    for s in sentences {
        let range = s.tokens.start.min(n)..s.tokens.end.min(n);
        // Most tokens are lower case: passed over on their flags alone, from a slice of
        // the sentence's words, so that the loop checks no other bound.
        let words = view.words.get(range.clone()).unwrap_or_default();
        let mut k = 0;
        while k < words.len() {
            if !words[k].is(class::CAPITAL) {
                k += 1;
                continue;
            }
            let i = range.start + k;
            if view.tokens[i].joined || taken(i) {
                k += 1;
                continue;
            }
            let mut end = i + 1;
            while end < range.end && !taken(end) {
                if view.is_capitalized(end) {
                    end += 1;
                } else if let Some(n) = continues_name(view, end, range.end) {
                    end += n;
                } else {
                    break;
                }
            }
            // A lone capitalized word that is never a name or is a title ("The", "But",
            // "President") opens no name: passed over without splitting its run.
            let w = words[k];
            let lone = end == i + 1
                && w.is(NEVER_NAME | class::HONORIFIC | class::ROLE)
                && !w.is(class::FIRST_NAME);
            if !lone {
                split_run(view, i..end, range.start, out);
            }
            k = end - range.start;
        }
    }
}

/// How many tokens from `i` join the capitalized words around it into one name: a
/// particle ("de", "van", "bin") or a hyphen ("O'Neill-Baptiste") before a capital, or
/// both ("al-Assad").
fn continues_name(view: &TokenView, i: usize, end: usize) -> Option<usize> {
    let hyphen = |k: usize| {
        matches!(view.bytes(k), b"-" | b"\xe2\x80\x90")
            && view.touches_next(k - 1)
            && view.touches_next(k)
    };
    let capital = |k: usize| k < end && view.is_capitalized(k);
    if capital(i + 1) && (hyphen(i) || view.words[i].is(class::PARTICLE)) {
        return Some(2);
    }
    // "al-Assad", "bin-Talal"
    (view.words[i].is(class::PARTICLE) && i + 2 < end && hyphen(i + 1) && capital(i + 2))
        .then_some(3)
}

/// Splits a capitalized run into a role and a name and gives the name its shape.
fn split_run(
    view: &TokenView,
    run: Range<usize>,
    sentence_start: usize,
    out: &mut impl FnMut(NameMention),
) {
    let words = &view.words[run.clone()];
    // The name starts after the last title, honorific or role word of the run.
    let last_role = words
        .iter()
        .rposition(|w| w.is(class::HONORIFIC | class::ROLE) && !w.is(class::FIRST_NAME));
    let ends_org = words.last().is_some_and(|w| w.is(class::ORG)) && run.len() > 1;
    if ends_org {
        let start = run.start + words.iter().take_while(|w| w.is(class::DET)).count();
        push(view, start..run.end, None, Shape::Org, Gender::Unknown, false, out);
        return;
    }
    let mut start = last_role.map_or(run.start, |k| run.start + k + 1);
    // Leading words that are never names ("The", "But", "Democratic") are not part of it.
    while start < run.end
        && view.words[start].is(NEVER_NAME)
        && !view.words[start].is(class::FIRST_NAME)
    {
        start += 1;
    }
    if start >= run.end {
        return;
    }
    let honorific = last_role.and_then(|k| {
        let w = view.words[run.start + k];
        w.is(class::HONORIFIC).then_some(w.gender)
    });
    let first = view.words[start];
    let has_first = first.is(class::FIRST_NAME) && start + 1 < run.end;
    let gender = match honorific {
        Some(g) if g != Gender::Unknown => g,
        _ if has_first => first.gender,
        _ => Gender::Unknown,
    };
    let mut end = run.end;
    let n_words = (start..end).filter(|&i| view.is_capitalized(i)).count();
    if n_words > MAX_NAME_WORDS {
        if !has_first {
            return;
        }
        end = start + MAX_NAME_WORDS;
    }
    if view.words[start..end].iter().all(|w| w.is(class::TIME)) {
        return;
    }
    let role = match last_role {
        Some(k) => Some(run.start..run.start + k + 1),
        None => role_before(view, run.start, sentence_start).map(|first| first..run.start),
    };
    // A token holds no white space, so one token is one word (most names found).
    let one_word = end - start == 1
        || view.text.get(view.tokens[start].span.start..view.tokens[end - 1].span.end).is_some_and(
            |t| match t.is_ascii() {
                true => !t.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' ')),
                false => !t.contains(char::is_whitespace),
            },
        );
    let particle = view.words[start..end].iter().any(|w| w.is(class::PARTICLE));
    // A lone word after "the" ("the West", "the Institute") names no person, nor one
    // after a preposition of place ("in Moscow", "from Kyiv").
    let after_the = || {
        let before = if start > 0 { view.bytes(start - 1) } else { b"" };
        ["the", "in", "at", "from", "near", "across", "outside", "inside", "into"]
            .iter()
            .any(|w| before.eq_ignore_ascii_case(w.as_bytes()))
    };
    if one_word && !has_first && honorific.is_none() && (first.is(class::ORG) || after_the()) {
        return;
    }
    let shape = if has_first || honorific.is_some() || role.is_some() || one_word || particle {
        Shape::Person
    } else {
        Shape::Unknown
    };
    // A lone capitalized word opening a sentence (or a quotation) is a name only if it
    // repeats one, or if a reporting verb follows it ("Smith asked.").
    let opens = start == sentence_start
        || !view.tokens.get(start - 1).is_some_and(|t| t.kind == TokenKind::Word);
    let before_cue = view.words.get(end).is_some_and(|w| w.is(class::CUE));
    let doubtful =
        opens && start == run.start && one_word && !first.is(class::FIRST_NAME) && !before_cue;
    push(view, start..end, role, shape, gender, doubtful, out);
}

/// The first token of a lower-case role right before a name, with the capitalized words
/// before it: "Russian Foreign Ministry spokesperson" before "Maria Zakharova".
pub(crate) fn role_before(
    view: &TokenView,
    name_start: usize,
    sentence_start: usize,
) -> Option<usize> {
    let is_role = |i: usize| view.words[i].is(class::ROLE);
    if name_start == sentence_start || !is_role(name_start - 1) {
        return None;
    }
    let mut first = name_start - 1;
    while first > sentence_start && name_start - first < 6 {
        let j = first - 1;
        let joined = view.tokens[first].joined;
        if is_role(j) || view.is_capitalized(j) || joined {
            first = j;
        } else {
            break;
        }
    }
    Some(first)
}

fn push(
    view: &TokenView,
    tokens: Range<usize>,
    role: Option<Range<usize>>,
    shape: Shape,
    gender: Gender,
    doubtful: bool,
    out: &mut impl FnMut(NameMention),
) {
    let span =
        Span::new(view.tokens[tokens.start].span.start, view.tokens[tokens.end - 1].span.end);
    out(NameMention { tokens, span, role, shape, gender, doubtful });
}
