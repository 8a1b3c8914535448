"""Citations as data: [n] markers mapped (1-based, bounds-checked) to hits with verbatim quotes (citations), and
the check that a cited text supports a sentence (verify). Shared by every answer and briefing engine."""
