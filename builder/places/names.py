"""Name keys: the one folding shared by the gazetteer compiler and the matcher, so that
"Kup'yans'k", "Kupyansk" and "KUPYANSK" meet on one key and "Ivano-Frankivsk" on "ivano frankivsk"."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes and okina-like marks vanish inside a name (Kup'yans'k, Khuzā‘ah); other punctuation splits words.
_VANISH = dict.fromkeys(map(ord, "'’‘ʼʻ`´ʹ′"), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose into a base letter and a mark.
LATIN_EXTRA = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
                              "ħ": "h", "ŧ": "t", "ŀ": "l"})


def name_key(text: str) -> str:
    """Casefolded, accent-free, apostrophe-free words joined by single spaces ('' for non-Latin text)."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_VANISH)).translate(LATIN_EXTRA)
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", ascii_only).split())


# Loose keys let Russian-style romanisations of Ukrainian names meet the Ukrainian forms: "Sinkovka" and
# "Synkivka", "Peschanoye" and "Pishchane", "Kharkov" and "Kharkiv", "Gulyaypole" and "Huliaipole". Ukrainian
# i stands where Russian has o, e or i (Харків/Харьков), Ukrainian -е where Russian has -ое, Ukrainian h
# where Russian has g, Ukrainian shch where Russian has sch or shch; so these letters fold together.
_LOOSE_DIGRAPHS = (("shch", "S"), ("sch", "S"), ("kh", "X"), ("zh", "Z"), ("sh", "W"), ("ch", "C"))
_LOOSE_VOWELS = re.compile(r"[eioyj]+")
_FINAL_VOWELS = re.compile(r"[eioyj]+$")
_DOUBLED = re.compile(r"(.)\1+")


def loose_key(key: str) -> str:
    """Fold a name key (name_key's output) so Russian-style and Ukrainian romanisations meet. A word's final
    vowels keep one distinction, e/o against i/y, so "Zelensky" (a surname) does not meet "Zelenske"."""
    words = []
    for word in key.split():
        if word.endswith("aya"):  # Russian adjective ending -ая, Ukrainian -а (Velikaya/Velyka)
            word = word[:-2]
        ending = _FINAL_VOWELS.search(word)
        final = ("E" if set(ending.group()) & set("eo") else "I") if ending else ""
        for old, new in _LOOSE_DIGRAPHS:
            word = word.replace(old, new)
        word = word.replace("h", "g").replace("w", "v")
        word = _DOUBLED.sub(r"\1", _LOOSE_VOWELS.sub("e", word))
        if final:
            word = word.rstrip("e") + final
        words.append(word)
    return " ".join(words)


def beginnings(keys) -> frozenset[str]:
    """The beginnings of two words or more that some longer key goes on from: "bosnia and" for "bosnia
    and herzegovina". The matcher stops reading words after one that no name goes on from."""
    found = set()
    for key in keys:
        words = key.split(" ")
        found.update(" ".join(words[:count]) for count in range(2, len(words)))
    return frozenset(found)


def is_latin(text: str) -> bool:
    """True when every letter is Latin script: gazetteer names in other scripts cannot occur in English text."""
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


# Folded keys let romanisations of Arabic, Somali, Sahelian and Burmese names meet: GeoNames writes
# "Ceeldheer", "Xarardheere", "Ad Dindar", "Qa'tabah", "Kyauk Taw" where the press writes "Ceel Dheer",
# "Harardhere", "Dinder", "Qatabah", "Kyauktaw". Words join (Burmese syllables, Somali compounds); a
# leading Arabic article is optional; Somali x (Arabic h) and c (ayn) and French ch/dj/ou fold to the
# press's letters; vowels fold to one, doubled letters to one, a final vowel and ta marbuta's h drop.
# Only entries of FOLD_COUNTRIES are indexed this way, and geocode.py takes a folded match only in a
# country the article names.
FOLD_COUNTRIES = frozenset(
    "SY IQ YE SD SS PS LB JO LY EG SA TN DZ MA MR OM AE QA KW BH TD SO DJ ER ML NE BF MM AF".split())
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "en", "er", "es", "ez", "ul",
                      "ud"})
_FOLD_DIGRAPHS = (("ch", "S"), ("sh", "S"), ("dj", "j"), ("dh", "d"), ("kh", "h"), ("gh", "g"), ("th", "t"),
                  ("ph", "f"), ("x", "h"), ("q", "k"))
_AYN = re.compile(r"c(?=[aeiouy])")
_VOWELS = re.compile(r"[aeiouy]+")


def _fold(text: str) -> str:
    for old, new in _FOLD_DIGRAPHS:
        text = text.replace(old, new)
    text = _DOUBLED.sub(r"\1", _VOWELS.sub("a", _AYN.sub("", text).replace("c", "k")))
    if text.endswith("ah"):
        text = text[:-1]
    return text[:-1] if len(text) > 4 and text.endswith("a") else text


def fold_keys(key: str) -> tuple[str, ...]:
    """Folded forms of a name key (name_key's output): all its words, and without a leading article."""
    words = key.split()
    if not words:
        return ()
    if len(words) > 1 and words[0] in ARTICLES:
        return _fold("al" + "".join(words[1:])), _fold("".join(words[1:]))
    return (_fold("".join(words)),)
