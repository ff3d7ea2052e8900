"""Gazetteers: known entities matched by name."""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Union

from ._common import _check, _encode, _path, _str, ffi, lib
from .document import Span, _make


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
