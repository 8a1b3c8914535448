"""Briefing stage (本周要闻): the articles of a date range -> a verified, cited Brief -> Markdown, Word, JSON."""
