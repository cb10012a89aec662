"""The results schema (SQLAlchemy Core, same on SQLite and PostgreSQL) and its numbered migrations.

Timestamps are ISO 8601 UTC text ('2026-11-23T10:00:00Z'): portable, sortable and what xAPI wants.
JSON columns are plain text holding canonical JSON, so both databases store the same bytes.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint,
                        String, Table, Text, UniqueConstraint, insert, inspect, select, text)
from sqlalchemy.engine import Connection

from game.clock import now_iso

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("pass_mark", Integer, nullable=False),
    Column("scenarios", Text, nullable=False),  # JSON list of {id, title, path, source_hash}
    Column("created_at", String(32), nullable=False),
    Column("closed_at", String(32)),
    Column("owner_id", Integer),  # the trainer who made it (v3; None: made on the command line)
)

learners = Table(
    "learners", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # case- and space-folded, so 'Sam  Lee' is 'sam lee'
    Column("created_at", String(32), nullable=False),
    # v3: the learner's join token carries this nonce, so someone else typing the same name later
    # is refused unless the trainer lets that learner rejoin (which draws a new nonce).
    Column("join_nonce", Text),
    UniqueConstraint("session_id", "name_key"),
)

attempts = Table(
    "attempts", metadata,
    Column("id", String(32), primary_key=True),  # made by the client, so it can be queued offline
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("source_hash", Text, nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("state", Text),  # latest PlayState JSON: what a resume starts from
    Column("withdrawn_at", String(32)),  # the learner stepped away (migration 2); cleared on resume
    Index("ix_attempts_session", "session_id"),
    Index("ix_attempts_learner", "learner_id"),
    # At most one unfinished attempt per learner and scenario, even with two terminals racing.
    Index("ux_attempts_open", "learner_id", "scenario_id", unique=True,
          sqlite_where=text("finished_at IS NULL"), postgresql_where=text("finished_at IS NULL")),
)

choices = Table(
    "choices", metadata,
    Column("attempt_id", String(32), ForeignKey("attempts.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # 0-based decision number within the attempt
    # Copied from the attempt so a cohort report counts choices from one index, with no join.
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("node_id", Text, nullable=False),
    Column("choice_id", Text, nullable=False),
    Column("choice_text", Text, nullable=False),
    Column("scores", Text, nullable=False),  # JSON {competency: points}
    Column("at", String(32), nullable=False),
    Column("cost", Integer),  # points lost against the best option; set when the attempt finishes
    # The key is what makes a retried or replayed write harmless.
    PrimaryKeyConstraint("attempt_id", "seq"),
    Index("ix_choices_tally", "session_id", "scenario_id", "node_id", "choice_id", "cost"),
)

results = Table(
    "results", metadata,
    Column("attempt_id", String(32), ForeignKey("attempts.id"), primary_key=True),
    # Copied from the attempt so cohort figures group one small table, with no join.
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("overall", Integer, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("scores", Text, nullable=False),  # JSON {competency: 0-100}
    Column("ending_kind", Text, nullable=False),
    Column("route", Text, nullable=False),  # JSON list of node ids
    Column("signature", String(64), nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("signed_at", String(32), nullable=False),
    # v3: 1 = signed over choice ids only (before the server); 2 = also their texts, scores,
    # times and costs.
    Column("sig_version", Integer, nullable=False, server_default="1"),
    # SQLite: covers the cohort report's GROUP BY, answered from the index alone, in order.
    # PostgreSQL caps a b-tree entry at ~2.7 kB and a long route could pass that: a plain index.
    Index("ix_results_outcomes", "session_id", "scenario_id", "route", "overall", "passed", "scores",
          "ending_kind").ddl_if(dialect="sqlite"),
    Index("ix_results_session", "session_id").ddl_if(dialect="postgresql"),
)

# The full debrief is large (kilobytes); kept apart so scanning results stays cheap.
debriefs = Table(
    "debriefs", metadata,
    Column("attempt_id", String(32), ForeignKey("results.attempt_id"), primary_key=True),
    Column("debrief", Text, nullable=False),  # game.core.debrief.Debrief.to_dict() as canonical JSON
)


# -- version 3: the server (issue 10) ---------------------------------------------------------

# A session's scenarios as they were when it was made: the main file and every file it includes,
# keyed by the SHA-256 of that bundle. The server replays attempts on this text, never on a file
# that someone may have edited since.
scenario_sources = Table(
    "scenario_sources", metadata,
    Column("bundle_hash", String(64), primary_key=True),
    Column("scenario_id", Text, nullable=False),
    Column("source_hash", Text, nullable=False),  # the loader's hash of the main file
    Column("bundle", Text, nullable=False),  # JSON {"main": name, "files": {relative path: text}}
    Column("created_at", String(32), nullable=False),
)

# One attempt per learner per scenario, however many tabs or machines race to start one: the
# primary key is the limit (a second INSERT fails in the database, not in Python).
attempt_slots = Table(
    "attempt_slots", metadata,
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("attempt_id", String(32), ForeignKey("attempts.id"), nullable=False, unique=True),
    PrimaryKeyConstraint("learner_id", "scenario_id"),
)

trainers = Table(
    "trainers", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", Text, nullable=False, unique=True),  # case-folded
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters and salt
    Column("role", String(16), nullable=False),  # 'trainer' or 'manager' (read-only, every session)
    Column("created_at", String(32), nullable=False),
    Column("disabled_at", String(32)),
)

# Who did what: every trainer action (sign-in, create, close, export, verify, rejoin).
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("session_code", String(16)),
    Column("detail", Text, nullable=False),
    Index("ix_audit_session", "session_code"),
)

# Failed join codes and sign-ins per client, in the database so every server process behind a
# load balancer counts the same guesses.
throttle = Table(
    "throttle", metadata,
    Column("id", Integer, primary_key=True),
    Column("bucket", Text, nullable=False),  # e.g. 'join:127.0.0.1'
    Column("at", Integer, nullable=False),  # Unix seconds
    Index("ix_throttle_bucket", "bucket", "at"),
)


def _v3_server(conn: Connection) -> None:
    metadata.create_all(conn, tables=[scenario_sources, attempt_slots, trainers, audit_log, throttle])
    # Version 1 databases made before these columns were in the definitions above get them here
    # (a fresh database has them from version 1's create_all).
    for table, column, ddl in (("sessions", "owner_id", "INTEGER"), ("learners", "join_nonce", "TEXT"),
                               ("results", "sig_version", "INTEGER NOT NULL DEFAULT 1")):
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")
    # Existing attempts each take their slot; a learner who already has two (made before the
    # limit) keeps them, and only the earliest holds the slot.
    conn.exec_driver_sql(
        "INSERT INTO attempt_slots (learner_id, scenario_id, attempt_id) "
        "SELECT a.learner_id, a.scenario_id, MIN(a.id) FROM attempts a "
        "WHERE a.started_at = (SELECT MIN(b.started_at) FROM attempts b "
        "WHERE b.learner_id = a.learner_id AND b.scenario_id = a.scenario_id) "
        "GROUP BY a.learner_id, a.scenario_id")


def _v1_create_tables(conn: Connection) -> None:
    # Version 1 is the tables above as first shipped. A later migration must change tables with
    # explicit DDL here and freeze this step's table list, not edit the definitions above alone.
    metadata.create_all(conn, tables=[sessions, learners, attempts, choices, results, debriefs])


def _v2_withdrawn(conn: Connection) -> None:
    # A learner who steps away is neither finished nor failed: the attempt says so itself.
    if "withdrawn_at" not in {c["name"] for c in inspect(conn).get_columns("attempts")}:
        conn.execute(text("ALTER TABLE attempts ADD COLUMN withdrawn_at VARCHAR(32)"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "sessions, learners, attempts, choices, results, debriefs", _v1_create_tables),
    (2, "attempts.withdrawn_at: stepping away is a status of its own", _v2_withdrawn),
    (3, "the server: scenario sources, attempt slots, trainers, audit log, throttle", _v3_server),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    return conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())
                        .limit(1)).scalar() or 0


def migrate(conn: Connection) -> int:
    """Apply any missing migrations inside the caller's transaction; return the version reached.

    The caller holds a write lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so
    twenty learners opening a fresh database at once apply each migration exactly once.
    """
    schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    for number, _about, step in MIGRATIONS:
        if number > version:
            step(conn)
            conn.execute(insert(schema_version).values(version=number, applied_at=now_iso()))
            version = number
    return version
