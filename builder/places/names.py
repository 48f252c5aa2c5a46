"""Name keys: the one folding shared by the gazetteer compiler and the matcher, so that
"Kup'yans'k", "Kupyansk" and "KUPYANSK" meet on one key and "Ivano-Frankivsk" on "ivano frankivsk"."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes and okina-like marks vanish inside a name (Kup'yans'k, Khuzā‘ah); other punctuation splits words.
_VANISH = dict.fromkeys(map(ord, "'’‘ʼʻ`´ʹ′"), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose into a base letter and a mark.
_LATIN_EXTRA = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
                              "ħ": "h", "ŧ": "t", "ŀ": "l"})


def name_key(text: str) -> str:
    """Casefolded, accent-free, apostrophe-free words joined by single spaces ('' for non-Latin text)."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_VANISH)).translate(_LATIN_EXTRA)
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", ascii_only).split())


def is_latin(text: str) -> bool:
    """True when every letter is Latin script: gazetteer names in other scripts cannot occur in English text."""
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True
