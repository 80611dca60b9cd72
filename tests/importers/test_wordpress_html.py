"""WordPress bodies as Markdown, case by case (the whole export is tested in test_wordpress_site.py)."""

from __future__ import annotations

from herald_site.importers.wordpress_html import Attachment, body_markdown, comment_markdown

ROBIN = Attachment("/media/robin.jpg", "A robin", "")
HERON = Attachment("/media/heron.png", "A heron", "")


def convert(body: str, **kwargs):
    return body_markdown(body, relink=lambda url: url, attachments={10: ROBIN, 11: HERON},
                         children=kwargs.get("children", ()))


def test_a_gallery_without_ids_shows_the_posts_own_attachments():
    converted = convert("Before\n\n[gallery columns=\"3\"]\n\nAfter", children=[HERON, ROBIN])
    assert "- ![A heron](/media/heron.png)\n- ![A robin](/media/robin.jpg)" in converted.markdown
    assert converted.dropped == []


def test_classic_paragraphs_and_line_breaks_are_kept_and_a_pre_block_keeps_its_blank_lines():
    converted = convert("One line\nand the next.\n\nA new paragraph.\n\n<pre>a = 1\n\nb = 2</pre>")
    assert converted.markdown.startswith("One line  \nand the next.\n\nA new paragraph.\n\n")
    assert "a = 1\n\nb = 2" in converted.markdown


def test_brackets_that_are_no_shortcode_stay_and_an_unknown_shortcode_goes():
    converted = convert('He said [sic] it. [pullquote align="left"]Quoted[/pullquote] [playlist]')
    assert "He said [sic] it. Quoted" in converted.markdown and "pullquote" not in converted.markdown
    assert "[playlist]" not in converted.markdown
    assert converted.dropped == ["[pullquote]", "[playlist]"]


def test_video_audio_and_file_blocks_and_shortcodes_become_links_to_their_files():
    converted = convert(
        '<!-- wp:video --><figure class="wp-block-video"><video controls src="/media/clip%20one.mp4"></video>'
        "<figcaption>The clip</figcaption></figure><!-- /wp:video -->"
        '<figure class="wp-block-audio"><audio controls><source src="/media/song.mp3"></audio></figure>'
        '<div class="wp-block-file"><a href="/media/report.pdf">Annual report</a>'
        '<a href="/media/report.pdf" class="wp-block-file__button" download>Download</a></div>'
        '\n\n[video width="640" mp4="/media/walk.mp4"][/video] [audio mp3="/media/call.mp3"]'
    )
    for link in ("[clip one.mp4](/media/clip%20one.mp4)\n\nThe clip", "[song.mp3](/media/song.mp3)",
                 "[Annual report](/media/report.pdf)", "[walk.mp4](/media/walk.mp4)", "[call.mp3](/media/call.mp3)"):
        assert link in converted.markdown
    assert "Download" not in converted.markdown and converted.dropped == []


def test_an_old_style_caption_attribute_and_a_linked_image():
    converted = convert('[caption id="attachment_10" caption="At dawn"]<a href="/media/robin.jpg">'
                        '<img src="/media/robin.jpg" alt="A robin"></a>[/caption]')
    assert '<figcaption markdown="span">At dawn</figcaption>' in converted.markdown
    assert "[![A robin](/media/robin.jpg)](/media/robin.jpg)" in converted.markdown


def test_an_iframe_player_becomes_a_link_and_a_script_disappears():
    converted = convert('<p>Watch:</p><iframe src="https://www.youtube.com/embed/abc"></iframe>'
                        "<script>alert(1)</script>")
    assert "<https://www.youtube.com/embed/abc>" in converted.markdown and "alert" not in converted.markdown


def test_a_comment_keeps_its_line_breaks_and_loses_its_markup():
    assert comment_markdown("Hi <b>all</b>\nbye<script>x()</script>") == "Hi **all**  \nbye"
