"""Who did it: the party behind an attack ("a Russian missile strike", "shelling by Russian forces",
"RSF fighters stormed") or a move, and how an attack was done (missile, drone, shelling, ...).

Parties are named outright (actors.yaml) or in context (sides.yaml): "government troops" are the
forces of the country the article is about, "the enemy" is the side the article names most often
other than the speaker's. Party words inside the claimant ("according to Ukrainian rescue
services") name the speaker, not the perpetrator; "Turkish-backed" names a backer, not the actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from builder.incidents.lexicons import actor_words, casualty_words, side_words, territory_words
from builder.incidents.phrases import Hit

ACTOR_TO_ATTACK_GAP = 3          # "Russian [missile] strike", "Israeli air strike"
ATTACK_TO_ACTOR_GAP = 6          # "shelling by Russian forces", "a drone of the Armed Forces of Ukraine"
AGENT_WORDS = {"by", "from", "of", "attributed"}  # "artillery fire attributed to the SDF"
SUBJECT_GAP = 3                  # "Russian forces [reportedly] killed"
NOT_IN_SUBJECT = {"in", "at", "on", "near", "of", "academy", "base", "hospital", "school", "the", "a", "when", "as"}
BACKER_SUFFIXES = {"backed", "supported", "allied", "aligned", "funded", "armed"}
HEADING_TOKENS = 20
BLAME_WORDS = {"blaming", "blamed", "blames", "accusing", "accused", "accuses"}  # "..., the SDF said, blaming Turkey"


@dataclass(frozen=True, slots=True)
class Party:
    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class Perpetrator:
    actor: str | None
    attack_type: str | None


class Sides:
    """The parties of one article, so that context words can be resolved."""

    def __init__(self, doc: Doc, country: str | None) -> None:
        self.country = country
        # The country the sentence being read names ("In eastern Burkina Faso, the army said ..."): its
        # forces are "the army" there, whatever country the article is mostly about. Set per sentence.
        self.sentence_country: str | None = None
        hits = actor_words().find(doc)
        self.named = Counter(labels[0] for labels in map(actor_words().labels, hits) if len(labels) == 1)
        # A statement's heading names its author: "General Staff of the Armed Forces of Ukraine".
        first = next((s for s in doc.sents if s.text.strip()), None)
        is_heading = first is not None and len(first) <= HEADING_TOKENS and not first.text.rstrip().endswith(".")
        heading = [h for h in hits if is_heading and first.start <= h.start < first.end]
        self.author = self.name_of(heading[0]) if heading else None
        # The statement's author as the document names itself: the claimant of what it says in its own voice.
        self.author_text = " ".join(first.text.split()) if heading and self.author else None
        sides = side_words().words
        takes_a_side = any("enemy" in sides.labels(hit) for hit in sides.find(doc[:]))
        self._enemy = self.adversary_of(None) if takes_a_side else None

    def name_of(self, hit: Hit) -> str | None:
        """The party a name means; an abbreviation two parties share ("SNA": the Syrian National Army or the
        Somali National Army) means the one the article names in full."""
        labels = actor_words().labels(hit)
        if len(labels) == 1:
            return labels[0]
        best = max(labels, key=lambda label: self.named[label])
        return best if self.named[best] else None

    def armed_group(self) -> str | None:
        """The armed group (not a state) the article names most often."""
        states = side_words().states
        return next((party for party, _ in self.named.most_common() if party not in states), None)

    def adversary_of(self, speaker: str | None) -> str | None:
        own = speaker or self.author
        for party, _ in self.named.most_common():
            if party != own:
                return party
        return side_words().home_adversary.get(self.country or "")

    @property
    def enemy(self) -> str | None:
        """The side a side-taking text ("the enemy shelled Borova") attacks from, else None."""
        return self._enemy

    def parties(self, span: Span, skip: range | None = None, speaker: str | None = None) -> list[Party]:
        doc = span.doc
        found = []
        for hit in actor_words().find(span):
            name = self.name_of(hit)
            if name is not None and not _is_backer(doc, hit):
                found.append(Party(hit.start, hit.end, name))
        sides = side_words()
        for hit in sides.words.find(span):
            kind = sides.words.labels(hit)[0]
            country = self.sentence_country or self.country
            name = (sides.national_forces.get(country or "") if kind == "national" else
                    self.armed_group() if kind == "non_state" else
                    (speaker or self.author) if kind == "own" else self.adversary_of(speaker))
            owner = [p for p in found if 0 < p.start - hit.end <= 3 and doc[hit.end].lower_ == "of"]
            if owner:  # "the armed forces of the Russian Federation" are Russia's, whatever the country
                continue
            if hit.end < len(doc) and doc[hit.end].lower_ in territory_words().facilities:
                continue  # "overran the army base": a place, not a party
            if name is not None and not any(p.start <= hit.start < p.end for p in found):
                found.append(Party(hit.start, hit.end, name))
        return sorted((p for p in found if skip is None or p.start not in skip), key=lambda p: p.start)


def _is_backer(doc: Doc, hit: Hit) -> bool:
    """ "Turkish-backed factions", "Iranian-backed militias": the backer is not the actor."""
    return hit.end + 1 < len(doc) and doc[hit.end].text == "-" and doc[hit.end + 1].lower_ in BACKER_SUFFIXES


def find_perpetrator(sentence: Span, sides: Sides, casualty_start: int, casualty_end: int,
                     claimant: range | None, speaker: str | None) -> Perpetrator:
    """The party and attack type nearest the casualty words that the sentence ties to the attack."""
    doc = sentence.doc
    attacks = casualty_words().attacks.find(sentence)
    parties = sides.parties(sentence, claimant, speaker)
    tied: list[tuple[int, str]] = []
    for party in parties:
        for attack in attacks:
            # "a Russian missile strike", "an army airstrike" (the attack inside the party's words)
            before = party.start <= attack.start and attack.start - party.end <= ACTOR_TO_ATTACK_GAP
            # "shelling by Russian forces", "shells fired from RSF positions", "a drone of the Armed Forces"
            after = 0 <= party.start - attack.end <= ATTACK_TO_ACTOR_GAP and not AGENT_WORDS.isdisjoint(
                t.lower_ for t in doc[attack.end:party.start])
            if before or after:
                tied.append((abs(party.start - casualty_start), party.name))
        gap = doc[party.end:casualty_start]
        subject = 0 <= len(gap) <= SUBJECT_GAP and casualty_start >= party.end and all(
            t.is_alpha and t.lower_ not in NOT_IN_SUBJECT for t in gap)  # "Russian forces [on Saturday] killed"
        blamed = party.start > sentence.start and doc[party.start - 1].lower_ in BLAME_WORDS
        if subject or blamed or (0 <= party.start - casualty_end <= 2 and doc[party.start - 1].lower_ == "by"):
            tied.append((abs(party.start - casualty_start), party.name))
    actor = min(tied)[1] if tied else None
    attack_type = None
    typed = [h for h in attacks if casualty_words().attacks.labels(h)[0] != "unknown"]
    if typed:
        nearest = min(typed, key=lambda h: abs(h.start - casualty_start))
        attack_type = casualty_words().attacks.labels(nearest)[0]
    return Perpetrator(actor, attack_type)
