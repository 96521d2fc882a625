"""Schema migrations on both back ends: an old SQLite database upgrades in place with every row kept,
a failed migration changes nothing, collectors starting together migrate once, and a database newer
than the collector is refused in one line.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from feedback.storage import connect, is_url
from feedback.storage.migrations import LATEST, MIGRATIONS, Migration
from feedback.validation import Answer
from tests import collector as service
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT
from tests.test_feedback_service import ORIGIN, PAGE, payload

# The schema the collector created before it had migrations (feedback/storage.py until then).
SCHEMA_BEFORE_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    page TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    comment TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_page ON answers (page, id);
"""
OLD_ROWS = [(n, PAGE if n % 2 else "/domains/mx-records/", "no" if n % 3 else "yes",
             f"old answer {n}: the steps did not match" if n % 3 else "", f"2026-10-{n % 28 + 1:02d}T08:00:00+00:00")
            for n in range(1, 201)]


PARAMS = {False: "?", True: "%s"}  # by is_url(target)


def an_answer(n: int) -> Answer:
    return Answer(PAGE, "no", f"answer {n} kept across the upgrade")


def versions(db) -> list[int]:
    return [version for (version,) in service.read(db, "SELECT version FROM schema_version ORDER BY version")]


def test_a_sqlite_database_of_the_schema_before_migrations_upgrades_in_place_with_every_row(site, tmp_path):
    db = tmp_path / "feedback.sqlite3"
    connection = sqlite3.connect(db)
    connection.executescript(SCHEMA_BEFORE_MIGRATIONS)
    connection.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?)", OLD_ROWS)
    connection.commit()
    connection.close()
    with service.running(db, str(site.site / "sitemap.xml"), []) as collector:
        assert collector.post(payload(), origin=ORIGIN).status == 201
    assert versions(db) == [migration.version for migration in MIGRATIONS]
    rows = service.read(db, "SELECT id, page, answer, comment, created FROM answers ORDER BY id")
    assert rows[:-1] == OLD_ROWS
    assert rows[-1][0] == len(OLD_ROWS) + 1 and rows[-1][1:3] == (PAGE, "no")


def test_a_sqlite_database_of_version_2_gains_reasons_revisions_and_counts_with_every_row(site, tmp_path):
    """Version 2 is the schema before feedback v2: its rows come through with no reason and no revision."""
    db = tmp_path / "feedback.sqlite3"
    connect(db, MIGRATIONS[:2])
    connection = sqlite3.connect(db)
    connection.executemany("INSERT INTO answers (id, page, answer, comment, created) VALUES (?, ?, ?, ?, ?)", OLD_ROWS)
    connection.commit()
    connection.close()
    with service.running(db, str(site.site / "sitemap.xml"), []) as collector:
        v2_answer = payload(comment="", reason="out_of_date", revision="2026-11-27")
        assert collector.post(v2_answer, origin=ORIGIN).status == 201
        assert collector.post({"path": PAGE}, origin=ORIGIN, route="/api/view").status == 201
        assert collector.post({"step": "started"}, origin=ORIGIN, route="/api/contact").status == 201
    assert versions(db) == [migration.version for migration in MIGRATIONS]
    rows = service.read(db, "SELECT id, page, answer, comment, created, reason, revision FROM answers ORDER BY id")
    assert rows[:-1] == [(*row, None, None) for row in OLD_ROWS]
    assert rows[-1][1:4] == (PAGE, "no", "") and rows[-1][5:] == ("out_of_date", "2026-11-27")
    assert (service.views(db), service.contacts(db)) == ({PAGE: 1}, {"started": 1})


def test_a_database_of_an_older_version_is_brought_up_to_date_with_its_rows(new_db, tmp_path):
    target = new_db(tmp_path)
    old = connect(target, MIGRATIONS[:1])
    # Written as the version-1 collector wrote them: its columns only.
    old.connection.cursor().executemany(f"INSERT INTO answers (page, answer, comment, created) VALUES "
                                        f"({', '.join([PARAMS[is_url(target)]] * 4)})",
                                        [(PAGE, "no", f"answer {n} kept across the upgrade",
                                          "2026-10-01T08:00:00+00:00") for n in range(30)])
    assert versions(target) == [1]
    database = connect(target)
    assert versions(target) == [migration.version for migration in MIGRATIONS]
    assert sum(tally.no for tally in database.tally().values()) == 30


def test_a_failing_migration_leaves_the_database_as_it_was(new_db, tmp_path):
    """Its first statement ran, its second failed: the transaction takes the first back too."""
    target = new_db(tmp_path)
    connect(target).store(an_answer(1))
    broken = Migration(LATEST + 1, "broken on purpose", sqlite=("CREATE TABLE extra (x INTEGER)", "NOT SQL"),
                       postgresql=("CREATE TABLE extra (x INTEGER)", "NOT SQL"))
    database = connect(target)
    try:
        connect(target, (*MIGRATIONS, broken))
    except database.errors:
        pass
    else:
        raise AssertionError("the broken migration was not refused")
    assert versions(target) == [migration.version for migration in MIGRATIONS]
    assert "extra" not in tables(target)
    assert service.stored_rows(target) == [(PAGE, "no", "answer 1 kept across the upgrade")]


def tables(db) -> set[str]:
    if is_url(db):
        return {name for (name,) in service.read(db, "SELECT table_name FROM information_schema.tables "
                                                     "WHERE table_schema = 'public'")}
    return {name for (name,) in service.read(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_collectors_starting_together_apply_each_migration_once(site, new_db, tmp_path):
    target = new_db(tmp_path)
    sitemap = str(site.site / "sitemap.xml")
    with ThreadPoolExecutor(3) as pool:
        collectors = list(pool.map(lambda n: service.start(target, sitemap, [], log_dir=tmp_path), range(3)))
    try:
        assert all(collector.post(payload(), origin=ORIGIN, client=f"192.0.2.{n}").status == 201
                   for n, collector in enumerate(collectors))
    finally:
        for collector in collectors:
            service.stop(collector)
    assert versions(target) == [migration.version for migration in MIGRATIONS]
    assert len(service.stored_rows(target)) == 3


def test_a_database_newer_than_the_collector_is_refused_in_one_line(new_db, tmp_path):
    target = new_db(tmp_path)
    newer = Migration(LATEST + 1, "a later collector's change", sqlite=(), postgresql=())
    connect(target, (*MIGRATIONS, newer))
    result = subprocess.run([sys.executable, "-m", "feedback", "serve", "--db", target, "--port", "0"],
                            cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"feedback: {target}: the database has schema version {LATEST + 1}, newer than this "
                             f"collector's {LATEST}: run the newer collector, or restore the backup taken before "
                             "it migrated\n")
    assert versions(target) == [migration.version for migration in MIGRATIONS] + [LATEST + 1]
