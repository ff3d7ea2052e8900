//! Reported speech without marks, and mixed quotations: `X said (that) CLAUSE`,
//! `CLAUSE, X said`, `X told Y (that) CLAUSE`, `X wants to ...`, `according to X, CLAUSE`,
//! `CLAUSE, according to X`, `..., saying (that) CLAUSE`.

use crate::document::{QuoteKind, TokenKind};
use crate::names::lexicon::class;
use crate::quotes::context::Ctx;
use crate::quotes::cues::{Complement, CueClass, CueVerb, Form};
use crate::quotes::speaker::{
    is_passive, np_ending_at, pronoun_of, subject_after, subject_before, Np, NpKind,
};
use crate::quotes::subject::{is_subordinator, possessive};
use crate::quotes::{Draft, Who};

/// The fewest words a reported clause has.
const MIN_CONTENT_WORDS: usize = 2;
/// The most tokens a reported clause keeps, twice the longest found in PolNeAR's news.
/// A sentence of a megabyte holding many reports would otherwise give each a clause
/// running to its start or end: output growing with the square of the text.
const MAX_CONTENT_TOKENS: usize = 160;
/// The longest source after "according to", in tokens.
const MAX_SOURCE: usize = 12;
/// The longest object skipped after "told" and similar verbs, in tokens.
const MAX_OBJECT: usize = 4;
/// How far "that" may follow such a verb, past a longer object, in tokens.
const MAX_OBJECT_THAT: usize = 10;

/// Finds reported speech in every sentence. `in_quote[i]` tells that token `i` lies in
/// marks; `used` lists, in order, the tokens that are already the cue of a quotation.
/// Only those and the words that can open a report ([`Ctx::report_words`]) are read:
/// a sentence with none of them is passed over whole.
pub(crate) fn find(ctx: &Ctx, in_quote: &[bool], used: &[usize]) -> Vec<Draft> {
    let n = ctx.tokens.len();
    // Both lists are in order: merged, not sorted, each word marked with whether it is
    // already a quotation's cue.
    let mut visit: Vec<(usize, bool)> = Vec::with_capacity(ctx.report_words.len() + used.len());
    // (A step at a time: most report words have no cue of a quotation before them.)
    let mut j = 0;
    for &r in &ctx.report_words {
        let r = r as usize;
        while let Some(&u) = used.get(j).filter(|&&u| u < r) {
            visit.push((u, true));
            j += 1;
        }
        if used.get(j) != Some(&r) {
            visit.push((r, false));
        }
    }
    visit.extend(used.iter().skip(j).map(|&u| (u, true)));
    // Each word visited makes at most one report: the list never grows.
    let mut out = Vec::with_capacity(visit.len());
    let mut next = 0;
    for s in ctx.sentences {
        let first = s.tokens.start.min(n);
        let last = s.tokens.end.min(n);
        // Sentences and the words to visit come in order: one cursor passes over both.
        while visit.get(next).is_some_and(|&(v, _)| v < first) {
            next += 1;
        }
        let from = next;
        while visit.get(next).is_some_and(|&(v, _)| v < last) {
            next += 1;
        }
        let words = &visit[from..next];
        if words.is_empty() {
            continue;
        }
        let range = ctx.past_dateline(first, last)..last;
        let end = content_end(ctx, range.clone());
        // "X said Y "...," according to a poll.": a report before a closing "according
        // to" ends there, the sentence being the source's.
        let according = words.iter().map(|&(k, _)| k).find(|&k| {
            k > range.start
                && k < end
                && ctx.eq(k, "according")
                && ctx.eq(k + 1, "to")
                && !in_quote[k]
                && !ctx.eq(k - 1, "that")
        });
        // The subject of the sentence's last reporting clause, for ", saying ...".
        let mut last_np: Option<Np> = None;
        // The speaker of a quotation in this sentence speaks the "..., adding ...": the
        // cue (and where its clause ends) whose subject is read only once a report after
        // it may need it, as most sentences have none.
        let mut pending: Option<(usize, usize)> = None;
        let speaker_of = |(v, end): (usize, usize), last_np: Option<Np>| {
            subject_before(ctx, v, range.start).or_else(|| subject_after(ctx, v, end)).or(last_np)
        };
        for &(v, cue_of_quote) in words.iter().filter(|&&(v, _)| v >= range.start) {
            let end = according.filter(|&a| v < a).unwrap_or(end);
            if cue_of_quote {
                if let Some(p) = pending.replace((v, end)) {
                    last_np = speaker_of(p, last_np);
                }
                continue;
            }
            if in_quote[v] {
                continue;
            }
            if ctx.eq(v, "according") && ctx.eq(v + 1, "to") {
                if let Some(d) = according_to(ctx, v, range.start, end) {
                    out.push(d);
                }
                continue;
            }
            let Some(cue) = ctx.cue(v) else { continue };
            if let Some(p) = pending.take() {
                last_np = speaker_of(p, last_np);
            }
            if let Some(d) = reported(ctx, v, cue, range.start, end, in_quote, &mut last_np) {
                out.push(d);
            }
        }
    }
    out
}

/// One past the last token of a sentence's content: final punctuation excluded.
fn content_end(ctx: &Ctx, range: std::ops::Range<usize>) -> usize {
    let mut end = range.end;
    while end > range.start
        && !ctx.is_word(end - 1)
        && !crate::quotes::direct::is_mark(ctx, end - 1)
    {
        end -= 1;
    }
    end
}

fn reported(
    ctx: &Ctx,
    v: usize,
    cue: CueVerb,
    start: usize,
    end: usize,
    in_quote: &[bool],
    last_np: &mut Option<Np>,
) -> Option<Draft> {
    if cue.form == Form::Present && after_preposition(ctx, v) {
        return None;
    }
    // "Carson shared a syllabus called "..."": a thing's name given after a noun is the
    // words of the sentence's subject, not of the noun.
    let open = if ctx.is(v + 1, class::DET) { v + 2 } else { v + 1 };
    if cue.form == Form::Past
        && crate::quotes::direct::is_mark(ctx, open)
        && crate::quotes::direct::named_after_noun(ctx, open)
    {
        let from = complement_start(ctx, v, cue, end)?;
        return draft(ctx, v, from..end, Who::Nobody, "named-clause", 0.4);
    }
    // "his warning that ...", "Baker's warning that ...": an -ing form after its owner
    // is a noun of speech, and reports for the owner.
    if let Some(np) = owner_of_noun(ctx, v, cue, start) {
        let from = complement_start(ctx, v, cue, end)?;
        let end = next_report(ctx, from, end, in_quote).unwrap_or(end);
        return draft(ctx, v, from..end, Who::Np(np), "speaker-cue-clause", 0.6);
    }
    // `as “fantastic,” telling ...`: a comma closing a quotation counts too.
    let after_comma = v > start
        && (ctx.is_punct(v - 1, &[","])
            || (v > start + 1
                && crate::quotes::direct::is_mark(ctx, v - 1)
                && ctx.is_punct(v - 2, &[","])));
    // "Trump is telling supporters that ...": a progressive is a finite verb.
    let progressive = v > start && ctx.eq_any(v - 1, &crate::quotes::subject::BE);
    if cue.form == Form::Gerund && !progressive && v == start + 1 && is_subordinator(ctx, start) {
        return opening_participle(ctx, v, cue, end, in_quote);
    }
    if cue.form == Form::Gerund && !progressive {
        // "Trump sent a tweet saying that ...": a participle before "that" reports too.
        let before_that = ctx.eq(v + 1, "that") && v > start && ctx.is_word(v - 1);
        // "..., with Senator John McCain telling reporters he ...": a name right before
        // the participle is its subject ("In rejecting ..." opens with none).
        let named = (v > start && !after_comma)
            .then(|| ctx.names.mention_at(v - 1))
            .flatten()
            .filter(|m| m.tokens.end == v && m.tokens.start > start)
            .and_then(|_| np_ending_at(ctx, v - 1, start));
        // "Bolton distanced himself by saying he ...", "while praising ...": a participle
        // after a preposition of manner or time speaks for the main clause's subject.
        let manner = v > start && ctx.eq_any(v - 1, &["by", "while"]);
        if !after_comma && !before_that && !manner && named.is_none() {
            return None;
        }
        // "..., saying (that) ...": the subject is the main clause's.
        // "X gave no details about how he planned to ..., saying ...": a report in a
        // clause inside the sentence is not the one the participle goes with.
        let embedded = |np: &Np| {
            np.first > start
                && (is_subordinator(ctx, np.first - 1) || ctx.eq_any(np.first - 1, &EMBEDDING))
        };
        let main = last_np.filter(|np| !embedded(np));
        let np = named.or(main).or_else(|| sentence_subject(ctx, start, v, in_quote))?;
        let person = matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_));
        if manner && !after_comma && !person {
            return None;
        }
        let from = complement_start(ctx, v, cue, end)?;
        return draft(ctx, v, from..end, Who::Np(np), "gerund-clause", 0.6);
    }
    if v > start && ctx.eq(v - 1, "to") {
        // "a win that led her to declare that ...": the one made to speak speaks.
        let np = caused_speaker(ctx, v, cue, start)?;
        let from = complement_start(ctx, v, cue, end)?;
        let end = next_report(ctx, from, end, in_quote).unwrap_or(end);
        return draft(ctx, v, from..end, Who::Np(np), "speaker-cue-clause", 0.6);
    }
    // "CLAUSE, said X." ("X, who led the talks, said that ..." is no inversion.)
    if after_comma && v > start + 1 && !(v + 1 < end && ctx.eq(v + 1, "that")) {
        if let Some(np) = subject_after(ctx, v, end) {
            // "..., said Alan Abramowitz, a demographer at Emory University."
            let last = np.role.map_or(np.last, |r| ctx.tokens_before(r.end).max(np.last + 1) - 1);
            if skip_adverbials(ctx, last + 1, end) >= end {
                return draft(ctx, v, start..v - 1, Who::Np(np), "clause-cue-speaker", 0.7);
            }
        }
    }
    // "was told that ...", "is expected to ...": reported, by no one named.
    if is_passive(ctx, v, start) {
        let from = complement_start(ctx, v, cue, end)?;
        return draft(ctx, v, from..end, Who::Nobody, "passive-cue-clause", 0.4);
    }
    // "X met with Y and declared that ...", "... but called it ...": the second verb
    // shares the first one's subject.
    let np = subject_before(ctx, v, start).or_else(|| {
        crate::quotes::subject::after_and(ctx, v, start)
            .then(|| sentence_subject(ctx, start, v, in_quote))
            .flatten()
    })?;
    // "what he called ...": a naming inside another clause, not a report of its own.
    if np.first > start && ctx.eq(np.first - 1, "what") || participle_object(ctx, &np, cue) {
        return None;
    }
    // "his recent remarks on ...": a plural noun of speech after its owner and a
    // modifier reports for the owner, who is no subject for a participle after it.
    let owned =
        np.last == np.first + 1 && cue.form == Form::Present && NOUN_TOO.contains(&cue.lemma);
    let np = match owned.then(|| pronoun_of(ctx, np.first, class::POSS)).flatten() {
        Some(owner) => owner,
        None => {
            *last_np = Some(np);
            np
        }
    };
    // "CLAUSE, X said.", "CLAUSE, Mr. X said.", "CLAUSE, Acme spokesman X said."
    let mut lead = np.first;
    while lead > start + 1
        && np.first - lead < 4
        && (ctx.is(lead - 1, class::HONORIFIC | class::ROLE)
            || ctx.capitalized(lead - 1) && ctx.is(lead, class::ROLE))
    {
        lead -= 1;
    }
    if lead > start + 1 && ctx.is_punct(lead - 1, &[","]) {
        let rest = skip_object(ctx, v + 1, cue, end);
        if skip_adverbials(ctx, rest, end) >= end {
            return draft(ctx, v, start..lead - 1, Who::Np(np), "clause-speaker-cue", 0.7);
        }
    }
    // "Although she said it was a mistake, she ...", "When Ruiz accused him of lying,
    // he said ...": the subordinate clause opening the sentence ends at its comma, and
    // its report there, even one read past an object up to it; a conjunction may come
    // first ("But when ...").
    let lead = if ctx.eq_any(start, &["but", "and", "yet", "so"]) { start + 1 } else { start };
    let opening = v - lead <= MAX_SUBORDINATE
        && ctx.eq_any(lead, &SUBORDINATORS)
        && !(lead..v).any(|k| ctx.is_punct(k, &[","]));
    let comma = opening
        .then(|| {
            (v + 1..end.min(v + 1 + MAX_SUBORDINATE))
                .find(|&k| ctx.is_punct(k, &[","]) && !in_quote[k])
        })
        .flatten();
    let from = match (complement_start(ctx, v, cue, end)?, comma) {
        (from, Some(c)) if from > c => v + 1,
        (from, _) => from,
    };
    // "X, who has endorsed the plan, said ...": the relative clause ends before the
    // main clause's verb.
    let main_verb = |k: usize| ctx.is_punct(k, &[","]) && ctx.cue(k + 1).is_some();
    let end = match np.kind {
        NpKind::Relative(_) => {
            (from..end.min(from + MAX_CLAUSE)).find(|&k| main_verb(k)).unwrap_or(end)
        }
        _ if opening => comma.unwrap_or(end),
        // "worried about a lack of passion, Obama is ...": a topic is a noun phrase,
        // which a comma ends.
        _ if about_topic(ctx, v, from, cue) => (from..end.min(from + MAX_CLAUSE))
            .find(|&k| ctx.is_punct(k, &[","]) && !in_quote[k])
            .unwrap_or(end),
        _ => next_report(ctx, from, end, in_quote).unwrap_or(end),
    };
    let np = crate::quotes::subject::aside_after(ctx, v).unwrap_or(np);
    draft(ctx, v, from..end, Who::Np(np), "speaker-cue-clause", 0.6)
}

/// The owner before an -ing form of a cue at `v` ("his warning", "Baker's warning"), not
/// before token `start`.
fn owner_of_noun(ctx: &Ctx, v: usize, cue: CueVerb, start: usize) -> Option<Np> {
    if cue.form != Form::Gerund || v <= start {
        return None;
    }
    if let Some(np) = pronoun_of(ctx, v - 1, class::POSS) {
        return Some(np);
    }
    let owner = v.checked_sub(2).filter(|&k| k >= start && possessive(ctx, v - 1))?;
    np_ending_at(ctx, owner, start).filter(|np| matches!(np.kind, NpKind::Name(_)))
}

/// "Following initial reports of ...", "Citing claims that ...": an -s form that is also
/// a plural noun ([`NOUN_TOO`]), after a phrase that opens with a participle, is the
/// participle's object, not a verb with a subject.
fn participle_object(ctx: &Ctx, np: &Np, cue: CueVerb) -> bool {
    let w = ctx.str(np.first);
    np.kind == NpKind::Nominal
        && cue.form == Form::Present
        && NOUN_TOO.contains(&cue.lemma)
        && w.len() > 4
        && w.ends_with("ing")
        && ctx.names.mention_at(np.first).is_none()
}

/// The most words read back from an -s form for the preposition whose object it ends.
const MAX_OBJECT_WORDS: usize = 5;

/// "Despite the perceived media attacks, ...", "As for Mr. Trump's continual attacks on
/// ...": an -s form ending a phrase that a preposition opens at the start of a clause
/// (not a subordinating one: "Since the campaign claims ...") is the preposition's
/// object, a plural noun.
fn after_preposition(ctx: &Ctx, i: usize) -> bool {
    // A name is the owner only ("Mr. Trump's"): "In an interview Trump says" has a
    // subject.
    let word = |k: usize| {
        ctx.is_word(k)
            && !ctx.is(k, class::PRON | class::PREP | class::CONJ | class::AUX | class::REL)
            && ctx.names.mention_at(k).is_none_or(|m| possessive(ctx, m.tokens.end))
    };
    let lowest = i.saturating_sub(MAX_OBJECT_WORDS + 1);
    let Some(mut k) = i.checked_sub(1).filter(|&k| ctx.lower_case(k)) else { return false };
    while k > lowest && (word(k) || possessive(ctx, k)) {
        k -= 1;
    }
    // The phrase opens its clause: "a narrator in the ad asks" has a subject.
    let opens = k == ctx.sentence_range(k).start
        || k > 0 && (ctx.is_punct(k - 1, &[","]) || ctx.eq(k - 1, "as"));
    opens && ctx.is(k, class::PREP) && !ctx.eq(k, "that") && !is_subordinator(ctx, k)
}

/// "After saying her foot was "so swollen," she was rushed ...": a participle after the
/// subordinating word that opens the sentence speaks for the subject after the phrase's
/// comma; its report ends there. `q[i]` tells that token `i` lies in marks.
fn opening_participle(ctx: &Ctx, v: usize, cue: CueVerb, end: usize, q: &[bool]) -> Option<Draft> {
    let from = complement_start(ctx, v, cue, end)?;
    // The comma may close a quotation too: `"so swollen," she was`.
    let free = |k: usize| !q.get(k).copied().unwrap_or(true);
    let closes = |k: usize| crate::quotes::direct::is_mark(ctx, k + 1) && free(k + 2);
    let comma = (from..end).find(|&k| ctx.is_punct(k, &[","]) && (free(k) || closes(k)))?;
    let (stop, next) = if closes(comma) { (comma + 2, comma + 2) } else { (comma, comma + 1) };
    let np = crate::quotes::subject::subject_of(ctx, next, end)?;
    let person = matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_));
    person.then(|| draft(ctx, v, from..stop, Who::Np(np), "gerund-clause", 0.6)).flatten()
}

/// Words after a comma that open a clause with a report of its own: "..., while Cruz
/// said ...", "..., which she called "..."", "..., although he tweeted ...", "..., and
/// he accused ...", "..., because she argued ...".
const CONTRASTS: [&str; 16] = [
    "while", "whereas", "but", "which", "who", "whom", "although", "though", "when", "and",
    "because", "after", "as", "since", "even", "so",
];

/// How far a reported clause is read for a contrasting report after it, in tokens.
const MAX_CONTRAST: usize = 60;

/// "Rubio suggested that ..., while Cruz said that ...": a comma and one of
/// [`CONTRASTS`] opening a clause with a subject and a verb of speech end the clause
/// before. `... "an attack," but he also noted ...`: so does a comma inside a closing
/// mark, the clause keeping the mark.
fn next_report(ctx: &Ctx, from: usize, end: usize, in_quote: &[bool]) -> Option<usize> {
    // The tokens are read as a slice: this scan runs for most reports.
    let stop = end.min(from + MAX_CONTRAST).min(ctx.tokens.len());
    let closes = |k: usize| {
        in_quote[k]
            && crate::quotes::direct::is_mark(ctx, k + 1)
            && !in_quote.get(k + 2).copied().unwrap_or(true)
    };
    // The token before the contrasting word, and where the clause ends.
    let (before, stop_at) = (from..).zip(ctx.tokens.get(from..stop)?).find_map(|(k, t)| {
        let punct = t.kind != TokenKind::Word && matches!(ctx.bytes(t), b"," | b";");
        if !punct {
            None
        } else if !in_quote[k] {
            ctx.eq_any(k + 1, &CONTRASTS).then_some((k, k))
        } else {
            (closes(k) && ctx.eq_any(k + 2, &CONTRASTS)).then_some((k + 1, k + 2))
        }
    })?;
    let report = (before + 3..end.min(before + 10)).find(|&c| {
        ctx.cue(c).is_some_and(|cue| cue.class == CueClass::Speech)
            && subject_before(ctx, c, before + 2).is_some()
    });
    report.map(|_| stop_at)
}

/// Words that open a clause inside another one: "how he planned", "that she said".
const EMBEDDING: [&str; 8] = ["how", "that", "what", "why", "who", "which", "whether", "where"];

/// The subject of a sentence whose verb is no cue, for "..., saying ...": a name or a
/// pronoun among its first words.
fn sentence_subject(ctx: &Ctx, start: usize, v: usize, in_quote: &[bool]) -> Option<Np> {
    // "In an interview, the senator sounded off, saying ...": past the opening phrase.
    if let Some(np) = crate::quotes::subject::subject_of(ctx, start, v) {
        return Some(np);
    }
    // A capitalized word opening the sentence counts too ("Lopez left, saying ..."), but
    // not a function word ("In", "But").
    let function = class::PREP | class::CONJ | class::DET | class::ADV;
    let capitalized =
        |i: usize| i == start && ctx.is_np_word(i) && !ctx.is(i, function) && ctx.capitalized(i);
    let first = (start..v.min(start + 6))
        .filter(|&i| !in_quote[i])
        .find(|&i| ctx.names.mention_at(i).is_some() || ctx.is(i, class::PRON) || capitalized(i))?;
    let last = ctx.names.mention_at(first).map_or(first, |m| m.tokens.end - 1);
    np_ending_at(ctx, last, start)
}

/// Where the reported clause after cue `v` starts, if one follows.
fn complement_start(ctx: &Ctx, v: usize, cue: CueVerb, end: usize) -> Option<usize> {
    let first = v + 1;
    // "talked about the economy", "called for a recount", "warned of delays".
    if cue.topic || cue.complement == Complement::Topic {
        let mut i = first;
        while i < end && ctx.is(i, class::ADV) {
            i += 1;
        }
        let time =
            ctx.is(i + 1, class::TIME) || (ctx.is(i + 1, class::DET) && ctx.is(i + 2, class::TIME));
        // "called on X to ..." asks someone to act: the object rule below reads it.
        let asks = cue.complement == Complement::Object && ctx.eq(i, "on");
        if i + 1 < end && ctx.eq_any(i, &TOPIC) && !time && !asks {
            return Some(i + 1);
        }
    }
    let noun = |i: usize| i < end && ctx.is_word(i) && !ctx.is(i, class::PREP | class::CONJ);
    match cue.complement {
        Complement::Topic | Complement::Quote => return None,
        Complement::Noun => return Some(skip_adverbials(ctx, first, end)).filter(|&i| noun(i)),
        _ => {}
    }
    let clause = clause_start(ctx, skip_object(ctx, first, cue, end), cue, end)
        .filter(|&i| !ctx.eq(i, "according"));
    // "states", "reports", "plans" are plural nouns as often as verbs: as verbs they
    // count only before "that" or a quotation.
    let plural_noun = cue.form == Form::Present && NOUN_TOO.contains(&cue.lemma);
    let clause = clause
        .filter(|&i| !plural_noun || ctx.eq(i, "that") || crate::quotes::direct::is_mark(ctx, i));
    // "criticized Trump", "called him a liar": with no clause, the object is reported.
    match clause {
        None if cue.complement == Complement::Object && noun(first) => Some(first),
        found => found,
    }
}

/// True when the report of cue `v` starting at token `from` is a topic after a
/// preposition ("talked about the economy").
fn about_topic(ctx: &Ctx, v: usize, from: usize, cue: CueVerb) -> bool {
    (cue.topic || cue.complement == Complement::Topic)
        && from > v + 1
        && ctx.eq_any(from - 1, &TOPIC)
}

/// How far the comma ending a relative or topic clause is looked for, in tokens: a
/// bound, so a sentence of many reports is read in linear time.
const MAX_CLAUSE: usize = 80;
/// Conjunctions that open a subordinate clause before the main one ("as" is left out:
/// "As Ruiz noted, ..." names a source).
const SUBORDINATORS: [&str; 13] = [
    "although", "though", "while", "because", "whereas", "when", "after", "before", "if", "once",
    "until", "since", "unless",
];
/// How far the comma closing such a clause is looked for, in tokens.
const MAX_SUBORDINATE: usize = 40;

/// Reporting verbs whose -s form is also a common plural noun.
const NOUN_TOO: [&str; 18] = [
    "state", "point", "report", "plan", "claim", "note", "call", "remark", "charge", "post",
    "tweet", "comment", "demand", "estimate", "promise", "pledge", "signal", "counter",
];

/// The prepositions that introduce a topic after a reporting verb.
const TOPIC: [&str; 7] = ["about", "of", "for", "against", "on", "over", "with"];

/// Where a clause or an infinitive starts at or after token `i` (past adverbials).
fn clause_start(ctx: &Ctx, i: usize, cue: CueVerb, end: usize) -> Option<usize> {
    let i = skip_adverbials(ctx, i, end);
    if i >= end {
        return None;
    }
    let infinitive = ctx.eq(i, "to");
    match cue.complement {
        Complement::Infinitive if !infinitive => return None,
        Complement::Clause if infinitive => return None,
        _ => {}
    }
    let question = ctx.eq_any(i, &["whether", "if", "how", "why", "what", "when", "where", "who"]);
    if ctx.eq(i, "that") || infinitive || question || crate::quotes::direct::is_mark(ctx, i) {
        return Some(i);
    }
    if cue.complement == Complement::Infinitive
        || !ctx.is_word(i)
        || ctx.is(i, class::PREP | class::CONJ)
    {
        return None;
    }
    Some(i)
}

/// Skips the object of "told reporters", "warned Congress", "urged them". Inlined for
/// its first test: most cues take no object.
#[inline(always)]
fn skip_object(ctx: &Ctx, i: usize, cue: CueVerb, end: usize) -> usize {
    if cue.complement != Complement::Object || i >= end {
        return i;
    }
    skip_object_at(ctx, i, end)
}

/// [`skip_object`] for a cue that takes one, at token `i` before `end`.
fn skip_object_at(ctx: &Ctx, i: usize, end: usize) -> usize {
    if let Some(m) = ctx.names.mention_at(i).filter(|m| m.tokens.start == i) {
        return m.tokens.end;
    }
    if ctx.is(i, class::POSS | class::PRON)
        || matches!(ctx.str(i), "me" | "us" | "reporters" | "journalists")
    {
        return i + 1;
    }
    // "called on the administration to ...", "told an invited crowd at the club that ...".
    let particle = ctx.eq(i, "on") || ctx.eq(i, "upon");
    let that = (i..end.min(i + MAX_OBJECT_THAT))
        .take_while(|&k| ctx.is_word(k) && ctx.cue(k).is_none())
        .find(|&k| ctx.eq(k, "that") || (particle && ctx.eq(k, "to")));
    if let Some(k) = that {
        return k;
    }
    if ctx.is(i, class::DET) {
        let mut j = i + 1;
        while j < end && j - i <= MAX_OBJECT && ctx.is_np_word(j) && !ctx.eq(j, "that") {
            j += 1;
        }
        return j;
    }
    i
}

/// How far "that" may follow a preposition after a cue, in tokens ("in a letter to the
/// families of the victims that ...").
const MAX_PHRASE_THAT: usize = 13;

/// Skips time and manner phrases after a cue: "on Monday", "last week", "in a statement",
/// ", however,".
fn skip_adverbials(ctx: &Ctx, mut i: usize, end: usize) -> usize {
    for _ in 0..4 {
        if i >= end {
            break;
        }
        // "..., officials said on Thursday, as the talks went on.", "..., Hollande said
        // in Paris, noting ...": a clause of its own.
        let participle = ctx.cue(i).is_some_and(|c| c.form == Form::Gerund);
        if i > 0 && ctx.is_punct(i - 1, &[","]) && (is_subordinator(ctx, i) || participle) {
            return end;
        }
        // "He said, however, that ...": "however" is a conjunction to the lexicon, an
        // adverb here.
        if ctx.is(i, class::TIME | class::ADV)
            || ctx.eq(i, "however")
            || ctx.is_punct(i, &[","])
            || ctx.tokens[i].kind == crate::document::TokenKind::Number
        {
            i += 1;
            continue;
        }
        if ctx.is(i, class::PREP) && !ctx.eq(i, "to") {
            // "on Friday", "in the morning"
            let noun = if ctx.is(i + 1, class::DET) { i + 2 } else { i + 1 };
            if noun < end && ctx.is(noun, class::TIME) {
                i = noun + 1;
                continue;
            }
            // A short phrase up to "that" or a comma: "in a statement that ...".
            let stop = (i + 6).min(end);
            if let Some(k) = (i + 1..stop).find(|&k| ctx.eq(k, "that") || ctx.is_punct(k, &[","])) {
                i = k;
                continue;
            }
            if (i + 1..stop).all(|k| ctx.is_word(k)) && stop == end {
                return end;
            }
            // A longer one of plain words, when "that" ends it: "in an interview with the
            // paper on its front page that ...".
            let far = (i + MAX_PHRASE_THAT).min(end);
            let plain = |k: &usize| ctx.is_word(*k) && ctx.cue(*k).is_none();
            if let Some(k) = (i + 1..far).take_while(plain).find(|&k| ctx.eq(k, "that")) {
                i = k;
                continue;
            }
        }
        break;
    }
    i
}

/// "according to X, CLAUSE" and "CLAUSE, according to X".
fn according_to(ctx: &Ctx, v: usize, start: usize, end: usize) -> Option<Draft> {
    let from = v + 2;
    // A source longer than `MAX_SOURCE` is none: its comma is looked for no further.
    let limit = end.min(from + MAX_SOURCE + 1);
    let stop = (from..limit).find(|&k| ctx.is_punct(k, &[",", ";"])).unwrap_or(end);
    if stop <= from {
        return None;
    }
    // "according to conservative talk radio host Rush Limbaugh", "according to a speech
    // Mrs. Clinton delivered in July": the whole phrase names the source.
    if stop - from > MAX_SOURCE || !ctx.is_word(from) {
        return None;
    }
    let kind = np_ending_at(ctx, stop - 1, from).map_or(NpKind::Nominal, |np| np.kind);
    let np = Np { span: ctx.span(from, stop - 1), first: from, last: stop - 1, kind, role: None };
    // "X said that according to its analysis, CLAUSE": the clause after the source.
    let opens = v == start || !ctx.is_word(v - 1) && v == start + 1 || ctx.eq(v - 1, "that");
    let content = if opens {
        stop + 1..end
    } else {
        // `..."a quick profit," according to X`: the closing mark ends the clause.
        let closes = v > start && crate::quotes::direct::is_mark(ctx, v - 1);
        start..if closes { v } else { v.saturating_sub(1).max(start) }
    };
    let mut d = draft(ctx, v, content, Who::Np(np), "according-to", 0.7)?;
    d.cue = Some((ctx.span(v, v + 1), "according to"));
    Some(d)
}

/// Verbs that make someone speak, whose object is the speaker of the bare cue after
/// "to": "led her to declare", "prompting aides to counter".
const CAUSERS: [&str; 12] = [
    "led",
    "leading",
    "prompted",
    "prompting",
    "forced",
    "forcing",
    "caused",
    "causing",
    "pushed",
    "pushing",
    "spurred",
    "spurring",
];

/// The object of a verb in [`CAUSERS`] before the "to" of the bare cue at `v`.
fn caused_speaker(ctx: &Ctx, v: usize, cue: CueVerb, start: usize) -> Option<Np> {
    if cue.form != Form::Base || v < start + 3 {
        return None;
    }
    let object = v - 2;
    // "her", "him", "them": an object pronoun, one word.
    let np = match pronoun_of(ctx, object, class::POSS) {
        Some(np) => np,
        None => np_ending_at(ctx, object, start)?,
    };
    let verb = np.first.checked_sub(1).filter(|&k| k >= start)?;
    ctx.eq_any(verb, &CAUSERS).then_some(np)
}

/// A draft for the content tokens `content`, cue `v` and speaker `np`; `None` when the
/// content is too short to be a clause.
fn draft(
    ctx: &Ctx,
    v: usize,
    content: std::ops::Range<usize>,
    who: Who,
    rule: &'static str,
    confidence: f32,
) -> Option<Draft> {
    let mut content = content;
    // Cut on the side away from the cue: a clause after it ends early, one before it
    // starts late.
    if content.len() > MAX_CONTENT_TOKENS {
        if content.start > v {
            content.end = content.start + MAX_CONTENT_TOKENS;
        } else {
            content.start = content.end - MAX_CONTENT_TOKENS;
        }
    }
    while content.end > content.start
        && !ctx.is_word(content.end - 1)
        && !crate::quotes::direct::is_mark(ctx, content.end - 1)
    {
        content.end -= 1;
    }
    // Counted only up to the minimum: a clause may run to the end of a long sentence.
    let words = content.clone().filter(|&i| ctx.is_word(i)).take(MIN_CONTENT_WORDS).count();
    if words < MIN_CONTENT_WORDS {
        return None;
    }
    let span = ctx.span(content.start, content.end - 1);
    let lemma = ctx.cue(v).map_or("say", |c| c.lemma);
    Some(Draft {
        kind: QuoteKind::Indirect,
        span,
        first: content.start,
        content: vec![span],
        cue: Some((ctx.tokens[v].span, lemma)),
        who,
        confidence,
        rule,
    })
}
