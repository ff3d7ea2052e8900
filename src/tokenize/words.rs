//! Word-shape rules of the scanner, following Universal Dependencies English: hyphens,
//! clitics, numbers with separators and units, URLs, punctuation runs.

/// What to do with a hyphen between two letter or digit runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hyphen {
    /// Keep one token: "e-mail", "re-elect", "713-664-7478".
    Join,
    /// Split into word, hyphen, word: "Russia-US", "well-known", "1998-2001".
    Split,
}

/// Prefixes UD English keeps attached to the word after the hyphen.
const PREFIXES: &[&str] = &[
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
    if seg == start && PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(left)) {
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

/// Length of a unit suffix to split from a number ("4bn" -> 2), if any.
pub(crate) fn unit_suffix(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let letters = bytes.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters == bytes.len() || !bytes[bytes.len() - letters - 1].is_ascii_digit()
    {
        return None;
    }
    let suffix = &word[word.len() - letters..];
    let number = &bytes[..bytes.len() - letters];
    let numeric = number.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','));
    (numeric && UNITS.iter().any(|u| u.eq_ignore_ascii_case(suffix))).then_some(letters)
}

/// Where UD splits a contraction written as one word: "cannot" -> "can" "not",
/// "gonna" -> "gon" "na", and the informal spellings without apostrophe "dont" ->
/// "do" "nt", "im" -> "i" "m". Returns the length of the first part.
pub(crate) fn multiword(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    if !(2..=8).contains(&bytes.len()) {
        return None;
    }
    let mut buf = [0u8; 8];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let n = bytes.len();
    match &*lower {
        b"cannot" | b"gonna" | b"gotta" | b"wanna" | b"outta" => Some(3),
        b"dont" | b"cant" | b"wont" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"werent"
        | b"arent" | b"havent" | b"hasnt" | b"hadnt" | b"wouldnt" | b"couldnt" | b"shouldnt"
        | b"youre" | b"theyre" => Some(n - 2),
        b"thats" | b"whats" | b"im" | b"ive" => Some(n - 1 - usize::from(n == 3)),
        _ => None,
    }
}

/// True for a clitic after an apostrophe: "s", "m", "d", "ll", "re", "ve".
pub(crate) fn is_clitic(suffix: &str) -> bool {
    const CLITICS: &[&str] = &["s", "m", "d", "ll", "re", "ve"];
    CLITICS.iter().any(|c| c.eq_ignore_ascii_case(suffix))
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
    fn shapes() {
        assert_eq!(unit_suffix("4bn"), Some(2));
        assert_eq!(unit_suffix("29th"), None);
        assert_eq!(unit_suffix("1990s"), None);
        assert_eq!(unit_suffix("3.5m"), Some(1));
        assert!(is_domain("example.com"));
        assert!(is_domain("news.bbc.co.uk"));
        assert!(!is_domain("U.S"));
        assert!(!is_domain("3.5"));
        assert_eq!(trim_url(b"http://x.org/a_(b))."), 18);
        assert_eq!(multiword("Cannot"), Some(3));
        assert_eq!(multiword("dont"), Some(2));
        assert_eq!(multiword("Thats"), Some(4));
        assert_eq!(multiword("ive"), Some(1));
        assert_eq!(multiword("im"), Some(1));
        assert_eq!(multiword("its"), None);
        assert!(thousands(b"000.5"));
        assert!(!thousands(b"0000"));
    }
}
