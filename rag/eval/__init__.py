"""`rag eval`: the regression eval over the sample corpus (runner) and its pure scoring (metrics)."""
