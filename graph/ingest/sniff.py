"""What a document is, from its first bytes or characters.

>>> binary_kind(b"%PDF-1.7 ...")
'PDF'
>>> first_tag('<?xml version="1.0"?>\\n<!-- feed -->\\n<rss version="2.0">')
'rss'
"""

from __future__ import annotations

import re

# Magic numbers of the binary files people drop into a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive, or a DOCX/XLSX/EPUB"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"PAR1", "Parquet file"),
    (b"\x80\x04\x95", "Python pickle"),
)


def binary_kind(data: bytes) -> str | None:
    """The kind of a binary file recognised by its magic number, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "MZ" and "ID3" are short: ask for a second sign before calling it binary.
            if magic in (b"MZ", b"ID3") and b"\x00" not in data[:512]:
                continue
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/MOV video"
    if data[257:262] == b"ustar":
        return "tar archive"
    return None


ENTITIES_REFUSED = (
    "declares XML entities (<!ENTITY>): refused, they can expand without limit "
    "(a 'billion laughs' attack) or read local files"
)

_PROLOG = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!(?!doctype)[^>]*>)*",
    re.S | re.I,
)
_TAG = re.compile(r"<(!doctype\s+|[a-z][\w:.-]*)([\w:.-]*)", re.I)


def first_tag(head: str) -> str | None:
    """The lower-case name of the first element of a markup document, skipping the XML
    declaration and comments; ``!doctype html`` style for a doctype; None if ``head``
    does not start with markup."""
    rest = head.lstrip("\ufeff")
    rest = rest[_PROLOG.match(rest).end() :]
    match = _TAG.match(rest)
    if not match:
        return None
    if match.group(1).lower().startswith("!doctype"):
        return "!doctype " + match.group(2).lower()
    return match.group(1).lower()
