"""Who says so, and how sure: the claimant of a sentence and the status of what it states.

"according to Ukrainian rescue services", "Pavlo Kyrylenko wrote on Telegram", "..., said the
governor", "he added" (resolved to the last named claimant). A party to the conflict (a ministry, an
army, a governor) claims; a neutral source or the outlet itself reports; "could not be independently
verified", "denied" and "confirmed by" override.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from builder.incidents.actors import Sides
from builder.incidents.lexicons import claim_words

SUBJECT_LIMIT = 10
ACCORDING_LIMIT = 10
SUBJECT_STOPS = {",", ".", ";", ":", "that", "and", "but", "while", "—", "–", '"', "“", "”", "which", "who",
                 "after", "before", "when", "as", "because", "since", "if", "once"}
OBJECT_STOPS = SUBJECT_STOPS | {"on", "in", "via", "through", "at", "told", "said", "as", "after", "who", "when"}
NOT_SPEAKER_STARTS = {"on", "in", "at", "for", "by", "with", "during", "after", "before", "meanwhile", "however",
                      "then", "now", "also", "later", "earlier", "separately", "overnight", "today", "yesterday"}
NOT_SPEAKER_WORDS = {"was", "were", "is", "are", "has", "have", "had", "will", "would", "been", "being"}
AUXILIARIES = (NOT_SPEAKER_WORDS - {"being"}) | {"could", "did"}  # a verb's helpers: "the envoy [has] said"
LEADING_NOISE = {"and", "but", "also", "meanwhile", "however", "later", "earlier", "then", "reportedly", "separately"}


@dataclass(frozen=True, slots=True)
class Claim:
    claimant: str | None
    start: int | None           # token range of the claimant in the doc
    end: int | None
    party: str | None           # the conflict party the claimant speaks for, if it names one
    status: str                 # reported | claimed | confirmed | denied | unconfirmed


def _clean(tokens: Span) -> Span | None:
    start, end = tokens.start, tokens.end
    doc = tokens.doc
    while start < end and (doc[start].lower_ in LEADING_NOISE or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in LEADING_NOISE
                           or doc[end - 1].lower_ in AUXILIARIES):
        end -= 1
    return doc[start:end] if end > start else None


def _subject_before(sentence: Span, verb_start: int) -> Span | None:
    """The words before a reporting verb, skipping an interjection such as ", on the other hand,"."""
    doc = sentence.doc
    end = verb_start
    for _ in range(3):
        start = end
        while start > sentence.start and end - start < SUBJECT_LIMIT and doc[start - 1].lower_ not in SUBJECT_STOPS:
            start -= 1
        candidate = _clean(doc[start:end])
        if candidate is not None and _looks_like_speaker(candidate):
            return candidate
        if start > sentence.start and doc[start - 1].text == ",":
            end = start - 1  # "Zelenskyy, on the other hand, said": look before the interjection
            continue
        return candidate
    return None


def _looks_like_speaker(span: Span) -> bool:
    """ "the regional governor", "Ukrainian officials", "he": a noun phrase, not a clause ("two people were
    killed") or an adverbial ("on the other hand")."""
    words = [t.lower_ for t in span]
    return words[0] not in NOT_SPEAKER_STARTS and not NOT_SPEAKER_WORDS.intersection(words)


def _object_after(sentence: Span, start: int) -> Span | None:
    doc = sentence.doc
    end = start
    while end < sentence.end and end - start < ACCORDING_LIMIT and doc[end].lower_ not in OBJECT_STOPS:
        end += 1
    return _clean(doc[start:end])


def find_claim(sentence: Span, previous: Claim | None, sides: Sides) -> Claim | None:
    """The claimant of a sentence (or None when nothing in it attributes), with its status."""
    words = claim_words()
    speaker: Span | None = None
    for hit in words.reporting.find(sentence):
        if "according" in words.reporting.labels(hit):
            speaker = _object_after(sentence, hit.end)
        else:
            speaker = None
            if hit.start > sentence.start and sentence.doc[hit.start - 1].text in (",", "”", '"'):
                speaker = _object_after(sentence, hit.end)  # '..., said the governor', '..., says governor'
                named = speaker is not None and (speaker[0].is_title or speaker[0].lower_ == "the"
                                                 or bool(words.party.find(speaker)))
                if speaker is not None and not (named and _looks_like_speaker(speaker)):
                    speaker = None
            speaker = speaker or _subject_before(sentence, hit.start)
        if speaker is not None:
            break
    status = _status_cue(sentence)
    if speaker is None:
        return Claim(None, None, None, None, status) if status else None
    if speaker.text.lower() in words.pronouns:
        if previous is None or not previous.claimant:
            return Claim(None, None, None, None, status or "reported")
        return Claim(previous.claimant, None, None, previous.party, status or previous.status)
    party = next((p.name for p in sides.parties(speaker)), None)
    return Claim(speaker.text, speaker.start, speaker.end, party, status or _party_status(speaker, party))


def _party_status(span: Span, party: str | None) -> str:
    return "claimed" if party or claim_words().party.find(span) else "reported"


def _status_cue(sentence: Span) -> str | None:
    words = claim_words()
    found = {label for hit in words.status.find(sentence) for label in words.status.labels(hit)}
    for status in ("denied", "unconfirmed", "confirmed"):
        if status in found:
            return status
    return None
