"""Free text as sets of Dutch word stems, and the similarity between two such sets.

Stems come from the Snowball Dutch stemmer (the same algorithm as PostgreSQL's ``dutch``
dictionary), so "tuinieren", "tuinen" and "tuin" meet. The similarity of two texts is the cosine
of their binary term vectors: common stems / sqrt(stems in one × stems in the other). It is
computed the same way, with the same floating-point operations, by the engine and by the
reference implementation.
"""

import math
import re
from functools import lru_cache

import snowballstemmer

# The Snowball project's Dutch stop word list, plus words every vacancy and profile shares.
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
    jij jou jouw wij we onze graag vrijwilliger vrijwilligers vrijwilligerswerk
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The words of a text that carry meaning, lower-case, in order."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


# The engine counts the stems two texts share in 16 bits (``kernel._counts``); no prose has this
# many different words, so a text's stems stop there.
MAX_TERMS = 60_000


def terms(text: str) -> frozenset[str]:
    """The set of stems of a text (the first ``MAX_TERMS``)."""
    found = set()
    for word in words(text):
        found.add(stem(word))
        if len(found) == MAX_TERMS:
            break
    return frozenset(found)


def similarity(common: int, size_a: int, size_b: int) -> float:
    """Cosine of two binary term vectors, from the number of common terms and both sizes."""
    if not common:
        return 0.0
    return common / math.sqrt(size_a * size_b)


def matched_words(text: str, wanted: frozenset[str], limit: int = 3) -> list[str]:
    """Words of ``text`` whose stem is in ``wanted``: what a reason can quote."""
    found: list[str] = []
    seen: set[str] = set()
    for w in words(text):
        s = stem(w)
        if s in wanted and s not in seen:
            seen.add(s)
            found.append(w)
            if len(found) == limit:
                break
    return found
