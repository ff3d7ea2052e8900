//! Attribution of quotations in marks, by an ordered list of rules (a sieve): the
//! speaker next to the quotation first, then split quotations, then the surrounding
//! text.

use crate::document::{QuoteKind, TokenKind};
use crate::names::lexicon::class;
use crate::quotes::context::Ctx;
use crate::quotes::cues::{CueClass, Form};
use crate::quotes::marks::Quoted;
use crate::quotes::speaker::{np_ending_at, subject_after, subject_before, touching, Np, NpKind};
use crate::quotes::{Draft, Who};

/// How far after a quotation its cue may be, in tokens.
const CUE_AFTER: usize = 40;
/// How far before a quotation's opening mark its cue may be, in tokens.
const CUE_BEFORE: usize = 8;
/// Tokens allowed after the cue of an attribution that follows a quoted question.
const QUESTION_TAIL: usize = 12;
/// Cues read after a quotation, past those inside a relative clause.
const MAX_TRAILING_CUES: usize = 3;
/// How far back a sentence is read for an earlier quotation, in tokens.
pub(crate) const LOOK_BACK: usize = 60;
/// Tokens allowed between two parts of a split quotation besides the attribution.
const SPLIT_GAP: usize = 16;
/// The longest title of a show or paper in marks, in words.
const MAX_TITLE_WORDS: usize = 8;

/// The attribution found for one quotation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attribution {
    pub cue: usize,
    pub np: Np,
    pub rule: &'static str,
    pub confidence: f32,
    /// The last token of the attribution ("said Lavrov" -> "Lavrov").
    pub end: usize,
}

/// Token indices of a quotation: its opening and closing marks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marks {
    pub open: usize,
    pub close: usize,
}

/// Where the marks of `q` are among the tokens.
pub(crate) fn marks_of(ctx: &Ctx, q: &Quoted) -> Marks {
    let open = ctx.token_at_or_after(q.span.start);
    let close = ctx.tokens_before(q.span.end).saturating_sub(1).max(open);
    Marks { open, close }
}

/// `"...," said X` and `"...," X said`, with the cue right after the quotation.
pub(crate) fn trailing(ctx: &Ctx, marks: Marks, limit: usize) -> Option<Attribution> {
    let mut i = marks.close + 1;
    let mut skipped = 0;
    // `''... of them,''' said X`: a nested quotation closes with the outer one.
    let gap = |i: usize| ctx.is_punct(i, &[",", "—", "–", "―", "-", "--"]) || is_mark(ctx, i);
    while i < limit && skipped < 2 && gap(i) {
        i += 1;
        skipped += 1;
    }
    // `"..." ― Maria Lopez`: a dash and a name closing the paragraph.
    let dash = marks.close + 1;
    if dash < i && i < limit && ctx.is_punct(dash, &["—", "–", "―", "-", "--"]) {
        let m = ctx.names.mention_at(i).filter(|m| m.tokens.start == i)?;
        let kind = NpKind::Name(ctx.names.token_mention[i] as usize);
        let np = Np { span: m.span, first: i, last: m.tokens.end - 1, kind, role: m.role };
        let closes = np.last + 1 >= limit || ctx.is_punct(np.last + 1, &[",", "."]);
        let attribution = Attribution {
            cue: dash,
            np,
            rule: "quote-dash-speaker",
            confidence: 0.8,
            end: np.last,
        };
        return closes.then_some(attribution);
    }
    // The attribution belongs to the quotation's sentence: `"...?" she asked` is one
    // sentence, `"... appeal." He said ...` starts another.
    let same_sentence = ctx.sentence_of.get(i) == ctx.sentence_of.get(marks.close);
    // The last word's punctuation, inside any nested quotation's mark: `?'"`.
    let before = marks.close.saturating_sub(1);
    let last = if is_mark(ctx, before) { before.saturating_sub(1) } else { before };
    let asked = ctx.is_punct(last, &["?", "!"]);
    if i >= limit {
        return None;
    }
    // After "?" or "!" a new sentence may still be the attribution when it ends soon
    // after: `"Where to?" Smith asked.`, `"Why now?" Smith said on Friday.`; after a
    // period only when it is nothing else: `"... missing." Trump said.`
    // `"Who are they?" Trump said of Apple, when ...`: right after a question, a name
    // and a cue attribute it however long the sentence runs on.
    let close_by =
        |end: usize| end <= i + 4 && !ctx.eq(end + 1, "that") && !ctx.is(end + 1, class::PRON);
    let short = |end: usize| {
        same_sentence
            || asked
                && (ctx.sentence_range(end).end.min(limit) <= end + 1 + QUESTION_TAIL
                    || close_by(end))
            || ctx.ends_sentence(end + 1) && ctx.sentence_range(end).end <= end + 2
    };
    if let Some((np, put)) = crate::quotes::subject::as_put_it(ctx, i, limit) {
        let attribution = Attribution {
            cue: put,
            np,
            rule: "quote-as-speaker-put-it",
            confidence: 0.85,
            end: put + 1,
        };
        return short(put + 1).then_some(attribution);
    }
    // "told X" names the listener, not the speaker.
    // `"...," claiming that he ...`: a participle is no inversion; its subject is the
    // main clause's. `"..." suggests that X ...`: a clause follows, not a speaker.
    if is_speech(ctx, i)
        && ctx.cue(i).is_some_and(|c| c.lemma != "tell" && c.form != Form::Gerund)
        && !ctx.eq(i + 1, "that")
    {
        let np = subject_after(ctx, i, limit)?;
        let end =
            np.role.map_or(np.last, |r| ctx.tokens_before(r.end).saturating_sub(1).max(np.last));
        let attribution =
            Attribution { cue: i, np, rule: "quote-cue-speaker", confidence: 0.95, end };
        return short(end).then_some(attribution);
    }
    let stop = (i + CUE_AFTER).min(limit);
    let cues = (i..stop)
        .take_while(|&k| !ctx.ends_sentence(k) && !is_mark(ctx, k))
        .filter(|&k| ctx.cue(k).is_some() && !crate::quotes::subject::noun_reading(ctx, k));
    // `"...," Cruz, who has proposed a repeal, said`: a cue inside a relative clause
    // gives way to the next.
    for c in cues.take(MAX_TRAILING_CUES) {
        if !is_speech(ctx, c) {
            return None;
        }
        let relative = (i..c).any(|k| ctx.is(k, class::REL));
        // `"...," Scott Pruitt, the attorney general of Oklahoma, one of the states
        // suing, said`: a name right after the quotation, then appositions up to the cue.
        // `"...," giving states more power`: a participle opens no subject.
        let participle = ctx.lower_case(i) && ctx.str(i).ends_with("ing");
        let np = match (subject_before(ctx, c, i), named_with_apposition(ctx, i, c)) {
            (Some(np), _) if np.first >= i && titled(ctx, i, np.first) && !participle => Some(np),
            (_, Some(np)) => Some(np),
            _ => None,
        };
        // `"..." He did not elaborate.`: a denied act of speech attributes nothing; nor
        // does one with a clause of its own (`"...," he claimed they never met`).
        let denied = (c.saturating_sub(2)..c).any(|k| ctx.eq(k, "not") || ctx.eq(k, "n't"))
            || ctx.eq(c + 1, "that")
            || ctx.is(c + 1, class::PRON);
        if let Some(np) = np.filter(|_| !denied) {
            let rule = "quote-speaker-cue";
            return short(c).then_some(Attribution { cue: c, np, rule, confidence: 0.95, end: c });
        }
        if !relative {
            break;
        }
    }
    // The quotation ends its clause with a comma, "?" or "!".
    let ends = ctx.is_punct(last, &[",", "?", "!"]) || ctx.is_punct(marks.close + 1, &[","]);
    speaker_verb(ctx, i, limit).filter(|a| ends && short(a.end))
}

/// The longest line naming the speaker of the quotation before it, in tokens.
const MAX_DASH_LINE: usize = 16;

/// A quotation closing its paragraph, then a line of its own with a dash and a name,
/// before token `next_open`: `"..."` / `- Hillary Clinton.` / `-President Obama, tweeting.`
fn dash_line(ctx: &Ctx, marks: Marks, next_open: usize) -> Option<Attribution> {
    let para = ctx.paragraph_of(marks.close)? as usize;
    let here = ctx.paragraph_tokens(para);
    if (marks.close + 1..here.end).any(|k| ctx.is_word(k) || is_mark(ctx, k)) {
        return None;
    }
    let line = ctx.paragraph_tokens(para + 1);
    let dash = line.start;
    if line.len() > MAX_DASH_LINE
        || next_open < line.end
        || !ctx.is_punct(dash, &["—", "–", "―", "-", "--"])
    {
        return None;
    }
    // A title may stand before the name: "-President Obama".
    let start = (dash + 1..line.end.min(dash + 4)).find(|&k| ctx.names.mention_at(k).is_some())?;
    let m = ctx.names.mention_at(start).filter(|m| m.tokens.start == start)?;
    let last = m.tokens.end - 1;
    let titled = (dash + 1..start).all(|k| ctx.is(k, class::ROLE | class::HONORIFIC));
    let closes = last + 1 >= line.end || ctx.is_punct(last + 1, &[",", "."]);
    if !titled || !closes {
        return None;
    }
    let kind = NpKind::Name(ctx.names.token_mention[start] as usize);
    let np = Np { span: m.span, first: start, last, kind, role: m.role };
    Some(Attribution { cue: dash, np, rule: "quote-dash-speaker", confidence: 0.8, end: last })
}

/// `"...," Trump shot back.`, `"...," he mocks.`: a name or pronoun right after the
/// quotation and one verb the cue lexicon does not know, closing the clause.
fn speaker_verb(ctx: &Ctx, i: usize, limit: usize) -> Option<Attribution> {
    let np = match ctx.names.mention_at(i) {
        Some(m) if m.tokens.start == i => np_ending_at(ctx, m.tokens.end - 1, i)?,
        Some(_) => return None,
        None if ctx.is(i, class::PRON) => np_ending_at(ctx, i, i)?,
        None => return None,
    };
    let mut v = np.last + 1;
    while v < limit.min(np.last + 4)
        && (ctx.is(v, class::ADV) || crate::quotes::subject::adverb(ctx, v))
    {
        v += 1;
    }
    let lower = ctx.str(v).starts_with(|c: char| c.is_lowercase());
    let function = class::PREP | class::CONJ | class::AUX | class::DET | class::PRON | class::POSS;
    if v >= limit || !ctx.is_word(v) || !lower || ctx.is(v, function | class::REL) {
        return None;
    }
    let mut end = v + 1;
    if ctx.eq_any(end, &["back", "on", "up", "out", "in"]) {
        end += 1;
    }
    let closes = end >= limit
        || ctx.ends_sentence(end)
        || ctx.is_punct(end, &[","])
        || ctx.is(end, class::PREP) && !ctx.eq(end, "to");
    closes.then_some(Attribution {
        cue: v,
        np,
        rule: "quote-speaker-verb",
        confidence: 0.7,
        end: end - 1,
    })
}

/// True when only a title or role stands between tokens `from` and `to` (exclusive).
fn titled(ctx: &Ctx, from: usize, to: usize) -> bool {
    // "the Florida senator and Republican presidential candidate said", "Texas-based
    // Matt Mackowiak said": a hyphen inside a word before a name is part of it.
    let joins = |k: usize| ctx.eq(k, "and") && k > from;
    let named = ctx.names.mention_at(to).is_some_and(|m| m.tokens.start == to);
    // "the bespectacled, 71-year-old diplomat said": a comma between two modifiers
    // after an article.
    let between = |k: usize| {
        k > from + 1 && ctx.is(from, class::DET) && ctx.lower_case(k - 1) && ctx.is_punct(k, &[","])
    };
    (from..to).all(|k| {
        (ctx.is_word(k) || named && ctx.is_punct(k, &["-"]) && touching(ctx, k) || between(k))
            && ctx.cue(k).is_none()
            && (!ctx.is(k, class::PREP | class::CONJ) || joins(k))
    })
}

/// A name starting at token `i` (after a title), followed by a comma, with only
/// appositions between it and the cue at `c`.
fn named_with_apposition(ctx: &Ctx, i: usize, c: usize) -> Option<Np> {
    let start = (i..c.min(i + 4)).find(|&k| ctx.names.mention_at(k).is_some())?;
    let m = ctx.names.mention_at(start).filter(|m| m.tokens.start == start)?;
    let mut last = m.tokens.end - 1;
    // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
    if ctx.is_punct(last + 1, &["("]) {
        last = (last + 2..c.min(last + 10)).find(|&k| ctx.is_punct(k, &[")"]))?;
    }
    let comma_before_cue = (last + 1..c).rev().find(|&k| !ctx.is(k, class::ADV | class::AUX))?;
    if !titled(ctx, i, start)
        || !ctx.is_punct(last + 1, &[","])
        || !ctx.is_punct(comma_before_cue, &[","])
    {
        return None;
    }
    let role = (comma_before_cue > last + 2).then(|| ctx.span(last + 2, comma_before_cue - 1));
    let kind = NpKind::Name(ctx.names.token_mention[start] as usize);
    Some(Np { span: m.span, first: start, last: m.tokens.end - 1, kind, role: role.or(m.role) })
}

/// The lemma of the cue at token `i`: a reporting verb's, "according to", or "say" for
/// a verb or punctuation that stands for it (a dash, a colon, "shot back").
fn cue_lemma(ctx: &Ctx, i: usize) -> &'static str {
    match ctx.cue(i) {
        Some(c) => c.lemma,
        None if ctx.eq(i, "according") => "according to",
        None => "say",
    }
}

/// True when token `i` is a verb of speech ("said", "told"), not of belief or intent.
fn is_speech(ctx: &Ctx, i: usize) -> bool {
    ctx.cue(i).is_some_and(|c| c.class == CueClass::Speech)
}

/// `X said: "..."`, `X told reporters, "..."`, `According to X, "..."`: the cue right
/// before the opening mark.
pub(crate) fn leading(ctx: &Ctx, marks: Marks) -> Option<Attribution> {
    let mut j = marks.open.checked_sub(1)?;
    let colon = ctx.is_punct(j, &[":", ","]);
    if colon {
        j = j.checked_sub(1)?;
    }
    // Only a colon lets the cue sit in the paragraph before.
    if !colon && ctx.paragraph_of(j) != ctx.paragraph_of(marks.open) {
        return None;
    }
    let sentence = ctx.sentence_range(j);
    if let Some((np, cue)) = crate::quotes::subject::as_opener(ctx, sentence.start, marks.open) {
        let rule = "as-speaker-quote";
        return Some(Attribution { cue, np, rule, confidence: 0.85, end: j });
    }
    let lowest = j.saturating_sub(CUE_BEFORE).max(sentence.start);
    // Whether the quotation is a title, asked once: it does not depend on `k`.
    let mut title = None;
    let mut k = j + 1;
    while k > lowest {
        k -= 1;
        if is_mark(ctx, k) || ctx.ends_sentence(k) {
            return None;
        }
        // "According to X, the party has won "..."": the source ends at its comma.
        if ctx.eq(k, "to")
            && k > lowest
            && ctx.eq(k - 1, "according")
            && !(k + 1..j).any(|b| ctx.is_punct(b, &[","]))
        {
            let np = np_ending_at(ctx, j, k + 1)?;
            return Some(Attribution {
                cue: k - 1,
                np,
                rule: "according-to-quote",
                confidence: 0.85,
                end: j,
            });
        }
        if *title.get_or_insert_with(|| named_after_noun(ctx, marks.open)) {
            return None;
        }
        if ctx.cue(k).is_some()
            && !crate::quotes::subject::noun_reading(ctx, k)
            && !particle(ctx, k)
        {
            // Without a colon or comma the cue stands right before the quotation, or
            // has a short object between: `X told reporters "..."`.
            let between = j + 1 - (k + 1);
            let object_ok = (k + 1..=j).all(|b| {
                ctx.is_word(b) && !ctx.eq(b, "that") && !ctx.is(b, class::CONJ | class::REL)
            });
            if !is_speech(ctx, k)
                || (!colon && (between > 2 || !object_ok))
                || (colon && !object_ok && between > 0)
            {
                return None;
            }
            // "Lavrov said: ..." or, inverted, "Said Lavrov: ...".
            // "Trump went after Bush, calling him "a total stiff"": a participle after a
            // comma has the main clause's subject.
            let gerund = ctx.cue(k).is_some_and(|c| c.form == Form::Gerund);
            let participle = gerund && k > sentence.start && ctx.is_punct(k - 1, &[","]);
            // "X issued a statement Tuesday saying, "..."": a participle after a noun is
            // the words of the sentence's subject, not of the noun.
            let reduced =
                gerund && k > sentence.start && ctx.is_word(k - 1) && !ctx.is(k - 1, class::AUX);
            let np = if k == sentence.start {
                subject_after(ctx, k, j + 1)?
            } else if participle {
                // `"...," she said, adding, "..."`: left to the reported speech rules,
                // which know the first quotation's speaker.
                if (k.saturating_sub(LOOK_BACK).max(sentence.start)..k).any(|i| is_mark(ctx, i)) {
                    return None;
                }
                // "CLAUSE, Spicer said, adding, "..."": the speaker of the cue before it.
                let mut c = k.saturating_sub(2).max(sentence.start);
                while c > sentence.start && ctx.is(c, class::TIME) {
                    c -= 1;
                }
                let reported = (c > sentence.start && is_speech(ctx, c))
                    .then(|| subject_before(ctx, c, sentence.start))
                    .flatten()
                    .filter(|np| {
                        np.first > sentence.start
                            && matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_))
                    });
                match reported.or_else(|| clause_pronoun(ctx, sentence.start, k - 1)) {
                    Some(np) => np,
                    None => crate::quotes::subject::subject_of(ctx, sentence.start, k - 1)?,
                }
            } else if let Some(np) =
                reduced.then(|| participle_subject(ctx, k, sentence.start)).flatten()
            {
                np
            } else if let Some(np) = crate::quotes::subject::subject_of(ctx, sentence.start, k)
                .filter(|np| reduced && np.last + 1 < k)
            {
                np
            } else {
                // "I laughed and said, "..."": the verb shares the first one's subject.
                let shared = || {
                    crate::quotes::subject::after_and(ctx, k, sentence.start)
                        .then(|| crate::quotes::subject::subject_of(ctx, sentence.start, k - 1))
                        .flatten()
                };
                let np = subject_before(ctx, k, sentence.start).or_else(shared)?;
                outer_speaker(ctx, np, sentence.start)
            };
            // "Trump denounced what he called "...": the pronoun is the subject's, whom
            // the sentence names; left to the sentence rules.
            let what = np.first > sentence.start && ctx.eq(np.first - 1, "what");
            if what && matches!(np.kind, NpKind::Pronoun(_)) {
                return None;
            }
            let rule = if colon { "speaker-cue-colon-quote" } else { "speaker-cue-quote" };
            return Some(Attribution { cue: k, np, rule, confidence: 0.9, end: j });
        }
    }
    None
}

/// "if the U.S. pulls back, "...", "Rubio fired back: "..."": "back" after a verb is its
/// particle, not the verb "back" (support).
fn particle(ctx: &Ctx, k: usize) -> bool {
    k > 0
        && ctx.eq(k, "back")
        && ctx.lower_case(k - 1)
        && ctx.is_word(k - 1)
        && !ctx.is(k - 1, class::DET | class::AUX | class::PRON | class::ADV | class::CONJ)
}

/// "..., with the teachers' union calling her "a champion"", "both spoke - Ryan saying
/// he was "encouraged"": a noun after "with", or a name not after a preposition, right
/// before a participle is its own subject, not the sentence's ("wrote on Facebook saying"
/// is the sentence's).
fn participle_subject(ctx: &Ctx, k: usize, start: usize) -> Option<Np> {
    let np = subject_before(ctx, k, start)?;
    // "with many marchers and spectators chanting": the first of two nouns.
    let np = match np.first.checked_sub(2).filter(|&b| b > start && ctx.eq(b + 1, "and")) {
        Some(b) => np_ending_at(ctx, b, start).unwrap_or(np),
        None => np,
    };
    Some(np).filter(|np| {
        np.first > start
            && (ctx.eq(np.first - 1, "with")
                || matches!(np.kind, NpKind::Name(_)) && !ctx.is(np.first - 1, class::PREP))
    })
}

/// The longest clause read back from a participle's comma for its subject, in tokens.
const MAX_CLAUSE_BACK: usize = 20;

/// "X acknowledged it even as he defended the plan, saying, "..."": a pronoun right
/// after "as" or "while" in the clause that ends at the participle's comma
/// (`comma`) is the nearest subject, the one the participle goes with.
fn clause_pronoun(ctx: &Ctx, start: usize, comma: usize) -> Option<Np> {
    let lowest = comma.saturating_sub(MAX_CLAUSE_BACK).max(start);
    let opener = (lowest..comma)
        .rev()
        .take_while(|&k| !ctx.is_punct(k, &[",", ";", ":"]) && !is_mark(ctx, k))
        .find(|&k| ctx.eq_any(k, &["as", "while"]))?;
    crate::quotes::speaker::pronoun_of(ctx, opener + 1, class::PRON)
        .filter(|np| matches!(np.kind, NpKind::Pronoun(_)))
}

/// Participles that name a thing after a noun: "a film called "...", "a memo titled "...".
const NAMING: [&str; 8] =
    ["called", "titled", "entitled", "named", "nicknamed", "dubbed", "labeled", "labelled"];

/// True when the quotation opening at token `open` is a title (see [`names_a_show`])
/// or a name given after a noun ([`named_after_noun`]), not anyone's words.
pub(crate) fn names_a_title(ctx: &Ctx, open: usize) -> bool {
    names_a_show(ctx, open) || named_after_noun(ctx, open)
}

/// True when the quotation opening at token `open` is a name given after a noun ("a
/// group called the "...", "the so-called "..."); "what officials called "..."" and
/// "Trump called it "..."" are words. [`leading`] asks this alone: [`attribute`] tells
/// a show's title first.
pub(crate) fn named_after_noun(ctx: &Ctx, open: usize) -> bool {
    let Some(mut k) = open.checked_sub(1) else { return false };
    if k > 0 && ctx.is(k, class::DET) {
        k -= 1;
    }
    if !ctx.eq_any(k, &NAMING) || k < 2 {
        return false;
    }
    let noun = k - 1;
    if ctx.is_punct(noun, &["-"]) && ctx.eq(noun - 1, "so") {
        return true;
    }
    let lower = ctx.str(noun).starts_with(|c: char| c.is_lowercase());
    lower
        && ctx.is_word(noun)
        && !ctx.is(noun, class::PRON | class::POSS | class::AUX | class::REL | class::ADV)
        && ctx.names.mention_at(noun).is_none()
        && !(k.saturating_sub(4)..k).any(|i| ctx.eq(i, "what"))
}

/// "on CBS's "Face the Nation,"", "Fox News' "The Kelly File"": capitalized words in
/// marks after a name's possessive are the title of a show or paper; "Romney's "47
/// percent" remark" holds words.
fn names_a_show(ctx: &Ctx, open: usize) -> bool {
    let owner = match open.checked_sub(1) {
        Some(k) if crate::quotes::subject::possessive(ctx, k) => k - 1,
        Some(k)
            if k > 0
                && ["'", "’"].contains(&ctx.str(k))
                && ctx.tokens[k - 1].span.end == ctx.tokens[k].span.start
                && ctx.str(k - 1).ends_with('s') =>
        {
            k - 1
        }
        _ => return false,
    };
    if !ctx.capitalized(owner) {
        return false;
    }
    let small = class::DET | class::PREP | class::CONJ;
    let mut words = 0;
    for k in open + 1..open + 2 + MAX_TITLE_WORDS {
        if is_mark(ctx, k) {
            return words > 0;
        }
        if ctx.is_word(k) {
            if !ctx.capitalized(k) && !ctx.is(k, small) {
                return false;
            }
            words += 1;
        }
    }
    false
}

/// "Clinton said she opposes "...": a pronoun subject of a clause reported by a verb of
/// speech gives way to that verb's subject, the quotation's source.
fn outer_speaker(ctx: &Ctx, np: Np, floor: usize) -> Np {
    if !matches!(np.kind, NpKind::Pronoun(_)) {
        return np;
    }
    let Some(mut v) = np.first.checked_sub(1).filter(|&v| v > floor) else { return np };
    if ctx.eq(v, "that") && v > floor + 1 {
        v -= 1;
    }
    if !is_speech(ctx, v) {
        return np;
    }
    match subject_before(ctx, v, floor) {
        Some(outer) if !matches!(outer.kind, NpKind::Pronoun(_)) => outer,
        _ => np,
    }
}

/// True when token `i` is a quotation mark. Inlined: the rules ask it of many tokens,
/// most of them words or ASCII punctuation, answered in a few instructions.
#[inline(always)]
pub(crate) fn is_mark(ctx: &Ctx, i: usize) -> bool {
    let Some(t) =
        ctx.tokens.get(i).filter(|t| !matches!(t.kind, TokenKind::Word | TokenKind::Number))
    else {
        return false;
    };
    // Most tokens tested are ASCII punctuation: their first byte answers.
    match ctx.bytes(t).first() {
        Some(&b) if b.is_ascii() => return matches!(b, b'"' | b'\'' | b'`'),
        None => return false,
        Some(_) => {}
    }
    typographic_mark(ctx, i)
}

/// True when token `i`, which starts with a non-ASCII character, is a quotation mark:
/// out of line, as few tokens tested are.
#[inline(never)]
fn typographic_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.str(i).chars().next().is_some_and(|c| {
        matches!(c, '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '「' | '」' | '『' | '』')
    })
}

/// What the direct rules made of one quotation.
pub(crate) enum Slot {
    /// Attributed, possibly with the quotations after it joined in.
    Attributed(Draft),
    /// Joined into the quotation before it (a split quotation).
    Joined,
    /// No rule applied next to it.
    Free,
}

/// Attributes each top-level quotation with the rules that look right next to it, and
/// joins split quotations (`"...," X said, "..."`) into one. `marks[k]` are the marks of
/// `quoted[k]`. The tokens of the cues found are added to `cues`, in no particular order.
pub(crate) fn attribute(
    ctx: &Ctx,
    quoted: &[&Quoted],
    marks: &[Marks],
    cues: &mut Vec<usize>,
) -> Vec<Slot> {
    let find = |k: usize| {
        let m = marks.get(k)?;
        let para_end = ctx.paragraph_range(m.close).end;
        let limit = marks.get(k + 1).map_or(para_end, |n| n.open.min(para_end));
        if names_a_show(ctx, m.open) {
            return None;
        }
        let next_open = marks.get(k + 1).map_or(usize::MAX, |n| n.open);
        trailing(ctx, *m, limit)
            .or_else(|| leading(ctx, *m))
            .or_else(|| dash_line(ctx, *m, next_open))
    };
    let mut slots: Vec<Slot> = Vec::with_capacity(quoted.len());
    // Each quotation's attribution is found once, as the one after the quotation before
    // it, in turn: no list of them.
    let mut next = find(0);
    let mut k = 0;
    while k < quoted.len() {
        let found = next;
        next = find(k + 1);
        let Some(attr) = found else {
            slots.push(Slot::Free);
            k += 1;
            continue;
        };
        cues.push(attr.cue);
        let q = quoted[k];
        // The next quotation goes on this one when only this attribution stands between
        // them: `"...," X said. "..."`.
        let joins = match (quoted.get(k + 1), marks.get(k + 1)) {
            (Some(next_q), Some(m))
                if attr.end > marks[k].close
                    && joinable(ctx, attr.end, m.open, next.is_none_or(|a| a.cue == attr.cue)) =>
            {
                Some(next_q)
            }
            _ => None,
        };
        // A split quotation's parts are counted first, so its list is sized once.
        let mut content =
            Vec::with_capacity(q.earlier.len() + 1 + joins.map_or(0, |n| n.earlier.len() + 1));
        content.extend(q.parts());
        if let Some(next_q) = joins {
            content.extend(next_q.parts());
        }
        slots.push(Slot::Attributed(Draft {
            kind: QuoteKind::Direct,
            span: joins.map_or(q.span, |next_q| q.span.cover(next_q.span)),
            first: marks[k].open,
            content,
            cue: Some((ctx.tokens[attr.cue].span, cue_lemma(ctx, attr.cue))),
            who: Who::Np(attr.np),
            confidence: attr.confidence,
            rule: if joins.is_some() { "split-quote" } else { attr.rule },
        }));
        if joins.is_some() {
            slots.push(Slot::Joined);
            k += 1;
            next = find(k + 1);
        }
        k += 1;
    }
    slots
}

/// True when a quotation opening at token `open` continues the one whose attribution
/// ends at token `end`: same paragraph, a short gap with no other cue or pronoun.
fn joinable(ctx: &Ctx, end: usize, open: usize, next_is_free: bool) -> bool {
    next_is_free
        && open > end
        && open - end <= SPLIT_GAP
        && ctx.paragraph_of(open) == ctx.paragraph_of(end)
        && !(end + 1..open).any(|i| {
            ctx.cue(i).is_some() || (ctx.is(i, class::PRON) && ctx.is_word(i)) || named(ctx, i)
        })
}

/// True when a name opens a sentence at token `i`: `"...," said X. Y resisted: "..."`
/// has a new subject between the two quotations.
fn named(ctx: &Ctx, i: usize) -> bool {
    ctx.sentence_range(i).start == i && ctx.names.mention_at(i).is_some()
}
