"""Turn command-line text into option values without pydantic, for the simple types
cyclemap's options use (text, lists of text, numbers).

Typer 0.16+ builds every option's value through a pydantic TypeAdapter; importing
pydantic and building the adapters takes 0.2-0.5 s, on every command, which is longer
than most commands' own work (benchmarks/RESULTS.md). `install()` swaps in a plain
converter for `str`, `bool`, `int`, `float`, lists of them and their Optional
forms and leaves every other annotation to Typer. It touches one private
name of Typer (`typer.core.build_runtime_param`); with any other Typer, where that name
or its `RuntimeParam` class is missing, it does nothing and Typer works as before.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass


def _plain(annotation) -> tuple[str, bool] | None:
    """(kind, is_list) for annotations we convert ourselves, else None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None
        return _plain(args[0])
    if origin is list:
        (item,) = typing.get_args(annotation) or (str,)
        inner = _plain(item)
        return (inner[0], True) if inner and not inner[1] else None
    if annotation is str:
        return ("str", False)
    if annotation is bool:
        return ("bool", False)
    if annotation is int:
        return ("int", False)
    if annotation is float:
        return ("float", False)
    return None


# pydantic's words for the same mistakes, so messages do not change with the converter.
_MESSAGES = {
    "int": "Input should be a valid integer, unable to parse string as an integer",
    "float": "Input should be a valid number, unable to parse string as a number",
    "bool": "Input should be a valid boolean, unable to interpret input",
}
_BOOLS = {"true": True, "1": True, "yes": True, "y": True, "on": True, "t": True,
          "false": False, "0": False, "no": False, "n": False, "off": False, "f": False}


def install() -> bool:
    """Use the plain converter where it applies; True when it is in place."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
    except ImportError:
        return False
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "_cyclemap_light", False):
        return original is not None and getattr(original, "_cyclemap_light", False)

    @dataclass(frozen=True)
    class PlainRuntimeParam(base):  # type: ignore[misc,valid-type]
        kind: str = "str"
        is_list: bool = False

        def _convert(self, value, param, ctx):
            if self.kind == "str" or not isinstance(value, str):
                if self.kind == "float" and isinstance(value, int) and not isinstance(value, bool):
                    return float(value)
                return value
            if self.kind == "bool":
                if value.strip().lower() in _BOOLS:
                    return _BOOLS[value.strip().lower()]
                raise BadParameter(_MESSAGES["bool"], ctx=ctx, param=param)
            try:
                return int(value) if self.kind == "int" else float(value)
            except ValueError:
                raise BadParameter(_MESSAGES[self.kind], ctx=ctx, param=param) from None

        def _coerce_value(self, value, param, ctx):
            if self.is_list:
                items = value if isinstance(value, (list, tuple)) else [value]
                return [self._convert(item, param, ctx) for item in items]
            return self._convert(value, param, ctx)

    def build_runtime_param(descriptor):
        info = descriptor.parameter_info
        plain = None
        if descriptor.file_annotation is None and getattr(info, "parser", None) is None \
                and getattr(info, "click_type", None) is None:
            plain = _plain(descriptor.annotation)
            # number ranges (min=, max=) stay with Typer's own validation
            if plain and plain[0] != "str" and any(getattr(info, k, None) is not None for k in ("min", "max")):
                plain = None
        if plain is None:
            return original(descriptor)
        return PlainRuntimeParam(parameter_info=info, annotation=descriptor.annotation, kind=plain[0], is_list=plain[1])

    build_runtime_param._cyclemap_light = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
    return True
