"""Places the gazetteer does not list, kept under the name the article gives them.

Villages, camps and townships missing from GeoNames are where much of the fighting happens. Reporters
introduce them in set frames ("the village of Cowsweyne", "in Mugunga, on the western outskirts of
Goma", "Nyabibwe, a mining town ... north of Bukavu"); the frames and word lists are data
(unlisted.yaml). The place takes its country, admin-1 unit and coordinates from the nearest listed
place that locates it, with geo_precision 2 (3 when only a region or country does).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

import regex

from builder.places.mention import PlaceMention
from builder.places import rules as place_rules
from builder.rules import rule_file

_NAME_WORD = r"\p{Lu}[\p{Ll}'’]*(?:-\p{Lu}?[\p{Ll}'’]+)*"
_ARTICLE = r"(?:(?:al|el|ad|as|ash|an|ar|at|az|ed|en|er|es|et)-)?"  # "al-Mawasi", "el-Fasher"
NAME = rf"(?P<name>{_ARTICLE}{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
MODIFIERS = r"(?:\p{L}[\p{L}-]* ){0,3}"  # "the strategic town of", "the southern Lebanese town of"
UNLISTED_RELATION = "unlisted"
REGION_PRECISION = 3


@dataclass(frozen=True, slots=True)
class UnlistedRules:
    frames: tuple[tuple[str, regex.Pattern], ...]
    anchored: frozenset[str]
    anchor_chars: int
    feature_words: frozenset[str]
    not_names: frozenset[str]


@cache
def unlisted_rules() -> UnlistedRules:
    source = rule_file("builder.places", "unlisted.yaml")
    source.require_keys({"feature_words", "frames", "anchored_frames", "anchor_chars", "not_names"})
    features = source.word_list("feature_words")
    feature = "(?i:" + "|".join(regex.escape(word) for word in sorted(features, key=len, reverse=True)) + ")"
    frames = []
    if not isinstance(source.data["frames"], dict):
        raise source.error("frames", "expected a mapping of frame id to pattern")
    for frame_id, pattern in source.data["frames"].items():
        if not isinstance(pattern, str) or "{name}" not in pattern:
            raise source.error("frames", f"{frame_id}: a pattern with {{name}} is needed")
        try:
            frames.append((frame_id, regex.compile(
                pattern.replace("{name}", NAME).replace("{feature}", feature).replace("{modifiers}", MODIFIERS))))
        except regex.error as error:
            raise source.error("frames", f"{frame_id}: not a valid pattern: {error}") from None
    anchored = frozenset(source.word_list("anchored_frames"))
    if unknown := anchored - {frame_id for frame_id, _ in frames}:
        raise source.error("anchored_frames", f"no such frame {sorted(unknown)}")
    if not isinstance(source.data["anchor_chars"], int) or source.data["anchor_chars"] < 1:
        raise source.error("anchor_chars", "expected a positive number of characters")
    return UnlistedRules(tuple(frames), anchored, source.data["anchor_chars"], frozenset(features),
                         frozenset(source.word_list("not_names")) | set(place_rules.demonyms()))


def find_unlisted(text: str, sentence_starts: list[int], mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Mentions of places the gazetteer lacks, introduced by a frame, and their later mentions."""
    rules = unlisted_rules()
    taken = bytearray(len(text))  # 1 where a mention already covers the character
    for mention in mentions:
        _take(taken, mention.char_start, mention.char_end)
    anchors = _anchors(mentions)
    starts = [m.char_start for m in anchors]  # mentions come sorted by char_start
    found: dict[tuple[int, int], PlaceMention] = {}
    named: dict[str, PlaceMention] = {}
    for frame_id, pattern in rules.frames:
        for match in pattern.finditer(text):
            start, end, name = _trimmed_name(match, rules)
            if name is None or _overlaps(start, end, taken) or (start, end) in found:
                continue
            sentence = _sentence_of(start, sentence_starts, len(text))
            anchor = _anchor(start, end, sentence, anchors, starts, frame_id in rules.anchored, rules.anchor_chars)
            country = _demonym_country(match.group(0)) if anchor is None else None
            if anchor is None and country is None:
                continue
            mention = (_unlisted_mention(start, end, name, anchor, f"unlisted:{frame_id}") if anchor is not None else
                       PlaceMention(start, end, name, name, None, None, country, None, None, None, REGION_PRECISION,
                                    "location", UNLISTED_RELATION, f"unlisted:{frame_id}"))
            found[(start, end)] = mention
            _take(taken, start, end)
            named.setdefault(name, mention)
    for name, first in named.items():
        for match in regex.finditer(rf"(?<![\p{{L}}\-]){regex.escape(name)}(?![\p{{L}}\-])", text):
            span = (match.start(), match.end())
            if span not in found and not _overlaps(*span, taken):
                found[span] = _repeated(first, *span)
                _take(taken, *span)
    return sorted(found.values(), key=lambda m: m.char_start)


def _trimmed_name(match: regex.Match, rules: UnlistedRules) -> tuple[int, int, str | None]:
    """The name without a trailing feature word ("Kani Township" -> "Kani"); None if it is no name."""
    words = match.group("name").split(" ")
    while len(words) > 1 and words[-1].lower() in rules.feature_words:
        words.pop()
    start = match.start("name")
    name = " ".join(words)
    if any(word.lower() in rules.not_names for word in words) or name.isupper() or name.lower() in rules.feature_words:
        return start, start, None
    return start, start + len(name), name


def _demonym_country(words: str) -> str | None:
    """ "the southern Lebanese town of Khiam": the country a frame's own words name, when no listed place
    locates the town."""
    demonyms = place_rules.demonyms()
    return next((demonyms[word.casefold()] for word in regex.findall(r"\p{L}+", words) if word.casefold() in demonyms),
                None)


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _overlaps(start: int, end: int, taken: bytearray) -> bool:
    return 1 in taken[start:end]


def _sentence_of(position: int, sentence_starts: list[int], text_end: int) -> tuple[int, int]:
    index = bisect_right(sentence_starts, position) - 1
    start = sentence_starts[index] if index >= 0 else 0
    end = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else text_end
    return start, end


def _anchors(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Listed places that can locate another: one reading of their words (not "Darfur", which is five
    states), where something is (not a dateline or a government speaking)."""
    readings: dict[tuple[int, int], int] = {}
    for mention in mentions:
        readings[(mention.char_start, mention.char_end)] = readings.get((mention.char_start, mention.char_end), 0) + 1
    return [m for m in mentions if m.role == "location" and readings[(m.char_start, m.char_end)] == 1]


def _anchor(start: int, end: int, sentence: tuple[int, int], anchors: list[PlaceMention], starts: list[int],
            anchored: bool, anchor_chars: int) -> PlaceMention | None:
    """The listed place that locates the name: the next one in its sentence (the first below country level
    close after it: "in central Somalia's Hiiraan region"), else the last one before it in the sentence,
    else in the article before it, else after it."""
    after = anchors[bisect_left(starts, end):bisect_left(starts, sentence[1])]
    close = [m for m in after if m.char_start - end <= anchor_chars]
    if close:
        return next((m for m in close if m.admin1 is not None), close[0])
    if anchored:
        return None
    if after:
        return after[0]
    before = [m for m in anchors[:bisect_left(starts, start)][-3:] if m.char_end <= start]
    return before[-1] if before else next(iter(anchors[bisect_left(starts, end):]), None)


def _unlisted_mention(start: int, end: int, name: str, anchor: PlaceMention, rule: str) -> PlaceMention:
    precision = REGION_PRECISION if anchor.geo_precision >= REGION_PRECISION else 2
    return PlaceMention(start, end, name, name, anchor.admin1, anchor.admin2 if precision < REGION_PRECISION else None,
                        anchor.country_code, anchor.latitude, anchor.longitude, None, precision, "location",
                        UNLISTED_RELATION, rule)


def _repeated(first: PlaceMention, start: int, end: int) -> PlaceMention:
    return replace(first, char_start=start, char_end=end, rule="unlisted:repeat")
