//! Whole-pipeline properties: every reported span is well formed on any input, the JSON
//! is the SCHEMA.md shape, and hostile inputs finish without a panic.

use proptest::prelude::*;
use whosaid::{Document, Pipeline, Span};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(Pipeline::new)
}

/// Every span the document reports, with what it is, for the invariant checks.
fn all_spans(doc: &Document) -> Vec<(&'static str, Span)> {
    let mut spans = Vec::new();
    spans.extend(doc.paragraphs.iter().map(|p| ("paragraph", p.span)));
    spans.extend(doc.sentences.iter().map(|s| ("sentence", s.span)));
    spans.extend(doc.tokens.iter().map(|t| ("token", t.span)));
    spans.extend(doc.entities.iter().map(|e| ("entity", e.span)));
    for q in &doc.quotes {
        spans.push(("quote", q.span));
        spans.extend(q.content.iter().map(|&c| ("content", c)));
        spans.extend(q.cue.iter().map(|c| ("cue", c.span)));
        if let Some(s) = &q.speaker {
            spans.push(("speaker", s.mention));
            spans.extend(s.role.map(|r| ("role", r)));
        }
    }
    spans
}

fn check_document(text: &str, doc: &Document) {
    for (what, span) in all_spans(doc) {
        assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what} {span:?} not on char boundaries"
        );
    }
    for (what, list) in [
        ("paragraphs", doc.paragraphs.iter().map(|p| p.span).collect::<Vec<_>>()),
        ("sentences", doc.sentences.iter().map(|s| s.span).collect()),
        ("tokens", doc.tokens.iter().map(|t| t.span).collect()),
    ] {
        for pair in list.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{what} overlap or unsorted: {pair:?}");
        }
    }
    for pair in doc.entities.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "entities unsorted");
    }
    for pair in doc.quotes.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "quotes unsorted");
    }
    if text.len() < 100_000 {
        check_char_offsets(text, doc);
    }
}

/// Char offsets from the JSON slice the same text as the byte offsets (small texts: the
/// check itself is quadratic-free but slow in debug builds).
fn check_char_offsets(text: &str, doc: &Document) {
    let chars: Vec<char> = text.chars().collect();
    let json: serde_json::Value = serde_json::from_str(&doc.to_json(text, "t", true)).unwrap();
    let mut stack = vec![&json];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if let (Some(cs), Some(ce), Some(bs), Some(be)) = (
                    map.get("char_start").and_then(|v| v.as_u64()),
                    map.get("char_end").and_then(|v| v.as_u64()),
                    map.get("byte_start").and_then(|v| v.as_u64()),
                    map.get("byte_end").and_then(|v| v.as_u64()),
                ) {
                    let by_chars: String = chars[cs as usize..ce as usize].iter().collect();
                    assert_eq!(by_chars, &text[bs as usize..be as usize]);
                    assert_eq!(map["text"].as_str(), Some(by_chars.as_str()));
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_well_formed_on_any_text(text in any::<String>()) {
        check_document(&text, &pipeline().analyze(&text));
    }

    #[test]
    fn spans_are_well_formed_on_news_like_text(
        text in proptest::string::string_regex(
            "([A-Z][a-z]{0,8}|[a-z]{1,8}|[\"“”‘’'«».,;:!?()—-]|[0-9]{1,4}|Mr\\.|U\\.S\\.|é|\n\n|\n| |\
             said|says|told|believes|according to|he|she|who|which|that|however|saying|of|the|a|is){0,80}"
        ).unwrap()
    ) {
        check_document(&text, &pipeline().analyze(&text));
    }
}

#[test]
fn hostile_inputs_finish_and_stay_well_formed() {
    let mb = 1 << 20;
    let inputs = [
        String::new(),
        " \n\t\r\n  \n\n ".to_owned(),
        "x".repeat(10 * mb),
        "\"".repeat(mb),
        ".".repeat(mb),
        "“".repeat(mb / 3),
        "'".repeat(mb),
        format!("He said \"{}", "word ".repeat(mb / 5)),
        "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}".repeat(10_000),
        "Путин said 習近平 مرحبا e\u{301}\u{301}\u{301} 👩‍👩‍👧‍👦 🇺🇦 ".repeat(10_000),
        "« » „ “ ‘ ’ 「 」 `` '' ".repeat(20_000),
        format!("{}\n\n", "A sentence, said Mr. Smith. ".repeat(mb / 28)),
        // One sentence of a megabyte: phrases that rules read back through, and many
        // reports, each of which once looked to the sentence's end.
        format!("Officials {}said \"no\".", "in the town of three ".repeat(mb / 21)),
        format!("Officials {}said \"no\".", "mother of three replied ".repeat(mb / 24)),
        format!("Officials {}said \"no\".", "Following reports of ".repeat(mb / 21)),
        format!("Officials {}said \"no\".", "according to ".repeat(mb / 13)),
    ];
    for text in &inputs {
        check_document(text, &pipeline().analyze(text));
    }
}

#[test]
fn reported_clauses_stay_bounded_in_a_sentence_of_reports() {
    // Every report of one long sentence once took a clause running to the sentence's
    // start or end, so the quoted text (and the JSON holding it) grew with the square
    // of the sentence: 3,000 times the text for this one.
    for phrase in [
        "the plan failed, Ruiz said, ",
        "Ruiz said that the plan failed, ",
        "officials warned the plan would fail; ",
    ] {
        let text = format!("{}she said.", phrase.repeat(3_000));
        let doc = pipeline().analyze(&text);
        assert!(doc.quotes.len() >= 1_000, "{phrase}: {} quotes", doc.quotes.len());
        let quoted: usize = doc.quotes.iter().map(|q| q.span.end - q.span.start).sum();
        assert!(quoted < 100 * text.len(), "{phrase}: {quoted} bytes quoted");
    }
}

#[test]
fn json_has_the_schema_shape() {
    let text = "“Grain must flow,” said José Álvarez in Kyiv.\n\nHe left.";
    let doc = pipeline().analyze(text);
    let json: serde_json::Value = serde_json::from_str(&doc.to_json(text, "a.txt", false)).unwrap();
    assert_eq!(json["doc"], "a.txt");
    for key in ["paragraphs", "sentences", "entities", "quotes"] {
        assert!(json[key].is_array(), "{key} missing");
    }
    assert!(json.get("tokens").is_none(), "tokens only on request");
    assert_eq!(json["paragraphs"].as_array().unwrap().len(), 2);
    let with_tokens: serde_json::Value =
        serde_json::from_str(&doc.to_json(text, "a.txt", true)).unwrap();
    assert_eq!(with_tokens["tokens"][0]["kind"], "punct");
}

/// The sample wire story of the README's first command: each quotation and report with
/// its speaker as the text names it, the resolved name and the role.
#[test]
fn every_quote_of_the_sample_story_has_its_speaker_and_role() {
    let text = include_str!("../examples/wire-story.txt");
    let doc = pipeline().analyze(text);
    // Kind, the content's first three words, speaker mention, canonical name, role.
    let found: Vec<(&str, String, &str, &str, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            let content = q.content.first().map_or("", |c| c.as_str(text));
            let opening = content.split(' ').take(3).collect::<Vec<_>>().join(" ");
            let s = q.speaker.as_ref().expect("every quote of the story has a speaker");
            let role = s.role.map(|r| r.as_str(text));
            (q.kind.as_str(), opening, s.mention.as_str(text), &*s.canonical, role)
        })
        .collect();
    let has = |kind: &str, opening: &str, mention: &str, canonical: &str, role: Option<&str>| {
        let want = (kind, opening.to_string(), mention, canonical, role);
        assert!(found.contains(&want), "{want:?} not in {found:#?}");
    };
    let officials = "officials in both countries";
    has("indirect", "Russia and Ukraine", officials, officials, None);
    let zakharova = "Maria Zakharova";
    let spokesperson = Some("Russian Foreign Ministry spokesperson");
    has("direct", "We are ready", zakharova, zakharova, spokesperson);
    let minister = Some("Ukrainian Foreign Minister");
    has("indirect", "the talks would", "Dmytro Kuleba", "Dmytro Kuleba", minister);
    has("direct", "Our farmers cannot", "he", "Dmytro Kuleba", None);
    has(
        "mixed",
        "that Ankara would",
        "Tayyip Erdogan",
        "Tayyip Erdogan",
        Some("Turkey's President"),
    );
    let spokesman = "A spokesman for the U.N. secretary-general";
    has("indirect", "the organisation welcomed", spokesman, spokesman, None);
    let wfp = "World Food Programme";
    has("indirect", "more than 40", "the World Food Programme", wfp, None);
    let analyst = Some("a senior analyst at the Nairobi-based Institute for Food Security");
    has("direct", "This is not", "Rebecca Owusu", "Rebecca Owusu", analyst);
    has("indirect", "Wheat prices rose", "traders", "traders", None);
    has("mixed", "that Moscow expected", "Zakharova", zakharova, None);
}

#[test]
fn a_users_gazetteer_keeps_the_default_ids_among_its_candidates() {
    let people = whosaid::Gazetteer::builder()
        .include_default(false)
        .add_jsonl_str(
            "{\"id\":\"p1\",\"name\":\"Paris\",\"label\":\"PERSON\",\"weight\":1}\n\
             {\"id\":\"p2\",\"name\":\"Paris\",\"label\":\"PERSON\",\"weight\":2}\n",
            "people.jsonl",
        )
        .build()
        .expect("builds");
    let pipeline = Pipeline::builder().gazetteer(people).build().expect("builds");
    let doc = pipeline.analyze("Paris said hello.");
    let paris = &doc.entities[0];
    assert_eq!((&*paris.label, paris.id.as_deref()), ("PERSON", Some("p2")));
    let ids: Vec<&str> = paris.candidates.iter().map(|c| &**c).collect();
    assert_eq!(ids, ["p2", "p1", "geonames:2988507"]);
}
