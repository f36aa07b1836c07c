"""Analysis: entities, quotes and figures extracted from articles (this slice: the extraction core)."""
