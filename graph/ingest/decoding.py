"""Bytes -> text: the encodings people's files are really in, and a clear "no" for the rest.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); binary files by their magic number
or NUL bytes; UTF-8; the charset the document declares (HTML ``<meta charset>``, the
XML declaration); Windows-1252 when the text reads as Western-European prose (the
usual "Latin-1" file); then ``charset-normalizer``'s best guess. Text that decodes but
is mostly control characters is binary too.

>>> decode("a.txt", "Café".encode("cp1252"))
'Café'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from graph.ingest.base import BINARY, ENCODING, UnreadableInput
from graph.ingest.sniff import binary_kind

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)
# Characters Western-European prose uses beyond ASCII (Latin-1 letters and signs, and
# the typographic punctuation Windows-1252 puts in 0x80-0x9F).
_WESTERN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ")
_WESTERN |= set("\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿×÷€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def decode(source: str, data: bytes) -> str:
    """The text of ``data``, or ``UnreadableInput`` saying why it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(source, data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise UnreadableInput(
                    source,
                    f"starts like {encoding.upper()} text but is not valid {encoding}",
                    ENCODING,
                ) from exc
    kind = binary_kind(data)
    if kind:
        raise UnreadableInput(source, f"binary file ({kind}), not text", BINARY)
    if b"\x00" in data[:8192]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise UnreadableInput(source, "binary file (NUL bytes), not text", BINARY)
        return _checked(source, utf16)
    try:
        return _checked(source, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_error = exc
    text = _mostly_utf8(data) or _declared(data) or _western(data) or _detected(data)
    if text is None:
        bad = data[first_error.start]
        raise UnreadableInput(
            source,
            f"not readable text: invalid UTF-8 (byte 0x{bad:02x} at offset "
            f"{first_error.start}) and no other encoding fits",
            ENCODING,
        )
    return _checked(source, text)


def _checked(source: str, text: str) -> str:
    """Refuse decoded text that is really binary: many control characters."""
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v\x1b")
    if sample and controls > max(8, len(sample) // 100):
        raise UnreadableInput(source, "binary file (control characters), not text", BINARY)
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros and zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a copy-paste accident): keep it, replacing them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    return text if bad <= max(1, len(text) // 2000) and multibyte > bad else None


def _declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    if label in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        label = "cp1252"  # what browsers do, and what such files really are
    try:
        return data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return None


def _western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if c > "\x7f"]
    letters = sum(1 for c in text if c.isalpha())
    if all(c in _WESTERN for c in high) and len(high) <= 0.3 * max(letters, 1):
        return text
    return None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.chaos > 0.2:
        return None
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    letters = sum(1 for c in text[:10000] if unicodedata.category(c).startswith("L"))
    return text if letters else None
