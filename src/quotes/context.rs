//! What the quote rules read: the text, its tokens with their word classes and cues,
//! sentences, paragraphs and name mentions, with small helpers over them.

use crate::document::{Paragraph, Sentence, Token, TokenKind};
use crate::names::lexicon::{class, Word};
use crate::names::Names;
use crate::quotes::cues::{CueVerb, Lexicon, NO_CUE};
use crate::span::Span;

/// The longest dateline, in tokens: "WASHINGTON, March 14 (Reuters) -".
const MAX_DATELINE: usize = 12;

/// A document as the quote rules see it.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub paragraphs: &'a [Paragraph],
    /// Word classes, one per token.
    pub words: &'a [Word],
    /// The reporting verb each token is, packed ([`Lexicon::verb`]), or [`NO_CUE`]: two
    /// bytes a token, where a [`CueVerb`] takes 24 (the table is written afresh for each
    /// document, and as `CueVerb`s its stores missed the cache about 140 times an article).
    pub cues: Vec<u16>,
    /// The cue lexicon, which unpacks them.
    lexicon: &'static Lexicon,
    /// The tokens, in order, that are a reporting verb or "according" (in any case):
    /// where reported speech can start, so its rules need not read every token.
    pub report_words: Vec<u32>,
    pub names: &'a Names,
    /// For each token, its sentence.
    pub sentence_of: Vec<u32>,
    /// For each sentence, its paragraph: a token's is its sentence's, as sentences
    /// split the tokens and paragraphs the sentences, each in order (a table per
    /// sentence, not per token).
    sentence_paragraph: Vec<u32>,
}

/// For each of `n` tokens, the index of the last of `ranges` that holds it (0 for none);
/// a range past the end is left out. Ranges in order are written once each, with no
/// zero fill first.
fn owners(n: usize, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<u32> {
    let mut of = Vec::with_capacity(n);
    for (i, r) in ranges.enumerate() {
        if r.start > r.end || r.end > n {
            continue;
        }
        let i = i as u32;
        let written = of.len().min(r.end);
        if let Some(slots) = of.get_mut(r.start..written) {
            slots.iter_mut().for_each(|x| *x = i);
        }
        if r.start > of.len() {
            of.resize(r.start, 0);
        }
        // `extend` of a counted repeat: about half the instructions of `resize` here.
        of.extend(std::iter::repeat_n(i, r.end.saturating_sub(of.len())));
    }
    of.resize(n, 0);
    of
}

impl<'a> Ctx<'a> {
    /// Builds the per-token tables.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        paragraphs: &'a [Paragraph],
        words: &'a [Word],
        names: &'a Names,
    ) -> Ctx<'a> {
        // The word lexicon found the cue forms already: only their case is checked.
        let mut cues = vec![NO_CUE; tokens.len()];
        // About one token in twenty: room for that many, so the list seldom grows.
        let mut report_words = Vec::with_capacity(words.len() / 16);
        // One test of the flags passes over the other nineteen: a cue index or "according".
        let may_report = class::ACCORDING | u32::MAX << class::CUE_INDEX_SHIFT;
        let n = tokens.len().min(words.len());
        let mut add = |i: usize, w: Word| {
            if w.flags & may_report == 0 {
                return;
            }
            let t = &tokens[i];
            if let (Some(index), TokenKind::Word) = (w.cue(), t.kind) {
                let token = text.get(t.span.start..t.span.end).unwrap_or("");
                cues[i] = crate::quotes::cues::packed_at(index, token);
            }
            if cues[i] != NO_CUE || w.is(class::ACCORDING) {
                report_words.push(i as u32);
            }
        };
        // Eight words at a time: most runs of eight hold neither.
        let eights = words[..n].chunks_exact(8);
        let rest = eights.remainder();
        for (c, eight) in eights.enumerate() {
            if eight.iter().fold(0, |f, w| f | w.flags) & may_report != 0 {
                (c * 8..).zip(eight).for_each(|(i, w)| add(i, *w));
            }
        }
        (n - rest.len()..).zip(rest).for_each(|(i, w)| add(i, *w));
        let sentence_of = owners(tokens.len(), sentences.iter().map(|s| s.tokens.clone()));
        let sentence_paragraph =
            owners(sentences.len(), paragraphs.iter().map(|p| p.sentences.clone()));
        Ctx {
            text,
            tokens,
            sentences,
            paragraphs,
            words,
            cues,
            lexicon: crate::quotes::cues::table(),
            report_words,
            names,
            sentence_of,
            sentence_paragraph,
        }
    }

    /// The text of token `i` ("" past the end).
    #[inline(always)]
    pub fn str(&self, i: usize) -> &'a str {
        self.tokens.get(i).and_then(|t| self.text.get(t.span.start..t.span.end)).unwrap_or("")
    }

    /// True when token `i` starts with a capital letter. Read from the text, not from
    /// the lexicon's capital flag: the lexicon gives only word tokens classes, and a
    /// site that speaks ("Breitbart.com reported") is a URL token.
    #[inline(always)]
    pub fn capitalized(&self, i: usize) -> bool {
        self.first_char_is(i, u8::is_ascii_uppercase, char::is_uppercase)
    }

    /// True when token `i` starts with a lower-case letter.
    #[inline(always)]
    pub fn lower_case(&self, i: usize) -> bool {
        self.first_char_is(i, u8::is_ascii_lowercase, char::is_lowercase)
    }

    /// True when the first character of token `i` passes `ascii` (an ASCII byte, read
    /// as it is) or `other` (any other character, decoded).
    #[inline(always)]
    fn first_char_is(&self, i: usize, ascii: fn(&u8) -> bool, other: fn(char) -> bool) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        match self.bytes(t).first() {
            Some(b) if b.is_ascii() => ascii(b),
            Some(_) => self.str(i).starts_with(other),
            None => false,
        }
    }

    /// Where a sentence starting at token `start` begins once the dateline of a wire
    /// story ("MOSCOW, March 14 (Reuters) -", "PHILADELPHIA, July 25 (UPI) —") is left
    /// out: a place in capitals, then a dash within a few tokens with no lower-case word
    /// before it. "Donald Trump — ..." has no dateline.
    /// Inlined for its first test, which most sentences fail.
    #[inline(always)]
    pub fn past_dateline(&self, start: usize, end: usize) -> usize {
        let place = self.tokens.get(start).map_or(&[][..], |t| self.bytes(t));
        if start >= end || place.len() < 2 || !place.iter().all(u8::is_ascii_uppercase) {
            return start;
        }
        self.past_place(start, end)
    }

    /// [`Ctx::past_dateline`] once token `start` is a word in capitals.
    fn past_place(&self, start: usize, end: usize) -> usize {
        let lower = |k: usize| self.is_word(k) && self.lower_case(k);
        (start + 1..end.min(start + MAX_DATELINE))
            .take_while(|&k| !lower(k))
            .find(|&k| self.is_punct(k, &["-", "--", "\u{2013}", "\u{2014}"]))
            .map_or(start, |k| k + 1)
    }

    /// True when token `i` is one of the punctuation strings in `set`.
    #[inline(always)]
    pub fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        let Some(t) = self.tokens.get(i).filter(|t| t.kind != TokenKind::Word) else {
            return false;
        };
        let s = self.bytes(t);
        set.iter().any(|p| p.as_bytes() == s)
    }

    /// The bytes of token `t`: a token's span lies on character boundaries, so there
    /// is no need to check them as a `str` would.
    #[inline]
    pub fn bytes(&self, t: &Token) -> &'a [u8] {
        self.text.as_bytes().get(t.span.start..t.span.end).unwrap_or_default()
    }

    /// True when token `i` is a word (or number) token.
    #[inline(always)]
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }

    /// The word classes of token `i`.
    #[inline(always)]
    pub fn word(&self, i: usize) -> Word {
        self.words.get(i).copied().unwrap_or_default()
    }

    /// The reporting verb token `i` is, if any (none past the last token, so rules may
    /// look ahead without a bounds check).
    #[inline(always)]
    pub fn cue(&self, i: usize) -> Option<CueVerb> {
        self.cues.get(i).and_then(|&p| self.lexicon.verb(p))
    }

    /// True when token `i` is no reporting verb (false past the last token).
    #[inline(always)]
    pub fn no_cue(&self, i: usize) -> bool {
        self.cues.get(i).is_some_and(|&p| p == NO_CUE)
    }

    /// The reporting verbs among tokens `range`, in order.
    pub fn cues_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = CueVerb> + '_ {
        self.cues[range].iter().filter_map(|&p| self.lexicon.verb(p))
    }

    /// True when token `i` is a word of one of the classes `flags`.
    #[inline(always)]
    pub fn is(&self, i: usize, flags: u32) -> bool {
        self.word(i).is(flags)
    }

    /// True when token `i` is (case-insensitively) `w`.
    #[inline]
    pub fn eq(&self, i: usize, w: &str) -> bool {
        // Lengths first: most tests are against a list of words, and most differ in length.
        match self.tokens.get(i) {
            Some(t) if t.span.end.wrapping_sub(t.span.start) != w.len() => false,
            Some(t) => self.bytes(t).eq_ignore_ascii_case(w.as_bytes()),
            None => w.is_empty(),
        }
    }

    /// True when token `i` is (case-insensitively) one of `words`, none of them empty:
    /// the token is read once and only words of its length are compared.
    #[inline(always)]
    pub fn eq_any(&self, i: usize, words: &[&str]) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        let s = self.bytes(t);
        // A plain loop: as an `any` closure it was sometimes left out of line.
        for w in words {
            if w.len() == s.len() && s.eq_ignore_ascii_case(w.as_bytes()) {
                return true;
            }
        }
        false
    }

    /// Span from the start of token `a` to the end of token `b` (inclusive).
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start, self.tokens[b].span.end)
    }

    /// Tokens of the sentence of token `i`.
    pub fn sentence_range(&self, i: usize) -> std::ops::Range<usize> {
        let s = self.sentence_of.get(i).copied().unwrap_or(0) as usize;
        self.sentences.get(s).map_or(0..0, |s| s.tokens.clone())
    }

    /// The paragraph of token `i` (`None` past the last token).
    pub fn paragraph_of(&self, i: usize) -> Option<u32> {
        let s = *self.sentence_of.get(i)? as usize;
        Some(self.sentence_paragraph.get(s).copied().unwrap_or(0))
    }

    /// Tokens of the paragraph of token `i`.
    pub fn paragraph_range(&self, i: usize) -> std::ops::Range<usize> {
        let p = self.paragraph_of(i).unwrap_or(0) as usize;
        self.paragraph_tokens(p)
    }

    /// Tokens of paragraph `p`.
    pub fn paragraph_tokens(&self, p: usize) -> std::ops::Range<usize> {
        let Some(para) = self.paragraphs.get(p) else { return 0..0 };
        let first = self.sentences.get(para.sentences.start).map_or(0, |s| s.tokens.start);
        let last = para
            .sentences
            .end
            .checked_sub(1)
            .and_then(|s| self.sentences.get(s))
            .map_or(first, |s| s.tokens.end);
        first..last
    }

    /// The first token starting at or after byte `at`.
    pub fn token_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// The number of tokens ending at or before byte `at` (so the last such token is one less).
    pub fn tokens_before(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= at)
    }

    /// True when token `i` ends a sentence: ".", "!", "?".
    pub fn ends_sentence(&self, i: usize) -> bool {
        self.is_punct(i, &[".", "!", "?", "...", "…"])
    }

    /// True for tokens that can stand inside a noun phrase before a verb.
    pub fn is_np_word(&self, i: usize) -> bool {
        self.is_word(i)
            && !self.is(i, class::PREP | class::CONJ | class::AUX | class::REL | class::ADV)
            && (self.no_cue(i) || crate::quotes::subject::noun_reading(self, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `owners` must give: a zero-filled table with each range written in turn.
    fn filled(n: usize, ranges: &[std::ops::Range<usize>]) -> Vec<u32> {
        let mut of = vec![0u32; n];
        for (i, r) in ranges.iter().enumerate() {
            if let Some(slots) = of.get_mut(r.clone()) {
                slots.iter_mut().for_each(|x| *x = i as u32);
            }
        }
        of
    }

    #[test]
    fn a_token_is_in_the_paragraph_of_its_sentence() {
        let text = "One. Two here.\n\nThree.\n\n\nFour and five. Six.";
        let mut classes = crate::names::lexicon::Classes::with_capacity(text.len());
        let seg = crate::tokenize::segment_with(text, &Default::default(), &mut classes);
        let (tokens, sentences, paragraphs) = (&seg.tokens, &seg.sentences, &seg.paragraphs);
        let names = crate::names::find_names(text, tokens, sentences, &classes.words, &[]);
        let ctx = Ctx::new(text, tokens, sentences, paragraphs, &classes.words, &names);
        assert_eq!(paragraphs.len(), 3);
        for p in 0..paragraphs.len() {
            for i in ctx.paragraph_tokens(p) {
                assert_eq!(ctx.paragraph_of(i), Some(p as u32), "token {i}");
            }
        }
        assert_eq!(ctx.paragraph_of(tokens.len()), None);
    }

    #[test]
    fn owners_is_a_zero_fill_written_in_order() {
        let cases: [&[std::ops::Range<usize>]; 6] = [
            &[0..3, 3..5, 5..8],
            &[1..3, 5..6],
            &[0..4, 2..6, 1..2],
            &[0..3, 4..9, 3..4],
            &[std::ops::Range { start: 5, end: 2 }, 2..2, 6..8],
            &[],
        ];
        for ranges in cases {
            assert_eq!(owners(8, ranges.iter().cloned()), filled(8, ranges), "{ranges:?}");
        }
    }
}
