"""Load and check the incident word lists in lexicon/*.yaml, once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from builder.incidents.patterns import PatternError, PatternTagger
from builder.incidents.phrases import PhraseTagger
from builder.rules import RuleFile, rule_file

PACKAGE = "builder.incidents"
OUTCOMES = ("killed", "injured")
OUTCOME_KINDS = ("after_count", "before_count", "toll")
VICTIM_CATEGORIES = ("civilians", "children", "military", "unknown")
CHANGES = ("gained", "lost", "withdrawn")


def _file(name: str) -> RuleFile:
    return rule_file(PACKAGE, f"lexicon/{name}")


def _labelled_lists(source: RuleFile, keys: tuple[str, ...] | None = None) -> dict[str, tuple[str, ...]]:
    """A mapping label -> word list, every list checked."""
    if not isinstance(source.data, dict):
        raise source.error("", "expected a mapping of label -> list")
    labels = keys or tuple(source.data)
    return {label: source.word_list(label) for label in labels}


@dataclass(frozen=True)
class CasualtyWords:
    outcomes: PhraseTagger      # labels "<outcome>:<kind>"
    fillers: PhraseTagger       # label "filler"
    cues: PhraseTagger          # labels negation, hypothetical, subset, cumulative_span, cumulative_since, perfect
    victims: PhraseTagger       # labels civilians, children, military, unknown, not_victims, hostile
    attacks: PhraseTagger       # labels missile, drone, ...
    civilian_sites: PhraseTagger  # label civilian_site


@cache
def casualty_words() -> CasualtyWords:
    source = _file("casualties.yaml")
    source.require_keys({*OUTCOMES, "fillers", "negations", "hypotheticals", "subsets", "lumped",
                         "cumulative_spans", "cumulative_since", "perfect_tense", "toll_setters", "superseded"})
    outcome_phrases: dict[str, tuple[str, ...]] = {}
    for outcome in OUTCOMES:
        forms = source.data[outcome]
        if not isinstance(forms, dict) or set(forms) != set(OUTCOME_KINDS):
            raise source.error(outcome, f"expected the keys {list(OUTCOME_KINDS)}")
        for kind in OUTCOME_KINDS:
            outcome_phrases[f"{outcome}:{kind}"] = tuple(" ".join(w.lower().split()) for w in forms[kind])
    cues = {"negation": source.word_list("negations") + source.word_list("superseded"),
            "hypothetical": source.word_list("hypotheticals"),
            "subset": source.word_list("subsets"), "lumped": source.word_list("lumped"),
            "toll_setter": source.word_list("toll_setters"),
            "cumulative_span": source.word_list("cumulative_spans"),
            "cumulative_since": source.word_list("cumulative_since"), "perfect": source.word_list("perfect_tense")}
    victims = _labelled_lists(_file("victims.yaml"), (*VICTIM_CATEGORIES, "not_victims", "hostile"))
    attacks = _labelled_lists(_file("attacks.yaml"))
    return CasualtyWords(PhraseTagger(outcome_phrases), PhraseTagger({"filler": source.word_list("fillers")}),
                         PhraseTagger(cues), PhraseTagger(victims), PhraseTagger(attacks),
                         PhraseTagger({"civilian_site": _file("victims.yaml").word_list("civilian_sites")}))


@cache
def actor_words() -> PhraseTagger:
    """Labels are canonical party names."""
    return PhraseTagger(_labelled_lists(_file("actors.yaml")))


@dataclass(frozen=True)
class SideWords:
    words: PhraseTagger                 # labels "national" / "enemy" / "non_state" / "own"
    national_forces: dict[str, str]     # ISO country code -> party
    states: frozenset[str]
    home_adversary: dict[str, str]      # ISO country code -> the party a side-taking text there calls the enemy


def _country_map(source: RuleFile, key: str) -> dict[str, str]:
    mapping = source.data[key]
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and len(k) == 2 and isinstance(v, str)
                                                for k, v in mapping.items()):
        raise source.error(key, "expected two-letter country code -> party name")
    return dict(mapping)


@cache
def side_words() -> SideWords:
    source = _file("sides.yaml")
    source.require_keys({"national_forces_words", "national_forces", "enemy_words", "non_state_words", "states",
                         "own_words", "home_adversary"})
    forces = _country_map(source, "national_forces")
    return SideWords(PhraseTagger({"national": source.word_list("national_forces_words"),
                                   "enemy": source.word_list("enemy_words"),
                                   "non_state": source.word_list("non_state_words"),
                                   "own": source.word_list("own_words")}),
                     dict(forces), frozenset(source.data["states"]), _country_map(source, "home_adversary"))


@dataclass(frozen=True)
class ClaimWords:
    reporting: PhraseTagger     # label "verb" / "according"
    pronouns: frozenset[str]
    party: PhraseTagger         # label "party"
    status: PhraseTagger        # labels denied, unconfirmed, confirmed


@cache
def claim_words() -> ClaimWords:
    source = _file("claims.yaml")
    source.require_keys({"reporting_verbs", "according_to", "pronouns", "party_words", "denied", "unconfirmed",
                         "confirmed"})
    return ClaimWords(
        PhraseTagger({"verb": source.word_list("reporting_verbs"), "according": source.word_list("according_to")}),
        frozenset(source.word_list("pronouns")),
        PhraseTagger({"party": source.word_list("party_words")}),
        PhraseTagger({s: source.word_list(s) for s in ("denied", "unconfirmed", "confirmed")}),
    )


@dataclass(frozen=True)
class TerritoryWords:
    verbs: PatternTagger        # labels "<change>:<voice>"
    needs_armed_subject: frozenset[str]
    armed: PhraseTagger         # label "armed"
    settlements: PhraseTagger   # label "settlement"
    area_units: dict[str, float]
    area_tagger: PhraseTagger   # label "area"
    non_events: PhraseTagger    # label "non_event"
    needs_flag_subject: frozenset[str]
    flag_nouns: frozenset[str]
    facilities: frozenset[str]


@cache
def territory_words() -> TerritoryWords:
    source = _file("territory.yaml")
    source.require_keys({*CHANGES, "settlement_nouns", "area_units", "needs_armed_subject", "armed_nouns", "non_events",
                         "needs_flag_subject", "flag_nouns", "facilities"})
    verbs: dict[str, tuple[str, ...]] = {}
    for change in CHANGES:
        voices = source.data[change]
        if not isinstance(voices, dict) or set(voices) != {"active", "passive"}:
            raise source.error(change, "expected the keys ['active', 'passive']")
        for voice in ("active", "passive"):
            verbs[f"{change}:{voice}"] = tuple(" ".join(w.lower().split()) for w in voices[voice] or [])
    for label, patterns in verbs.items():
        try:
            PatternTagger({label: patterns})
        except PatternError as error:
            raise source.error(label.split(":")[0], str(error)) from None
    tagger = PatternTagger(verbs)
    units = source.data["area_units"]
    if not isinstance(units, dict) or not all(isinstance(v, (int, float)) and v > 0 for v in units.values()):
        raise source.error("area_units", "expected unit -> positive factor to square kilometres")
    area_units = {" ".join(k.lower().split()): float(v) for k, v in units.items()}
    return TerritoryWords(tagger, frozenset(source.word_list("needs_armed_subject")),
                          PhraseTagger({"armed": source.word_list("armed_nouns")}),
                          PhraseTagger({"settlement": source.word_list("settlement_nouns")}),
                          area_units, PhraseTagger({"area": tuple(area_units)}),
                          PhraseTagger({"non_event": source.word_list("non_events")}),
                          frozenset(source.word_list("needs_flag_subject")), frozenset(source.word_list("flag_nouns")),
                          frozenset(source.word_list("facilities")))


@dataclass(frozen=True)
class PlaceChoiceWords:
    care_words: frozenset[str]
    care_window: int
    part_words: frozenset[str]


@cache
def place_choice_words() -> PlaceChoiceWords:
    source = _file("places.yaml")
    source.require_keys({"care_words", "care_window", "part_words"})
    window = source.data["care_window"]
    if not isinstance(window, int) or window < 1:
        raise source.error("care_window", "expected a positive number of tokens")
    return PlaceChoiceWords(frozenset(source.word_list("care_words")), window, frozenset(source.word_list("part_words")))
