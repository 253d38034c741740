"""The source corpus: the registry of sources and the article files that may be present.

The registry (`seeds/sources.toml`, plus an optional `sources.toml` inside the corpus folder)
is metadata the project commits; article files are third-party text that is read at run time
only. A registered source whose file is absent still exists (its reviewed claims load, with
their text unchecked). An article file with no registry entry still loads: id = file stem, language
detected, publication date unknown.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.errors import CfwatchError, Problem
from etl.extract.periods import Published
from etl.files import FileRefused, read_limited
from etl.tomlfile import MAX_TOML_BYTES, load_toml
from etl.vocab import LANGUAGES, keys

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # an article is text; anything larger is not one
MAX_REGISTRY_BYTES = MAX_TOML_BYTES


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str | None
    publisher: str | None
    published: str | None
    language: str | None
    url: str | None
    sha256: str | None
    registry: str | None  # which sources.toml registered it; None for unregistered files
    note: str | None = None
    # The marketplace whose enforcement the article's figures are about: claims are compared
    # with that platform's rows only, never with a whole multi-platform dataset.
    platform: str | None = None

    @property
    def publication(self) -> Published | None:
        return Published.parse(self.published)


@dataclass(frozen=True)
class Article:
    source: Source
    text: str | None  # None when the file is absent or could not be used
    text_sha256: str | None
    status: str  # present, absent, hash_mismatch, unreadable
    language: str | None  # registered or detected


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Article]:
        return {a.source.id: a for a in self.articles}


def load_registry(path: Path, inside: Path | None = None) -> list[Source]:
    """Read a sources.toml (one inside the corpus folder must not lead out of it).

    A registry that cannot be read or does not parse is fatal: nothing is safe to load."""
    data = load_toml(path, "registry", inside)
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise CfwatchError(str(path), "registry must hold [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = f"{path} [[source]] #{n}"
        missing = [f for f in ("id", "file") if not entry.get(f)]
        if missing:
            raise CfwatchError(where, f"missing required field(s): {', '.join(missing)}")
        if entry["id"] in seen:
            raise CfwatchError(where, f"duplicate source id {entry['id']!r}")
        seen.add(entry["id"])
        if entry.get("language") and entry["language"] not in keys(LANGUAGES):
            raise CfwatchError(where, f"language {entry['language']!r} is not one of "
                                      f"{', '.join(keys(LANGUAGES))}")
        try:
            Published.parse(entry.get("published"))
        except ValueError as exc:
            raise CfwatchError(where, str(exc)) from None
        if Path(entry["file"]).name != entry["file"]:
            raise CfwatchError(where, f"file {entry['file']!r} must be a plain file name "
                                      "inside the corpus folder")
        sources.append(Source(
            id=str(entry["id"]), file=str(entry["file"]), title=entry.get("title"),
            publisher=entry.get("publisher"), published=_as_text(entry.get("published")),
            language=entry.get("language"), url=entry.get("url"),
            sha256=(entry.get("sha256") or None), registry=str(path), note=entry.get("note"),
            platform=_as_text(entry.get("platform"))))
    return sources


def _as_text(value) -> str | None:
    return None if value is None else str(value)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.DUTCH, Language.KOREAN).build()


def detect_language(text: str) -> str | None:
    """Language of a text among the ones the extractor reads (lingua)."""
    if re.search(r"[\uac00-\ud7a3]", text[:2000]):
        return "ko"  # Hangul settles it without a model
    found = _detector().detect_language_of(text[:5000])
    return found.iso_code_639_1.name.lower() if found else None


def read_article(path: Path, corpus_dir: Path) -> tuple[str | None, str | None, str | None]:
    """(text, sha256, problem): the text is None when the file cannot be an article.

    Only a regular file inside the corpus folder is read, and at most MAX_ARTICLE_BYTES + 1
    bytes of it: a symlink to /dev/zero or /etc/passwd, or a FIFO, is refused unread."""
    try:
        raw = read_limited(path, MAX_ARTICLE_BYTES, inside=corpus_dir)
    except FileRefused as exc:
        return None, None, exc.reason
    digest = hashlib.sha256(raw).hexdigest()
    if b"\x00" in raw:
        return None, digest, "binary file (contains NUL bytes), not an article"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, digest, f"not UTF-8 text (byte {exc.start}: {exc.reason})"
    if not text.strip():
        return None, digest, "empty article"
    return text, digest, None


def load_corpus(registry_path: Path, articles_dir: Path | None) -> Corpus:
    """Every registered source, and every .txt article in the corpus folder."""
    corpus = Corpus()
    sources = load_registry(registry_path)
    if articles_dir is not None and articles_dir.is_dir():
        local = articles_dir / "sources.toml"
        if os.path.lexists(local):
            known = {s.id for s in sources}
            for s in load_registry(local, inside=articles_dir):
                if s.id in known:
                    # the folder's own entry describes its own file better: it wins
                    sources = [x for x in sources if x.id != s.id]
                sources.append(s)
    registered_files = {s.file for s in sources}
    local_registry = articles_dir / "sources.toml" if articles_dir else None

    for source in sources:
        path = articles_dir / source.file if articles_dir else None
        if path is None or not os.path.lexists(path):
            if local_registry is not None and source.registry == str(local_registry):
                corpus.problems.append(Problem(str(local_registry),
                                               f"source {source.id!r} names missing file "
                                               f"{source.file!r}"))
            corpus.articles.append(Article(source, None, None, "absent", source.language))
            continue
        corpus.articles.append(_article(path, articles_dir, source, corpus.problems))

    if articles_dir is not None and articles_dir.is_dir():
        for path in sorted(articles_dir.glob("*.txt")):
            if path.name in registered_files:
                continue
            stub = Source(path.stem, path.name, None, None, None, None, None, None, None)
            corpus.articles.append(_article(path, articles_dir, stub, corpus.problems))
    return corpus


def _article(path: Path, corpus_dir: Path, source: Source, problems: list[Problem]) -> Article:
    text, digest, problem = read_article(path, corpus_dir)
    if problem:
        problems.append(Problem(str(path), problem))
        return Article(source, None, digest, "unreadable", source.language)
    if source.sha256 and digest != source.sha256:
        problems.append(Problem(str(path), f"sha256 {digest[:12]}... does not match the "
                                           f"registered {source.sha256[:12]}...; text not used"))
        return Article(source, None, digest, "hash_mismatch", source.language)
    language = source.language or detect_language(text)
    return Article(source, text, digest, "present", language)
