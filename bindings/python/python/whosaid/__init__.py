"""whosaid: tokens, sentences, gazetteer entities and who-said-what quotes from English news text.

A thin layer over the library's C ABI (``include/whosaid.h``), called through cffi, which
releases the GIL during each call: one :class:`Pipeline` serves many threads.

Every span has ``start``/``end`` in code points, so ``text[x.start:x.end]`` is the covered
text, and ``byte_start``/``byte_end`` into ``text.encode("utf-8")``.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, Optional, Union

from ._native import ffi, lib

__all__ = [
    "ABI_VERSION",
    "Cue",
    "Document",
    "Entity",
    "Gazetteer",
    "Match",
    "Paragraph",
    "Pipeline",
    "Quote",
    "Sentence",
    "Span",
    "Speaker",
    "Token",
    "WhosaidError",
    "__version__",
]

#: The C ABI version this module was written for.
ABI_VERSION = 1
if lib.whosaid_abi_version() != ABI_VERSION:
    raise ImportError(
        f"whosaid: the native library has ABI {lib.whosaid_abi_version()}, "
        f"this module expects {ABI_VERSION}; reinstall the package"
    )

__version__: str = ffi.string(lib.whosaid_version()).decode("ascii")


class WhosaidError(Exception):
    """A failure reported by the library, with its message and status name."""

    def __init__(self, message: str, status: str) -> None:
        super().__init__(message)
        #: The status constant's name, such as ``"GAZETTEER"`` or ``"IO"``.
        self.status = status


def _check(status: int) -> None:
    if status != lib.WHOSAID_STATUS_OK:
        msg = lib.whosaid_last_error_message()
        name = ffi.string(lib.whosaid_status_name(status)).decode("ascii")
        text = ffi.string(msg).decode("utf-8", "replace") if msg != ffi.NULL else name
        raise WhosaidError(text, name)


def _encode(text: object, what: str) -> bytes:
    """UTF-8 bytes of a ``str``; a clear TypeError or ValueError for anything else."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, not {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            f"{what} cannot be encoded as UTF-8: lone surrogate {text[e.start]!r} "
            f"at index {e.start}"
        ) from None


def _take_string(ptr: Any, n: int) -> str:
    """Decodes a string the library made, then frees it."""
    try:
        return ffi.unpack(ptr, n).decode("utf-8")
    finally:
        lib.whosaid_string_free(ptr)


def _str(s: Any) -> str:
    return ffi.unpack(ffi.cast("char *", s.ptr), s.len).decode("utf-8")


def _opt_str(s: Any) -> Optional[str]:
    return None if s.ptr == ffi.NULL else _str(s)


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

    def _fields(self) -> dict[str, Any]:
        return {
            "char_start": self.start,
            "char_end": self.end,
            "byte_start": self.byte_start,
            "byte_end": self.byte_end,
            "text": self.text,
        }

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

    def _repr_fields(self) -> tuple[str, ...]:
        return ("kind",)


class Sentence(Span):
    """A sentence; its tokens are ``doc.tokens[token_start:token_end]``."""

    __slots__ = ("token_start", "token_end")


class Paragraph(Span):
    """A paragraph; its sentences are ``doc.sentences[sentence_start:sentence_end]``."""

    __slots__ = ("sentence_start", "sentence_end")


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


def _paragraph(text: str, item: Any) -> Paragraph:
    p: Paragraph = _make(Paragraph, text, item.span)
    p.sentence_start, p.sentence_end = item.sentence_start, item.sentence_end
    return p


def _sentence(text: str, item: Any) -> Sentence:
    s: Sentence = _make(Sentence, text, item.span)
    s.token_start, s.token_end = item.token_start, item.token_end
    return s


def _token(text: str, item: Any) -> Token:
    t: Token = _make(Token, text, item.span)
    t.kind, t.joined = _TOKEN_KINDS[item.kind], item.joined
    return t


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


def _quote(text: str, item: Any) -> Quote:
    q: Quote = _make(Quote, text, item.span)
    q.kind = _QUOTE_KINDS[item.kind]
    q.content = [_span(text, item.content[j]) for j in range(item.content_len)]
    q.cue = None
    if item.cue != ffi.NULL:
        q.cue = _make(Cue, text, item.cue.span)
        q.cue.lemma = _str(item.cue.lemma)
    q.speaker = None if item.speaker == ffi.NULL else _speaker(text, item.speaker)
    q.confidence = item.confidence
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
        return self._list("paragraphs", lib.whosaid_document_paragraphs, _paragraph)

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences, in text order."""
        return self._list("sentences", lib.whosaid_document_sentences, _sentence)

    @property
    def tokens(self) -> list[Token]:
        """Tokens (syntactic words: "don't" is "do" + "n't" unless clitics are kept)."""
        return self._list("tokens", lib.whosaid_document_tokens, _token)

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


class Match(Span):
    """A gazetteer mention: the best entry's ``id``, canonical ``name`` and ``label``
    (``NORP`` for a demonym), and how many entries share the matched name."""

    __slots__ = ("id", "name", "label", "candidates")

    def _repr_fields(self) -> tuple[str, ...]:
        return ("label", "id")


def _match(text: str, item: Any) -> Match:
    m: Match = _make(Match, text, item.span)
    m.id, m.name, m.label = _str(item.id), _str(item.name), _str(item.label)
    m.candidates = item.candidates
    return m


def _path(path: Union[str, "os.PathLike[str]"]) -> bytes:
    p = os.fspath(path)
    if not isinstance(p, str):
        raise TypeError(f"path must be str or os.PathLike[str], not {type(p).__name__}")
    return _encode(p, "path")


_CASE = {None: lib.WHOSAID_CASE_DEFAULT, False: lib.WHOSAID_CASE_INSENSITIVE}
_CASE[True] = lib.WHOSAID_CASE_SENSITIVE


class Gazetteer:
    """Known entities matched by name: an immutable compiled gazetteer, safe to share
    between threads. Make one with :meth:`from_file`, :meth:`from_entries`,
    :meth:`from_jsonl`, :meth:`from_tsv` or :meth:`load`.

    ``fold_diacritics`` (default True) matches "Zakharova" for "Zakharová";
    ``include_default`` (default False) adds the embedded default gazetteer's entries.
    """

    __slots__ = ("_ptr",)

    def __init__(self) -> None:
        raise TypeError("use Gazetteer.from_file, from_entries, from_jsonl, from_tsv or load")

    @classmethod
    def _wrap(cls, ptr: Any) -> "Gazetteer":
        g = object.__new__(cls)
        g._ptr = ffi.gc(ptr, lib.whosaid_gazetteer_free)
        return g

    @classmethod
    def _build(
        cls, fill: Callable[[Any, list[Any]], None], fold_diacritics: bool, include_default: bool
    ) -> "Gazetteer":
        out = ffi.new("whosaid_gazetteer_builder **")
        _check(lib.whosaid_gazetteer_builder_new(out))
        builder = ffi.gc(out[0], lib.whosaid_gazetteer_builder_free)
        _check(lib.whosaid_gazetteer_builder_fold_diacritics(builder, bool(fold_diacritics)))
        _check(lib.whosaid_gazetteer_builder_include_default(builder, bool(include_default)))
        keep: list[Any] = []  # C memory that must live until the build
        fill(builder, keep)
        gaz = ffi.new("whosaid_gazetteer **")
        _check(lib.whosaid_gazetteer_builder_build(builder, gaz))
        return cls._wrap(gaz[0])

    @classmethod
    def from_file(
        cls,
        *paths: Union[str, "os.PathLike[str]"],
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> "Gazetteer":
        """Entries of ``.jsonl`` and ``.tsv`` files; a missing file or a bad line (named
        with its number) raises WhosaidError."""
        raws = [_path(p) for p in paths]

        def fill(builder: Any, keep: list[Any]) -> None:
            for raw in raws:
                _check(lib.whosaid_gazetteer_builder_add_file(builder, raw, len(raw)))

        return cls._build(fill, fold_diacritics, include_default)

    @classmethod
    def from_jsonl(
        cls,
        text: str,
        name: str = "<jsonl>",
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> "Gazetteer":
        """Entries of JSON Lines text; ``name`` stands for the file in error messages."""
        add = lib.whosaid_gazetteer_builder_add_jsonl
        return cls._build(_text_filler(add, text, name), fold_diacritics, include_default)

    @classmethod
    def from_tsv(
        cls,
        text: str,
        name: str = "<tsv>",
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> "Gazetteer":
        """Entries of tab-separated text (``name<TAB>label<TAB>id[<TAB>alias|alias]``);
        ``name`` stands for the file in error messages."""
        add = lib.whosaid_gazetteer_builder_add_tsv
        return cls._build(_text_filler(add, text, name), fold_diacritics, include_default)

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[dict[str, Any]],
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> "Gazetteer":
        """Entries given as dicts with the keys of a JSONL gazetteer line: ``id``, ``name``,
        ``label`` (required), ``aliases``, ``demonyms``, ``case_sensitive`` (None, True or
        False) and ``weight``."""
        entries = list(entries)

        def fill(builder: Any, keep: list[Any]) -> None:
            for i, e in enumerate(entries):
                _check(lib.whosaid_gazetteer_builder_add_entry(builder, _entry(e, i, keep)))

        return cls._build(fill, fold_diacritics, include_default)

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Gazetteer":
        """A gazetteer written by :meth:`save`."""
        raw = _path(path)
        out = ffi.new("whosaid_gazetteer **")
        _check(lib.whosaid_gazetteer_load(raw, len(raw), out))
        return cls._wrap(out[0])

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the compiled gazetteer, for :meth:`load` (much faster than building)."""
        raw = _path(path)
        _check(lib.whosaid_gazetteer_save(self._ptr, raw, len(raw)))

    def find(self, text: str) -> list[Match]:
        """The entries' mentions in ``text``, leftmost-longest, in text order."""
        raw = _encode(text, "text")
        out = ffi.new("whosaid_matches **")
        _check(lib.whosaid_gazetteer_find(self._ptr, raw, len(raw), out))
        matches = ffi.gc(out[0], lib.whosaid_matches_free)
        data = lib.whosaid_matches_data(matches)
        return [_match(text, data[i]) for i in range(lib.whosaid_matches_len(matches))]

    def __len__(self) -> int:
        return int(lib.whosaid_gazetteer_len(self._ptr))

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} entries>"


def _text_filler(add: Any, text: str, name: str) -> Callable[[Any, list[Any]], None]:
    """Adds `text` to a builder with `add` (the JSONL or TSV function)."""
    raw, raw_name = _encode(text, "text"), _encode(name, "name")

    def fill(builder: Any, keep: list[Any]) -> None:
        _check(add(builder, raw, len(raw), raw_name, len(raw_name)))

    return fill


def _c_str(value: Any, what: str, keep: list[Any]) -> tuple[Any, int]:
    """A whosaid_str initializer for a str, its bytes kept alive in `keep`."""
    raw = _encode(value, what)
    keep.append(raw)
    return (ffi.from_buffer("uint8_t[]", raw), len(raw))


def _entry(e: dict[str, Any], i: int, keep: list[Any]) -> Any:
    """A whosaid_entry for a dict, its memory kept alive in `keep`."""
    if not isinstance(e, dict):
        raise TypeError(f"entries[{i}] must be a dict, not {type(e).__name__}")
    unknown = set(e) - {"id", "name", "label", "aliases", "demonyms", "case_sensitive", "weight"}
    if unknown:
        raise ValueError(f"entries[{i}] has unknown keys: {', '.join(sorted(unknown))}")
    missing = [k for k in ("id", "name", "label") if k not in e]
    if missing:
        raise ValueError(f"entries[{i}] lacks {', '.join(missing)}")
    lists = {}
    for key in ("aliases", "demonyms"):
        names = e.get(key, [])
        if isinstance(names, str) or not isinstance(names, (list, tuple)):
            raise TypeError(f"entries[{i}][{key!r}] must be a list of str")
        items = [_c_str(n, f"entries[{i}][{key!r}]", keep) for n in names]
        lists[key] = ffi.new("whosaid_str[]", items) if items else ffi.NULL
        keep.append(lists[key])
    case = e.get("case_sensitive")
    if case is not None and not isinstance(case, bool):
        raise TypeError(f"entries[{i}]['case_sensitive'] must be None, True or False")
    entry = ffi.new(
        "whosaid_entry *",
        {
            "id": _c_str(e["id"], f"entries[{i}]['id']", keep),
            "name": _c_str(e["name"], f"entries[{i}]['name']", keep),
            "label": _c_str(e["label"], f"entries[{i}]['label']", keep),
            "aliases": lists["aliases"],
            "aliases_len": len(e.get("aliases", [])),
            "demonyms": lists["demonyms"],
            "demonyms_len": len(e.get("demonyms", [])),
            "case_sensitive": _CASE[case],
            "weight": float(e.get("weight", 0.0)),
        },
    )
    keep.append(entry)
    return entry


#: Texts per library call in :meth:`Pipeline.analyze_many`.
_BATCH = 64


class Pipeline:
    """Analyses texts. Built once, immutable, safe to share between threads.

    ``gazetteers`` are matched in order (earlier ones win on the same span), then the
    embedded default gazetteer unless ``default_gazetteer`` is False. ``split_clitics``
    (default True) splits "don't" into "do" + "n't" as Universal Dependencies does; False
    keeps surface tokens whole.
    """

    __slots__ = ("_ptr",)

    def __init__(
        self,
        gazetteers: Iterable[Gazetteer] = (),
        *,
        default_gazetteer: bool = True,
        split_clitics: bool = True,
    ) -> None:
        gazetteers = list(gazetteers)
        for i, g in enumerate(gazetteers):
            if not isinstance(g, Gazetteer):
                raise TypeError(f"gazetteers[{i}] must be a Gazetteer, not {type(g).__name__}")
        options = ffi.new("whosaid_options **")
        _check(lib.whosaid_options_new(options))
        opts = ffi.gc(options[0], lib.whosaid_options_free)
        _check(lib.whosaid_options_split_clitics(opts, bool(split_clitics)))
        _check(lib.whosaid_options_default_gazetteer(opts, bool(default_gazetteer)))
        for g in gazetteers:  # the pipeline shares each gazetteer: no copy
            _check(lib.whosaid_options_add_gazetteer(opts, g._ptr))
        out = ffi.new("whosaid_pipeline **")
        _check(lib.whosaid_pipeline_new(opts, out))
        self._ptr = ffi.gc(out[0], lib.whosaid_pipeline_free)

    def analyze(self, text: str) -> Document:
        """Analyses one text. Raises TypeError for anything but ``str`` and ValueError for a
        ``str`` that cannot be UTF-8 (lone surrogates)."""
        return self._analyze(text, _encode(text, "text"))

    def _analyze(self, text: str, raw: bytes) -> Document:
        out = ffi.new("whosaid_document **")
        _check(lib.whosaid_pipeline_analyze(self._ptr, raw, len(raw), out))
        return Document(text, ffi.gc(out[0], lib.whosaid_document_free))

    def analyze_many(self, texts: Iterable[str], threads: Optional[int] = None) -> list[Document]:
        """Analyses many texts on ``threads`` threads (default: one per CPU); returns their
        documents in order.

        Each thread hands the library batches of texts; the GIL is released while the
        library works, so the threads run in parallel."""
        texts = list(texts)
        raws = [_encode(t, f"texts[{i}]") for i, t in enumerate(texts)]
        n = (os.cpu_count() or 1) if threads is None else threads
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"threads must be a positive int, not {threads!r}")
        n = min(n, len(texts))
        if n <= 1:
            return self._analyze_slice(texts, raws, 0, len(texts))
        # One contiguous slice per thread: results come back in order.
        bounds = [len(texts) * k // n for k in range(n + 1)]
        with ThreadPoolExecutor(max_workers=n) as pool:
            parts = pool.map(
                lambda k: self._analyze_slice(texts, raws, bounds[k], bounds[k + 1]), range(n)
            )
            return [doc for part in parts for doc in part]

    def _analyze_slice(self, texts: list[str], raws: list[bytes], lo: int, hi: int) -> list[Document]:
        """Documents of texts[lo:hi], in batches: one library call, so one release and one
        re-acquisition of the GIL, per batch."""
        docs: list[Document] = []
        for start in range(lo, hi, _BATCH):
            end = min(start + _BATCH, hi)
            bufs = [ffi.from_buffer("uint8_t[]", raw) for raw in raws[start:end]]
            items = ffi.new("whosaid_str[]", [(b, len(b)) for b in bufs])
            out = ffi.new("whosaid_document *[]", end - start)
            _check(lib.whosaid_pipeline_analyze_batch(self._ptr, items, end - start, out))
            free = lib.whosaid_document_free
            docs.extend(Document(texts[start + i], ffi.gc(out[i], free)) for i in range(end - start))
        return docs

    def analyze_json(self, text: str, name: str = "-", tokens: bool = False) -> str:
        """The JSON object of :meth:`Document.to_json`, in one call."""
        raw = _encode(text, "text")
        raw_name = _encode(name, "name")
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        _check(
            lib.whosaid_pipeline_analyze_json(
                self._ptr, raw, len(raw), raw_name, len(raw_name), bool(tokens), out, n
            )
        )
        return _take_string(out[0], n[0])
