"""The blocks editors compose a front from: the home page's and a section's.

A block stores only what editors chose (articles, a series, a section, a count); what readers see is worked out for
the whole front at once by ``fronts.front_content``, which batches every block's lookups and never shows an article
twice. So the blocks have no templates of their own: ``newsroom/fronts/`` renders the resolved front.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

MAX_COUNT = 8


def _count(default: int, help_text) -> blocks.IntegerBlock:
    return blocks.IntegerBlock(
        label=_("How many"), default=default, min_value=1, max_value=MAX_COUNT, help_text=help_text
    )


def _articles(help_text) -> blocks.ListBlock:
    return blocks.ListBlock(
        blocks.PageChooserBlock(page_type="newsroom.ArticlePage", label=_("Article")),
        label=_("Chosen articles"),
        required=False,
        max_num=MAX_COUNT,
        help_text=help_text,
    )


class LeadStoryBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(
        page_type="newsroom.ArticlePage",
        required=False,
        label=_("Article"),
        help_text=_(
            "Leave empty to lead with the newest article that has a lead image, a standfirst and a full-length "
            "body: a short item without a picture never leads on its own."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Lead story")
        description = _("The front's biggest story, with its lead image.")


class TopStoriesBlock(blocks.StructBlock):
    articles = _articles(_("Shown first, in this order; the newest articles fill the rest of the strip."))
    count = _count(4, _("Articles in the strip, chosen ones included."))

    class Meta:
        icon = "list-ul"
        label = _("Top stories")
        description = _("A strip of stories; placed right after the lead story, it sits beside it.")


class OpinionRowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=80, help_text=_("Leave empty for “Opinion”.")
    )
    articles = _articles(_("Opinion pieces shown first; the newest opinion pieces fill the rest of the row."))
    count = _count(4, _("Pieces in the row, chosen ones included."))

    class Meta:
        icon = "openquote"
        label = _("Opinion row")
        description = _("Opinion pieces with their columnists' portraits.")


class SeriesPackageBlock(blocks.StructBlock):
    series = blocks.PageChooserBlock(
        page_type="newsroom.SeriesPage",
        required=False,
        label=_("Series"),
        help_text=_("Leave empty for the series most recently updated."),
    )
    count = _count(3, _("The series' newest articles shown with it."))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Series package")
        description = _("A running story: the series, its summary and its newest pieces.")


class MostReadBlock(blocks.StaticBlock):
    class Meta:
        icon = "pick"
        label = _("Most read")
        admin_text = _("The most read articles of the last 24 hours, from the page-view counts (nothing when none).")
        description = _("The most read articles of the last 24 hours.")


class ExpertsRowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=80, help_text=_("Leave empty for “From our experts”.")
    )
    count = _count(4, _("Experts in the row: those who published most recently, with a portrait."))

    class Meta:
        icon = "group"
        label = _("From our experts")
        description = _("Experts who published lately, with their portraits and newest pieces.")


class SectionRowBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(
        page_type="newsroom.SectionPage",
        required=False,
        label=_("Section"),
        help_text=_("Leave empty for a row for every section, in the menu's order."),
    )
    count = _count(3, _("The section's newest articles in the row."))

    class Meta:
        icon = "doc-full"
        label = _("Section row")
        description = _("A section's newest articles, or a row for each section.")


class SectionFrontBlock(blocks.StreamBlock):
    """What a section's front may hold: every row picks from the section's own articles."""

    lead = LeadStoryBlock()
    top_stories = TopStoriesBlock()
    opinion = OpinionRowBlock()
    series = SeriesPackageBlock()
    most_read = MostReadBlock()
    experts = ExpertsRowBlock()

    class Meta:
        max_num = 12


class FrontBlock(SectionFrontBlock):
    """The home page's front: a section's blocks and rows of other sections."""

    sections = SectionRowBlock()

    class Meta:
        max_num = 16
