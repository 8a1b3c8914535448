"""LLM backends as llama-index LLMs with wrapped errors (backends), and versioned prompt files (prompts)."""
