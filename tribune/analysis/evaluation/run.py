"""`make eval`: the extraction and the plain baseline scored on the evaluation set, overall, dev and held out.

    python -m tribune.analysis.evaluation [--errors] [--split dev|heldout] [--model]

Targets (checked on the held-out part as well as overall): entity linking precision >= 0.95 and recall >= 0.90,
quote speaker correct >= 0.85, figures F1 >= 0.90. The exit status is 1 when a target is missed overall or held out.
"""

import argparse
import sys

from tribune.analysis.extraction.knowledge import default_knowledge_base
from tribune.analysis.extraction.pipeline import analyse
from tribune.analysis.extraction.tagger import default_tagger

from .annotations import load_articles
from .baseline import baseline_analyse
from .metrics import Scores, score_article

TARGETS = {
    "entity linking precision": 0.95,
    "entity linking recall": 0.90,
    "quote speaker correct": 0.85,
    "figures F1": 0.90,
}


def extraction_output(article: dict, use_model: bool) -> dict:
    tagger = default_tagger() if use_model else None
    return analyse(article["headline"], article["standfirst"], article["body"], tagger=tagger).as_json()


def score(articles: list[dict], outputs: dict[str, dict]) -> Scores:
    scores = Scores()
    for article in articles:
        score_article(scores, article, outputs[article["id"]])
    return scores


def rows(scores: Scores) -> dict[str, float]:
    return {
        "entity linking precision": scores.entities.precision,
        "entity linking recall": scores.entities.recall,
        "entity linking F1": scores.entities.f1,
        "salience accuracy": scores.salience.value,
        "quote span precision": scores.quote_spans.precision,
        "quote span recall": scores.quote_spans.recall,
        "quote span F1": scores.quote_spans.f1,
        "quote speaker correct": scores.quote_speakers.value,
        "quote on-record correct": scores.on_record.value,
        "figures precision": scores.figures.precision,
        "figures recall": scores.figures.recall,
        "figures F1": scores.figures.f1,
    }


def evaluate(use_model: bool = False) -> dict[str, dict[str, Scores]]:
    """Scores per split ("all", "dev", "heldout") for "extraction" and "baseline"."""
    kb, tagger = default_knowledge_base(), default_tagger()
    articles = load_articles()
    outputs = {
        "extraction": {article["id"]: extraction_output(article, use_model) for article in articles},
        "baseline": {article["id"]: baseline_analyse(article, kb, tagger) for article in articles},
    }
    return {
        split: {
            system: score([a for a in articles if split in ("all", a["split"])], outputs[system]) for system in outputs
        }
        for split in ("all", "dev", "heldout")
    }


def missed_targets(results: dict[str, dict[str, Scores]]) -> list[str]:
    missed = []
    for split in ("all", "heldout"):
        values = rows(results[split]["extraction"])
        missed += [
            f"{name} ({split}) {values[name]:.3f} < {target}"
            for name, target in TARGETS.items()
            if values[name] < target
        ]
    return missed


def report(results: dict[str, dict[str, Scores]]) -> str:
    counts = {split: len(load_articles(None if split == "all" else split)) for split in ("all", "dev", "heldout")}
    header = f"{'':28}" + "".join(f"{f'{split} ({counts[split]} texts)':>22}" for split in ("all", "dev", "heldout"))
    lines = [header, f"{'':28}" + "   extraction baseline" * 3]
    for name in rows(Scores()):
        cells = "".join(
            f"{rows(results[split]['extraction'])[name]:>13.3f}{rows(results[split]['baseline'])[name]:>9.3f}"
            for split in ("all", "dev", "heldout")
        )
        target = f"  (target {TARGETS[name]})" if name in TARGETS else ""
        lines.append(f"{name:28}{cells}{target}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error of the extraction")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="dev", help="split whose errors to list")
    parser.add_argument("--model", action="store_true", help="let the extraction use the statistical tagger too")
    options = parser.parse_args(argv)
    results = evaluate(use_model=options.model)
    print(report(results))
    if options.errors:
        print(f"\nErrors of the extraction ({options.split}):")
        print("\n".join(results[options.split]["extraction"].errors) or "none")
    missed = missed_targets(results)
    print("\nTargets missed: " + "; ".join(missed) if missed else "\nAll targets met, overall and held out.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
