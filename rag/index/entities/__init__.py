"""The entity index: people, places and organisations of every article, built at ingest with no model."""
