"""What a user installs: the sdist and the wheel, built as a release builds them.

- The sdist holds the tests, their data, the examples and the docs, and its tests run
  from the unpacked folder.
- The wheel carries the metadata a package index shows (licence, URLs, classifiers, a
  long description whose images and links are absolute).
- A fresh virtual environment (no system site-packages, no PYTHONPATH) with the wheel
  installed by pip, dependencies from the package index, runs every command.

Slow (a build and a pip install, about a minute): marked `packaging`; skipped when the
`build` package is missing, with CYCLEMAP_OFFLINE=1, or when pip cannot reach the index.
"""

from __future__ import annotations

import email
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.packaging, pytest.mark.network]
pytest.importorskip("build", reason="the `build` package is not installed (pip install '.[test]')")

NETWORK_TROUBLE = ("Could not find a version", "No matching distribution", "NewConnectionError",
                   "Temporary failure in name resolution", "Network is unreachable", "Max retries exceeded",
                   "ConnectTimeout", "ReadTimeout", "ProxyError")
SKIP_COPY = shutil.ignore_patterns(".venv", ".git", "dist", "build", "*.egg-info", "__pycache__", "*.pyc",
                                   ".pytest_cache", ".hypothesis", "out")


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update({"CYCLEMAP_LANG": "en", "NO_COLOR": "1"})
    return env


def skip_if_offline(proc: subprocess.CompletedProcess, what: str) -> None:
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 and any(sign in out for sign in NETWORK_TROUBLE):
        pytest.skip(f"{what}: the package index cannot be reached")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    if os.environ.get("CYCLEMAP_OFFLINE"):
        pytest.skip("CYCLEMAP_OFFLINE is set: building needs setuptools from the package index")
    work = tmp_path_factory.mktemp("pkg")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=SKIP_COPY)
    # `python -m build` makes the sdist, then the wheel *from the sdist*: a file missing
    # from the sdist breaks the wheel here, not on a user's machine.
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source)],
                          capture_output=True, text=True, timeout=900, env=clean_env())
    skip_if_offline(proc, "python -m build")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return work / "dist"


def only(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found


def test_sdist_holds_tests_data_examples_and_runs_its_tests(dist, tmp_path):
    from cyclemap import __version__

    sdist = only(dist, f"cyclemap-{__version__}.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        for needed in ("LICENSE", "CHANGELOG.md", "README.md", "action.yml", ".pre-commit-hooks.yaml",
                       "tests/conftest.py", "tests/data/sarif-schema-2.1.0.json", "examples/banco.yaml",
                       "docs/ci.md", "benchmarks/hostile.py", "cyclemap/templates/es/banco.yaml"):
            assert needed in names, f"the sdist lacks {needed}"
        assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
        archive.extractall(tmp_path, filter="data")
    unpacked = tmp_path / f"cyclemap-{__version__}"
    env = clean_env()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "tests/test_gitlab_format.py", "tests/test_pipeline.py"],
                          cwd=unpacked, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout


def test_wheel_metadata_is_what_an_index_shows(dist):
    wheel = only(dist, "cyclemap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(archive.read(meta_name))
        names = archive.namelist()
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert meta["Author"] or meta["Author-email"]
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert set(urls) >= {"Homepage", "Source", "Issues", "Changelog", "Documentation"}
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Natural Language :: Spanish" in classifiers
    assert "Natural Language :: Portuguese (Brazilian)" in classifiers
    long = meta.get_payload()
    assert "cycle of service" in long
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", long)
    links = re.findall(r"(?<!!)\[[^\]]*\]\(([^)#]+)\)", long)
    assert images, "the README's images are gone"
    for target in images + links:
        assert re.match(r"https?://", target), f"relative link in the long description: {target}"
    assert any(n.endswith("templates/es/banco.yaml") for n in names)
    assert any(n.endswith("templates/pt/banco.yaml") for n in names)
    # The build compiled each catalogue: the wheel's .mo is the compile of its .po.
    import importlib.util

    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    catalogues = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogues)
    with zipfile.ZipFile(wheel) as archive:
        for locale in ("es", "pt_BR"):
            po = archive.read(f"cyclemap/locale/{locale}/LC_MESSAGES/cyclemap.po")
            mo = archive.read(f"cyclemap/locale/{locale}/LC_MESSAGES/cyclemap.mo")
            from babel.messages.pofile import read_po

            assert mo == catalogues.mo_bytes(read_po(io.BytesIO(po), locale=locale)), locale
    assert any(n.endswith("handout/handout.css") for n in names)
    # The one font of both engines, with its licences and the fontconfig file `dot` reads.
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "fonts.conf", "metrics.json",
                 "LICENSE-DejaVu.txt", "LICENSE-NotoEmoji.txt"):
        assert f"cyclemap/outputs/fonts/{name}" in names, name


def test_fresh_venv_from_the_wheel_runs_every_command(dist, tmp_path):
    wheel = only(dist, "cyclemap-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    env = clean_env()
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True, timeout=900, env=env)
    skip_if_offline(proc, "pip install")
    assert proc.returncode == 0, proc.stderr[-3000:]
    cyclemap = env_dir / "bin" / "cyclemap"
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    broken = work / "broken.yaml"
    broken.write_text("cyclemap: 1\ntitle: t\nmoments: [{id: a, name: A, kind: sometimes}]\n", encoding="utf-8")

    def run(*args: str):
        done = subprocess.run([str(cyclemap), *args], cwd=work, capture_output=True, text=True, timeout=300, env=env)
        assert "Traceback" not in done.stdout + done.stderr, (args, done.stderr[-2000:])
        return done

    # The installed copy, not this checkout.
    where = subprocess.run([str(python), "-c", "import cyclemap; print(cyclemap.__file__)"],
                           capture_output=True, text=True, env=env, cwd=work).stdout
    assert str(env_dir) in where and str(ROOT) not in where
    from cyclemap import __version__

    cases = {
        "--version": (["--version"], 0, f"cyclemap {__version__}"),
        "check": (["check", "examples/", "--fail-on", "never"], 0, "files checked"),
        "check-broken": (["check", "broken.yaml"], 1, "CM002"),
        "critique": (["critique", "examples/restaurant.yaml"], 0, "Weak points"),
        "critique-pt": (["critique", "examples/banco.yaml", "--lang", "pt"], 0, "Nível de serviço"),
        "help-pt": (["check", "--help", "--lang", "pt"], 0, "Opções:"),
        "render": (["render", "examples/banco.yaml", "-o", "banco.svg", "--engine", "embedded"], 0, ""),
        "render-dot": (["render", "examples/banco.yaml", "-o", "-", "--format", "dot"], 0, "digraph"),
        "export": (["export", "examples/banco.yaml", "--format", "mermaid"], 0, "journey"),
        "handout": (["handout", "examples/banco.yaml", "-o", "taller.html"], 0, ""),
        "diff": (["diff", "examples/banco.yaml", "examples/banco.yaml"], 0, "0"),
        "init": (["init", "--template", "cinema", "-o", "cine.yaml"], 0, ""),
        "rules": (["rules"], 0, "CM104"),
        "explain": (["explain", "CM104"], 0, "CM104"),
        "schema": (["schema"], 0, "$schema"),
    }
    for name, (args, code, needle) in cases.items():
        done = run(*args)
        assert done.returncode == code, (name, done.stdout[-1500:], done.stderr[-1500:])
        assert needle in done.stdout, (name, done.stdout[-1500:])
    assert (work / "banco.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert "<html" in (work / "taller.html").read_text(encoding="utf-8").lower()
    assert run("check", "cine.yaml", "--fail-on", "never").returncode == 0
    # Every command the installed program offers has at least its help working; the ones
    # above are run for real.
    listed = run("--help").stdout
    commands = set(re.findall(r"^[│|]?\s{1,3}([a-z][a-z-]+)\s{2,}", listed, re.M))
    assert {"check", "critique", "render", "export", "handout", "diff", "init", "rules", "explain", "schema"} <= commands
    for command in commands:
        assert run(command, "--help").returncode == 0, command
