"""Who did it: the party behind an attack ("a Russian missile strike", "shelling by Russian forces",
"RSF fighters stormed") and how it was done (missile, drone, shelling, ...).

Party words inside the claimant ("according to Ukrainian rescue services") name the speaker, not the
perpetrator, and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from builder.incidents.lexicons import actor_words, casualty_words
from builder.incidents.phrases import Hit

ACTOR_TO_ATTACK_GAP = 3          # "Russian [missile] strike", "Israeli air strike"
ATTACK_TO_ACTOR_GAP = 4          # "shelling by Russian forces"
SUBJECT_GAP = 5                  # "Russian forces [on Saturday] killed"


@dataclass(frozen=True, slots=True)
class Perpetrator:
    actor: str | None
    attack_type: str | None


def party_hits(span: Span, skip: range | None = None) -> list[Hit]:
    words = actor_words()
    return [h for h in words.find(span) if skip is None or h.start not in skip]


def party_of_hit(hit: Hit) -> str:
    return actor_words().labels(hit)[0]


def find_perpetrator(sentence: Span, casualty_start: int, casualty_end: int, claimant: range | None) -> Perpetrator:
    """The party and attack type nearest the casualty words that the sentence ties to the attack."""
    doc = sentence.doc
    attacks = casualty_words().attacks.find(sentence)
    parties = party_hits(sentence, claimant)
    tied: list[tuple[int, str]] = []
    for party in parties:
        for attack in attacks:
            before = 0 <= attack.start - party.end <= ACTOR_TO_ATTACK_GAP
            after = 0 <= party.start - attack.end <= ATTACK_TO_ACTOR_GAP and "by" in (
                t.lower_ for t in doc[attack.end:party.start])
            if before or after:
                tied.append((abs(party.start - casualty_start), party_of_hit(party)))
        if 0 <= casualty_start - party.end <= SUBJECT_GAP or (
                0 <= party.start - casualty_end <= 2 and doc[party.start - 1].lower_ == "by"):
            tied.append((abs(party.start - casualty_start), party_of_hit(party)))
    actor = min(tied)[1] if tied else None
    attack_type = None
    if attacks:
        nearest = min(attacks, key=lambda h: abs(h.start - casualty_start))
        attack_type = casualty_words().attacks.labels(nearest)[0]
    return Perpetrator(actor, attack_type)
