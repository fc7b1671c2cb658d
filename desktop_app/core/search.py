"""Forgiving full-text search over every page variant and the glossary (no Qt).

What is indexed: every sentence of every page variant (``page_sentences``: the document
model's, in the reading order the hits' ``sentence_index`` refers to), the page
titles and summaries, the headings (sentences of the body that weigh more), and the glossary:
each term's name and its explanation in every language and level (those hits have
``kind == "term"`` and ``page_id`` is the glossary term id).

What is forgiven, on both the index and the query side:

* case, accents, and æ/ø/å typed as ae/oe/aa or as e/o/a (``fold``: "pårørende",
  "paaroerende" and "parorende" are one word);
* inflection: the Snowball stemmer of the language ("boligen", "boliger" -> "bolig");
* compounds: a query word of four letters or more also matches the index words that contain it
  (or its inflection-free form), so "bolig" finds "ungdomsbolig" and "boligselskab";
* one typo (insertion, deletion, substitution or transposition) in a query word longer than
  four letters, when the word itself is not in the index ("handikap" -> "handicap");
* the last word is a prefix while the user is still typing ("autis" -> "autisme").

Design choice: a small inverted index in plain Python dicts, not SQLite FTS5. FTS5 has no Danish
stemmer, no edit-distance matching, and its trigram tokenizer (the only substring matcher) drops
stemming and words under three letters. All of the forgiveness above therefore has to be done in
Python against the vocabulary anyway; once a query word has been expanded to a set of
vocabulary words, looking their sentences up in a dict is trivial, and a second engine would
only add a copy of the text, SQL quoting of user input, and a connection that Python's sqlite3
refuses to share with the worker thread the UI may search in. The content is small (about 3 000
sentences and titles, 1 500 distinct words a language): the index builds in about 0.2 s (mostly
the pure-Python Snowball stemmer over the vocabulary) and a query takes about 0.1 ms, 1 ms for
the broadest ones (``bench/search.py`` measures both, against a plain substring scan as the
baseline). The index is read-only after ``build`` and may be searched from any thread.

Ranking: each query word scores its best match in a sentence (exact 1.0, inflection 0.85,
completion/compound/typo 0.4–0.75, times the word's rarity); sentences are grouped per page
variant; a page ranks by how many of the query words it covers (all of them first), then by its
best sentence, its title and how often it matches. Each page's best sentence comes first, then
its next best (``per_page``). Common words (og, i, the, of ...) are ignored when the query has
other words, except the word being typed ("han" may become "handicap").
"""
from __future__ import annotations

import bisect
import math
import time
from dataclasses import dataclass, field


from desktop_app.core.model import LEVELS, Library, Page, Term
from desktop_app.core.search_text import (  # noqa: F401 - the search API
    COMPOUND_MIN_LETTERS, STOP_WORDS, WORD, deletes, fold, light_stem, match_spans,
    page_headings, page_sentences, term_sentences, title_sentence_count, within_one_edit, words_of)

_STEMMERS = {"da": "danish", "en": "english"}
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
MAX_EXPANSIONS = 150          # vocabulary words one query word may expand to
TYPO_MIN_LETTERS = 5          # "longer than four letters"
TERM_FACTOR = 0.85            # a glossary entry ranks a little below a page that matches as well

_STEM_CACHE: dict[str, dict[str, str]] = {}   # folded word -> stem, shared by rebuilds


@dataclass(frozen=True)
class Hit:
    """One matching sentence.

    ``page_id`` is the page's id, or the glossary term id when ``kind == "term"``.
    ``sentence_index`` indexes ``page_sentences(page)`` (``term_sentences`` for a term); a match
    in the title alone gives the first sentence, index 0. ``words`` holds the folded index words
    that matched (``match_spans`` finds them in ``sentence`` and ``title``).
    """

    page_id: str
    lang: str
    level: str
    title: str
    sentence: str
    sentence_index: int
    score: float
    kind: str = "page"
    words: frozenset = field(default=frozenset(), compare=False)


@dataclass
class _Doc:
    group: int          # index into _LangIndex.groups
    text: str
    index: int          # sentence index, -1 for the title
    weight: float       # title / heading / sentence


@dataclass
class _Group:
    kind: str
    key: str
    lang: str
    level: str
    title: str
    first: str          # the first sentence, shown for a title-only match


class _LangIndex:
    """The inverted index of one language: folded word -> the documents that contain it."""

    def __init__(self, lang: str, stem_cache: dict[str, str]):
        self.lang = lang
        import snowballstemmer  # imported when the index is first built, not at start-up
        self.stemmer = snowballstemmer.stemmer(_STEMMERS.get(lang, "english"))
        self._stem_cache = stem_cache
        self.docs: list[_Doc] = []
        self.groups: list[_Group] = []
        self.term_id: dict[str, int] = {}
        self.terms: list[str] = []
        self.postings: list = []
        self.by_stem: dict = {}
        self.by_delete: dict = {}
        self.sorted_terms: list[str] = []
        self._blob = ""
        self._starts: list[int] = []
        self.cache: dict[tuple[str, bool], dict[int, float]] = {}

    def stem(self, word: str) -> str:
        stem = self._stem_cache.get(word)
        if stem is None:
            stem = self._stem_cache[word] = self.stemmer.stemWord(word)
        return stem

    def add_group(self, group: _Group) -> int:
        self.groups.append(group)
        return len(self.groups) - 1

    def add_doc(self, doc: _Doc) -> None:
        doc_id = len(self.docs)
        self.docs.append(doc)
        for word in set(words_of(doc.text)):
            tid = self.term_id.get(word)
            if tid is None:
                tid = self.term_id[word] = len(self.terms)
                self.terms.append(word)
                self.postings.append([])
            self.postings[tid].append(doc_id)

    def finish(self) -> None:
        for tid, word in enumerate(self.terms):
            self.by_stem.setdefault(self.stem(word), []).append(tid)
            if len(word) >= TYPO_MIN_LETTERS - 1:
                for variant in deletes(word) | {word}:
                    self.by_delete.setdefault(variant, []).append(tid)
        # Tuples of ints are not tracked by the garbage collector: fewer objects to scan in
        # every full collection the app makes.
        self.postings = [tuple(p) for p in self.postings]
        self.by_stem = {k: tuple(v) for k, v in self.by_stem.items()}
        self.by_delete = {k: tuple(v) for k, v in self.by_delete.items()}
        self.sorted_terms = sorted(self.terms)
        self._blob = "\n".join(self.terms) + "\n"
        starts, position = [], 0
        for word in self.terms:
            starts.append(position)
            position += len(word) + 1
        self._starts = starts

    # -- vocabulary look-ups ----------------------------------------------------------------
    def with_prefix(self, prefix: str) -> list[int]:
        i = bisect.bisect_left(self.sorted_terms, prefix)
        found = []
        while i < len(self.sorted_terms) and self.sorted_terms[i].startswith(prefix):
            found.append(self.term_id[self.sorted_terms[i]])
            i += 1
        return found

    def containing(self, part: str) -> list[int]:
        found, position = [], self._blob.find(part)
        while position >= 0:
            tid = bisect.bisect_right(self._starts, position) - 1
            found.append(tid)
            position = self._blob.find(part, self._starts[tid] + len(self.terms[tid]) + 1)
        return found

    def one_edit(self, word: str) -> list[int]:
        candidates: set[int] = set()
        for variant in deletes(word) | {word}:
            candidates.update(self.by_delete.get(variant, ()))
        return [tid for tid in candidates if within_one_edit(word, self.terms[tid])]

    # -- query words -------------------------------------------------------------------------
    def expand(self, word: str, prefix: bool) -> dict[int, float]:
        """The vocabulary words a query word stands for, each with how well it matches."""
        key = (word, prefix)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        found: dict[int, float] = {}

        def add(tid: int, weight: float) -> None:
            if weight > found.get(tid, 0.0):
                found[tid] = weight

        exact = self.term_id.get(word)
        if exact is not None:
            add(exact, 1.0)
        stem = self.stem(word)
        for tid in self.by_stem.get(stem, ()):
            add(tid, 0.85)
        known = bool(found)
        light = light_stem(word, self.lang, stem)
        if prefix and len(word) >= 2:
            for tid in self.with_prefix(word)[:MAX_EXPANSIONS]:
                add(tid, 0.5 + 0.25 * len(word) / len(self.terms[tid]))
        self._add_compounds({word, light}, add, 1.0)
        if not known and len(word) >= TYPO_MIN_LETTERS:
            corrected = set(self.one_edit(word))
            if light != word and len(light) >= TYPO_MIN_LETTERS:
                corrected.update(self.one_edit(light))
            for tid in corrected:
                add(tid, 0.6)
                term = self.terms[tid]
                for other in self.by_stem.get(self.stem(term), ()):
                    add(other, 0.55)
                if prefix:
                    for other in self.with_prefix(term)[:MAX_EXPANSIONS]:
                        add(other, 0.45)
            self._add_compounds({self.terms[t] for t in corrected}, add, 0.7)
        if len(self.cache) > 4096:
            self.cache.clear()
        self.cache[key] = found
        return found

    def _add_compounds(self, parts, add, factor: float) -> None:
        for part in parts:
            if len(part) < COMPOUND_MIN_LETTERS:
                continue
            for tid in self.containing(part)[:MAX_EXPANSIONS]:
                term = self.terms[tid]
                if term == part:
                    continue
                if term.endswith(part):
                    base = 0.6      # the head of a compound: an "ungdomsbolig" is a "bolig"
                elif term.startswith(part):
                    base = 0.55
                else:
                    base = 0.4
                add(tid, factor * base * (0.75 + 0.25 * len(part) / len(term)))


class SearchIndex:
    """The search index of a Library. Build with ``SearchIndex.build(library)``."""

    def __init__(self, library: Library | None = None) -> None:
        self._langs: dict[str, _LangIndex] = {}
        self.build_seconds = 0.0
        if library is not None:
            for page in library.variants():
                self._add_page(page)
            for term in library.glossary.values():
                self._add_term(term)
            for lang_index in self._langs.values():
                lang_index.finish()

    @classmethod
    def build(cls, library: Library) -> "SearchIndex":
        started = time.perf_counter()
        index = cls(library)
        index.build_seconds = time.perf_counter() - started
        return index

    def _lang(self, lang: str) -> _LangIndex:
        if lang not in self._langs:
            self._langs[lang] = _LangIndex(lang, _STEM_CACHE.setdefault(lang, {}))
        return self._langs[lang]

    def _add_page(self, page: Page) -> None:
        index = self._lang(page.lang)
        sentences = page_sentences(page)
        headings = page_headings(page)
        group = index.add_group(_Group("page", page.id, page.lang, page.level, page.title,
                                       sentences[0] if sentences else ""))
        index.add_doc(_Doc(group, page.title, -1, 2.0))
        if page.summary:
            index.add_doc(_Doc(group, page.summary, -2, 1.2))
        for number, sentence in enumerate(sentences):
            index.add_doc(_Doc(group, sentence, number, 1.5 if sentence in headings else 1.0))

    def _add_term(self, term: Term) -> None:
        for lang in _STEMMERS:
            name = term.term.get(lang, "")
            if not name:
                continue
            index = self._lang(lang)
            for level in LEVELS:
                sentences = term_sentences(term, lang, level)
                if not sentences:
                    continue
                group = index.add_group(_Group("term", term.key, lang, level, name,
                                               sentences[0]))
                index.add_doc(_Doc(group, name, -1, 2.0))
                for number, sentence in enumerate(sentences):
                    index.add_doc(_Doc(group, sentence, number, 1.0))

    @property
    def languages(self) -> list[str]:
        return sorted(self._langs)

    def sentence_count(self) -> int:
        return sum(len(i.docs) for i in self._langs.values())

    def search(self, query: str, lang: str, level: str | None = None, limit: int = 50,
               per_page: int = 3) -> list[Hit]:
        """The best matches for ``query`` among the ``lang`` pages (and glossary) of ``level``
        (``None``: both levels): each page's best sentence first, then up to ``per_page - 1``
        more of its sentences; pages in order of relevance."""
        index = self._langs.get(lang)
        if index is None or not query or limit <= 0:
            return []
        query = query[:MAX_QUERY_CHARS]
        words = words_of(query)[:MAX_QUERY_WORDS]
        if not words:
            return []
        typing = WORD.match(query[-1]) is not None
        last = len(words) - 1
        stop = STOP_WORDS.get(lang, frozenset())
        keep = [i for i, w in enumerate(words) if w not in stop or (typing and i == last)] \
            or list(range(len(words)))
        expansions = [index.expand(words[i], typing and i == last) for i in keep]
        expansions = [e for e in expansions if e]
        if not expansions:
            return []
        return self._rank(index, expansions, level, limit, max(1, per_page))

    def _rank(self, index: _LangIndex, expansions: list[dict[int, float]], level: str | None,
              limit: int, per_page: int) -> list[Hit]:
        n_words = len(expansions)
        docs, groups = index.docs, index.groups
        best: dict[int, list[float]] = {}
        matched: dict[int, set[int]] = {}
        for word, expansion in enumerate(expansions):
            for tid, weight in expansion.items():
                for doc_id in index.postings[tid]:
                    scores = best.get(doc_id)
                    if scores is None:
                        if level is not None and groups[docs[doc_id].group].level != level:
                            continue
                        scores = best[doc_id] = [0.0] * n_words
                        matched[doc_id] = set()
                    if weight > scores[word]:
                        scores[word] = weight
                    matched[doc_id].add(tid)
        if not best:
            return []
        # A query word weighs by how rare it is as a whole (all the words it stands for), so
        # that among its matches the better match wins, not the rarer word.
        total = len(docs)
        rarity = []
        for word in range(n_words):
            df = sum(1 for scores in best.values() if scores[word] > 0)
            rarity.append(1.0 + math.log(total / df) if df else 0.0)
        for scores in best.values():
            for word in range(n_words):
                scores[word] *= rarity[word]
        by_group: dict[int, list[int]] = {}
        for doc_id in best:
            by_group.setdefault(docs[doc_id].group, []).append(doc_id)
        ranked = []
        for group_id, doc_ids in by_group.items():
            covered = [max(best[d][w] for d in doc_ids) > 0 for w in range(n_words)]
            sentences = []
            title_score = 0.0
            for d in doc_ids:
                score = sum(best[d]) * docs[d].weight
                coverage = sum(1 for s in best[d] if s > 0)
                if docs[d].index < 0:
                    title_score += score
                else:
                    sentences.append((coverage, score, -docs[d].index, d))
            sentences.sort(reverse=True)
            top = sentences[0][1] if sentences else 0.0
            group_score = top + 0.6 * title_score + 0.15 * min(5, len(sentences))
            if groups[group_id].kind == "term":
                group_score *= TERM_FACTOR
            ranked.append((sum(covered), group_score, group_id, sentences, title_score))
        most = max(r[0] for r in ranked)
        ranked = [r for r in ranked if r[0] == most]
        ranked.sort(key=lambda r: (-r[1], r[2]))
        hits: list[Hit] = []
        for _covered, group_score, group_id, sentences, title_score in ranked:
            group = groups[group_id]
            title_words = frozenset()
            for d in by_group[group_id]:
                if docs[d].index == -1:
                    title_words = frozenset(index.terms[t] for t in matched[d])
            if not sentences:
                hits.append(Hit(group.key, group.lang, group.level, group.title, group.first, 0,
                                round(title_score, 4), group.kind, title_words))
            for coverage, score, _minus_index, d in sentences[:per_page]:
                hits.append(Hit(group.key, group.lang, group.level, group.title, docs[d].text,
                                docs[d].index, round(score, 4), group.kind,
                                title_words | frozenset(index.terms[t] for t in matched[d])))
            if len(hits) >= limit:
                break
        return hits[:limit]
