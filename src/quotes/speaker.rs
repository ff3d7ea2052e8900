//! Finding the speaker's words next to a cue ("Lavrov said", "said Mr. Patel, the
//! company's chief executive", "she said", "a spokesman for the ministry said") and
//! resolving them to a person.

use std::sync::Arc;

use crate::document::{Speaker, TokenKind, Via};
use crate::names::lexicon::{class, Gender};
use crate::quotes::context::Ctx;
use crate::quotes::cues::Form;
use crate::span::Span;

/// The longest noun phrase taken as a speaker, in tokens.
const MAX_NP: usize = 8;
/// Appositions read before a subject's last one ("Vian, the editor, L'Osservatore
/// Romano, said").
const MAX_APPOSITIONS: usize = 2;
/// The longest apposition after a name ("the company's chief executive"), in tokens.
const MAX_APPOSITION: usize = 30;
/// How far before a quotation a later mention of its inherited speaker is looked for.
const MAX_NEAREST: usize = 60;

/// What kind of words name the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NpKind {
    /// A name mention (index into the document's mentions).
    Name(usize),
    /// A personal pronoun.
    Pronoun(Gender),
    /// "who" or "which" after a name: the name is the antecedent.
    Relative(Option<usize>),
    /// A common noun phrase: "a spokesman", "the report", "officials".
    Nominal,
}

/// The speaker's words in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Np {
    /// Byte offsets of the words.
    pub span: Span,
    /// First and last token.
    pub first: usize,
    pub last: usize,
    pub kind: NpKind,
    /// A title, role or apposition.
    pub role: Option<Span>,
}

/// The personal pronoun at token `j` ("he", "they") as a speaker phrase, if it is one.
fn pronoun_at(ctx: &Ctx, j: usize) -> Option<Np> {
    pronoun_of(ctx, j, class::PRON)
}

/// The pronoun at token `j` as a speaker phrase when the lexicon gives it one of
/// `classes`: a subject ("he"), or an object or owner ("her", "his").
pub(crate) fn pronoun_of(ctx: &Ctx, j: usize, classes: u32) -> Option<Np> {
    let w = ctx.word(j);
    (w.is(classes) && ctx.is_word(j)).then(|| Np {
        span: ctx.tokens[j].span,
        first: j,
        last: j,
        kind: NpKind::Pronoun(w.gender),
        role: None,
    })
}

/// The subject right before token `v` (a cue verb), not before token `floor`.
/// Adverbs and auxiliaries between them are skipped: "Lavrov has also said".
pub(crate) fn subject_before(ctx: &Ctx, v: usize, floor: usize) -> Option<Np> {
    subject_past_phrases(ctx, v, floor, MAX_PHRASES)
}

/// How many phrases of place or time in a row a subject is looked for past.
const MAX_PHRASES: usize = 2;

/// [`subject_before`], looking past at most `phrases` phrases of place or time ("Beck
/// has in the past described"): a bound, so a sentence of a million "in the town" is
/// no million nested calls.
fn subject_past_phrases(ctx: &Ctx, v: usize, floor: usize, phrases: usize) -> Option<Np> {
    if let Some(verb) = verb_before_to(ctx, v, floor) {
        return subject_before(ctx, verb, floor);
    }
    let mut j = v.checked_sub(1)?;
    if is_passive(ctx, v, floor) {
        return None;
    }
    let mut auxiliary = false;
    loop {
        let adverb =
            ctx.is(j, class::ADV) || crate::quotes::subject::adverb(ctx, j) || ctx.eq(j, "however");
        if j >= floor && j > 0 && (adverb || ctx.is(j, class::AUX)) && !ctx.tokens[j].joined {
            auxiliary |= ctx.is(j, class::AUX);
            j -= 1;
        } else if j > floor + 1 && ctx.is(j, class::TIME) {
            // "on Friday declared", "last month charged", "two weeks ago said"
            j -= 1;
            while j > floor + 1
                && (ctx.is(j, class::PREP | class::DET | class::TIME)
                    || ctx.eq(j, "last")
                    || ctx.tokens[j].kind == crate::document::TokenKind::Number)
            {
                j -= 1;
            }
        } else {
            break;
        }
    }
    if j < floor {
        return None;
    }
    let np = if ctx.is_punct(j, &[","]) {
        apposed_subject(ctx, j, floor, MAX_APPOSITIONS)?
    } else if ctx.is_punct(j, &[")"]) {
        // "Rep. Elijah Cummings (D-Md.) said": the parenthesis is skipped.
        let lowest = j.saturating_sub(8).max(floor);
        let open = (lowest..j).rev().find(|&k| ctx.is_punct(k, &["("]))?;
        np_ending_at(ctx, open.checked_sub(1).filter(|&k| k >= floor)?, floor)?
    } else {
        np_ending_at(ctx, j, floor)?
    };
    // A bare verb ("say") needs a plural subject or an auxiliary: "they say", "will say";
    // "a controversial comment" is no cue.
    let bare = ctx.cue(v).is_some_and(|c| c.form == Form::Base);
    if bare && !auxiliary && !plural(ctx, &np) {
        return None;
    }
    let np = of_phrases(ctx, np, floor);
    // "In a message posted Friday", "Protesters marching through the streets chanted": a
    // noun after a preposition is its object; the subject, if any, stands before it,
    // past any auxiliary ("Beck has in the past described"). "Nine in 10 voters say" is
    // no such phrase.
    let counted = np.last > np.first && ctx.tokens[np.first].kind == TokenKind::Number;
    // Every place preposition but "throughout" is a preposition to the lexicon: its
    // flag answers for most words at once.
    let place = |p: usize| {
        p >= floor
            && (ctx.is(p, class::PREP) || ctx.eq(p, "throughout"))
            && ctx.eq_any(p, &PLACE_PREPOSITIONS)
    };
    match np.first.checked_sub(1).filter(|&p| place(p) && !counted) {
        // A phrase opening the clause has no subject before it.
        Some(p) if p == floor => None,
        Some(p) if phrases > 0 => subject_past_phrases(ctx, p, floor, phrases - 1).or(Some(np)),
        Some(p) => np_ending_at(ctx, p - 1, floor).or(Some(np)),
        None => Some(np),
    }
}

/// "Bryne went on to say", "Trump was prompted to say": the verb before the "to" of a
/// bare cue at `v`, whose subject is the cue's ("refused to say" reports nothing).
fn verb_before_to(ctx: &Ctx, v: usize, floor: usize) -> Option<usize> {
    let bare = ctx.cue(v).is_some_and(|c| c.form == Form::Base);
    if !bare || v < floor + 3 || !ctx.eq(v - 1, "to") {
        return None;
    }
    let verb = if ctx.eq(v - 2, "on") { v - 3 } else { v - 2 };
    let refused = ctx.cue(verb).is_some_and(|c| matches!(c.lemma, "refuse" | "decline"));
    let past = ctx.lower_case(verb) && (ctx.str(verb).ends_with("ed") || ctx.eq(verb, "went"));
    (verb > floor && past && !refused).then_some(verb)
}

/// Prepositions of place and time, whose object is never a subject: "in a message
/// posted Friday", "marching through the streets".
const PLACE_PREPOSITIONS: [&str; 18] = [
    "in",
    "on",
    "at",
    "through",
    "into",
    "during",
    "under",
    "over",
    "across",
    "near",
    "inside",
    "outside",
    "within",
    "throughout",
    "behind",
    "around",
    "along",
    "amid",
];

/// Prepositions after a speaker's noun: "a spokesman for", "Mr. Morgan of"; each a
/// preposition to the lexicon.
const OF_PHRASE: [&str; 6] = ["of", "for", "at", "from", "in", "with"];

/// Forms of "be" before a passive participle; each an auxiliary to the lexicon.
const BE_PASSIVE: [&str; 7] = ["is", "are", "was", "were", "be", "been", "being"];

/// True when the subject takes a plural verb: "they", "we", "I", "officials".
fn plural(ctx: &Ctx, np: &Np) -> bool {
    match np.kind {
        NpKind::Pronoun(g) => !matches!(g, Gender::Male | Gender::Female | Gender::Neuter),
        NpKind::Nominal => ctx.str(np.last).ends_with('s'),
        NpKind::Relative(_) => true,
        // "Clinton and Kaine say"
        NpKind::Name(_) => np.first > 0 && ctx.eq(np.first - 1, "and"),
    }
}

/// "Protesters in the streets", "A spokesman for the ministry", "Mr. Morgan of the
/// Sierra Club": the speaker is the phrase before the preposition.
/// Inlined for its first tests, which most phrases fail.
#[inline(always)]
fn of_phrase(ctx: &Ctx, np: Np, floor: usize) -> Np {
    let Some(mut p) = np.first.checked_sub(1).filter(|&p| p > floor) else { return np };
    if ctx.is(p, class::DET) && p > floor + 1 {
        p -= 1;
    }
    if !(ctx.is(p, class::PREP) && ctx.eq_any(p, &OF_PHRASE)) {
        return np;
    }
    owner_of_phrase(ctx, np, p, floor)
}

/// [`of_phrase`] two prepositions deep: "the editor in chief of the newspaper", "Jeffrey
/// Lewis of the James Martin Center for Nonproliferation Studies". (A phrase the first
/// step leaves where it starts, the second would leave too.)
fn of_phrases(ctx: &Ctx, np: Np, floor: usize) -> Np {
    let inner = of_phrase(ctx, np, floor);
    if inner.first == np.first {
        inner
    } else {
        of_phrase(ctx, inner, floor)
    }
}

/// [`of_phrase`] once token `p` is one of [`OF_PHRASE`].
fn owner_of_phrase(ctx: &Ctx, np: Np, p: usize, floor: usize) -> Np {
    match np_ending_at(ctx, p - 1, floor) {
        Some(left) if matches!(left.kind, NpKind::Name(_) | NpKind::Nominal) => {
            Np { span: left.span.cover(np.span), role: left.role.or(np.role), ..left }
        }
        _ => np,
    }
}

/// True when the cue at `v` is a passive ("was asked", "is expected"): the words before
/// it are not its speaker.
#[inline(always)]
pub(crate) fn is_passive(ctx: &Ctx, v: usize, floor: usize) -> bool {
    // "are worried that ...": an adjective, whose subject worries.
    if !ctx.cue(v).is_some_and(|c| c.form == Form::Past && c.lemma != "worry") || v <= floor {
        return false;
    }
    let be = |k: usize| ctx.is(k, class::AUX) && ctx.eq_any(k, &BE_PASSIVE);
    // "is widely supported": an adverb may stand between.
    be(v - 1)
        || v > floor + 1
            && ctx.is(v - 2, class::AUX)
            && crate::quotes::subject::adverb(ctx, v - 1)
            && be(v - 2)
}

/// "Patel, the company's chief executive, said": the subject before the apposition that
/// ends with the comma at `comma`.
/// `depth` bounds how many appositions before it are read.
fn apposed_subject(ctx: &Ctx, comma: usize, floor: usize, depth: usize) -> Option<Np> {
    let lowest = comma.saturating_sub(MAX_APPOSITION).max(floor);
    let mut open = (lowest..comma).rev().find(|&k| ctx.is_punct(k, &[","]))?;
    // "Cory James, 22, of Flint, Mich., said", "Clinton, during a town hall in Columbus,
    // Ohio, said": a place and its state are one apposition.
    let state = comma - open <= 3
        && open > lowest
        && ctx.capitalized(open - 1)
        && (open + 1..comma).all(|k| ctx.capitalized(k) || ctx.is_punct(k, &["."]));
    if state {
        open = (lowest..open).rev().find(|&k| ctx.is_punct(k, &[","])).unwrap_or(open);
    }
    // A relative clause ("who has endorsed Clinton") may hold a finite verb.
    let relative = ctx.is(open + 1, class::REL);
    let finite = finite_before_clause(ctx, open + 1..comma);
    if open <= floor || finite && !relative {
        return None;
    }
    let mut np = of_phrases(ctx, np_ending_at(ctx, open - 1, floor)?, floor);
    if open + 1 >= comma {
        return None;
    }
    // "he, once again, pledged": a pronoun takes an adverbial aside, not a role.
    if matches!(np.kind, NpKind::Pronoun(_)) {
        let aside = (open + 1..comma)
            .all(|k| ctx.is(k, class::ADV | class::TIME) || crate::quotes::subject::adverb(ctx, k));
        return aside.then_some(np);
    }
    if !matches!(np.kind, NpKind::Name(_) | NpKind::Nominal) {
        return None;
    }
    // A relative clause is no role; a title before the name ("President Erdogan, who
    // ...") still is.
    if !relative {
        np.role = Some(ctx.span(open + 1, comma - 1));
    }
    // "Vian, the editor of the Vatican's newspaper, L'Osservatore Romano, said": the
    // apposition before is the subject's too, when a name stands before it.
    let nominal = matches!(np.kind, NpKind::Nominal);
    if nominal && depth > 0 && np.first > floor + 1 && ctx.is_punct(np.first - 1, &[","]) {
        let outer = np_ending_at(ctx, np.first - 2, floor)
            .filter(|o| matches!(o.kind, NpKind::Name(_)))
            .or_else(|| apposed_subject(ctx, np.first - 1, floor, depth - 1));
        if let Some(outer) = outer.filter(|o| matches!(o.kind, NpKind::Name(_))) {
            return Some(outer);
        }
    }
    Some(np)
}

/// True when a finite reporting verb stands in `range` before any clause inside it: the
/// commas around it then hold a clause, not an apposition. A cue read as a noun ("a talk
/// radio host") is fine. A verb after a relative, "that", a reporting participle in
/// -ing or a past one after a noun is that clause's: "Corker, a Republican who has been
/// mentioned as a choice, said", "Trump, later alleging that Obama wanted ..., said", "a
/// radio host considered one of the best". One scan, stopping at the first of them.
fn finite_before_clause(ctx: &Ctx, range: std::ops::Range<usize>) -> bool {
    // "Trump, asked about the deaths, had said": a past participle opening the
    // apposition is one too.
    let first = range.start;
    let participle = |k: usize| {
        k == first
            || ctx.lower_case(k - 1)
                && ctx.is_np_word(k - 1)
                && !ctx.is(k - 1, class::PRON | class::AUX)
    };
    for k in range {
        match ctx.cue(k) {
            None if ctx.is(k, class::REL) || ctx.eq(k, "that") => return false,
            None => {}
            Some(c) if c.form == Form::Gerund => return false,
            Some(c) if c.form == Form::Past && c.lemma != "say" && participle(k) => return false,
            Some(_) if !crate::quotes::subject::noun_reading(ctx, k) => return true,
            Some(_) => {}
        }
    }
    false
}

/// The noun phrase whose last token is `j`.
pub(crate) fn np_ending_at(ctx: &Ctx, j: usize, floor: usize) -> Option<Np> {
    if let Some(m) = ctx.names.mention_at(j) {
        if m.tokens.end - 1 == j && m.tokens.start >= floor {
            let index = ctx.names.token_mention[j] as usize;
            let np = Np {
                span: m.span,
                first: m.tokens.start,
                last: j,
                kind: NpKind::Name(index),
                role: m.role,
            };
            return Some(np);
        }
    }
    if let Some(np) = pronoun_at(ctx, j) {
        return Some(np);
    }
    if ctx.is(j, class::REL) && ctx.is_word(j) {
        let before = if j > floor && ctx.is_punct(j - 1, &[","]) { j - 1 } else { j };
        let antecedent =
            before.checked_sub(1).filter(|&k| k >= floor).and_then(|k| np_ending_at(ctx, k, floor));
        let name = antecedent.and_then(|np| match np.kind {
            NpKind::Name(m) => Some(m),
            _ => None,
        });
        return Some(Np {
            span: ctx.tokens[j].span,
            first: j,
            last: j,
            kind: NpKind::Relative(name),
            role: None,
        });
    }
    nominal_ending_at(ctx, j, floor)
}

/// Numbers in words that may end a noun phrase: "a father of two"; each a determiner
/// to the lexicon.
const COUNTS: [&str; 9] = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// A common noun phrase ending at `j`: "the Trump campaign", "a spokesman", "officials".
fn nominal_ending_at(ctx: &Ctx, j: usize, floor: usize) -> Option<Np> {
    // "the mother of three": a number after "of" ends the phrase of the noun before it
    // (a noun, not another number, so "of three of three ..." is read once, not nested).
    #[inline(always)]
    fn number(ctx: &Ctx, k: usize) -> bool {
        ctx.tokens[k].kind == TokenKind::Number || ctx.is(k, class::DET) && ctx.eq_any(k, &COUNTS)
    }
    if number(ctx, j)
        && j > floor + 1
        && ctx.eq(j - 1, "of")
        && ctx.is_np_word(j - 2)
        && !number(ctx, j - 2)
    {
        let np =
            Np { span: ctx.tokens[j].span, first: j, last: j, kind: NpKind::Nominal, role: None };
        return Some(of_phrase(ctx, np, floor));
    }
    if !ctx.is_np_word(j) || ctx.is(j, class::DET | class::POSS) || ctx.tokens[j].joined {
        return None;
    }
    let mut first = j;
    while first > floor && j - first < MAX_NP {
        let k = first - 1;
        if ctx.tokens[first].joined || ctx.is(k, class::DET | class::POSS) {
            first = k;
            if ctx.is(k, class::DET | class::POSS) {
                break;
            }
        } else if ctx.is_np_word(k) && !ctx.is(k, class::PRON) {
            first = k;
        } else if k > floor && crate::quotes::subject::possessive(ctx, k) {
            // "Trump's campaign manager"
            first = k - 1;
        } else if k > floor && ctx.is_punct(k, &["-"]) && touching(ctx, k) {
            // "secretary-general"
            first = k - 1;
        } else {
            break;
        }
    }
    Some(Np { span: ctx.span(first, j), first, last: j, kind: NpKind::Nominal, role: None })
}

/// True when token `k` touches the tokens on both sides (a hyphen inside a word).
pub(crate) fn touching(ctx: &Ctx, k: usize) -> bool {
    let (Some(a), Some(b), Some(c)) =
        (ctx.tokens.get(k.wrapping_sub(1)), ctx.tokens.get(k), ctx.tokens.get(k + 1))
    else {
        return false;
    };
    a.span.end == b.span.start && b.span.end == c.span.start
}

/// The subject right after a cue at `v` ("said Mr. Patel", "said a spokesman for the
/// ministry", "said she"), not past token `ceil`, with an apposition after it.
pub(crate) fn subject_after(ctx: &Ctx, v: usize, ceil: usize) -> Option<Np> {
    let title_start = v + 1;
    // Titles and capitalized words before the name belong to its role: "said Foreign
    // Minister Sergei Lavrov".
    let mut j = title_start;
    while j < ceil
        && j - title_start < 5
        && ctx.names.mention_at(j).is_none()
        && (ctx.is(j, class::HONORIFIC | class::ROLE) || ctx.capitalized(j))
    {
        j += 1;
    }
    if ctx.names.mention_at(j).is_none_or(|m| m.tokens.start != j) {
        j = title_start;
        while j < ceil && ctx.is(j, class::HONORIFIC | class::ROLE) && j - title_start < 4 {
            j += 1;
        }
    }
    if j >= ceil {
        return None;
    }
    let mut np = if let Some(m) = ctx.names.mention_at(j).filter(|m| m.tokens.start == j) {
        let last = (m.tokens.end - 1).min(ceil - 1);
        let role = if j > title_start { Some(ctx.span(title_start, j - 1)) } else { m.role };
        Np {
            span: m.span,
            first: j,
            last,
            kind: NpKind::Name(ctx.names.token_mention[j] as usize),
            role,
        }
    } else if let Some(np) = pronoun_at(ctx, title_start) {
        return Some(np);
    } else {
        // A noun phrase up to the first punctuation or clause word.
        let start = title_start;
        let mut last = start;
        while last + 1 < ceil
            && last + 1 - start < MAX_NP
            && ctx.is_word(last + 1)
            && !ctx.is(last + 1, class::CONJ | class::REL | class::AUX)
            && ctx.cue(last + 1).is_none()
        {
            last += 1;
        }
        if !ctx.is_word(start)
            || ctx.is(start, class::PREP | class::CONJ | class::AUX)
            || ctx.cue(start).is_some()
        {
            return None;
        }
        Np { span: ctx.span(start, last), first: start, last, kind: NpKind::Nominal, role: None }
    };
    // ", the company's chief executive," after a name.
    if matches!(np.kind, NpKind::Name(_)) && ctx.is_punct(np.last + 1, &[","]) {
        let from = np.last + 2;
        let mut to = from;
        while to < ceil
            && to - from < MAX_APPOSITION
            && !ctx.is_punct(to, &[",", ".", ";", "!", "?", ":", "\"", "“", "”"])
        {
            to += 1;
        }
        if to > from
            && (ctx.is(from, class::DET | class::ROLE | class::POSS) || !ctx.capitalized(from))
            && ctx.cues_in(from..to).next().is_none()
        {
            np.role = Some(ctx.span(from, to - 1));
        }
    }
    Some(np)
}

/// Resolves speaker words to a [`Speaker`]: names to their cluster, pronouns to the
/// nearest compatible earlier person (`last_person` first), noun phrases to themselves.
/// The cluster of the person it names comes with it, if any.
pub(crate) fn resolve(ctx: &Ctx, np: &Np, last_person: Option<usize>) -> (Speaker, Option<usize>) {
    let text_of = |s: Span| -> Arc<str> { ctx.text.get(s.start..s.end).unwrap_or("").into() };
    let from_cluster = |c: usize, via: Via, role: Option<Span>| {
        let p = &ctx.names.clusters[c];
        Speaker {
            mention: np.span,
            canonical: p.canonical.clone(),
            id: p.id.clone(),
            label: p.label.clone().unwrap_or_else(|| ctx.names.person.clone()),
            role,
            via,
        }
    };
    match np.kind {
        NpKind::Name(m) => {
            let mention = &ctx.names.mentions[m];
            let via = if ctx.names.is_partial(mention) { Via::Coref } else { Via::Explicit };
            (from_cluster(mention.cluster, via, np.role), Some(mention.cluster))
        }
        NpKind::Relative(Some(m)) => {
            let c = ctx.names.mentions[m].cluster;
            (from_cluster(c, Via::Coref, np.role), Some(c))
        }
        NpKind::Pronoun(gender) => match antecedent(ctx, np.first, gender, last_person) {
            Some(c) => (from_cluster(c, Via::Pronoun, None), Some(c)),
            None => (
                Speaker {
                    mention: np.span,
                    canonical: text_of(np.span),
                    id: None,
                    label: ctx.names.person.clone(),
                    role: None,
                    via: Via::Explicit,
                },
                None,
            ),
        },
        NpKind::Relative(None) | NpKind::Nominal => {
            let head = ctx.word(np.last);
            let label = if head.is(class::ROLE) { &ctx.names.person } else { &ctx.names.org };
            let speaker = Speaker {
                mention: np.span,
                canonical: text_of(np.span),
                id: None,
                label: label.clone(),
                role: np.role,
                via: Via::Explicit,
            };
            (speaker, None)
        }
    }
}

/// The name of cluster `c` nearest before token `open`, not before token `since`:
/// `"..." Trump added. Mr. Trump then asked the crowd: "..."` names the speaker of the
/// second quotation "Mr. Trump".
pub(crate) fn nearest_mention(ctx: &Ctx, c: usize, since: usize, open: usize) -> Option<Span> {
    let lowest = since.max(open.saturating_sub(MAX_NEAREST));
    (lowest..open).rev().find_map(|j| {
        ctx.names.mention_at(j).filter(|m| m.tokens.end - 1 == j && m.cluster == c).map(|m| m.span)
    })
}

/// The cluster a pronoun before token `at` refers to: the last speaker if compatible,
/// else the nearest earlier compatible person.
pub(crate) fn antecedent(
    ctx: &Ctx,
    at: usize,
    gender: Gender,
    last_person: Option<usize>,
) -> Option<usize> {
    let fits = |c: usize| {
        let p = &ctx.names.clusters[c];
        let person = p.label.as_deref() == Some("PERSON");
        match gender {
            Gender::Male | Gender::Female => {
                person && (p.gender == gender || p.gender == Gender::Unknown)
            }
            Gender::Unknown => person,
            Gender::Neuter | Gender::Plural => !person && p.label.is_some(),
        }
    };
    if let Some(c) = last_person.filter(|&c| fits(c)) {
        return Some(c);
    }
    let before = ctx.names.mentions.partition_point(|m| m.tokens.start < at);
    ctx.names.mentions[..before].iter().rev().take(50).map(|m| m.cluster).find(|&c| fits(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::lexicon::word;

    #[test]
    fn word_lists_tested_after_a_class_have_it() {
        let lists: [(&[&str], u32); 4] = [
            (&PLACE_PREPOSITIONS, class::PREP),
            (&OF_PHRASE, class::PREP),
            (&BE_PASSIVE, class::AUX),
            (&COUNTS, class::DET),
        ];
        for (list, flags) in lists {
            for w in list.iter().filter(|&&w| w != "throughout") {
                assert!(word(w).is(flags), "{w}");
                assert!(word(&w.to_uppercase()).is(flags), "{w}");
            }
        }
    }
}
