"""The web app, the only package that imports gradio: the app and its API (ui) and one module per tab (chat,
briefing, people, library), pure HTML views (views), form inputs, uploads and downloads (forms). It reaches the archive and the engines only through rag.service.Service."""
