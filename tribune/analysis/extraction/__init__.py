"""The analysis extraction: entities, quotes and figures from one article, without Django.

    from tribune.analysis.extraction import analyse
    analyse(headline, standfirst, body).as_json()

Nothing here imports Django, so the command and batch jobs start fast; the knowledge base is built once per process
(``knowledge.default_knowledge_base``), or per set of extra records (``knowledge.knowledge_base_with``).
"""

from .knowledge import (
    EntityRecord,
    KnowledgeBase,
    build_knowledge_base,
    default_knowledge_base,
    knowledge_base_with,
    person_record,
)
from .pipeline import Analysis, analyse

__all__ = [
    "Analysis",
    "EntityRecord",
    "KnowledgeBase",
    "analyse",
    "build_knowledge_base",
    "default_knowledge_base",
    "knowledge_base_with",
    "person_record",
]
