//! Reads a JSON object `{id: text}` on standard input and prints, for each text, its
//! words, surface tokens and sentences as JSON char (code point) offsets:
//! `{id: {"words": [[s, e], ...], "tokens": [...], "sentences": [...]}}`.
//!
//! Surface tokens merge each word marked `joined` into the word before it, so "do" +
//! "n't" is the one token "don't". `eval/tokens/run.py` scores this output against
//! Universal Dependencies treebanks.

use std::collections::BTreeMap;
use std::io::Read;

use whosaid::{segment, CharIndex, TokenizerOptions};

type Spans = Vec<[usize; 2]>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let texts: BTreeMap<String, String> = serde_json::from_str(&input)?;
    let mut out = BTreeMap::new();
    for (id, text) in &texts {
        let seg = segment(text, &TokenizerOptions::default());
        let index = CharIndex::new(text);
        let at = |byte: usize| index.char_offset(text, byte);
        let words: Spans = seg.tokens.iter().map(|t| [at(t.span.start), at(t.span.end)]).collect();
        let mut tokens: Spans = Vec::with_capacity(words.len());
        for (token, word) in seg.tokens.iter().zip(&words) {
            match tokens.last_mut() {
                Some(last) if token.joined => last[1] = word[1],
                _ => tokens.push(*word),
            }
        }
        let sentences: Spans =
            seg.sentences.iter().map(|s| [at(s.span.start), at(s.span.end)]).collect();
        let mut doc = BTreeMap::new();
        doc.insert("words", words);
        doc.insert("tokens", tokens);
        doc.insert("sentences", sentences);
        out.insert(id.as_str(), doc);
    }
    serde_json::to_writer(std::io::stdout().lock(), &out)?;
    Ok(())
}
