"""The analysis of one text: spans with code point and byte offsets, read from the C structs."""

from __future__ import annotations

import json
import struct
from typing import Any, Callable

from ._common import _check, _encode, _opt_str, _str, _take_string, ffi, lib


class Span:
    """A piece of the analysed text: code point offsets ``start``/``end`` and UTF-8 byte
    offsets ``byte_start``/``byte_end``, ends exclusive."""

    __slots__ = ("start", "end", "byte_start", "byte_end", "_source")

    def __init__(self, source: str, byte_start: int, byte_end: int, start: int, end: int) -> None:
        self._source = source
        self.byte_start = byte_start
        self.byte_end = byte_end
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        """The covered text."""
        return self._source[self.start : self.end]

    def __repr__(self) -> str:
        extra = "".join(f" {k}={getattr(self, k)!r}" for k in self._repr_fields())
        return f"<{type(self).__name__} {self.start}:{self.end} {self.text!r}{extra}>"

    def _repr_fields(self) -> tuple[str, ...]:
        return ()


_TOKEN_KINDS = ("word", "number", "punct", "symbol", "url", "email", "handle", "hashtag")
_SOURCES = ("gazetteer", "name", "coref")
_QUOTE_KINDS = ("direct", "mixed", "indirect")
_VIAS = ("explicit", "pronoun", "coref", "context")


class Token(Span):
    """A token: ``kind`` is ``"word"``, ``"number"``, ``"punct"``, ...; ``joined`` is true
    when it continues the previous token inside one surface word ("n't" in "don't")."""

    __slots__ = ("kind", "joined")

    def __init__(self, source: str, bs: int, be: int, cs: int, ce: int, kind: int, joined: bool):
        self._source, self.byte_start, self.byte_end, self.start, self.end = source, bs, be, cs, ce
        self.kind, self.joined = _TOKEN_KINDS[kind], joined

    def _repr_fields(self) -> tuple[str, ...]:
        return ("kind",)


class Sentence(Span):
    """A sentence; its tokens are ``doc.tokens[token_start:token_end]``."""

    __slots__ = ("token_start", "token_end")

    def __init__(self, source: str, bs: int, be: int, cs: int, ce: int, first: int, end: int):
        self._source, self.byte_start, self.byte_end, self.start, self.end = source, bs, be, cs, ce
        self.token_start, self.token_end = first, end


class Paragraph(Span):
    """A paragraph; its sentences are ``doc.sentences[sentence_start:sentence_end]``."""

    __slots__ = ("sentence_start", "sentence_end")

    def __init__(self, source: str, bs: int, be: int, cs: int, ce: int, first: int, end: int):
        self._source, self.byte_start, self.byte_end, self.start, self.end = source, bs, be, cs, ce
        self.sentence_start, self.sentence_end = first, end


class Entity(Span):
    """A named entity mention: ``label`` (``PERSON``, ``ORG``, ``GPE``...), the gazetteer
    ``id`` or None, the ``canonical`` name, its ``source`` (``gazetteer``, ``name``,
    ``coref``) and the candidate ids of an ambiguous alias, best first."""

    __slots__ = ("label", "id", "canonical", "source", "candidates")

    def _repr_fields(self) -> tuple[str, ...]:
        return ("label", "id")


class Cue(Span):
    """The reporting expression of a quote; ``lemma`` is ``"say"`` for "said"."""

    __slots__ = ("lemma",)


class Speaker:
    """Who said a quote: the ``mention`` in the text, the resolved ``canonical`` name, its
    ``id`` or None, ``label``, ``role`` (a Span or None) and ``via`` (``explicit``,
    ``pronoun``, ``coref`` or ``context``)."""

    __slots__ = ("mention", "canonical", "id", "label", "role", "via")

    def __repr__(self) -> str:
        return f"<Speaker {self.canonical!r} via={self.via!r} mention={self.mention.text!r}>"


class Quote(Span):
    """A quotation: ``start``/``end`` cover it with its marks; ``content`` lists the spans
    of the reported words; ``kind`` is ``direct``, ``mixed`` or ``indirect``; ``cue`` and
    ``speaker`` may be None; ``confidence`` is in [0, 1]; ``rule`` names the rule used."""

    __slots__ = ("kind", "content", "cue", "speaker", "confidence", "rule")

    def _repr_fields(self) -> tuple[str, ...]:
        return ("kind", "speaker")


def _make(cls: Any, text: str, s: Any) -> Any:
    """An instance of a Span class from a whosaid_span."""
    return cls(text, s.byte_start, s.byte_end, s.char_start, s.char_end)


def _span(text: str, s: Any) -> Span:
    return _make(Span, text, s)


def _layout(ctype: str, fields: str) -> struct.Struct:
    """The `struct` module's view of a C struct made of `fields` (native sizes and alignment),
    so that a whole array is read in one call rather than field by field through cffi."""
    layout = struct.Struct(f"@{fields}")
    layout = struct.Struct(f"@{fields}{ffi.sizeof(ctype) - layout.size}x")
    assert layout.size == ffi.sizeof(ctype), ctype
    return layout


_SPANS_AND_RANGE = "4N2N"  # a whosaid_span, then two size_t
_PARAGRAPH = _layout("whosaid_paragraph", _SPANS_AND_RANGE)
_SENTENCE = _layout("whosaid_sentence", _SPANS_AND_RANGE)
_TOKEN = _layout("whosaid_token", "4NI?")  # the span, the kind (a C enum: int), `joined`
assert ffi.offsetof("whosaid_token", "joined") == struct.calcsize("@4NI")


def _entity(text: str, item: Any) -> Entity:
    e: Entity = _make(Entity, text, item.span)
    e.label = _str(item.label)
    e.id = _opt_str(item.id)
    e.canonical = _str(item.canonical)
    e.source = _SOURCES[item.source]
    e.candidates = [_str(item.candidates[j]) for j in range(item.candidates_len)]
    return e


def _speaker(text: str, sp: Any) -> Speaker:
    speaker = Speaker()
    speaker.mention = _span(text, sp.mention)
    speaker.canonical = _str(sp.canonical)
    speaker.id = _opt_str(sp.id)
    speaker.label = _str(sp.label)
    speaker.role = None if sp.role == ffi.NULL else _span(text, sp.role[0])
    speaker.via = _VIAS[sp.via]
    return speaker


def _f32(x: float) -> float:
    """The shortest decimal that reads back as the same 32-bit float: 0.95, not
    0.949999988079071, as in the JSON."""
    for digits in range(1, 10):
        short = float(f"{x:.{digits}g}")
        if struct.unpack("f", struct.pack("f", short))[0] == x:
            return short
    return x


def _quote(text: str, item: Any) -> Quote:
    q: Quote = _make(Quote, text, item.span)
    q.kind = _QUOTE_KINDS[item.kind]
    q.content = [_span(text, item.content[j]) for j in range(item.content_len)]
    q.cue = None
    if item.cue != ffi.NULL:
        q.cue = _make(Cue, text, item.cue.span)
        q.cue.lemma = _str(item.cue.lemma)
    q.speaker = None if item.speaker == ffi.NULL else _speaker(text, item.speaker)
    q.confidence = _f32(item.confidence)
    q.rule = _str(item.rule)
    return q


class Document:
    """The analysis of one text. The lists are built on first access and kept."""

    __slots__ = ("text", "_ptr", "_cache")

    def __init__(self, text: str, ptr: Any) -> None:
        #: The analysed text.
        self.text = text
        self._ptr = ptr
        self._cache: dict[str, list[Any]] = {}

    def _flat(self, key: str, getter: Any, layout: struct.Struct, cls: type) -> list[Any]:
        """Objects `cls(text, *fields)` of the C array `getter` returns, read in one pass."""
        cached = self._cache.get(key)
        if cached is None:
            n = ffi.new("size_t *")
            items = getter(self._ptr, n)
            raw = ffi.buffer(items, n[0] * layout.size) if n[0] else b""
            text = self.text
            cached = [cls(text, *fields) for fields in layout.iter_unpack(raw)]
            self._cache[key] = cached
        return cached

    def _list(self, key: str, getter: Any, convert: Callable[[str, Any], Any]) -> list[Any]:
        """The objects `convert` makes of the C array `getter` returns, made once."""
        cached = self._cache.get(key)
        if cached is None:
            n = ffi.new("size_t *")
            items = getter(self._ptr, n)
            text = self.text
            cached = [convert(text, items[i]) for i in range(n[0])]
            self._cache[key] = cached
        return cached

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs, separated by blank lines."""
        return self._flat("paragraphs", lib.whosaid_document_paragraphs, _PARAGRAPH, Paragraph)

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences, in text order."""
        return self._flat("sentences", lib.whosaid_document_sentences, _SENTENCE, Sentence)

    @property
    def tokens(self) -> list[Token]:
        """Tokens (syntactic words: "don't" is "do" + "n't" unless clitics are kept)."""
        return self._flat("tokens", lib.whosaid_document_tokens, _TOKEN, Token)

    @property
    def entities(self) -> list[Entity]:
        """Entity mentions, in text order."""
        return self._list("entities", lib.whosaid_document_entities, _entity)

    @property
    def quotes(self) -> list[Quote]:
        """Quotes with their speakers, in text order."""
        return self._list("quotes", lib.whosaid_document_quotes, _quote)

    def to_json(self, name: str = "-", tokens: bool = False) -> str:
        """The document as one JSON object (the project's schema): ``name`` is its
        ``"doc"`` field; ``tokens`` adds the ``"tokens"`` array."""
        raw = _encode(name, "name")
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        _check(lib.whosaid_document_to_json(self._ptr, raw, len(raw), bool(tokens), out, n))
        return _take_string(out[0], n[0])

    def to_dict(self, name: str = "-", tokens: bool = False) -> dict[str, Any]:
        """:meth:`to_json` parsed: plain dicts and lists."""
        result: dict[str, Any] = json.loads(self.to_json(name, tokens))
        return result

    def __repr__(self) -> str:
        return f"<Document {len(self.text)} chars>"
