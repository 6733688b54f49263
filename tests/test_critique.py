"""The critique as data (`build_critique`): counts, cycle order, ranked weak points."""

from __future__ import annotations

from support import check_cycle
from cyclemap.format.diagnostics import Severity
from support import load_text
from tests.conftest import EXAMPLES


def critique_of(path_or_text, lang="en"):
    if hasattr(path_or_text, "read_text"):
        cycle, problems = load_text(path_or_text.read_text(encoding="utf-8"), str(path_or_text))
    else:
        cycle, problems = load_text(path_or_text)
    assert cycle is not None, problems
    return check_cycle(cycle, lang=lang).critique


def test_banco_counts_and_order_follow_the_branches():
    c = critique_of(EXAMPLES / "banco.yaml", "es")
    assert (c.counts.moments, c.counts.critical, c.counts.routine, c.counts.scored) == (8, 5, 3, 8)
    ids = [v.moment.id for v in c.moments]
    assert ids[:4] == ["llegada", "turno", "queja", "asesor"]  # the complaint detour right after the wait
    assert set(ids) == {"llegada", "turno", "asesor", "requisitos", "firma", "activacion", "encuesta", "queja"}
    assert c.service_level is not None


def test_weak_points_ranked_by_severity_then_impact():
    c = critique_of(EXAMPLES / "banco.yaml")
    ranks = [(p.uncertain, -p.weight) for p in c.points]
    assert ranks == sorted(ranks) and [p.rank for p in c.points] == list(range(1, len(c.points) + 1))
    # the analyst's finding-by-finding list follows the points, errors first
    order = [w.moment_id for w in c.weak_points if w.severity is Severity.WARNING and w.moment_id]
    assert list(dict.fromkeys(order))[:3] == [p.moment_id for p in c.points if p.moment_id][:3]
    for w in c.weak_points:
        assert w.why("en") and w.why("es") and w.fix("en") and w.fix("es")
        assert isinstance(w.severity, Severity)
