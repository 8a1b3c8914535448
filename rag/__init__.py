"""Local assistant for the 今日衢江 newspaper archive: ingest issues, ask cited questions, write briefings."""

__version__ = "0.1.0"
