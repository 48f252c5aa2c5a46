"""Find place-name spans in a spaCy Doc by n-gram look-up of name keys in the gazetteer index.

PhraseMatcher was measured against this (see README "Places"): building one from the ~700k gazetteer
names costs far more per process than the whole index load; a dict look-up over the tokens' name keys
needs no construction. Spans start at a capitalised word (or an alias's first word, or a name particle
such as "al-"), never cross a sentence and prefer the longest name. A capitalised name the index lacks may
still meet Ukrainian and Russian places through its loose key (a Russian-style spelling: "Sinkovka" for
Synkivka), and, between the names found, places of names.FOLD_COUNTRIES through a folded key ("Ceel Dheer"
for Ceeldheer); geocode.py takes those only with support from the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

from builder.places import rules
from builder.places.gazetteer import Gazetteer
from builder.places.names import beginnings, fold_keys, loose_key, name_key
from builder.segment import text_of

MAX_WORDS = 6
# Lower-case words that may open or continue a place name ("al-Fashir", "Rostov-on-Don", "Bosnia and Herzegovina").
PARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "es", "ez", "ul", "de",
                       "del", "la", "le", "of", "on", "the", "and", "upon", "sur", "am", "im", "bin", "ibn"})
_STOPPERS = frozenset(",.;:!?()[]{}\"“”«»/|—–")
LOOSE_MIN_CHARS = 5  # shorter words meet too many names once vowels fold


@dataclass(slots=True)
class Span:
    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    text: str
    key: str
    candidates: tuple[int, ...]  # gazetteer entries
    alternates: frozenset[int] = frozenset()  # candidates bearing the name only as an alternate name
    loose: tuple[int, ...] = ()  # Ukrainian entries met through the loose key only
    folded: tuple[int, ...] = ()  # entries of names.FOLD_COUNTRIES met through a folded key only
    acronym: bool = False  # "MoH", "IDF": an abbreviation, not a name, unless a big place or a country
    aliases: tuple[tuple[str, tuple[str, ...] | None, tuple[int, ...]], ...] = ()  # (rule, countries, targets)
    demonym: str | None = None  # ISO2 when the words are a demonym (never a place)
    sentence: int = 0
    sentence_start: int = 0  # token index where its sentence starts
    sentence_end: int = 0  # token index, exclusive
    sentence_start_char: int = 0
    sentence_end_char: int = 0


@cache
def _alias_openers() -> frozenset[str]:
    return frozenset(name_key(alias.text).split(" ")[0] for alias in rules.aliases())


@cache
def _demonym_keys() -> dict[str, str]:
    return {name_key(word): country for word, country in rules.demonyms().items()}


@cache
def _demonym_beginnings() -> frozenset[str]:
    return beginnings(_demonym_keys())


@lru_cache(maxsize=200_000)
def _token_key(text: str) -> str:
    return name_key(text)


@lru_cache(maxsize=200_000)
def _loose(key: str) -> str:
    return loose_key(key)


@lru_cache(maxsize=200_000)
def _folded(key: str) -> tuple[str, ...]:
    return fold_keys(key)


@lru_cache(maxsize=200_000)
def _may_open(key: str, gazetteer: Gazetteer) -> bool:
    """May a name begin with this word: is it a name, alias, demonym or loose spelling of one word, or the
    first word of a longer one? Most words are neither, and need no look-up of the words after them."""
    loose = _loose(key)
    return (key in gazetteer.openers or key in _alias_openers() or loose in gazetteer.loose_openers
            or key in gazetteer.keys or key in gazetteer.aliases or key in _demonym_keys()
            or len(key) >= LOOSE_MIN_CHARS and loose in gazetteer.loose)


@lru_cache(maxsize=100_000)
def _acronym(word: str) -> bool:
    """All capitals and short ("IDF", "MLRS"), or a capital after a small letter ("MoH", "HRMMU's")."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2:
        return False
    if all(ch.isupper() for ch in letters):
        return len(letters) <= 5
    return any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:]))


def find_spans(doc: Doc, gazetteer: Gazetteer, text: str | None = None) -> list[Span]:
    """Longest gazetteer, alias or demonym match at each position, left to right, per sentence.
    text: doc.text, when the caller has it (the property rebuilds the string on every access)."""
    text = text_of(doc) if text is None else text
    # Token attributes as one array: iterating a Doc (or Doc.sents) builds a Token object per token, which
    # costs more than all the look-ups.
    rows = doc.to_array([IDX, LENGTH, SPACY, SENT_START]).tolist() if len(doc) else []
    starts = [row[0] for row in rows]
    words = [text[row[0]:row[0] + row[1]] for row in rows]
    spaced = [row[2] == 1 for row in rows]
    sentence_starts = [i for i, row in enumerate(rows) if i == 0 or row[3] == 1]
    keys = [_token_key(word) for word in words]
    # "People's": spaCy splits off "'s", name keys drop the apostrophe, so the piece joins the word before.
    glued = [i > 0 and not spaced[i - 1] and word[0] in "'’" for i, word in enumerate(words)]
    openers = _alias_openers()
    spans: list[Span] = []
    bounds = list(zip(sentence_starts, [*sentence_starts[1:], len(words)]))
    for number, (sentence_start, sentence_end) in enumerate(bounds):
        i = sentence_start
        start_char = starts[sentence_start] if words else 0
        end_char = starts[sentence_end - 1] + len(words[sentence_end - 1]) if words else 0
        here: list[Span] = []
        while i < sentence_end:
            key = keys[i]
            if not key or not (words[i][0].isupper() or key in openers or key in PARTICLES) \
                    or not _may_open(key, gazetteer):
                i += 1
                continue
            found = _longest(text, words, keys, starts, glued, i, sentence_end, gazetteer, False)
            if found is None:
                i += 1
                continue
            here.append(found)
            i = found.end
        if gazetteer.folded:
            here = _add_folded(here, text, words, keys, starts, glued, sentence_start, sentence_end, gazetteer)
        for found in here:
            found.sentence, found.sentence_start, found.sentence_end = number, sentence_start, sentence_end
            found.sentence_start_char, found.sentence_end_char = start_char, end_char
        spans.extend(here)
    return spans


def _add_folded(found: list[Span], text: str, words: list[str], keys: list[str], starts: list[int],
                glued: list[bool], sentence_start: int, sentence_end: int, gazetteer: Gazetteer) -> list[Span]:
    """Folded spellings ("Ceel Dheer" for Ceeldheer) between the names found, from capitalised words:
    a folded match never takes words a name, alias or spelling matched ("as Moscow" folds like a Yemeni
    village)."""
    added, replaced = [], set()
    bounds = [span.start for span in found] + [sentence_end]
    i, next_bound = sentence_start, 0
    while i < sentence_end:
        while bounds[next_bound] < i:
            next_bound += 1
        if next_bound < len(found) and found[next_bound].start == i:
            here = found[next_bound]
            if _weak(here) and words[i][0].isupper():  # "Ceel": an alternate name of Eyl; "Ceel Dheer" folded
                span = _longest(text, words, keys, starts, glued, i, bounds[next_bound + 1], gazetteer, True)
                if span is not None and span.end > here.end:
                    added.append(span)
                    replaced.add(next_bound)
                    i = span.end
                    continue
            i = here.end
            continue
        if keys[i] and words[i][0].isupper():
            span = _longest(text, words, keys, starts, glued, i, bounds[next_bound], gazetteer, True)
            if span is not None:
                added.append(span)
                i = span.end
                continue
        i += 1
    if not added:
        return found
    return sorted([s for n, s in enumerate(found) if n not in replaced] + added, key=lambda span: span.start)


def _weak(span: Span) -> bool:
    """Met only as an alternate name of every candidate, with no alias, demonym or loose spelling."""
    return (not span.aliases and not span.demonym and not span.loose and bool(span.candidates)
            and len(span.alternates) == len(span.candidates))


def _longest(text: str, words: list[str], keys: list[str], starts: list[int], glued: list[bool], start: int,
             limit: int, gazetteer: Gazetteer, folded: bool) -> Span | None:
    """The longest match starting at `start`: a name, alias, demonym or loose spelling; or, when `folded`,
    a folded spelling only."""
    # Any capitalised word may open a name of several words when folded ("Ceel Dheer" for Ceeldheer).
    multi_word = folded or (keys[start] in gazetteer.openers or keys[start] in _alias_openers()
                            or _loose(keys[start]) in gazetteer.loose_openers)
    parts: list[str] = []
    ends: list[tuple[int, str, bool]] = []  # (end token, key, every word capitalised or a particle)
    capitalised = True
    end = start
    while end < limit and len(parts) < (MAX_WORDS if multi_word else 1):
        word = words[end]
        if word in _STOPPERS:
            break
        if keys[end] and glued[end] and parts:
            parts[-1] += keys[end]
        elif keys[end]:
            parts.append(keys[end])
            capitalised = capitalised and (word[0].isupper() or not word[0].isalpha() or keys[end] in PARTICLES)
            if folded and not capitalised:
                break  # a folded spelling is of capitalised words only (see _match)
        end += 1
        if keys[end - 1]:
            key = " ".join(parts)
            ends.append((end, key, capitalised))
            # No longer name goes on from these words ("the war"): reading more cannot find one. Folded
            # keys join the words, so no beginning of theirs is known.
            if len(parts) > 1 and not folded and not _goes_on(key, capitalised, gazetteer) \
                    and not _glued_next(words, keys, glued, end, limit):
                break
    return _match(text, words, keys, starts, start, limit, ends, gazetteer, folded)


@lru_cache(maxsize=200_000)
def _entries(key: str, all_capitalised: bool, gazetteer: Gazetteer):
    """(aliases, demonym, candidates, alternates, loose) of a name key: the look-ups are the same for every
    article that names the place."""
    aliases, candidates, alternates, loose = gazetteer.aliases.get(key, ()), (), frozenset(), ()
    demonym = _demonym_keys().get(key) if all_capitalised else None
    if all_capitalised and not demonym:
        candidates, alternates = gazetteer.lookup_with_alternates(key)
        if len(key) >= LOOSE_MIN_CHARS:
            loose = tuple(i for i in gazetteer.loose.get(_loose(key), ()) if i not in candidates)
    return aliases, demonym, candidates, alternates, loose


@lru_cache(maxsize=200_000)
def _folded_entries(key: str, gazetteer: Gazetteer) -> tuple[int, ...]:
    """Entries met through a folded key of capitalised words (none for short keys and English words)."""
    if len(key) < LOOSE_MIN_CHARS or all(word in gazetteer.english_words for word in key.split()):
        return ()
    return tuple(dict.fromkeys(i for k in _folded(key) for i in gazetteer.folded.get(k, ())))


def _goes_on(key: str, capitalised: bool, gazetteer: Gazetteer) -> bool:
    """Does some longer name, alias, demonym or (capitalised) loose spelling begin with these words?"""
    return (key in gazetteer.beginnings or key in _demonym_beginnings()
            or capitalised and _loose(key) in gazetteer.loose_beginnings)


def _glued_next(words: list[str], keys: list[str], glued: list[bool], end: int, limit: int) -> bool:
    """Is the next word a piece glued to the last ("'s"), which changes that word rather than adding one?"""
    while end < limit and not keys[end] and words[end] not in _STOPPERS:
        end += 1
    return end < limit and bool(keys[end]) and glued[end]


def _match(text: str, words: list[str], keys: list[str], starts: list[int], start: int, limit: int,
           ends: list[tuple[int, str, bool]], gazetteer: Gazetteer, folded: bool) -> Span | None:
    for end, key, all_capitalised in reversed(ends):
        if end - 1 > start and keys[end - 1] in PARTICLES:
            continue  # a name does not end on a particle
        if end < limit and words[end] == "-" and words[end - 1][0].islower() \
                and starts[end] == starts[end - 1] + len(words[end - 1]):
            continue  # "the south-western outskirts": a lower-case alias word inside a compound
        aliases, demonym, candidates, alternates, loose, found = (), None, (), frozenset(), (), ()
        if folded:
            found = _folded_entries(key, gazetteer) if all_capitalised else ()
            if not found:
                continue
        else:
            aliases, demonym, candidates, alternates, loose = _entries(key, all_capitalised, gazetteer)
            if not (aliases or candidates or demonym or loose):
                continue
        start_char = starts[start]
        end_char = starts[end - 1] + len(words[end - 1])
        acronym = any(_acronym(words[i]) for i in range(start, end))
        return Span(start, end, start_char, end_char, text[start_char:end_char], key, candidates, alternates,
                    loose, found, acronym, aliases, demonym)
    return None
