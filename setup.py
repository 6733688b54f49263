"""The build compiles the translation catalogues (cyclemap/locale/*/LC_MESSAGES/*.po ->
.mo) into the wheel, so a release always carries catalogues that match its .po files
(docs/translating.md). Everything else is declared in pyproject.toml."""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install reads the .mo files in the tree
            spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
            catalogues = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(catalogues)
            catalogues.compile_all(target=Path(self.build_lib) / "cyclemap")


setup(cmdclass={"build_py": BuildWithCatalogues})
