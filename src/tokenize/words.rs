//! Word-shape rules of the scanner, following Universal Dependencies English: hyphens,
//! clitics, numbers with separators and units, URLs, punctuation runs.

use crate::normalize::ascii8::FOLD;

/// What to do with a hyphen between two letter or digit runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hyphen {
    /// Keep one token: "e-mail", "re-elect", "713-664-7478".
    Join,
    /// Split into word, hyphen, word: "Russia-US", "well-known", "1998-2001".
    Split,
}

/// Prefixes UD English keeps attached to the word after the hyphen, as folded keys.
static PREFIXES: [u64; PREFIX_WORDS.len()] = keys(PREFIX_WORDS);
const PREFIX_WORDS: &[&str] = &[
    "anti", "bi", "co", "counter", "cross", "de", "e", "ex", "extra", "hyper", "inter", "intra",
    "macro", "micro", "mid", "mini", "mis", "multi", "neo", "non", "over", "post", "pre", "pro",
    "pseudo", "re", "semi", "sub", "super", "trans", "tri", "ultra", "un", "under", "vice",
];

/// Unit suffixes split from a number: "4bn" -> "4" "bn", "5pm" -> "5" "pm".
const UNITS: &[&str] = &[
    "am", "b", "bn", "cm", "ft", "gb", "gw", "h", "hr", "hrs", "k", "kb", "kg", "km", "kph", "kw",
    "lb", "lbs", "m", "mb", "mg", "mi", "min", "ml", "mm", "mn", "mph", "mw", "oz", "pm", "tb",
    "tn", "trn", "yr", "yrs",
];

/// Top-level domains that make "example.com" a URL.
const TLDS: &[&str] = &[
    "au", "biz", "ca", "cn", "co", "com", "de", "edu", "eu", "fr", "gov", "ie", "in", "info",
    "int", "io", "jp", "ly", "me", "mil", "net", "nz", "org", "ru", "tv", "uk", "us",
];

/// Decides a hyphen at byte `hyphen` of `text`, in a word starting at `start` whose
/// current part starts at `seg` and whose next part ends at `right`.
pub(crate) fn hyphen(text: &str, start: usize, seg: usize, hyphen: usize, right: usize) -> Hyphen {
    let left = &text[seg..hyphen];
    let next = &text[hyphen + 1..right];
    if seg == start && left.len() <= 8 && has(&PREFIXES, folded_key(left.as_bytes())) {
        return Hyphen::Join;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(left) && digits(next) {
        let year_range = left.len() == 4 && next.len() == 4;
        let more = text.as_bytes().get(right) == Some(&b'-');
        if (next.len() >= 3 && !year_range) || next.starts_with('0') || seg > start || more {
            return Hyphen::Join;
        }
    }
    Hyphen::Split
}

/// True when `rest` starts with exactly three digits: the group after a thousands comma.
pub(crate) fn thousands(rest: &[u8]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(u8::is_ascii_digit)
        && !rest.get(3).is_some_and(u8::is_ascii_alphanumeric)
}

/// True when byte `k` is a letter standing alone ("c" in "b/c").
pub(crate) fn single_letter_at(bytes: &[u8], k: usize) -> bool {
    bytes.get(k).is_some_and(u8::is_ascii_alphabetic)
        && !bytes.get(k + 1).is_some_and(u8::is_ascii_alphanumeric)
        && bytes[k - 2].is_ascii_alphabetic()
}

/// True for an ampersand inside capitals: "AT&T", "S&P", "Q&A".
pub(crate) fn ampersand(bytes: &[u8], seg: usize, amp: usize) -> bool {
    amp - seg <= 3
        && bytes[seg..amp].iter().all(u8::is_ascii_uppercase)
        && bytes.get(amp + 1).is_some_and(u8::is_ascii_uppercase)
}

/// True when `bytes` can be the local part of an e-mail address.
pub(crate) fn email_local(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'))
}

/// True when `bytes` starts a URL scheme or "www.".
pub(crate) fn starts_url(bytes: &[u8]) -> bool {
    if !matches!(bytes.first(), Some(b'h' | b'H' | b'f' | b'F' | b'w' | b'W')) {
        return false;
    }
    let starts = |p: &[u8]| bytes.len() > p.len() && bytes[..p.len()].eq_ignore_ascii_case(p);
    starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.")
}

/// True for a bare domain name: "example.com", "news.bbc.co.uk".
pub(crate) fn is_domain(word: &str) -> bool {
    let Some((host, tld)) = word.rsplit_once('.') else {
        return false;
    };
    host.len() >= 2
        && host.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

/// Length of the end of `bytes` that still belongs to a URL: trailing punctuation and
/// unbalanced closing brackets are left out.
pub(crate) fn trim_url(bytes: &[u8]) -> usize {
    let count = |c: u8| bytes.iter().filter(|&&b| b == c).count();
    let (open_paren, open_square) = (count(b'('), count(b'['));
    let (mut close_paren, mut close_square) = (count(b')'), count(b']'));
    let mut end = bytes.len();
    while end > 1 {
        match bytes[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' => {}
            b')' if close_paren > open_paren => close_paren -= 1,
            b']' if close_square > open_square => close_square -= 1,
            _ => break,
        }
        end -= 1;
    }
    end
}

/// True when every char of `word` is a letter.
pub(crate) fn is_letters(word: &str) -> bool {
    word.chars().all(char::is_alphabetic)
}

/// Length of a unit suffix to split from a number ("4bn" -> 2), 0 when none.
pub(crate) fn unit_suffix(word: &[u8]) -> usize {
    let letters = word.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0
        || letters > 3
        || letters == word.len()
        || !word[word.len() - letters - 1].is_ascii_digit()
    {
        return 0;
    }
    let number = &word[..word.len() - letters];
    let numeric = number.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','));
    let key = folded_key(&word[word.len() - letters..]);
    if numeric && UNITS.iter().any(|u| folded_key(u.as_bytes()) == key) {
        letters
    } else {
        0
    }
}

/// Where UD splits a contraction written as one word: "cannot" -> "can" "not",
/// "gonna" -> "gon" "na", and the informal spellings without apostrophe "dont" ->
/// "do" "nt", "im" -> "i" "m". `text[start..end]` is the word; returns the length of
/// its first part.
#[inline(always)]
pub(crate) fn multiword(text: &[u8], start: usize, end: usize) -> Option<usize> {
    let n = end.wrapping_sub(start);
    if !(2..=8).contains(&n) {
        return None;
    }
    let (Some(&first), Some(&last)) = (text.get(start), text.get(end - 1)) else {
        return None;
    };
    if !may_be_multiword(first, last, n) {
        return None;
    }
    let key = match text.get(start..start + 8) {
        Some(chunk) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let mask = u64::MAX >> (64 - 8 * n); // the first n bytes; n is 2..=8
            (u64::from_le_bytes(word) & mask) | FOLD
        }
        None => folded_key(&text[start..end]),
    };
    if !MULTIWORD_FILTER.may_hold(key) {
        return None;
    }
    MULTIWORDS.iter().find(|&&(k, _)| k == key).map(|&(_, cut)| usize::from(cut))
}

/// False when a word of `n` bytes from `first` to `last` is surely not one of the
/// contractions [`multiword`] splits: length, first and last letter rule out almost
/// every word with one load.
#[inline(always)]
fn may_be_multiword(first: u8, last: u8, n: usize) -> bool {
    match MULTIWORD_ENDS.get(n.wrapping_sub(2)) {
        Some(ends) => ends[usize::from(last & 31)] & (1 << (first & 31)) != 0,
        None => false,
    }
}

/// A filter of `N` times 64 bits over word keys ([`folded_key`]): a key whose bit is
/// clear is surely not in the set, so nearly every ordinary word is rejected at once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Filter<const N: usize>([u64; N]);

impl<const N: usize> Filter<N> {
    /// The filter of no key.
    pub(crate) const EMPTY: Filter<N> = Filter([0; N]);

    /// This filter with `key` added.
    pub(crate) const fn with(mut self, key: u64) -> Filter<N> {
        let bit = Self::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
        self
    }

    /// This filter with the keys of `words` added.
    pub(crate) const fn with_words(mut self, words: &[&str]) -> Filter<N> {
        let mut i = 0;
        while i < words.len() {
            self = self.with(folded_key(words[i].as_bytes()));
            i += 1;
        }
        self
    }

    /// False when `key` is surely not in the set.
    #[inline]
    pub(crate) fn may_hold(&self, key: u64) -> bool {
        let bit = Self::bit(key);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The bit of `key`: the top bits of a multiply.
    const fn bit(key: u64) -> usize {
        const { assert!(N.is_power_of_two()) };
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - (64 * N).trailing_zeros())) as usize
    }
}

/// The filter of every key of [`MULTIWORDS`].
static MULTIWORD_FILTER: Filter<4> = {
    let mut filter = Filter::EMPTY;
    let mut i = 0;
    while i < MULTIWORDS.len() {
        filter = filter.with(MULTIWORDS[i].0);
        i += 1;
    }
    filter
};

/// For each length of [`MULTIWORDS`] (2 to 8 bytes) and the low five bits of a last
/// letter, a bit for the low five bits of each first letter: a letter's bits are the
/// same in either case, so a word whose bit is clear is surely no multiword.
static MULTIWORD_ENDS: [[u32; 32]; 7] = {
    let mut ends = [[0; 32]; 7];
    let mut i = 0;
    while i < MULTIWORDS.len() {
        let key = MULTIWORDS[i].0.to_le_bytes();
        let mut n = 8;
        while key[n - 1] == b' ' {
            n -= 1;
        }
        ends[n - 2][(key[n - 1] & 31) as usize] |= 1 << (key[0] & 31);
        i += 1;
    }
    ends
};

/// Up to eight bytes as a little-endian integer (0 for more), read with a few
/// overlapping loads, which OR the same bytes into the same places.
#[inline]
pub(crate) fn le_bytes(b: &[u8]) -> u64 {
    let n = b.len();
    let load4 =
        |at: usize| u64::from(u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default()));
    match n {
        0..=3 => b.iter().rev().fold(0, |acc, &c| acc << 8 | u64::from(c)),
        4..=7 => load4(0) | load4(n - 4) << ((n - 4) * 8),
        8 => u64::from_le_bytes(b.try_into().unwrap_or_default()),
        _ => 0,
    }
}

/// Up to 8 bytes as one number, ASCII letters folded to lower case, for quick
/// comparison of short words (other bytes never fold into letters).
#[inline]
pub(crate) const fn folded_key(bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key | FOLD
}

/// The folded keys of `words` (at most 8 bytes each), sorted for binary search.
pub(crate) const fn keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        let key = folded_key(words[i].as_bytes());
        let mut j = i;
        while j > 0 && out[j - 1] > key {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = key;
        i += 1;
    }
    out
}

/// True when the sorted `keys` hold `key`.
pub(crate) fn has(keys: &[u64], key: u64) -> bool {
    keys.binary_search(&key).is_ok()
}

/// Contractions UD splits, with the length of their first part.
const CONTRACTIONS: [(&str, u8); 26] = [
    ("cannot", 3),
    ("gonna", 3),
    ("gotta", 3),
    ("wanna", 3),
    ("outta", 3),
    ("dont", 2),
    ("cant", 2),
    ("wont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("isnt", 2),
    ("wasnt", 3),
    ("werent", 4),
    ("arent", 3),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("wouldnt", 5),
    ("couldnt", 5),
    ("shouldnt", 6),
    ("youre", 3),
    ("theyre", 4),
    ("thats", 4),
    ("whats", 4),
    ("im", 1),
    ("ive", 1),
];

/// [`CONTRACTIONS`] as keys.
const MULTIWORDS: [(u64, u8); CONTRACTIONS.len()] = {
    let mut keys = [(0, 0); CONTRACTIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        let (word, cut) = CONTRACTIONS[i];
        keys[i] = (folded_key(word.as_bytes()), cut);
        i += 1;
    }
    keys
};

/// The contractions [`multiword`] splits, in lower case.
pub(crate) fn contractions() -> impl Iterator<Item = &'static str> {
    CONTRACTIONS.iter().map(|&(word, _)| word)
}

/// True for a clitic after an apostrophe: "s", "m", "d", "ll", "re", "ve".
pub(crate) fn is_clitic(suffix: &str) -> bool {
    // Setting bit 5 folds only the two cases of a letter into its lower case.
    match *suffix.as_bytes() {
        [a] => matches!(a | 0x20, b's' | b'm' | b'd'),
        [a, b] => matches!([a | 0x20, b | 0x20], [b'l', b'l'] | [b'r' | b'v', b'e']),
        _ => false,
    }
}

/// Punctuation that forms one token when repeated ("...", "?!", "--", "**"): chars of
/// the same non-zero group join.
pub(crate) fn run_group(c: char) -> u8 {
    match c {
        '.' | '!' | '?' | '\u{2026}' => 1,
        '-' | '=' => 2,
        '<' => 10,
        '>' => 11,
        '$' => 12,
        '*' => 3,
        '_' => 4,
        '~' => 5,
        '`' => 6,
        '\u{2014}' => 7,
        '\u{2013}' => 8,
        '\'' => 9,
        _ => 0,
    }
}

/// Regional indicator letters, which pair into flags.
pub(crate) fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_keys_read_whole_are_read_bytewise() {
        let text = "Mr.Feb etc é-UN";
        for start in 0..text.len() {
            for end in start..=(start + 8).min(text.len()) {
                let b = &text.as_bytes()[start..end];
                assert_eq!(le_bytes(b) | FOLD, folded_key(b), "{b:?}");
            }
        }
    }

    #[test]
    fn hyphens() {
        let rows = [
            ("e-mail", Hyphen::Join),
            ("re-elect", Hyphen::Join),
            ("Non-Microsoft", Hyphen::Join),
            ("Russia-US", Hyphen::Split),
            ("well-known", Hyphen::Split),
            ("853-3242", Hyphen::Join),
            ("36-01", Hyphen::Join),
            ("1998-30", Hyphen::Split),
            ("2005-2006", Hyphen::Split),
            ("3-5", Hyphen::Split),
        ];
        for (word, want) in rows {
            let h = word.find('-').unwrap_or_default();
            let right = word[h + 1..].find('-').map_or(word.len(), |k| h + 1 + k);
            assert_eq!(hyphen(word, 0, 0, h, right), want, "{word}");
        }
    }

    #[test]
    fn every_multiword_passes_its_filters_in_any_case() {
        for &(key, cut) in &MULTIWORDS {
            let word = String::from_utf8_lossy(&key.to_le_bytes()).trim_end().to_owned();
            for form in [word.clone(), word.to_uppercase(), word[..1].to_uppercase() + &word[1..]] {
                let text = format!("{form} x");
                assert_eq!(multiword(text.as_bytes(), 0, form.len()), Some(usize::from(cut)));
            }
        }
    }

    #[test]
    fn clitics_in_any_case_and_nothing_else() {
        let clitics = ["s", "m", "d", "ll", "re", "ve"];
        let bytes = (0u8..0x80).map(char::from);
        let ones = bytes.clone().map(String::from);
        let twos = bytes.clone().flat_map(|a| bytes.clone().map(move |b| format!("{a}{b}")));
        for s in ones.chain(twos).chain(["", "lls", "’s"].map(String::from)) {
            let want = clitics.iter().any(|c| c.eq_ignore_ascii_case(&s));
            assert_eq!(is_clitic(&s), want, "{s:?}");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(unit_suffix(b"4bn"), 2);
        assert_eq!(unit_suffix(b"29th"), 0);
        assert_eq!(unit_suffix(b"1990s"), 0);
        assert_eq!(unit_suffix(b"3.5m"), 1);
        assert!(is_domain("example.com"));
        assert!(is_domain("news.bbc.co.uk"));
        assert!(!is_domain("U.S"));
        assert!(!is_domain("3.5"));
        assert_eq!(trim_url(b"http://x.org/a_(b))."), 18);
        assert_eq!(multiword(b"Cannot", 0, 6), Some(3));
        assert_eq!(multiword(b"dont", 0, 4), Some(2));
        assert_eq!(multiword(b"Thats", 0, 5), Some(4));
        assert_eq!(multiword(b"ive", 0, 3), Some(1));
        assert_eq!(multiword(b"im", 0, 2), Some(1));
        assert_eq!(multiword(b"its", 0, 3), None);
        assert_eq!(multiword(b"I cannot say", 2, 8), Some(3));
        assert_eq!(multiword(b"cannotbe", 0, 6), Some(3));
        assert!(thousands(b"000.5"));
        assert!(!thousands(b"0000"));
    }
}
