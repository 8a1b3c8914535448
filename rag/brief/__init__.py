"""Briefing stage (本周要闻): the articles of a date range -> a verified, cited Brief -> Markdown, Word, JSON.

leads (an article's news lead), stories (ranking, same-event merging), topics (sections named from the stories' own
words), assemble (every sentence verified, citations numbered), engine (the BriefEngine protocol and the extractive
engine), llm_engine (map-reduce with an LLM); dates (week ranges, titles); render (output formats).
"""
