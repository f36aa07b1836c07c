"""A synthetic archive at benchmark scale: articles, bylines, topics, countries, experts, readers and comments.

Models' ``save()`` would take hours for 100,000 pages and a million comments, so rows go in through the database's
bulk path (PostgreSQL ``COPY``, ``executemany`` elsewhere) with primary keys reserved up front, which lets a page,
its article row and its comments be written without asking the database for ids. Column lists and defaults come
from each model's ``_meta``, so a field added later with a default needs no change here. No signals fire: the
search index is filled on request with the backend's bulk API (``archive_index``), and the reference index is not
filled, so the admin's "usage" views do not list synthetic pages.

Every synthetic row carries a marker (slugs ``scale-NNNNNN-…``, usernames ``scale-reader-NNNNNN``, topic slugs
``scale-topic-…``), and ``archive_clear`` removes exactly the rows with that marker and what depends on them.
Text is original and synthetic, drawn from a small vocabulary with a seeded ``random.Random``: the same seed
gives the same titles, bodies, comments and assignments.
"""

import datetime
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tribune.contributors.models import Contributor, Expertise
from tribune.core.text import reading_minutes
from tribune.discussion.models import (
    MAX_DEPTH,
    Comment,
    CommentStatus,
    ModerationAction,
    ModerationDecision,
    Reaction,
)
from tribune.media.models import TribuneImage
from tribune.newsroom import services as newsroom
from tribune.newsroom.models import ArticleByline, ArticleKind, ArticlePage, ArticlePageTopic, HomePage, SectionPage
from tribune.taxonomy.models import Country, Topic

SLUG_PREFIX = "scale-"
NUMBERED_SLUG = r"^scale-[0-9]{6}-"  # articles and experts: scale-000123-…
READER_USERNAME = r"^scale-reader-[0-9]{6}$"
TOPIC_SLUG_PREFIX = "scale-topic-"
MAX_NUMBERED = 999_999  # six digits in every marker

ALREADY_GENERATED = "Synthetic content from an earlier run is present; pass --clear to replace it."
TOO_MANY = "At most 999,999 articles, contributors or readers (the markers have six digits)."
NEGATIVE = "Counts cannot be negative and the batch size must be at least 1."
NEEDS_CONTRIBUTORS = "Articles need at least one contributor for their bylines."
NEEDS_ARTICLES = "Comments need at least one article."
NEEDS_READERS = "Comments need at least two readers (authors, and others who like their comments)."
HOT_EXCEEDS_COMMENTS = "The hot article cannot have more comments than the total."
SECTION_FULL = "Section %(section)s has no room for %(count)d more children in its page-tree step."
ARTICLE_NOT_A_PAGE = "ArticlePage must inherit from Page alone for the bulk insert; found %(parents)s."
TREE_CHECK_FAILED = "Page tree check failed for section %(section)s: numchild %(numchild)d, children %(children)d."
PROTECTED_ROWS = "%(count)d %(model)s rows outside the synthetic archive point at it; nothing was deleted."
NO_DELETE_RULE = "No bulk deletion rule for %(relation)s; nothing was deleted."

# Columns each generator supplies, in the order of its value tuples; every other column takes the field's default.
PAGE_COLUMNS = [
    "id",
    "path",
    "depth",
    "translation_key",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "title",
    "draft_title",
    "slug",
    "content_type_id",
    "url_path",
]
ARTICLE_COLUMNS = [
    "page_ptr_id",
    "standfirst",
    "kind",
    "lead_image_id",
    "body",
    "updated_at",
    "reading_time",
    "comment_count",
]
COMMENT_COLUMNS = [
    "id",
    "article_id",
    "author_id",
    "parent_id",
    "thread_id",
    "depth",
    "body",
    "status",
    "moderation_rule",
    "moderation_detail",
    "like_count",
    "created_at",
]
SHOWN = {CommentStatus.APPROVED.value, CommentStatus.DELETED.value}

# Created only when the site has no live section yet.
DEFAULT_SECTIONS = [
    ("politics", "Politics", "Power, parties and the institutions around them"),
    ("economics", "Economics", "Markets, work and public money"),
    ("sci-tech", "Science & Technology", "Research and the tools it produces"),
    ("health", "Health", "Medicine, care and public health"),
    ("opinion", "Opinion", "Arguments that matter"),
]
REPLY_SHARE = 0.3  # share of comments that answer an earlier one
DISCUSSION_DAYS = 14  # comments arrive within this window after publication
KIND_WEIGHTS = {
    ArticleKind.ANALYSIS: 35,
    ArticleKind.OPINION: 30,
    ArticleKind.NEWS: 20,
    ArticleKind.EXPLAINER: 10,
    ArticleKind.INTERVIEW: 5,
}
# (status, weight, rule, decision) for comments outside the hot article.
STATUS_MIX = [
    (CommentStatus.APPROVED.value, 920, "", None),
    (CommentStatus.PENDING.value, 25, "new_reader", ModerationAction.AUTO_HOLD.value),
    (CommentStatus.PENDING.value, 15, "suspect_word", ModerationAction.AUTO_HOLD.value),
    (CommentStatus.REJECTED.value, 30, "banned_word", ModerationAction.AUTO_REJECT.value),
    (CommentStatus.DELETED.value, 10, "", None),
]


@dataclass(frozen=True)
class ScaleSpec:
    """How big the synthetic archive is and how it is made."""

    articles: int = 100_000
    comments: int = 1_000_000
    contributors: int = 2_000
    readers: int | None = None  # None: one reader per 2,000 comments, at least 5 and at most 500
    hot_comments: int = 1_000  # approved comments on the one "hot" article
    batch_size: int = 2_000  # articles per batch; their comments go with them
    seed: int = 2026
    years: int = 5  # publication dates spread over this many years up to now
    index: bool = False  # fill the search index too: about 9 ms per article on PostgreSQL, see archive_index
    reader_password: str | None = None  # hashed once for every reader; None: unusable passwords

    @property
    def reader_count(self) -> int:
        if self.readers is not None:
            return self.readers
        return min(500, max(5, self.comments // 2_000)) if self.comments else 0


@dataclass
class ScaleSummary:
    counts: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    hot_article_id: int | None = None
    hot_article_url: str = ""


class ScaleError(Exception):
    pass


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# --- Original synthetic vocabulary ------------------------------------------------------------------------------

FIRST_NAMES = _words(
    "Amina Bruno Chiara Dmitri Elif Farid Grace Hugo Ines Jonas Kemi Lars Maya Nadia Omar Priya Quentin Rosa Samir "
    "Tomas Uma Viktor Wen Ximena Yusuf Zofia Adaeze Bilal Carmen Daniel Esther Felipe Greta Hamid Ingrid Javier "
    "Keiko Leila Mateo Nia Oskar Paula Rafael Sana Teodor Ulla Vera Wanjiru Yara Zane Alba Cyrus Delia Emeka"
)
LAST_NAMES = _words(
    "Abara Bergström Castell Demir Eze Fontaine Galvão Haddad Ivanova Jensen Kowalczyk Lindqvist Mensah Novak "
    "Okonkwo Petrov Quaye Rahman Santos Tanaka Urquhart Vargas Weber Xu Yilmaz Zamora Achterberg Banerjee Costa "
    "Dlamini Esposito Ferreira Gupta Horvath Ibsen Juarez Kiplagat Laurent Moreau Nakamura Oduya Pereira Reyes "
    "Sato Tremblay Valdés Wojcik Yamamoto Zhou Almeida Brandt Cardoso Duarte"
)
ROLES = [
    "Senior Fellow",
    "Professor",
    "Associate Professor",
    "Research Director",
    "Economist",
    "Political Scientist",
    "Epidemiologist",
    "Data Journalist",
    "Correspondent",
    "Policy Analyst",
    "Lecturer",
    "Visiting Scholar",
]
PLACES = _words(
    "Northbridge Eastmere Halvard Kestrel Bay Lowmoor Marrow Point Oakhaven Redfield Saltcombe Thornwick "
    "Upland Vale Westbrook Ardent Hollow Brightwater Caskport Dunmore Fenwick Glenmarsh Ironcliff"
)
FIELDS = [
    "Public Policy",
    "Governance",
    "Trade Studies",
    "Climate Economics",
    "Global Health",
    "Urban Research",
    "Energy Transition",
    "Digital Society",
    "Migration Studies",
    "Food Security",
    "Labour Markets",
    "Security Studies",
]
ADJECTIVES = _words(
    "quiet fragile stubborn rising uneven hidden costly slow sudden regional fractured shifting overlooked "
    "contested durable narrow patient volatile modest ambitious lopsided belated tentative crowded"
)
NOUNS = _words(
    "budget coalition harvest tariff reform ceasefire vaccine pipeline census grid mandate subsidy inquiry "
    "treaty drought pension curriculum railway audit border satellite reservoir union strike election "
    "referendum clinic port inflation wage archive ledger corridor"
)
PLURAL_NOUNS = _words(
    "ministers voters farmers nurses engineers regulators mayors exporters lenders courts unions students "
    "insurers teachers refugees investors hospitals councils shipyards cooperatives parliaments startups"
)
VERBS = _words(
    "weigh test reshape delay question rebuild defend unsettle expose finance rethink absorb outlast "
    "challenge negotiate measure protect stretch revive bypass"
)
QUALIFIERS = [
    "after a difficult winter",
    "despite the warnings",
    "for the first time in a decade",
    "as the deadline approaches",
    "under growing pressure",
    "without much public debate",
    "ahead of the next vote",
    "in the coastal provinces",
    "across the northern districts",
    "while the figures remain disputed",
    "with little room for error",
    "as costs keep climbing",
]
CONNECTORS = [
    "Meanwhile,",
    "Even so,",
    "In practice,",
    "By contrast,",
    "For now,",
    "Over the longer term,",
    "On the ground,",
    "Put simply,",
    "Crucially,",
    "At the same time,",
]
COMMENT_OPENERS = [
    "Interesting piece.",
    "I am not convinced.",
    "This matches what I see locally.",
    "Good to read a balanced account.",
    "The numbers tell a different story.",
    "Thanks for explaining this clearly.",
    "What about the smaller towns?",
    "Well argued, though a bit long.",
    "I worked in this field for years.",
    "Hard to disagree with the conclusion.",
]
TOPIC_WORDS = _words(
    "grain storage|harbour tariffs|rail corridors|water rights|pension reform|clinic funding|border trade|"
    "coastal erosion|teacher pay|grid storage|satellite data|union law|drought relief|census methods|"
    "housing supply|rural broadband|fishing quotas|vaccine supply|local budgets|energy prices|court backlogs|"
    "migration routes|public audits|river transport|school meals|urban heat|debt relief|seed banks|"
    "parliamentary procedure|shipping lanes|wage councils|hospital staffing|tax collection|port security",
    "|",
)


class TextMaker:
    """Original synthetic sentences from a small vocabulary; a pool is drawn once so articles stay cheap."""

    def __init__(self, rng: random.Random, pool_size: int = 4_000):
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(pool_size)]
        self.comment_sentences = [self._comment_sentence() for _ in range(pool_size // 2)]

    def _sentence(self) -> str:
        r = self.rng
        forms = (
            f"{r.choice(PLURAL_NOUNS).capitalize()} {r.choice(VERBS)} the {r.choice(ADJECTIVES)} "
            f"{r.choice(NOUNS)} {r.choice(QUALIFIERS)}.",
            f"{r.choice(CONNECTORS)} the {r.choice(NOUNS)} in {r.choice(PLACES)} looks {r.choice(ADJECTIVES)}.",
            f"The {r.choice(NOUNS)} will {r.choice(VERBS)} {r.choice(PLURAL_NOUNS)} {r.choice(QUALIFIERS)}.",
            f"Few {r.choice(PLURAL_NOUNS)} expected a {r.choice(ADJECTIVES)} {r.choice(NOUNS)} so soon.",
            f"{r.choice(CONNECTORS)} {r.choice(PLURAL_NOUNS)} and {r.choice(PLURAL_NOUNS)} "
            f"{r.choice(VERBS)} the {r.choice(NOUNS)} together.",
        )
        return r.choice(forms)

    def _comment_sentence(self) -> str:
        r = self.rng
        return r.choice(
            (
                r.choice(COMMENT_OPENERS),
                f"The {r.choice(NOUNS)} in {r.choice(PLACES)} was never {r.choice(ADJECTIVES)}.",
                f"Ask the {r.choice(PLURAL_NOUNS)} what they think of the {r.choice(NOUNS)}.",
                f"Why would {r.choice(PLURAL_NOUNS)} {r.choice(VERBS)} it {r.choice(QUALIFIERS)}?",
            )
        )

    def title(self) -> str:
        r = self.rng
        forms = (
            f"Why {r.choice(PLURAL_NOUNS)} {r.choice(VERBS)} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)}",
            f"The {r.choice(ADJECTIVES)} {r.choice(NOUNS)}: what {r.choice(PLACES)} tells us",
            f"{r.choice(PLACES)} {r.choice(NOUNS)} {r.choice(QUALIFIERS)}",
            f"How {r.choice(PLURAL_NOUNS)} could {r.choice(VERBS)} a {r.choice(ADJECTIVES)} {r.choice(NOUNS)}",
            f"A {r.choice(ADJECTIVES)} {r.choice(NOUNS)} for {r.choice(PLURAL_NOUNS)} in {r.choice(PLACES)}",
        )
        return r.choice(forms)

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(low, high)))

    def comment(self) -> str:
        return " ".join(self.rng.choices(self.comment_sentences, k=self.rng.randint(1, 4)))

    def heading(self) -> str:
        r = self.rng
        return f"The {r.choice(ADJECTIVES)} {r.choice(NOUNS)}".capitalize()

    def standfirst(self) -> str:
        return _clip(self.paragraph(1, 2), 400)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _block(rng: random.Random, block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128), version=4))}


def article_body(text: TextMaker, contributor_ids: list[int]) -> tuple[list[dict], int]:
    """StreamField data for ArticleBodyBlock (paragraphs, headings, quotes, key figures) and its word count."""
    rng = text.rng
    blocks, words = [], 0
    for i in range(rng.randint(5, 9)):
        if i and i % 3 == 0:
            heading = text.heading()
            blocks.append(_block(rng, "heading", heading))
            words += len(heading.split())
        paragraph = text.paragraph()
        blocks.append(_block(rng, "paragraph", f"<p>{paragraph}</p>"))
        words += len(paragraph.split())
        roll = rng.random()
        if i == 1 and roll < 0.3:
            quote = _clip(text.paragraph(1, 1), 300)
            blocks.append(_block(rng, "pull_quote", {"text": quote}))
            words += len(quote.split())
        elif i == 2 and roll < 0.25:
            quote = text.paragraph(1, 2)
            speaker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            value = {
                "text": quote,
                "speaker": speaker,
                "role": f"{rng.choice(ROLES)}, {rng.choice(PLACES)} Institute",
                "contributor": rng.choice(contributor_ids) if contributor_ids and roll < 0.1 else None,
            }
            blocks.append(_block(rng, "quote", value))
            words += len(quote.split())
        elif i == 3 and roll < 0.15:
            figures = [
                _block(rng, "item", {"value": f"{rng.randint(2, 98)}%", "label": f"of {rng.choice(PLURAL_NOUNS)}"})
                for _ in range(rng.randint(2, 4))
            ]
            value = {"title": f"The {rng.choice(NOUNS)} in numbers", "figures": figures, "source": "Synthetic data"}
            blocks.append(_block(rng, "key_figures", value))
    return blocks, words


# --- Bulk insert machinery --------------------------------------------------------------------------------------


class _Table:
    """One model's own table: the columns a generator supplies, in its order, then Django's defaults for the rest.

    Defaults are evaluated once for all rows, so a unique column must be supplied. Values are Python values; those
    the driver cannot take as they are (dates and UUIDs outside PostgreSQL, JSON everywhere) go through the field's
    own ``get_db_prep_save``.
    """

    def __init__(self, model, given: list[str]):
        self.model = model
        by_attname = {f.attname: f for f in model._meta.local_concrete_fields}
        unknown = set(given) - set(by_attname)
        if unknown:
            raise ScaleError(f"{model._meta.label} has no columns {sorted(unknown)}")
        rest = [
            f
            for f in model._meta.local_concrete_fields
            if f.attname not in given and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        if shared := [f.name for f in rest if f.unique]:
            raise ScaleError(f"{model._meta.label}: unique columns {shared} need a value per row")
        self.fields = [by_attname[name] for name in given] + rest
        self.tail = tuple(self._adapt(f, f.get_default()) for f in rest)
        native = connection.vendor == "postgresql"
        self.adapters = [
            (i, f)
            for i, f in enumerate(self.fields[: len(given)])
            if f.get_internal_type() == "JSONField"
            or (not native and f.get_internal_type() in {"DateTimeField", "UUIDField", "DateField"})
        ]

    @staticmethod
    def _adapt(f, value):
        if value is None:
            return None
        if f.get_internal_type() == "JSONField" or connection.vendor != "postgresql":
            return f.get_db_prep_save(value, connection)
        return value

    def row(self, values: tuple) -> tuple:
        if self.adapters:
            values = list(values)
            for i, f in self.adapters:
                if values[i] is not None:
                    values[i] = f.get_db_prep_save(values[i], connection)
            values = tuple(values)
        return values + self.tail

    def insert(self, rows: Iterable[tuple]) -> int:
        """Write the rows in one statement stream: COPY on PostgreSQL, executemany elsewhere."""
        qn = connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        columns = ", ".join(qn(f.column) for f in self.fields)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in rows:
                        copy.write_row(self.row(values))
                        count += 1
            else:
                prepared = [self.row(values) for values in rows]
                placeholders = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)  # noqa: S608
                count = len(prepared)
        return count


def reserve_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows of ``model``, taken from its sequence so concurrent inserts never clash."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite holds the write lock for the whole transaction, so the next free id stays ours.
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({qn(column)}), 0) FROM {qn(table)}")  # noqa: S608
        start = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            start = max(start, cursor.fetchone()[0])
    return list(range(start + 1, start + 1 + count))


def _check_constraints_per_statement() -> None:
    """On PostgreSQL, check foreign keys at the end of each statement rather than at commit.

    The checks are the same; PostgreSQL's queue of deferred checks for millions of rows costs more than the checks
    themselves (clearing 100,000 comments took 38 s deferred and 22 s immediate on the benchmark machine).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _refresh_statistics(tables: Iterable[str], *, reclaim: bool) -> None:
    """After a bulk write on PostgreSQL, refresh the planner's statistics (and reclaim deleted rows) at once, so the
    next writes and the benchmarks do not wait for autovacuum. VACUUM cannot run in a transaction: then skip it."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    names = ", ".join(connection.ops.quote_name(table) for table in sorted(set(tables)))
    if names:
        with connection.cursor() as cursor:
            cursor.execute(f"{'VACUUM ANALYZE' if reclaim else 'ANALYZE'} {names}")


class _Clock:
    """Elapsed time per phase, printed as it goes."""

    def __init__(self, log: Callable[[str], None], timings: dict[str, float]):
        self.log = log
        self.timings = timings

    @contextmanager
    def phase(self, name: str):
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings[name] = self.timings.get(name, 0.0) + elapsed
        self.log(f"{name}: {elapsed:.1f} s")


# --- Markers ----------------------------------------------------------------------------------------------------


def synthetic_pages():
    """Base ``Page`` rows of the synthetic articles (the marker: an article slug ``scale-NNNNNN-…``)."""
    article_type = ContentType.objects.get_for_model(ArticlePage)
    return Page.objects.filter(content_type=article_type, slug__startswith=SLUG_PREFIX, slug__regex=NUMBERED_SLUG)


def synthetic_contributors():
    return Contributor.objects.filter(slug__startswith=SLUG_PREFIX, slug__regex=NUMBERED_SLUG)


def synthetic_readers():
    return get_user_model().objects.filter(username__startswith=SLUG_PREFIX, username__regex=READER_USERNAME)


def synthetic_topics():
    return Topic.objects.filter(slug__startswith=TOPIC_SLUG_PREFIX)


def archive_exists() -> bool:
    return any(qs.exists() for qs in (synthetic_pages(), synthetic_contributors(), synthetic_readers()))


# --- Clearing ---------------------------------------------------------------------------------------------------


def _cascade_delete(model, rows, counts: Counter) -> None:
    """Delete ``rows`` (a queryset of ``model``) and what Django's on_delete rules attach to them, without signals.

    Dependants are reached through subqueries, so nothing is loaded into memory: CASCADE recurses, SET_NULL
    updates, PROTECT and RESTRICT stop everything while a row outside the set depends on one inside, DO_NOTHING (log
    entries) is left alone, and generic relations (revisions, workflow states, search index entries) cascade.
    Self-references (replies) stay inside the set and go in the same statement.
    """
    pks = rows.values("pk")
    for rel in model._meta.get_fields(include_hidden=True):
        if isinstance(rel, GenericRelation):
            if rel.model is not model:
                continue  # declared on a parent: handled at the parent's level
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=rel.for_concrete_model)
            texts = model._base_manager.filter(pk__in=pks).annotate(_pk_text=Cast("pk", models.CharField()))
            dependants = rel.related_model._base_manager.filter(
                **{
                    rel.content_type_field_name: content_type,
                    f"{rel.object_id_field_name}__in": texts.values("_pk_text"),
                }
            )
            _cascade_delete(rel.related_model, dependants, counts)
            continue
        if not (rel.auto_created and not rel.concrete and isinstance(getattr(rel, "field", None), models.ForeignKey)):
            continue
        fk, dependant_model = rel.field, rel.related_model
        if fk.remote_field.model is not model or dependant_model._meta.proxy or not dependant_model._meta.managed:
            continue  # a relation to a parent model is handled at the parent's level
        if dependant_model is model and rel.on_delete is models.CASCADE:
            continue
        dependants = dependant_model._base_manager.filter(**{f"{fk.name}__in": pks})
        if rel.on_delete is models.CASCADE:
            _cascade_delete(dependant_model, dependants, counts)
        elif rel.on_delete is models.SET_NULL:
            dependants.update(**{fk.name: None})
        elif rel.on_delete in (models.PROTECT, models.RESTRICT):
            if blocking := dependants.count():
                raise ScaleError(PROTECTED_ROWS % {"count": blocking, "model": dependant_model._meta.label})
        elif rel.on_delete is not models.DO_NOTHING:
            raise ScaleError(NO_DELETE_RULE % {"relation": f"{dependant_model._meta.label}.{fk.name}"})
    deleted = model._base_manager.filter(pk__in=pks)._raw_delete(rows.db)
    if deleted:
        counts[model._meta.label] += deleted


@transaction.atomic
def archive_clear(*, log: Callable[[str], None] = print) -> Counter:
    """Remove every synthetic row and what depends on it; all else stays, and the page tree stays consistent."""
    _check_constraints_per_statement()
    counts: Counter = Counter()
    pages = synthetic_pages()
    parent_paths = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
    parents = list(Page.objects.filter(path__in=parent_paths))
    _cascade_delete(Page, pages, counts)
    for parent in parents:
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
        Page.objects.filter(pk=parent.pk).update(numchild=children)
    for queryset in (synthetic_contributors(), synthetic_topics(), synthetic_readers()):
        _cascade_delete(queryset.model, queryset, counts)
    for label, count in sorted(counts.items()):
        log(f"  removed {count:,} {label}")
    return counts


# --- Generation -------------------------------------------------------------------------------------------------


def _generated_tables() -> list[str]:
    m2m = [Contributor.expertise.through, ArticlePage.countries.through]
    written = [get_user_model(), EmailAddress, Contributor, Topic, Page, ArticlePage, ArticleByline, ArticlePageTopic]
    return [m._meta.db_table for m in [*written, *m2m, Comment, Reaction, ModerationDecision]]


def _check(spec: ScaleSpec) -> None:
    if max(spec.articles, spec.contributors, spec.reader_count) > MAX_NUMBERED:
        raise ScaleError(TOO_MANY)
    if min(spec.articles, spec.comments, spec.contributors, spec.reader_count, spec.hot_comments) < 0:
        raise ScaleError(NEGATIVE)
    if spec.batch_size < 1:
        raise ScaleError(NEGATIVE)
    if spec.articles and not spec.contributors:
        raise ScaleError(NEEDS_CONTRIBUTORS)
    if spec.comments and not spec.articles:
        raise ScaleError(NEEDS_ARTICLES)
    if spec.comments and spec.reader_count < 2:
        raise ScaleError(NEEDS_READERS)
    if spec.hot_comments > spec.comments:
        raise ScaleError(HOT_EXCEEDS_COMMENTS)


def archive_generate(
    *,
    spec: ScaleSpec,
    clear: bool = False,
    log: Callable[[str], None] = print,
    now: datetime.datetime | None = None,
) -> ScaleSummary:
    """Generate the synthetic archive described by ``spec`` (after removing an earlier one when ``clear``).

    The earlier archive is removed in a transaction of its own (inserting among millions of rows deleted in the same
    transaction is twice as slow); everything else but the search index is written in one transaction, so a failure
    leaves a consistent database and page tree. Raises ``ScaleError`` for an impossible spec, or when an earlier
    archive exists and ``clear`` is false.
    """
    _check(spec)
    now = now or timezone.now()
    summary = ScaleSummary()
    clock = _Clock(log, summary.timings)
    rng = random.Random(spec.seed)
    if clear:
        with clock.phase("clear"):
            removed = archive_clear(log=log)
            _refresh_statistics((apps.get_model(label)._meta.db_table for label in removed), reclaim=True)
    with transaction.atomic():
        _check_constraints_per_statement()
        if archive_exists():
            raise ScaleError(ALREADY_GENERATED)
        with clock.phase("setup"):
            sections = _sections_ensure(log)
            text = TextMaker(rng)
        with clock.phase("readers"):
            reader_ids = _readers_create(rng, spec, now)
            summary.counts["readers"] = len(reader_ids)
        with clock.phase("contributors"):
            contributor_ids = _contributors_create(rng, text, spec, now)
            summary.counts["contributors"] = len(contributor_ids)
        with clock.phase("topics"):
            topic_ids = _topics_create()
            summary.counts["topics"] = len(topic_ids)
        with clock.phase("articles and comments"):
            article_ids = _articles_create(
                rng, text, spec, sections, contributor_ids, topic_ids, reader_ids, now, log, summary
            )
        with clock.phase("tree check"):
            _tree_check(sections)
        committing = time.perf_counter()
    summary.timings["commit"] = time.perf_counter() - committing
    log(f"commit: {summary.timings['commit']:.1f} s")
    with clock.phase("analyze"):
        _refresh_statistics(_generated_tables(), reclaim=False)
    if spec.index:
        with clock.phase("search index"):
            _search_index(article_ids, contributor_ids, spec.batch_size, log)
    if summary.hot_article_id:
        hot = ArticlePage.objects.get(pk=summary.hot_article_id)
        summary.hot_article_url = hot.get_url() or hot.url_path
    return summary


def _sections_ensure(log: Callable[[str], None]) -> list[SectionPage]:
    sections = list(SectionPage.objects.live().order_by("path"))
    if not sections:
        home = HomePage.objects.first() or newsroom.home_page_ensure(
            title="Tribune", tagline="Expert opinion and analysis"
        )
        for slug, title, tagline in DEFAULT_SECTIONS:
            newsroom.section_ensure(home=home, slug=slug, title=title, tagline=tagline)
        sections = list(SectionPage.objects.live().order_by("path"))
        log(f"  created {len(sections)} sections")
    return sections


def _readers_create(rng: random.Random, spec: ScaleSpec, now: datetime.datetime) -> list[int]:
    """Reader accounts with confirmed email addresses, so they count as readers allowed to comment."""
    User = get_user_model()
    shared_hash = make_password(spec.reader_password) if spec.reader_password else None
    users = []
    for n in range(1, spec.reader_count + 1):
        username = f"{SLUG_PREFIX}reader-{n:06d}"
        users.append(
            User(
                username=username,
                email=f"{username}@example.invalid",
                display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}.",
                password=shared_hash or make_password(None),
                date_joined=now - datetime.timedelta(days=rng.randint(1, 365 * spec.years)),
            )
        )
    users = User.objects.bulk_create(users, batch_size=500)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users], batch_size=500
    )
    return [user.pk for user in users]


def _contributors_create(rng: random.Random, text: TextMaker, spec: ScaleSpec, now: datetime.datetime) -> list[int]:
    """Published expert profiles (live snippets without revisions), with a country and areas of expertise."""
    countries = list(Country.objects.order_by("pk").values_list("pk", flat=True))
    expertise = list(Expertise.objects.order_by("pk").values_list("pk", flat=True))
    profiles = []
    for n in range(1, spec.contributors + 1):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        role, subject = rng.choice(ROLES), rng.choice(FIELDS)
        affiliation = rng.choice(
            (f"{rng.choice(PLACES)} Institute for {subject}", f"University of {rng.choice(PLACES)}")
        )
        published = now - datetime.timedelta(days=rng.randint(1, 365 * spec.years))
        profiles.append(
            Contributor(
                name=name,
                slug=f"{SLUG_PREFIX}{n:06d}-{slugify(name)}"[:120],
                role=role,
                affiliation=affiliation,
                short_bio=_clip(f"{role} at {affiliation}, writing on {subject.lower()}.", 240),
                bio=f"<p>{text.paragraph(2, 4)}</p>",
                country_id=rng.choice(countries) if countries else None,
                languages=rng.choice(("English", "English, French", "English, Spanish", "English, Arabic")),
                in_house=rng.random() < 0.05,
                available_for_comment=rng.random() < 0.3,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
    profiles = Contributor.objects.bulk_create(profiles, batch_size=500)
    if expertise:
        through = Contributor.expertise.through
        links = [
            through(contributor_id=profile.pk, expertise_id=area)
            for profile in profiles
            for area in rng.sample(expertise, min(len(expertise), rng.randint(1, 3)))
        ]
        through.objects.bulk_create(links, batch_size=1_000)
    return [profile.pk for profile in profiles]


def _topics_create() -> list[int]:
    taken = {name.lower() for name in Topic.objects.values_list("name", flat=True)}
    taken_slugs = set(Topic.objects.values_list("slug", flat=True))
    topics = [
        Topic(name=name.capitalize(), slug=f"{TOPIC_SLUG_PREFIX}{slugify(name)}")
        for name in TOPIC_WORDS
        if name.lower() not in taken and f"{TOPIC_SLUG_PREFIX}{slugify(name)}" not in taken_slugs
    ]
    return [topic.pk for topic in Topic.objects.bulk_create(topics)]


def _comment_counts(rng: random.Random, articles: int, total: int, hot: int) -> list[int]:
    """Comments per article: a heavy tail, capped below the hot article (the last, newest one), which gets ``hot``."""
    counts = [0] * articles
    if not articles or not total:
        return counts
    others = articles - 1
    if not others:
        counts[0] = total
        return counts
    counts[-1] = hot
    rest = total - hot
    if not rest:
        return counts
    cap = max(1, hot // 2, -(-2 * rest // others))
    weights = [rng.paretovariate(1.2) for _ in range(others)]
    scale = rest / sum(weights)
    for i, weight in enumerate(weights):
        counts[i] = min(cap, int(weight * scale))
    remainder = rest - sum(counts[:others])
    while remainder:
        i = rng.randrange(others)
        if counts[i] < cap:
            counts[i] += 1
            remainder -= 1
    return counts


@dataclass
class _CommentWriter:
    """Builds one article's comments: threads, replies up to MAX_DEPTH, statuses, likes and moderation decisions."""

    rng: random.Random
    text: TextMaker
    reader_ids: list[int]
    now: datetime.datetime
    comments: list = field(default_factory=list)
    reactions: list = field(default_factory=list)
    decisions: list = field(default_factory=list)

    def __post_init__(self):
        # A few readers write most comments.
        self.reader_weights = list(_cumulative(1 / (k + 1) ** 0.8 for k in range(len(self.reader_ids))))
        self.status_weights = list(_cumulative(weight for _, weight, _, _ in STATUS_MIX))

    def write(self, article_id: int, published: datetime.datetime, ids: list[int], all_approved: bool) -> int:
        """Append the article's comments; return how many readers see (approved ones)."""
        rng = self.rng
        window = min(datetime.timedelta(days=DISCUSSION_DAYS), self.now - published).total_seconds()
        offsets = sorted(rng.random() * window for _ in ids)
        open_to_replies: list[tuple[int, int, int]] = []  # (id, depth, thread) of shown comments
        approved = 0
        for comment_id, offset in zip(ids, offsets, strict=True):
            created = published + datetime.timedelta(seconds=offset)
            if open_to_replies and rng.random() < REPLY_SHARE:
                parent, parent_depth, thread = rng.choice(open_to_replies)
                depth = parent_depth + 1
            else:
                parent, depth, thread = None, 0, comment_id
            status, _, rule, action = (
                STATUS_MIX[0] if all_approved else rng.choices(STATUS_MIX, cum_weights=self.status_weights)[0]
            )
            author = rng.choices(self.reader_ids, cum_weights=self.reader_weights)[0]
            body, detail = self.text.comment(), ""
            if rule == "new_reader":
                detail = "0 approved comments, 2 needed"
            elif rule:
                word = rng.choice(NOUNS)
                body, detail = f"{body} {word}", f"matched “{word}”"
            likes = 0
            if status == CommentStatus.APPROVED.value:
                approved += 1
                likes = min(len(self.reader_ids) - 1, int(rng.paretovariate(2.5)) - 1)
                fans = [reader for reader in rng.sample(self.reader_ids, likes + 1) if reader != author][:likes]
                liked_at = min(self.now, created + datetime.timedelta(minutes=rng.randint(1, 600)))
                self.reactions.extend((comment_id, fan, liked_at) for fan in fans)
                likes = len(fans)
            elif status == CommentStatus.DELETED.value:
                body = ""  # as comment_delete leaves it
            if status in SHOWN and depth < MAX_DEPTH:
                open_to_replies.append((comment_id, depth, thread))
            self.comments.append(
                (comment_id, article_id, author, parent, thread, depth, body, status, rule, detail, likes, created)
            )
            if action:
                self.decisions.append((comment_id, action, rule, detail, created))
        return approved


def _cumulative(values: Iterable[float]):
    total = 0.0
    for value in values:
        total += value
        yield total


def _next_child_position(section: SectionPage) -> int:
    last = (
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _articles_create(rng, text, spec, sections, contributor_ids, topic_ids, reader_ids, now, log, summary):
    """Pages, article rows, bylines, topics, countries and comments, written batch by batch."""
    parents = ArticlePage._meta.get_parent_list()
    if parents != [Page]:
        raise ScaleError(ARTICLE_NOT_A_PAGE % {"parents": [p._meta.label for p in parents]})
    total = spec.articles
    if not total:
        return []
    countries_field = ArticlePage._meta.get_field("countries")
    # Keys name the rows in progress lines and the summary; "article rows" are the pages' ArticlePage halves.
    tables = {
        "articles": _Table(Page, PAGE_COLUMNS),
        "article rows": _Table(ArticlePage, ARTICLE_COLUMNS),
        "bylines": _Table(ArticleByline, ["page_id", "contributor_id", "sort_order"]),
        "topic tags": _Table(ArticlePageTopic, ["content_object_id", "tag_id"]),
        "country tags": _Table(
            countries_field.remote_field.through,
            [f"{countries_field.m2m_field_name()}_id", f"{countries_field.m2m_reverse_field_name()}_id"],
        ),
        "comments": _Table(Comment, COMMENT_COLUMNS),
        "likes": _Table(Reaction, ["comment_id", "user_id", "created_at"]),
        "moderation decisions": _Table(ModerationDecision, ["comment_id", "action", "rule", "detail", "created_at"]),
    }
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    countries = list(Country.objects.order_by("pk").values_list("pk", flat=True))
    images = list(TribuneImage.objects.order_by("pk").values_list("pk", flat=True))
    kinds = [kind.value for kind in KIND_WEIGHTS]
    kind_weights = list(_cumulative(KIND_WEIGHTS.values()))

    section_of = rng.choices(range(len(sections)), weights=[rng.uniform(1, 3) for _ in sections], k=total)
    per_section = Counter(section_of)
    position = {}
    capacity = len(Page.alphabet) ** Page.steplen - 1
    for i, section in enumerate(sections):
        position[i] = _next_child_position(section)
        if position[i] + per_section[i] - 1 > capacity:
            raise ScaleError(SECTION_FULL % {"section": section.title, "count": per_section[i]})
    comment_counts = _comment_counts(rng, total, spec.comments, spec.hot_comments)
    start = now - datetime.timedelta(days=365 * spec.years)
    span = (now - datetime.timedelta(hours=1) - start).total_seconds()
    page_ids = reserve_ids(Page, total)
    writer = _CommentWriter(rng, text, reader_ids, now)
    timings = Counter()
    started, reported = time.perf_counter(), 0

    for first in range(0, total, spec.batch_size):
        tick = time.perf_counter()
        batch = range(first, min(total, first + spec.batch_size))
        comment_ids = iter(reserve_ids(Comment, sum(comment_counts[i] for i in batch)))
        rows = {name: [] for name in tables}
        for i in batch:
            page_id, section = page_ids[i], sections[section_of[i]]
            n = i + 1
            published = start + datetime.timedelta(seconds=span * (i + rng.random()) / total)
            title = text.title()
            slug = f"{SLUG_PREFIX}{n:06d}-{slugify(title)}"[:80].rstrip("-")
            updated = None
            if rng.random() < 0.1:
                updated = min(now, published + datetime.timedelta(days=rng.uniform(0.2, 30)))
            rows["articles"].append(
                (
                    page_id,
                    Page._get_path(section.path, section.depth + 1, position[section_of[i]]),
                    section.depth + 1,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    section.locale_id,
                    True,
                    False,
                    published,
                    updated or published,
                    title,
                    title,
                    slug,
                    article_type,
                    f"{section.url_path}{slug}/",
                )
            )
            position[section_of[i]] += 1
            bylines = rng.sample(contributor_ids, min(len(contributor_ids), rng.choice((1, 1, 1, 1, 1, 2, 2, 3))))
            rows["bylines"].extend((page_id, contributor, order) for order, contributor in enumerate(bylines))
            if topic_ids:
                chosen = rng.sample(topic_ids, min(len(topic_ids), rng.randint(1, 3)))
                rows["topic tags"].extend((page_id, topic) for topic in chosen)
            if countries:
                chosen = rng.sample(countries, min(len(countries), rng.choice((0, 1, 1, 2, 3))))
                rows["country tags"].extend((page_id, country) for country in chosen)
            body, words = article_body(text, contributor_ids)
            standfirst = text.standfirst()
            ids = [next(comment_ids) for _ in range(comment_counts[i])]
            hot = i == total - 1 and spec.hot_comments > 0
            approved = writer.write(page_id, published, ids, all_approved=hot)
            rows["article rows"].append(
                (
                    page_id,
                    standfirst,
                    rng.choices(kinds, cum_weights=kind_weights)[0],
                    rng.choice(images) if images and rng.random() < 0.8 else None,
                    body,
                    updated,
                    reading_minutes(words + len(standfirst.split())),
                    approved,
                )
            )
            if hot:
                summary.hot_article_id = page_id
        rows["comments"], rows["likes"], rows["moderation decisions"] = (
            writer.comments,
            writer.reactions,
            writer.decisions,
        )
        writer.comments, writer.reactions, writer.decisions = [], [], []
        timings["generate"] += time.perf_counter() - tick
        for name, table in tables.items():
            tick = time.perf_counter()
            inserted = table.insert(rows[name])
            if name != "article rows":
                summary.counts[name] += inserted
            timings[f"insert {name}"] += time.perf_counter() - tick
        done = batch.stop
        if done == total or done - reported >= max(total // 10, spec.batch_size):
            reported = done
            log(
                f"  articles {done:,}/{total:,}, comments {summary.counts['comments']:,} "
                f"({time.perf_counter() - started:.1f} s)"
            )
    for i, section in enumerate(sections):
        if per_section[i]:
            Page.objects.filter(pk=section.pk).update(numchild=models.F("numchild") + per_section[i])
    log("  " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    summary.timings.update({f"articles and comments: {name}": seconds for name, seconds in timings.items()})
    return page_ids


def _tree_check(sections: list[SectionPage]) -> None:
    """Each section's numchild matches its children (treebeard's find_problems takes minutes at this size)."""
    for section in SectionPage.objects.filter(pk__in=[s.pk for s in sections]):
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).count()
        if children != section.numchild:
            raise ScaleError(
                TREE_CHECK_FAILED % {"section": section.title, "numchild": section.numchild, "children": children}
            )


def archive_index(*, batch_size: int = 2_000, log: Callable[[str], None] = print) -> int:
    """Fill the search index for an existing synthetic archive; return the number of articles indexed.

    Uses the backend's bulk API, as ``update_index`` does. The database backend spends about 9 ms per article on
    PostgreSQL here (it extracts the body text several times per object), so 100,000 articles take ~15 minutes:
    that is why generation leaves it to ``--index`` or ``--index-only``.
    """
    article_ids = list(synthetic_pages().order_by("pk").values_list("pk", flat=True))
    contributor_ids = list(synthetic_contributors().order_by("pk").values_list("pk", flat=True))
    _search_index(article_ids, contributor_ids, batch_size, log)
    return len(article_ids)


def _search_index(article_ids: list[int], contributor_ids: list[int], batch_size: int, log) -> None:
    backend = get_search_backend()
    for first in range(0, len(contributor_ids), batch_size):
        chunk = contributor_ids[first : first + batch_size]
        backend.add_bulk(Contributor, list(Contributor.get_indexed_objects().filter(pk__in=chunk)))
    started, reported = time.perf_counter(), 0
    for first in range(0, len(article_ids), batch_size):
        chunk = article_ids[first : first + batch_size]
        articles = ArticlePage.get_indexed_objects().filter(pk__in=chunk).prefetch_related("bylines__contributor")
        with transaction.atomic():
            backend.add_bulk(ArticlePage, list(articles))
        done = first + len(chunk)
        if done == len(article_ids) or done - reported >= max(len(article_ids) // 10, batch_size):
            reported = done
            log(f"  indexed {done:,}/{len(article_ids):,} articles ({time.perf_counter() - started:.1f} s)")
