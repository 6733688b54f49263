"""What a setting may be: the settings of a check as data (`Config`), and the checks every
value passes, whether it comes from a settings file (`config_from_mapping`, errors at
`file:line:col`) or from the command line (`with_options`: --select, --ignore, --preview).
Reading and finding the files is `settings`' part.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field, replace
from typing import Callable

from cyclemap.format.diagnostics import Severity, shown
from cyclemap.format.i18n import Number, Text, _, join


# -- what settings are checked against: the rule catalogue, which the engine owns ------
# The format layer knows no rule (layers: format -> engine -> outputs -> cli). The engine
# plugs its catalogue in when it is imported (cyclemap/engine/__init__.py).

_CATALOGUE: dict[str, Callable[[], object]] = {}


def use_catalogue(codes: Callable[[], list[str]], thresholds: Callable[[], dict]) -> None:
    """Plug in the rule catalogue: `codes()` every rule code a setting may name, in catalogue
    order; `thresholds()` every threshold by name (objects with `default`, `minimum`,
    `whole`, `inclusive`: `engine.rules.Threshold`)."""
    _CATALOGUE.update(codes=codes, thresholds=thresholds)


def _catalogue(part: str):
    if part not in _CATALOGUE:
        raise RuntimeError("no rule catalogue: import cyclemap.engine before reading settings")
    return _CATALOGUE[part]()


def thresholds() -> dict:
    """Every threshold by name (`rules.Threshold`): each is declared beside the rule that
    uses it (e.g. `gap_margin` in cm105_expectation_gap.py), gathered from the catalogue."""
    return _catalogue("thresholds")


@dataclass
class Config:
    select: frozenset[str] | None = None  # None: every rule enabled by default
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)  # set by the user; the rest default
    source: str | None = None  # the file these settings came from, if any
    exclude: tuple[str, ...] = ()  # patterns (as --exclude) relative to the settings file's folder
    preview: bool = False  # run the preview rules too (new rules, not yet promoted by a release)

    def threshold(self, name: str) -> float:
        if name in self.thresholds:
            return self.thresholds[name]
        return thresholds()[name].default


CONFIG_KEYS = ("select", "ignore", "severity", "thresholds", "exclude", "preview")
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """A setting that cannot be used: an unknown code or key, a wrong value. Carries where
    it came from (`file:line`, or the command-line option) so the message can point there."""

    def __init__(self, text: Text, origin: str | None = None):
        self.origin = origin
        self.text: Text = join([origin, text], ": ") if origin else text
        super().__init__(self.text("en"))


def known_codes() -> list[str]:
    return list(_catalogue("codes"))


def closest_code(code: object) -> str | None:
    """The rule code `code` was meant to be (CM1O4, a letter O: CM104; CM10: nearest), or None:
    the one did-you-mean for rule codes (settings, --select/--ignore, `cyclemap explain`)."""
    codes = known_codes()
    guess = str(code)[:20].strip().upper()
    fixed = "CM" + guess[2:].replace("O", "0") if guess.startswith("CM") else guess
    close = [fixed] if fixed in codes else difflib.get_close_matches(guess, codes, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_code(code: object, origin: str, where: str) -> ConfigError:
    close = closest_code(code)
    if close:
        message = _("unknown rule code {code} in {where} (did you mean {guess}?)").format(guess=close)
    else:
        message = _("unknown rule code {code} in {where} (`cyclemap rules` lists the codes)")
    return ConfigError(message.format(code=_short(code), where=where), origin)


def parse_codes(value: object, origin: str, where: str) -> frozenset[str]:
    """Codes from a list or a comma-separated text; any unknown code is an error."""
    if isinstance(value, str):
        items = [part for part in value.split(",")]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise ConfigError(_("{where} must be a list of rule codes").format(where=where), origin)
    codes = set(known_codes())
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise _unknown_code(item, origin, where)
        code = item.strip().upper()
        if not code:
            continue
        if code not in codes:
            # A prefix selects a family: CM1 = every CM1xx rule, CM10 = CM101..CM109.
            family = [c for c in codes if c.startswith(code)] if re.fullmatch(r"CM\d{1,2}", code) else []
            if not family:
                raise _unknown_code(item.strip(), origin, where)
            out.update(family)
            continue
        out.add(code)
    return frozenset(out)


def _unknown(word: object, choices: tuple[str, ...], close: Text, known: Text) -> Text:
    """`close` (with `{guess}`) when `word` looks like one of `choices`, else `known`
    (with `{known}`, the choices listed); both with `{word}`."""
    found = difflib.get_close_matches(str(word)[:40], choices, n=1, cutoff=0.6)
    if found:
        return close.format(word=_word(word), guess=found[0])
    return known.format(word=_word(word), known=", ".join(choices))


def config_from_mapping(data: object, source: str, line_of: "Callable[[tuple[str, ...]], int | None]") -> Config:
    """Validate settings read from a file. `line_of(("severity", "CM104"))` says on which
    line a key was written, so errors can say `file:line`."""

    def origin(*keys: str) -> str:
        place = line_of(keys)
        if isinstance(place, tuple):
            return f"{source}:{place[0]}:{place[1]}"
        return f"{source}:{place}" if place else source

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(_("the settings must be a mapping of keys (select, ignore, severity, thresholds)"), origin())
    config = Config(source=source)
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            raise ConfigError(_unknown(key, CONFIG_KEYS, _("unknown key `{word}` (did you mean `{guess}`?)"),
                                       _("unknown key `{word}` (known: {known})")), origin(str(key)))
        _SETTING_READERS[key](config, key, value, origin)
    return config


# Each key of a settings file, read into `config`: (config, key, value, origin) where
# origin(*keys) says `file:line:col` of a key, for the error that names it.

def _set_codes(config: Config, key: str, value: object, origin) -> None:
    codes = parse_codes(value, origin(key), f"`{key}`")
    if key == "select":
        config.select = codes
    else:
        config.ignore = codes


def _set_preview(config: Config, key: str, value: object, origin) -> None:
    if not isinstance(value, bool):
        raise ConfigError(_("`preview` must be true or false, not {value}").format(value=_short(value)),
                          origin(key))
    config.preview = value


def _set_exclude(config: Config, key: str, value: object, origin) -> None:
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise ConfigError(_("`exclude` must be a list of path patterns, e.g. [drafts, \"*-old.yaml\"]"),
                          origin(key))
    config.exclude = tuple(p.strip() for p in patterns)


def _set_severity(config: Config, key: str, value: object, origin) -> None:
    if not isinstance(value, dict):
        raise ConfigError(_("`severity` must map rule codes to error, warning or info"), origin(key))
    for code, level in value.items():
        family = sorted(parse_codes([str(code)], origin(key, str(code)), "`severity`"))  # a code or a prefix
        if not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
            raise ConfigError(_("the severity of {code} must be error, warning or info, not {value}").format(
                code=code, value=_short(level)), origin(key, str(code)))
        for known in family:
            config.severity[known] = Severity(level.strip().lower())


def _set_thresholds(config: Config, key: str, value: object, origin) -> None:
    if not isinstance(value, dict):
        raise ConfigError(_("`thresholds` must map names to numbers"), origin(key))
    for name, number in value.items():
        config.thresholds[name] = _threshold(name, number, origin(key, str(name)))


def _threshold(name: object, number: object, where: str) -> float:
    """A threshold's value as the settings give it, checked against its declaration
    (a known name; a whole number, a share of 0..1 or a number above its minimum)."""
    known = thresholds()
    if name not in known:
        raise ConfigError(_unknown(name, tuple(known), _("unknown threshold `{word}` (did you mean `{guess}`?)"),
                                   _("unknown threshold `{word}` (known: {known})")), where)
    minimum, whole = known[name].minimum, known[name].whole
    ok = isinstance(number, (int, float)) and not isinstance(number, bool) and _finite(number)
    if ok and whole:
        ok = float(number).is_integer() and number >= minimum
    elif ok:
        ok = number >= minimum if known[name].inclusive else number > minimum
    share = getattr(known[name], "share", False)  # a share of customers: 0..1
    if ok and share and not 0 <= number <= 1:
        raise ConfigError(_("the threshold `{name}` is a share and must be between 0 and 1, not {value}").format(
            name=name, value=_short(number)), where)
    if not ok:
        if whole:
            message = _("the threshold `{name}` must be a whole number of at least {minimum}, not {value}")
        else:
            message = _("the threshold `{name}` must be a positive number, not {value}")
        raise ConfigError(message.format(name=name, minimum=Number(minimum, 6), value=_short(number)), where)
    return float(number)


_SETTING_READERS = {"select": _set_codes, "ignore": _set_codes, "preview": _set_preview, "exclude": _set_exclude,
                    "severity": _set_severity, "thresholds": _set_thresholds}


def with_options(config: Config, select: str | None = None, ignore: str | None = None,
                 preview: bool = False) -> Config:
    """The command line's --select/--ignore replace the file's lists; --preview turns the
    preview rules on whatever the file says."""
    if preview:
        config = replace(config, preview=True)
    if select is not None:
        config = replace(config, select=parse_codes(select, None, "--select"))
    if ignore is not None:
        config = replace(config, ignore=parse_codes(ignore, None, "--ignore"))
    return config


def _finite(number: float) -> bool:
    """A number a threshold can be: finite as a float (a 400-digit integer, inf and nan
    are not) and within ±10**12, far beyond any meaningful threshold."""
    try:
        value = float(number)
    except OverflowError:
        return False
    return math.isfinite(value) and abs(value) <= 1e12


def _word(value: object) -> str:
    text = str(value)
    return shown(text if len(text) <= 40 else text[:37] + "...")


def _short(value: object, limit: int = 40) -> str | Text:
    """A value from a settings file as it may appear in a message: one line, cut short."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 30:
        return _("a number of more than 30 digits")
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return shown(text)
