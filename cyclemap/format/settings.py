"""Settings that shape a check: which rules run, at what severity, with what thresholds.

This module holds the settings as data, and reads them from `.cyclemap.yaml` or
`[tool.cyclemap]` in pyproject.toml (the nearest one walking up from the checked file);
the command line's --select/--ignore replace the file's lists. Every unknown key, code or
threshold is a `ConfigError` that names the file and line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cyclemap.format.diagnostics import Severity


def thresholds() -> dict:
    """Every threshold by name (`rules.Threshold`): each is declared beside the rule that
    uses it (e.g. `gap_margin` in cm105_expectation_gap.py), gathered from the catalogue."""
    from cyclemap.engine.rules import all_thresholds

    return all_thresholds()


@dataclass
class Config:
    select: frozenset[str] | None = None  # None: every rule enabled by default
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)  # set by the user; the rest default
    source: str | None = None  # the file these settings came from, if any
    exclude: tuple[str, ...] = ()  # patterns (as --exclude) relative to the settings file's folder

    def threshold(self, name: str) -> float:
        if name in self.thresholds:
            return self.thresholds[name]
        return thresholds()[name].default


# -- reading settings from files ------------------------------------------------------

CONFIG_FILES = (".cyclemap.yaml", ".cyclemap.yml")
CONFIG_KEYS = ("select", "ignore", "severity", "thresholds", "exclude")
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """A setting that cannot be used: an unknown code or key, a wrong value. Carries where
    it came from (`file:line`, or the command-line option) so the message can point there."""

    def __init__(self, en: str, es: str, origin: str | None = None):
        self.origin = origin
        self.en = f"{origin}: {en}" if origin else en
        self.es = f"{origin}: {es}" if origin else es
        super().__init__(self.en)


def known_codes() -> list[str]:
    from cyclemap.engine.rules import all_rules

    return list(all_rules())


def _unknown_code(code: object, origin: str, where: str) -> ConfigError:
    import difflib

    codes = known_codes()
    guess = str(code).strip().upper()
    fixed = "CM" + guess[2:].replace("O", "0") if guess.startswith("CM") else guess  # CM1O4: a letter O
    close = [fixed] if fixed in codes else difflib.get_close_matches(guess, codes, n=1, cutoff=0.6)
    tip_en = f" (did you mean {close[0]}?)" if close else " (`cyclemap rules` lists the codes)"
    tip_es = f" (¿quiso decir {close[0]}?)" if close else " (`cyclemap rules` lista los códigos)"
    return ConfigError(f"unknown rule code {code!r} in {where}{tip_en}",
                       f"código de regla desconocido {code!r} en {where}{tip_es}", origin)


def parse_codes(value: object, origin: str, where: str) -> frozenset[str]:
    """Codes from a list or a comma-separated text; any unknown code is an error."""
    if isinstance(value, str):
        items = [part for part in value.split(",")]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise ConfigError(f"{where} must be a list of rule codes", f"{where} debe ser una lista de códigos de regla", origin)
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


def _did_you_mean(word: str, choices: tuple[str, ...]) -> tuple[str, str]:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean `{close[0]}`?)", f" (¿quiso decir `{close[0]}`?)"
    return f" (known: {', '.join(choices)})", f" (conocidas: {', '.join(choices)})"


def config_from_mapping(data: object, source: str, line_of: "Callable[[tuple[str, ...]], int | None]") -> Config:
    """Validate settings read from a file. `line_of(("severity", "CM104"))` says on which
    line a key was written, so errors can say `file:line`."""

    def origin(*keys: str) -> str:
        line = line_of(keys)
        return f"{source}:{line}" if line else source

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("the settings must be a mapping of keys (select, ignore, severity, thresholds)",
                          "la configuración debe ser un mapa de claves (select, ignore, severity, thresholds)", origin())
    config = Config(source=source)
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            en, es = _did_you_mean(str(key), CONFIG_KEYS)
            raise ConfigError(f"unknown key `{key}`{en}", f"clave desconocida `{key}`{es}", origin(str(key)))
        if key in ("select", "ignore"):
            codes = parse_codes(value, origin(key), f"`{key}`")
            if key == "select":
                config.select = codes
            else:
                config.ignore = codes
        elif key == "exclude":
            patterns = [value] if isinstance(value, str) else value
            if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
                raise ConfigError("`exclude` must be a list of path patterns, e.g. [drafts, \"*-old.yaml\"]",
                                  "`exclude` debe ser una lista de patrones de ruta, p. ej. [borradores, \"*-viejo.yaml\"]",
                                  origin(key))
            config.exclude = tuple(p.strip() for p in patterns)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("`severity` must map rule codes to error, warning or info",
                                  "`severity` debe asociar códigos de regla a error, warning o info", origin(key))
            for code, level in value.items():
                family = sorted(parse_codes([str(code)], origin(key, str(code)), "`severity`"))  # a code or a prefix
                if not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
                    raise ConfigError(f"the severity of {code} must be error, warning or info, not {level!r}",
                                      f"la severidad de {code} debe ser error, warning o info, no {level!r}",
                                      origin(key, str(code)))
                for known in family:
                    config.severity[known] = Severity(level.strip().lower())
        elif key == "thresholds":
            if not isinstance(value, dict):
                raise ConfigError("`thresholds` must map names to numbers", "`thresholds` debe asociar nombres a números", origin(key))
            for name, number in value.items():
                where = origin(key, str(name))
                known = thresholds()
                if name not in known:
                    en, es = _did_you_mean(str(name), tuple(known))
                    raise ConfigError(f"unknown threshold `{name}`{en}", f"umbral desconocido `{name}`{es}", where)
                minimum, whole = known[name].minimum, known[name].whole
                ok = isinstance(number, (int, float)) and not isinstance(number, bool) and number == number
                if ok and whole:
                    ok = float(number).is_integer() and number >= minimum
                elif ok:
                    ok = number >= minimum if known[name].inclusive else number > minimum
                if not ok:
                    kind_en = f"a whole number of at least {minimum:g}" if whole else "a positive number"
                    kind_es = f"un número entero de al menos {minimum:g}" if whole else "un número positivo"
                    raise ConfigError(f"the threshold `{name}` must be {kind_en}, not {number!r}",
                                      f"el umbral `{name}` debe ser {kind_es}, no {number!r}", where)
                config.thresholds[name] = float(number)
    return config


def read_config_file(path: str | Path) -> Config:
    """Settings from `.cyclemap.yaml` (the whole file) or `pyproject.toml` (its
    `[tool.cyclemap]` table; a pyproject without one gives the defaults)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the settings file ({exc.strerror})",
                          f"no se puede leer el archivo de configuración ({exc.strerror})", str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("the settings file is not UTF-8", "el archivo de configuración no está en UTF-8", str(path))
    if path.suffix == ".toml":
        return _read_toml(text, str(path))
    return _read_yaml(text, str(path))


def _read_yaml(text: str, source: str) -> Config:
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}",
                          f"no es YAML válido: {getattr(exc, 'problem', exc)}", where)

    def line_of(keys: tuple[str, ...]) -> int | None:
        current, line = node, None
        for key in keys:
            if not isinstance(current, yaml.MappingNode):
                break
            for k, v in current.value:
                if str(k.value) == key:
                    line, current = k.start_mark.line + 1, v
                    break
            else:
                break
        if line is None and node is not None:
            line = node.start_mark.line + 1
        return line

    return config_from_mapping(data, source, line_of)


def _read_toml(text: str, source: str) -> Config:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", f"no es TOML válido: {exc}", source)
    section = data.get("tool", {}).get("cyclemap") if isinstance(data.get("tool"), dict) else None
    if section is None:
        return Config(source=source)
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if l.strip().startswith("[tool.cyclemap")), 0)

    def line_of(keys: tuple[str, ...]) -> int | None:
        # tomllib keeps no positions: find the key's line after the section header.
        for i in range(start, len(lines)):
            stripped = lines[i].strip()
            if keys and (stripped.startswith(keys[-1]) or f'"{keys[-1]}"' in stripped or f"'{keys[-1]}'" in stripped
                         or (len(keys) == 1 and stripped.startswith(f"[tool.cyclemap.{keys[0]}"))):
                return i + 1
        return start + 1

    return config_from_mapping(section, source, line_of)


def has_cyclemap_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.strip().startswith("[tool.cyclemap") for line in text.splitlines())


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


def with_options(config: Config, select: str | None = None, ignore: str | None = None) -> Config:
    """The command line's --select/--ignore replace the file's lists."""
    from dataclasses import replace

    if select is not None:
        config = replace(config, select=parse_codes(select, None, "--select"))
    if ignore is not None:
        config = replace(config, ignore=parse_codes(ignore, None, "--ignore"))
    return config


class ConfigFinder:
    """Settings per checked file: an explicit `--config` file for all, or the nearest one
    found walking up from each file (read once per settings file)."""

    def __init__(self, explicit: str | None = None, select: str | None = None, ignore: str | None = None):
        self.select = select
        self.ignore = ignore
        self._cache: dict[Path | None, Config] = {}
        self.explicit = Path(explicit) if explicit else None
        # Check the options once up front, so a bad code is an error even with no file.
        with_options(Config(), select, ignore)
        if self.explicit is not None:
            if not self.explicit.is_file():
                raise ConfigError("no such settings file", "no existe el archivo de configuración", str(explicit))
            self.for_file(".")

    def source_for(self, path: str | Path) -> str | None:
        """The settings file that applies to `path`, or None."""
        source = self.explicit if self.explicit is not None else find_config_file(path)
        return str(source) if source is not None else None

    def for_file(self, path: str | Path) -> Config:
        source = self.explicit if self.explicit is not None else find_config_file(path)
        if source not in self._cache:
            base = read_config_file(source) if source is not None else Config()
            self._cache[source] = with_options(base, self.select, self.ignore)
        return self._cache[source]
