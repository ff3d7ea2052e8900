//! Quotes and their speakers, on sentences written for these tests.

use whosaid::{Document, Pipeline, QuoteKind, Span, Via};

/// One quote as the tests compare it: kind, content (parts joined by " / "), speaker
/// mention, canonical speaker, rule.
#[derive(Debug, PartialEq)]
struct Seen {
    kind: QuoteKind,
    content: String,
    mention: Option<String>,
    canonical: Option<String>,
}

fn analyze(text: &str) -> Document {
    let doc = Pipeline::new().analyze(text);
    check_spans(text, &doc);
    doc
}

fn quotes(text: &str) -> Vec<Seen> {
    let doc = analyze(text);
    doc.quotes
        .iter()
        .map(|q| Seen {
            kind: q.kind,
            content: q.content.iter().map(|c| c.as_str(text)).collect::<Vec<_>>().join(" / "),
            mention: q.speaker.as_ref().map(|s| s.mention.as_str(text).to_string()),
            canonical: q.speaker.as_ref().map(|s| s.canonical.to_string()),
        })
        .collect()
}

fn seen(kind: QuoteKind, content: &str, mention: Option<&str>, canonical: Option<&str>) -> Seen {
    Seen {
        kind,
        content: content.to_string(),
        mention: mention.map(str::to_string),
        canonical: canonical.map(str::to_string),
    }
}

/// Every reported span is in bounds, on char boundaries, and ordered.
fn check_spans(text: &str, doc: &Document) {
    let ok = |s: Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    let mut last = 0;
    for q in &doc.quotes {
        assert!(ok(q.span), "{:?}", q.span);
        assert!(q.span.start >= last, "quotes are sorted");
        last = q.span.start;
        for c in &q.content {
            assert!(ok(*c) && q.span.contains(*c), "content {c:?} inside {:?}", q.span);
        }
        if let Some(cue) = &q.cue {
            assert!(ok(cue.span));
        }
        if let Some(s) = &q.speaker {
            assert!(ok(s.mention));
            assert!(s.role.is_none_or(ok));
        }
        assert!((0.0..=1.0).contains(&q.confidence));
    }
}

/// A text and its expected quotes: kind, content, speaker mention, canonical speaker.
type DirectRow<'a> = (&'a str, &'a [(QuoteKind, &'a str, Option<&'a str>, Option<&'a str>)]);
/// A text and its expected quotes: kind, content, speaker mention.
type ReportedRow<'a> = (&'a str, &'a [(QuoteKind, &'a str, Option<&'a str>)]);

const D: QuoteKind = QuoteKind::Direct;
const I: QuoteKind = QuoteKind::Indirect;
const M: QuoteKind = QuoteKind::Mixed;

#[test]
fn direct_quotes_and_their_speakers() {
    let rows: &[DirectRow] = &[
        (
            "\"Not a chance,\" Ortega retorted.",
            &[(D, "Not a chance,", Some("Ortega"), Some("Ortega"))],
        ),
        (
            "Maria Lopez said she opposed \"any new tax on farms.\"",
            &[(
                M,
                "she opposed \"any new tax on farms.\"",
                Some("Maria Lopez"),
                Some("Maria Lopez"),
            )],
        ),
        (
            "The talks resumed.\n\n\"Why wait another year?\" Ortega said on Friday at the union's office.",
            &[(D, "Why wait another year?", Some("Ortega"), Some("Ortega"))],
        ),
        (
            "\"We will not back down,\" said Maria Lopez, the union's president.",
            &[(D, "We will not back down,", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        ("\"Prices will rise,\" Lopez said.", &[(D, "Prices will rise,", Some("Lopez"), Some("Lopez"))]),
        ("Lopez said: \"We are ready.\"", &[(D, "We are ready.", Some("Lopez"), Some("Lopez"))]),
        (
            "Lopez, speaking to reporters on Monday, said: \"We are ready.\"",
            &[(D, "We are ready.", Some("Lopez"), Some("Lopez"))],
        ),
        (
            "“We are ready,” Lopez said, “and we will win.”",
            &[(D, "We are ready, / and we will win.", Some("Lopez"), Some("Lopez"))],
        ),
        (
            "Maria Lopez arrived late. “Sorry for the wait,” she said.",
            &[(D, "Sorry for the wait,", Some("she"), Some("Maria Lopez"))],
        ),
        (
            "“We are ready,” Mr. Patel said. “The plant opens in May.”",
            &[(D, "We are ready, / The plant opens in May.", Some("Patel"), Some("Patel"))],
        ),
        (
            "“The deal is done,” Dev Patel, the company's chief executive, one of its founders, said on Monday.",
            &[(D, "The deal is done,", Some("Dev Patel"), Some("Dev Patel"))],
        ),
        (
            "“Where are the buses?” Lopez asked.",
            &[(D, "Where are the buses?", Some("Lopez"), Some("Lopez"))],
        ),
        (
            "“Best show of the year.” ― Ana Ruiz",
            &[(D, "Best show of the year.", Some("Ana Ruiz"), Some("Ana Ruiz"))],
        ),
        (
            "«Nous sommes prêts», said Claire Dubois.",
            &[(D, "Nous sommes prêts", Some("Claire Dubois"), Some("Claire Dubois"))],
        ),
        (
            "„Wir sind bereit“, said Anna Weber.",
            &[(D, "Wir sind bereit", Some("Anna Weber"), Some("Anna Weber"))],
        ),
        (
            "「準備はできている」 said Kenji Sato.",
            &[(D, "準備はできている", Some("Kenji Sato"), Some("Kenji Sato"))],
        ),
        (
            "``We are ready,'' said Tom Hale.",
            &[(D, "We are ready,", Some("Tom Hale"), Some("Tom Hale"))],
        ),
        (
            "The report criticized what officials called “a temporary pause.”",
            &[(D, "a temporary pause.", Some("officials"), Some("officials"))],
        ),
        (
            "As Ana Ruiz, the union's lawyer, put it: “Nobody signs a blank page.”",
            &[(D, "Nobody signs a blank page.", Some("Ana Ruiz"), Some("Ana Ruiz"))],
        ),
        (
            "The talks stalled when Maria Lopez walked out over “bad faith” on Monday.",
            &[(D, "bad faith", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        (
            "“You never read the plan,” Maria Lopez shot back. “I did.”",
            &[(D, "You never read the plan, / I did.", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        (
            "“The vote is lost.” Ortega said. The hall emptied.",
            &[(D, "The vote is lost.", Some("Ortega"), Some("Ortega"))],
        ),
        (
            "Tom Baker spoke first.\n\nContinued Ana Ruiz: “The rest of us will stay.”",
            &[(D, "The rest of us will stay.", Some("Ana Ruiz"), Some("Ana Ruiz"))],
        ),
        (
            "The plan was “a bridge to nowhere,” as one union lawyer put it.",
            &[(D, "a bridge to nowhere,", Some("one union lawyer"), Some("one union lawyer"))],
        ),
        (
            "Maria Lopez went after the board, calling it “a rubber stamp.”",
            &[(D, "a rubber stamp.", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        (
            "The sign at the gate read “No entry after dark.”",
            &[(D, "No entry after dark.", Some("The sign at the gate"), Some("The sign at the gate"))],
        ),
        (
            "“It is an overreach,” Dev Patel, the attorney general of one of the states suing, said.",
            &[(D, "It is an overreach,", Some("Dev Patel"), Some("Dev Patel"))],
        ),
        (
            "“Why now?” Maria Lopez said of the plan on Monday, when the board met for the first time in a year.",
            &[(D, "Why now?", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        (
            "Tom Hale left early. “We will see what happens next.” Maria Lopez did not elaborate.",
            &[(D, "We will see what happens next.", None, None)],
        ),
        (
            "A source familiar with the senator's thinking said, “It will not pass.”",
            &[(
                D,
                "It will not pass.",
                Some("A source familiar with the senator's thinking"),
                Some("A source familiar with the senator's thinking"),
            )],
        ),
        (
            "When the talks ended, the union released the following statement: “We will strike on Monday.”",
            &[(D, "We will strike on Monday.", Some("the union"), Some("the union"))],
        ),
        (
            "“The answer is no,” Maria Lopez, who has proposed a repeal, said at the time.",
            &[
                (D, "The answer is no,", Some("Maria Lopez"), Some("Maria Lopez")),
                (I, "a repeal", Some("who"), Some("Maria Lopez")),
            ],
        ),
        (
            "“People do not agree with him,” Ana Ruiz said, suggesting “a few questions for the board.”",
            &[
                (D, "People do not agree with him,", Some("Ana Ruiz"), Some("Ana Ruiz")),
                (M, "“a few questions for the board.”", Some("Ana Ruiz"), Some("Ana Ruiz")),
            ],
        ),
        (
            "''They told us 'not this year,''' Maria Lopez said.",
            &[(D, "They told us 'not this year,", Some("Maria Lopez"), Some("Maria Lopez"))],
        ),
        (
            "“He told me ‘never again,’ and walked out,” Lopez said.",
            &[(D, "He told me ‘never again,’ and walked out,", Some("Lopez"), Some("Lopez"))],
        ),
    ];
    for (text, expected) in rows {
        let want: Vec<Seen> = expected.iter().map(|&(k, c, m, n)| seen(k, c, m, n)).collect();
        assert_eq!(quotes(text), want, "{text}");
    }
}

#[test]
fn reported_speech_beliefs_and_intentions() {
    let rows: &[ReportedRow] = &[
        (
            "The mayor said that the bridge would reopen next week.",
            &[(I, "that the bridge would reopen next week", Some("The mayor"))],
        ),
        (
            "The bridge will reopen next week, officials said.",
            &[(I, "The bridge will reopen next week", Some("officials"))],
        ),
        (
            "According to the ministry, exports fell by a third.",
            &[(I, "exports fell by a third", Some("the ministry"))],
        ),
        (
            "Exports fell by a third, according to the ministry.",
            &[(I, "Exports fell by a third", Some("the ministry"))],
        ),
        (
            "Lopez told reporters on Friday the strike would continue.",
            &[(I, "the strike would continue", Some("Lopez"))],
        ),
        (
            "Lopez said the plan was “dead on arrival” in its current form.",
            &[(M, "the plan was “dead on arrival” in its current form", Some("Lopez"))],
        ),
        (
            "The governor wants to raise taxes on fuel.",
            &[(I, "to raise taxes on fuel", Some("The governor"))],
        ),
        (
            "Many voters believe the economy is getting worse.",
            &[(I, "the economy is getting worse", Some("Many voters"))],
        ),
        (
            "The union called on the company to reopen talks.",
            &[(I, "to reopen talks", Some("The union"))],
        ),
        (
            "Lopez left the room, saying the talks had failed.",
            &[(I, "the talks had failed", Some("Lopez"))],
        ),
        (
            "Lopez called the deal “fair,” telling reporters that he thinks it is “a good start.”",
            &[
                (D, "fair,", Some("Lopez")),
                (M, "that he thinks it is “a good start.”", Some("Lopez")),
            ],
        ),
        (
            "Lopez met the owners on Friday and declared that he found them “very fair.”",
            &[(M, "that he found them “very fair.”", Some("Lopez"))],
        ),
        (
            "Although in May she said the deal was fair, on Friday Ruiz said she would vote no.",
            &[(I, "the deal was fair", Some("she")), (I, "she would vote no", Some("Ruiz"))],
        ),
        (
            "Ruiz had not read the plan but called it “a good start.”",
            &[(M, "“a good start.”", Some("Ruiz"))],
        ),
        (
            "“We will strike,” Lopez said, adding that talks had failed.",
            &[(D, "We will strike,", Some("Lopez")), (I, "that talks had failed", Some("Lopez"))],
        ),
        (
            "The senator talked about the cost of the new bridge.",
            &[(I, "the cost of the new bridge", Some("The senator"))],
        ),
        (
            "The union endorsed the mayor's transit plan.",
            &[(I, "the mayor's transit plan", Some("The union"))],
        ),
        (
            "The governor on Friday criticized the budget deal.",
            &[(I, "the budget deal", Some("The governor"))],
        ),
        (
            "Lopez added that the city expected “real guarantees” from the state.",
            &[(M, "that the city expected “real guarantees” from the state", Some("Lopez"))],
        ),
        (
            "The mayor asked whether the fees would rise.",
            &[(I, "whether the fees would rise", Some("The mayor"))],
        ),
        (
            "The agency two weeks ago said the talks had failed.",
            &[(I, "the talks had failed", Some("The agency"))],
        ),
        (
            "The mayor memorably promised that the bridge would reopen.",
            &[(I, "that the bridge would reopen", Some("The mayor"))],
        ),
        (
            "According to veteran union lawyer Ana Ruiz, the plan is “a bridge to nowhere.”",
            &[(M, "the plan is “a bridge to nowhere.”", Some("veteran union lawyer Ana Ruiz"))],
        ),
        (
            "The plan is “a bridge to nowhere,” according to a memo the union sent in May.",
            &[(M, "The plan is “a bridge to nowhere,”", Some("a memo the union sent in May"))],
        ),
        (
            "The plan will “bring jobs back” to the valley, said Ana Ruiz, a lawyer at the union.",
            &[(M, "The plan will “bring jobs back” to the valley", Some("Ana Ruiz"))],
        ),
        (
            "Ana Ruiz, who has endorsed the plan, said the vote would pass.",
            &[(I, "the plan", Some("who")), (I, "the vote would pass", Some("Ana Ruiz"))],
        ),
        (
            "Dev Patel, the editor of the paper, The Daily Ledger, said the plant would close.",
            &[(I, "the plant would close", Some("Dev Patel"))],
        ),
        ("He read the book to his children on Sunday.", &[]),
        (
            "The mayor was told that the bridge would close.",
            &[(I, "that the bridge would close", None)],
        ),
    ];
    for (text, expected) in rows {
        let got: Vec<(QuoteKind, String, Option<String>)> =
            quotes(text).into_iter().map(|s| (s.kind, s.content, s.mention)).collect();
        let want: Vec<(QuoteKind, String, Option<String>)> =
            expected.iter().map(|&(k, c, m)| (k, c.to_string(), m.map(str::to_string))).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn what_is_not_a_quote() {
    let rows = [
        "The players' union doesn't expect a deal before the '90s revival ends.",
        "The new phone has a 6\" screen and weighs 180 grams.",
        "The so-called \"reform\" passed without debate.",
        "The union staged a play called “The Long Night of the Strike” last spring.",
        "It was a controversial comment about the budget.",
    ];
    for text in rows {
        let doc = analyze(text);
        let direct: Vec<_> = doc.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
        assert!(direct.is_empty(), "{text}: {direct:?}");
        assert!(
            doc.quotes
                .iter()
                .all(|q| q.speaker.as_ref().is_none_or(|s| s.mention.as_str(text) != "officials")),
            "{text}"
        );
    }
    // What talks or a meeting will focus on is their topic, not anyone's words.
    let text = "Lopez said the talks would focus on the safety of ships.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].content, "the talks would focus on the safety of ships");
    // "states" is a plural noun here, not a reporting verb.
    assert!(analyze("Candidates who won states like Ohio did well in the spring.")
        .quotes
        .is_empty());
}

#[test]
fn paragraphs_continue_and_reopen_quotes() {
    let text = "\"The first part of my answer is long,\" Lopez said.\n\n\"And the second paragraph goes on without a cue.\"";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].canonical.as_deref(), Some("Lopez"));
    let doc = analyze(text);
    assert_eq!(doc.quotes[1].speaker.as_ref().map(|s| s.via), Some(Via::Context));

    // One quotation over two paragraphs: the first has no closing mark.
    let text = "Lopez said: \"The first part runs on.\n\n\"The second part closes it.\"";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].content, "The first part runs on. / The second part closes it.");
    assert_eq!(q[0].mention.as_deref(), Some("Lopez"));
}

#[test]
fn unclosed_marks_do_not_swallow_the_document() {
    let text = "\"This quotation never closes and goes on.\n\nThe next paragraph is plain text. The strike ended, officials said.";
    let doc = analyze(text);
    for q in &doc.quotes {
        assert!(q.kind != QuoteKind::Direct, "{:?}", q.content);
    }
    assert_eq!(doc.quotes.len(), 1);
    assert_eq!(doc.quotes[0].content[0].as_str(text), "The strike ended");
}

#[test]
fn speakers_carry_roles_and_resolution() {
    let text = "Russian Foreign Ministry spokesperson Maria Zakharova spoke first. \"We are ready,\" Zakharova said. \"So are we,\" said Foreign Minister Sergei Lavrov. He added that talks would resume.";
    let doc = analyze(text);
    let speakers: Vec<(String, String, Option<String>, Via)> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| {
            (
                s.mention.as_str(text).to_string(),
                s.canonical.to_string(),
                s.role.map(|r| r.as_str(text).to_string()),
                s.via,
            )
        })
        .collect();
    assert_eq!(
        speakers,
        [
            ("Zakharova".to_string(), "Maria Zakharova".to_string(), None, Via::Coref),
            (
                "Sergei Lavrov".to_string(),
                "Sergei Lavrov".to_string(),
                Some("Foreign Minister".to_string()),
                Via::Explicit
            ),
            ("He".to_string(), "Sergei Lavrov".to_string(), None, Via::Pronoun),
        ]
    );
    assert_eq!(doc.quotes[0].rule, "quote-speaker-cue");
    assert_eq!(doc.quotes[0].cue.as_ref().map(|c| &*c.lemma), Some("say"));
}

#[test]
fn pronouns_agree_in_gender() {
    let text = "Maria Lopez met John Hale on Monday. \"It went well,\" she said.";
    let doc = analyze(text);
    let s = doc.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(&*s.canonical, "Maria Lopez");
    assert_eq!(s.via, Via::Pronoun);
}

#[test]
fn bad_input_is_linear_and_sane() {
    let marks = "\"".repeat(10_000);
    let _ = analyze(&marks);
    let alternating = "“a” \"b\" ‘c’ 'd' «e» „f“ 「g」 ".repeat(2_000);
    let _ = analyze(&alternating);
    let open = format!("Lopez said: \"{}", "word ".repeat(200_000));
    let doc = analyze(&open);
    assert!(doc.quotes.iter().all(|q| q.kind != QuoteKind::Direct), "an unclosed quote is dropped");
    let paragraph = "and then some more words without any end ".repeat(25_000);
    let _ = analyze(&paragraph);
    let no_cue = "\"We will see.\" \"Maybe not.\" ".repeat(5_000);
    let doc = analyze(&no_cue);
    assert!(doc.quotes.len() <= 10_000);
}

#[test]
fn a_that_clause_is_never_an_inverted_speaker() {
    let text = "Paulo Mendes, who has led the talks, said that the deal was close.";
    for q in analyze(text).quotes {
        let mention = q.speaker.map(|s| s.mention.as_str(text).to_owned());
        assert!(!mention.as_deref().is_some_and(|m| m.starts_with("that")), "{mention:?}");
    }
}

#[test]
fn roles_take_in_a_nationality_or_a_place() {
    let rows = [
        (
            "Ukrainian Foreign Minister Dmytro Kuleba said the talks would resume in May.",
            "Dmytro Kuleba",
            "Ukrainian Foreign Minister",
        ),
        (
            "Kenya's President William Ruto said the port would reopen.",
            "William Ruto",
            "Kenya's President",
        ),
        (
            "Brazil's Finance Minister Paulo Mendes, who has hosted earlier rounds, said that the deal was close.",
            "Paulo Mendes",
            "Brazil's Finance Minister",
        ),
    ];
    for (text, mention, role) in rows {
        let doc = analyze(text);
        let s = doc.quotes[0].speaker.as_ref().expect("a speaker");
        assert_eq!(s.mention.as_str(text), mention, "{text}");
        assert_eq!(s.role.map(|r| r.as_str(text)), Some(role), "{text}");
    }
}

#[test]
fn a_gazetteer_speaker_keeps_role_and_full_name() {
    use whosaid::{Entry, Gazetteer};
    let people = Gazetteer::builder()
        .add_entry(Entry::new("Q4277", "Maria Zakharova", "PERSON"))
        .build()
        .expect("a gazetteer");
    let pipeline = Pipeline::builder().gazetteer(people).build().expect("a pipeline");
    let text = "\"We are ready to talk,\" Russian Foreign Ministry spokesperson Maria Zakharová told reporters in Moscow. \"Nothing has changed,\" Zakharová added.";
    let doc = pipeline.analyze(text);
    check_spans(text, &doc);
    let speakers: Vec<_> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| {
            (
                s.mention.as_str(text),
                s.role.map(|r| r.as_str(text)),
                s.id.as_deref(),
                &*s.canonical,
                s.via,
            )
        })
        .collect();
    assert_eq!(
        speakers,
        [
            (
                "Maria Zakharová",
                Some("Russian Foreign Ministry spokesperson"),
                Some("Q4277"),
                "Maria Zakharova",
                Via::Explicit
            ),
            ("Zakharová", None, Some("Q4277"), "Maria Zakharova", Via::Coref),
        ]
    );
}

#[test]
fn a_quotation_without_a_cue_belongs_to_the_sentence_subject() {
    let text = "The mayor spoke on Monday.\n\nLater, Tom Baker waved away \"a fantasy\" of a budget. On the radio, he called it \"a waste of money.\"";
    let got: Vec<_> =
        quotes(text).into_iter().map(|q| (q.content, q.mention, q.canonical)).collect();
    let row =
        |c: &str, m: &str| (c.to_string(), Some(m.to_string()), Some("Tom Baker".to_string()));
    assert_eq!(got, [row("a fantasy", "Tom Baker"), row("a waste of money.", "he")]);
    let text = "Both sides answered.\n\nTom Baker: \"We will not pay for it.\"";
    assert_eq!(quotes(text)[0].mention.as_deref(), Some("Tom Baker"));
}

#[test]
fn a_transcript_turn_names_its_speaker() {
    let text = "Partial transcript as follows.\n\n\"HOLT: Let us start with taxes tonight.\"\n\n\"Maria Lopez: We will cut them for every family.\"";
    let got: Vec<_> = quotes(text).into_iter().map(|q| q.mention).collect();
    assert_eq!(got, [Some("HOLT".to_string()), Some("Maria Lopez".to_string())]);
}

#[test]
fn many_quotes_take_linear_time() {
    // 80,000 quotes, half of them reported clauses each holding a quotation: checking
    // every clause against every quotation would take minutes.
    let pair = "\"We will win this race,\" Lopez said. Hale said that the deal was \"a very good one for all of us\". ";
    let text = pair.repeat(40_000);
    let doc = analyze(&text);
    assert_eq!(doc.quotes.len(), 80_000);
    assert_eq!(doc.quotes.iter().filter(|q| q.kind == QuoteKind::Mixed).count(), 40_000);
}

#[test]
fn a_trailing_clause_and_a_dateline_stay_out_of_a_report() {
    let text = "LISBON, May 2 (Reuters) - The port will reopen next week, officials in both cities said on Friday, as the strike ended.";
    let got = quotes(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].content, "The port will reopen next week");
    assert_eq!(got[0].mention.as_deref(), Some("officials in both cities"));
    let text = "PARIS - Fares will rise in June, the operator said, while unions called a strike.";
    assert_eq!(quotes(text)[0].content, "Fares will rise in June");
}

/// The one quote of `text`: its content and speaker mention.
fn only_quote(text: &str) -> (String, Option<String>) {
    let mut got = quotes(text);
    assert_eq!(got.len(), 1, "{got:?}");
    let q = got.remove(0);
    (q.content, q.mention)
}

#[test]
fn subjects_that_speak_and_subjects_that_do_not() {
    let text =
        "In an interview on Monday, the senator sounded off on the plan, saying it would fail.";
    assert_eq!(only_quote(text), ("it would fail".to_string(), Some("the senator".to_string())));
    // The subject after a relative speaks, not the relative.
    let text = "The mayor spoke to farmers.\n\nIt was an interview in which Maria Lopez offered up a line: \"We will close the mines.\"";
    assert_eq!(only_quote(text).1.as_deref(), Some("Maria Lopez"));
    // An empty "it" speaks for no one.
    let text = "Maria Lopez spoke to farmers in Ohio on Monday. It was a plain promise: \"We will keep the mines open.\"";
    assert_ne!(only_quote(text).1.as_deref(), Some("It"));
}

/// The speaker mention of the quote whose content starts with `start`.
fn speaker_of(text: &str, start: &str) -> Option<String> {
    let got = quotes(text);
    let q = got.iter().find(|q| q.content.starts_with(start));
    q.unwrap_or_else(|| panic!("no quote {start:?} in {got:?}")).mention.clone()
}

#[test]
fn speakers_of_news_patterns() {
    // (text, start of the quote's content, speaker mention)
    let rows = [
        // A noun after a preposition of place or time is no subject.
        (
            "In a video posted Friday, Maria Lopez said the mines would stay open.",
            "the mines",
            Some("Maria Lopez"),
        ),
        (
            "Workers marching through the streets chanted \"Keep the mines open!\"",
            "Keep the mines",
            Some("Workers marching"),
        ),
        // A second quotation in a sentence belongs to the subject of its own clause.
        (
            "Lopez calls the mayor \"my old friend,\" while Ana Ruiz calls her \"the boss.\"",
            "the boss",
            Some("Ana Ruiz"),
        ),
        // An adverb or a number opening a sentence is no speaker; a plural is.
        (
            "Somewhere a band played \"a happy little song for all of us\" all night.",
            "a happy little",
            None,
        ),
        (
            "Farmers greeted the plan as \"a happy little song for all of us.\"",
            "a happy little",
            Some("Farmers"),
        ),
        // The title of a show after a possessive is no quotation: the report is the speaker's.
        (
            "On CBS's \"Face the Nation,\" Ana Ruiz said the storms and floods show that towns need \"more help.\"",
            "the storms",
            Some("Ana Ruiz"),
        ),
        // A participle before "that" reports for the sentence's subject.
        (
            "Ana Ruiz sent out a letter on Monday saying that the mines would stay open.",
            "that the mines",
            Some("Ana Ruiz"),
        ),
        // "claims" after "of" and a modifier is a noun, no cue.
        (
            "The council rated 20 of the mayor's claims as \"false\" and 11 of Republican claims as \"entirely true and fair.\"",
            "entirely true",
            Some("The council"),
        ),
        // A participle after a noun ("a statement saying") speaks for the subject.
        (
            "Ana Ruiz issued a statement on Tuesday saying, \"We will keep the mines open.\"",
            "We will",
            Some("Ana Ruiz"),
        ),
        // A progressive reports like a finite verb.
        (
            "Ana Ruiz is telling reporters in Ohio that the mines will stay open.",
            "that the mines",
            Some("Ana Ruiz"),
        ),
        // Verbs of speech with a manner: "confided", "mused", "fumed".
        (
            "Ana Ruiz confided that the mines would close.",
            "that the mines",
            Some("Ana Ruiz"),
        ),
        ("\"We will keep the mines open,\" Ana Ruiz mused.", "We will", Some("Ana Ruiz")),
        // A later quotation in the paragraph takes the name a relative stands for.
        (
            "\"We will keep the mines open,\" said Ana Ruiz, who wrote that the town would fight on. \"Nobody will be left behind, not one of us.\"",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // A dateline is a place in capitals before a dash; a name before a dash is none.
        (
            "PARIS, May 3 (Reuters) — Ana Ruiz said the mines would stay open.",
            "the mines",
            Some("Ana Ruiz"),
        ),
        (
            "Ana Ruiz — the mayor of the town — waved away “a fantasy budget” on Monday.",
            "a fantasy",
            Some("Ana Ruiz"),
        ),
        // "As X observed, "..."": the clause with "as" names the speaker.
        (
            "As Ana Ruiz observed after the vote in the town hall: \"Nobody will be left behind.\"",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // A name right before a participle is its subject.
        (
            "The debate turned to mining, with Ana Ruiz telling reporters the mines would stay open.",
            "the mines",
            Some("Ana Ruiz"),
        ),
        // A lone adverb before a comma opens the sentence; the subject follows.
        (
            "Back in 1999, Ana Ruiz praised the plan, telling reporters: \"We will keep the mines open.\"",
            "We will",
            Some("Ana Ruiz"),
        ),
        // ", while Y said ..." ends X's reported clause: the quotation there is Y's.
        (
            "Lopez suggested that the mines could close, while Ana Ruiz said that the \"stakes are too high\" for the town.",
            "that the \"stakes",
            Some("Ana Ruiz"),
        ),
        // A cue after "and" shares the subject of the verb before it.
        (
            "When the mayor spoke of the mines, Ana Ruiz laughed and said, \"Nobody will close them.\"",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // "CLAUSE, X said Tuesday, noting ...": the participle opens a clause of its own.
        (
            "The closures are a \"disgrace\" for the town, Ana Ruiz said Tuesday in Denver, noting that the mayor \"has no plan.\"",
            "The closures",
            Some("Ana Ruiz"),
        ),
        // A hyphenated word before the name after a quotation is part of its title.
        (
            "\"The mines will stay open,\" Denver-based Ana Ruiz said.",
            "The mines",
            Some("Ana Ruiz"),
        ),
        // A quotation with no cue takes the latest name of the speaker before it.
        (
            "Ana Ruiz spoke first. \"The mines will stay open,\" she said. Ruiz then turned to the mayor.\n\n\"You have no plan at all for this town.\"",
            "You have",
            Some("Ruiz"),
        ),
        // Verbs of outcry report a quotation next to them.
        (
            "The mayor spoke.\n\n\"Keep the mines open!\" the crowd cried out.",
            "Keep the mines",
            Some("the crowd"),
        ),
        (
            "The mayor spoke.\n\n\"Nobody will close the mines,\" reacted Ana Ruiz.",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // A quotation attributed inside a reported clause is part of that report.
        (
            "Ana Ruiz said she expects that voters will say \"no\" to the new mine.",
            "she expects",
            Some("Ana Ruiz"),
        ),
        // "CLAUSE, Acme spokesman X said": a capitalized word before a role is its part.
        (
            "Given the vote, the mines will stay \"open for a long time\" and keep jobs in town, Acme spokesman Tom Baker said.",
            "Given the vote",
            Some("Tom Baker"),
        ),
        // A report in the tail of an attribution does not take over the next quotation.
        (
            "\"The vote is lost,\" Ana Ruiz said after the mayor told her the mines would close. \"We will go to court over this.\"",
            "We will go",
            Some("Ana Ruiz"),
        ),
        // ", which she called "..."" ends the report before it and reports on its own.
        (
            "Ana Ruiz said she backs the new board, which she called \"a good start for the town.\"",
            "a good start",
            Some("she"),
        ),
        // A quotation in what a noun of speech reports is its owner's words.
        (
            "The paper checked Ana Ruiz's claim that the mines were \"safe for every worker.\"",
            "safe for",
            Some("Ana Ruiz"),
        ),
        // "X was prompted to say": the verb before "to" has the speaker as its subject.
        (
            "The hearing was so calm that Ana Ruiz was prompted to say, \"Nobody has shouted.\"",
            "Nobody has",
            Some("Ana Ruiz"),
        ),
        // "CLAUSE, X said, adding, "..."": the participle speaks for the cue before it.
        (
            "Ana Ruiz and Tom Baker will meet in May, Maria Lopez said, adding, \"Nobody will be left behind.\"",
            "Nobody will",
            Some("Maria Lopez"),
        ),
        // "As X put it ..., CLAUSE": the sentence after the opener is X's words.
        (
            "As Ana Ruiz put it in a letter to the board, the mines are \"a lifeline for the town.\"",
            "a lifeline",
            Some("Ana Ruiz"),
        ),
        // "by saying": a participle after "by" or "while" speaks for the clause's subject.
        (
            "Ana Ruiz ended the meeting by saying the mines would stay \"open for good.\"",
            "the mines",
            Some("Ana Ruiz"),
        ),
        // A line of its own with a dash and a name after a quotation names its speaker.
        (
            "The fair opened.\n\n\"Nobody will close the mines this year.\"\n\n— Mayor Ana Ruiz, in May.\n\nThe mines stayed open.",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // ", and he accused X of ..." opens a report of its own.
        (
            "Ruiz said the mayor had been rude to her, and he accused Tom Baker of running \"a campaign of fear.\"",
            "Tom Baker of",
            Some("he"),
        ),
        // A first name before a one-word place is a person's name: "Tom Jordan", not Jordan.
        (
            "The board met.\n\n\"They would never do that for anyone else,\" Rep. Tom Jordan (R-Ohio), a member of the panel, said in an interview. \"It is the oddest thing I have seen.\"",
            "They would never",
            Some("Tom Jordan"),
        ),
        // A subject that names a thing utters nothing; a group or a document does.
        (
            "The mines stayed open. The choice was between closing them as \"a danger to the town\" or keeping the jobs.",
            "a danger",
            None,
        ),
        (
            "The mines stayed open. The letter called them \"a danger to the town\" all the same.",
            "a danger",
            Some("The letter"),
        ),
        (
            "The mines stayed open. The workers cheered \"a win for the town\" all the same.",
            "a win",
            Some("The workers"),
        ),
        // "led her to declare that ...": the one made to speak is the speaker.
        (
            "The mines stayed open.\n\nAna Ruiz won the vote by a wide margin, a result that led her to declare that the town was \"ready for the next step.\"",
            "that the town",
            Some("her"),
        ),
        // "But as X noted, ...": the "as" opener after a conjunction; a noun after the
        // name is still the subject's.
        (
            "The mines stayed open.\n\nBut as the local Daily Star tabloid noted in an op-ed Monday, the mayor \"has earned a few fans in town.\"",
            "has earned",
            Some("Daily Star"),
        ),
        // "X said, however, that Y hopes "..."": the quotation is in X's report.
        (
            "The mines stayed open.\n\nAna Ruiz said, however, that she hopes \"someone else picks up the fight\" next year.",
            "that she hopes",
            Some("Ana Ruiz"),
        ),
        // ", she said," set off by commas attributes its sentence, quotation and all.
        (
            "Ana Ruiz spoke to the miners.\n\nMost of the miners were older, she said, and \"they have nowhere else to go.\"",
            "they have",
            Some("she"),
        ),
        (
            "Ana Ruiz spoke to the miners.\n\nThe old mayor had \"given up on the town\" years ago, she said in a long video message to the miners of the town.",
            "given up",
            Some("she"),
        ),
        // So does an inverted one, ", explained X,".
        (
            "Ana Ruiz spoke to the miners.\n\nBecause of how the party drew the map, explained Tom Baker, \"the mayor needs the senator more than ever.\"",
            "the mayor needs",
            Some("Tom Baker"),
        ),
        // A phrase of place or time between an auxiliary and its verb is skipped.
        (
            "The mine stayed open.\n\nTom Baker has in the past described the mine as \"a death trap for the workers and their families.\"",
            "the mine as",
            Some("Tom Baker"),
        ),
        // "Following initial reports of ...": a plural noun after an opening participle
        // is no verb of speech.
        (
            "The mine stayed open.\n\nFollowing initial reports of the fire, Ana Ruiz said at a rally in the town that \"a pipe\" had burst in the mine.",
            "that \"a pipe\"",
            Some("Ana Ruiz"),
        ),
        // "a coach who is "..."": a relative that describes its noun is no speaker.
        (
            "The mine stayed open.\n\nTom Baker, a teacher at the school, compared the mayor to a coach who is \"working the referees\" at every game.",
            "working the",
            Some("Tom Baker"),
        ),
        // A topic ("worried about ...") is a noun phrase, which a comma ends.
        (
            "The mine stayed open.\n\nWith union leaders increasingly worried about a lack of support among young miners, Ana Ruiz is rolling out a new message: \"We stay open for good.\"",
            "We stay",
            Some("Ana Ruiz"),
        ),
        // "the annual report stated": a noun of speech before the verb is its subject.
        (
            "The mine stayed open.\n\n\"The outlook for the town is uncertain,\" the annual report stated.",
            "The outlook",
            Some("the annual report"),
        ),
        // `"...," he claimed they ...`: a verb with a clause of its own attributes nothing.
        (
            "The mine stayed open.\n\nAlthough Tom Baker admitted to the paper that the two men had \"been friends for some time,\" he claimed they had never met.",
            "been friends",
            Some("Tom Baker"),
        ),
        // "After saying ..., she ...": the subject after the opening phrase speaks.
        (
            "The mine stayed open.\n\nAfter saying her right foot was \"so swollen I could barely walk,\" she was rushed to the hospital.",
            "her right foot",
            Some("she"),
        ),
        // "the mother of three replied": a number after "of" ends the speaker's phrase.
        (
            "Ana Ruiz spoke to the miners.\n\nShe said fathers would not be paid, and when pressed on why the plan leaves them out, the 34-year-old mother of three replied, \"It is meant to help every family in the town.\"",
            "It is meant",
            Some("the 34-year-old mother of three"),
        ),
        // "X said Y "...," according to a poll.": the source after "according to" speaks.
        (
            "The mine stayed open.\n\nSome 55 percent of voters said they do not believe Ana Ruiz \"cares about people like me,\" according to a poll conducted in February.",
            "Some 55 percent",
            Some("a poll conducted in February"),
        ),
        // "Baker believes, she said, that ...": an aside after the verb names the source.
        (
            "The mine stayed open.\n\nTom Baker still believes, she said, that \"the mayor is a really good guy.\"",
            "she said, that",
            Some("she"),
        ),
        // `..."a title," Ms. X said.`: a closing mark after a comma sets the speaker off
        // as well as a comma does, for the earlier quotation in the sentence too.
        (
            "The mine stayed open.\n\nThe first season had \"a young cast with nothing to lose at all\" and a theme song by \"The Lanterns,\" Ms. Ruiz said.",
            "a young cast",
            Some("Ruiz"),
        ),
        // A clause opening with "when" or "although" ends at its comma: the verb of
        // speech after it has the main clause's subject, not the opening clause's.
        (
            "Although she thanked the miners for their support, he sounded a rare note of humility, saying, \"I am not sure I really deserve it.\"",
            "I am not sure",
            Some("he"),
        ),
        (
            "Last month, when I asked Ruiz if she would run again, he looked into the camera, smiled and said, \"Never again, not in this town.\"",
            "Never again",
            Some("he"),
        ),
        // A report inside another report's clause is part of it: a later quotation in
        // the paragraph is the outer speaker's.
        (
            "The mayor spoke on Monday. Ana Ruiz added that the council very much wants to finish the road before the election. \"Otherwise, people will think we are moving for political reasons, not for the town.\"",
            "Otherwise",
            Some("Ana Ruiz"),
        ),
        // A comma inside a closing mark, then "but" and a report of its own, ends the
        // clause before it.
        (
            "Ana Ruiz called the flood that closed the mine \"a blow to our town,\" but she also noted the \"quick, brave work\" of the rescue crews.",
            "quick, brave work",
            Some("she"),
        ),
        // A participle after a clause opened by "as" or "while" goes with that clause's
        // pronoun, the nearest subject.
        (
            "Mayor Ana Ruiz, a longtime ally, conceded some delays even as she defended the plan, saying, \"Most of the road is already built.\"",
            "Most of the road",
            Some("she"),
        ),
        // A sentence of a subject and a verb of speech that reports nothing introduces
        // the quotation opening the next sentence; a verb inside a relative clause does
        // not.
        (
            "The mine will stay open.\n\nCompany spokesman Ana Ruiz agreed. \"Nobody in this town wants to see the mine close this year.\"",
            "Nobody in this town",
            Some("Ana Ruiz"),
        ),
        (
            "The mine will stay open.\n\nTom Baker responded in a statement on Monday. \"Nobody in this town wants to see the mine close this year.\"",
            "Nobody in this town",
            Some("Tom Baker"),
        ),
        (
            "The mine will stay open.\n\nThe rally ended at the town hall, where Ana Ruiz also spoke. \"Nobody in this town wants to see the mine close this year.\"",
            "Nobody in this town",
            None,
        ),
        // A capitalized common noun opening the sentence names a thing, as a lower-case
        // one does: no speaker.
        (
            "The club closed in May.\n\nWeeds cover the greens of the old course, one of many known as \"goat farms\" to local golfers.",
            "goat farms",
            None,
        ),
        // `, in the words of X, "..."`: the phrase before the quotation names its speaker.
        (
            "The mine stayed open.\n\nIt was clear that Ana Ruiz was, in the words of a senior adviser, \"the torchbearer\" of his legacy.",
            "the torchbearer",
            Some("a senior adviser"),
        ),
        // "X, the editor in chief of the paper, The Courier, said": the name before a
        // role two prepositions deep and a second apposition speaks.
        (
            "The mine stayed open.\n\nMaria Lopez, the editor in chief of the newspaper, The Courier, said every mayor was \"both a builder and a politician.\"",
            "every mayor",
            Some("Maria Lopez"),
        ),
        // A longer phrase after the verb, when "that" ends it, is read past to the
        // clause, which takes the quotation in it.
        (
            "The mine stayed open.\n\nAna Ruiz said in a long letter to the families of the miners that the owners had \"no plan at all.\"",
            "that the owners",
            Some("Ana Ruiz"),
        ),
        // An apposition may hold a cue read as a noun, or a relative clause with a verb
        // of its own: the name before it still speaks the report after it.
        (
            "The mine stayed open.\n\nAna Ruiz, a talk radio host, said that the plan was \"a mess from the start.\"",
            "that the plan",
            Some("Ana Ruiz"),
        ),
        (
            "The mine stayed open.\n\nTom Baker, the founder of a group that urges towns to build roads, said he had seen \"some progress at last.\"",
            "he had seen",
            Some("Tom Baker"),
        ),
        // A pronoun set off by an adverbial aside is still the verb's subject.
        (
            "The mayor spoke on Monday.\n\nHe thanked the crew and he, once again, pledged \"a fresh start\" for the town.",
            "a fresh start",
            Some("he"),
        ),
        // A report inside a clause opened by "when" ends at the clause's comma: the
        // quotation after it is the main clause's subject's.
        (
            "The mine stayed open.\n\nBut when Tom Baker accused the mayor of hiding the costs, she said \"every cent is in the budget\" and left.",
            "every cent",
            Some("she"),
        ),
        // An -s form ending a phrase that a preposition opens is a noun, no report.
        (
            "The mine stayed open.\n\nDespite the repeated media attacks, Ana Ruiz said that the plan was \"a mess from the start.\"",
            "that the plan",
            Some("Ana Ruiz"),
        ),
        // "opined" is a verb of speech.
        (
            "The mine stayed open.\n\n\"Owners should keep the mines open,\" opined The Courier.",
            "Owners should",
            Some("The Courier"),
        ),
        // "wondered" after a quoted question attributes it, as "asked" does.
        (
            "The mine stayed open.\n\n\"Will the owners ever come back to this town?\" a miner in the crowd wondered.",
            "Will the owners",
            Some("a miner in the crowd"),
        ),
        // An -ing form after its owner is a noun of speech: the owner speaks.
        (
            "The mine stayed open.\n\nThe mayor ignored Tom Baker's warning that the mine \"could close within a year.\"",
            "that the mine",
            Some("Tom Baker"),
        ),
        // A place and its state inside an apposition are one part of it.
        (
            "The mine stayed open.\n\nTom Baker, 22, of Flint, Mich., said the town had \"no money left\" for the road.",
            "the town had",
            Some("Tom Baker"),
        ),
        (
            "The mine stayed open.\n\nAna Ruiz, during a town hall meeting in Columbus, Ohio, said she was \"going to keep the mines open.\"",
            "going to keep",
            Some("Ana Ruiz"),
        ),
        // A comma between two modifiers after an article does not end the speaker.
        (
            "The mine stayed open.\n\n\"Nobody will be left behind in this town,\" the bespectacled, 71-year-old mayor said in an interview.",
            "Nobody will",
            Some("71-year-old mayor"),
        ),
        // A participle does not go with a report inside a clause opened by "where".
        (
            "The mine stayed open.\n\nAna Ruiz drew attention in the town, where she appeared at a hearing on the mine and for saying that the owners were \"a bunch of crooks.\"",
            "that the owners",
            Some("Ana Ruiz"),
        ),
        // A plural noun of speech after its owner and a modifier reports for the owner,
        // who is no subject for a participle after it.
        (
            "The mine stayed open.\n\nAna Ruiz went on \"The Morning Show\" to discuss her recent remarks about the mine, saying \"nobody will lose a job\" this year.",
            "\"nobody will",
            Some("Ana Ruiz"),
        ),
        // A speaker two prepositions deep before the verb.
        (
            "The mine stayed open.\n\n\"Nobody will be left behind in this town,\" Tom Baker of the Center for Mining Studies wrote in a blog post.",
            "Nobody will",
            Some("Tom Baker of the Center for Mining Studies"),
        ),
        // A past participle opening an apposition does not make it a clause.
        (
            "The mine stayed open.\n\nThe issue came up after Ana Ruiz, asked about the closing of the mine, had said, \"Nobody will be left behind.\"",
            "Nobody will",
            Some("Ana Ruiz"),
        ),
        // A name after "to" before a colon is spoken to: the subject speaks.
        (
            "The mine stayed open.\n\nMayor Ana Ruiz, D-Ohio, delivered a blunt message to Tom Baker: \"It is time to stop attacking the people of this town.\"",
            "It is time",
            Some("Ana Ruiz"),
        ),
        // A sentence opening with a name between two quotations keeps them apart.
        (
            "The mine stayed open.\n\n\"Do something about it now,\" said Tom Baker, president of the miners union. Ana Ruiz resisted: \"The state has no power to close a private mine.\"",
            "The state has",
            Some("Ana Ruiz"),
        ),
        // A passive with an adverb ("is widely supported") has no speaker before it.
        (
            "The mine stayed open.\n\nAna Ruiz also argued the new road, which is widely supported by the miners, \"would pay for itself within ten years.\"",
            "the new road",
            Some("Ana Ruiz"),
        ),
        // "are worried about" is an adjective, no passive: its subject worries.
        (
            "The mine stayed open.\n\nMiners are worried about losing \"the only good jobs left in this valley\" next year.",
            "losing",
            Some("Miners"),
        ),
        // "back" after a verb is its particle, no verb of speech.
        (
            "The mine stayed open.\n\nAna Ruiz said it is unrealistic to think that if the state pulls back, \"our towns are going to protect us.\"",
            "it is unrealistic",
            Some("Ana Ruiz"),
        ),
        // "with X calling ...", "- X saying ...": the noun after "with", or a name, is the
        // participle's subject, not the sentence's; a name after a preposition is not.
        (
            "The mayor won praise from farmers, with the union of miners from Ohio calling her \"a friend of every town.\"",
            "a friend of",
            Some("the union of miners from Ohio"),
        ),
        (
            "The mayor closed the road on Monday, with many farmers and miners chanting \"Keep the mines open.\"",
            "Keep the mines",
            Some("many farmers"),
        ),
        (
            "Ana Ruiz opened the fair, with Tom Baker later promising \"a new road for every town.\"",
            "a new road",
            Some("Tom Baker"),
        ),
        (
            "Both women spoke after the vote - Ana Ruiz saying she was \"very pleased\" and Maria Lopez calling it \"a good day.\"",
            "a good day",
            Some("Maria Lopez"),
        ),
        (
            "Ana Ruiz replied on Facebook writing, \"We will keep the mines open.\"",
            "We will keep",
            Some("Ana Ruiz"),
        ),
        // "as X put it" after an opening phrase attributes the quotation after it, unless
        // a report before it holds the quotation.
        (
            "The mines stayed open in 2011.\n\nBut at the time, as the prosecutor Tom Baker put it, \"there was not much to complain about.\"",
            "there was not",
            Some("Tom Baker"),
        ),
        (
            "The mines stayed open in 2011.\n\nMaria Lopez said the plan, as a farmer put it, was \"an extreme makeover.\"",
            "the plan",
            Some("Maria Lopez"),
        ),
        // A participle after the quotation's comma ("..., giving towns more power")
        // opens no subject for a cue after it.
        (
            "The mines stayed open in 2011.\n\nHundreds of workers marched through the town on Monday, chanting \"Keep the mines open,\" raising fresh questions about the plan.",
            "Keep the mines",
            Some("Hundreds of workers"),
        ),
        // An -s form before "of" is a plural noun ("Republican claims of"), but "says of"
        // is a verb.
        (
            "The mines stayed open in 2011.\n\nDemocrats on the council plan to release the letters in an effort to disprove Republican claims of \"great progress\" in the inquiry.",
            "great progress",
            Some("Democrats"),
        ),
        (
            "The mines stayed open in 2011.\n\n\"We will keep the mines open,\" the old actor says of the plan.",
            "We will keep",
            Some("the old actor"),
        ),
        // A thing's name after a noun and "called" is no report of the noun's.
        (
            "The mines stayed open in 2011.\n\nLater on Sunday, Ana Ruiz shared a syllabus for a 2002 history class called \"Our Town\" on her page.",
            "\"Our Town\"",
            None,
        ),
        // "said that according to X, ...": the "according to" opens the reported clause,
        // and its source ends at its comma.
        (
            "The mine stayed open.\n\nAna Ruiz, a member of the council, said Tuesday morning that according to its count, the party has won \"82 percent of the vote.\"",
            "that according to",
            Some("Ana Ruiz"),
        ),
    ];
    for (text, start, want) in rows {
        assert_eq!(speaker_of(text, start).as_deref(), want, "{text}");
        // Each rule's look-ahead stops at the end of the text: every prefix analyzes.
        for (cut, _) in text.char_indices() {
            quotes(&text[..cut]);
        }
    }
    // `"..." suggests that X ...`: a clause after the verb, not an inverted speaker; the
    // quotation is part of the report around it.
    let text = "The mines stayed open.\n\nTom Baker wrote in the letter that the new sign \"plainly and wrongly\" suggests that the mayor backs the plan.";
    let got = quotes(text);
    assert!(
        got.iter().all(|q| q.mention.as_deref() != Some("that the mayor"))
            && speaker_of(text, "that the new sign").as_deref() == Some("Tom Baker"),
        "{got:?}"
    );
    // A short quotation with no cue and no one around is a slogan or a title, not kept.
    let text = "The fair opened on Monday.\n\n“Hope for all of us.”";
    assert!(quotes(text).iter().all(|q| q.kind == I), "{:?}", quotes(text));
}
