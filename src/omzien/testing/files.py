"""Hostile files for the tests of uploads."""

import struct
import zlib


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header declares ``width`` × ``height`` pixels: a
    decompression bomb when they are many, a damaged image otherwise."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )
