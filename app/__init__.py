"""Heard: children in care and care leavers heard by the people who decide about their lives."""
from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from config import BASE_DIR, CONFIGS, INSTANCE_DIR

from .extensions import babel, csrf, db, limiter, login, migrate

# Every feature's hooks.py, in the order it plugs in: staff home panels show in this order, and the
# demo council's content is loaded in it (the board pack's quarter builds on what comes before it).
FEATURES = ("youth", "staff", "admin", "council", "moderation", "reviews", "surveys", "voice", "reports", "pledges", "mail", "privacy", "glossary")


def config_name_from_environment() -> str:
    """HEARD_CONFIG, or development when the flask command runs Heard (`make run`). Any other
    server (gunicorn) must say which: falling back to development there would serve a council
    with a known secret, cookies over plain HTTP and safeguarding emails off."""
    name = os.environ.get("HEARD_CONFIG", "").strip()
    if name:
        if name not in CONFIGS:
            raise RuntimeError(f"HEARD_CONFIG must be one of {', '.join(CONFIGS)}, not {name!r}.")
        return name
    if os.environ.get("FLASK_RUN_FROM_CLI") == "true" and "gunicorn" not in os.environ.get("SERVER_SOFTWARE", ""):
        return "development"
    raise RuntimeError("Set HEARD_CONFIG=production to serve Heard (or HEARD_CONFIG=development to try it out).")


def create_app(config_name: str | None = None, **overrides) -> Flask:
    config_name = config_name or config_name_from_environment()
    app = Flask(
        __name__,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    config = CONFIGS[config_name]
    app.config.from_object(config)
    app.config.update(overrides)
    if hasattr(config, "check"):
        config.check(app.config)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import models  # noqa: F401  (every model registered before migrations look)
    from .i18n.locales import select_locale

    from . import serving

    serving.init_app(app)  # first, so compression runs after every other response hook
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True, compare_type=True)
    login.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)

    from . import web

    web.init_app(app)

    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .council import bp as council_bp
    from .glossary import bp as glossary_bp
    from .health import bp as health_bp
    from .mail.routes import bp as mail_bp
    from .i18n.routes import bp as i18n_bp
    from .moderation import bp as moderation_bp
    from .pledges import bp as pledges_bp
    from .privacy.routes import bp as privacy_bp
    from .reviews import bp as reviews_bp
    from .staff import bp as staff_bp
    from .surveys import bp as surveys_bp
    from .surveys import staff_bp as survey_staff_bp
    from .voice import bp as voice_bp
    from .youth import bp as youth_bp
    from .reports import bp as reports_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(i18n_bp)
    app.register_blueprint(youth_bp, url_prefix="/my")
    app.register_blueprint(staff_bp, url_prefix="/staff")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(moderation_bp)
    app.register_blueprint(reviews_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(surveys_bp)
    app.register_blueprint(survey_staff_bp, url_prefix="/staff/surveys")
    app.register_blueprint(pledges_bp, url_prefix="/pledge")
    app.register_blueprint(council_bp, url_prefix="/council")
    app.register_blueprint(glossary_bp)
    app.register_blueprint(voice_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(privacy_bp)

    from . import hooks

    for feature in FEATURES:
        import_module(f"{__name__}.{feature}.hooks")
    hooks.init_app(app)

    from .cli import heard_cli
    from .mail import cli as _mail_cli  # noqa: F401  (heard send-mail)
    from .privacy import cli as _privacy_cli  # noqa: F401  (heard purge)

    app.cli.add_command(heard_cli)
    return app
