"""Casualty statements in a sentence: who was killed or injured, how many, of what kind.

News writes counts before the verb ("two persons were killed", "nine more were injured", "5 dead")
or after it ("killing two civilians", "the strike killed at least 6", "claimed the lives of 12"),
and tolls ("the death toll rose to 14"). Statements that report no event ("no one was hurt",
"could kill thousands", "denied that any civilians were hurt") give nothing; running totals
("since the war began, 5,000 civilians have been killed") are marked cumulative.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from builder.incidents.counts import Count, find_counts
from builder.incidents.lexicons import casualty_words
from builder.incidents.phrases import Hit, is_month
from builder.segment import lower_words

NOUN_PHRASE_LIMIT = 4
FILLER_LIMIT = 6
BEFORE_COUNT_GAP = 2
TOLL_GAP = 20
CUE_WINDOW = 8
CLAUSE_BREAKS = {";", ":", "—", "–", "but", "while", "whereas", "although", "though"}
NOT_IN_NOUN_PHRASE = {"in", "on", "at", "by", "from", "and", "or", "with", "as", "after", "during", "when",
                      "while", "who", "that", "which", "to", "into", "near", "across", "for", "of", "were",
                      "was", "are", "is", "have", "has", "had", "been", ",", ".", ";", ":", "(", ")"}
TOLL_VERBS = {"rose", "risen", "climbed", "reached", "stood", "stands", "is", "was", "increased", "jumped", "grew",
              "hit", "reaching", "rising", "climbing", "remains", "remained", "rises", "climbs", "reaches", "now"}
TOLL_PREPOSITIONS = {"to", "at", "of"}
COUNT_LEADS = {"another", "a", "further", "an", "additional"}
POSSESSIVES = {"his", "her", "their", "its"}  # "a father and his two sons"
OWN_SIDE = {"our", "their", "its"}
PARENTHETICAL_LIMIT = 20
PARENTHETICAL_OPENERS = {"including", "among", "most", "mostly", "many", "mainly", "all", "some", "half", "aged",
                         "both", "a", "an", "one", "two", "three", "four", "five"}


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    outcome: str                # killed | injured
    count: Count
    victims: str                # civilians | children | military | unknown
    start: int                  # token range covering count and casualty words
    end: int
    cumulative: bool
    toll: bool = False          # "the death toll rose to 14": an update of a figure given before


def _sentence_hits(sentence: Span):
    words = casualty_words()
    outcome_hits = words.outcomes.find(sentence)
    kinds = {h.start: {label for label in words.outcomes.labels(h)} for h in outcome_hits}
    fillers = {t for h in words.fillers.find(sentence) for t in range(h.start, h.end)}
    cues = [(h, words.cues.labels(h)) for h in words.cues.find(sentence) if not is_month(h)]
    victims = {}
    for h in words.victims.find(sentence):
        for t in range(h.start, h.end):
            victims[t] = words.victims.labels(h)[0]
            if "hostile" in words.victims.labels(h):
                victims[t] = "hostile"
    return outcome_hits, kinds, fillers, cues, victims


def find_casualties(sentence: Span) -> list[CasualtyMention]:
    doc = sentence.doc
    outcome_hits, kinds, fillers, cues, victim_tokens = _sentence_hits(sentence)
    if not outcome_hits:
        return []
    counts = _coordinated(doc, find_counts(sentence), victim_tokens)
    by_start = {h.start: h for h in outcome_hits}
    used_hits: set[int] = set()
    pairs: list[tuple[Count, Hit, str, int, bool]] = []  # count, hit, outcome, noun phrase end, toll

    # Count first: "two persons were killed", "nine more were injured", "three dead".
    for count in counts:
        position = _skip_noun_phrase(doc, count.end, sentence.end, by_start)
        noun_end = position
        position = _skip_parenthetical(doc, position, sentence.end)
        steps = 0
        while position < sentence.end and position in fillers and steps < FILLER_LIMIT:
            position += 1
            steps += 1
        hit = by_start.get(position)
        if hit is not None and hit.start not in used_hits:
            outcome = _outcome(kinds[hit.start], "after_count")
            if outcome:
                used_hits.add(hit.start)
                pairs.append((count, hit, outcome, noun_end, False))
    paired = {p[0] for p in pairs}

    # Verb first: "killing two civilians", "the strike killed at least 6", "the death toll rose to 14".
    for hit in outcome_hits:
        if hit.start in used_hits:
            continue
        before = _outcome(kinds[hit.start], "before_count")
        toll = _outcome(kinds[hit.start], "toll")
        for count in counts:
            if count in paired or count.start < hit.end:
                continue
            gap = [t.lower_ for t in doc[hit.end:count.start]]
            if before and len(gap) <= BEFORE_COUNT_GAP and all(w in COUNT_LEADS or w == "," for w in gap):
                outcome, is_toll = before, False
            elif toll and len(gap) <= TOLL_GAP and (_toll_link(gap) or _set_toll(cues, hit, gap)):
                outcome, is_toll = toll, True
            else:
                continue
            used_hits.add(hit.start)
            paired.add(count)
            pairs.append((count, hit, outcome, _skip_noun_phrase(doc, count.end, sentence.end, by_start), is_toll))
            break

    tolls = [h for h in outcome_hits if any(label.endswith(":toll") for label in kinds[h.start])]
    mentions = []
    for count, hit, outcome, noun_end, is_toll in sorted(pairs, key=lambda p: p[0].start):
        # "the toll in Kurakhove had risen to three dead and four wounded": updates, however they pair
        is_toll = is_toll or any(0 <= count.start - t.end <= TOLL_GAP and
                                 _toll_link([w.lower_ for w in doc[t.end:count.start]]) for t in tolls)
        start, end = min(count.start, hit.start), max(noun_end, hit.end)
        if _stated_as_non_event(cues, doc, sentence.start, start, end) or _is_subset(cues, count, doc) or \
                _is_lumped(cues, hit):
            continue
        if noun_end > count.end and victim_tokens.get(noun_end - 1) == "not_victims":
            continue  # "neutralised 63 explosive items"
        mentions.append(CasualtyMention(outcome, count, _victims(count, noun_end, victim_tokens), start, end,
                                        _is_cumulative(cues, hit), is_toll))
    return mentions


def _coordinated(doc, counts: list[Count], victim_tokens: dict[int, str]) -> list[Count]:
    """ "A woman and her two children were killed", "six passengers and the driver": counts joined by
    "and" are one group."""
    joined: list[Count] = []
    for count in counts:
        previous = joined[-1] if joined else None
        gap = [t.lower_ for t in doc[previous.end:count.start]] if previous is not None else []
        noun = previous.end if previous is not None else 0
        while gap and noun in victim_tokens and len(gap) > 1:
            gap, noun = gap[1:], noun + 1  # the first group's noun
        if previous is not None and gap[:1] == ["and"] and set(gap[1:]) <= POSSESSIVES \
                and previous.best is not None and count.best is not None:
            joined[-1] = Count(previous.start, count.end, _add(previous.low, count.low), previous.best + count.best,
                               _add(previous.high, count.high), doc[previous.start:count.end].text,
                               _add(previous.stated, count.stated))
        else:
            joined.append(count)
    return joined


def _add(first: int | None, second: int | None) -> int | None:
    return None if first is None or second is None else first + second


def _toll_link(gap: list[str]) -> bool:
    """ "the death toll [in Kyiv has risen to] three", "the number of injured [remains at] 12"."""
    while gap and gap[-1] in TOLL_PREPOSITIONS:
        gap = gap[:-1]
    return bool(gap) and gap[-1] in TOLL_VERBS and "," not in gap and "." not in gap


def _set_toll(cues, toll: Hit, gap: list[str]) -> bool:
    """ "Local authorities have since raised the toll to 16"."""
    set_before = any("toll_setter" in labels and 0 <= toll.start - hit.end <= 2 for hit, labels in cues)
    return set_before and gap in (["to"], ["at"])


def _outcome(labels: set[str], kind: str) -> str | None:
    for label in labels:
        outcome, label_kind = label.split(":")
        if label_kind == kind:
            return outcome
    return None


def _skip_noun_phrase(doc, position: int, limit: int, casualty_words: dict[int, Hit]) -> int:
    """Past the words naming the victims: "two [Ukrainian servicemen]", "nine [more]"."""
    steps = 0
    while position < limit and steps < NOUN_PHRASE_LIMIT and position not in casualty_words:
        token = doc[position]
        if token.lower_ == "aged":  # "two women aged 44 and 71"
            position += 1
            while position < limit and (doc[position].like_num or doc[position].lower_ in ("and", ",")):
                position += 1
            continue
        if token.lower_ == "of" and position + 1 < limit and doc[position + 1].lower_ in OWN_SIDE:
            position += 2  # "three of our soldiers were martyred"
            continue
        if token.lower_ in NOT_IN_NOUN_PHRASE or token.like_num or not (token.is_alpha or token.text in ("-", "'s")):
            break
        position += 1
        steps += 1
    return position


def _skip_parenthetical(doc, position: int, limit: int) -> int:
    """Past ", including two children,", "(most of them civilians)" or an apposition (", a 44-year-old man,",
    ", a 61-year-old woman and her 34-year-old son,") between a count and its verb."""
    if position >= limit or doc[position].text not in (",", "(", "—", "–"):
        return position
    closing = {"(": ")"}.get(doc[position].text, doc[position].text)
    if position + 1 < limit and doc[position + 1].lower_ in PARENTHETICAL_OPENERS:
        for end in range(position + 2, min(limit, position + PARENTHETICAL_LIMIT)):
            if doc[end].text == closing or (closing == "," and doc[end].text in (",", "—")):
                return end + 1
    return position


def _victims(count: Count, noun_end: int, victim_tokens: dict[int, str]) -> str:
    categories = {victim_tokens[t] for t in range(count.start, noun_end) if t in victim_tokens}
    categories -= {"unknown", "not_victims"}  # "two drone operators": a weapon word inside is no victim group
    if "hostile" in categories:
        return "hostile"  # fighters named as the enemy: military victims of the speaker's side
    if not categories:
        return "unknown"
    if categories == {"children", "civilians"}:
        return "civilians"
    return categories.pop() if len(categories) == 1 else "mixed"


def _clause_start(doc, sentence_start: int, position: int) -> int:
    words = lower_words(doc)
    for index in range(position - 1, sentence_start - 1, -1):
        if words[index] in CLAUSE_BREAKS:
            return index + 1
    return sentence_start


def _stated_as_non_event(cues, doc, sentence_start: int, start: int, end: int) -> bool:
    """A negation or a hypothetical in the clause before the casualty words, or inside them."""
    window_start = max(_clause_start(doc, sentence_start, start), start - CUE_WINDOW)
    for hit, labels in cues:
        if not window_start <= hit.start < end:
            continue
        if "negation" in labels:
            return True
        # "as many as 150,000 people may have been killed" is an estimate of the past, not a hypothesis
        if "hypothetical" in labels and not (hit.end < len(doc) and doc[hit.end].lower_ == "have"):
            return True
    return False


def _is_subset(cues, count: Count, doc) -> bool:
    """ "Of the injured, 27 were taken to hospital", "three of them": part of a figure already given; not
    "..., fighters and civilians among them, and about 40 wounded"."""
    for hit, labels in cues:
        if "subset" not in labels:
            continue
        if hit.start == count.end:
            return True
        gap = [t.lower_ for t in doc[hit.end:count.start]]
        if len(gap) <= 2 and "and" not in gap and hit.end <= count.start:
            return True
    return False


def _is_lumped(cues, casualty_hit: Hit) -> bool:
    """ "lost 900 servicemen killed and wounded": one figure for both outcomes."""
    return any("lumped" in labels and hit.start <= casualty_hit.start < hit.end + 1 for hit, labels in cues)


def _is_cumulative(cues, casualty_hit: Hit) -> bool:
    labels = {label for _, hit_labels in cues for label in hit_labels}
    if "cumulative_span" in labels:
        return True
    perfect = any("perfect" in hit_labels and 0 <= casualty_hit.start - hit.end <= 3 for hit, hit_labels in cues)
    return "cumulative_since" in labels and perfect


def is_running_total(sentence: Span, statement: Hit) -> bool:
    """ "Since the start of the counteroffensive, their forces have recaptured 95 square miles": a total
    over a period, for any statement whose verb is `statement`."""
    words = casualty_words()
    return _is_cumulative([(h, words.cues.labels(h)) for h in words.cues.find(sentence)], statement)
