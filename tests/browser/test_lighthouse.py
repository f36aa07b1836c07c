"""Lighthouse scores the home page and an article, with its mobile and its desktop preset: each of its four
categories (performance, accessibility, best practices, SEO) at least 0.95.

Lighthouse 12.2.3 (package.json) drives Debian's Chromium (CHROME_PATH) with the flags of the other browser tests,
against the live server with the demo outlet loaded: four runs in all. The JSON reports are kept beside the
screenshots (``TRIBUNE_SCREENSHOT_DIR``, default ``var/screenshots/``) as ``lighthouse-<page>-<preset>.json``.
"""

import json
import os
import shutil
import statistics
import subprocess

import pytest

from django.test import Client

from tribune.demo.loader import load_demo
from tribune.newsroom.models import ArticlePage

from .conftest import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, HERE, require
from .test_screenshots import screenshot_dir

pytestmark = pytest.mark.same_on_every_database  # see pyproject.toml: CI's PostgreSQL pass leaves it out

LIGHTHOUSE = HERE.parents[1] / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_MISSING = "Lighthouse not installed: run npm ci (node and the lighthouse devDependency are needed)"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORE = 0.95
PRESETS = ("mobile", "desktop")
CHROME_FLAGS = [*(flag for flag in CHROMIUM_ARGS if flag != "--headless"), "--headless=new", "--disable-dev-shm-usage"]
RUN_TIMEOUT = 180
RECORDING_ATTEMPTS = 3
LIGHTHOUSE_RUNTIME_ERROR = "Runtime error encountered"


def lighthouse(url: str, preset: str) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--max-wait-for-load=30000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")  # mobile is Lighthouse's default: a phone with a slow 4G link
    for _attempt in range(RECORDING_ATTEMPTS):
        result = subprocess.run(  # noqa: S603 (our own command line: the local lighthouse, the live server)
            command,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
        # Lighthouse sometimes fails to record the browser's trace (NO_NAVSTART, seen under the suite's load) and
        # says to run it again: a failure of the tool, which measured nothing. Any other failure ends the test.
        if result.returncode == 0 or LIGHTHOUSE_RUNTIME_ERROR not in result.stderr:
            break
    assert result.returncode == 0, f"lighthouse failed on {url} ({preset}): {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that lost it points, to name in a failure message."""
    audits = report["audits"]
    return [
        f"{ref['id']} ({audits[ref['id']]['score']})"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def test_home_and_article_score_at_least_95_in_every_category_on_mobile_and_desktop(
    live_server, django_db_serialized_rollback
):
    require(CHROMIUM.exists(), CHROMIUM_MISSING)
    require(shutil.which("node") is not None and LIGHTHOUSE.exists(), LIGHTHOUSE_MISSING)
    load_demo(log=lambda line: None)
    article = ArticlePage.objects.live().exclude(lead_image=None).order_by("-first_published_at").first()
    pages = {"home": "/", "article": article.url}
    client = Client()  # make the renditions first: Lighthouse measures a site that has served its pages before
    for path in pages.values():
        assert client.get(path).status_code == 200

    directory = screenshot_dir()
    scores, problems = {}, []
    for name, path in pages.items():
        for preset in PRESETS:
            report = lighthouse(live_server.url + path, preset)
            (directory / f"lighthouse-{name}-{preset}.json").write_text(json.dumps(report))
            performance = report["categories"]["performance"]["score"]
            if performance is not None and performance < MIN_SCORE:
                # Performance varies from run to run with the machine's load (here, the other test worker): as
                # Lighthouse's own guidance on variability says, judge the median of several runs, not one.
                runs = [performance] + [
                    lighthouse(live_server.url + path, preset)["categories"]["performance"]["score"] for _ in range(2)
                ]
                report["categories"]["performance"]["score"] = statistics.median(
                    run if run is not None else 0 for run in runs
                )
            for category in CATEGORIES:
                score = report["categories"][category]["score"]
                scores[f"{name} {preset} {category}"] = score
                if score is None or score < MIN_SCORE:
                    problems.append(f"{name} ({preset}) {category} {score}: {failing_audits(report, category)}")
    print(json.dumps(scores, indent=1))

    assert not problems, "\n".join(problems)
