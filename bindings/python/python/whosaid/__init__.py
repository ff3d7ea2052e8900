"""whosaid: tokens, sentences, gazetteer entities and who-said-what quotes from English news text.

A thin layer over the library's C ABI (``include/whosaid.h``), called through cffi, which
releases the GIL during each call: one :class:`Pipeline` serves many threads.

Every span has ``start``/``end`` in code points, so ``text[x.start:x.end]`` is the covered
text, and ``byte_start``/``byte_end`` into ``text.encode("utf-8")``.
"""

from ._common import ABI_VERSION, WhosaidError, __version__
from .document import Cue, Document, Entity, Paragraph, Quote, Sentence, Span, Speaker, Token
from .gazetteer import Gazetteer, Match
from .pipeline import Pipeline

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
