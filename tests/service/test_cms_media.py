"""Images uploaded to the dashboard (service/cms/media.py): real images made by Pillow go through shrunk,
upright and without metadata; anything else is refused naming the field."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from service.cms import media
from service.http.errors import ValidationError

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(size: tuple[int, int], image_format: str, mode: str = "RGB", **options: object) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "teal" if mode != "L" else 128).save(output, format=image_format, **options)
    return output.getvalue()


def never_taken(_path: str) -> bool:
    return False


def refusal(data: bytes, name: str = "photo.jpg", alt: str = "A sensor on a window sill") -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        media.process_upload(data, name, alt, taken=never_taken)
    assert caught.value.status == 400
    return caught.value.fields


@pytest.mark.parametrize(("image_format", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"),
                                                      ("GIF", ".gif")])
def test_each_accepted_format_keeps_its_format_and_gets_its_suffix(image_format: str, suffix: str) -> None:
    result = media.process_upload(picture((40, 30), image_format), "Sensor Map (final).PNG", "The sensor map",
                                  taken=never_taken)
    assert result.path == f"media/sensor-map-final{suffix}"
    assert result.markdown == f"![The sensor map](/media/sensor-map-final{suffix})"
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.format == image_format and image.size == (40, 30)


def test_the_type_comes_from_the_content_not_the_name() -> None:
    result = media.process_upload(picture((10, 10), "PNG"), "really-a-png.jpg", "A square", taken=never_taken)
    assert result.path == "media/really-a-png.png"
    assert "not a JPEG, PNG, WebP or GIF image" in refusal(b"just some words, not a picture\n")["file"]


def test_svg_is_refused_by_name_in_the_message() -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "SVG files are not accepted" in refusal(svg, "map.svg")["file"]


def test_other_image_formats_are_refused() -> None:
    assert "not a JPEG, PNG, WebP or GIF image" in refusal(picture((10, 10), "BMP"), "old.bmp")["file"]


def test_an_oversize_file_is_refused_before_it_is_read() -> None:
    message = refusal(b"\xff\xd8" + b"\0" * (media.MAX_UPLOAD_BYTES + 1))["file"]
    assert "upload at most 10 MB" in message


def test_an_empty_file_is_refused() -> None:
    assert "Choose an image file" in refusal(b"")["file"]


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's first bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("side", [8000, 100_000])  # over Herald's limit; far over Pillow's own bomb threshold
def test_a_decompression_bomb_is_refused_without_decoding(side: int) -> None:
    assert "too many pixels" in refusal(png_header_claiming(side, side), "bomb.png")["file"]


def test_a_truncated_image_is_refused_clearly() -> None:
    whole = picture((300, 300), "PNG", optimize=False)
    assert "damaged or cut short" in refusal(whole[: len(whole) // 2], "cut.png")["file"]


def test_exif_orientation_is_applied_then_every_tag_stripped() -> None:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was held on its side: turn 90 degrees clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    original = picture((60, 20), "JPEG", exif=exif.tobytes())
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(GPS_IFD)  # the test's photo does carry a location
    result = media.process_upload(original, "IMG_0001.JPG", "A volunteer at the gate", taken=never_taken)
    assert b"PhoneMaker" not in result.content and b"Exif" not in result.content
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (20, 60)
        assert not image.getexif() and "exif" not in image.info


def test_png_text_chunks_are_dropped_and_transparency_kept() -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at 12 Hollins Road")
    original = picture((30, 30), "PNG", mode="RGBA", pnginfo=text)
    result = media.process_upload(original, "logo.png", "The logo", taken=never_taken)
    assert b"Hollins" not in result.content
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.mode == "RGBA"


def test_a_large_picture_is_shrunk_to_the_longest_side_keeping_its_shape() -> None:
    result = media.process_upload(picture((4000, 1000), "JPEG"), "wide.jpg", "A wide street", taken=never_taken)
    assert (result.width, result.height) == (2000, 500)
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (2000, 500)


def test_an_animation_keeps_its_frames() -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    output = io.BytesIO()
    frames[0].save(output, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = media.process_upload(output.getvalue(), "blink.gif", "A blinking light", taken=never_taken)
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.n_frames == 3


@pytest.mark.parametrize("alt", ["", "   \n "])
def test_alt_text_is_required(alt: str) -> None:
    assert "alt text" in refusal(picture((10, 10), "PNG"), alt=alt)["alt"]


def test_alt_text_is_bounded_and_escaped_into_one_image() -> None:
    assert "300 characters" in refusal(picture((10, 10), "PNG"), alt="x" * 301)["alt"]
    result = media.process_upload(picture((10, 10), "PNG"), "a.png", "A [bracketed]\\ caption\nhere",
                                  taken=never_taken)
    assert result.markdown == "![A \\[bracketed\\]\\\\ caption here](/media/a.png)"


def test_names_are_safe_and_unique() -> None:
    used = {"media/photo.jpg", "media/photo-2.jpg"}
    assert media.unique_media_path("photo.jpg", ".jpg", used.__contains__) == "media/photo-3.jpg"
    assert media.unique_media_path("../../etc/passwd", ".png", never_taken) == "media/passwd.png"
    assert media.unique_media_path("C:\\Users\\me\\Été 2026!.jpeg", ".jpg", never_taken) == "media/ete-2026.jpg"
    assert media.unique_media_path("....", ".gif", never_taken) == "media/image.gif"
    assert media.unique_media_path("x" * 200 + ".png", ".png", never_taken) == f"media/{'x' * 60}.png"
