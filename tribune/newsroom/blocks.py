"""The blocks an article body is made of; each renders with its own template in ``newsroom/blocks/``."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
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


ENTITY_ID = RegexValidator(
    r"^(country|org|person|region):[A-Za-z0-9][A-Za-z0-9-]*$",
    _("An entity id such as person:rabia-khattak, org:sco or country:PAK."),
)


class AttributedQuoteBlock(blocks.StructBlock):
    """Words a named person said on the record, or an anonymous source's, described but never named."""

    text = blocks.TextBlock()
    on_record = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("On the record"),
        help_text=_("Untick for a source who spoke on condition of anonymity: describe them, do not name them."),
    )
    speaker = blocks.CharBlock(required=False, max_length=120, help_text=_("The speaker's name (on the record)."))
    source_description = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Anonymous source"),
        help_text=_("Who the anonymous source is, as readers may know it: “a diplomat at the embassy”."),
    )
    role = blocks.CharBlock(required=False, max_length=200, help_text=_("Role and affiliation"))
    contributor = SnippetChooserBlock(
        "contributors.Contributor", required=False, help_text=_("Link the speaker to their expert profile.")
    )
    speaker_entity = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[ENTITY_ID],
        label=_("Speaker's entity"),
        help_text=_("The person or organisation in the analysis layer, by id (person:…, org:…), for the quote ledger."),
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

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("on_record"):
            if not (value.get("speaker") or "").strip():
                errors["speaker"] = ErrorList([_("Name the speaker of a quote on the record.")])
        else:
            if not (value.get("source_description") or "").strip():
                errors["source_description"] = ErrorList([_("Describe the anonymous source.")])
            # Source protection: an anonymous quote keeps no name, no profile and no entity in any revision.
            for name in ("speaker", "contributor", "speaker_entity"):
                if value.get(name):
                    errors[name] = ErrorList([_("An anonymous source is not named: leave this empty.")])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


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
