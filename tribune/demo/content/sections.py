"""The demo outlet's sections and series (original text)."""

HOME = {
    "title": "Tribune",
    "tagline": "Expert opinion and analysis on a world in motion",
}

SECTIONS = [
    {"slug": "opinion", "title": "Opinion", "tagline": "Arguments from people who know the ground",
     "description": "Signed columns by experts and practitioners. Their views are their own; we check their facts."},
    {"slug": "analysis", "title": "Analysis", "tagline": "Beyond the headline: what is happening and why",
     "description": "Long reads that explain the forces behind the news, with evidence and sources."},
    {"slug": "politics", "title": "Politics", "tagline": "Power, elections and the people who hold them to account",
     "description": "Elections, institutions and diplomacy, read by specialists in each region."},
    {"slug": "economics", "title": "Economics", "tagline": "Prices, debt, trade and the choices behind them",
     "description": "Macroeconomics and development explained by economists who work on them."},
    {"slug": "sci-tech", "title": "Sci-Tech", "tagline": "Science and technology as public questions",
     "description": "Energy, climate, artificial intelligence and space: what the research says and what policy makes of it."},
    {"slug": "health", "title": "Health", "tagline": "Health systems, outbreaks and the evidence in between",
     "description": "Epidemiologists and health-policy researchers on what keeps populations well."},
]

SERIES = [
    {"slug": "energy-transition", "title": "The energy transition, country by country",
     "summary": "How grids, markets and politics are changing as countries move away from fossil fuels.",
     "description": "A running series following the energy transition from the control room to the cabinet table.",
     "palette": "ember"},
    {"slug": "crowded-election-year", "title": "A crowded election year",
     "summary": "Votes on several continents, read by specialists in each region.",
     "description": "Our experts follow the campaigns, the counts and what comes after.",
     "palette": "dusk"},
]
