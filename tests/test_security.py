"""Hardening, round two (issue 16): each class of what an outside attack found, through
the real command line. docs/security.md names the test that backs each promise."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ALL_REAL, ROOT, invoke_in_process

ROOTED = hasattr(os, "geteuid") and os.geteuid() == 0
GOOD = ("cyclemap: 1\ntitle: Shop\nlanguage: en\nmoments:\n"
        "  - {id: a, name: Arrive, kind: critical, owner: Ana}\n"
        "  - {id: b, name: Pay, kind: routine, owner: Bob}\n")
RATINGS = "moment,rating\na,4\na,5\nb,3\n"
COMMANDS_WRITING = {  # command line writing to OUT (a placeholder) from the cycle CYCLE
    "check": ["check", "CYCLE", "-o", "OUT"],
    "render": ["render", "CYCLE", "-o", "OUT", "--format", "dot"],
    "export": ["export", "CYCLE", "--to", "csv", "-o", "OUT"],
    "handout": ["handout", "CYCLE", "-o", "OUT"],
    "diff": ["diff", "CYCLE", "CYCLE", "-o", "OUT"],
}


def env(**extra: str) -> dict:
    full = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    full["PYTHONPATH"] = str(ROOT) + os.pathsep + full.get("PYTHONPATH", "")
    full.update(extra)
    return full


def run(*args, cwd=None, timeout: float = 60, real: bool = False, **extra) -> subprocess.CompletedProcess:
    """The real command line. In this process (the same app, options and exit codes; a
    hang past `timeout` fails) unless the case needs a real one (`real`: pipes, another
    environment) or an argument is bytes (non-UTF-8 names pass through argv untouched)."""
    if real or extra or ALL_REAL or any(isinstance(a, bytes) for a in args):
        return subprocess.run([sys.executable, "-m", "cyclemap", *args], cwd=cwd or ROOT, env=env(**extra),
                              capture_output=True, timeout=timeout)
    result = invoke_in_process(*args, cwd=cwd or ROOT, timeout=timeout)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes, result.stderr_bytes)


def err(proc) -> str:
    return proc.stderr.decode("utf-8", "replace")


def out(proc) -> str:
    return proc.stdout.decode("utf-8", "replace")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_traceback(proc) -> None:
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr, err(proc)
    assert proc.returncode in (0, 1, 2), (proc.returncode, err(proc))


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def argv(name: str, cycle: Path, target: str) -> list[str]:
    return [str(cycle) if a == "CYCLE" else target if a == "OUT" else a for a in COMMANDS_WRITING[name]]


# -- 1. outputs replace only regular files, keep their mode; init creates exclusively --

@pytest.mark.parametrize("name", sorted(COMMANDS_WRITING) + ["init"])
@pytest.mark.parametrize("kind", ["fifo", "dangling-link", "trailing-slash", "folder", "device"])
def test_an_output_is_never_anything_but_a_regular_file(name, kind, tmp_path):
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    target = tmp_path / ("out.csv" if name == "export" else "out.html" if name == "handout" else
                        "out.yaml" if name == "init" else "out.dot")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling-link":
        target.symlink_to(tmp_path / "nowhere")
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        if not ROOTED or name != "init":
            pytest.skip("making a device node needs root; every command but init writes *into* a character device "
                        "(one delivery rule, cli/deliver.Output; test below)")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    text = str(target) + ("/" if kind == "trailing-slash" else "")
    args = ["init", "-o", text] if name == "init" else argv(name, cycle, text)
    if kind == "fifo" and name in ("check", "diff"):
        pytest.skip("a report is written into a pipe that someone reads (test below)")
    proc = run(*args, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2, err(proc)
    assert err(proc).startswith("cyclemap: ") and len(err(proc).splitlines()) == 1
    before = os.lstat(target) if kind != "trailing-slash" else None
    if kind == "fifo":
        assert stat.S_ISFIFO(before.st_mode)
    elif kind == "dangling-link":
        assert stat.S_ISLNK(before.st_mode) and not (tmp_path / "nowhere").exists()
    elif kind == "device":
        assert stat.S_ISCHR(before.st_mode)
    elif kind == "trailing-slash":
        assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_report_goes_into_a_device_or_a_read_pipe_and_a_pipe_nobody_reads_is_refused(tmp_path):
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = run("check", str(cycle), "-o", str(fifo), timeout=30, real=True)  # nobody reads: refused, no wait
    assert proc.returncode == 2 and "nothing reads from this pipe" in err(proc)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    time.sleep(0.3)
    proc = run("check", str(cycle), "--format", "json", "-o", str(fifo), timeout=30, real=True)
    got = reader.communicate(timeout=30)[0]
    assert proc.returncode == 0 and json.loads(got)["summary"]["files"] == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("name", ["render", "export", "handout", "check"])
def test_a_replaced_output_keeps_its_mode_and_a_link_stays_a_link(name, tmp_path):
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    real = tmp_path / ("real.csv" if name == "export" else "real.html" if name == "handout" else "real.dot")
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    assert run(*argv(name, cycle, str(real))).returncode == 0
    assert stat.S_IMODE(real.stat().st_mode) == 0o600 and real.read_text(encoding="utf-8") != "old"
    link = tmp_path / ("link" + real.suffix)
    link.symlink_to(real.name)
    real.write_text("old", encoding="utf-8")
    assert run(*argv(name, cycle, str(link))).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600 and leftovers(tmp_path) == []


def test_an_output_name_near_the_limit_is_written(tmp_path):
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    long = tmp_path / ("n" * 246 + ".dot")  # 250 bytes: the old temp name exceeded NAME_MAX
    proc = run("render", str(cycle), "-o", str(long), "--format", "dot")
    assert proc.returncode == 0, err(proc)
    assert long.read_text(encoding="utf-8").startswith("digraph") and leftovers(tmp_path) == []
    proc = run("render", str(cycle), "-o", str(tmp_path / ("n" * 300 + ".dot")), "--format", "dot")
    assert proc.returncode == 2 and "longer than this filesystem allows" in err(proc)


def test_init_never_replaces_a_file_even_when_it_appears_meanwhile(tmp_path, monkeypatch):
    existing = tmp_path / "banco.yaml"
    existing.write_text("mine", encoding="utf-8")
    proc = run("init", "-o", str(existing))
    assert proc.returncode == 2 and "already exists" in err(proc)
    assert existing.read_text(encoding="utf-8") == "mine"
    # The race: the check sees no file, then one appears before the write. The write is
    # a hard link of the finished temp file, which fails on an existing name.
    from cyclemap.outputs import atomic

    racing = tmp_path / "race.yaml"
    real_link = os.link

    def appears_first(src, dst):
        Path(dst).write_text("theirs", encoding="utf-8")
        return real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", appears_first)
    with pytest.raises(atomic.OutputError) as info:
        atomic.write_atomic(racing, "ours", exclusive=True)
    assert "already exists" in info.value.text("en")
    assert racing.read_text(encoding="utf-8") == "theirs" and leftovers(tmp_path) == []


# -- 2. an output never replaces any input of the command ------------------------------

@pytest.mark.parametrize("command, victim", [
    ("check", "ratings"), ("check", "settings"), ("check", "baseline"), ("check", "config"),
    ("critique-free render", "ratings"), ("render", "settings"), ("export", "ratings"), ("export", "settings"),
    ("handout", "ratings"), ("handout", "settings"), ("diff", "settings"), ("diff", "config"),
])
def test_an_output_never_replaces_an_input(command, victim, tmp_path):
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    files = {
        "ratings": tmp_path / "encuesta.csv",
        "settings": tmp_path / ".cyclemap.yaml",
        "baseline": tmp_path / "base.json",
        "config": tmp_path / "team.yaml",
    }
    files["ratings"].write_text(RATINGS, encoding="utf-8")
    files["settings"].write_text("ignore: [CM112]\n", encoding="utf-8")
    files["config"].write_text("ignore: [CM112]\n", encoding="utf-8")
    files["baseline"].write_text(out(run("check", str(cycle), "--format", "json")), encoding="utf-8")
    target = str(files[victim])
    command = command.replace("critique-free ", "")
    extra = {"ratings": ["--ratings", target], "baseline": ["--baseline", target],
             "config": ["--config", target]}.get(victim, [])
    args = {
        "check": ["check", str(cycle), "-o", target],
        "render": ["render", str(cycle), "-o", target, "--format", "dot"],
        "export": ["export", str(cycle), "--to", "csv", "-o", target],
        "handout": ["handout", str(cycle), "-o", target],
        "diff": ["diff", str(cycle), str(cycle), "-o", target],
    }[command] + extra
    if command == "handout":
        renamed = files[victim].with_suffix(".html") if victim != "settings" else None
        if renamed is not None:  # the handout is written as .html: name the input so
            files[victim].rename(renamed)
            files[victim] = renamed
            args = [renamed.as_posix() if a == target else a for a in args]
        else:
            pytest.skip("a handout is .html, a settings file .yaml: they cannot collide")
    before = sha(files[victim])
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2, err(proc)
    assert "would overwrite the input file" in err(proc)
    assert sha(files[victim]) == before


# -- 3. terminal escapes: everything a terminal or CI log shows is escaped ---------------

HOSTILE_NAMES = ('cyclemap: 1\ntitle: "T\\e[2J"\nlanguage: en\nmoments:\n'
                 '  - {id: a, name: "A\\e]52;c;cHduZWQ=\\a\\b\\u202e", kind: critical, owner: "\\e]0;x\\a"}\n'
                 '  - {id: b, name: "B\\u2067\\u200b", kind: routine, notes: "\\e[31m"}\n')
UNSAFE = ["\x1b", "\x07", "\x08", "\u202e", "\u2067", "\u200b"]


@pytest.mark.parametrize("args", [
    ["check"], ["check", "--format", "github"], ["check", "--format", "junit"], ["critique"],
    ["export", "--to", "markdown"], ["export", "--to", "mermaid"], ["export", "--to", "csv"],
    ["diff", "OLD"],
])
def test_control_and_bidi_characters_never_reach_the_terminal(args, tmp_path):
    cycle = tmp_path / "evil.yaml"
    cycle.write_text(HOSTILE_NAMES, encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(GOOD, encoding="utf-8")
    command = [args[0]] + ([str(old)] if "OLD" in args else []) + [str(cycle)] + [a for a in args[1:] if a != "OLD"]
    proc = run(*command, "--fail-on", "never") if args[0] == "check" else run(*command)
    no_traceback(proc)
    shown = out(proc) + err(proc)
    assert not [c for c in UNSAFE if c in shown], repr(shown[:400])
    assert "\\x1b" in shown or "\\u202e" in shown or "\\u2067" in shown  # shown, as escapes


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_a_file_name_cannot_forge_a_line_or_carry_escapes(fmt, tmp_path):
    name = "x\nfake.yaml:1:1: CM001 error forged\x1b]0;t\x07\u202e.yaml"
    cycle = tmp_path / name
    cycle.write_text("cyclemap: 1\ntitle: [\n", encoding="utf-8")
    proc = run("check", str(cycle), "--format", fmt)
    assert proc.returncode == 1
    text = out(proc) + err(proc)
    assert not [c for c in UNSAFE if c in text]
    assert not any(line.startswith("fake.yaml") for line in text.splitlines())
    assert "x\\nfake.yaml" in text


def test_usage_errors_escape_the_names_they_echo(tmp_path):
    proc = run("render", str(tmp_path / "a\x1b]0;t\x07\nb.yaml"), "-o", str(tmp_path / "o.svg"))
    assert proc.returncode == 2 and len(err(proc).splitlines()) == 1
    assert "\x1b" not in err(proc) and "\\x1b]0;t\\x07\\nb.yaml" in err(proc)


# -- 4. settings: bounded, strict, every TOML spelling -----------------------------------

def _laughs() -> str:
    lines = ["a0: &a0 [CM101, CM101, CM101, CM101, CM101, CM101, CM101, CM101, CM101]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\nselect: *a8\n"


@pytest.mark.parametrize("content, words, where", [
    (_laughs(), "alias", ":1:5"),  # the value that an alias would repeat
    ("select: [CM101]\nignore: [CM102]\nselect: [CM103]\n", "repeated", ":3:1"),
    ("thresholds:\n  gap_margin: 1" + "0" * 400 + "\n", "more than 30 digits", ":2:3"),
    ("thresholds:\n  gap_margin: .inf\n", "positive number", ":2:3"),
    ("select: [CM101\n", "not valid YAML", ":"),
    ("severity: !!python/object/apply:os.system [true]\n", "", ":1:"),
])
def test_bad_settings_files_are_refused_quickly_with_a_place(content, words, where, tmp_path):
    (tmp_path / ".cyclemap.yaml").write_text(content, encoding="utf-8")
    cycle = tmp_path / "shop.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    proc = run("check", str(cycle), timeout=30)
    assert time.monotonic() - started < 20
    assert proc.returncode == 2, err(proc)
    assert words in err(proc) and f".cyclemap.yaml{where}" in err(proc), err(proc)
    assert len(err(proc)) < 400


def test_a_settings_file_over_the_size_limit_is_refused(tmp_path):
    (tmp_path / ".cyclemap.yaml").write_text("# " + "x" * (1024 * 1024) + "\nselect: [CM101]\n", encoding="utf-8")
    (tmp_path / "shop.yaml").write_text(GOOD, encoding="utf-8")
    proc = run("check", "shop.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "too large" in err(proc)


@pytest.mark.parametrize("toml", [
    "[tool.cyclemap]\nselect = [\"CM101\"]\n",
    "[project]\nname = \"x\"\n\n[tool]\ncyclemap = { select = [\"CM101\"] }\n",
    "tool.cyclemap.select = [\"CM101\"]\n",
    "[tool.cyclemap.severity]\nCM101 = \"error\"\n[tool.cyclemap]\nselect = [\"CM101\"]\n",
])
def test_every_toml_spelling_of_the_settings_counts(toml, tmp_path):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "shop.yaml").write_text(GOOD.replace(", owner: Ana", ""), encoding="utf-8")
    proc = run("check", "shop.yaml", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    codes = {d["code"] for f in json.loads(out(proc))["files"] for d in f["diagnostics"]}
    assert codes == {"CM101"}, (codes, err(proc))


def test_a_toml_error_has_file_line_and_column(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.cyclemap]\nselect = [\"CM101\"\n", encoding="utf-8")
    (tmp_path / "shop.yaml").write_text(GOOD, encoding="utf-8")
    proc = run("check", "shop.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml:" in err(proc)
    place = err(proc).split("pyproject.toml:")[1].split(":")
    assert place[0].isdigit() and place[1].isdigit(), err(proc)


# -- 5. odd input is never an internal error ------------------------------------------

@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names are bytes only on Linux-like systems")
@pytest.mark.parametrize("args", [
    ["check", "--format", "sarif"], ["check", "--format", "json"], ["check", "--format", "junit"],
    ["check", "-o", b"r\xff.txt"], ["check", "--format", "json", "-o", b"r\xfe.json"],
    ["handout", "-o", b"h\xff.html"], ["export", "--to", "csv"], ["critique"],
])
def test_non_utf8_file_names(args, tmp_path):
    cycle = tmp_path / os.fsdecode(b"b\xff.yaml")
    cycle.write_text(GOOD, encoding="utf-8")
    proc = run(args[0], os.fsencode(cycle), *args[1:], cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode in (0, 1)
    proc.stdout.decode("utf-8")  # valid UTF-8, no stray byte
    for written in tmp_path.iterdir():
        if written != cycle:
            written.read_bytes().decode("utf-8")


def test_huge_scale_and_threshold_values(tmp_path):
    cycle = tmp_path / "s.yaml"
    cycle.write_text(GOOD.replace("language: en\n", "language: en\nscale: [-1.0e+308, 1.0e+308]\n"), encoding="utf-8")
    for args in (["check"], ["critique"], ["export", "--to", "mermaid"], ["render", "-o", str(tmp_path / "s.dot")]):
        proc = run(args[0], str(cycle), *args[1:])
        no_traceback(proc)
        assert proc.returncode == 1 and "must stay within" in out(proc) + err(proc)


def test_a_deeply_nested_json_baseline(tmp_path):
    cycle = tmp_path / "s.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    base = tmp_path / "base.json"
    base.write_text('{"files": ' + "[" * 200_000 + "]" * 200_000 + ', "summary": {}}', encoding="utf-8")
    proc = run("check", str(cycle), "--baseline", str(base))
    no_traceback(proc)
    assert proc.returncode == 2 and "nested too deeply" in err(proc)


def reachable_by_others(path: Path) -> bool:
    """Whether a user who is neither owner nor in the group can read `path`: every folder
    above it searchable by others, and the file itself readable by them."""
    path = path.resolve()
    try:
        if not path.stat().st_mode & 0o004:
            return False
        return all(parent.stat().st_mode & 0o001 for parent in path.parents)
    except OSError:
        return False


@pytest.mark.skipif(not ROOTED, reason="running as a user with no passwd entry needs root to switch users")
def test_render_with_no_home_and_no_passwd_entry(tmp_path):
    pytest.importorskip("wasmtime")
    import tempfile

    import shutil

    probe = subprocess.run([sys.executable, "-c", "import wasmtime, yaml, typer"], cwd="/", capture_output=True,
                           text=True, timeout=60, user=54321, group=54321, env={"PATH": os.environ.get("PATH", "")})
    if probe.returncode != 0:
        pytest.skip(f"another user cannot run this interpreter with its packages: {probe.stderr.strip()[-200:]}")
    tmp_path = Path(tempfile.mkdtemp(prefix="cyclemap-nohome-", dir="/tmp"))  # readable by another user
    tmp_path.chmod(0o777)
    cycle = tmp_path / "s.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    cycle.chmod(0o644)
    clean = {k: v for k, v in env().items() if k not in ("HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "CYCLEMAP_CACHE_DIR")}
    if not reachable_by_others(ROOT / "cyclemap" / "__init__.py"):  # a clone in a private folder: run a copy
        shutil.copytree(ROOT / "cyclemap", tmp_path / "src" / "cyclemap", ignore=shutil.ignore_patterns("__pycache__"))
        for folder in (tmp_path / "src").rglob("*"):
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        (tmp_path / "src").chmod(0o755)
        clean["PYTHONPATH"] = str(tmp_path / "src")
    proc = subprocess.run([sys.executable, "-m", "cyclemap", "render", str(cycle), "-o", str(tmp_path / "s.svg"),
                           "--engine", "embedded"], cwd=tmp_path, env=clean, capture_output=True, timeout=120,
                          user=54321, group=54321)
    try:
        no_traceback(proc)
        assert proc.returncode == 0, err(proc)
        assert (tmp_path / "s.svg").read_bytes().lstrip().startswith(b"<?xml")
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


# -- 6. non-regular inputs; diff of what cannot be read ---------------------------------

@pytest.mark.parametrize("args", [
    ["check", "FIFO"], ["critique", "FIFO"], ["render", "FIFO", "-o", "o.svg"], ["export", "FIFO", "--to", "csv"],
    ["handout", "FIFO", "-o", "o.html"], ["diff", "FIFO", "shop.yaml"], ["diff", "shop.yaml", "FIFO"],
    ["check", "shop.yaml", "--ratings", "FIFO"], ["check", "shop.yaml", "--config", "FIFO"],
    ["check", "shop.yaml", "--baseline", "FIFO"], ["critique", "shop.yaml", "--ratings", "FIFO"],
    ["render", "shop.yaml", "-o", "o.svg", "--ratings", "FIFO"],
])
def test_a_fifo_as_any_input_is_refused_at_once(args, tmp_path):
    (tmp_path / "shop.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "FIFO")
    proc = run(*args, cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2, err(proc)
    assert not (tmp_path / "o.svg").exists() and not (tmp_path / "o.html").exists()


@pytest.mark.parametrize("broken", [b"cyclemap: 1\ntitle: [\n", b"\xff\xfe not text"])
def test_diff_never_calls_findings_fixed_when_the_new_file_does_not_read(broken, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(GOOD.replace(", owner: Ana", ""), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_bytes(broken)
    for fmt in ("text", "json"):
        proc = run("diff", str(old), str(new), "--format", fmt)
        assert proc.returncode == 1, err(proc)
        if fmt == "json":
            assert json.loads(out(proc))["findings"]["fixed"] == []
        else:
            assert "0 fixed" in out(proc)


# -- 9. signals --------------------------------------------------------------------------

@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.6])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_at_any_moment_leaves_no_traceback_and_no_partial_output(delay, sig, tmp_path):
    cycle = tmp_path / "s.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "handout", str(cycle), "-o", str(target)],
                            cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    frames = re.findall(rb'File "([^"]+)"', stderr)
    if b"init_import_site" in stderr or (frames and all(f.startswith(b"<frozen ") for f in frames)):
        # The interpreter's own start-up (its `site` import, runpy finding the package),
        # before any line of cyclemap can run: Python reports that one itself
        # (docs/security.md, "Signals").
        return
    assert b"Traceback" not in stderr, stderr.decode()
    assert proc.returncode in (0, 130, 143, -sig), proc.returncode
    content = target.read_text(encoding="utf-8")
    assert content == "old" or content.rstrip().endswith("</html>")
    assert leftovers(tmp_path) == []


# -- 10. watch -------------------------------------------------------------------------

def test_watch_survives_a_fifo_and_sees_a_same_size_replacement_with_an_old_mtime(tmp_path):
    cycle = tmp_path / "w.yaml"
    cycle.write_text(GOOD, encoding="utf-8")
    out_file = tmp_path / "w.dot"
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "render", str(cycle), "-o", str(out_file),
                             "--format", "dot", "--watch", "--watch-max-renders", "3"],
                            cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait_for(predicate):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not predicate():
            time.sleep(0.1)
        assert predicate()

    wait_for(lambda: out_file.exists() and "Arrive" in out_file.read_text(encoding="utf-8"))
    st = cycle.stat()
    fifo = tmp_path / "w.fifo"
    os.mkfifo(fifo)
    os.replace(fifo, cycle)  # briefly a FIFO: refused (never opened), watching goes on
    time.sleep(1.0)
    replacement = tmp_path / "w.new"
    replacement.write_text(GOOD.replace("Arrive", "Enters"), encoding="utf-8")  # same size
    os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old mtime
    os.replace(replacement, cycle)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr.decode()
    assert "Enters" in out_file.read_text(encoding="utf-8")
    assert b"not a regular file" in stderr and b"Traceback" not in stderr
