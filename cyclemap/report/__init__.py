"""Formatters: turn check results (data) into text for people or machines.

Each formatter is a module with `render(results, summary, lang) -> str`; none knows
anything about individual rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.diagnostics import FileResult, Severity, Text


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, results: list[FileResult]) -> "Summary":
        return cls(
            files=len(results),
            errors=sum(r.count(Severity.ERROR) for r in results),
            warnings=sum(r.count(Severity.WARNING) for r in results),
            infos=sum(r.count(Severity.INFO) for r in results),
        )

    def line(self) -> Text:
        def n(count: int, en: str, es: str, en_pl: str, es_pl: str) -> Text:
            return Text(f"{count} {en if count == 1 else en_pl}", f"{count} {es if count == 1 else es_pl}")

        files = n(self.files, "file checked", "archivo revisado", "files checked", "archivos revisados")
        errors = n(self.errors, "error", "error", "errors", "errores")
        warnings = n(self.warnings, "warning", "advertencia", "warnings", "advertencias")
        infos = n(self.infos, "info", "nota", "info", "notas")
        return Text(f"{files.en}: {errors.en}, {warnings.en}, {infos.en}",
                    f"{files.es}: {errors.es}, {warnings.es}, {infos.es}")


SEVERITY_WORDS = {
    Severity.ERROR: Text("error", "error"),
    Severity.WARNING: Text("warning", "advertencia"),
    Severity.INFO: Text("info", "nota"),
}

FORMATS = ("text", "json")


def render(fmt: str, results: list[FileResult], lang_override: str | None = None) -> str:
    import importlib

    module = importlib.import_module(f"cyclemap.report.{fmt}_format")
    return module.render(results, Summary.of(results), lang_override)
