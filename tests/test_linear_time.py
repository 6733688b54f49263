"""Linear time on user text, as a property of the package rather than of one pattern.

Every regular expression in cyclemap — each compiled `re.Pattern` a module holds, and each
`re.<function>("literal", ...)` call in the source — is run over adversarial texts of 1 MB
(long runs of letters, spaces, separators, quotes, brackets, the shapes the patterns look
for repeated without an end) under a time limit. A backtracking pattern that is quadratic
on one of them takes minutes there; a linear one takes milliseconds. A pattern built at run
time from something other than literals must be listed in `DYNAMIC` with the reason it is
safe, so a new one cannot slip past this test.

The text helpers that rebuild a finding's sentence for the client (the live page's and the
deck's, the terminal critique's first sentences, the critique's sentence builder) are run
on the same texts, and the whole critique on a cycle whose name is at the field's bound.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
import time
from pathlib import Path

import pytest

import cyclemap

PACKAGE = Path(cyclemap.__file__).parent
SIZE = 1_000_000
LIMIT = 2.0  # seconds per pattern and text; a linear pass over 1 MB takes a few milliseconds

# Patterns made at run time from something other than literals, and why each is linear.
DYNAMIC = {
    ("cyclemap/engine/facts.py", "<module>"): "literal alternatives joined to one fixed phrase list at import (no "
                                              "nested quantifier); the compiled pattern is timed like every global",
    ("cyclemap/engine/content/tokenizer.py", "<module>"): "simplemma's tokenizer pattern, a generated constant of the "
                                                          "same module (tools/content_tokenizer.py); the compiled "
                                                          "pattern is timed like every global",
    ("cyclemap/format/settings.py", "line_of"): "one escaped settings key between fixed classes, on one line of a file under 1 MB",
}


def _texts() -> dict[str, str]:
    n = SIZE
    unit = {  # the shapes the package's patterns look for, repeated with no end in sight
        "letters": "a", "capitals": "A", "digits": "7", "spaces": " ", "newlines": "\n", "crlf": "\r\n",
        "dot-space": ". ", "lower-sentences": "a. ", "ticks": "`", "tick-id": "`a` (", "tick-id-open": "`a` ((",
        "parens": "(", "chain": "a → ", "dashes": "-", "nested-quotes": "'\"“«", "lt": "<", "tag-on": "<a on",
        "tag-href": "<a href=", "xml": "<?xml", "comment": "<!--", "svg-width": '<svg width="1pt" ',
        "at": "@", "www": "www.", "line-col": "(at line 1, column ", "word-space": "ab ", "accent": "é",
        "bidi": "\u202e", "tool": "[tool.",
    }
    texts = {name: (piece * (n // len(piece) + 1))[:n] for name, piece in unit.items()}
    texts["letters-then-chain"] = "a" * n + " → b"
    texts["sentence-then-spaces"] = "x." + " " * n + "a"
    return texts


TEXTS = _texts()


def _modules():
    for info in pkgutil.walk_packages(cyclemap.__path__, "cyclemap."):
        if info.name.endswith("__main__"):  # importing it runs the command line
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra not installed here
            continue


def _compiled_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    for module in _modules():
        for name, value in vars(module).items():
            holders = [(name, value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                holders += [(f"{name}.{k}", v) for k, v in vars(value).items()]
            for label, obj in holders:
                if isinstance(obj, re.Pattern):
                    found[f"{module.__name__}.{label}"] = obj
    return found


_RE_FUNCTIONS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"}


def _literal_calls() -> tuple[dict[str, tuple[re.Pattern, bool]], list[tuple[str, str, int]]]:
    """`re.f("literal", ..., flags)` calls in the source, compiled, each with whether the
    call only tries the start of the text (`re.match`, `re.fullmatch`); and the calls whose
    pattern is not a literal (path, enclosing function, line)."""
    literal: dict[str, tuple[re.Pattern, bool]] = {}
    dynamic: list[tuple[str, str, int]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(PACKAGE.parent))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_FUNCTIONS and node.args):
                continue
            try:
                pattern = ast.literal_eval(node.args[0])
            except ValueError:
                owner = node
                while owner in parents and not isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    owner = parents[owner]
                dynamic.append((rel, getattr(owner, "name", "<module>"), node.lineno))
                continue
            flags = 0
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
            position = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "findall": 2, "finditer": 2,
                        "split": 3, "sub": 4, "subn": 4}[node.func.attr]
            if flag_node is None and len(node.args) > position:
                flag_node = node.args[position]
            if flag_node is not None:
                flags = eval(compile(ast.Expression(flag_node), rel, "eval"), {"re": re})  # re.I | re.S only
            anchored = node.func.attr in ("match", "fullmatch")
            literal[f"{rel}:{node.lineno}"] = (re.compile(pattern, flags), anchored)
    return literal, dynamic


def _all_patterns() -> dict[str, tuple[re.Pattern, bool]]:
    """Every pattern once (a module's compiled global is also a literal `re.compile` call),
    with whether its only use is at the start of a text."""
    literal, _dynamic = _literal_calls()
    found: dict[str, tuple[re.Pattern, bool]] = {}
    seen: set[tuple] = set()
    for key, pair in [*((k, (p, False)) for k, p in _compiled_patterns().items()), *literal.items()]:
        identity = (pair[0].pattern, pair[0].flags, pair[1])
        if identity not in seen:
            seen.add(identity)
            found[key] = pair
    return found


class _TooSlow(Exception):
    pass


def _timed(run, *args) -> float:
    """Run under an alarm (the regular expression engine checks for signals), so a
    quadratic case fails in LIMIT seconds instead of hanging the suite."""
    def alarm(*_):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    start = time.perf_counter()
    try:
        run(*args)
    except _TooSlow:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


def _scan(pattern: re.Pattern, anchored: bool, text):
    if not anchored:
        for _m in pattern.finditer(text):
            pass
    pattern.match(text)
    pattern.fullmatch(text)


def test_the_collector_finds_the_patterns_it_should():
    patterns = _all_patterns()
    # One of each kind: a module global, a class-free literal call, a pattern built by a function.
    assert "cyclemap.engine.facts._AT_ONCE" in patterns
    assert any(key.startswith("cyclemap/outputs/deck/__init__.py:") for key in patterns)  # the curve's viewBox
    assert any(key.startswith("cyclemap.engine.") for key in patterns)  # the rules' and content's word lists
    assert len(patterns) >= 40, sorted(patterns)


def test_every_dynamic_pattern_is_listed_with_its_reason():
    _literal, dynamic = _literal_calls()
    unlisted = [(path, owner, line) for path, owner, line in dynamic if (path, owner) not in DYNAMIC]
    assert not unlisted, f"patterns built at run time, not in DYNAMIC with a reason: {unlisted}"


@pytest.mark.slow  # about a minute on a shared machine: the slow tier (CI runs both)
def test_every_regular_expression_is_linear_on_adversarial_text():
    slow = []
    for key, (pattern, anchored) in sorted(_all_patterns().items()):
        for name, text in TEXTS.items():
            subject = text.encode("utf-8", "surrogatepass")[:SIZE] if isinstance(pattern.pattern, bytes) else text
            took = _timed(_scan, pattern, anchored, subject)
            if took > LIMIT:
                slow.append(f"{key} on {name}")
    assert not slow, "superlinear on 1 MB: " + "; ".join(slow)


@pytest.mark.slow  # about a minute on a shared machine: the slow tier (CI runs both)
def test_the_client_text_builders_are_linear_on_adversarial_text():
    """The first-sentences helper of the terminal critique on every text (the live page's
    and the deck's sentence rebuilders are gone: they read the engine's client list)."""
    from cyclemap.outputs.report import critique_rich

    helpers = {
        "critique_rich.brief": critique_rich.brief,
    }
    slow = [f"{helper} on {name}" for helper, run in helpers.items() for name, text in TEXTS.items()
            if _timed(run, text) > LIMIT]
    assert not slow, "superlinear on 1 MB: " + "; ".join(slow)


def test_a_text_past_its_fields_bound_is_refused_with_its_place():
    from cyclemap.format.reader import LONG_TEXT, SHORT_TEXT
    from support import load_text

    for key, limit in (("name", SHORT_TEXT), ("owner", SHORT_TEXT), ("notes", LONG_TEXT), ("standard", LONG_TEXT)):
        at_bound = "x" * limit
        fields = {"name": "A", "kind": "critical", key: "VALUE"}  # the tested key written last
        text = ("cyclemap: 1\ntitle: T\nmoments:\n  - id: a\n"
                + "".join(f"    {k}: {v}\n" for k, v in fields.items())
                + "  - id: b\n    name: B\n    kind: routine\n")
        line = 5 + list(fields).index(key)
        cycle, problems = load_text(text.replace("VALUE", at_bound))
        assert cycle is not None and not problems, (key, problems)
        cycle, problems = load_text(text.replace("VALUE", at_bound + "y"))
        assert cycle is None
        [problem] = problems
        assert problem.code == "CM002" and (problem.pos.line, problem.pos.col) == (line, 7 + len(key)), problem
        assert f"at most {limit:,}" in str(problem.message) and f"{limit + 1:,} characters" in str(problem.message)
