"""Property-based tests (hypothesis): whatever the input, `cyclemap check` answers with
documented diagnostics and exit codes, never a crash; and the fast pieces written for
speed (the YAML composer, plain reachability) agree with the libraries they replace."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_FILES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_cycle  # noqa: E402

from cyclemap.format.reader import MOMENT_KEYS, CYCLE_KEYS  # noqa: E402
from cyclemap.format.yaml_safe import _compose_events, _Loader  # noqa: E402

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: (?P<code>CM\d{3}) (error|warning|info|advertencia|aviso) \S")
HINT = re.compile(r"^    (hint|sugerencia): \S")
FOLLOW_ON = re.compile(r"^    (probably caused by this|probablemente causados por este) \(")  # then indented findings
SUMMARY = re.compile(r"^\d+ (file|files|archivo|archivos) (checked|revisados?): \d+ ")


# -- strategies ------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["critical", "routine", "crítico", "people", "yes", "~", "1e3", "0x1F"]),
)
yaml_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(CYCLE_KEYS + MOMENT_KEYS)), inner, max_size=6),
    ),
    max_leaves=25,
)
# Documents shaped like a cycle, with random values where the format expects others.
moment_like = st.dictionaries(st.sampled_from(MOMENT_KEYS + ("to", "when", "nombre")), yaml_data, max_size=8)
cycle_like = st.fixed_dictionaries(
    {"cyclemap": st.one_of(st.just(1), scalars), "title": st.one_of(st.text(max_size=20), scalars),
     "moments": st.lists(st.one_of(moment_like, yaml_data), max_size=6)},
    optional={k: yaml_data for k in ("customer", "language", "scale", "stages", "closed")},
)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in EXAMPLE_FILES]


@st.composite
def mutated_example(draw) -> bytes:
    """An example file with one to three damages: a line deleted, duplicated or swapped,
    a value's type changed, random bytes inserted, the file truncated."""
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "bytes", "truncate", "indent", "moment"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "retype" and ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            value = draw(st.sampled_from(["[]", "{}", "~", "yes", "-3", "1e999", "[a, [b]]", "&x a", "*x", "!!binary aGk=", '"\\u202e"']))
            lines[i] = f"{key}: {value}\n"
        elif action == "bytes":
            junk = draw(st.binary(min_size=1, max_size=8)).decode("latin-1")
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        elif action == "truncate":
            lines = lines[:i]
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif action == "moment":
            # duplicate a whole moment: from an `- id:` line to the next one
            starts = [k for k, line in enumerate(lines) if line.lstrip().startswith("- id:")]
            if starts:
                a = draw(st.sampled_from(starts))
                b = next((k for k in starts if k > a), len(lines))
                lines[b:b] = lines[a:b]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and data:
        data = data[: draw(st.integers(0, len(data)))]  # cut anywhere, even inside a character
    return data


# -- the command line never breaks -----------------------------------------------------

def check_in_process(data: bytes) -> tuple[int, str]:
    """`cyclemap check FILE` through the real Typer app, in this process."""
    from typer.testing import CliRunner

    from cyclemap.cli import app
    from cyclemap.engine.rules import all_rules

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cycle.yaml"
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["check", str(path)], env={"CYCLEMAP_LANG": "en", "NO_COLOR": "1"})
        assert path.read_bytes() == data  # the input is never modified
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    known = set(all_rules())
    lines = result.stdout.splitlines()
    assert lines and SUMMARY.match(lines[-1]), result.stdout
    for line in lines[:-1]:
        match = DIAGNOSTIC.match(line)
        assert match or HINT.match(line) or FOLLOW_ON.match(line), f"not a diagnostic line: {line!r}"
        if match:
            assert match["code"] in known
    return result.exit_code, result.stdout


# Each run of the command line costs about 50 ms: the default tier looks at a quarter of
# the examples (enough for any crash class that is not rare), the slow tier at all of them.
DEPTH = pytest.mark.parametrize("share", [pytest.param(0.25, id="quick"),
                                          pytest.param(1.0, id="deep", marks=pytest.mark.slow)])


def explore(strategy, examples: int, share: float):
    """Decorate a property to run on `share` of its `examples` (hypothesis, no deadline)."""
    def decorate(check):
        return settings(FAST, max_examples=max(10, round(examples * share)))(given(strategy)(check))
    return decorate


@DEPTH
def test_any_yaml_document_gets_diagnostics_not_a_crash(share):
    @explore(yaml_data, 150, share)
    def prop(data):
        code, out = check_in_process(dump(data).encode())
        assert code == 1  # a random document is never a valid cycle
        assert re.search(r"CM00[12] error", out)
    prop()


@DEPTH
def test_cycle_shaped_documents_with_random_values_never_crash(share):
    @explore(cycle_like, 150, share)
    def prop(data):
        check_in_process(dump(data).encode())
    prop()


@DEPTH
def test_damaged_examples_never_crash(share):
    @explore(mutated_example(), 150, share)
    def prop(data):
        check_in_process(data)
    prop()


@DEPTH
def test_random_bytes_never_crash(share):
    @explore(st.binary(max_size=300), 60, share)
    def prop(data):
        check_in_process(data)
    prop()


def test_the_examples_themselves_pass_the_same_checks():
    for text in EXAMPLE_TEXTS:
        code, _ = check_in_process(text.encode())
        assert code == 0


# -- the fast composer is PyYAML's composer --------------------------------------------

def tree(node, seen=None):
    """A node tree as comparable data: kind, tag, value, style and start position."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, where, [tree(n, seen) for n in node.value])
    return ("map", node.tag, node.flow_style, where, [(tree(k, seen), tree(v, seen)) for k, v in node.value])


def compose_both(text: str):
    try:
        expected = ("ok", tree(yaml.compose(text, Loader=yaml.CSafeLoader)))
    except yaml.YAMLError as exc:
        expected = ("error", type(exc).__name__)
    loader = _Loader(text)
    try:
        got = ("ok", tree(_compose_events(loader)))
    except yaml.YAMLError as exc:
        got = ("error", type(exc).__name__)
    finally:
        loader.dispose()
    return expected, got


@st.composite
def yaml_with_aliases(draw) -> str:
    """Dumped data in which some parts are shared, so the text has anchors and aliases."""
    shared = draw(st.lists(yaml_data, min_size=1, max_size=3))
    data = draw(st.lists(st.one_of(yaml_data, st.sampled_from(shared)), max_size=6))
    style = draw(st.sampled_from([None, True, False]))
    return yaml.safe_dump(data, default_flow_style=style, allow_unicode=True)


@FAST
@given(st.one_of(yaml_with_aliases(), yaml_data.map(dump)))
def test_composer_builds_the_same_tree_as_pyyaml(text):
    expected, got = compose_both(text)
    assert got == expected


@FAST
@given(mutated_example().map(lambda b: b.decode("utf-8", "ignore")))
def test_composer_agrees_with_pyyaml_on_damaged_files(text):
    expected, got = compose_both(text)
    if expected[0] == "error":
        assert got[0] == "error"
    else:
        assert got == expected


@pytest.mark.parametrize("text", ["", "# only a comment\n", "a", "- a\n- &x b\n- *x\n", "a: &y [1, 2]\nb: *y\n",
                                  "{a: 1, ? b : c}", "--- a\n", "x: !foo bar", "k: |\n  text\n  more\n", "a: ! 12",
                                  "? [a]\n: b\n", "&a x: *a\n", generate_cycle(30)])
def test_composer_on_known_documents(text):
    expected, got = compose_both(text)
    assert got == expected


# -- plain reachability is networkx's -----------------------------------------------------

@st.composite
def random_cycle(draw):
    from cyclemap.format.model import Branch, Cycle, Moment

    n = draw(st.integers(1, 12))
    ids = [f"m{i}" for i in range(n)]
    moments = []
    for moment_id in ids:
        nexts = draw(st.one_of(st.none(), st.lists(st.sampled_from(ids + ["ghost"]), max_size=3)))
        moments.append(Moment(moment_id, moment_id, "routine",
                              next=None if nexts is None else tuple(Branch(t) for t in nexts)))
    if draw(st.booleans()) and n > 1:
        moments.append(moments[draw(st.integers(0, n - 1))])  # a repeated id
    return Cycle("random", moments, closed=draw(st.booleans()))


@FAST
@given(random_cycle())
def test_reachability_matches_networkx(cycle):
    import networkx as nx

    from cyclemap.engine.graph import build_graph, predecessors, reachable, successors

    graph = build_graph(cycle)
    links = successors(cycle)
    back = predecessors(links)
    assert {(a, b) for a, targets in links.items() for b in targets} == set(graph.edges)
    for node in graph.nodes:
        assert reachable(links, node) == nx.descendants(graph, node) | {node}
        assert reachable(back, node) == nx.ancestors(graph, node) | {node}


@FAST
@given(random_cycle())
def test_dominators_match_networkx(cycle):
    import networkx as nx

    from cyclemap.engine.graph import build_graph, immediate_dominators, successors

    graph = build_graph(cycle)
    start = cycle.moments[0].id
    expected = nx.immediate_dominators(graph, start)
    expected.pop(start, None)  # networkx < 3.5 also maps the start to itself
    assert immediate_dominators(successors(cycle), start) == expected


@FAST
@given(random_cycle())
def test_betweenness_matches_networkx(cycle):
    import networkx as nx

    from cyclemap.engine.graph import betweenness, build_graph, successors

    expected = nx.betweenness_centrality(build_graph(cycle), normalized=True)
    got = betweenness(successors(cycle))
    assert got.keys() == expected.keys()
    for node, value in expected.items():
        assert got[node] == pytest.approx(value, abs=1e-12)
