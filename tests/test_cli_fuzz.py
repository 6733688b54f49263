"""A bounded property-based fuzz of the whole command line (issue 16): random commands,
options, output names and hostile names in the cycle, through the real CLI. For any of
them: exit 0, 1 or 2, never a traceback or an internal error, no input changed, no
temporary file left, and no control character from the file on the terminal.

Bounded: a handful of examples (each is a real process), no deadline per example."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT

NAMES = st.lists(st.sampled_from(list("aZ ñ:|,#-=@\"'\\<>&") + ["\x1b[2J", "\x1b]52;c;eA==\x07", "\x07", "\x08",
                                                                  "\u202e", "\u2066", "\u200b", "\n", "\t", "e\u0301"]),
                 min_size=1, max_size=10).map("".join)
COMMANDS = st.sampled_from([
    ["check"], ["check", "--format", "github"], ["check", "--format", "junit"], ["check", "--format", "sarif"],
    ["critique"], ["export", "--to", "markdown"], ["export", "--to", "mermaid"], ["export", "--to", "csv"],
    ["export", "--to", "json"], ["render", "--format", "dot", "-o", "OUT"], ["handout", "-o", "OUT.html"],
    ["diff", "CYCLE"], ["check", "-o", "OUT"], ["export", "--to", "csv", "-o", "OUT"],
])
OUTS = st.sampled_from(["out", "cycle.yaml", "ratings.csv", ".cyclemap.yaml", "sub/", "missing/x", "n" * 250,
                        "fifo", "\u202eevil", "-"])
EXTRAS = st.sampled_from([[], ["--ratings", "ratings.csv"], ["--lang", "es"], ["--select", "CM101,CM104"],
                          ["--ignore", "CM1O4"], ["--config", ".cyclemap.yaml"], ["--config", "fifo"]])
SETTINGS = st.sampled_from(["", "ignore: [CM112]\n", "select: [CM101]\nselect: [CM102]\n",
                            "a: &a [CM101]\nselect: *a\n", "thresholds:\n  gap_margin: 1" + "0" * 40 + "\n"])


def cycle_text(names: list[str], scale: str) -> str:
    def quoted(text: str) -> str:
        return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'

    moments = "".join(f"  - {{id: m{i}, name: {quoted(n)}, kind: {'critical' if i % 2 else 'routine'}, "
                      f"owner: {quoted(n)}, score: 3}}\n" for i, n in enumerate(names))
    return f"cyclemap: 1\ntitle: {quoted(names[0])}\nscale: {scale}\nmoments:\n{moments}"


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(command=COMMANDS, out=OUTS, extra=EXTRAS, names=st.lists(NAMES, min_size=2, max_size=4),
       scale=st.sampled_from(["[1, 5]", "[0, 10]", "[-1.0e+308, 1.0e+308]", "[5, 1]"]), config=SETTINGS)
def test_any_command_line_keeps_the_promises(command, out, extra, names, scale, config):
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "cycle.yaml").write_text(cycle_text(names, scale), encoding="utf-8")
        (tmp / "ratings.csv").write_text("moment,rating\nm0,4\nm1,2\n", encoding="utf-8")
        (tmp / ".cyclemap.yaml").write_text(config, encoding="utf-8")
        (tmp / "sub").mkdir()
        os.mkfifo(tmp / "fifo")
        inputs = {p: hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in (tmp / "cycle.yaml", tmp / "ratings.csv", tmp / ".cyclemap.yaml")}
        args = [command[0], "cycle.yaml"] + [
            "cycle.yaml" if a == "CYCLE" else (out if a == "OUT" else out + ".html" if a == "OUT.html" else a)
            for a in command[1:]]
        if command[0] == "diff" and "--ratings" in extra:
            extra = []
        env = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100",
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = subprocess.run([sys.executable, "-m", "cyclemap", *args, *extra], cwd=tmp, env=env,
                              capture_output=True, timeout=60)
        shown = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (0, 1, 2), shown
        assert "Traceback" not in shown and "internal error" not in shown, shown
        for path, digest in inputs.items():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path.name} changed"
        assert not [p for p in tmp.rglob("*") if p.name.endswith(".tmp")]
        assert "\x1b" not in shown and "\x07" not in shown and "\x08" not in shown, repr(shown[:300])
        if "json" not in command and "sarif" not in command:
            assert "\u202e" not in shown and "\u2066" not in shown, repr(shown[:300])
