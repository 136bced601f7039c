"""The raw byte streams under an input (`inputs.open_input`): one that gives back the
bytes already read to detect the format, then the rest, and one that hashes every byte
read through it (the input's SHA-256)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import IO, Any


class Prefixed(io.RawIOBase):
    """A raw stream that gives the bytes already read (the head), then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = _read1(self._rest, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def fileno(self) -> int:
        return self._rest.fileno()


def _read1(stream: IO[bytes], size: int) -> bytes:
    """What has arrived, up to ``size`` bytes (from a pipe, without waiting for more)."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


class Hashing(io.RawIOBase):
    """A raw stream that hashes (SHA-256) every byte read through it."""

    def __init__(self, raw: IO[bytes], path: str) -> None:
        self._raw = raw
        self._path = path
        self._hash = hashlib.sha256()
        self.whole = True  # false once the file is read by path instead (a workbook)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = _read1(self._raw, len(buffer))
        buffer[: len(data)] = data
        self._hash.update(data)
        return len(data)

    def read1(self, size: int = -1) -> bytes:
        data = _read1(self._raw, size)
        self._hash.update(data)
        return data

    def fileno(self) -> int:
        return self._raw.fileno()

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._raw.close()
        super().close()

    def hexdigest(self) -> str:
        """The SHA-256 of the input (of the whole file, when it was read by path)."""
        if not self.whole and self._path != "-":
            whole = hashlib.sha256()
            with Path(self._path).open("rb") as again:
                for piece in iter(lambda: again.read(1 << 20), b""):
                    whole.update(piece)
            return whole.hexdigest()
        return self._hash.hexdigest()
