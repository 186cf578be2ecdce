"""Kashif (كاشف): finds the people, organizations, places, dates, figures and quotes of Arabic
news text, with the analyzer of the `kashif` command line (Rust, built once per process)."""
from collections.abc import Iterable
from typing import Any, Literal, NotRequired, TypedDict

Label = Literal["PER", "ORG", "LOC", "MISC", "DATE", "NUM"]
Event = Literal["killed", "wounded", "displaced", "detained", "missing"]
Counted = Literal[
    "killed", "wounded", "displaced", "refugees", "soldiers", "fighters", "civilians", "children", "women",
    "detained", "missing", "people",
]

class Mention(TypedDict):
    label: Label
    text: str
    """The surface as written: ``text == document[start:end]``."""
    start: int
    """Index of the first char in the analyzed str."""
    end: int
    """Index past the last char (exclusive)."""
    canonical: str
    id: str
    """The entity's id: the lexicon's (``per:sergey-lavrov``) or the label and name key."""
    confidence: float
    source: str
    title: NotRequired[str]

class Figure(TypedDict):
    value: float
    value_max: NotRequired[float]
    approximate: bool
    qualifier: NotRequired[str]
    counts: Counted
    noun: str
    event: NotRequired[Event]
    start: int
    end: int
    sentence_start: int
    sentence_end: int

class Quote(TypedDict):
    speaker: NotRequired[str]
    speaker_name: NotRequired[str]
    verb: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"]

class Document(TypedDict):
    name: str | None
    byline: NotRequired[dict[str, Any]]
    """``headline``, ``outlet`` and ``date`` (ISO), those the text gives."""
    entities: list[Mention]
    figures: list[Figure]
    quotes: list[Quote]

def analyze(text: str, name: str | None = None) -> Document:
    """Analyzes one text: the dict ``kashif analyze`` prints for one document. Raises TypeError
    when ``text`` is not a str. Releases the GIL while it works."""

def analyze_many(texts: Iterable[str], threads: int | None = None) -> list[Document]:
    """Analyzes every text on ``threads`` threads (default: every core) with the GIL released:
    the same as ``[analyze(t) for t in texts]``. Raises TypeError naming the first item that is
    not a str, ValueError for ``threads=0``."""

def version() -> str:
    """The package's version."""
