"""The article page's "In this piece" panel: the sources quoted (named and unnamed), the people, organisations,
countries and regions the piece is about, and the dossiers of its country pairs. Loaded by name from the newsroom's
article template (the newsroom sits below the analysis and imports nothing of it); rendered inside the article's
cached fragment, which the analysis forgets when a live article's analysis changes."""

from django import template

from ..coverage import article_analysis

register = template.Library()


@register.inclusion_tag("analysis/includes/article_panel.html")
def article_analysis_panel(article):
    return {"analysis": article_analysis(article)}
