"""The pipeline: analyses texts, one at a time or many on threads."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Optional

from ._common import _check, _encode, _take_string, ffi, lib
from .document import Document
from .gazetteer import Gazetteer

#: Texts per library call in :meth:`Pipeline.analyze_many`.
_BATCH = 64


class Pipeline:
    """Analyses texts. Built once, immutable, safe to share between threads.

    ``gazetteers`` are matched in order (earlier ones win on the same span), then the
    embedded default gazetteer unless ``default_gazetteer`` is False. ``names`` (default
    True) reports proper names no gazetteer knows, and partial mentions joined to their full
    name, as entities; ``quotes`` (default True) finds quotes and speakers. ``split_clitics``
    (default True) splits "don't" into "do" + "n't" as Universal Dependencies does; False
    keeps surface tokens whole.
    """

    __slots__ = ("_ptr",)

    def __init__(
        self,
        gazetteers: Iterable[Gazetteer] = (),
        *,
        default_gazetteer: bool = True,
        names: bool = True,
        quotes: bool = True,
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
        _check(lib.whosaid_options_names(opts, bool(names)))
        _check(lib.whosaid_options_quotes(opts, bool(quotes)))
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

    def _analyze_slice(
        self, texts: list[str], raws: list[bytes], lo: int, hi: int
    ) -> list[Document]:
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
            docs.extend(
                Document(texts[start + i], ffi.gc(out[i], free)) for i in range(end - start)
            )
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
