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

/// The cue lexicon: its forms, and each form's verb packed into two bytes.
pub(crate) struct Lexicon {
    /// Every form with its verb, for [`forms`] (and tests).
    forms: WordMap<CueVerb>,
    /// Per form, in the order of [`forms`]: its verb as [`pack`] writes it. Two bytes a
    /// form, where a [`CueVerb`] takes 24: the forms a document asks for lie on a few
    /// cache lines rather than one each (the table does not stay cached between
    /// documents; read as [`CueVerb`]s it missed the cache about 21 times per article).
    packed: Vec<u16>,
    /// The lemmas, in the order of the data file, numbered by the top byte of a packed
    /// verb (a whole byte's worth, so that no number needs a bounds check).
    lemmas: [&'static str; 256],
}

/// No verb, as a packed one: [`pack`] never writes it, as a test checks (it would take
/// a 256th lemma).
pub(crate) const NO_CUE: u16 = u16::MAX;

impl Lexicon {
    /// The verb packed as `p` by [`pack`], or `None` for [`NO_CUE`].
    #[inline(always)]
    pub(crate) fn verb(&self, p: u16) -> Option<CueVerb> {
        (p != NO_CUE).then(|| unpack(self, p))
    }
}

/// `verb`, its lemma being number `lemma`, in two bytes: the lemma in the top byte, then
/// from the lowest bit its class (2 bits), complement (3), form (2) and topic (1), each
/// enum by its discriminant (the order it is declared in).
fn pack(verb: &CueVerb, lemma: u8) -> u16 {
    let (class, complement, form) = (verb.class as u16, verb.complement as u16, verb.form as u16);
    u16::from(lemma) << 8 | u16::from(verb.topic) << 7 | form << 5 | complement << 2 | class
}

/// The verb packed as `p` by [`pack`]: matches on the discriminants, which compile to
/// little more than the masks.
#[inline(always)]
fn unpack(lexicon: &Lexicon, p: u16) -> CueVerb {
    CueVerb {
        lemma: lexicon.lemmas[usize::from(p >> 8)],
        class: match p & 3 {
            0 => CueClass::Speech,
            1 => CueClass::Belief,
            2 => CueClass::Intent,
            _ => CueClass::Evidence,
        },
        complement: match p >> 2 & 7 {
            0 => Complement::Clause,
            1 => Complement::Infinitive,
            2 => Complement::Object,
            3 => Complement::Any,
            4 => Complement::Noun,
            5 => Complement::Topic,
            _ => Complement::Quote,
        },
        form: match p >> 5 & 3 {
            0 => Form::Base,
            1 => Form::Present,
            2 => Form::Past,
            _ => Form::Gerund,
        },
        topic: p & 1 << 7 != 0,
    }
}

/// The cue lexicon, built on first use.
pub(crate) fn table() -> &'static Lexicon {
    static TABLE: OnceLock<Lexicon> = OnceLock::new();
    TABLE.get_or_init(build)
}

fn build() -> Lexicon {
    let mut map = WordMap::default();
    let mut lemmas: Vec<&'static str> = Vec::new();
    for line in include_str!("../../data/quotes/cues.tsv").lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [lemma, class, complement, ref rest @ ..] = cols[..] else { continue };
        lemmas.push(lemma);
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
    // A form keeps the verb of the first lemma that made it: its lemma is found by
    // address among the lemmas (each a distinct slice of the data file). A test checks
    // that they number no more than a byte holds.
    let number = |verb: &CueVerb| {
        lemmas.iter().position(|l| std::ptr::eq(*l, verb.lemma)).map_or(0, |i| i as u8)
    };
    let packed = (0..).map_while(|i| map.value(i)).map(|v| pack(v, number(v))).collect();
    let mut numbered = [""; 256];
    numbered.iter_mut().zip(&lemmas).for_each(|(slot, lemma)| *slot = lemma);
    Lexicon { forms: map, packed, lemmas: numbered }
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

/// Every form of every reporting verb, lower case, in the order of [`packed_at`]'s index.
pub(crate) fn forms() -> impl Iterator<Item = &'static str> {
    table().forms.keys()
}

/// The reporting verb `token` is, packed ([`Lexicon::verb`] reads it), given that the
/// word lexicon found it (in any case) as form `index` of [`forms`]: no second lookup;
/// [`NO_CUE`] for none. Only lower-case tokens are cues: a capitalized "Said" opens a
/// sentence rarely enough, and "Tell" or "Post" are names.
pub(crate) fn packed_at(index: usize, token: &str) -> u16 {
    if !may_be_cue(token) {
        return NO_CUE;
    }
    table().packed.get(index).copied().unwrap_or(NO_CUE)
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
        may_be_cue(token).then(|| table().forms.get(token).copied()).flatten()
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
    fn a_packed_verb_is_the_verb() {
        let lexicon = table();
        let data = include_str!("../../data/quotes/cues.tsv");
        let lemmas = data.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        assert!(lemmas < 256, "a lemma's number fits in a byte, and no verb is NO_CUE");
        for (i, form) in forms().enumerate() {
            let want = lexicon.forms.get(form).copied().unwrap();
            assert_ne!(lexicon.packed[i], NO_CUE, "{form}");
            let got = unpack(lexicon, lexicon.packed[i]);
            let fields = |c: CueVerb| (c.lemma, c.class, c.complement, c.form, c.topic);
            assert_eq!(fields(got), fields(want), "{form}");
            assert!(std::ptr::eq(got.lemma, want.lemma), "{form}");
        }
    }

    #[test]
    fn the_word_lexicon_indexes_every_form() {
        use crate::names::lexicon::word;
        let bits = 32 - crate::names::lexicon::class::CUE_INDEX_SHIFT;
        assert!(forms().count() + 1 < 1 << bits);
        for token in forms().chain(["Said", "SAID", "said.", "Post", "table"]) {
            let w = word(token);
            let at = w.cue().and_then(|i| table().verb(packed_at(i, token)));
            let (got, want) =
                (at.map(|c| (c.lemma, c.form)), cue_verb(token).map(|c| (c.lemma, c.form)));
            assert_eq!(got, want, "{token}");
        }
    }
}
