//! Gazetteer entries as users give them, and the patterns each one is matched by.

use crate::normalize::{normalize, normalize_into, NormalizeOptions, Normalized};

/// Longest name or alias accepted, in bytes of its normalized form. Longer names
/// are rejected with an error: no news mention is that long, and a runaway
/// field (a whole paragraph in a name column) is a data error worth reporting.
pub const MAX_NAME_BYTES: usize = 1000;

/// One entity of a gazetteer: an id, a canonical name, a label and the other
/// names it goes by.
///
/// ```
/// use whosaid::Entry;
/// let e = Entry::new("Q159", "Russia", "GPE")
///     .with_alias("Russian Federation")
///     .with_demonym("Russian")
///     .with_weight(2.0);
/// assert_eq!(e.aliases, ["Russian Federation"]);
/// assert_eq!(e.case_sensitive, None);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable identifier, reported with every match. Entries with the same id are
    /// merged (their names, and the greater weight); they must have the same label.
    pub id: String,
    /// Canonical name; also matched.
    pub name: String,
    /// Label of mentions: `GPE`, `LOC`, `ORG`, `PERSON`, `NORP` or any label of the user's.
    pub label: String,
    /// Other names that are matched.
    pub aliases: Vec<String>,
    /// Names for the entity's people or adjectives ("Russian", "Russians"): matched,
    /// and reported with the entity's id but with label `NORP`.
    pub demonyms: Vec<String>,
    /// Case policy for all the entry's names. `None` (the default): case-insensitive,
    /// except short all-capital names ("US", "WHO", "NATO", "U.S."), which must
    /// match in capitals so that "us" and "who" never match.
    pub case_sensitive: Option<bool>,
    /// Rank among entries that share a matched name: higher first. Default `0.0`.
    pub weight: f32,
}

impl Entry {
    /// An entry with no aliases, the default case policy and weight 0.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            case_sensitive: None,
            weight: 0.0,
        }
    }

    /// Adds an alias.
    #[must_use]
    pub fn with_alias(mut self, alias: impl Into<String>) -> Entry {
        self.aliases.push(alias.into());
        self
    }

    /// Adds a demonym or adjective, reported with label `NORP`.
    #[must_use]
    pub fn with_demonym(mut self, demonym: impl Into<String>) -> Entry {
        self.demonyms.push(demonym.into());
        self
    }

    /// Sets the case policy of all the entry's names.
    #[must_use]
    pub fn with_case_sensitive(mut self, yes: bool) -> Entry {
        self.case_sensitive = Some(yes);
        self
    }

    /// Sets the weight.
    #[must_use]
    pub fn with_weight(mut self, weight: f32) -> Entry {
        self.weight = weight;
        self
    }

    /// The entry's fields, borrowed, as the compiler reads them.
    pub(crate) fn fields(&self) -> Fields<'_> {
        Fields {
            id: &self.id,
            name: &self.name,
            label: &self.label,
            aliases: &self.aliases,
            joined_aliases: "",
            demonyms: &self.demonyms,
            case_sensitive: self.case_sensitive,
            weight: self.weight,
        }
    }
}

/// The fields of an entry, borrowed from an [`Entry`] or straight from a line of a
/// file, so that reading a million lines allocates nothing per line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub label: &'a str,
    pub aliases: &'a [String],
    /// More aliases, separated by `|` (a TSV column); empty for none.
    pub joined_aliases: &'a str,
    pub demonyms: &'a [String],
    pub case_sensitive: Option<bool>,
    pub weight: f32,
}

impl<'a> Fields<'a> {
    /// An entry with only an id, a name and a label.
    pub(crate) fn new(id: &'a str, name: &'a str, label: &'a str) -> Fields<'a> {
        Fields {
            id,
            name,
            label,
            aliases: &[],
            joined_aliases: "",
            demonyms: &[],
            case_sensitive: None,
            weight: 0.0,
        }
    }

    /// The aliases, from both fields.
    pub(crate) fn aliases(&self) -> impl Iterator<Item = &'a str> {
        let joined = (!self.joined_aliases.is_empty()).then(|| self.joined_aliases.split('|'));
        self.aliases.iter().map(String::as_str).chain(joined.into_iter().flatten())
    }

    /// Checks the fields that are not names. Names are checked by [`Fields::for_each_pattern`].
    pub(crate) fn check(&self) -> Result<(), String> {
        if is_blank(self.id) {
            return Err("empty id".into());
        }
        if is_blank(self.label) {
            return Err(format!("empty label for id {:?}", self.id));
        }
        if !self.weight.is_finite() {
            return Err(format!("weight {} is not a finite number", self.weight));
        }
        Ok(())
    }

    /// Calls `emit` for each pattern that matches this entry: every name, alias and
    /// demonym, with the variants news text uses ("U.S." for "US", "Netherlands" for
    /// "the Netherlands"). A name that can never match (empty, white space or
    /// punctuation only, longer than [`MAX_NAME_BYTES`]) is an error. `scratch` holds
    /// the keys, which `emit` sees only while it runs.
    pub(crate) fn for_each_pattern(
        &self,
        fold_diacritics: bool,
        scratch: &mut KeyScratch,
        mut emit: impl FnMut(Pattern<'_>),
    ) -> Result<(), String> {
        let names = std::iter::once(self.name).chain(self.aliases()).map(|n| (n, false));
        let demonyms = self.demonyms.iter().map(|d| (d.as_str(), true));
        for (name, demonym) in names.chain(demonyms) {
            pattern_key(name, fold_diacritics, scratch)?;
            let extra = variants(name.trim(), &scratch.key);
            self.emit(name, demonym, fold_diacritics, &scratch.key, &mut emit);
            for v in &extra {
                // A variant that cannot match on its own ("the" of "The The") is left out.
                if pattern_key(v, fold_diacritics, scratch).is_ok() {
                    self.emit(v, demonym, fold_diacritics, &scratch.key, &mut emit);
                }
            }
        }
        Ok(())
    }

    /// Emits the pattern of `surface`, whose key is `key`, with its case policy.
    fn emit(
        &self,
        surface: &str,
        demonym: bool,
        fold_diacritics: bool,
        key: &str,
        emit: &mut impl FnMut(Pattern<'_>),
    ) {
        let sensitive =
            self.case_sensitive.unwrap_or_else(|| is_short_capitals(without_article(surface)));
        let exact = sensitive.then(|| exact_form(surface, fold_diacritics));
        emit(Pattern { key, exact: exact.as_deref(), demonym });
    }
}

/// One way an entry can be written: `key` is matched against the normalized text;
/// when `exact` is set, the original text must also equal it without case folding.
pub(crate) struct Pattern<'a> {
    pub key: &'a str,
    pub exact: Option<&'a str>,
    pub demonym: bool,
}

/// Buffers reused from name to name while computing keys.
#[derive(Debug, Default)]
pub(crate) struct KeyScratch {
    /// The last key computed.
    key: String,
    norm: Normalized,
}

/// Sets `scratch.key` to the normalized, trimmed form of a name, or says why it can
/// never match.
fn pattern_key(name: &str, fold_diacritics: bool, scratch: &mut KeyScratch) -> Result<(), String> {
    let key = &mut scratch.key;
    key.clear();
    if is_plain_ascii(name) {
        // Most names: normalizing them only lower-cases them, no alignment to build.
        key.push_str(trim_spaces(name));
        key.make_ascii_lowercase();
    } else {
        let options = NormalizeOptions::default().fold_diacritics(fold_diacritics);
        normalize_into(name, options, &mut scratch.norm);
        key.push_str(trim_spaces(scratch.norm.as_str()));
    }
    if key.is_empty() {
        return Err(format!("empty name {name:?}"));
    }
    if key.len() > MAX_NAME_BYTES {
        return Err(format!("name longer than {MAX_NAME_BYTES} bytes ({} bytes)", key.len()));
    }
    let has_alnum = if key.is_ascii() {
        key.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        key.chars().any(char::is_alphanumeric)
    };
    if !has_alnum {
        return Err(format!("name {name:?} has no letter or digit"));
    }
    Ok(())
}

/// `s` without leading and trailing spaces (a byte scan: `trim_matches(' ')` decodes
/// characters, and was a visible part of building a million entries).
fn trim_spaces(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| c != b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c != b' ').map_or(start, |e| e + 1);
    &s[start..end]
}

/// True when `s` is empty or only white space; stops at the first other character.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// True for ASCII without white space other than single spaces, which
/// [`normalize`] only lower-cases.
fn is_plain_ascii(name: &str) -> bool {
    let b = name.as_bytes();
    b.iter().all(|&c| c.is_ascii_graphic() || c == b' ') && !b.windows(2).any(|w| w == b"  ")
}

/// The form a case-sensitive name must have in the text: normalized without case folding.
pub(crate) fn exact_form(name: &str, fold_diacritics: bool) -> String {
    let options = NormalizeOptions::default().fold_case(false).fold_diacritics(fold_diacritics);
    trim_spaces(normalize(name, options).as_str()).to_string()
}

/// `name` without a leading article "the" (in any case), so that "the US" is as
/// case-sensitive as "US".
fn without_article(name: &str) -> &str {
    let name = name.trim();
    strip_article(name).unwrap_or(name)
}

/// `s` after a leading "the " in any case, or `None` when it has none.
fn strip_article(s: &str) -> Option<&str> {
    s.get(..4).filter(|a| a.eq_ignore_ascii_case("the ")).map(|_| &s[4..])
}

/// True when `original`, a match's text as [`exact_form`] gives it, is `exact`, a
/// case-sensitive form, but for the case of a leading article: "The UAE" at the
/// start of a sentence is "the UAE".
pub(crate) fn is_exact(original: &str, exact: &str) -> bool {
    original == exact
        || matches!((strip_article(original), strip_article(exact)), (Some(o), Some(e)) if o == e)
}

/// Other spellings of `name` (whose key is `key`) that news text uses: without a
/// leading "the", and dotted or undotted acronyms.
fn variants(name: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(rest) = key.strip_prefix("the ") {
        if let Some(orig_rest) = name.get(name.len() - rest.len()..) {
            if orig_rest.to_lowercase() == rest {
                out.push(orig_rest.to_string());
            }
        }
    }
    if name.len() > 10 || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return out;
    }
    let letters = name.bytes().filter(|&b| b != b'.');
    let all_caps = (2..=5).contains(&letters.clone().count())
        && letters.clone().all(|b| b.is_ascii_uppercase());
    if all_caps && !name.contains('.') {
        out.push(letters.flat_map(|b| [char::from(b), '.']).collect());
    } else if all_caps && is_dotted(name) {
        out.push(letters.map(char::from).collect());
    }
    out
}

/// "U.S." or "U.S": single letters separated by dots.
fn is_dotted(name: &str) -> bool {
    let b = name.as_bytes();
    b.iter().enumerate().all(|(i, &c)| if i % 2 == 0 { c.is_ascii_alphabetic() } else { c == b'.' })
}

/// Short all-capital names ("US", "WHO", "AT&T", "U.S.", "G7"): one to five capital
/// letters, with only digits, dots, `&` or `-` besides.
fn is_short_capitals(name: &str) -> bool {
    let name = name.trim();
    let mut letters = 0;
    for c in name.chars() {
        if c.is_uppercase() {
            letters += 1;
        } else if !(c.is_ascii_digit() || matches!(c, '.' | '&' | '-')) {
            return false;
        }
    }
    (1..=5).contains(&letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(e: &Entry) -> Vec<(String, Option<String>, bool)> {
        let mut out = Vec::new();
        let mut scratch = KeyScratch::default();
        e.fields()
            .for_each_pattern(false, &mut scratch, |p| {
                out.push((p.key.to_string(), p.exact.map(str::to_string), p.demonym))
            })
            .unwrap();
        out
    }

    #[test]
    fn patterns_of_an_entry() {
        let e =
            Entry::new("US", "the United States", "GPE").with_alias("US").with_demonym("American");
        let s = |x: &str| x.to_string();
        assert_eq!(
            keys(&e),
            [
                (s("the united states"), None, false),
                (s("united states"), None, false),
                (s("us"), Some(s("US")), false),
                (s("u.s."), Some(s("U.S.")), false),
                (s("american"), None, true),
            ]
        );
        let e = Entry::new("US", "U.S.", "GPE").with_case_sensitive(false);
        assert_eq!(keys(&e), [(s("u.s."), None, false), (s("us"), None, false)]);
    }

    #[test]
    fn short_capitals() {
        for (name, want) in [
            ("US", true),
            ("WHO", true),
            ("U.S.", true),
            ("AT&T", true),
            ("G7", true),
            ("ASEAN", true),
            ("UNESCO", false),
            ("Us", false),
            ("NEW YORK", false),
            ("7", false),
        ] {
            assert_eq!(is_short_capitals(name), want, "{name}");
        }
    }

    #[test]
    fn names_that_cannot_match_are_errors() {
        for name in ["", "   ", "!!!", "--", &"x".repeat(MAX_NAME_BYTES + 1)] {
            let e = Entry::new("x", name, "GPE");
            let mut scratch = KeyScratch::default();
            assert!(e.fields().for_each_pattern(false, &mut scratch, |_| {}).is_err(), "{name:?}");
        }
    }
}
