"""Ingest stage (pure but for reading files): issue file -> IssueText -> Articles -> Chunks.

read (files, decoding, masthead date) -> clean (text repair) -> parse (articles; with bylines and titles)
-> continuations (parts joined across the issues of one ingest) -> chunk.
"""
