"""The annotated articles of the evaluation set, as built from ``sources/`` into ``annotated/``."""

import json
from pathlib import Path

ANNOTATED_DIR = Path(__file__).resolve().parent / "annotated"


def load_articles(split: str | None = None) -> list[dict]:
    """Every annotated article, or those of one split ("dev" or "heldout"), in file order."""
    articles = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(ANNOTATED_DIR.glob("*.json"))]
    return [article for article in articles if split is None or article["split"] == split]


def article_text(article: dict) -> str:
    return article["headline"] + "\n\n" + article["standfirst"] + "\n\n" + article["body"]
