//! Abbreviations that keep their final period ("Mr.", "Feb.", "Inc.") and whether
//! they can end a sentence.

use super::words::{folded_key, has, keys, le_bytes, Filter};
use crate::normalize::ascii8::FOLD;

/// How an abbreviation behaves at a sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Always followed by more of the same sentence: titles before names ("Mr.", "Gen."),
    /// initials ("J."), "e.g.", "vs.".
    Inner,
    /// Ends the sentence when a capitalized word follows: "Inc.", "etc.", "Feb.", "Jr.".
    MayEnd,
    /// Dotted capitals ("U.S.", "U.N."): mostly adjectival ("U.S. Army"), so they end
    /// a sentence only before a word that typically starts one ("The", "He").
    Dotted,
}

/// Titles and other abbreviations that never end a sentence. Matched with the first
/// letter capitalized (or all capitals), so "gen." or "rep." at a sentence end stay words.
static INNER_TITLES: [u64; INNER_TITLES_WORDS.len()] = keys(INNER_TITLES_WORDS);
const INNER_TITLES_WORDS: &[&str] = &[
    "adm", "atty", "brig", "capt", "cmdr", "col", "cpl", "cpt", "dr", "drs", "fr", "ft", "gen",
    "gov", "hon", "lt", "maj", "messrs", "mr", "mrs", "ms", "msgr", "mt", "pres", "prof", "ps",
    "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt",
];

/// Abbreviations that never end a sentence, in any case.
static INNER_ANYCASE: [u64; INNER_ANYCASE_WORDS.len()] = keys(INNER_ANYCASE_WORDS);
const INNER_ANYCASE_WORDS: &[&str] =
    &["approx", "c", "ca", "cf", "e.g", "eg", "ext", "i.e", "ie", "p.s", "viz", "vs"];

/// Capitalized abbreviations that may end a sentence: months, days, US states, companies.
static MAY_END_TITLED: [u64; MAY_END_TITLED_WORDS.len()] = keys(MAY_END_TITLED_WORDS);
const MAY_END_TITLED_WORDS: &[&str] = &[
    "ala", "apr", "ariz", "ark", "assn", "assoc", "aug", "ave", "blvd", "bros", "calif", "colo",
    "conn", "corp", "dec", "dept", "esq", "feb", "fla", "fri", "ga", "govt", "hwy", "inc", "ind",
    "jan", "jr", "jul", "jun", "kan", "kans", "ky", "la", "ltd", "mar", "mass", "md", "mich",
    "minn", "mo", "mon", "mont", "neb", "nev", "nov", "oct", "okla", "ore", "pa", "penn", "rd",
    "sat", "sep", "sept", "sr", "sun", "tenn", "tex", "thu", "thur", "thurs", "tue", "tues",
    "univ", "va", "vt", "wed", "wis", "wyo",
];

/// Abbreviations that may end a sentence, in any case.
static MAY_END_ANYCASE: [u64; MAY_END_ANYCASE_WORDS.len()] = keys(MAY_END_ANYCASE_WORDS);
const MAY_END_ANYCASE_WORDS: &[&str] = &[
    "al", "co", "dept", "est", "etc", "fig", "figs", "intl", "no", "nos", "natl", "pp", "vol",
    "vols",
];

/// The filter of every abbreviation above: most words before a period fail it at once
/// (134 keys in 2,048 bits: about one word in sixteen passes it by chance, where it was
/// one in two with 256 bits).
static ABBREVIATIONS: Filter<32> = Filter::EMPTY
    .with_words(INNER_TITLES_WORDS)
    .with_words(INNER_ANYCASE_WORDS)
    .with_words(MAY_END_TITLED_WORDS)
    .with_words(MAY_END_ANYCASE_WORDS);

/// Every abbreviation of the lists above (lower case, without its final period).
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    [INNER_TITLES_WORDS, INNER_ANYCASE_WORDS, MAY_END_TITLED_WORDS, MAY_END_ANYCASE_WORDS]
        .into_iter()
        .flatten()
        .copied()
}

/// Words that usually start a sentence: after "U.S." they signal a sentence end.
const STARTERS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "but", "by", "for", "he", "her", "his", "i", "if", "in",
    "it", "its", "many", "most", "my", "no", "now", "on", "one", "our", "she", "so", "some",
    "that", "the", "their", "there", "these", "they", "this", "those", "we", "what", "when",
    "while", "why", "you",
];

/// First words of greetings and sign-offs ("Hi,", "Best regards,", "Dear Jane,").
const SALUTATIONS: &[&str] = &[
    "best",
    "cheers",
    "dear",
    "hello",
    "hey",
    "hi",
    "kind",
    "kindest",
    "regards",
    "respectfully",
    "sincerely",
    "thanks",
    "warm",
    "warmest",
    "yours",
];

/// Longest entry of the lists above, in bytes.
pub(crate) const MAX_LEN: usize = 6;

/// The behaviour of `word` (without its final period) as an abbreviation, if it is one.
///
/// `next_is_digit` tells whether a number follows ("No. 5"); "no." before anything else
/// is the word "no". It is asked only for "no" and "nos".
pub(crate) fn lookup(word: &str, next_is_digit: impl FnOnce() -> bool) -> Option<Abbrev> {
    let bytes = word.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_uppercase() {
        return Some(Abbrev::Inner);
    }
    if bytes.is_empty() || bytes.len() > MAX_LEN {
        return dotted(word);
    }
    // `folded_key`, read with a few loads rather than a byte at a time.
    let key = le_bytes(bytes) | FOLD;
    if key & 0x8080_8080_8080_8080 != 0 {
        return dotted(word); // not ASCII
    }
    // The key holds every byte of a word this short, so it tells whether the word has
    // a period, as `dotted` asks first ('.' folds to itself, no byte of a word to it).
    let periods = key ^ folded_key(b"........");
    let has_period =
        periods.wrapping_sub(0x0101_0101_0101_0101) & !periods & 0x8080_8080_8080_8080 != 0;
    let dotted = || if has_period { dotted(word) } else { None };
    if !ABBREVIATIONS.may_hold(key) {
        return dotted();
    }
    let titled = bytes[0].is_ascii_uppercase();
    if (key == folded_key(b"no") || key == folded_key(b"nos")) && !next_is_digit() {
        return None;
    }
    if has(&INNER_ANYCASE, key) || (titled && has(&INNER_TITLES, key)) {
        Some(Abbrev::Inner)
    } else if has(&MAY_END_ANYCASE, key) || (titled && has(&MAY_END_TITLED, key)) {
        Some(Abbrev::MayEnd)
    } else {
        dotted()
    }
}

/// Dotted abbreviations: letter groups of one or two letters joined by periods
/// ("U.S", "a.m", "Ph.D"). Capital ones behave as [`Abbrev::Dotted`], others may end.
fn dotted(word: &str) -> Option<Abbrev> {
    // Byte by byte: splitting at the periods costs more than these short words.
    let (mut periods, mut letters, mut capitals) = (0, 0, true);
    for &b in word.as_bytes() {
        if b == b'.' && letters > 0 {
            (periods, letters) = (periods + 1, 0);
        } else if b.is_ascii_alphabetic() && letters < 2 {
            letters += 1;
            capitals &= b.is_ascii_uppercase();
        } else {
            return None;
        }
    }
    (periods > 0 && letters > 0).then_some(if capitals { Abbrev::Dotted } else { Abbrev::MayEnd })
}

/// True when `word` opens a greeting or sign-off ("Hi", "Regards", "Sincerely").
pub(crate) fn is_salutation(word: &str) -> bool {
    SALUTATIONS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// True when `word` usually starts a sentence ("The", "He", "But").
pub(crate) fn is_starter(word: &str) -> bool {
    word.len() <= 6 && STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let rows = [
            ("Mr", false, Some(Abbrev::Inner)),
            ("MR", false, Some(Abbrev::Inner)),
            ("mr", false, None),
            ("J", false, Some(Abbrev::Inner)),
            ("Feb", false, Some(Abbrev::MayEnd)),
            ("feb", false, None),
            ("etc", false, Some(Abbrev::MayEnd)),
            ("Inc", false, Some(Abbrev::MayEnd)),
            ("U.S", false, Some(Abbrev::Dotted)),
            ("a.m", false, Some(Abbrev::MayEnd)),
            ("e.g", false, Some(Abbrev::Inner)),
            ("Ph.D", false, Some(Abbrev::MayEnd)),
            ("No", true, Some(Abbrev::MayEnd)),
            ("No", false, None),
            ("yahoo.com", false, None),
            ("house", false, None),
            ("Zakharová", false, None),
        ];
        for (word, digit, want) in rows {
            assert_eq!(lookup(word, || digit), want, "{word}");
        }
        for word in ["U.S", "u.s", "a.B.cd", ".US", "U.", "U..S", "U.S.", "USA", "U.S3", "Ph.D"] {
            let split = word.contains('.')
                && word.split('.').all(|p| {
                    (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
                });
            let upper = word.bytes().all(|b| b == b'.' || b.is_ascii_uppercase());
            let want = split.then_some(if upper { Abbrev::Dotted } else { Abbrev::MayEnd });
            assert_eq!(dotted(word), want, "{word}");
        }
        assert!(is_starter("The"));
        assert!(!is_starter("Army"));
    }
}
