"""How a concept is written in lexicon.py: entries separated by "|", phrases with spaces."""


def words(text: str) -> frozenset[str]:
    return frozenset(w.strip().replace("_", " ") for w in text.split("|") if w.strip())
