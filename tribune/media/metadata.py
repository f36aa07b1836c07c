"""Removing what an image file says about where, when and with what it was taken.

A photo's EXIF can carry GPS coordinates (a source's home), the camera's serial number, its owner's name and maker
notes; XMP and IPTC blocks and comments can carry the same and more. None of it is needed to show the picture, and
Tribune's own credit fields (caption, agency, photographer, year, licence) live on the image model, not in the file.

``strip_metadata(data)`` returns the file without that metadata:

- JPEG, PNG and WebP are rewritten without re-encoding a pixel: the metadata segments or chunks are dropped
  (JPEG: APP1 EXIF/XMP, APP13 IPTC, comments, every other APPn but JFIF, the colour profile and Adobe's colour
  marker, and anything after the end of the image such as a second picture; PNG: eXIf and text chunks; WebP: EXIF
  and XMP chunks). The orientation is the one tag kept, in a fresh EXIF block, so a portrait stays upright.
- Other formats that carry EXIF or XMP (AVIF, HEIC, TIFF) are re-encoded by Pillow without it, the orientation
  applied to the pixels.
- A file none of these can read is returned as it is: telling a broken upload apart is the upload form's work.
"""

import io
import logging
import struct
import zlib

from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

ORIENTATION = 0x0112
# JPEG APPn segments kept: JFIF (APP0), the ICC colour profile (APP2 "ICC_PROFILE"), Adobe's colour transform (APP14).
_JPEG_KEPT_APP = {0xE0, 0xEE}
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
_WEBP_DROPPED = {b"EXIF", b"XMP "}
_REENCODED = {"AVIF": {"quality": 90}, "HEIF": {"quality": 90}, "TIFF": {}}


def _orientation_exif(orientation: int | None) -> bytes | None:
    """An EXIF block (starting "Exif\\0\\0") holding only the orientation, or None when there is none to keep."""
    if not orientation or orientation == 1:
        return None
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()


def strip_metadata(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            orientation = image.getexif().get(ORIENTATION)
            if image_format == "JPEG":
                return _strip_jpeg(data, _orientation_exif(orientation))
            if image_format == "PNG":
                return _strip_png(data, _orientation_exif(orientation))
            if image_format == "WEBP":
                return _strip_webp(data, _orientation_exif(orientation))
            if image_format in _REENCODED and (len(image.getexif()) or "xmp" in image.info):
                return _reencode(image, image_format)
    except Exception:  # noqa: BLE001 - a file Pillow or the parsers cannot read is the upload validation's to refuse
        logger.info("image metadata not stripped: the file could not be read", exc_info=True)
    return data


def _strip_jpeg(data: bytes, orientation_exif: bytes | None) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = [b"\xff\xd8"]
    position, inserted = 2, orientation_exif is None
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("JPEG marker expected")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image: whatever follows (a second picture, appended data) is left out
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in _JPEG_STANDALONE:
            out.append(data[position : position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        if len(segment) < 2 + length:
            raise ValueError("truncated JPEG segment")
        position += 2 + length
        if not inserted and marker != 0xE0:
            out.append(b"\xff\xe1" + struct.pack(">H", len(orientation_exif) + 2) + orientation_exif)
            inserted = True
        is_app = 0xE0 <= marker <= 0xEF
        keep = (not is_app and marker != 0xFE) or marker in _JPEG_KEPT_APP
        keep = keep or (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
        if keep:
            out.append(segment)
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker that is not a restart
            end = position
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= len(data):
                    raise ValueError("JPEG ends inside a scan")
                following = data[end + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    end += 1 if following == 0xFF else 2
                    continue
                break
            out.append(data[position:end])
            position = end
    raise ValueError("JPEG without an end")


def _strip_png(data: bytes, orientation_exif: bytes | None) -> bytes:
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("not a PNG")
    out, position = [signature], len(signature)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position : position + 12 + length]
        if len(chunk) < 12 + length:
            raise ValueError("truncated PNG chunk")
        position += 12 + length
        if kind == b"IDAT" and orientation_exif is not None:  # eXIf goes before the image data
            body = orientation_exif[len(b"Exif\x00\x00") :]
            out.append(struct.pack(">I", len(body)) + b"eXIf" + body + struct.pack(">I", zlib.crc32(b"eXIf" + body)))
            orientation_exif = None
        if kind not in _PNG_DROPPED:
            out.append(chunk)
        if kind == b"IEND":
            break
    return b"".join(out)


def _strip_webp(data: bytes, orientation_exif: bytes | None) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    chunks, position = [], 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        chunk = data[position : position + 8 + length + (length & 1)]
        position += 8 + length + (length & 1)
        if kind not in _WEBP_DROPPED:
            chunks.append(chunk)
    if chunks and chunks[0][:4] == b"VP8X":
        flags = chunks[0][8] & ~0x0C  # neither EXIF (0x08) nor XMP (0x04) any more
        if orientation_exif is not None:
            body = orientation_exif[len(b"Exif\x00\x00") :]
            chunks.append(b"EXIF" + struct.pack("<I", len(body)) + body + b"\x00" * (len(body) & 1))
            flags |= 0x08
        chunks[0] = chunks[0][:8] + bytes([flags]) + chunks[0][9:]
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _reencode(image: Image.Image, image_format: str) -> bytes:
    upright = ImageOps.exif_transpose(image)
    upright.info.pop("xmp", None)
    output = io.BytesIO()
    upright.save(output, format=image_format, exif=b"", **_REENCODED[image_format])
    return output.getvalue()
