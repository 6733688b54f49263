"""Write an output file atomically, and never over an input.

Every command that writes a file (render, export, handout, …) goes through
`write_atomic`: the bytes go to a temporary file in the *same folder* as the target (so
the final `os.replace` is a rename on one filesystem, atomic on POSIX and Windows), and
only a complete file is ever renamed into place. If anything fails, the temporary file is
removed and the old target, if any, is left as it was.

`write_atomic(..., inputs=[...])` refuses to write over any of the given input files
(same path, or the same file through a link), so `cyclemap render banco.yaml -o
banco.yaml` cannot destroy the cycle it reads.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from cyclemap.format.diagnostics import Text


class OutputError(Exception):
    """The output cannot be written; `text` says why in en/es (a usage error, exit 2)."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class OutputIsInput(OutputError):
    """The output path names one of the input files."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when both paths name the same file (also through links or `..`)."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
    except OSError:
        pass
    return os.path.realpath(pa) == os.path.realpath(pb)


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Raise OutputError when `path` cannot be an output: it is an input, or a folder,
    or its folder does not exist. Call it before doing expensive work."""
    target = Path(path)
    for source in inputs:
        if same_file(target, source):
            raise OutputIsInput(Text(
                f"{path}: the output would overwrite the input file; choose another output name",
                f"{path}: la salida sobrescribiría el archivo de entrada; elija otro nombre de salida",
            ))
    if target.is_dir():
        raise OutputError(Text(f"{path} is a folder, not a file", f"{path} es una carpeta, no un archivo"))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Text(f"{path}: the folder {folder} does not exist",
                               f"{path}: la carpeta {folder} no existe"))


def write_atomic(path: str | os.PathLike, data: bytes | str, *,
                 inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Write `data` (str is written as UTF-8) to `path` atomically; see the module doc."""
    check_output(path, inputs)
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(Text(f"{path}: cannot write ({exc.strerror})",
                               f"{path}: no se puede escribir ({exc.strerror})")) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600; give it the permissions a normal new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(Text(f"{path}: cannot write ({exc.strerror})",
                                   f"{path}: no se puede escribir ({exc.strerror})")) from exc
        raise
