"""Start the web app: `python app.py` (host/port from RAG_HOST / RAG_PORT, else GRADIO_SERVER_PORT, else 7860)."""

import logging
import sys

from rag.errors import RagError
from rag.service import Service
from rag.settings import Settings

if __name__ == "__main__":
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    try:
        from rag.web.ui import serve

        serve(Service(settings))
    except RagError as e:
        sys.exit(f"app: {e}")
