//! The subject of a clause, found without a parser: the noun phrase after any opening
//! phrase ("In a statement, Trump's campaign manager told ..."), up to the first word
//! that reads as a verb, or the agent of a passive ("Rubio was asked by host Bill Maher").
//! Used where a quotation has no cue of its own: its sentence's subject is most often
//! whose words it holds.

use crate::names::lexicon::class;
use crate::quotes::context::Ctx;
use crate::quotes::cues::{Complement, CueClass, CueVerb, Form};
use crate::quotes::direct::is_mark;
use crate::quotes::speaker::{np_ending_at, pronoun_of, touching, Np, NpKind};

/// The longest opening phrase skipped before a subject, in tokens.
const MAX_OPENER: usize = 25;
/// Opening phrases skipped at most ("On Friday, in a statement, ...").
const MAX_OPENERS: usize = 3;
/// The longest subject, in tokens.
const MAX_SUBJECT: usize = 12;
/// The longest apposition or relative clause between a subject and its verb, in tokens.
const MAX_APPOSITION: usize = 30;
/// Prepositions that may extend a subject: "a spokesman for the ministry".
const OF: [&str; 5] = ["of", "for", "from", "at", "with"];
/// Forms of "be" before a passive participle or a progressive.
pub(crate) const BE: [&str; 6] = ["is", "are", "was", "were", "been", "being"];

/// The subject of the clause starting at token `start` whose verb comes before token
/// `limit`, if the words read as one.
pub(crate) fn subject_of(ctx: &Ctx, start: usize, limit: usize) -> Option<Np> {
    let mut s = skip_openers(ctx, start, limit)?;
    // "Hours later, Trump ...": a phrase before a comma that yields no subject opens.
    for _ in 0..MAX_OPENERS {
        if let Some(np) = subject_at(ctx, s, limit) {
            return Some(np);
        }
        s = (s..limit.min(s + MAX_OPENER)).find(|&k| ctx.is_punct(k, &[","]))? + 1;
    }
    None
}

/// The longest clause between a noun of speech's "that" and a quotation, in tokens.
const MAX_CLAIM: usize = 10;

/// "Trump's claim that there were "thousands of shootings"", "her remark that "...",
/// "his call for "...": a quotation in what a noun of speech reports is its owner's words.
/// `floor` is the first token that may be read.
pub(crate) fn claim_owner(ctx: &Ctx, open: usize, floor: usize) -> Option<Np> {
    let lowest = open.saturating_sub(MAX_CLAIM).max(floor);
    let plain = |k: usize| ctx.is_word(k) && ctx.cue(k).is_none();
    let that = (lowest..open).rev().take_while(|&k| plain(k)).find(|&k| ctx.eq(k, "that"));
    let after = match that {
        Some(k) => k,
        None if open > 0 && (ctx.eq(open - 1, "for") || ctx.eq(open - 1, "of")) => open - 1,
        None => return None,
    };
    let noun = after.checked_sub(1).filter(|&n| n > floor)?;
    let speech = ctx.cue(noun).is_some_and(|c| c.class == CueClass::Speech)
        || ctx.lower_case(noun) && ctx.str(noun).ends_with("ion");
    if !speech {
        return None;
    }
    let owner = noun - 1;
    if let Some(np) = pronoun_of(ctx, owner, class::POSS) {
        return Some(np);
    }
    if !possessive(ctx, owner) || owner <= floor {
        return None;
    }
    np_ending_at(ctx, owner - 1, floor).filter(|np| matches!(np.kind, NpKind::Name(_)))
}

/// The subject of the clause in which a quotation opening at token `open` stands:
/// after the last subordinating word before it ("... when Mrs. Clinton accused him of
/// "...", "as an aide put it, "...", "Obama, who pressed for "..."), else the
/// sentence's.
pub(crate) fn clause_subject(ctx: &Ctx, start: usize, open: usize) -> Option<Np> {
    let floor = open.saturating_sub(MAX_APPOSITION).max(start);
    // "As John Cornyn, the No. 2 in the leadership, put it: "..."".
    let put_it = open >= 3
        && ctx.eq(open - 3, "put")
        && ctx.eq(open - 2, "it")
        && ctx.is_punct(open - 1, &[",", ":"]);
    if put_it {
        let as_ = (floor..open - 3).rev().find(|&k| ctx.eq(k, "as"));
        if let Some(np) = as_.and_then(|k| subject_at(ctx, k + 1, open)) {
            return Some(np);
        }
    }
    // "As Joel Pollak observed after the hearing: "..."": a sentence opening with "as",
    // a subject and a verb of speech introduces the quotation.
    let introduced = open > start + 2 && ctx.is_punct(open - 1, &[",", ":"]) && ctx.eq(start, "as");
    if let Some((np, _)) = introduced.then(|| as_says(ctx, start, open)).flatten() {
        return Some(np);
    }
    let sub = (floor..open)
        .rev()
        .take_while(|&k| {
            k + 1 == open || !ctx.is_punct(k, &[",", ";", ":", "—", "–", "("]) && !is_mark(ctx, k)
        })
        .find(|&k| ctx.is(k, class::REL) || is_subordinator(ctx, k));
    let inner = sub.and_then(|k| {
        if ctx.is(k, class::REL) {
            // "in which Clinton expressed "..."", "which Will claims "...": the relative is
            // the object, the subject follows it.
            // "a coach who is "working the referees"": a relative with no comma before it
            // and no name to stand for, before a form of "be", describes its noun; the
            // sentence's subject speaks ("others who specified "..."" do speak).
            let be = ctx.eq_any(k + 1, &BE)
                || (ctx.eq(k + 1, "would") || ctx.eq(k + 1, "will")) && ctx.eq(k + 2, "be");
            let speaks = |np: &Np| {
                matches!(np.kind, NpKind::Relative(Some(_)))
                    || k > 0 && ctx.is_punct(k - 1, &[","])
                    || !be
            };
            subject_at(ctx, k + 1, open).or_else(|| {
                np_ending_at(ctx, k, start).filter(|np| ctx.is_word(k + 1) && speaks(np))
            })
        } else {
            subject_at(ctx, k + 1, open)
        }
    });
    inner.or_else(|| subject_of(ctx, start, open)).filter(|np| np.last < open)
}

/// `"...," as one aide put it.`: the speaker after the "as" at token `as_`, and the
/// token of "put".
pub(crate) fn as_put_it(ctx: &Ctx, as_: usize, limit: usize) -> Option<(Np, usize)> {
    if !ctx.eq(as_, "as") {
        return None;
    }
    let stop = limit.min(as_ + MAX_APPOSITION);
    let put = (as_ + 2..stop).find(|&k| ctx.eq(k, "put") && ctx.eq(k + 1, "it"))?;
    subject_at(ctx, as_ + 1, put + 2).filter(|np| np.last < put).map(|np| (np, put))
}

/// The subject of "as X said" at token `as_` and the token of its verb of speech, before
/// token `limit`.
fn as_says(ctx: &Ctx, as_: usize, limit: usize) -> Option<(Np, usize)> {
    let stop = limit.min(as_ + MAX_APPOSITION);
    let said = |k: usize| {
        ctx.cue(k).is_some_and(|c| {
            c.class == CueClass::Speech && matches!(c.form, Form::Past | Form::Present)
        })
    };
    let verb = (as_ + 2..stop).find(|&k| said(k))?;
    subject_at(ctx, as_ + 1, verb + 1).filter(|np| np.last < verb).map(|np| (np, verb))
}

/// How many words may stand between an "as" clause's comma and the quotation after it
/// ("as one diplomat put it, an "extreme makeover"").
const MAX_LEAD: usize = 3;

/// "As Clinton told the Daily News, "..."", "As Ms. Simonyan put it in a statement, RT is
/// "..."": a sentence opening with "as" (after a conjunction or an adverb, if any), a
/// subject and a verb of speech or "put it" up to its first comma or colon, before the
/// quotation at token `open`, is that subject's words; the subject and the verb.
pub(crate) fn as_opener(ctx: &Ctx, start: usize, open: usize) -> Option<(Np, usize)> {
    let mut start = ctx.past_dateline(start, open);
    // "Yet, as Bown observed, ...", "But as she told the board, ...".
    if ctx.is(start, class::CONJ | class::ADV) && !ctx.eq(start, "as") {
        start += 1 + usize::from(ctx.is_punct(start + 1, &[","]));
    }
    // "But at the time, as the prosecutor put it, "..."": a clause between commas just
    // before the quotation too, unless a report before it holds the quotation ("he said
    // that the result, as he explained, was "..."").
    let start = if ctx.eq(start, "as") {
        start
    } else {
        let near = open.saturating_sub(MAX_LEAD).max(start + 1);
        let comma = (near..open).rev().find(|&c| ctx.is_punct(c, &[","]))?;
        let lowest = comma.saturating_sub(MAX_APPOSITION).max(start + 1);
        let as_ = (lowest..comma).rev().find(|&k| ctx.is_punct(k, &[","]))? + 1;
        if !ctx.eq(as_, "as") || (start..as_).any(|k| ctx.cue(k).is_some()) {
            return None;
        }
        as_
    };
    let stop = open.min(start + MAX_APPOSITION);
    let comma = (start + 2..stop).find(|&k| ctx.is_punct(k, &[",", ":"]) || is_mark(ctx, k))?;
    if is_mark(ctx, comma) {
        return None;
    }
    // "As Blumenthal spoke, ...", "As Trump attacked Clinton, ...": a time, not a source.
    let reports = |v: usize| {
        ctx.cue(v).is_some_and(|c| {
            matches!(c.complement, Complement::Clause | Complement::Object | Complement::Any)
        })
    };
    // "as the nationalist Global Times tabloid noted": a noun after the name is still
    // the subject's.
    let noun = |k: usize| {
        ctx.is_word(k)
            && ctx.lower_case(k)
            && ctx.cue(k).is_none()
            && !ctx.is(k, class::DET | class::PREP | class::CONJ | class::REL | class::PRON)
    };
    let next_to = |np: &Np, v: usize| {
        (np.last + 1..v).all(|k| ctx.is(k, class::ADV | class::AUX) || k == np.last + 1 && noun(k))
    };
    as_put_it(ctx, start, comma)
        .or_else(|| as_says(ctx, start, comma).filter(|(np, v)| reports(*v) && next_to(np, *v)))
}

/// How far from a quotation's marks an aside naming its speaker is looked for, in tokens.
const MAX_ASIDE: usize = 40;

/// "Many of the voters were older, she said, and "...", "The plan failed, he said, by
/// "...": a name or pronoun after a comma, then a verb of speech closed by a comma, a
/// preposition or the sentence's end, attributes its sentence, quotation and all.
/// `open` and `close` are the quotation's marks.
pub(crate) fn aside_speaker(ctx: &Ctx, open: usize, close: usize) -> Option<Np> {
    let before = ctx.sentence_range(open).start.max(open.saturating_sub(MAX_ASIDE))..open;
    let after = close + 1..ctx.sentence_range(close).end.min(close + 1 + MAX_ASIDE);
    before.chain(after).find_map(|c| aside_at(ctx, c)).or_else(|| words_of(ctx, open))
}

/// `..., in the words of one aide, "..."`: the phrase set off right before the quotation
/// at token `open` names its speaker.
fn words_of(ctx: &Ctx, open: usize) -> Option<Np> {
    let comma = open.checked_sub(1).filter(|&k| ctx.is_punct(k, &[","]))?;
    let floor = ctx.sentence_range(open).start.max(comma.saturating_sub(MAX_APPOSITION));
    let phrase = |k: usize| {
        ctx.eq(k - 3, "in") && ctx.eq(k - 2, "the") && ctx.eq(k - 1, "words") && ctx.eq(k, "of")
    };
    let of = (floor + 3..comma).rev().find(|&k| phrase(k))?;
    np_ending_at(ctx, comma - 1, of + 1).filter(|np| np.first == of + 1)
}

/// "He believes, he said, that ...": an aside right after the verb at `v` names the
/// report's source.
pub(crate) fn aside_after(ctx: &Ctx, v: usize) -> Option<Np> {
    if !ctx.is_punct(v + 1, &[","]) {
        return None;
    }
    (v + 3..v + 6).find(|&c| ctx.cue(c).is_some()).and_then(|c| aside_at(ctx, c))
}

/// The speaker of an aside whose verb of speech is token `c`. Inlined: asides are
/// looked for at every token near a quotation, and most are no verb of speech.
#[inline(always)]
fn aside_at(ctx: &Ctx, c: usize) -> Option<Np> {
    let finite = ctx.cue(c).is_some_and(|cue| {
        cue.class == CueClass::Speech && matches!(cue.form, Form::Past | Form::Present)
    });
    if !finite {
        return None;
    }
    aside_of_verb(ctx, c)
}

/// [`aside_at`] once token `c` is a finite verb of speech.
fn aside_of_verb(ctx: &Ctx, c: usize) -> Option<Np> {
    if noun_reading(ctx, c) {
        return None;
    }
    let start = ctx.sentence_range(c).start;
    if c > start && ctx.is_punct(c - 1, &[","]) {
        return inverted_aside(ctx, c);
    }
    let np = crate::quotes::speaker::subject_before(ctx, c, start)?;
    // "..., Lopez said," and `... "a title," Ms. Lopez said`: a comma, or a closing
    // mark after one, sets the speaker and its title off.
    let mut lead = np.first;
    while lead > start && np.first - lead < 3 && ctx.is(lead - 1, class::HONORIFIC) {
        lead -= 1;
    }
    let comma = |k: usize| k > start && ctx.is_punct(k - 1, &[","]);
    let set_off = comma(lead) || lead > start && comma(lead - 1) && is_mark(ctx, lead - 1);
    let mut k = c + 1;
    while ctx.is(k, class::ADV | class::TIME) {
        k += 1;
    }
    let closed = ctx.is_punct(k, &[",", ";"])
        || ctx.ends_sentence(k)
        || k >= ctx.sentence_range(c).end
        || ctx.is(k, class::PREP) && !ctx.eq(k, "that");
    let person = matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_));
    (set_off && closed && person).then_some(np)
}

/// ", explained Rosenberg, ...": the name after a verb of speech at token `c`, set off
/// by commas.
fn inverted_aside(ctx: &Ctx, c: usize) -> Option<Np> {
    let end = ctx.sentence_range(c).end;
    let np = crate::quotes::speaker::subject_after(ctx, c, end)?;
    let last = np.role.map_or(np.last, |r| ctx.tokens_before(r.end).max(np.last + 1) - 1);
    let closed = ctx.is_punct(last + 1, &[","]) || ctx.ends_sentence(last + 1);
    (closed && matches!(np.kind, NpKind::Name(_))).then_some(np)
}

/// Words that open a clause inside a sentence.
const SUBORDINATORS: [&str; 14] = [
    "when", "while", "as", "after", "before", "because", "although", "though", "since", "until",
    "if", "unless", "whereas", "once",
];

/// True when token `k` is a word that opens a clause inside a sentence (each a
/// preposition or conjunction to the lexicon, whose flags answer for most words).
pub(crate) fn is_subordinator(ctx: &Ctx, k: usize) -> bool {
    ctx.is(k, class::PREP | class::CONJ) && ctx.eq_any(k, &SUBORDINATORS)
}

/// The subject starting at token `s` when a verb follows it.
fn subject_at(ctx: &Ctx, s: usize, limit: usize) -> Option<Np> {
    let (np, end) = noun_phrase(ctx, s, limit)?;
    if expletive(ctx, np.first, end + 1) {
        return None;
    }
    let next = past_apposition(ctx, end + 1, limit);
    if let Some(agent) = passive_agent(ctx, next, limit) {
        return Some(agent);
    }
    if np.kind == NpKind::Nominal && np.first == np.last && !one_word_subject(ctx, s) {
        return None;
    }
    // "Clinton: "..."": a name and a colon introduce the quotation.
    let colon = matches!(np.kind, NpKind::Name(_)) && ctx.is_punct(next, &[":"]);
    let verb = ctx.is_word(next) && !ctx.is(next, class::CONJ);
    (next < limit && (verb || colon)).then_some(np)
}

/// True when the one word at token `i` can be a subject that speaks: a role or noun
/// the lexicon knows ("Officials"), a plural ("Democrats"), or a determiner standing
/// alone ("Another tweeted"); not an adverb or a number ("Thus", "Back", "2011").
fn one_word_subject(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.str(i);
    ctx.is(i, class::ROLE | class::NOMINAL | class::DET)
        || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
}

/// "It was ...", "It's been common ...", "There is ...": an empty subject, no speaker
/// ("It's denouncing ..." still speaks).
fn expletive(ctx: &Ctx, np: usize, verb: usize) -> bool {
    let progressive = ctx.is_word(verb + 1) && ctx.str(verb + 1).ends_with("ing");
    (ctx.eq(np, "it") || ctx.eq(np, "there")) && ctx.eq_any(verb, &EXPLETIVE_VERBS) && !progressive
}

/// Verbs after an empty "it" or "there".
const EXPLETIVE_VERBS: [&str; 8] =
    ["is", "was", "'s", "\u{2019}s", "seems", "seemed", "has", "makes"];

/// Skips conjunctions, a dateline and opening phrases that end with a comma
/// ("Later in the day,", "Asked about the polls,", "When he returned,").
fn skip_openers(ctx: &Ctx, start: usize, limit: usize) -> Option<usize> {
    let mut s = ctx.past_dateline(start, limit);
    for _ in 0..MAX_OPENERS {
        let stop = limit.min(s + MAX_OPENER);
        while s < stop && (!ctx.is_word(s) && !is_mark(ctx, s) || coordinator(ctx, s)) {
            s += 1;
        }
        if s >= limit {
            return None;
        }
        // "Maybe he ...", "Now they ...": a capitalized word before a pronoun opens
        // ("When he returned, ..." opens a clause, which its comma ends).
        if ctx.is(s + 1, class::PRON)
            && ctx.names.mention_at(s).is_none()
            && !is_subordinator(ctx, s)
        {
            s += 1;
            continue;
        }
        if !opens_phrase(ctx, s) && !timed(ctx, s, limit) {
            return Some(s);
        }
        let stop = limit.min(s + MAX_OPENER);
        s = match (s..stop).find(|&k| ctx.is_punct(k, &[","])) {
            Some(comma) => comma + 1,
            // "When Trump finally wrapped up — "...": the clause holds the quotation.
            None if ctx.is(s, class::CONJ) => s + 1,
            None => return None,
        };
    }
    None
}

/// True when the verb at token `v` follows "and" or "but" inside the clause from token
/// `start`: "X met Y and said ...", whose subject is the first verb's.
pub(crate) fn after_and(ctx: &Ctx, v: usize, start: usize) -> bool {
    v > start + 1 && (ctx.eq(v - 1, "and") || ctx.eq(v - 1, "but"))
}

/// "But", "And", "So" before a subject.
fn coordinator(ctx: &Ctx, i: usize) -> bool {
    ctx.is(i, class::CONJ) && ctx.eq_any(i, &COORDINATORS)
}

/// True when token `i` opens a phrase before the subject: a preposition, a subordinating
/// conjunction, an adverb, a time word, a participle ("Speaking to reporters,").
fn opens_phrase(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.str(i);
    // "Reading from a text, ...": a participle, even one that is also a place name.
    if w.len() > 4 && w.ends_with("ing") && ctx.lower_case(i + 1) {
        return true;
    }
    ctx.is(i, class::PREP | class::CONJ | class::ADV | class::TIME)
        || adverb(ctx, i)
        || ctx.cue(i).is_some()
        || (ctx.names.mention_at(i).is_none() && w.len() > 4 && w.ends_with("ed"))
}

/// "A few days later,", "Last week,": a short phrase with a time word, then a comma.
fn timed(ctx: &Ctx, s: usize, limit: usize) -> bool {
    let stop = limit.min(s + 6);
    let comma = (s..stop).find(|&k| ctx.is_punct(k, &[","]));
    comma.is_some_and(|c| (s..c).any(|k| ctx.is(k, class::TIME)))
}

/// A lower-case word in -ly that the lexicon does not know as a noun: an adverb
/// ("forcefully", "memorably").
#[inline(always)]
pub(crate) fn adverb(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.tokens.get(i).map_or(&[][..], |t| ctx.bytes(t));
    w.len() > 4
        && w.ends_with(b"ly")
        && ctx.lower_case(i)
        && !ctx.is(i, class::NOMINAL | class::ROLE)
}

/// True when the cue at token `i` reads as a noun: "the report", "its statements",
/// "Cruz's thinking".
pub(crate) fn noun_reading(ctx: &Ctx, i: usize) -> bool {
    let Some(cue) = ctx.cue(i) else { return false };
    // "his thinking", "the voting": an -ing form after a possessive or article, too.
    // "of Republican claims", "in recent reports": one modifier after a preposition.
    let modified = i > 1 && ctx.is(i - 2, class::PREP) && ctx.eq_any(i - 2, &OBJECT_PREPOSITIONS);
    // "the annual report stated", "Reports say": the subject of the verb of speech after
    // it; "Will claims affirmed", "Mills writes back" have a subject of their own.
    let finite = |c: CueVerb| {
        c.class == CueClass::Speech && matches!(c.form, Form::Past | Form::Present | Form::Base)
    };
    let before = (i.saturating_sub(3)..i).rev().find(|&k| !ctx.is(k, class::ADV));
    let named = before.is_some_and(|k| ctx.names.mention_at(k).is_some() || ctx.is(k, class::PRON));
    let subject = ctx.cue(i + 1).is_some_and(finite) && (cue.form == Form::Base || !named);
    matches!(cue.form, Form::Base | Form::Present | Form::Gerund)
        && i > 0
        && (ctx.is(i - 1, class::DET | class::POSS) || possessive(ctx, i - 1))
        || cue.form == Form::Present && modified && ctx.is_word(i - 1)
        || matches!(cue.form, Form::Base | Form::Present) && subject
        // "spontaneous chants of "..."": an -s form before "of" with no name or pronoun
        // before it ("she says of the plan") is a plural noun; "says" is a verb ("the
        // actor says of the race").
        || cue.form == Form::Present && !named && cue.lemma != "say" && ctx.eq(i + 1, "of")
}

/// Coordinating words before a subject; each a conjunction to the lexicon.
const COORDINATORS: [&str; 7] = ["and", "or", "but", "nor", "so", "yet", "then"];

/// Prepositions whose object is a noun phrase, never a clause's subject; each a
/// preposition to the lexicon.
const OBJECT_PREPOSITIONS: [&str; 7] = ["of", "in", "on", "with", "from", "about", "among"];

/// True for the "'s" of a possessive.
#[inline(always)]
pub(crate) fn possessive(ctx: &Ctx, i: usize) -> bool {
    ctx.tokens.get(i).is_some_and(|t| t.joined) && (ctx.eq(i, "'s") || ctx.eq(i, "’s"))
}

/// A noun phrase starting at token `s`: a pronoun, a name after its titles, or a common
/// noun phrase, with one prepositional phrase after its head; and its last token.
fn noun_phrase(ctx: &Ctx, s: usize, limit: usize) -> Option<(Np, usize)> {
    if ctx.is(s, class::PRON) && ctx.is_word(s) {
        return np_ending_at(ctx, s, s).map(|np| (np, s));
    }
    if !ctx.is_word(s) || ctx.is(s, class::PREP | class::CONJ | class::AUX | class::REL) {
        return None;
    }
    // An unknown lower-case word ("alluded") starts no subject.
    let known = ctx.is(s, class::DET | class::POSS | class::ROLE | class::NOMINAL);
    if ctx.lower_case(s) && !known {
        return None;
    }
    // "It is ...", "There was ...": no one speaks.
    if ctx.eq(s, "there") || ctx.eq(s, "it") && ctx.is(s + 1, class::AUX) {
        return None;
    }
    // The head: its last token, and the name it ends, if any.
    let mut head: Option<(usize, Option<usize>)> = None;
    let mut head_known = false;
    let mut end = s;
    let mut in_pp = false;
    let mut k = s;
    while k < limit && k - s < MAX_SUBJECT {
        if let Some(m) = ctx.names.mention_at(k).filter(|m| m.tokens.start == k) {
            let last = (m.tokens.end - 1).min(limit - 1);
            if !in_pp {
                head = Some((last, Some(ctx.names.token_mention[k] as usize)));
                head_known = true;
            }
            end = last;
            k = last + 1;
            continue;
        }
        if possessive(ctx, k) {
            // "Trump's campaign manager": the owner is no head.
            head = None;
            head_known = false;
            end = k;
            k += 1;
            continue;
        }
        if !ctx.is_word(k) {
            if ctx.is_punct(k, &["-"]) && touching(ctx, k) && k + 1 < limit {
                // "so-called", "secretary-general": one word.
                if head.is_some_and(|(h, _)| h + 1 == k) && !in_pp {
                    head = Some((k + 1, None));
                }
                end = k + 1;
                k += 2;
                continue;
            }
            break;
        }
        let starts = k == s || (in_pp && ctx.is(k - 1, class::PREP));
        if ctx.is(k, class::DET | class::POSS) && !starts {
            break;
        }
        // "Blumenthal and Cohen": two names make one subject.
        // "Blumenthal and Cohen", "The front-runner and former secretary of state".
        let joins = ctx.is_word(k + 1)
            && !ctx.is(k + 1, class::PRON | class::AUX | class::ADV | class::CONJ)
            && ctx.no_cue(k + 1);
        if ctx.eq(k, "and") && head.is_some() && joins {
            in_pp = true;
            k += 1;
            continue;
        }
        if ctx.is(k, class::PREP) {
            if in_pp || head.is_none() || !ctx.eq_any(k, &OF) {
                break;
            }
            in_pp = true;
            k += 1;
            continue;
        }
        let verb = ctx.cue(k).is_some() && !noun_reading(ctx, k)
            || (head.is_some() && ctx.lower_case(k) && ctx.str(k).ends_with("ed"));
        if verb || ctx.is(k, class::CONJ | class::AUX | class::REL | class::ADV | class::PRON) {
            break;
        }
        if adverb(ctx, k) {
            break;
        }
        // Capitalized words, titles and nouns the lexicon knows make a head; an unknown
        // lower-case word does so only when nothing else has.
        let nounish =
            !ctx.lower_case(k) && !ctx.is(k, class::DET) || ctx.is(k, class::ROLE | class::NOMINAL);
        if !in_pp && (nounish || !head_known) {
            head = Some((k, None));
            head_known = nounish;
        }
        end = k;
        k += 1;
    }
    if in_pp && end + 1 == k && (ctx.is(end, class::PREP) || ctx.eq(end, "and")) {
        end -= 1;
    }
    // "Some chanted", "Another tweeted": a determiner may stand alone, an article not.
    let article = |h: usize| ctx.eq_any(h, &["the", "a", "an"]);
    let (last, name) = head.filter(|&(h, _)| !article(h) && !ctx.is(h, class::POSS))?;
    let np = match name {
        Some(m) => {
            let mention = &ctx.names.mentions[m];
            let first = mention.tokens.start;
            let role = if first > s { Some(ctx.span(s, first - 1)) } else { mention.role };
            Np { span: mention.span, first, last, kind: NpKind::Name(m), role }
        }
        None => {
            let to = if in_pp { end } else { last };
            Np { span: ctx.span(s, to), first: s, last: to, kind: NpKind::Nominal, role: None }
        }
    };
    Some((np, end))
}

/// The first token after a subject's apposition, parenthesis and adverbs:
/// "Sanders, celebrating a victory, is pledging", "Rep. Jim Jordan (R-Ohio) also called".
fn past_apposition(ctx: &Ctx, mut k: usize, limit: usize) -> usize {
    if ctx.is_punct(k, &["("]) {
        if let Some(close) = (k + 1..limit.min(k + 10)).find(|&j| ctx.is_punct(j, &[")"])) {
            k = close + 1;
        }
    }
    // "Ana Ruiz, the mayor, said", "Ana Ruiz — the mayor — said".
    for pair in [",", "—", "–"] {
        if ctx.is_punct(k, &[pair]) {
            let stop = limit.min(k + MAX_APPOSITION);
            if let Some(close) = (k + 1..stop).find(|&j| ctx.is_punct(j, &[pair])) {
                k = close + 1;
            }
            break;
        }
    }
    let stop = limit.min(k + 4);
    while k < stop && (ctx.is(k, class::ADV) || adverb(ctx, k) || ctx.eq(k, "however")) {
        k += 1;
    }
    k
}

/// "was asked by host Bill Maher": the agent after "by".
fn passive_agent(ctx: &Ctx, k: usize, limit: usize) -> Option<Np> {
    if !ctx.eq_any(k, &BE) {
        return None;
    }
    let mut j = k + 1;
    while j < limit.min(k + 4) && (ctx.is(j, class::ADV) || adverb(ctx, j)) {
        j += 1;
    }
    let participle = ctx.cue(j).is_some_and(|c| c.form == Form::Past) || ctx.str(j).ends_with("ed");
    if !participle || !ctx.eq(j + 1, "by") {
        return None;
    }
    noun_phrase(ctx, j + 2, limit).map(|(np, _)| np)
}

#[cfg(test)]
mod tests {
    use crate::names::lexicon::{class, word};
    use crate::Pipeline;

    #[test]
    fn word_lists_tested_after_a_class_have_it() {
        let lists: [(&[&str], u32); 3] = [
            (&super::SUBORDINATORS, class::PREP | class::CONJ),
            (&super::OBJECT_PREPOSITIONS, class::PREP),
            (&super::COORDINATORS, class::CONJ),
        ];
        for (list, flags) in lists {
            for w in list {
                assert!(word(w).is(flags) && word(&w.to_uppercase()).is(flags), "{w}");
            }
        }
    }

    /// The speaker found for the one quotation in `text`.
    fn speaker_of(text: &str) -> Option<String> {
        let doc = Pipeline::new().analyze(text);
        let q = doc.quotes.iter().find(|q| q.kind != crate::QuoteKind::Indirect)?;
        q.speaker.as_ref().map(|s| s.mention.as_str(text).to_string())
    }

    #[test]
    fn subjects_of_sentences_without_a_cue() {
        let rows = [
            ("The former senator waved away “a fantasy budget” on Monday.", "The former senator"),
            (
                "In an interview on Friday, Trump's campaign manager dismissed “a fantasy budget.”",
                "Trump's campaign manager",
            ),
            (
                "Bernie Sanders, celebrating a win, is pledging to “fight for every vote.”",
                "Bernie Sanders",
            ),
            ("Rubio was asked by host Bill Maher about his “bold new plan.”", "Bill Maher"),
            (
                "The billionaire businessman began by mocking the “low energy” of his rival.",
                "The billionaire businessman",
            ),
            (
                "A spokesman for the ministry repeated the “firm position” of the government.",
                "A spokesman for the ministry",
            ),
            ("But the group's chairwoman Ana Ruiz shrugged off “the noise.”", "Ana Ruiz"),
            ("The report shows a “deep and lasting” decline.", "The report"),
            ("She regularly recites the line: “Nobody gets left behind.”", "She"),
        ];
        for (text, want) in rows {
            assert_eq!(speaker_of(text).as_deref(), Some(want), "{text}");
        }
    }
}
