"""Settings that shape a check: which rules run, at what severity, with what thresholds.

This module reads them from `.cyclemap.yaml` or `[tool.cyclemap]` in pyproject.toml (the
nearest one walking up from the checked file); the command line's --select/--ignore
replace the file's lists. The settings as data and the checks on every value are in
`settings_values` (imported from here too). Every unknown key, code or threshold is a
`ConfigError` that names the file and line it came from.
"""

from __future__ import annotations

import os
from pathlib import Path

from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import _, _p
# The settings as data and their checks, imported from here by the engine, the commands and the tests.
from cyclemap.format.settings_values import (  # noqa: F401
    CONFIG_KEYS, SEVERITIES, Config, ConfigError, closest_code, config_from_mapping, known_codes, parse_codes,
    thresholds, use_catalogue, with_options,
)

CONFIG_FILES = (".cyclemap.yaml", ".cyclemap.yml")


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
