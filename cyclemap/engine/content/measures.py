"""Numbers, times and counts a text states, in digits or in words (text2num)."""

from __future__ import annotations

import re

from cyclemap.engine.content.lemmas import plain
from cyclemap.engine.content.reading import _concept, _Read

# -- numbers, times, counts ------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w])(\d+(?:[.,:]\d+)?)\s*(%|st|nd|rd|th|º|ª|ᵒˢ|o|a)?(?![\w])|(\d+)([a-z]+)")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2}|\s?(?:h|am|pm)\b)")
_SECONDS = re.compile(r"\b(segundos?|seconds?)\b", re.IGNORECASE)
_ORDINAL_SUFFIX = ("st", "nd", "rd", "th", "º", "ª", "ᵒˢ")
_ONE = frozenset({"un", "una", "uno", "um", "uma", "a", "an", "one", "media", "meia", "half"})


def _to_digits(text: str, lang: str) -> str:
    """Numbers written in words as digits (text2num), "segundos" kept a time unit."""
    try:
        from text_to_num import alpha2digit
    except ImportError:  # pragma: no cover - a declared dependency; digits still count
        return text
    masked = _SECONDS.sub(lambda m: "SECSX" if m.group(0).lower().endswith("s") else "SECX", text)
    try:
        converted = alpha2digit(masked.replace("-", " "), lang, threshold=0)
    except Exception:  # pragma: no cover - text2num refuses odd input; keep the text
        converted = masked
    return converted.replace("SECSX", "segundos").replace("SECX", "segundo")


def _measures(r: _Read) -> tuple[list[str], list[str], list[str], bool]:
    """(numbers, times, counts, soon) stated by the text."""
    numbers: list[str] = []
    times: list[str] = []
    counts: list[str] = []
    had_digits = bool(re.search(r"\d", r.text))
    converted = _to_digits(r.text, r.lang)
    conv = _Read(converted, r.lang)
    units, _ = _concept("TIME_UNIT")
    events, _ = _concept("EVENT")
    words = conv.words
    for i, w in enumerate(words):
        m = re.fullmatch(r"(\d+(?:[.,:]\d+)?)(%|st|nd|rd|th|º|ª|ᵒˢ)?([a-z]*)", w)
        if not m:
            continue
        ordinal = bool(m.group(2)) and m.group(2) != "%"
        glued = m.group(3)  # "24h", "15min"
        following = [x for x in words[i + 1:i + 4]]
        lemmas_next = conv.lemmas[i + 1:i + 4]
        unit_next = glued in units or any(x in units for x in following[:2]) or any(x in units for x in lemmas_next[:2])
        event_next = any(x in events for x in following[:2]) or any(x in events for x in lemmas_next[:2])
        value = m.group(1)
        from_words = not had_digits
        if ordinal:
            if event_next:
                counts.append(w + " " + " ".join(following[:1]))
            continue
        if from_words and value == "1" and not unit_next:
            if event_next:
                counts.append(w + " " + " ".join(following[:1]))  # "in one visit"
            continue  # an article ("un cliente", "uma boa experiência"), not a number
        numbers.append(w)
        if unit_next:
            times.append(" ".join([w] + following[:1]))
    if _CLOCK.search(plain(r.text)):
        times.append(_CLOCK.search(plain(r.text)).group(0))
    # "in an hour", "media hora", "half a day": one unit without a digit
    for i, w in enumerate(r.words[:-1]):
        nxt = r.words[i + 1:i + 3]
        if w in _ONE and (nxt[0] in units and len(nxt[0]) > 2 or (len(nxt) > 1 and nxt[0] in ("an", "a") and nxt[1] in units)):
            times.append(f"{w} {nxt[0]}")
    for s in r.hits("DEADLINE"):
        times.append(r.span(s))
    for s in r.hits("EVENT"):  # "antes del segundo timbre": an ordinal word before an event
        if s[0] > 0 and r.words[s[0] - 1] in _ORDINAL_WORDS:
            counts.append(r.span((s[0] - 1, s[1])))
    for s in r.hits("ALL_OF"):
        counts.append(r.span(s))
    if re.search(r"\b(cero|zero)\b", plain(r.text)):
        numbers.append("0")
    return numbers, times, counts, r.has("SOON")


_ORDINAL_WORDS = frozenset({
    "primer", "primero", "primera", "segundo", "segunda", "tercer", "tercero", "tercera", "cuarto", "quinto",
    "primeiro", "primeira", "terceiro", "terceira", "quarto", "quinta", "first", "second", "third", "fourth", "fifth"})
