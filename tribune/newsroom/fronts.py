"""Fronts: the home page and section pages as blocks editors arrange (``front_blocks``), or an automatic layout.

``front_plan`` says, from the stored stream alone (no query), which blocks a front shows and where the "most read"
list goes: that list has its own cache and timer (the analytics app's), so it is rendered between the front's stored
fragments, never inside one. ``front_content`` resolves the whole front at once, in a fixed number of queries
whatever the number of blocks and the size of the archive: the ids every block could show are read first (each kind
of lookup batched over all the blocks that need it), then the blocks take their articles in order, so no article is
shown twice, and only the cards shown are loaded.

The lead rule: a lead the editors did not choose is the newest article with a lead image, a standfirst and at least
``LEAD_MIN_READING_MINUTES`` of reading; never whatever was approved last.
"""

from dataclasses import dataclass, field

from django.db.models import Q, prefetch_related_objects

from tribune.contributors.models import Contributor

from .models import ArticleByline, ArticleKind, ArticlePage, HomePage, SectionPage, SeriesPage
from .selectors import attach_sections, published_articles, with_card_data

LEAD_MIN_READING_MINUTES = 2
RECENT_BYLINES = 200  # bylines of the newest articles read to find the experts who published lately
EXPERT_PORTRAIT = "fill-96x96"

# The automatic front: what a home page shows when editors composed nothing. Its lead, top stories and series
# follow the home page's older "lead story", "top stories" and "series in focus" fields when they are set.
AUTOMATIC_HOME = [
    ("lead", {}),
    ("top_stories", {"count": 4}),
    ("opinion", {"count": 4}),
    ("series", {"count": 3}),
    ("most_read", None),
    ("experts", {"count": 4}),
    ("sections", {"count": 3}),
]


def _ids(raw) -> list[int]:
    """Page ids from a ListBlock's stored value, in either of Wagtail's formats."""
    ids = []
    for item in raw or []:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, int):
            ids.append(value)
    return ids


def _count(value: dict, default: int) -> int:
    count = (value or {}).get("count")
    return count if isinstance(count, int) and count > 0 else default


def front_entries(page) -> list[tuple[str, dict | None]]:
    """The front's blocks as (type, stored value): the editors' stream, else the home page's automatic layout (a
    section without a front shows its listing alone)."""
    stream = getattr(page, "front", None)
    raw = list(stream.raw_data) if stream is not None else []
    if raw:
        return [(item["type"], item.get("value")) for item in raw]
    if isinstance(page, HomePage):
        return [(kind, {**value, "automatic": True} if value is not None else None) for kind, value in AUTOMATIC_HOME]
    return []


def front_plan(page) -> list[dict]:
    """The front in parts, without a query: ``{"stored": n}`` for the n-th run of blocks kept as one fragment, and
    ``{"most_read": True}`` where the most read list goes."""
    plan, run_open = [], False
    for kind, _value in front_entries(page):
        if kind == "most_read":
            plan.append({"most_read": True})
            run_open = False
        elif not run_open:
            plan.append({"stored": sum(1 for part in plan if "stored" in part)})
            run_open = True
    return plan


def shows_most_read(page) -> bool:
    return any(kind == "most_read" for kind, _value in front_entries(page))


@dataclass
class _Block:
    kind: str
    value: dict
    chosen: list[int] = field(default_factory=list)  # the editors' articles, in their order
    need: int = 0
    article_ids: list[int] = field(default_factory=list)
    series: SeriesPage | None = None
    section: SectionPage | None = None
    expert_ids: list[int] = field(default_factory=list)
    run: int = 0  # which stored part of the front (``front_plan``) the block is rendered in


class _Front:
    def __init__(self, page):
        self.page = page
        self.is_home = isinstance(page, HomePage)
        self.scope = published_articles().filter(locale_id=page.locale_id)
        if not self.is_home:
            self.scope = self.scope.child_of(page)
        self.shown: set[int] = set()

    def newest(self, queryset, limit: int, *fields: str):
        return list(queryset.order_by("-first_published_at", "-id").values_list(*(fields or ("pk",)))[:limit])

    # Reading what the blocks could show

    def blocks(self) -> list[_Block]:
        entries = front_entries(self.page)
        automatic = any((value or {}).get("automatic") for _kind, value in entries)
        legacy_picks, legacy_series = [], []
        if automatic:  # the home page's older fields steer its automatic layout
            legacy_picks = list(self.page.top_story_picks.values_list("article_id", flat=True))
            legacy_series = list(self.page.series_in_focus.values_list("series_id", flat=True))
        blocks, runs, run_open = [], -1, False
        for kind, value in entries:
            value = value or {}
            if kind != "most_read" and not run_open:
                runs += 1
            run_open = kind != "most_read"
            start = len(blocks)
            if kind == "lead":
                article = value.get("article") or (self.page.lead_story_id if automatic else None)
                blocks.append(_Block(kind, value, chosen=[article] if article else [], need=1))
            elif kind in {"top_stories", "opinion"}:
                chosen = legacy_picks if automatic and kind == "top_stories" else _ids(value.get("articles"))
                blocks.append(_Block(kind, value, chosen=chosen, need=_count(value, 4)))
            elif kind == "series" and automatic and legacy_series:
                blocks += [_Block(kind, {**value, "series": pk}, need=_count(value, 3)) for pk in legacy_series]
            elif kind in {"series", "experts"}:
                blocks.append(_Block(kind, value, need=_count(value, 3 if kind == "series" else 4)))
            elif kind == "sections":
                blocks.append(_Block(kind, value, need=_count(value, 3)))
            for block in blocks[start:]:
                block.run = max(runs, 0)
        self.runs = runs + 1
        return blocks

    def resolve(self) -> list[list[dict]]:
        blocks = self.blocks()
        self._attach_sections_and_series(blocks)
        slots = sum(block.need for block in blocks)  # any list may lose at most this many to the blocks before it
        chosen = [pk for block in blocks for pk in block.chosen]
        # Chosen pieces of the page's edition only (a translated home keeps its source's choices until edited); a
        # section front may feature another section's.
        edition = published_articles().filter(locale_id=self.page.locale_id)
        allowed = set(edition.filter(pk__in=chosen).values_list("pk", flat=True)) if chosen else set()

        kinds = {block.kind for block in blocks}
        leads = (
            [pk for (pk,) in self.newest(self._lead_candidates(), slots + 1)]
            if "lead" in kinds and any(not (set(b.chosen) & allowed) for b in blocks if b.kind == "lead")
            else []
        )
        newest = [pk for (pk,) in self.newest(self.scope, slots + 1)] if "top_stories" in kinds else []
        opinions = (
            [pk for (pk,) in self.newest(self.scope.filter(kind=ArticleKind.OPINION), slots + 1)]
            if "opinion" in kinds
            else []
        )
        by_series = self._series_articles([b for b in blocks if b.series], slots)
        by_section = self._section_articles([b for b in blocks if b.section], slots)
        recent_bylines = self._recent_bylines() if "experts" in kinds else []

        for block in blocks:
            if block.kind == "lead":
                pool = [pk for pk in block.chosen if pk in allowed] or leads
            elif block.kind in {"top_stories", "opinion"}:
                pool = [pk for pk in block.chosen if pk in allowed] + (
                    newest if block.kind == "top_stories" else opinions
                )
            elif block.kind == "series" and block.series:
                pool = by_series.get(block.series.pk, [])
            elif block.kind == "sections" and block.section:
                pool = by_section.get(block.section.pk, [])
            elif block.kind == "experts":
                self._take_experts(block, recent_bylines)
                continue
            else:
                continue
            for pk in pool:
                if len(block.article_ids) >= block.need:
                    break
                if pk not in self.shown:
                    block.article_ids.append(pk)
                    self.shown.add(pk)
        return self._segments(blocks)

    def _lead_candidates(self):
        return self.scope.filter(lead_image__isnull=False, reading_time__gte=LEAD_MIN_READING_MINUTES).exclude(
            standfirst=""
        )

    def _attach_sections_and_series(self, blocks: list[_Block]) -> None:
        """Give section and series blocks their pages: one query for each kind whatever the number of blocks; a
        row for "every section" becomes one row per section without a row of its own, in the menu's order."""
        section_blocks = [b for b in blocks if b.kind == "sections"]
        if section_blocks and self.is_home:
            ids = [b.value.get("section") for b in section_blocks if b.value.get("section")]
            everything = any(not b.value.get("section") for b in section_blocks)
            found = Q(pk__in=ids)
            if everything:
                found |= Q(path__startswith=self.page.path, depth=self.page.depth + 1)
            sections = list(
                SectionPage.objects.live().public().filter(found, locale_id=self.page.locale_id).order_by("path")
            )
            by_id = {section.pk: section for section in sections}
            for block in section_blocks:
                pk = block.value.get("section")
                if pk:
                    block.section = by_id.get(pk)
                else:
                    index = blocks.index(block)
                    # Every section that has no row of its own on this front: one heading per section.
                    rows = [
                        _Block("sections", block.value, need=block.need, section=section)
                        for section in sections
                        if section.path.startswith(self.page.path)
                        and section.depth == self.page.depth + 1
                        and section.pk not in ids
                    ]
                    blocks[index : index + 1] = rows
                    for row in rows:
                        row.run = block.run
        series_blocks = [b for b in blocks if b.kind == "series"]
        if series_blocks:
            live = SeriesPage.objects.live().public().filter(locale_id=self.page.locale_id).select_related("image")
            ids = [b.value.get("series") for b in series_blocks if b.value.get("series")]
            by_id = {series.pk: series for series in live.filter(pk__in=ids)} if ids else {}
            latest = None
            if any(not by_id.get(b.value.get("series")) for b in series_blocks):
                if self.is_home:
                    latest = live.order_by("-last_published_at").first()
                else:  # the series with the section's newest piece in it
                    newest_in_series = self.scope.filter(series__isnull=False).order_by("-first_published_at", "-id")
                    latest = live.filter(pk__in=newest_in_series.values("series_id")[:1]).first()
            for block in series_blocks:
                block.series = by_id.get(block.value.get("series")) or latest

    def _series_articles(self, blocks: list[_Block], slots: int) -> dict[int, list[int]]:
        """The newest articles of each series, in one query: a bounded walk of the index per series."""
        if not blocks:
            return {}
        edition = published_articles().filter(locale_id=self.page.locale_id)
        found = Q()
        for block in blocks:
            newest = edition.filter(series_id=block.series.pk).order_by("-first_published_at", "-id")
            found |= Q(pk__in=newest.values("pk")[: block.need + slots])
        grouped: dict[int, list[int]] = {}
        for pk, series_id in self.newest(
            ArticlePage.objects.filter(found), len(blocks) * (slots + 8), "pk", "series_id"
        ):
            grouped.setdefault(series_id, []).append(pk)
        return grouped

    def _section_articles(self, blocks: list[_Block], slots: int) -> dict[int, list[int]]:
        """The newest articles of each section, in one query: a bounded walk of the index per section."""
        if not blocks:
            return {}
        found = Q()
        for block in blocks:
            newest = self.scope.child_of(block.section).order_by("-first_published_at", "-id")
            found |= Q(pk__in=newest.values("pk")[: block.need + slots])
        paths = {block.section.path: block.section.pk for block in blocks}
        grouped: dict[int, list[int]] = {}
        rows = self.newest(ArticlePage.objects.filter(found), len(blocks) * (slots + 8), "pk", "path")
        for pk, path in rows:
            grouped.setdefault(paths.get(path[: -ArticlePage.steplen]), []).append(pk)
        return grouped

    def _recent_bylines(self) -> list[tuple[int, int]]:
        """(contributor, article) of the newest articles' bylines, newest first: experts with a public profile and
        a portrait."""
        recent = self.scope.order_by("-first_published_at", "-id").values("pk")[:RECENT_BYLINES]
        return list(
            ArticleByline.objects.filter(page_id__in=recent, contributor__live=True, contributor__photo__isnull=False)
            .order_by("-page__first_published_at", "-page_id", "sort_order")
            .values_list("contributor_id", "page_id")
        )

    def _take_experts(self, block: _Block, recent_bylines: list[tuple[int, int]]) -> None:
        """Experts who published lately, each with their newest piece not already on the front (if any)."""
        taken = {pk for pk, _article in getattr(self, "_experts_taken", [])}
        latest: dict[int, int | None] = {}
        for contributor_id, article_id in recent_bylines:
            if contributor_id in taken:
                continue
            if contributor_id not in latest:
                if len(latest) >= block.need:
                    continue
                latest[contributor_id] = None
            if latest[contributor_id] is None and article_id not in self.shown:
                latest[contributor_id] = article_id
                self.shown.add(article_id)
        block.expert_ids = list(latest)
        block.article_ids = [pk for pk in latest.values() if pk]
        self._experts_taken = [*getattr(self, "_experts_taken", []), *latest.items()]
        block.value = {**block.value, "latest": latest}

    def _segments(self, blocks: list[_Block]) -> list[list[dict]]:
        ids = [pk for block in blocks for pk in block.article_ids]
        cards = (
            {a.pk: a for a in attach_sections(with_card_data(ArticlePage.objects.filter(pk__in=ids)))} if ids else {}
        )
        expert_ids = [pk for block in blocks for pk in block.expert_ids]
        experts = {c.pk: c for c in Contributor.objects.filter(pk__in=expert_ids)} if expert_ids else {}
        portraits = list(experts.values())
        for block in blocks:
            if block.kind == "opinion":
                portraits += [c for pk in block.article_ids if pk in cards for c in cards[pk].ordered_contributors]
        prefetch_related_objects(portraits, "photo__renditions")

        segments: list[list[dict]] = [[] for _run in range(self.runs)]
        for block in blocks:
            if block.kind == "most_read" or (block.kind == "series" and not block.series):
                continue
            if block.kind == "sections" and not block.section:
                continue
            segment = segments[block.run]
            articles = [cards[pk] for pk in block.article_ids if pk in cards]
            resolved = {"type": block.kind, "value": block.value, "articles": articles}
            if block.kind == "lead":
                if not articles:
                    continue
                resolved["article"] = articles[0]
            elif block.kind == "top_stories":
                previous = segment[-1] if segment else None
                if previous and previous["type"] == "lead" and "beside" not in previous and articles:
                    previous["beside"] = articles  # the strip sits beside the lead it follows
                    continue
            elif block.kind == "series":
                resolved["series"] = block.series
            elif block.kind == "sections":
                resolved["section"] = block.section
            elif block.kind == "experts":
                latest = block.value["latest"]
                resolved["experts"] = [
                    {"contributor": experts[pk], "article": cards.get(latest[pk])}
                    for pk in block.expert_ids
                    if pk in experts
                ]
                if not resolved["experts"]:
                    continue
            if block.kind not in {"series", "experts"} and not articles:
                continue
            segment.append(resolved)
        return segments


def front_content(page) -> list[list[dict]]:
    """The front's stored parts (see ``front_plan``), each a list of resolved blocks: ``type``, ``articles`` (cards
    with bylines, sections and lead images loaded), and per type ``article``/``beside`` (lead), ``series``,
    ``section`` or ``experts``."""
    return _Front(page).resolve()
