"""The native library, its errors, and the conversions every module uses."""

from __future__ import annotations

import os
from typing import Any, Optional, Union

from ._native import ffi, lib

#: The C ABI version this module was written for.
ABI_VERSION = 1
if lib.whosaid_abi_version() != ABI_VERSION:
    raise ImportError(
        f"whosaid: the native library has ABI {lib.whosaid_abi_version()}, "
        f"this module expects {ABI_VERSION}; reinstall the package"
    )

__version__: str = ffi.string(lib.whosaid_version()).decode("ascii")


class WhosaidError(Exception):
    """A failure reported by the library, with its message and status name."""

    def __init__(self, message: str, status: str) -> None:
        super().__init__(message)
        #: The status constant's name, such as ``"GAZETTEER"`` or ``"IO"``.
        self.status = status


def _check(status: int) -> None:
    if status != lib.WHOSAID_STATUS_OK:
        msg = lib.whosaid_last_error_message()
        name = ffi.string(lib.whosaid_status_name(status)).decode("ascii")
        text = ffi.string(msg).decode("utf-8", "replace") if msg != ffi.NULL else name
        raise WhosaidError(text, name)


def _encode(text: object, what: str) -> bytes:
    """UTF-8 bytes of a ``str``; a clear TypeError or ValueError for anything else."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, not {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            f"{what} cannot be encoded as UTF-8: lone surrogate {text[e.start]!r} "
            f"at index {e.start}"
        ) from None


def _take_string(ptr: Any, n: int) -> str:
    """Decodes a string the library made, then frees it."""
    try:
        return ffi.unpack(ptr, n).decode("utf-8")
    finally:
        lib.whosaid_string_free(ptr)


def _str(s: Any) -> str:
    return ffi.unpack(ffi.cast("char *", s.ptr), s.len).decode("utf-8")


def _opt_str(s: Any) -> Optional[str]:
    return None if s.ptr == ffi.NULL else _str(s)


def _path(path: Union[str, "os.PathLike[str]"]) -> bytes:
    p = os.fspath(path)
    if not isinstance(p, str):
        raise TypeError(f"path must be str or os.PathLike[str], not {type(p).__name__}")
    return _encode(p, "path")
