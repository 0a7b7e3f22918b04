"""gunicorn settings for Heard (`gunicorn -c deploy/gunicorn.conf.py wsgi:app`).

Every setting can be overridden from the environment file (see heard.env.example)."""
import multiprocessing
import os

bind = os.environ.get("HEARD_BIND", "127.0.0.1:8000")
# Pages are short database round trips: two workers a core, plus one, keep the cores busy
# while others wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a council's service down.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may tell Heard who the client is.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log keeps the path and never the query string: a search can hold a child's name.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
