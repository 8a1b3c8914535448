"""The web app: Gradio tabs and API (ui, the only gradio import), pure HTML views (views), form inputs, uploads
and downloads (forms). It reaches the archive and the engines only through rag.service.Service."""
