"""The suite's own rules (issue 26): no assert that cannot fail, and the slow tier names
only tests that exist (a renamed test must not drop out of both tiers unnoticed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import SLOW_FILES, SLOW_TESTS

TESTS = Path(__file__).resolve().parent


def never_false(test: ast.expr) -> str | None:
    """Why an assert's condition cannot be false, or None: a true constant, a non-empty
    literal (`assert (x, "message")`), a value compared with itself, `... or True`,
    `x or not x`, `len(...) >= 0`; also `... or "a" in out`, true of almost any output."""
    if isinstance(test, ast.Constant):
        return "a true constant" if test.value else None
    if isinstance(test, (ast.Tuple, ast.List, ast.Set)) and test.elts or isinstance(test, ast.Dict) and test.keys:
        return "a non-empty literal is always true"
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right, op = test.left, test.comparators[0], test.ops[0]
        if ast.dump(left) == ast.dump(right) and isinstance(op, (ast.Eq, ast.Is, ast.LtE, ast.GtE, ast.In)):
            return "compares a value with itself"
        if (isinstance(left, ast.Call) and getattr(left.func, "id", None) == "len" and isinstance(op, ast.GtE)
                and isinstance(right, ast.Constant) and right.value == 0):
            return "a length is never negative"
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        if any(isinstance(v, ast.Constant) and v.value for v in test.values):
            return "`or` a true constant"
        if any(isinstance(v, ast.Compare) and isinstance(v.ops[0], ast.In) and isinstance(v.left, ast.Constant)
               and isinstance(v.left.value, str) and len(v.left.value) == 1 and v.left.value.isalnum()
               for v in test.values):
            return "`or` a single letter found in the text (true of almost any output)"
        dumps = {ast.dump(v) for v in test.values}
        if any(isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.Not) and ast.dump(v.operand) in dumps
               for v in test.values):
            return "`x or not x`"
    return None


def hollow_asserts(source: str, name: str) -> list[str]:
    return [f"{name}:{node.lineno}: {why}: assert {ast.unparse(node.test)[:80]}"
            for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assert)
            for why in [never_false(node.test)] if why]


def test_no_assert_in_the_suite_cannot_fail():
    found = [line for path in sorted(TESTS.glob("*.py"))
             for line in hollow_asserts(path.read_text(encoding="utf-8"), path.name)]
    assert found == []


@pytest.mark.parametrize("code", [
    "assert True", "assert (x == 1, 'x is one')", "assert out == out", "assert len(items) >= 0",
    "assert ok or True", "assert found or not found", "assert [x]", "assert 'Llega' in out or 'a' in out",
])
def test_the_rule_catches_each_kind_of_hollow_assert(code):
    assert hollow_asserts(code, "t.py"), code


@pytest.mark.parametrize("code", [
    "assert x == 1, 'x is one'", "assert out == expected", "assert len(items) >= 1", "assert a or b",
    "assert found or not other", "assert items", "assert '█' in err or '▀' in err",
])
def test_the_rule_leaves_real_asserts_alone(code):
    assert hollow_asserts(code, "t.py") == []


def test_the_slow_tier_names_only_tests_that_exist():
    files = {path.name: path.read_text(encoding="utf-8") for path in TESTS.glob("test_*.py")}
    assert SLOW_FILES <= set(files), SLOW_FILES - set(files)
    defined = {node.name for text in files.values() for node in ast.walk(ast.parse(text))
               if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    assert SLOW_TESTS <= defined, SLOW_TESTS - defined
