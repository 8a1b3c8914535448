"""Answer stage: a question (and the chat so far) -> a cited Answer.

timeparse (time phrases -> issue-date filters), followup (questions that point back to the last turn), retrieve
(hybrid BM25 + dense search), then an engine behind the AnswerEngine protocol: extractive (no LLM; question says
what the question asks for, scoring weighs the evidence) or llm_engine (prompted, streamed, verified).
"""
