"""The GitHub Action's first step (action.yml): check every input before any step uses
it, and write the paths to check as a NUL-separated list to the file $CYCLEMAP_PATHS_FILE.

Runs on the runner's own Python before cyclemap is installed, so: the standard library
only. A bad input is an `::error::` annotation naming the input and exit 2; nothing of
its value is echoed but a short, escaped start (CI logs are public).

- `paths`: one path per line, spaces in a name kept; a single line is split on spaces,
  with "quotes" (or 'quotes') around a name that holds one. A path that starts with `-`
  is passed as `./-...`, so it can never be read as an option.
- `sarif`, `diff-file`: a file name on one line (they are written to step outputs, where a
  newline would forge another output).
- `diff-base`: a git ref on one line that does not start with `-` (never an option to git).
- `fail-on`: one of error, warning, info, never.

Control characters (newline, CR, ESC, NUL...) are refused in every input.
"""

from __future__ import annotations

import os
import re
import shlex
import sys

FAIL_ON = ("error", "warning", "info", "never")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Bad(Exception):
    pass


def _shown(value: str) -> str:
    value = value[:40]
    return "".join(c if not _CONTROL.match(c) else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                   for c in value)


def _one_line(name: str, value: str) -> str:
    if _CONTROL.search(value):
        raise Bad(f"the input `{name}` must be one line with no control characters (found "
                  f"\"{_shown(value)}\")")
    return value


def paths(value: str) -> list[str]:
    """The paths the `paths` input names."""
    lines = [line.strip() for line in value.replace("\r\n", "\n").split("\n") if line.strip()]
    found: list[str] = []
    for line in lines:
        if '"' in line or "'" in line:
            try:
                found += shlex.split(line)
            except ValueError:
                raise Bad(f"the input `paths` has an unclosed quote: \"{_shown(line)}\"") from None
        elif len(lines) > 1:
            found.append(line)
        else:
            found += line.split()
    if not found:
        raise Bad("the input `paths` names no file or folder")
    for path in found:
        _one_line("paths", path)
    return ["./" + p if p.startswith("-") else p for p in found]


def main() -> int:
    env = os.environ
    try:
        listed = paths(env.get("CYCLEMAP_PATHS", ""))
        for name, var in (("sarif", "CYCLEMAP_SARIF"), ("diff-file", "CYCLEMAP_DIFF"), ("diff-base", "CYCLEMAP_BASE")):
            _one_line(name, env.get(var, ""))
        if env.get("CYCLEMAP_BASE", "").startswith("-"):
            raise Bad("the input `diff-base` must be a git ref, not an option (it starts with `-`)")
        if env.get("CYCLEMAP_DIFF", "").startswith("-") or env.get("CYCLEMAP_SARIF", "").startswith("-"):
            raise Bad("the inputs `sarif` and `diff-file` must be file names, not options (they start with `-`)")
        if env.get("CYCLEMAP_FAIL_ON", "error") not in FAIL_ON:
            raise Bad(f"the input `fail-on` must be one of {', '.join(FAIL_ON)} (found \"{_shown(env['CYCLEMAP_FAIL_ON'])}\")")
    except Bad as exc:
        print(f"::error title=cyclemap action::{exc}")  # a workflow command: on stdout
        return 2
    with open(env["CYCLEMAP_PATHS_FILE"], "w", encoding="utf-8", errors="surrogateescape") as out:
        out.write("".join(p + "\0" for p in listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
