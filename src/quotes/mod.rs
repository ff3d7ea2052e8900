//! Quotations and who said them.
//!
//! Four steps: pair quotation marks ([`marks`]); attribute each quotation with the most
//! reliable rule that applies next to it ([`direct`]); find reported speech without
//! marks, which may take in a short quotation and so make a mixed quote ([`indirect`]);
//! then attribute what is left from the surrounding text (the subject of the quotation's
//! own clause ([`subject`]), a continuing paragraph, an earlier speaker in the
//! paragraph). Speakers are resolved last, in text order, so a
//! pronoun finds the latest person named.

pub(crate) mod context;
pub(crate) mod cues;
pub(crate) mod direct;
mod indirect;
pub(crate) mod marks;
mod speaker;
mod subject;

use crate::document::{static_arc, Cue, Quote, QuoteKind, Speaker, Via};
use crate::span::Span;
use context::Ctx;
use direct::Marks;
use marks::{Family, Quoted};
use speaker::{Np, NpKind};
use std::sync::Arc;

/// A quotation whose speaker is not resolved yet.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub kind: QuoteKind,
    pub span: Span,
    /// The token where `span` starts, kept so that it is not searched for again.
    pub first: usize,
    pub content: Vec<Span>,
    /// The cue's span and lemma.
    pub cue: Option<(Span, &'static str)>,
    pub who: Who,
    pub confidence: f32,
    pub rule: &'static str,
}

/// Where a draft's speaker comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Who {
    /// These words name the speaker.
    Np(Np),
    /// The speaker of the quote before it (a continuing paragraph, a later sentence),
    /// named by its latest mention from this token on.
    Previous(usize),
    /// No speaker.
    Nobody,
}

/// Quotations shorter than this many words, with no cue, are scare quotes or titles.
const MIN_FREE_WORDS: usize = 6;

/// The longest name opening a transcript's turn, in words.
const MAX_TURN_NAME: usize = 3;

/// A title or name after "called" ("a film called "...") runs to at most this many words.
const MAX_TITLE_WORDS: usize = 10;

/// Finds the quotes of a document.
pub(crate) fn find_quotes(ctx: &Ctx) -> Vec<Quote> {
    let all = marks::find_quoted(ctx.text, ctx.paragraphs);
    let mut top: Vec<&Quoted> = Vec::with_capacity(all.len());
    top.extend(all.iter().filter(|q| q.depth == 0 && worth_reading(ctx, q)));
    // Each quotation's marks among the tokens, found once for every rule that reads them.
    let mut marks = Vec::with_capacity(top.len());
    marks.extend(top.iter().map(|q| direct::marks_of(ctx, q)));
    // The tokens that are already the cue of a quotation, in order.
    let mut used: Vec<usize> = Vec::with_capacity(top.len());
    let slots = direct::attribute(ctx, &top, &marks, &mut used);
    let n = ctx.tokens.len();
    let mut in_quote = vec![false; n];
    for m in &marks {
        if let Some(s) = in_quote.get_mut(m.open..=m.close.min(n.saturating_sub(1))) {
            s.iter_mut().for_each(|x| *x = true);
        }
    }
    used.sort_unstable();
    used.dedup();
    let reported = indirect::find(ctx, &in_quote, &used);
    // Reports are found first so that the list is sized once for them and the quotations.
    let mut drafts: Vec<Draft> = Vec::with_capacity(slots.len() + reported.len());
    let mut free: Vec<usize> = Vec::with_capacity(top.len());
    for (k, slot) in slots.into_iter().enumerate() {
        match slot {
            direct::Slot::Attributed(d) => drafts.push(d),
            direct::Slot::Joined => {}
            direct::Slot::Free => free.push(k),
        }
    }
    let attributed = Spans::new(drafts.iter().map(|d| d.span));
    let quoted = Spans::new(top.iter().map(|q| q.span));
    let outer = Spans::new(reported.iter().map(|d| d.span));
    // `next_kept[i]` leads to the first free quotation at or after `i` not yet taken
    // into a reported clause, so each is passed over once it is taken.
    let mut next_kept: Vec<usize> = (0..=free.len()).collect();
    let direct = drafts.len();
    // Which attributed quotations a report holds: few documents have any, so the table
    // is made at the first.
    let mut nested: Vec<bool> = Vec::new();
    for mut d in reported {
        if attributed.any_overlapping(d.span) {
            // "Cruz said he is sure Rubio will continue to be "a champion"": a quotation
            // whose attribution lies inside the reported clause is part of the report.
            let Some(inner) = nested_in(&drafts[..direct], d.span) else { continue };
            nested.resize(direct, false);
            nested[inner].iter_mut().for_each(|x| *x = true);
            d.kind = QuoteKind::Mixed;
        }
        // A report inside another one's clause ("X said that Y expected "...") leaves
        // the quotation it holds to the outer one.
        let cue = d.cue.map_or(d.span, |(c, _)| c);
        if quoted.any_inside(d.span) && outer.any_containing(cue) {
            continue;
        }
        // A reported clause holding a quotation with no cue of its own is a mixed quote.
        // Free quotations come in order of their start: only those starting inside the
        // clause can be in it.
        let mut i =
            kept_from(&mut next_kept, free.partition_point(|&k| top[k].span.start < d.span.start));
        while i < free.len() && top[free[i]].span.start <= d.span.end {
            if d.span.contains(top[free[i]].span) {
                next_kept[i] = i + 1;
                d.kind = QuoteKind::Mixed;
            }
            i = kept_from(&mut next_kept, i + 1);
        }
        drafts.push(d);
    }
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        k > direct || !nested.get(k - 1).is_some_and(|&x| x)
    });
    let mut i = 0;
    free.retain(|_| {
        i += 1;
        next_kept[i - 1] == i - 1
    });
    // The quotations with a speaker so far, by where they end: each free one looks up
    // the latest before it (free ones come in text order, so the last taken is latest).
    // (Listed only when some quotation is free.)
    let mut spoken: Vec<Span> = Vec::new();
    if !free.is_empty() {
        spoken.reserve(drafts.len());
        spoken.extend(drafts.iter().filter(|d| !matches!(d.who, Who::Nobody)).map(|d| d.span));
        spoken.sort_by_key(|s| s.end);
    }
    let mut last_free: Option<Span> = None;
    for k in free {
        let q = top[k];
        let fixed = spoken[..spoken.partition_point(|s| s.end <= q.span.start)].last().copied();
        let before = [fixed, last_free].into_iter().flatten().max_by_key(|s| s.end);
        if let Some(d) = from_context(ctx, q, marks[k], before) {
            if !matches!(d.who, Who::Nobody) {
                last_free = Some(d.span);
            }
            drafts.push(d);
        }
    }
    // The drafts are large: their order is sorted, not they (ties keep the order found).
    // Each key is copied out with its index, so the sort compares plain tuples.
    let mut order: Vec<(usize, std::cmp::Reverse<usize>, usize)> = Vec::with_capacity(drafts.len());
    order.extend(
        drafts.iter().enumerate().map(|(k, d)| (d.span.start, std::cmp::Reverse(d.span.end), k)),
    );
    order.sort_unstable();
    resolve_all(ctx, drafts, order.iter().map(|&(_, _, k)| k))
}

/// The attributed quotations overlapping `clause` (indexes into `direct`, which is in
/// text order), when each lies inside it with its cue: `X said Y will "..."`, whose
/// attribution is part of X's report.
fn nested_in(direct: &[Draft], clause: Span) -> Option<std::ops::Range<usize>> {
    let from = direct.partition_point(|d| d.span.end <= clause.start);
    let to = from + direct[from..].partition_point(|d| d.span.start < clause.end);
    let inside = |d: &Draft| {
        clause.contains(d.span)
            && d.cue.is_some_and(|(c, _)| clause.contains(c))
            && d.rule == "speaker-cue-quote"
    };
    (from < to && direct[from..to].iter().all(inside)).then_some(from..to)
}

/// Single quotation marks at the top level are read only when they hold a few words:
/// elsewhere they are apostrophes more often than quotes.
fn worth_reading(ctx: &Ctx, q: &Quoted) -> bool {
    q.family != Family::Single || q.parts().map(|p| words_in(ctx, p)).sum::<usize>() >= 3
}

fn words_in(ctx: &Ctx, span: Span) -> usize {
    let a = ctx.token_at_or_after(span.start);
    let b = ctx.tokens_before(span.end);
    (a..b).filter(|&i| ctx.is_word(i)).count()
}

/// The first index at or after `i` whose entry is still kept, halving the paths walked
/// on the way (`next[i] == i` for a kept entry and the end).
fn kept_from(next: &mut [usize], mut i: usize) -> usize {
    while next[i] != i {
        next[i] = next[next[i]];
        i = next[i];
    }
    i
}

/// Spans sorted by start, with the running largest end from the left and smallest end
/// from the right: each question below is a binary search, not a scan of every span.
struct Spans {
    /// Per span: its start, the largest end among it and the spans before it, the
    /// smallest end among it and the spans after it.
    rows: Vec<(usize, usize, usize)>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = Span>) -> Spans {
        let mut rows: Vec<(usize, usize, usize)> = spans.map(|s| (s.start, s.end, s.end)).collect();
        rows.sort_by_key(|r| r.0);
        let mut max = 0;
        for r in &mut rows {
            max = max.max(r.1);
            r.1 = max;
        }
        let mut min = usize::MAX;
        for r in rows.iter_mut().rev() {
            min = min.min(r.2);
            r.2 = min;
        }
        Spans { rows }
    }

    /// The largest end among spans starting before `at`, or `None` if there is none.
    fn max_end_before(&self, at: usize) -> Option<usize> {
        let n = self.rows.partition_point(|r| r.0 < at);
        n.checked_sub(1).map(|i| self.rows[i].1)
    }

    /// True when some span overlaps `x`: it starts before `x` ends and ends after `x`
    /// starts.
    fn any_overlapping(&self, x: Span) -> bool {
        self.max_end_before(x.end).is_some_and(|e| e > x.start)
    }

    /// True when some span contains `x`.
    fn any_containing(&self, x: Span) -> bool {
        self.max_end_before(x.start + 1).is_some_and(|e| e >= x.end)
    }

    /// True when some span lies inside `x`.
    fn any_inside(&self, x: Span) -> bool {
        let i = self.rows.partition_point(|r| r.0 < x.start);
        self.rows.get(i).is_some_and(|r| r.2 <= x.end)
    }
}

/// A quotation with no cue next to it: a paragraph that continues a quotation, or one
/// in a paragraph whose speaker is already known; a longer one is kept unattributed,
/// a short one (a scare quote, a title) is dropped.
fn from_context(ctx: &Ctx, q: &Quoted, marks: Marks, before: Option<Span>) -> Option<Draft> {
    let open = marks.open;
    let para = ctx.paragraph_of(open).unwrap_or(0);
    let para_start = ctx.paragraph_range(open).start;
    // The paragraph and sentence of the quotation before, from its first token.
    let first_before = before.map(|d| ctx.token_at_or_after(d.start));
    let para_before = first_before.map(|k| ctx.paragraph_of(k).unwrap_or(0));
    // Counted only where a rule asks: most free quotations find a speaker first.
    let words = || q.parts().map(|p| words_in(ctx, p)).sum::<usize>();
    if direct::names_a_title(ctx, open) && words() < MAX_TITLE_WORDS {
        return None;
    }
    let sentence_before = first_before.map(|k| ctx.sentence_of.get(k).copied());
    let same_sentence =
        before.filter(|_| sentence_before == Some(ctx.sentence_of.get(open).copied()));
    // "Christie calls him "Mr. Trump," while Trump calls him "Chris."": a subject
    // after the earlier quotation in the sentence opens a clause of its own.
    let subject = sentence_subject(ctx, open).filter(|np| {
        same_sentence.is_none_or(|d| {
            ctx.tokens[np.first].span.start >= d.end
                && matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_))
        })
    });
    let turn = speaker_inside(ctx, open);
    let intro = introduced_by(ctx, open);
    let aside = subject::aside_speaker(ctx, open, marks.close);
    let (who, rule, confidence) = match before {
        _ if turn.is_some() => (turn.map_or(Who::Nobody, Who::Np), "transcript-speaker", 0.8),
        _ if aside.is_some() => (aside.map_or(Who::Nobody, Who::Np), "aside-speaker", 0.6),
        _ if subject.is_some_and(|np| names_a_thing(ctx, &np)) => {
            (Who::Nobody, "sentence-subject", 0.3)
        }
        _ if subject.is_some() => (subject.map_or(Who::Nobody, Who::Np), "sentence-subject", 0.5),
        Some(d) if open == para_start && para_before.is_some_and(|p| p + 1 >= para) => {
            (Who::Previous(ctx.token_at_or_after(d.end)), "continuing-paragraph", 0.7)
        }
        _ if intro.is_some() => {
            (intro.map_or(Who::Nobody, Who::Np), "speaker-cue-sentence-quote", 0.6)
        }
        Some(d) if para_before == Some(para) => {
            (Who::Previous(ctx.token_at_or_after(d.end)), "same-paragraph", 0.6)
        }
        _ if words() < MIN_FREE_WORDS => return None,
        _ => (Who::Nobody, "unattributed", 0.2),
    };
    Some(Draft {
        kind: QuoteKind::Direct,
        span: q.span,
        first: open,
        content: q.content(),
        cue: None,
        who,
        confidence,
        rule,
    })
}

/// The longest phrase after an introducing verb of speech, in tokens: "in a statement
/// on Monday".
const MAX_INTRO_PHRASE: usize = 8;

/// "Ruiz agreed. "..."", "Lopez said in a statement. "..."": a sentence ending with a
/// verb of speech that reports nothing after it introduces the quotation opening the
/// next sentence of the paragraph (at token `open`); its subject speaks.
fn introduced_by(ctx: &Ctx, open: usize) -> Option<Np> {
    use crate::names::lexicon::class;
    let prev = open.checked_sub(1)?;
    if ctx.sentence_range(open).start != open
        || !ctx.ends_sentence(prev)
        || ctx.paragraph_of(prev) != ctx.paragraph_of(open)
    {
        return None;
    }
    let sentence = ctx.sentence_range(prev);
    let lowest = prev.saturating_sub(MAX_INTRO_PHRASE + 2).max(sentence.start);
    let v = (lowest..prev).rev().find(|&k| {
        ctx.cue(k).is_some_and(|c| {
            c.class == cues::CueClass::Speech
                && matches!(c.form, cues::Form::Past | cues::Form::Present)
        }) && !subject::noun_reading(ctx, k)
    })?;
    let mut k = v + 1;
    while ctx.is(k, class::ADV | class::TIME) {
        k += 1;
    }
    // Nothing after the verb, or a phrase of place or manner: "in a statement".
    let phrase = ctx.is(k, class::PREP)
        && !ctx.eq(k, "that")
        && (k..prev).all(|i| ctx.is_word(i) && ctx.cue(i).is_none());
    if k != prev && !phrase {
        return None;
    }
    // The verb is the sentence's own, not a clause's inside it ("where Ruiz also spoke",
    // "the hearing he was called to", "who has borne Trump's Twitter attacks"): no
    // lower-case word but a role stands right before its subject, nor a relative
    // anywhere before.
    let opens = |np: &Np| {
        let mut lead = np.first;
        while lead > sentence.start && ctx.is(lead - 1, class::HONORIFIC | class::ROLE) {
            lead -= 1;
        }
        let relative = (sentence.start..lead).any(|k| ctx.is(k, class::REL));
        lead == sentence.start || !(ctx.is_word(lead - 1) && ctx.lower_case(lead - 1) || relative)
    };
    speaker::subject_before(ctx, v, sentence.start)
        .filter(|np| matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_)) && opens(np))
}

/// "The choice was between ...", "The dispute centers on ...", "Weeds cover ...": a
/// subject of lower-case words (the first may be capitalized) after an article, none of
/// which the lexicon knows as a speaker (a role, a group, a document) or a possessor,
/// and with no verb of speech after it, names a thing, which utters no quotation ("Some
/// chanted", "The piece goes on to" do speak).
fn names_a_thing(ctx: &Ctx, np: &Np) -> bool {
    use crate::names::lexicon::class;
    let article = ["the", "a", "an", "this", "that", "these", "those", "its"];
    let mut after = np.last + 1;
    while ctx.is(after, class::ADV) {
        after += 1;
    }
    np.kind == NpKind::Nominal
        && ctx.no_cue(after)
        && (np.first..=np.last).all(|k| {
            let det = ctx.is(k, class::DET);
            ctx.is_word(k)
                && (ctx.lower_case(k) || k == np.first && (det || !agent_noun(ctx, k)))
                && (!det || k == np.first && ctx.eq_any(k, &article))
                && !ctx.is(k, class::ROLE | class::NOMINAL | class::POSS | class::PRON)
                && !subject::possessive(ctx, k)
        })
}

/// Endings of nouns for people who do something: "Farmers", "Protesters", "Activists",
/// "Residents", "Republicans".
const AGENT_ENDINGS: [&str; 6] = ["ers", "ors", "ists", "ants", "ents", "ans"];

/// True when token `k` ends like a noun for people ([`AGENT_ENDINGS`]): a capitalized
/// one opening a sentence ("Farmers greeted the plan as "..."") may speak, where "Weeds"
/// and "Tensions" do not.
fn agent_noun(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.str(k);
    AGENT_ENDINGS.iter().any(|e| w.ends_with(e))
}

/// "Clinton fixated on the "pivot" line", "On Twitter, he joked: "...": a quotation
/// inside a sentence with no cue of its own is most often its subject's words.
/// "More from Jones: "..."", "Pollsters agree - Carl Bialik: "..."": a name right
/// before a colon introduces the quotation after it; "Trump's claim that ... "..."" gives
/// the noun's owner.
fn sentence_subject(ctx: &Ctx, open: usize) -> Option<Np> {
    // "Clinton released the following statement: "...": a colon may end the sentence.
    let colon = open > 0 && ctx.is_punct(open - 1, &[":"]);
    let mut sentence = ctx.sentence_range(if colon { open - 1 } else { open });
    // `"...," Sanders said, suggesting "...": no subject inside an earlier quotation.
    let lowest = open.saturating_sub(direct::LOOK_BACK).max(sentence.start);
    let closes_clause =
        |k: usize| direct::is_mark(ctx, k) && k > 0 && ctx.is_punct(k - 1, &[",", "?", "!", "."]);
    if let Some(mark) = (lowest..open).rev().find(|&k| closes_clause(k)) {
        sentence.start = mark + 1;
    }
    let named = open
        .checked_sub(2)
        .filter(|&k| k >= sentence.start && ctx.is_punct(k + 1, &[":"]))
        .and_then(|k| speaker::np_ending_at(ctx, k, sentence.start))
        .filter(|np| matches!(np.kind, NpKind::Name(_)) && !addressed(ctx, np));
    named
        .or_else(|| subject::claim_owner(ctx, open, sentence.start))
        .or_else(|| subject::clause_subject(ctx, sentence.start, open))
}

/// "delivered a blunt message to Trump: "..."": a name after a preposition (but "from"
/// or "by") before a colon is spoken to or of, not the speaker.
fn addressed(ctx: &Ctx, np: &Np) -> bool {
    use crate::names::lexicon::class;
    np.first > 0 && ctx.is(np.first - 1, class::PREP) && !ctx.eq_any(np.first - 1, &["from", "by"])
}

/// `"WALLACE: Let's start ...`, `"Chris Matthews: Seriously, ...`: a transcript's turn
/// names its speaker, in capitals or as a name, before a colon inside the quotation
/// that opens at token `open`.
fn speaker_inside(ctx: &Ctx, open: usize) -> Option<Np> {
    let first = open + 1;
    let mut k = first;
    while k < first + MAX_TURN_NAME && ctx.is_word(k) && ctx.capitalized(k) {
        k += 1;
    }
    if k == first || !ctx.is_punct(k, &[":"]) {
        return None;
    }
    let kind = match ctx.names.mention_at(first) {
        Some(m) if m.tokens.start == first && m.tokens.end == k => {
            NpKind::Name(ctx.names.token_mention[first] as usize)
        }
        _ => NpKind::Nominal,
    };
    Some(Np { span: ctx.span(first, k - 1), first, last: k - 1, kind, role: None })
}

/// Resolves every draft's speaker in text order, the drafts taken as `order` lists them.
fn resolve_all(
    ctx: &Ctx,
    mut drafts: Vec<Draft>,
    order: impl Iterator<Item = usize>,
) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::with_capacity(drafts.len());
    let mut last_person: Option<usize> = None;
    // The latest speaker, as the quote in `out` that has it and the words that name it:
    // an index, so that its names are not copied for every quotation.
    let mut last_speaker: Option<(usize, Span)> = None;
    let mut last_cluster: Option<usize> = None;
    // The sentence where the latest quotation in marks ends.
    let mut quoted_sentence: Option<u32> = None;
    // The latest cue lemma's shared string: most cues are "say", and runs of one lemma
    // take it from here rather than from the thread's table.
    let mut lemmas: Option<(&'static str, Arc<str>)> = None;
    // The end of the latest report: one inside it ("X added that the bank wants to
    // ...") is part of what X said.
    let mut report_end = 0;
    for k in order {
        let d = &mut drafts[k];
        // `"...," X said after Y was called to testify. "..."`: a report in the sentence
        // of a quotation's attribution, or inside another report, leaves the next
        // quotation to that speaker.
        let indirect = d.kind == QuoteKind::Indirect;
        let tail = indirect
            && (d.span.end <= report_end
                || ctx.sentence_of.get(d.first).copied() == quoted_sentence);
        if indirect {
            report_end = report_end.max(d.span.end);
        }
        if d.kind != QuoteKind::Indirect {
            let last = ctx.token_at_or_after(d.span.end.saturating_sub(1));
            quoted_sentence = ctx.sentence_of.get(last).copied();
        }
        let speaker = match d.who {
            Who::Np(np) => {
                let (s, cluster) = speaker::resolve(ctx, &np, last_person);
                if let NpKind::Name(m) = np.kind {
                    last_person = Some(ctx.names.mentions[m].cluster);
                }
                if !tail {
                    last_cluster = cluster;
                }
                Some(s)
            }
            Who::Previous(since) => last_speaker.and_then(|(q, mention)| {
                let s = out[q].speaker.clone()?;
                let near =
                    last_cluster.and_then(|c| speaker::nearest_mention(ctx, c, since, d.first));
                Some(Speaker { via: Via::Context, mention: near.unwrap_or(mention), ..s })
            }),
            Who::Nobody => None,
        };
        // "..., said O'Donnell, who wrote a book. "...": a later quotation takes the
        // name, not the relative.
        match (&speaker, d.who) {
            _ if tail => {}
            (Some(_), Who::Np(Np { kind: NpKind::Relative(Some(m)), .. })) => {
                last_speaker = Some((out.len(), ctx.names.mentions[m].span));
            }
            (Some(s), _) => last_speaker = Some((out.len(), s.mention)),
            (None, _) => {}
        }
        let cue = d.cue.map(|(span, lemma)| Cue { span, lemma: lemma_arc(&mut lemmas, lemma) });
        out.push(Quote {
            kind: d.kind,
            span: d.span,
            content: std::mem::take(&mut d.content),
            cue,
            speaker,
            confidence: d.confidence,
            rule: d.rule,
        });
    }
    out
}

/// The shared string of cue lemma `lemma`, kept in `last` for the quotes after it.
fn lemma_arc(last: &mut Option<(&'static str, Arc<str>)>, lemma: &'static str) -> Arc<str> {
    match last {
        Some((l, arc)) if std::ptr::eq(*l, lemma) => arc.clone(),
        _ => last.insert((lemma, static_arc(lemma))).1.clone(),
    }
}
