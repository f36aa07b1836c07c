"""The words an article is about, for text similarity between articles (related coverage).

Plain Python, no Django: ``term_counts`` turns a text into counts of its content words, and ``weighted`` turns counts
into a TF-IDF vector given how many articles use each term. Cosine similarity of two such vectors is their dot
product, since each is scaled to length one.

Terms are lower-cased words of three letters or more, with a plural's final "s" folded ("sanctions" and "sanction"
are one term) and the function words of English prose left out. Headline and standfirst count double: they say what
the piece is about. Numbers are no terms ("2024" in two pieces says nothing of their subject).
"""

import math
import re
from collections import Counter

WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
VECTOR_TERMS = 60  # terms kept per article: enough to compare pieces, small enough to read 60 at once
MIN_LENGTH = 3
MAX_LENGTH = 40

# Function words and the reporting vocabulary every analysis piece shares ("said", "according"): they make every pair
# of pieces look alike.
_STOP_WORDS = """
    about above across after again against all almost along already also although always among and another any
    anyone anything are around because been before being below between both but can cannot could did does doing done
    down during each either else enough even ever every few for from further had has have having her here hers herself
    him himself his how however into its itself just last least less let like made make many may might more most much
    must near neither never new next nor not now off often once one only onto other others our ours ourselves out over
    own per perhaps rather said same says see seen several she should since some still such than that the their theirs
    them themselves then there these they this those though three through thus too two under until upon very was way
    were what whatever when where whether which while who whom whose why will with within without would yet you your
    yours according told tell asked say year years time times week weeks month months day days today first second
    third mr mrs ms also its it's isn't don't doesn't didn't won't can't there's that's what's
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _term(word: str) -> str | None:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < MIN_LENGTH or len(word) > MAX_LENGTH or word in STOP_WORDS:
        return None
    # A plural's final s, not that of "gas", "crisis", "status" or "process".
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def term_counts(headline: str, standfirst: str, body: str) -> Counter:
    counts: Counter = Counter()
    for text, weight in ((headline, 2), (standfirst, 2), (body, 1)):
        for match in WORD.finditer(text or ""):
            if term := _term(match.group()):
                counts[term] += weight
    return counts


def idf(documents_with_term: int, documents: int) -> float:
    """Smoothed inverse document frequency: a term in every article still weighs a little, an unseen one the most."""
    return math.log((1 + documents) / (1 + documents_with_term)) + 1


def weighted(counts: Counter, document_frequency: dict[str, int], documents: int) -> dict[str, float]:
    """The ``VECTOR_TERMS`` heaviest terms by TF-IDF (sublinear term frequency), scaled to length one."""
    weights = {
        term: (1 + math.log(count)) * idf(document_frequency.get(term, 0), documents) for term, count in counts.items()
    }
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_TERMS]
    norm = math.sqrt(sum(weight * weight for _term, weight in top))
    return {term: round(weight / norm, 5) for term, weight in top} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Similarity of two vectors from ``weighted`` (each of length one): 0 (no term shared) to 1."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())
