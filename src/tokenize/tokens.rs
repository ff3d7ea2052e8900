//! The token scanner: one left-to-right pass over the bytes, ASCII fast path.

use super::abbrev;
use super::chars::{
    ascii_alnum_end, ascii_class, class, has, is_alnum, is_apostrophe, Class, Window, ALNUM,
    PLAIN_END, SPACE,
};
use super::sentences::{self, Splitter, LOOKAHEAD};
use super::words::{self, Hyphen};
use super::{Leave, Segmentation, TokenSink};
use crate::document::{Token, TokenKind};
use crate::span::Span;

/// Scans `text` into `seg`: tokens, and the sentences and paragraphs they form.
pub(crate) fn scan<S: TokenSink>(
    text: &str,
    split_clitics: bool,
    seg: &mut Segmentation,
    sink: &mut S,
) {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        split_clitics,
        seg,
        sink,
        // Rarely more than a few candidates wait for a decision.
        candidates: Vec::with_capacity(32),
        decided: 0,
        decide_at: 0,
        last_mark: 0,
        splitter: Splitter::default(),
        window: Window::at(text.as_bytes(), 0),
    };
    scanner.run();
    scanner.mark_last();
    scanner.decide(true);
}

struct Scanner<'t, S> {
    text: &'t str,
    bytes: &'t [u8],
    split_clitics: bool,
    seg: &'t mut Segmentation,
    /// Told of each token pushed.
    sink: &'t mut S,
    /// Tokens that may end a sentence, in ascending order.
    candidates: Vec<usize>,
    /// How many candidates are decided.
    decided: usize,
    /// Number of tokens at which to decide the next candidates.
    decide_at: usize,
    /// The last token listed as a candidate.
    last_mark: usize,
    splitter: Splitter,
    /// Letters and digits of the bytes around the scan.
    window: Window,
}

/// Tokens scanned between two rounds of sentence decisions.
const DECIDE_EVERY: usize = 64;

/// Emoticons recognised as one symbol token when they stand alone.
const EMOTICONS: &[&str] = &[
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-|", ":'(", ";-)", ":)", ":(", ":D", ":P", ":p", ":|",
    ":/", ";)", "=)", "<3", "^_^",
];

impl<S: TokenSink> Scanner<'_, S> {
    /// The main loop: dispatches on the byte class, plain ASCII words first.
    fn run(&mut self) {
        let n = self.bytes.len();
        let mut i = 0;
        while i < n {
            if self.seg.tokens.len() >= self.decide_at {
                self.decide(false);
            }
            let b = self.bytes[i];
            if has(b, SPACE) {
                if matches!(b, b'\n' | b'\r') {
                    self.mark_last();
                }
                i += 1;
                continue;
            }
            if has(b, ALNUM) {
                // One space before the next word is the common case, then a comma or a
                // full stop and a space: the same tokens as the general path gives.
                let mut start = i;
                loop {
                    let (end, plain) = self.plain_words(start, self.bytes[start]);
                    i = if plain { end } else { self.word(end) };
                    match self.byte(i) {
                        b' ' if has(self.byte(i + 1), ALNUM) => start = i + 1,
                        b',' | b'.' if self.byte(i + 1) == b' ' && has(self.byte(i + 2), ALNUM) => {
                            self.push(i, i + 1, TokenKind::Punct, false);
                            start = i + 2;
                        }
                        _ => break,
                    }
                }
                continue;
            }
            let next = self.byte(i + 1);
            let lone = next < 0x80 && (has(next, SPACE) || matches!(next, b'"' | b')' | b','));
            if (matches!(b, b',' | b'(' | b')' | b'"') && next < 0x80) || (b == b'.' && lone) {
                self.push(i, i + 1, TokenKind::Punct, false);
                i += 1;
                continue;
            }
            // Typographic quotation marks and dashes before an ASCII byte, which neither
            // extends nor repeats them: one token, as `punct` makes it.
            if let [0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D, 0..=0x7F, ..] =
                self.bytes[i..]
            {
                self.push(i, i + 3, TokenKind::Punct, false);
                i += 3;
                continue;
            }
            let (c, len) = self.char_at(i);
            if matches!(c, ':' | ';' | '=' | '<' | '^') {
                if let Some(end) = self.emoticon(i) {
                    self.push(i, end, TokenKind::Symbol, false);
                    i = end;
                    continue;
                }
            }
            i = match class(c) {
                Class::Space | Class::Newline => {
                    if matches!(c, '\u{2028}' | '\u{2029}') {
                        self.mark_last();
                    }
                    i + len
                }
                Class::Letter | Class::Digit => self.word_slow(i, i),
                Class::Punct => self.punct(i, c, len),
                Class::Symbol | Class::Extend => self.symbol(i, len),
            };
        }
    }

    /// The char at byte `i` (a char boundary) and its length in bytes.
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        let b = self.bytes[i];
        if b < 0x80 {
            return (char::from(b), 1);
        }
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }

    /// Class of the char at byte `i`, `Space` past the end or inside a char.
    #[inline]
    fn class_at(&self, i: usize) -> Class {
        match self.bytes.get(i) {
            None => Class::Space,
            Some(&b) if b < 0x80 => ascii_class(b),
            Some(_) => {
                self.text.get(i..).and_then(|s| s.chars().next()).map_or(Class::Space, class)
            }
        }
    }

    /// The byte at `i`, a space past the end of the text.
    #[inline]
    fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(b' ')
    }

    /// Pushes the token `[start, end)` unless empty, listing it as a sentence candidate
    /// when its text may end a sentence.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, joined: bool) {
        if start < end {
            let k = self.seg.tokens.len();
            // A comma ends a sentence only after a greeting, right after another end.
            let greeting = self.bytes[start] == b',' && k <= self.last_mark + 4;
            if greeting || sentences::maybe_terminal(&self.bytes[start..end]) {
                self.mark(k);
            }
            self.seg.tokens.push(Token { span: Span::new(start, end), kind, joined });
            self.sink.token(self.text, start, end, kind);
        }
    }

    /// Lists token `k` as a possible sentence end.
    fn mark(&mut self, k: usize) {
        if self.candidates.last() != Some(&k) {
            self.candidates.push(k);
        }
        self.last_mark = k;
    }

    /// Decides the candidates far enough behind the scan (all of them when `all`).
    /// Inlined into the scan whatever else the compiler weighs: out of line it costs
    /// about 3k instructions per PolNeAR dev article.
    #[inline(always)]
    fn decide(&mut self, all: bool) {
        let len = self.seg.tokens.len();
        while let Some(&candidate) = self.candidates.get(self.decided) {
            if !all && candidate + LOOKAHEAD >= len {
                break;
            }
            self.splitter.decide(self.text, self.seg, candidate);
            self.decided += 1;
        }
        self.candidates.drain(..self.decided);
        self.decided = 0;
        self.decide_at = len + DECIDE_EVERY;
    }

    /// Lists the last token so far as a possible sentence end.
    fn mark_last(&mut self) {
        if let Some(last) = self.seg.tokens.len().checked_sub(1) {
            self.mark(last);
        }
    }

    /// End of the run of letters, digits and combining marks starting at `i`.
    #[inline]
    fn alnum_run(&self, mut i: usize) -> usize {
        let n = self.bytes.len();
        while i < n {
            let b = self.bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (c, len) = self.char_at(i);
                if !matches!(class(c), Class::Letter | Class::Digit | Class::Extend) {
                    break;
                }
                i += len;
            }
        }
        i
    }

    /// End of the combining marks and joiners following byte `i`.
    fn extend_run(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && self.bytes[i] >= 0x80 {
            let (c, len) = self.char_at(i);
            if class(c) != Class::Extend {
                break;
            }
            i += len;
        }
        i
    }

    /// Plain words from `start` (an ASCII letter or digit) while one space separates
    /// them: ASCII letters and digits before a byte that ends any word, not a
    /// contraction written as one word, and numbers of them that end in a digit. Pushes them as
    /// [`Scanner::word`] would, with the scan's state in registers (`first` is the
    /// byte at `start`). Returns the end of the last and `true`, or the start of a word
    /// that [`Scanner::word`] must read and `false`.
    #[inline(always)]
    fn plain_words(&mut self, mut start: usize, mut first: u8) -> (usize, bool) {
        let bytes = self.bytes;
        let leave = Leave { contractions: self.split_clitics, stop_takers: false };
        let mut window = self.window;
        let tokens = &mut self.seg.tokens;
        let sink = &mut *self.sink;
        let result = loop {
            let j = window.alnum_end(bytes, start + 1);
            let Some(&b) = bytes.get(j) else {
                break (start, false);
            };
            let Some(&last) = bytes[..j].last() else {
                break (start, false);
            };
            if !has(b, PLAIN_END) || (b == b',' && last.is_ascii_digit()) {
                break (start, false);
            }
            let kind = if first.is_ascii_digit() {
                // A number ending in a digit has no unit to split off ("4bn" does).
                if !last.is_ascii_digit() {
                    break (start, false);
                }
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token { span: Span::new(start, j), kind, joined: false });
            match kind {
                TokenKind::Word if !sink.plain_word(bytes, start, j, leave) => {
                    // A contraction, which the general path splits.
                    tokens.pop();
                    break (start, false);
                }
                TokenKind::Word => {}
                _ => sink.token(self.text, start, j, kind),
            }
            match bytes.get(j + 1) {
                Some(&next) if b == b' ' && has(next, ALNUM) => {
                    start = j + 1;
                    first = next;
                }
                _ => break (j, true),
            }
        };
        self.window = window;
        result
    }

    /// A token starting with a letter or digit: word, number, abbreviation, URL,
    /// e-mail, with clitics split off. Returns the end of what it consumed.
    #[inline]
    fn word(&mut self, start: usize) -> usize {
        let j = self.window.alnum_end(self.bytes, start + 1);
        let b = self.byte(j);
        if has(b, PLAIN_END) && !(b == b',' && self.bytes[j - 1].is_ascii_digit()) {
            return self.push_word(start, j, true);
        }
        // A full stop before a space, a quotation mark or a bracket ends most sentences:
        // only an abbreviation can take it, which `finish_word` decides, as the general
        // case would (no letter, digit, further stop or "@" after it). Abbreviations are
        // short, and so is the only URL start of letters before a full stop ("www").
        if b == b'.' && !is_alnum(self.class_at(j + 1)) && !matches!(self.byte(j + 1), b'.' | b'@')
        {
            if j - start > abbrev::MAX_LEN {
                return self.push_word(start, j, true);
            }
            if !words::starts_url(&self.bytes[start..]) {
                // The sink's probe of a word of letters tells whether the stop may
                // belong to it (an abbreviation); if not, the word ends here.
                let first = self.bytes[start];
                if !first.is_ascii_digit()
                    && self.sink.plain_word(
                        self.bytes,
                        start,
                        j,
                        Leave { contractions: self.split_clitics, stop_takers: true },
                    )
                {
                    let span = Span::new(start, j);
                    self.seg.tokens.push(Token { span, kind: TokenKind::Word, joined: false });
                    return j;
                }
                // What `finish_word` does with one full stop after such a word.
                return match self.abbreviation(start, j) {
                    Some(end) => end,
                    None => self.push_word(start, j, true),
                };
            }
        }
        if b >= 0x80 {
            // A closing quotation mark, a dash, a no-break space: the general case ends
            // the word there too, and only an apostrophe or a letter goes on.
            let c = self.char_at(j).0;
            if !matches!(class(c), Class::Letter | Class::Digit | Class::Extend)
                && !is_apostrophe(c)
            {
                return self.push_word(start, j, true);
            }
        }
        if matches!(b, b'\'' | 0xE2) {
            if let Some(end) = self.plain_clitic(start, j) {
                return end;
            }
        }
        self.word_slow(start, j)
    }

    /// The common possessives and contractions of a word of ASCII letters and digits
    /// `[start, j)`, split as [`Scanner::word_slow`] would: an apostrophe at `j`, then
    /// ASCII letters up to a byte that ends any word ("Clinton’s", "don't"). `None`
    /// leaves every other case to it.
    #[inline(never)]
    fn plain_clitic(&mut self, start: usize, j: usize) -> Option<usize> {
        let after = match self.bytes.get(j..j + 3) {
            _ if self.bytes[j] == b'\'' => j + 1,
            Some([0xE2, 0x80, 0x99]) => j + 3, // U+2019
            _ => return None,
        };
        // A number before the apostrophe ("1990's") or a URL is the general case.
        if !self.bytes[start].is_ascii_alphabetic()
            || !self.byte(after).is_ascii_alphabetic()
            || words::starts_url(&self.bytes[start..])
        {
            return None;
        }
        let end = ascii_alnum_end(self.bytes, after + 1);
        if !has(self.byte(end), PLAIN_END) {
            return None;
        }
        let cut = self.clitic_cut(start, j, &self.text[after..end], false)?;
        self.clitic(start, cut, end, true);
        Some(end)
    }

    /// The general case of [`Scanner::word`], with the ASCII letters and digits up to
    /// `j` already seen.
    fn word_slow(&mut self, start: usize, j: usize) -> usize {
        if words::starts_url(&self.bytes[start..]) {
            return self.url(start);
        }
        let mut j = self.alnum_run(j);
        let mut seg = start;
        let mut dotted = false;
        loop {
            let b = self.byte(j);
            if !matches!(b, b'.' | b',' | b':' | b'/' | b'&' | b'_' | b'@' | b'-' | b'\'' | 0xE2) {
                break;
            }
            let next = if b < 0x80 { self.class_at(j + 1) } else { Class::Space };
            let prev_digit = self.bytes[j - 1].is_ascii_digit();
            match b {
                b'.' if is_alnum(next) && !self.glued_sentences(seg, j) => dotted = true,
                b'.' if self.dots_then_at(j) && words::email_local(&self.bytes[start..j]) => {
                    let at = j + self.bytes[j..].iter().take_while(|&&b| b == b'.').count();
                    return self.email(start, at + 1);
                }
                b',' if prev_digit && words::thousands(&self.bytes[j + 1..]) => {}
                b':' if prev_digit && next == Class::Digit => {}
                b'/' if prev_digit && next == Class::Digit => {}
                b'/' if j - seg == 1 && words::single_letter_at(self.bytes, j + 1) => {}
                b'&' if words::ampersand(self.bytes, seg, j) => {}
                b'_' if is_alnum(next) => {}
                b'@' if is_alnum(next) && words::email_local(&self.bytes[start..j]) => {
                    return self.email(start, j + 1);
                }
                b'-' if is_alnum(next) => {
                    let right = self.alnum_run(j + 1);
                    match words::hyphen(self.text, start, seg, j, right) {
                        Hyphen::Join => {
                            seg = j + 1;
                            j = right;
                            continue;
                        }
                        Hyphen::Split => break,
                    }
                }
                b'\'' | 0xE2 if is_apostrophe(self.char_at(j).0) => {
                    match self.apostrophe(start, j) {
                        Some(end) => return end,
                        None => {
                            let a = j + self.char_at(j).1;
                            if is_alnum(self.class_at(a)) {
                                j = self.alnum_run(a);
                                continue;
                            }
                            break;
                        }
                    }
                }
                _ => break,
            }
            seg = j + 1;
            j = self.alnum_run(j + 1);
        }
        self.finish_word(start, j, dotted)
    }

    /// Ends a word at `j`: domain names become URLs, abbreviations take their
    /// period, numbers lose unit suffixes, "cannot" splits.
    fn finish_word(&mut self, start: usize, j: usize, dotted: bool) -> usize {
        let word = &self.text[start..j];
        if dotted && words::is_domain(word) {
            return self.url(start);
        }
        let b = self.byte(j);
        if b == b'.' {
            // Abbreviations are short or dotted; "..." after a word is an ellipsis.
            let dots = self.bytes[j..].iter().take(3).take_while(|&&d| d == b'.').count();
            let maybe = (word.len() <= abbrev::MAX_LEN || dotted) && dots != 3;
            if let Some(end) = maybe.then(|| self.abbreviation(start, j)).flatten() {
                return end;
            }
        } else if b == b'-' && self.class_at(j + 1) == Class::Space && words::is_letters(word) {
            return self.push_word(start, j + 1, false); // a cut-off word: "th- the"
        }
        self.push_word(start, j, false)
    }

    /// Pushes the word `[start, j)` with the full stop at `j` if it is an abbreviation,
    /// which may end a sentence ("Inc."), and returns its end; `None` if it is not.
    fn abbreviation(&mut self, start: usize, j: usize) -> Option<usize> {
        abbrev::lookup(&self.text[start..j], || self.next_nonspace_is_digit(j + 1))?;
        let end = self.push_word(start, j + 1, false);
        self.mark_last();
        Some(end)
    }

    /// Pushes the word `[start, j)`: a number without its unit suffix ("4" "bn"),
    /// "cannot" as "can" "not". `plain`: the word is ASCII letters and digits, which
    /// the sink reads as such.
    #[inline(always)]
    fn push_word(&mut self, start: usize, j: usize, plain: bool) -> usize {
        let first = self.bytes[start];
        if first.is_ascii_digit() || (first >= 0x80 && class(self.char_at(start).0) == Class::Digit)
        {
            let unit = words::unit_suffix(&self.bytes[start..j]);
            self.push(start, j - unit, TokenKind::Number, false);
            self.push(j - unit, j, TokenKind::Word, false);
            return j;
        }
        if self.split_clitics {
            if let Some(cut) = words::multiword(self.bytes, start, j) {
                self.push(start, start + cut, TokenKind::Word, false);
                self.push(start + cut, j, TokenKind::Word, true);
                return j;
            }
        }
        self.push_unmarked(start, j, plain);
        j
    }

    /// Pushes the word `[start, j)`, which cannot end a sentence, telling the sink
    /// whether it is `plain` (ASCII letters and digits, at least one).
    #[inline(always)]
    fn push_unmarked(&mut self, start: usize, j: usize, plain: bool) {
        self.seg.tokens.push(Token {
            span: Span::new(start, j),
            kind: TokenKind::Word,
            joined: false,
        });
        if plain {
            // Not split: a contraction is split before it comes here, or not at all.
            let leave = Leave { contractions: false, stop_takers: false };
            self.sink.plain_word(self.bytes, start, j, leave);
        } else {
            self.sink.token(self.text, start, j, TokenKind::Word);
        }
    }

    /// True when the period at byte `dot` ends one sentence and starts the next with no
    /// space ("quality.You'll"): a word of letters before, a capitalized word after
    /// that is not a domain ("Newsfeed.Com").
    fn glued_sentences(&self, seg: usize, dot: usize) -> bool {
        let left = &self.bytes[seg..dot];
        let right_end = self.alnum_run(dot + 1);
        let right = &self.bytes[dot + 1..right_end];
        left.len() >= 2
            && left.iter().all(u8::is_ascii_alphabetic)
            && right.len() >= 2
            && right[0].is_ascii_uppercase()
            && right[1..].iter().all(u8::is_ascii_lowercase)
            && !words::is_domain(&self.text[seg..right_end])
    }

    /// True when the periods at byte `dot` run into an `@` and a domain, as in the
    /// masked address "franz371...@gmail.com".
    fn dots_then_at(&self, dot: usize) -> bool {
        let at = dot + self.bytes[dot..].iter().take_while(|&&b| b == b'.').count();
        self.byte(at) == b'@' && is_alnum(self.class_at(at + 1))
    }

    /// True when the first non-space char at or after `i` is a digit.
    fn next_nonspace_is_digit(&self, mut i: usize) -> bool {
        while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t') {
            i += 1;
        }
        self.byte(i).is_ascii_digit()
    }

    /// Handles an apostrophe at byte `j` inside the word starting at `start`: clitics
    /// ("'s", "n't", "'ll") and plural possessives ("parents'"). Returns the end of the
    /// consumed text, or `None` when the apostrophe is not a clitic boundary.
    fn apostrophe(&mut self, start: usize, j: usize) -> Option<usize> {
        let alen = self.char_at(j).1;
        let after = j + alen;
        if self.class_at(after) == Class::Letter {
            let end = self.alnum_run(after);
            if is_alnum(self.class_at(end)) || self.byte(end) == b'\'' {
                return None;
            }
            let number = self.bytes[start..j].iter().all(u8::is_ascii_digit);
            let cut = self.clitic_cut(start, j, &self.text[after..end], number)?;
            self.clitic(start, cut, end, false);
            return Some(end);
        }
        let last = self.bytes[j - 1];
        let plural = matches!(last, b's' | b'S') && j > start + 1;
        if plural && self.class_at(after) == Class::Space && is_alnum(self.class_at(after + 1)) {
            self.clitic(start, j, after, false);
            return Some(after);
        }
        None
    }

    /// Where the word `[start, j)`, an apostrophe at `j` and the letters `suffix` split:
    /// before the apostrophe for a clitic ("'s", "'ll"), one letter earlier for "n't";
    /// `None` when they do not (`number`: the word is all digits, as in "1990's").
    fn clitic_cut(&self, start: usize, j: usize, suffix: &str, number: bool) -> Option<usize> {
        if words::is_clitic(suffix) && !number {
            Some(j)
        } else if suffix.eq_ignore_ascii_case("t")
            && j > start + 1
            && matches!(self.bytes[j - 1], b'n' | b'N')
        {
            Some(j - 1)
        } else {
            None
        }
    }

    /// Pushes a word `[start, cut)` and its clitic `[cut, end)`, or one surface token.
    /// `plain`: the word is ASCII letters and digits.
    fn clitic(&mut self, start: usize, cut: usize, end: usize, plain: bool) {
        if self.split_clitics {
            if plain {
                self.push_unmarked(start, cut, true);
            } else {
                self.push(start, cut, TokenKind::Word, false);
            }
            self.push(cut, end, TokenKind::Word, true);
        } else {
            self.push(start, end, TokenKind::Word, false);
        }
    }

    /// A URL from `start` to the next space, without trailing punctuation or an
    /// unbalanced closing bracket.
    fn url(&mut self, start: usize) -> usize {
        let n = self.bytes.len();
        let mut j = start;
        while j < n {
            let b = self.bytes[j];
            if b >= 0x80 || b <= b' ' || matches!(b, b'"' | b'<' | b'>' | b'`' | b'\\') {
                break;
            }
            j += 1;
        }
        let end = words::trim_url(&self.bytes[start..j]) + start;
        self.push(start, end, TokenKind::Url, false);
        end
    }

    /// An e-mail address whose domain starts at byte `domain`.
    fn email(&mut self, start: usize, domain: usize) -> usize {
        let mut j = self.alnum_run(domain);
        while matches!(self.byte(j), b'.' | b'-') && is_alnum(self.class_at(j + 1)) {
            j = self.alnum_run(j + 1);
        }
        self.push(start, j, TokenKind::Email, false);
        j
    }

    /// Punctuation at byte `i`: runs ("...", "?!", "--") whole, emoticons,
    /// @handles and #hashtags, numbers such as ".5".
    fn punct(&mut self, i: usize, c: char, len: usize) -> usize {
        let b = self.bytes[i];
        let next = self.class_at(i + len);
        match b {
            b'@' | b'#'
                if next == Class::Letter
                    || self.byte(i + 1) == b'_'
                    || (b == b'@' && next == Class::Digit) =>
            {
                let mut j = i + 1;
                loop {
                    let k = self.alnum_run(j);
                    if k > j {
                        j = k;
                    } else if self.byte(j) == b'_'
                        || self.byte(j) == b'.' && is_alnum(self.class_at(j + 1))
                    {
                        j += 1; // "@handle_2", "@example.com" (an address without its name)
                    } else {
                        break;
                    }
                }
                let kind = if b == b'@' { TokenKind::Handle } else { TokenKind::Hashtag };
                self.push(i, j, kind, false);
                return j;
            }
            b'.' if next == Class::Digit && !is_alnum(self.prev_class(i)) => {
                let end = self.alnum_run(i + 1);
                self.push(i, end, TokenKind::Number, false);
                return end;
            }
            _ => {}
        }
        let j = self.run_end(i, c, len);
        self.push(i, j, TokenKind::Punct, false);
        j
    }

    /// End of the run of punctuation of the same group as `c` (of `len` bytes at `i`),
    /// with trailing combining marks.
    fn run_end(&self, i: usize, c: char, len: usize) -> usize {
        let mut j = i + len;
        let group = words::run_group(c);
        if group != 0 {
            while j < self.bytes.len() {
                let (d, dlen) = self.char_at(j);
                if words::run_group(d) != group {
                    break;
                }
                j += dlen;
            }
        }
        self.extend_run(j)
    }

    /// Class of the char ending at byte `i`, `Space` at the start.
    fn prev_class(&self, i: usize) -> Class {
        match self.text[..i].chars().next_back() {
            None => Class::Space,
            Some(c) => class(c),
        }
    }

    /// End of an emoticon at byte `i` that stands alone (space or punctuation around it).
    fn emoticon(&self, i: usize) -> Option<usize> {
        if is_alnum(self.prev_class(i)) {
            return None;
        }
        let rest = &self.bytes[i..];
        let e = EMOTICONS.iter().find(|e| rest.starts_with(e.as_bytes()))?;
        let end = i + e.len();
        (!is_alnum(self.class_at(end))).then_some(end)
    }

    /// A symbol or emoji at byte `i` with its modifiers, flags as pairs, and
    /// zero-width-joiner sequences as one token.
    fn symbol(&mut self, i: usize, len: usize) -> usize {
        let first = self.char_at(i).0;
        if words::run_group(first) != 0 {
            let j = self.run_end(i, first, len);
            self.push(i, j, TokenKind::Symbol, false);
            return j;
        }
        let mut j = i + len;
        if words::is_regional_indicator(first) && j < self.bytes.len() {
            let (d, dlen) = self.char_at(j);
            if words::is_regional_indicator(d) {
                j += dlen;
            }
        }
        loop {
            let e = self.extend_run(j);
            let joiner = self.text[j..e].contains('\u{200D}');
            j = e;
            if !joiner || j >= self.bytes.len() {
                break;
            }
            let (d, dlen) = self.char_at(j);
            if class(d) != Class::Symbol {
                break;
            }
            j += dlen;
        }
        self.push(i, j, TokenKind::Symbol, false);
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, split_clitics: bool) -> Vec<&str> {
        let mut seg = Segmentation::default();
        scan(text, split_clitics, &mut seg, &mut ());
        seg.tokens.iter().map(|t| t.span.as_str(text)).collect()
    }

    #[test]
    fn words() {
        let rows: &[(&str, &[&str])] = &[
            ("Mr. Lavrov's plan", &["Mr.", "Lavrov", "'s", "plan"]),
            ("the U.S. and U.K.", &["the", "U.S.", "and", "U.K."]),
            ("J. K. Rowling", &["J.", "K.", "Rowling"]),
            ("on Feb. 12, 2001", &["on", "Feb.", "12", ",", "2001"]),
            ("don't can't won't", &["do", "n't", "ca", "n't", "wo", "n't"]),
            ("Turkey’s parents' house", &["Turkey", "’s", "parents", "'", "house"]),
            (
                "I'm we'll they're you've he'd",
                &["I", "'m", "we", "'ll", "they", "'re", "you", "'ve", "he", "'d"],
            ),
            ("O'Neill cannot", &["O'Neill", "can", "not"]),
            (
                "Clinton’s DON'T it's, won’t (they’ll) I'd",
                &[
                    "Clinton", "’s", "DO", "N'T", "it", "'s", ",", "wo", "n’t", "(", "they", "’ll",
                    ")", "I", "'d",
                ],
            ),
            ("n't 1990's x's2 www's", &["n't", "1990's", "x's2", "www", "'s"]),
            ("the 'bad guys'.", &["the", "'", "bad", "guys", "'", "."]),
            ("Russia-US e-mail re-elect", &["Russia", "-", "US", "e-mail", "re-elect"]),
            (
                "1,000.5 3.5% $4bn 12:05 08/16/2000",
                &["1,000.5", "3.5", "%", "$", "4", "bn", "12:05", "08/16/2000"],
            ),
            (
                "call 713-664-7478 in 1998-2001",
                &["call", "713-664-7478", "in", "1998", "-", "2001"],
            ),
            ("Wait... what?! -- no", &["Wait", "...", "what", "?!", "--", "no"]),
            (
                "see http://x.org/a?b=1, or www.bbc.co.uk.",
                &["see", "http://x.org/a?b=1", ",", "or", "www.bbc.co.uk", "."],
            ),
            ("mail jo.doe@example.com now", &["mail", "jo.doe@example.com", "now"]),
            ("visit example.com/path today", &["visit", "example.com/path", "today"]),
            ("at Newsfeed.Com now", &["at", "Newsfeed.Com", "now"]),
            ("high quality.You'll see", &["high", "quality", ".", "You", "'ll", "see"]),
            ("mail franz371...@gmail.com now", &["mail", "franz371...@gmail.com", "now"]),
            ("@whosaid #news2024 rocks", &["@whosaid", "#news2024", "rocks"]),
            ("plus @example.com. Then", &["plus", "@example.com", ".", "Then"]),
            ("great :) bad :-( love <3", &["great", ":)", "bad", ":-(", "love", "<3"]),
            ("AT&T and/or b/c", &["AT&T", "and", "/", "or", "b/c"]),
            ("“Quote,” he said — fine…", &["“", "Quote", ",", "”", "he", "said", "—", "fine", "…"]),
            ("👩‍👩‍👧 🇺🇸 👍🏽", &["👩‍👩‍👧", "🇺🇸", "👍🏽"]),
            ("Zakharová café", &["Zakharová", "café"]),
            ("the 1990s, 29th", &["the", "1990s", ",", "29th"]),
            ("w- what", &["w-", "what"]),
            ("at .5 percent", &["at", ".5", "percent"]),
        ];
        for (text, want) in rows {
            assert_eq!(tokens(text, true), *want, "{text}");
        }
    }

    #[test]
    fn surface_tokens_keep_clitics() {
        assert_eq!(
            tokens("don't Turkey's parents' cannot", false),
            ["don't", "Turkey's", "parents'", "cannot"]
        );
    }

    #[test]
    fn joined_marks_continuations() {
        let mut seg = Segmentation::default();
        scan("don't go", true, &mut seg, &mut ());
        let joined: Vec<bool> = seg.tokens.iter().map(|t| t.joined).collect();
        assert_eq!(joined, [false, true, false]);
    }
}
