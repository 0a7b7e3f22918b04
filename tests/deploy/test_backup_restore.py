"""The restore drill of deploy/README.md: a nightly backup of a council, restored into an empty
database and upgraded, serves that council again."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from flask_migrate import upgrade

from app import create_app
from app.extensions import db

from .databases import is_postgresql, libpq_url, scratch_database

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup" / "heard-backup"


def _serving_app(url: str):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, RATELIMIT_ENABLED=False)
    return app


def _load_demo_into(url: str) -> None:
    from app.demo import load_demo

    app = _serving_app(url)
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _run_backup(url: str, folder: Path) -> Path:
    env = {**os.environ, "DATABASE_URL": libpq_url(url), "BACKUP_DIR": str(folder)}
    result = subprocess.run([str(BACKUP)], env=env, capture_output=True, text=True, check=True)
    assert "wrote" in result.stdout
    (backup,) = [p for p in folder.iterdir() if p.name.startswith("heard-")]
    return backup


def _restore(backup: Path, url: str) -> None:
    if url.startswith("sqlite:///"):
        shutil.copyfile(backup, url.removeprefix("sqlite:///"))
    else:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq_url(url)}", str(backup)], check=True)


def _demo_young_person_signs_in(url: str) -> str:
    from app.demo import DEMO_PASSWORD

    app = _serving_app(url)
    with app.app_context():
        upgrade()  # the drill runs `flask db upgrade` after every restore
        client = app.test_client()
        response = client.post("/sign-in", data={"identifier": "amira", "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        home = client.get(response.headers["Location"], follow_redirects=True)
        db.session.remove()
        db.engine.dispose()
        return home.get_data(as_text=True)


def test_a_nightly_backup_restored_into_an_empty_database_serves_the_council(tmp_path):
    if is_postgresql() and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    with scratch_database("source") as source, scratch_database("restored") as restored:
        _load_demo_into(source)
        backup = _run_backup(source, tmp_path)
        assert backup.suffix == (".dump" if is_postgresql() else ".sqlite3")
        _restore(backup, restored)
        page = _demo_young_person_signs_in(restored)
    assert "Amira" in page


def test_the_backup_script_refuses_a_database_it_does_not_know(tmp_path):
    env = {**os.environ, "DATABASE_URL": "mysql://nobody@localhost/heard", "BACKUP_DIR": str(tmp_path)}
    result = subprocess.run([str(BACKUP)], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert list(tmp_path.iterdir()) == []
