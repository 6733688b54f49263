"""Shared test helpers: run the real command line and look at what a user sees."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None) -> Run:
    """Run `python -m cyclemap ARGS` as a user would, in a real process."""
    import os

    full_env = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "cyclemap", *args],
        cwd=cwd or ROOT, env=full_env, input=stdin, capture_output=True, text=True, timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


# CYCLEMAP_TESTS_REAL_PROCESS=1: every command line a real process, as before (to compare).
ALL_REAL = bool(os.environ.get("CYCLEMAP_TESTS_REAL_PROCESS"))

# Environment a run in this process may take: read when a command runs, not when cyclemap
# is imported (help texts are translated at import: a --help, or no command at all, runs
# in a real process).
IN_PROCESS_ENV = {"CYCLEMAP_LANG", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "CYCLEMAP_CHROMIUM", "CYCLEMAP_ASCII",
                  "CYCLEMAP_NO_PROGRESS", "CYCLEMAP_PROGRESS_AFTER", "PATH"}


def run_cli_in_process(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None,
                       timeout: float | None = 120) -> Run:
    """`cyclemap ARGS` through the real command line (the same app, options, frame and exit
    codes) in this process: what a user sees on stdout, stderr and the exit code, without a
    new interpreter's start-up. A crash is raised, traceback and all."""
    result = invoke_in_process(*args, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
    return Run(result.exit_code, result.stdout, result.stderr)


class InProcessTimeout(Exception):
    """A command run in this process took longer than its test allows (a hang, in a real
    process, would have been a `subprocess.TimeoutExpired`)."""


def invoke_in_process(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: str | bytes | None = None,
                      timeout: float | None = None):
    """Run the app in this process; the click `Result` (stdout/stderr as text and bytes).
    `timeout` (seconds, main thread only) turns a hang into an `InProcessTimeout`."""
    import os
    import signal
    import threading

    from typer.testing import CliRunner

    from cyclemap.cli import app

    full_env = {"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    sys.argv = ["cyclemap", *args]  # the help language reads --lang from here, before parsing
    alarm = timeout is not None and threading.current_thread() is threading.main_thread()
    if alarm:
        def expired(signum, frame):  # noqa: ARG001
            raise InProcessTimeout(f"cyclemap {' '.join(map(str, args))}: no answer within {timeout} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        os.chdir(cwd or ROOT)
        result = CliRunner().invoke(app, list(args), input=stdin, env=full_env, prog_name="cyclemap")
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        sys.argv = saved_argv
        os.chdir(saved_cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# --help is translated when cyclemap is imported, so a help page in a language needs an
# interpreter that imported cyclemap in it: one per language (and test worker) prints every
# command's page through the real app, instead of one per page.
HELP_PAGES = """
import json, sys
import typer
from typer.testing import CliRunner
from cyclemap.cli import app
pages = {}
for command in ["", *sorted(typer.main.get_command(app).commands)]:
    shown = CliRunner().invoke(app, [command, "--help"] if command else ["--help"], prog_name="cyclemap")
    pages[command] = [shown.exit_code, shown.stdout, shown.stderr]
print(json.dumps(pages))
"""


@functools.cache
def help_pages(lang: str) -> dict[str, Run]:
    """Every `cyclemap [COMMAND] --help` page in `lang`, by command ("" for the top one)."""
    import json
    import os

    env = {**os.environ, "CYCLEMAP_LANG": lang, "NO_COLOR": "1", "COLUMNS": "100"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", HELP_PAGES], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {command: Run(*page) for command, page in json.loads(proc.stdout).items()}


def plain_help(args: tuple, env: dict | None) -> tuple[str, str] | None:
    """(language, command) when `args` ask only for a help page in a language."""
    env = env or {}
    if set(env) - {"CYCLEMAP_LANG"}:
        return None
    lang = env.get("CYCLEMAP_LANG", "en")
    if len(args) >= 3 and args[-2] == "--lang":
        args, lang = args[:-2], args[-1]
    if lang not in ("en", "es", "pt") or not args or args[-1] != "--help" or len(args) > 2:
        return None
    return lang, args[0] if len(args) == 2 else ""


def needs_a_real_process(args: tuple, env: dict | None) -> bool:
    return (not args or "--help" in args or "-h" in args or "--version" in args
            or bool(set(env or {}) - IN_PROCESS_ENV))


# Test files whose `cli` runs in this process (converted one by one, each measured; see
# benchmarks/RESULTS.md). A test that needs a real process (signals, pipes, encodings,
# installs, --help in another language) uses `run_cli`, or is marked `real_process`.
IN_PROCESS_FILES = {"test_critique_cli.py", "test_render_cli.py", "test_config.py", "test_ratings.py",
                    "test_diff.py", "test_deck.py", "test_at_risk.py", "test_check_ci.py", "test_ci_formats.py",
                    "test_compare.py", "test_critique_judgement.py", "test_gitlab_format.py", "test_handout.py",
                    "test_handout_editions.py", "test_importance.py", "test_init.py", "test_survey_loop.py",
                    "test_bad_input.py", "test_conventions.py", "test_schema.py", "test_check.py",
                    "test_report_i18n.py", "test_engine_i18n.py", "test_editors.py", "test_cells.py",
                    "test_ordinary_words.py", "test_cli_languages.py", "test_serve.py"}


def run_app(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None) -> Run:
    """`cyclemap ARGS` as a user sees it: in this process (the real app), a help page from
    its language's interpreter, or a real process when the environment must be read at
    start-up (`needs_a_real_process`)."""
    if ALL_REAL:
        return run_cli(*args, cwd=cwd, env=env, stdin=stdin)
    asked = plain_help(args, env)
    if asked and asked[1] in help_pages(asked[0]):
        return help_pages(asked[0])[asked[1]]
    if needs_a_real_process(args, env):
        return run_cli(*args, cwd=cwd, env=env, stdin=stdin)
    return run_cli_in_process(*args, cwd=cwd, env=env, stdin=stdin)


@pytest.fixture
def cli(request):
    if request.path.name not in IN_PROCESS_FILES or request.node.get_closest_marker("real_process") or ALL_REAL:
        return run_cli
    return run_app


# -- tiers: the default one (fast) and the slow one (browsers, packaging, installs, large
# inputs, every documented command). `pytest` runs the default tier (pyproject: -m "not
# slow"), `pytest -m slow` the slow one; `python3 bootstrap.py test` and .ci/run run both.
SLOW_FILES = {"test_handout_browser.py", "test_serve_browser.py", "test_pdf_security.py", "test_packaging.py",
              "test_precommit.py", "test_docs_commands.py", "test_cli_fuzz.py",
              "test_handout_editions.py"}  # Graphviz lays out every edition up to 16 moments: 221 s
SLOW_TESTS = {"test_ten_thousand_moments_check_cleanly", "test_hostile_file_gets_its_documented_outcome",
              "test_action_installs_from_its_checkout_and_runs",  # installs cyclemap in a new environment: 17 s
              # a large input: a 3,000-moment file typed into in the editor (4 s of CPU, 8 s of waiting)
              "test_a_big_file_is_checked_once_typing_pauses",
              "test_render_with_no_home_and_no_passwd_entry"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES or getattr(item, "originalname", item.name) in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


# CI fails when more tests skip than it states (`CYCLEMAP_MAX_SKIPS`, set by .ci/run): a
# machine that lost Graphviz or Chromium must not pass by skipping what needs them.
def pytest_sessionfinish(session, exitstatus):
    import os

    limit = os.environ.get("CYCLEMAP_MAX_SKIPS")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if limit is None or reporter is None or hasattr(session.config, "workerinput"):
        return
    skipped = len(reporter.stats.get("skipped", []))
    if skipped > int(limit):
        reporter.ensure_newline()
        reporter.write_line(f"cyclemap: {skipped} tests skipped, more than the {limit} CI allows "
                            f"(CYCLEMAP_MAX_SKIPS): install what they need, or state a new number in .ci/run",
                            red=True, bold=True)
        session.exitstatus = 1


# -- measurement mode: `CYCLEMAP_TESTS_MEASURE=FILE.jsonl` appends one line per test with
# its CPU seconds (this process, and the child processes it waited for), its wall seconds
# and the processes it started (`tools/suite_times.py` sums them by file). Set-up shared
# by a module counts for the test that first asked for it.
def _measure_processes():
    import subprocess as sp

    launched: list = []
    original = sp.Popen.__init__

    def counting_init(self, args, *a, **k):
        launched.append(args)
        return original(self, args, *a, **k)

    sp.Popen.__init__ = counting_init
    return launched


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    import os

    target = os.environ.get("CYCLEMAP_TESTS_MEASURE")
    if not target:
        yield
        return
    import json
    import time

    config = item.config
    if not hasattr(config, "_cyclemap_launched"):
        config._cyclemap_launched = _measure_processes()
    launched = config._cyclemap_launched
    before, wall, count = os.times(), time.perf_counter(), len(launched)
    yield
    after = os.times()
    own = (after.user - before.user) + (after.system - before.system)
    children = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    kinds = [_process_kind(args) for args in launched[count:]]
    with open(target, "a", encoding="utf-8") as out:
        out.write(json.dumps({"file": item.path.name, "test": item.nodeid, "own": round(own, 3),
                              "children": round(children, 3), "wall": round(time.perf_counter() - wall, 3),
                              "processes": len(kinds), "cyclemap": kinds.count("cyclemap"),
                              "slow": item.get_closest_marker("slow") is not None}) + "\n")


def _process_kind(args) -> str:
    words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    if "cyclemap" in words[:6] or any(w.endswith("/cyclemap") for w in words[:1]):
        return "cyclemap"
    return Path(words[0]).name if words else "?"


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
