"""`check --baseline OLD` and `diff OLD NEW` judge the old file by one rule: the settings
of the new file (OLD is often a copy elsewhere, e.g. from `git show` into a temporary
folder, where another settings file — or none — applies)."""

from __future__ import annotations

from conftest import run_cli_in_process
from support import SHOP_CYCLE

CYCLE = SHOP_CYCLE


def _folders(tmp_path):
    """OLD's folder makes the margin wide (no CM105 there); NEW's raises CM105 to error."""
    old, new = tmp_path / "old", tmp_path / "new"
    for d, settings in ((old, "thresholds:\n  gap_margin: 0.3\n"), (new, "severity:\n  CM105: error\n")):
        d.mkdir()
        (d / "c.yaml").write_text(CYCLE)
        (d / ".cyclemap.yaml").write_text(settings)
    return old / "c.yaml", new / "c.yaml"


def test_an_identical_copy_under_other_settings_is_no_news_in_check_and_diff(tmp_path):
    old, new = _folders(tmp_path)
    check = run_cli_in_process("check", str(new), "--baseline", str(old))
    assert check.code == 0, check.out + check.err
    assert "CM105" not in check.out
    assert "0 errors, 0 warnings" in check.out + check.err
    diff = run_cli_in_process("diff", str(old), str(new))
    assert diff.code == 0, diff.out + diff.err
    assert "0 new findings" in diff.out


def test_the_baseline_still_catches_what_is_new(tmp_path):
    """The same rule does not hide a real regression: a lower score in NEW is new."""
    old, new = _folders(tmp_path)
    new.write_text(CYCLE.replace("score: 4.2", "score: 3.0"))
    check = run_cli_in_process("check", str(new), "--baseline", str(old))
    diff = run_cli_in_process("diff", str(old), str(new))
    assert check.code == 1 and "CM105" in check.out and "`pay`" in check.out
    assert "CM105" in diff.out


def test_files_under_different_settings_each_compare_with_old_judged_by_theirs(tmp_path):
    """Two new files, one under each settings file, against one old cycle: neither has news."""
    old, new = _folders(tmp_path)
    check = run_cli_in_process("check", str(new), str(old), "--baseline", str(old))
    assert check.code == 0, check.out + check.err
    assert "CM105" not in check.out
