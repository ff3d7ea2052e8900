"""Quotes and speakers from Python, with offsets that slice the text."""

import whosaid


def _check_offsets(doc):
    text, raw = doc.text, doc.text.encode("utf-8")
    for q in doc.quotes:
        spans = [q, *q.content] + ([q.cue] if q.cue else [])
        if q.speaker:
            spans += [q.speaker.mention] + ([q.speaker.role] if q.speaker.role else [])
        for s in spans:
            assert text[s.start : s.end] == s.text
            assert raw[s.byte_start : s.byte_end].decode("utf-8") == s.text
        assert 0.0 <= q.confidence <= 1.0 and q.rule


def test_quotes_of_the_wire_story(pipeline, article):
    doc = pipeline.analyze(article)
    _check_offsets(doc)
    report = doc.quotes[0]
    assert report.kind == "indirect" and report.speaker.mention.text == "officials in both countries"
    first = next(q for q in doc.quotes if q.kind == "direct")
    assert first.content[0].text.startswith("We are ready to sit down")
    assert first.cue.lemma == "tell" and first.cue.text == "told"
    assert first.speaker.canonical == "Maria Zakharova" and first.speaker.via == "explicit"
    assert first.speaker.label == "PERSON"
    assert {q.kind for q in doc.quotes} >= {"direct", "indirect", "mixed"}


def test_non_ascii_quotes_slice_right(pipeline):
    text = "Der Minister ging. “Nous sommes prêts — vraiment,” said Zakharová, 47, in Moscow."
    doc = pipeline.analyze(text)
    _check_offsets(doc)
    (q,) = doc.quotes
    assert q.text == "“Nous sommes prêts — vraiment,”"
    assert q.speaker.mention.text == "Zakharová"


def test_stages_can_be_turned_off():
    text = '"We will win," said Maria Zakharova.'
    assert whosaid.Pipeline().analyze(text).quotes
    assert whosaid.Pipeline(quotes=False).analyze(text).quotes == []
    quiet = whosaid.Pipeline(names=False, default_gazetteer=False)
    assert quiet.analyze("Maria Zakharova spoke in Moscow.").entities == []
