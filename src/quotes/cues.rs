//! The lexicon of reporting verbs ("said", "told", "believes", "wants") with lemmas,
//! generated inflections, and what kind of complement each takes.

use std::sync::OnceLock;

use crate::names::lexicon::WordMap;

/// What a reporting verb reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// An utterance: "say", "tell", "tweet".
    Speech,
    /// A thought or attitude: "believe", "fear".
    Belief,
    /// A plan or wish: "want", "plan".
    Intent,
    /// What a document or study shows: "show", "find".
    Evidence,
}

/// What follows a reporting verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Complement {
    /// A clause, "that" optional: "said (that) ...".
    Clause,
    /// An infinitive: "wants to ...".
    Infinitive,
    /// An object, then a clause or infinitive: "told reporters (that) ...".
    Object,
    /// A clause or an infinitive: "promised (that) ... / to ...".
    Any,
    /// The object is what is reported: "endorsed the plan", "criticized Trump".
    Noun,
    /// Only a topic after a preposition: "talked about the economy".
    Topic,
    /// Only a quotation: "the sign read "..."" ("read the book" reports nothing).
    Quote,
}

/// The grammatical form of a verb token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// "say"
    Base,
    /// "says"
    Present,
    /// "said" (past tense or participle)
    Past,
    /// "saying"
    Gerund,
}

/// One reporting verb.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CueVerb {
    /// The lemma: "say".
    pub lemma: &'static str,
    /// What it reports.
    pub class: CueClass,
    /// What follows it.
    pub complement: Complement,
    /// The form of this token.
    pub form: Form,
    /// Also takes a topic after a preposition: "warned about", "called for".
    pub topic: bool,
}

fn table() -> &'static WordMap<CueVerb> {
    static TABLE: OnceLock<WordMap<CueVerb>> = OnceLock::new();
    TABLE.get_or_init(build)
}

fn build() -> WordMap<CueVerb> {
    let mut map = WordMap::default();
    for line in include_str!("../../data/quotes/cues.tsv").lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [lemma, class, complement, ref rest @ ..] = cols[..] else { continue };
        let class = match class {
            "speech" => CueClass::Speech,
            "belief" => CueClass::Belief,
            "intent" => CueClass::Intent,
            _ => CueClass::Evidence,
        };
        let (complement, topic) = match complement.strip_suffix("+about") {
            Some(c) => (c, true),
            None => (complement, complement == "about"),
        };
        let complement = match complement {
            "that" => Complement::Clause,
            "to" => Complement::Infinitive,
            "obj" => Complement::Object,
            "np" => Complement::Noun,
            "about" => Complement::Topic,
            "quote" => Complement::Quote,
            _ => Complement::Any,
        };
        let mut add = |form_text: String, form| {
            map.get_or_insert_with(&form_text, || CueVerb {
                lemma,
                class,
                complement,
                form,
                topic,
            });
        };
        // Irregular forms first, so they win over derived ones.
        for irregular in rest.first().map_or("", |s| s).split(',').filter(|s| !s.is_empty()) {
            let form = if irregular.ends_with("ing") {
                Form::Gerund
            } else if irregular.ends_with('s') && !irregular.ends_with("ss") {
                Form::Present
            } else {
                Form::Past
            };
            add(irregular.to_string(), form);
        }
        add(lemma.to_string(), Form::Base);
        for (text, form) in inflections(lemma) {
            add(text, form);
        }
    }
    map
}

/// The regular -s, -ed and -ing forms of a verb.
fn inflections(lemma: &str) -> [(String, Form); 3] {
    let stem_e = lemma.strip_suffix('e');
    let ends_y = lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy");
    let present = if ends_y {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = match (stem_e, ends_y) {
        (Some(_), _) => format!("{lemma}d"),
        (None, true) => format!("{}ied", &lemma[..lemma.len() - 1]),
        _ => format!("{lemma}ed"),
    };
    let gerund = match stem_e {
        Some(stem) if !lemma.ends_with("ee") => format!("{stem}ing"),
        _ => format!("{lemma}ing"),
    };
    [(present, Form::Present), (past, Form::Past), (gerund, Form::Gerund)]
}

/// Every form of every reporting verb, lower case, in the order of [`cue_at`]'s index.
pub(crate) fn forms() -> impl Iterator<Item = &'static str> {
    table().keys()
}

/// The reporting verb `token` is, given that the word lexicon found it (in any case) as
/// form `index` of [`forms`]: no second lookup. Only lower-case tokens are cues: a
/// capitalized "Said" opens a sentence rarely enough, and "Tell" or "Post" are names.
pub(crate) fn cue_at(index: usize, token: &str) -> Option<CueVerb> {
    if may_be_cue(token) {
        table().value(index).copied()
    } else {
        None
    }
}

/// True for a token written as a cue can be: lower case, or one of the capitalized
/// forms of an inverted attribution that may open a sentence ("Said Ellis: ...").
fn may_be_cue(token: &str) -> bool {
    if token.len() <= 16 && token.bytes().all(|b| b.is_ascii_lowercase()) {
        return true;
    }
    matches!(
        token,
        "Said"
            | "Says"
            | "Added"
            | "Asked"
            | "Wrote"
            | "Continued"
            | "Stated"
            | "Replied"
            | "Explained"
            | "Noted"
            | "Tweeted"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reporting verb `token` is a form of, looked up in the cue lexicon alone.
    fn cue_verb(token: &str) -> Option<CueVerb> {
        may_be_cue(token).then(|| table().get(token).copied()).flatten()
    }

    #[test]
    fn forms_and_lemmas() {
        let rows = [
            ("said", "say", Form::Past),
            ("says", "say", Form::Present),
            ("saying", "say", Form::Gerund),
            ("told", "tell", Form::Past),
            ("tweeted", "tweet", Form::Past),
            ("notes", "note", Form::Present),
            ("noted", "note", Form::Past),
            ("noting", "note", Form::Gerund),
            ("denies", "deny", Form::Present),
            ("replied", "reply", Form::Past),
            ("admitted", "admit", Form::Past),
            ("believes", "believe", Form::Present),
            ("wants", "want", Form::Present),
            ("stressed", "stress", Form::Past),
            ("stresses", "stress", Form::Present),
            ("found", "find", Form::Past),
        ];
        for (token, lemma, form) in rows {
            let cue = cue_verb(token).unwrap_or_else(|| panic!("{token} is a cue"));
            assert_eq!((cue.lemma, cue.form), (lemma, form), "{token}");
        }
        assert!(cue_verb("Post").is_none());
        assert_eq!(cue_verb("Said").map(|c| c.lemma), Some("say"));
        assert!(cue_verb("table").is_none());
    }

    #[test]
    fn the_word_lexicon_indexes_every_form() {
        use crate::names::lexicon::word;
        let bits = 32 - crate::names::lexicon::class::CUE_INDEX_SHIFT;
        assert!(forms().count() + 1 < 1 << bits);
        for token in forms().chain(["Said", "SAID", "said.", "Post", "table"]) {
            let w = word(token);
            let at = w.cue().and_then(|i| cue_at(i, token));
            let (got, want) =
                (at.map(|c| (c.lemma, c.form)), cue_verb(token).map(|c| (c.lemma, c.form)));
            assert_eq!(got, want, "{token}");
        }
    }
}
