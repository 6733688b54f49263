"""Settings that shape a check: which rules run, at what severity, with what thresholds.

This module holds the settings as data, and reads them from `.cyclemap.yaml` or
`[tool.cyclemap]` in pyproject.toml (the nearest one walking up from the checked file);
the command line's --select/--ignore replace the file's lists. Every unknown key, code or
threshold is a `ConfigError` that names the file and line it came from.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cyclemap.format.diagnostics import Severity, shown
from cyclemap.format.i18n import Number, Text, _, _p, join


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


# -- reading settings from files ------------------------------------------------------

CONFIG_FILES = (".cyclemap.yaml", ".cyclemap.yml")
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
        if key in ("select", "ignore"):
            codes = parse_codes(value, origin(key), f"`{key}`")
            if key == "select":
                config.select = codes
            else:
                config.ignore = codes
        elif key == "preview":
            if not isinstance(value, bool):
                raise ConfigError(_("`preview` must be true or false, not {value}").format(value=_short(value)),
                                  origin(key))
            config.preview = value
        elif key == "exclude":
            patterns = [value] if isinstance(value, str) else value
            if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
                raise ConfigError(_("`exclude` must be a list of path patterns, e.g. [drafts, \"*-old.yaml\"]"),
                                  origin(key))
            config.exclude = tuple(p.strip() for p in patterns)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(_("`severity` must map rule codes to error, warning or info"), origin(key))
            for code, level in value.items():
                family = sorted(parse_codes([str(code)], origin(key, str(code)), "`severity`"))  # a code or a prefix
                if not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
                    raise ConfigError(_("the severity of {code} must be error, warning or info, not {value}").format(
                        code=code, value=_short(level)), origin(key, str(code)))
                for known in family:
                    config.severity[known] = Severity(level.strip().lower())
        elif key == "thresholds":
            if not isinstance(value, dict):
                raise ConfigError(_("`thresholds` must map names to numbers"), origin(key))
            for name, number in value.items():
                where = origin(key, str(name))
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
                config.thresholds[name] = float(number)
    return config


# A settings file is a few lines; a megabyte is far more than any needs, and bounds what
# a hostile one can make us read. Aliases are refused: a settings file has no use for
# them, and expanding them is how 488 bytes became 4 GB (docs/security.md, "Settings").
MAX_SETTINGS_BYTES = 1024 * 1024


def _read_settings_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file of at most MAX_SETTINGS_BYTES (never waiting on a
    FIFO, never reading a device)."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ConfigError(_CANNOT_READ.format(reason=exc.strerror), shown(path))
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(_("the settings file is not a regular file (a folder, device, pipe or socket)"), shown(path))
        if st.st_size > MAX_SETTINGS_BYTES:
            raise ConfigError(_TOO_LARGE, shown(path))
        try:
            return handle.read(MAX_SETTINGS_BYTES + 1)
        except OSError as exc:
            raise ConfigError(_CANNOT_READ.format(reason=exc.strerror), shown(path))


_CANNOT_READ = _("cannot read the settings file ({reason})")
_TOO_LARGE = _("the settings file is too large (the limit is {limit} KB)").format(limit=MAX_SETTINGS_BYTES // 1024)


def _finite(number: float) -> bool:
    """A number a threshold can be: finite as a float (a 400-digit integer, inf and nan
    are not) and within ±10**12, far beyond any meaningful threshold."""
    import math

    try:
        value = float(number)
    except OverflowError:
        return False
    return math.isfinite(value) and abs(value) <= 1e12


def read_config_file(path: str | Path) -> Config:
    """Settings from `.cyclemap.yaml` (the whole file) or `pyproject.toml` (its
    `[tool.cyclemap]` table, however TOML spells it; a pyproject without one gives the
    defaults)."""
    path = Path(path)
    raw = _read_settings_bytes(path)
    if len(raw) > MAX_SETTINGS_BYTES:
        raise ConfigError(_TOO_LARGE, shown(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(_("the settings file is not UTF-8"), f"{shown(path)}:{line}:{col}")
    if path.suffix == ".toml":
        return _read_toml(text, shown(path))
    return _read_yaml(text, shown(path))


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


def _read_yaml(text: str, source: str) -> Config:
    """A `.cyclemap.yaml`, by the cycle loader's rules (`format.reader.compose`: bounded
    depth and size, no tag constructs anything), with no aliases and no repeated keys."""
    import yaml

    from cyclemap.format.yaml_safe import compose

    node, problems = compose(text, source)
    if problems:
        d = problems[0]
        raise ConfigError(_p("in a settings file", "not valid YAML: {problem}").format(problem=d.message), f"{source}:{d.pos.line}:{d.pos.col}")
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    seen: set[int] = set()
    constructor = yaml.constructor.SafeConstructor()

    def where(n: yaml.Node) -> str:
        return f"{source}:{n.start_mark.line + 1}:{n.start_mark.column + 1}"

    def value_of(n: yaml.Node, keys: tuple[str, ...]) -> object:
        if id(n) in seen:
            raise ConfigError(_("the value written here is used again through an alias (`*name`); aliases are not "
                                "allowed in a settings file: write each value out"), where(n))
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            out: dict = {}
            for k, v in n.value:
                if not isinstance(k, yaml.ScalarNode):
                    raise ConfigError(_("a key must be a plain word"), where(k))
                key = k.value
                if key in out:
                    raise ConfigError(_("the key `{key}` is repeated (YAML keeps only one of them)").format(
                        key=shown(key[:40])), where(k))
                positions[keys + (key,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
                out[key] = value_of(v, keys + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [value_of(item, keys) for item in n.value]
        try:
            return constructor.construct_object(n, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise ConfigError(_("cannot read the value ({problem})").format(problem=shown(str(exc)[:80])),
                              where(n)) from None

    data = value_of(node, ()) if node is not None else None

    def line_of(keys: tuple[str, ...]) -> tuple[int, int] | None:
        for n in range(len(keys), 0, -1):
            if keys[:n] in positions:
                return positions[keys[:n]]
        return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else None

    return config_from_mapping(data, source, line_of)


def _toml_table(data: dict) -> object:
    tool = data.get("tool")
    return tool.get("cyclemap") if isinstance(tool, dict) else None


def _read_toml(text: str, source: str) -> Config:
    """`[tool.cyclemap]` from a pyproject.toml, read from tomllib's parsed tables, so every
    TOML spelling counts: a `[tool.cyclemap]` header, dotted keys
    (`tool.cyclemap.select = [...]`) or an inline table (`[tool]` `cyclemap = {...}`)."""
    import re
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            where = f"{source}:{found.group(1)}:{found.group(2)}"
        else:  # "(at end of document)"
            lines = text.split("\n")
            where = f"{source}:{len(lines)}:{len(lines[-1]) + 1}"
        message = re.sub(r"(?<!\s)\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise ConfigError(_("not valid TOML: {problem}").format(problem=shown(message)), where)
    section = _toml_table(data)
    if section is None:
        return Config(source=source)
    lines = text.splitlines()

    def line_of(keys: tuple[str, ...]) -> tuple[int, int] | None:
        # tomllib keeps no positions: find where the key is written (after a header that
        # names the table, or as a dotted key, or inside an inline table).
        header = next((i for i, l in enumerate(lines) if re.match(r"\s*\[\s*tool\s*\.\s*cyclemap\b", l)), None)
        for key in reversed(keys):
            pattern = re.compile(r"(^|[\s{,.\[])[\"']?" + re.escape(key) + r"[\"']?\s*[=.\]]")
            for i in range(header or 0, len(lines)):
                found = pattern.search(lines[i])
                if found:
                    return (i + 1, found.start() + (0 if found.group(1) == "" else 1) + 1)
        if header is not None:
            return (header + 1, 1)
        mention = next((i for i, l in enumerate(lines) if "cyclemap" in l), 0)
        return (mention + 1, 1)

    return config_from_mapping(section, source, line_of)


_TABLE_CACHE: dict[str, tuple[tuple[int, int], bool]] = {}


def has_cyclemap_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has cyclemap settings, in any TOML spelling (parsed, not
    scanned); a pyproject that does not parse is treated as having them, so its error is
    shown rather than silently skipped."""
    import os
    import tomllib

    try:
        st = os.stat(pyproject)
    except OSError:
        return False
    key = str(pyproject)
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _TABLE_CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        text = _read_settings_bytes(pyproject).decode("utf-8-sig")
        answer = _toml_table(tomllib.loads(text)) is not None
    except (ConfigError, UnicodeDecodeError):
        answer = False
    except tomllib.TOMLDecodeError:
        answer = "cyclemap" in text
    _TABLE_CACHE[key] = (stamp, answer)
    return answer


def find_config_file(start: str | Path) -> Path | None:
    """The settings file for a cycle: walking up from its folder, the first `.cyclemap.yaml`
    (or `.yml`), or `pyproject.toml` with a `[tool.cyclemap]` table; None if there is none."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and has_cyclemap_table(pyproject):
            return pyproject
    return None


def with_options(config: Config, select: str | None = None, ignore: str | None = None,
                 preview: bool = False) -> Config:
    """The command line's --select/--ignore replace the file's lists; --preview turns the
    preview rules on whatever the file says."""
    from dataclasses import replace

    if preview:
        config = replace(config, preview=True)
    if select is not None:
        config = replace(config, select=parse_codes(select, None, "--select"))
    if ignore is not None:
        config = replace(config, ignore=parse_codes(ignore, None, "--ignore"))
    return config


class ConfigFinder:
    """Settings per checked file: an explicit `--config` file for all, or the nearest one
    found walking up from each file (read once per settings file)."""

    def __init__(self, explicit: str | None = None, select: str | None = None, ignore: str | None = None,
                 preview: bool = False):
        self.select = select
        self.ignore = ignore
        self.preview = preview
        self._cache: dict[Path | None, Config] = {}
        self._folders: dict[str, Path | None] = {}
        self.explicit = Path(explicit) if explicit else None
        # Check the options once up front, so a bad code is an error even with no file.
        with_options(Config(), select, ignore)
        if self.explicit is not None:
            if not self.explicit.exists():
                raise ConfigError(_("no such settings file"), shown(explicit))
            self.for_file(".")

    def _source(self, path: str | Path) -> Path | None:
        """The settings file for `path`, looked for once per folder of the run (a file
        that is a link is looked up on its own: its folder is where it points)."""
        if self.explicit is not None:
            return self.explicit
        name = os.fspath(path)
        if os.path.islink(name) or os.path.isdir(name):
            return find_config_file(path)
        folder = os.path.dirname(os.path.abspath(name))
        if folder not in self._folders:  # 1,000 files in one folder: one walk, not 3,000 (issue 26)
            self._folders[folder] = find_config_file(path)
        return self._folders[folder]

    def source_for(self, path: str | Path) -> str | None:
        """The settings file that applies to `path`, or None."""
        source = self._source(path)
        return str(source) if source is not None else None

    def for_file(self, path: str | Path) -> Config:
        source = self._source(path)
        if source not in self._cache:
            base = read_config_file(source) if source is not None else Config()
            self._cache[source] = with_options(base, self.select, self.ignore, self.preview)
        return self._cache[source]
