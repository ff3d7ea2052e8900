"""Documents from Python: offsets that slice `str` and `bytes`, and objects that agree with
the library's JSON."""

import json

import whosaid

NON_ASCII = (
    '«Мы готовы», — сказала Захарова. Zakharová said: "We\'re ready 👩‍👩‍👧🇺🇦!"\n\n'
    "Cafe\u0301 owners in Malmö weren't surprised. 日本語のテキスト。 Done."
)


def test_version_and_abi():
    assert whosaid.ABI_VERSION == 1
    assert whosaid.__version__.count(".") == 2


def test_sentences_slice_the_str_by_code_points(pipeline):
    doc = pipeline.analyze(NON_ASCII)
    assert doc.text is NON_ASCII
    assert len(doc.sentences) >= 3
    raw = NON_ASCII.encode("utf-8")
    for s in doc.paragraphs + doc.sentences + doc.tokens:
        assert NON_ASCII[s.start : s.end] == s.text
        assert raw[s.byte_start : s.byte_end].decode("utf-8") == s.text
        assert s.start <= s.end and s.byte_start <= s.byte_end
    # Code point and byte offsets really differ after the first non-ASCII char.
    last = doc.tokens[-1]
    assert last.byte_end - last.end == len(raw) - len(NON_ASCII)
    assert [t.text for t in doc.tokens if t.text in ("Захарова", "Zakharová", "Malmö")] == [
        "Захарова",
        "Zakharová",
        "Malmö",
    ]


def test_sentence_and_paragraph_ranges_index_the_lists(pipeline, article):
    doc = pipeline.analyze(article)
    for p in doc.paragraphs:
        inner = doc.sentences[p.sentence_start : p.sentence_end]
        assert inner and p.start <= inner[0].start and inner[-1].end <= p.end
    for s in doc.sentences:
        inner = doc.tokens[s.token_start : s.token_end]
        assert inner and inner[0].start == s.start and inner[-1].end == s.end


def test_clitics_option_reaches_the_tokenizer():
    text = "They don't know Turkey's plan, and we'll see."
    split = whosaid.Pipeline().analyze(text).tokens
    whole = whosaid.Pipeline(split_clitics=False).analyze(text).tokens
    assert not any(t.joined for t in whole)
    for prev, t in zip(split, split[1:]):
        assert not t.joined or t.start == prev.end
    assert len(whole) == len(split) - sum(t.joined for t in split)


def _span_fields(x):
    return {
        "char_start": x.start,
        "char_end": x.end,
        "byte_start": x.byte_start,
        "byte_end": x.byte_end,
        "text": x.text,
    }


def _speaker_dict(sp):
    if sp is None:
        return None
    return {
        "mention": _span_fields(sp.mention),
        "canonical": sp.canonical,
        "id": sp.id,
        "label": sp.label,
        "role": None if sp.role is None else _span_fields(sp.role),
        "via": sp.via,
    }


def _quote_dict(q):
    cue = None if q.cue is None else {**_span_fields(q.cue), "lemma": q.cue.lemma}
    return {
        "kind": q.kind,
        "span": _span_fields(q),
        "content": [_span_fields(c) for c in q.content],
        "cue": cue,
        "speaker": _speaker_dict(q.speaker),
        "confidence": q.confidence,
        "rule": q.rule,
    }


def _entity_dict(e):
    d = {**_span_fields(e), "label": e.label, "id": e.id, "canonical": e.canonical}
    d["source"] = e.source
    if len(e.candidates) > 1:
        d["candidates"] = e.candidates
    return d


def test_objects_agree_with_the_json(pipeline, article):
    for text in (article, NON_ASCII, ""):
        doc = pipeline.analyze(text)
        d = doc.to_dict(name="story", tokens=True)
        assert d["doc"] == "story"
        assert d["paragraphs"] == [_span_fields(p) for p in doc.paragraphs]
        assert d["sentences"] == [_span_fields(s) for s in doc.sentences]
        assert d["tokens"] == [{**_span_fields(t), "kind": t.kind} for t in doc.tokens]
        assert d["entities"] == [_entity_dict(e) for e in doc.entities]
        assert d["quotes"] == [_quote_dict(q) for q in doc.quotes]
        for q in doc.quotes:
            assert text[q.start : q.end] == q.text
            assert all(text[c.start : c.end] == c.text for c in q.content)


def test_json_shapes(pipeline, article):
    doc = pipeline.analyze(article)
    assert "tokens" not in doc.to_dict()
    assert doc.to_json("a") == pipeline.analyze_json(article, name="a")
    assert json.loads(pipeline.analyze_json(article, tokens=True))["tokens"]
    assert doc.to_dict()["doc"] == "-"


def test_empty_and_odd_texts(pipeline):
    for text in ("", " ", "\n\n\n", "\x00\x01", "a\u0301" * 1000, "🇺🇦" * 500, "\u2028x"):
        doc = pipeline.analyze(text)
        for t in doc.tokens:
            assert text[t.start : t.end] == t.text
    assert pipeline.analyze("").tokens == []


def test_document_outlives_its_pipeline():
    import gc

    p = whosaid.Pipeline()
    doc = p.analyze("Hello there. Bye.")
    del p
    gc.collect()
    assert [s.text for s in doc.sentences] == ["Hello there.", "Bye."]


def test_lists_are_cached(pipeline):
    doc = pipeline.analyze("One. Two.")
    assert doc.tokens is doc.tokens
    assert repr(doc.sentences[0]) == "<Sentence 0:4 'One.'>"
