"""The bare Flask app Heard is measured against: one route that says hello. The throughput and
live-poll benchmarks serve it with the same gunicorn settings as Heard, in the same run, so a
busy machine slows both and the ratio between them stays meaningful."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
