"""Index stage: the archive of one RAG_HOME.

tokenize (jieba, local names) and embed (e5 or sentence-transformers) turn text into tokens and vectors; catalog
(sqlite, the truth), vectors (Chroma) and bm25 hold them; archive opens the stores and searches them; update
ingests issue files into them and deletes from them.
"""
