"""The blocks an article body is made of; each renders with its own template in ``newsroom/blocks/``."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from tribune.core.conf import embed_providers
from tribune.core.embeds import EmbedRefused
from tribune.core.languages import validate_language_code

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


def host_is_allowed(url: str, allowed_hosts: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in allowed_hosts)


class AllowListedEmbedBlock(EmbedBlock):
    """An oEmbed block that accepts only providers on the operator's allow-list (TRIBUNE_EMBED_PROVIDERS)."""

    def clean(self, value):
        # Check the host first: the parent's clean fetches the URL, which must not happen for unknown providers.
        url = getattr(value, "url", None) or ""
        if url and not host_is_allowed(url, embed_providers()):
            raise ValidationError(
                _("Embeds from this site are not allowed. Allowed: %(hosts)s") % {"hosts": ", ".join(embed_providers())}
            )
        if url:
            # Fetch here to say why a refused provider address was refused (the parent only says "not found");
            # what is found is kept in Wagtail's embed table, so the parent's own lookup does not fetch again.
            try:
                embeds.get_embed(url, getattr(value, "max_width", None), getattr(value, "max_height", None))
            except EmbedRefused as refusal:
                raise ValidationError(_("This embed cannot be fetched: %(reason)s") % {"reason": refusal}) from refusal
            except EmbedException:
                pass  # the parent's clean reports it as "Cannot find an embed for this URL."
        return super().clean(value)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "newsroom/blocks/heading.html"
        form_classname = "title"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text=_("Leave empty to use the image's own caption."))
    wide = blocks.BooleanBlock(required=False, help_text=_("Let the image break out of the text column."))

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=300)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/pull_quote.html"


class AttributedQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    speaker = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(required=False, max_length=200, help_text=_("Role and affiliation"))
    contributor = SnippetChooserBlock(
        "contributors.Contributor", required=False, help_text=_("Link the speaker to their expert profile.")
    )
    language = blocks.CharBlock(
        required=False,
        max_length=12,
        validators=[validate_language_code],
        help_text=_("The quote's language code (e.g. hi, ru), when it is not the article's language."),
    )

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/attributed_quote.html"
        label = _("Attributed quote")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=24)
    label = blocks.CharBlock(max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6)
    source = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "table"
        template = "newsroom/blocks/key_figures.html"
        label = _("Key figures")


class RelatedLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(page_type="newsroom.ArticlePage")
    title = blocks.CharBlock(required=False, help_text=_("Leave empty to use the article's headline."))

    class Meta:
        icon = "link"
        template = "newsroom/blocks/related_link.html"
        label = _("Related article card")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, template="newsroom/blocks/paragraph.html")
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    pull_quote = PullQuoteBlock()
    quote = AttributedQuoteBlock()
    embed = AllowListedEmbedBlock()
    key_figures = KeyFiguresBlock()
    related_link = RelatedLinkBlock()
