//! The tokenizer and sentence splitter on arbitrary and hostile input: spans stay in
//! bounds, on char boundaries, sorted and consistent, and nothing panics.

use proptest::prelude::*;
use std::ops::Range;

use whosaid::{segment, CharIndex, Segmentation, Span, TokenizerOptions};

/// Checks that `parts` (each a range of `children` and its span) cover every child in
/// order, none empty, each spanning its first child's start to its last child's end.
fn check_cover(what: &str, parts: impl Iterator<Item = (Range<usize>, Span)>, children: &[Span]) {
    let mut next = 0;
    for (range, span) in parts {
        assert_eq!(range.start, next, "{what} must cover every item below them");
        assert!(range.start < range.end, "empty range in {what}");
        let (first, last) = (children[range.start], children[range.end - 1]);
        assert_eq!((span.start, span.end), (first.start, last.end));
        next = range.end;
    }
    assert_eq!(next, children.len());
}

/// Checks every invariant of a segmentation of `text`.
fn check(text: &str, seg: &Segmentation) {
    let mut previous_end = 0;
    for token in &seg.tokens {
        let span = token.span;
        assert!(span.start < span.end, "empty token {span:?}");
        assert!(previous_end <= span.start, "tokens overlap or are unsorted at {span:?}");
        assert!(span.end <= text.len(), "token {span:?} out of bounds");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(!span.as_str(text).starts_with(char::is_whitespace), "{span:?}");
        previous_end = span.end;
    }
    let token_spans: Vec<Span> = seg.tokens.iter().map(|t| t.span).collect();
    let sentence_spans: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    check_cover(
        "sentences",
        seg.sentences.iter().map(|s| (s.tokens.clone(), s.span)),
        &token_spans,
    );
    check_cover(
        "paragraphs",
        seg.paragraphs.iter().map(|p| (p.sentences.clone(), p.span)),
        &sentence_spans,
    );
    let index = CharIndex::new(text);
    let chars: Vec<char> = text.chars().collect();
    for token in &seg.tokens {
        let (a, b) =
            (index.char_offset(text, token.span.start), index.char_offset(text, token.span.end));
        let by_chars: String = chars[a..b].iter().collect();
        assert_eq!(by_chars, token.span.as_str(text), "char offsets slice other text");
    }
}

/// Segments `text` with and without clitic splitting and checks both.
fn check_both(text: &str) -> Segmentation {
    let mut options = TokenizerOptions::default();
    options.split_clitics = false;
    let surface = segment(text, &options);
    check(text, &surface);
    assert!(surface.tokens.iter().all(|t| !t.joined));
    let words = segment(text, &TokenizerOptions::default());
    check(text, &words);
    words
}

/// Characters the tokenizer treats specially, to make generated strings interesting.
const PIECES: &[&str] = &[
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    "...",
    "?",
    "!",
    ",",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "-",
    "—",
    "/",
    ":",
    "@",
    "#",
    "$",
    "%",
    "&",
    "_",
    "=",
    "<",
    ">",
    "Mr.",
    "U.S.",
    "e-mail",
    "don't",
    "cannot",
    "1,000.5",
    "http://x.org/a",
    "www.",
    "a@b.co",
    "é",
    "\u{301}",
    "\u{200D}",
    "👩",
    "🇺",
    "Жд",
    "中文",
    "٣",
    "\u{A0}",
    "\u{2029}",
    "\u{7}",
    "a",
    "Z",
    "7",
    "s",
    "n",
    "t",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_keep_invariants(text in any::<String>()) {
        check_both(&text);
    }

    #[test]
    fn tricky_strings_keep_invariants(text in news_like()) {
        check_both(&text);
    }
}

#[test]
fn offsets_round_trip_on_news_text() {
    let text = "«Привет», said Zakharová — the U.S. envoy’s “plan” failed.\r\n\r\nJ. K. Rowling \
                didn't reply 👩‍👩‍👧. Prices rose 3.5% to $4bn at 12:05 on 08/16/2000.";
    let seg = check_both(text);
    let words: Vec<&str> = seg.tokens.iter().map(|t| t.span.as_str(text)).collect();
    assert!(words.contains(&"Zakharová") && words.contains(&"’s") && words.contains(&"👩‍👩‍👧"));
    assert_eq!(seg.paragraphs.len(), 2);
    assert_eq!(seg.sentences.len(), 3);
}

#[test]
fn empty_and_blank_text() {
    for text in ["", " ", "\n\n\n", " \t\r\n \u{A0}\u{3000}\u{2029}"] {
        let seg = check_both(text);
        assert!(seg.tokens.is_empty() && seg.sentences.is_empty() && seg.paragraphs.is_empty());
    }
}

/// Large inputs must finish (linear time); no timing is asserted.
#[test]
fn hostile_inputs_do_not_panic() {
    let big = 10 << 20;
    let inputs = [
        "a".repeat(big),
        "1".repeat(1 << 20),
        "\"".repeat(1 << 20),
        "“”".repeat(1 << 18),
        ".".repeat(1 << 20),
        ". ".repeat(1 << 19),
        "'".repeat(1 << 20),
        "-".repeat(1 << 20),
        "a-".repeat(1 << 19),
        "a.".repeat(1 << 19),
        "1,000".repeat(1 << 17),
        "@".repeat(1 << 20),
        "a@".repeat(1 << 19),
        ":)".repeat(1 << 19),
        "Mr. ".repeat(1 << 18),
        format!("http://x.org/{}", ")".repeat(1 << 20)),
        format!("www.{}", "(".repeat(1 << 20)),
        "a...".repeat(1 << 18),
        "\u{301}".repeat(1 << 19),
        "e\u{301}".repeat(1 << 18),
        "👩\u{200D}".repeat(1 << 17),
        "🇺".repeat(1 << 17),
        "\u{0}\u{1}\u{7}\u{1b}\u{7f}\u{85}".repeat(1 << 15),
        "Жд中文٣ abc ".repeat(1 << 15),
        "\n".repeat(1 << 20),
        "[1]. ".repeat(1 << 17),
    ];
    for text in &inputs {
        check_both(text);
    }
}
