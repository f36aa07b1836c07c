"""The evaluation set of the analysis extraction: annotated original texts, their scorer and `make eval`."""
