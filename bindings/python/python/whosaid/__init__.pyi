import os
from typing import Any, Iterable, Optional, Union

from typing_extensions import Required, TypedDict

ABI_VERSION: int
__version__: str

class WhosaidError(Exception):
    status: str
    def __init__(self, message: str, status: str) -> None: ...

class Span:
    start: int
    end: int
    byte_start: int
    byte_end: int
    @property
    def text(self) -> str: ...

class Token(Span):
    kind: str
    joined: bool

class Sentence(Span):
    token_start: int
    token_end: int

class Paragraph(Span):
    sentence_start: int
    sentence_end: int

class Entity(Span):
    label: str
    id: Optional[str]
    canonical: str
    source: str
    candidates: list[str]

class Cue(Span):
    lemma: str

class Speaker:
    mention: Span
    canonical: str
    id: Optional[str]
    label: str
    role: Optional[Span]
    via: str

class Quote(Span):
    kind: str
    content: list[Span]
    cue: Optional[Cue]
    speaker: Optional[Speaker]
    confidence: float
    rule: str

class Document:
    text: str
    @property
    def paragraphs(self) -> list[Paragraph]: ...
    @property
    def sentences(self) -> list[Sentence]: ...
    @property
    def tokens(self) -> list[Token]: ...
    @property
    def entities(self) -> list[Entity]: ...
    @property
    def quotes(self) -> list[Quote]: ...
    def to_json(self, name: str = "-", tokens: bool = False) -> str: ...
    def to_dict(self, name: str = "-", tokens: bool = False) -> dict[str, Any]: ...

class Pipeline:
    def __init__(
        self,
        gazetteers: Iterable[Gazetteer] = (),
        *,
        default_gazetteer: bool = True,
        names: bool = True,
        quotes: bool = True,
        split_clitics: bool = True,
    ) -> None: ...
    def analyze(self, text: str) -> Document: ...
    def analyze_many(
        self, texts: Iterable[str], threads: Optional[int] = None
    ) -> list[Document]: ...
    def analyze_json(self, text: str, name: str = "-", tokens: bool = False) -> str: ...

class Match(Span):
    id: str
    name: str
    label: str
    candidates: int

class Gazetteer:
    @classmethod
    def from_file(
        cls,
        *paths: Union[str, os.PathLike[str]],
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> Gazetteer: ...
    @classmethod
    def from_jsonl(
        cls,
        text: str,
        name: str = "<jsonl>",
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> Gazetteer: ...
    @classmethod
    def from_tsv(
        cls,
        text: str,
        name: str = "<tsv>",
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> Gazetteer: ...
    @classmethod
    def from_entries(
        cls,
        entries: Iterable[EntryDict],
        *,
        fold_diacritics: bool = True,
        include_default: bool = False,
    ) -> Gazetteer: ...
    @classmethod
    def load(cls, path: Union[str, os.PathLike[str]]) -> Gazetteer: ...
    def save(self, path: Union[str, os.PathLike[str]]) -> None: ...
    def find(self, text: str) -> list[Match]: ...
    def __len__(self) -> int: ...

class EntryDict(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    label: Required[str]
    aliases: list[str]
    demonyms: list[str]
    case_sensitive: Optional[bool]
    weight: float
