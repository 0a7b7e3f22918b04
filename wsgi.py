"""Entry point for `flask --app wsgi ...` and for gunicorn (`gunicorn wsgi:app`)."""
import os

from app import create_app
from app.serving import compile_templates

app = create_app()
if "gunicorn" in os.environ.get("SERVER_SOFTWARE", ""):
    compile_templates(app)  # once, before gunicorn --preload forks its workers
