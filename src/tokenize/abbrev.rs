//! Abbreviations that keep their final period ("Mr.", "Feb.", "Inc.") and whether
//! they can end a sentence.

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
const INNER_TITLES: &[&str] = &[
    "adm", "atty", "brig", "capt", "cmdr", "col", "cpl", "cpt", "dr", "drs", "fr", "ft", "gen",
    "gov", "hon", "lt", "maj", "messrs", "mr", "mrs", "ms", "msgr", "mt", "pres", "prof", "pvt",
    "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt",
];

/// Abbreviations that never end a sentence, in any case.
const INNER_ANYCASE: &[&str] = &["approx", "c", "ca", "cf", "e.g", "eg", "i.e", "ie", "viz", "vs"];

/// Capitalized abbreviations that may end a sentence: months, days, US states, companies.
const MAY_END_TITLED: &[&str] = &[
    "ala", "apr", "ariz", "ark", "assn", "assoc", "aug", "ave", "blvd", "bros", "calif", "colo",
    "conn", "corp", "dec", "dept", "esq", "feb", "fla", "fri", "ga", "govt", "hwy", "inc", "ind",
    "jan", "jr", "jul", "jun", "kan", "kans", "ky", "la", "ltd", "mar", "mass", "md", "mich",
    "minn", "mo", "mon", "mont", "neb", "nev", "nov", "oct", "okla", "ore", "pa", "penn", "rd",
    "sat", "sep", "sept", "sr", "sun", "tenn", "tex", "thu", "thur", "thurs", "tue", "tues",
    "univ", "va", "vt", "wed", "wis", "wyo",
];

/// Abbreviations that may end a sentence, in any case.
const MAY_END_ANYCASE: &[&str] = &[
    "al", "co", "dept", "est", "etc", "fig", "figs", "intl", "no", "nos", "natl", "pp", "vol",
    "vols",
];

/// Words that usually start a sentence: after "U.S." they signal a sentence end.
const STARTERS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "but", "by", "for", "he", "her", "his", "i", "if", "in",
    "it", "its", "many", "most", "my", "no", "now", "on", "one", "our", "she", "so", "some",
    "that", "the", "their", "there", "these", "they", "this", "those", "we", "what", "when",
    "while", "why", "you",
];

/// Longest entry of the lists above, in bytes.
const MAX_LEN: usize = 6;

/// The behaviour of `word` (without its final period) as an abbreviation, if it is one.
///
/// `next_is_digit` tells whether a number follows ("No. 5"); "no." before anything else
/// is the word "no".
pub(crate) fn lookup(word: &str, next_is_digit: bool) -> Option<Abbrev> {
    let bytes = word.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_uppercase() {
        return Some(Abbrev::Inner);
    }
    if bytes.is_empty() || bytes.len() > MAX_LEN || !word.is_ascii() {
        return dotted(word);
    }
    let mut buf = [0u8; MAX_LEN];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or_default();
    let titled = bytes[0].is_ascii_uppercase();
    if matches!(lower, "no" | "nos") && !next_is_digit {
        return None;
    }
    if INNER_ANYCASE.contains(&lower) || (titled && INNER_TITLES.contains(&lower)) {
        Some(Abbrev::Inner)
    } else if MAY_END_ANYCASE.contains(&lower) || (titled && MAY_END_TITLED.contains(&lower)) {
        Some(Abbrev::MayEnd)
    } else {
        dotted(word)
    }
}

/// Dotted abbreviations: letter groups of one or two letters joined by periods
/// ("U.S", "a.m", "Ph.D"). Capital ones behave as [`Abbrev::Dotted`], others may end.
fn dotted(word: &str) -> Option<Abbrev> {
    if !word.contains('.') {
        return None;
    }
    let mut capitals = true;
    for part in word.split('.') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        capitals &= part.bytes().all(|b| b.is_ascii_uppercase());
    }
    Some(if capitals { Abbrev::Dotted } else { Abbrev::MayEnd })
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
            assert_eq!(lookup(word, digit), want, "{word}");
        }
        assert!(is_starter("The"));
        assert!(!is_starter("Army"));
    }
}
