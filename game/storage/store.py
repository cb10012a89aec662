"""The results store: sessions, learners, attempts, choices and signed results.

One class, `Store`, over SQLAlchemy Core so SQLite (default, zero set-up) and PostgreSQL share
every query. Every write is one short transaction; every retried write is harmless (choices are
keyed by (attempt_id, seq), results by attempt_id). Database failures surface as StoreError.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Sequence

from sqlalchemy import and_, create_engine, event, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine, make_url

from game.core.debrief import Debrief
from game.storage import codes, paths, signing
from game.storage.errors import StoreError
from game.storage.safetext import refuse_unsafe
from game.clock import now_iso
from game.storage.schema import attempt_slots, attempts, choices, debriefs, learners, migrate, results, sessions


@dataclass(frozen=True)
class ScenarioRef:
    """A scenario a session assesses, pinned by the hash of its source when the session was made."""
    id: str
    title: str
    path: str
    source_hash: str
    bundle: str = ""  # SHA-256 of the pinned source the server replays on (sessions made by it)


@dataclass(frozen=True)
class SessionInfo:
    id: int
    code: str
    name: str
    pass_mark: int
    scenarios: tuple[ScenarioRef, ...]
    created_at: str
    closed_at: str | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class AttemptStatus(str, Enum):
    IN_PROGRESS = "in_progress"
    WITHDRAWN = "withdrawn"   # stepped away: never a fail, resumed if the learner comes back
    FINISHED = "finished"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Attempt:
    id: str
    session_code: str
    learner: str
    scenario_id: str
    started_at: str
    finished_at: str | None
    state: str | None  # latest PlayState JSON, None before the first choice
    withdrawn_at: str | None = None

    @property
    def status(self) -> AttemptStatus:
        return _status(self.finished_at, self.withdrawn_at)


def _status(finished_at: str | None, withdrawn_at: str | None) -> AttemptStatus:
    if finished_at:
        return AttemptStatus.FINISHED
    return AttemptStatus.WITHDRAWN if withdrawn_at else AttemptStatus.IN_PROGRESS


@dataclass(frozen=True)
class ChoiceRecord:
    """One decision as it was made: the seq-th choice of an attempt."""
    seq: int
    node_id: str
    choice_id: str
    choice_text: str
    scores: dict
    at: str


@dataclass(frozen=True)
class ResultRow:
    """A finished (or unfinished, when overall is None) attempt, as reports list them."""
    attempt_id: str
    learner: str
    scenario_id: str
    started_at: str
    finished_at: str | None
    overall: int | None
    passed: bool | None
    scores: dict
    ending_kind: str | None
    withdrawn_at: str | None = None

    @property
    def status(self) -> AttemptStatus:
        return _status(self.finished_at, self.withdrawn_at)


@dataclass(frozen=True)
class Outcome:
    """How many finished attempts in a session took one route to one result."""
    scenario_id: str
    route: tuple[str, ...]
    overall: int
    passed: bool
    scores: dict
    ending_kind: str
    count: int


@dataclass(frozen=True)
class ChoiceCount:
    """How many finished attempts in a session took one choice at one decision."""
    scenario_id: str
    node_id: str
    choice_id: str
    count: int
    cost: int  # points lost against the best option (0 = a best choice)


@dataclass(frozen=True)
class Problem:
    """Something `verify` found wrong with one stored result."""
    attempt_id: str
    learner: str
    message: str


def name_key(name: str) -> str:
    """How learner names are compared: case-folded, runs of spaces collapsed."""
    return " ".join(name.split()).casefold()


def _dumps(value: Any) -> str:
    return signing.canonical_json(value).decode("utf-8")


def _sqlalchemy_url(url: str) -> str:
    # Trainers paste 'postgresql://...'; SQLAlchemy would pick psycopg2, which is not installed.
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


def _describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "(unreadable database URL)"


# What a version-2 signature covers of each choice (scores as their stored canonical JSON).
SIG_VERSION = 2
SIGNED_CHOICE_COLUMNS = (choices.c.seq, choices.c.node_id, choices.c.choice_id, choices.c.choice_text,
                         choices.c.scores, choices.c.at, choices.c.cost)


class Store:
    """A connection to one results database, migrated to the latest schema on open."""

    def __init__(self, url: str | None = None) -> None:
        self.url = _sqlalchemy_url(url or paths.default_db_url())
        try:
            parsed = make_url(self.url)
        except sa_exc.ArgumentError:
            raise StoreError(f"'{url}' is not a database URL.",
                             "Use postgresql://user:password@host/dbname, or leave --db out for the "
                             "local SQLite file.") from None
        self.kind = parsed.get_backend_name()
        if self.kind not in ("sqlite", "postgresql"):
            raise StoreError(f"Doorstep stores results in SQLite or PostgreSQL, not '{self.kind}'.",
                             "Use a postgresql:// URL or leave --db out.")
        self.where = _describe(self.url)
        self.engine = self._make_engine(parsed)
        self._writer = threading.RLock() if self.kind == "sqlite" else contextlib.nullcontext()
        with self._write() as conn:
            if self.kind == "postgresql":
                # Serialise migrations between processes opening a fresh database together.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
            migrate(conn)

    def _make_engine(self, parsed) -> Engine:
        if self.kind == "postgresql":
            # A server answers from many threads at once: enough connections that none waits.
            return create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=30,
                                 connect_args={"connect_timeout": 5})
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers never block the learner writing
            cur.execute("PRAGMA synchronous=FULL")  # a power cut loses no committed choice
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            # A write takes the write lock up front (IMMEDIATE), so concurrent writers wait (busy
            # timeout) instead of failing with 'database is locked' when a read upgrades to a
            # write. A read begins deferred: under WAL it never waits for a writer.
            write = conn.get_execution_options().get("doorstep_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def close(self) -> None:
        self.engine.dispose()

    # -- plumbing -----------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        # SQLite has one writer at a time; threads of this process queue on a lock rather than
        # in SQLite's busy handler, which sleeps in steps of up to 100 ms (a server's latency).
        with self._writer, self._guard():
            with self.engine.connect() as conn:
                conn.execution_options(doorstep_write=True)
                with conn.begin():
                    yield conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.DBAPIError as err:
            raise self._explain(err) from None

    def _explain(self, err: sa_exc.DBAPIError) -> StoreError:
        detail = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        outbox = paths.outbox_path()
        if self.kind == "sqlite" and re.search(r"not a database|malformed|disk image", detail):
            return StoreError(
                f"The results database {self.where} is damaged ({detail}).",
                "Move the file aside (rename it, e.g. to results.sqlite3.damaged) and run the command "
                "again to start a fresh one; rescue old results with `sqlite3 results.sqlite3.damaged "
                f".recover | sqlite3 recovered.sqlite3`. Results that could not be saved wait in "
                f"{outbox}; `main.py session sync` writes them.")
        if re.search(r"no such (table|column)|(relation|column) .* does not exist", detail):
            return StoreError(
                f"The results database {self.where} does not have the tables this version of Doorstep "
                f"expects ({detail}).",
                "It was made by a different Doorstep version, or by another program. Point --db at "
                "a Doorstep database, or upgrade Doorstep on this machine to match the others.")
        if isinstance(err, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return StoreError(
                f"Cannot reach the results database {self.where}: {detail}",
                "Check the database server is running and the --db URL (or DOORSTEP_DB) is right. "
                f"Results that could not be saved wait in {outbox}; run `main.py session sync` when "
                "the database is back.")
        return StoreError(f"The results database {self.where} refused the request: {detail}",
                          "This is a bug or a schema from another Doorstep version; report it with "
                          "this message.")

    def _insert_ignoring_duplicates(self, table):
        if self.kind == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        return dialect_insert(table).on_conflict_do_nothing()

    # -- sessions -----------------------------------------------------------------------------

    def create_session(self, name: str, pass_mark: int, scenarios: Sequence[ScenarioRef],
                       owner_id: int | None = None) -> SessionInfo:
        """A new open session with a fresh join code."""
        refuse_unsafe(name, "session name")
        if not 0 <= pass_mark <= 100:
            raise StoreError(f"A pass mark is 0 to 100, not {pass_mark}.")
        if not scenarios:
            raise StoreError("A session needs at least one scenario.", "Add --scenario ID.")
        listed = [{"id": s.id, "title": s.title, "path": s.path, "source_hash": s.source_hash}
                  | ({"bundle": s.bundle} if s.bundle else {}) for s in scenarios]
        for _ in range(20):
            code = codes.new_code()
            try:
                with self._write() as conn:
                    conn.execute(insert(sessions).values(
                        code=code, name=name, pass_mark=pass_mark, scenarios=_dumps(listed),
                        created_at=now_iso(), owner_id=owner_id))
            except StoreError:
                if self._session_row(code) is None:
                    raise
                continue  # the code was taken: draw another
            return self.get_session(code)
        raise StoreError("Could not find a free join code.", "Close or remove old sessions.")

    def _session_row(self, code: str):
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(select(sessions).where(sessions.c.code == codes.normalise(code))).first()

    @staticmethod
    def _session_info(row) -> SessionInfo:
        refs = tuple(ScenarioRef(**s) for s in json.loads(row.scenarios))
        return SessionInfo(row.id, row.code, row.name, row.pass_mark, refs, row.created_at, row.closed_at)

    def get_session(self, code: str) -> SessionInfo:
        """The session with this join code, or StoreError."""
        row = self._session_row(code)
        if row is None:
            raise StoreError(f"No session has the code '{code}'.",
                             "Check the code with your trainer; `main.py session list` shows them all.")
        return self._session_info(row)

    def list_sessions(self) -> list[SessionInfo]:
        """Every session, newest first."""
        with self._guard(), self.engine.connect() as conn:
            rows = conn.execute(select(sessions).order_by(sessions.c.created_at.desc(), sessions.c.id.desc()))
            return [self._session_info(r) for r in rows]

    def close_session(self, code: str) -> SessionInfo:
        """Stop new attempts in a session (results already stored stay)."""
        session = self.get_session(code)
        if session.is_open:
            with self._write() as conn:
                conn.execute(update(sessions).where(sessions.c.id == session.id).values(closed_at=now_iso()))
        return self.get_session(code)

    # -- attempts -----------------------------------------------------------------------------

    def open_attempt(self, code: str, learner: str, scenario_id: str, source_hash: str) -> Attempt:
        """The learner's unfinished attempt at this scenario (resumed if they had stepped away),
        or a new one; never two at once, and never another once one is finished."""
        session = self.get_session(code)
        if not learner.strip():
            raise StoreError("A learner name is needed.", "Use --learner 'Your Name'.")
        if scenario_id not in {s.id for s in session.scenarios}:
            raise StoreError(f"Session {session.code} does not assess '{scenario_id}'.")
        if not session.is_open:
            raise StoreError(f"Session {session.code} ({session.name}) is closed.",
                             "Ask your trainer for the code of an open session.")
        with self._write() as conn:
            learner_id = self._learner_id(conn, session.id, learner)
            done = conn.execute(select(attempts.c.id).where(and_(
                attempts.c.learner_id == learner_id, attempts.c.scenario_id == scenario_id,
                attempts.c.finished_at.is_not(None)))).first()
            if done is not None:
                raise StoreError(f"{' '.join(learner.split())} has already completed "
                                 f"'{scenario_id}' in session {session.code}.",
                                 "An assessed attempt is taken once; ask your trainer if it "
                                 "should be retaken.")
            found = self._open_attempt_row(conn, learner_id, scenario_id)
            if found is not None:
                conn.execute(update(attempts).where(attempts.c.id == found.id)
                             .values(withdrawn_at=None))
            if found is None:
                if conn.execute(select(attempt_slots.c.attempt_id).where(and_(
                        attempt_slots.c.learner_id == learner_id,
                        attempt_slots.c.scenario_id == scenario_id))).first():
                    raise StoreError(f"{learner} has already made their attempt at '{scenario_id}' "
                                     f"in session {session.code}.",
                                     "One attempt per learner per scenario; the result is in the report.")
                attempt_id = codes.new_attempt_id()
                conn.execute(insert(attempts).values(
                    id=attempt_id, session_id=session.id, learner_id=learner_id,
                    scenario_id=scenario_id, source_hash=source_hash, started_at=now_iso()))
                # The slot's primary key is the limit: a racing second INSERT fails here.
                conn.execute(insert(attempt_slots).values(
                    learner_id=learner_id, scenario_id=scenario_id, attempt_id=attempt_id))
        return self.get_attempt(found.id if found is not None else attempt_id)

    def _learner_id(self, conn: Connection, session_id: int, name: str) -> int:
        key = name_key(refuse_unsafe(name, "learner name"))
        conn.execute(self._insert_ignoring_duplicates(learners).values(
            session_id=session_id, name=" ".join(name.split()), name_key=key, created_at=now_iso()))
        return conn.execute(select(learners.c.id).where(
            and_(learners.c.session_id == session_id, learners.c.name_key == key))).scalar_one()

    @staticmethod
    def _open_attempt_row(conn: Connection, learner_id: int, scenario_id: str):
        return conn.execute(select(attempts.c.id).where(and_(
            attempts.c.learner_id == learner_id, attempts.c.scenario_id == scenario_id,
            attempts.c.finished_at.is_(None)))).first()

    def get_attempt(self, attempt_id: str) -> Attempt:
        """One attempt by id, or StoreError."""
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(
                select(attempts, learners.c.name.label("learner"), sessions.c.code)
                .join(learners, learners.c.id == attempts.c.learner_id)
                .join(sessions, sessions.c.id == attempts.c.session_id)
                .where(attempts.c.id == attempt_id)).first()
        if row is None:
            raise StoreError(f"No attempt has the id '{attempt_id}'.",
                             "`main.py report --session CODE --csv -` lists attempt ids.")
        return Attempt(row.id, row.code, row.learner, row.scenario_id, row.started_at,
                       row.finished_at, row.state, row.withdrawn_at)

    def learner_attempts(self, code: str, learner: str) -> list[Attempt]:
        """Every attempt by this learner in this session, oldest first."""
        session = self.get_session(code)
        with self._guard(), self.engine.connect() as conn:
            ids = conn.execute(
                select(attempts.c.id).join(learners, learners.c.id == attempts.c.learner_id)
                .where(and_(attempts.c.session_id == session.id, learners.c.name_key == name_key(learner)))
                .order_by(attempts.c.started_at, attempts.c.id)).scalars().all()
        return [self.get_attempt(i) for i in ids]

    def record_choices(self, attempt_id: str, made: Sequence[ChoiceRecord], state: str | None) -> None:
        """Store choices (those already stored are skipped) and the play state, atomically."""
        with self._write() as conn:
            if made:
                owner = conn.execute(select(attempts.c.session_id, attempts.c.scenario_id)
                                     .where(attempts.c.id == attempt_id)).first()
                if owner is None:
                    raise StoreError(f"No attempt has the id '{attempt_id}'.",
                                     "The database may have been replaced since the attempt began.")
                conn.execute(self._insert_ignoring_duplicates(choices), [
                    {"attempt_id": attempt_id, "seq": c.seq, "session_id": owner.session_id,
                     "scenario_id": owner.scenario_id, "node_id": c.node_id,
                     "choice_id": c.choice_id, "choice_text": c.choice_text,
                     "scores": _dumps(c.scores), "at": c.at} for c in made])
            if state is not None:
                conn.execute(update(attempts).where(and_(attempts.c.id == attempt_id,
                                                         attempts.c.finished_at.is_(None)))
                             .values(state=state))

    def stored_choices(self, attempt_id: str) -> list[ChoiceRecord]:
        """The choices stored for an attempt, in order."""
        with self._guard(), self.engine.connect() as conn:
            rows = conn.execute(select(choices).where(choices.c.attempt_id == attempt_id)
                                .order_by(choices.c.seq)).all()
        return [ChoiceRecord(r.seq, r.node_id, r.choice_id, r.choice_text, json.loads(r.scores), r.at)
                for r in rows]

    def withdraw_attempt(self, attempt_id: str, at: str | None = None) -> None:
        """Record that the learner stepped away from an unfinished attempt (its choices stay;
        joining again resumes it)."""
        with self._write() as conn:
            conn.execute(update(attempts).where(and_(attempts.c.id == attempt_id,
                                                     attempts.c.finished_at.is_(None)))
                         .values(withdrawn_at=at or now_iso()))

    def finish_attempt(self, attempt_id: str, debrief: Debrief | dict,
                       finished_at: str | None = None) -> None:
        """Mark the attempt finished and store its signed result; a repeat call changes nothing.

        `debrief` is the core's Debrief (or its to_dict(), as queued in the outbox): its
        `passed` is stored as it is, never worked out again here. It must have been judged
        against this session's pass mark."""
        if isinstance(debrief, Debrief):
            debrief = debrief.to_dict()
        if not isinstance(debrief.get("passed"), bool):
            raise StoreError("The result has no verdict.",
                             "It was made by another Doorstep version; finish the attempt again.")
        with self._write() as conn:
            if conn.execute(select(results.c.attempt_id).where(results.c.attempt_id == attempt_id)).first():
                return
            row = conn.execute(select(attempts, learners.c.name.label("learner"), sessions.c.code,
                                      sessions.c.pass_mark)
                               .join(learners, learners.c.id == attempts.c.learner_id)
                               .join(sessions, sessions.c.id == attempts.c.session_id)
                               .where(attempts.c.id == attempt_id)).first()
            if row is None:
                raise StoreError(f"No attempt has the id '{attempt_id}'.")
            if debrief.get("pass_mark") != row.pass_mark:
                raise StoreError(f"The result was judged against a pass mark of "
                                 f"{debrief.get('pass_mark')}, but session {row.code} uses "
                                 f"{row.pass_mark}.", "Finish the attempt with the session's "
                                 "pass mark (the assessed player does this).")
            finished_at = row.finished_at or finished_at or now_iso()
            conn.execute(update(attempts).where(attempts.c.id == attempt_id)
                         .values(finished_at=finished_at, withdrawn_at=None))
            self._annotate_choices(conn, attempt_id, debrief.get("decisions") or [])
            summary = summarise(debrief)
            key = signing.load_key()
            made = conn.execute(select(*SIGNED_CHOICE_COLUMNS)
                                .where(choices.c.attempt_id == attempt_id).order_by(choices.c.seq)).all()
            debrief_text = _dumps(debrief)
            payload = self._signed_payload(row, made, finished_at, summary, debrief_text, SIG_VERSION)
            conn.execute(insert(results).values(
                attempt_id=attempt_id, session_id=row.session_id, scenario_id=row.scenario_id,
                overall=summary["overall"], passed=summary["passed"], scores=_dumps(summary["scores"]),
                ending_kind=summary["ending_kind"], route=_dumps(summary["route"]),
                signature=signing.sign(payload, key), key_id=signing.key_id(key), signed_at=now_iso(),
                sig_version=SIG_VERSION))
            conn.execute(insert(debriefs).values(attempt_id=attempt_id, debrief=debrief_text))

    @staticmethod
    def _annotate_choices(conn: Connection, attempt_id: str, decisions: list[dict]) -> None:
        # The debrief knows what each choice cost against the best; keep it beside the choice so a
        # cohort report can rank mistakes with one GROUP BY instead of parsing every debrief.
        for seq, review in enumerate(decisions):
            conn.execute(update(choices).where(and_(
                choices.c.attempt_id == attempt_id, choices.c.seq == seq,
                choices.c.node_id == str(review.get("decision_id", "")))).values(
                cost=int(review.get("cost") or 0)))

    @staticmethod
    def _signed_payload(attempt_row, made: Sequence, finished_at: str, summary: dict, debrief_text: str,
                        version: int) -> dict:
        """What a signature covers: who, which scenario version, when, every choice, the result.

        Version 2 covers everything a report reads of each choice (its text, scores, time and
        cost), not only its id; version 1 results (signed before) are checked as they were made.
        The debrief is covered by the SHA-256 of its stored text, so verify hashes it instead of
        parsing and re-serialising every debrief.
        """
        if version >= 2:
            listed = [[c.seq, c.node_id, c.choice_id, c.choice_text, c.scores, c.at, c.cost] for c in made]
        else:
            listed = [[c.seq, c.node_id, c.choice_id] for c in made]
        payload = {"attempt_id": attempt_row.id, "session": attempt_row.code, "learner": attempt_row.learner,
                   "scenario_id": attempt_row.scenario_id, "source_hash": attempt_row.source_hash,
                   "started_at": attempt_row.started_at, "finished_at": finished_at,
                   "choices": listed, **summary,
                   "debrief_sha256": hashlib.sha256(debrief_text.encode("utf-8")).hexdigest()}
        return payload | ({"v": version} if version >= 2 else {})

    # -- reading for reports ------------------------------------------------------------------

    def _results_query(self):
        return (select(attempts.c.id, learners.c.name, attempts.c.scenario_id, attempts.c.started_at,
                       attempts.c.finished_at, results.c.overall, results.c.passed, results.c.scores,
                       results.c.ending_kind, attempts.c.withdrawn_at)
                .join(learners, learners.c.id == attempts.c.learner_id)
                .outerjoin(results, results.c.attempt_id == attempts.c.id))

    @staticmethod
    def _result_row(r) -> ResultRow:
        return ResultRow(r.id, r.name, r.scenario_id, r.started_at, r.finished_at, r.overall,
                         None if r.passed is None else bool(r.passed),
                         json.loads(r.scores) if r.scores else {}, r.ending_kind, r.withdrawn_at)

    def session_results(self, code: str, limit: int | None = None) -> list[ResultRow]:
        """The session's attempts with their results (if finished), by learner then start."""
        session = self.get_session(code)
        query = (self._results_query().where(attempts.c.session_id == session.id)
                 .order_by(learners.c.name_key, attempts.c.started_at, attempts.c.id).limit(limit))
        with self._guard(), self.engine.connect() as conn:
            return [self._result_row(r) for r in conn.execute(query)]

    def result_row(self, attempt_id: str) -> ResultRow:
        """One attempt as reports list it, or StoreError."""
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(self._results_query().where(attempts.c.id == attempt_id)).first()
        if row is None:
            raise StoreError(f"No attempt has the id '{attempt_id}'.")
        return self._result_row(row)

    def outcome_counts(self, code: str, exclude: Sequence[str] = ()) -> tuple[int, int, list[Outcome]]:
        """(attempts, learners, outcomes): the session's finished attempts grouped by what happened,
        leaving out the attempts in `exclude` (those that failed verification).

        Grouped in the database: a cohort report over 100,000 attempts reads a few hundred rows.
        """
        session = self.get_session(code)
        what = (results.c.scenario_id, results.c.route, results.c.overall, results.c.passed,
                results.c.scores, results.c.ending_kind)  # the order of ix_results_outcomes
        where = results.c.session_id == session.id
        if exclude:
            where = and_(where, results.c.attempt_id.not_in(list(exclude)))
        grouped = select(*what, func.count().label("n")).where(where).group_by(*what)
        with self._guard(), self.engine.connect() as conn:
            total = conn.execute(select(func.count()).where(attempts.c.session_id == session.id)).scalar()
            people = conn.execute(select(func.count()).where(learners.c.session_id == session.id)).scalar()
            return total, people, [Outcome(r.scenario_id, tuple(json.loads(r.route)), r.overall, bool(r.passed),
                                           json.loads(r.scores), r.ending_kind, r.n) for r in conn.execute(grouped)]

    def withdrawn_count(self, code: str) -> int:
        """How many of the session's unfinished attempts the learner stepped away from."""
        session = self.get_session(code)
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(select(func.count()).where(and_(
                attempts.c.session_id == session.id, attempts.c.finished_at.is_(None),
                attempts.c.withdrawn_at.is_not(None)))).scalar()

    def choice_counts(self, code: str, exclude: Sequence[str] = ()) -> list[ChoiceCount]:
        """How often each choice was taken in the session's finished attempts (cost is set at
        finish), leaving out the attempts in `exclude`."""
        session = self.get_session(code)
        key = (choices.c.scenario_id, choices.c.node_id, choices.c.choice_id)
        where = and_(choices.c.session_id == session.id, choices.c.cost.is_not(None))
        if exclude:
            where = and_(where, choices.c.attempt_id.not_in(list(exclude)))
        query = (select(*key, func.count().label("n"), func.max(choices.c.cost).label("cost"))
                 .where(where).group_by(*key))
        with self._guard(), self.engine.connect() as conn:
            return [ChoiceCount(r.scenario_id, r.node_id, r.choice_id, r.n, r.cost) for r in conn.execute(query)]

    def choice_example(self, code: str, count: ChoiceCount) -> str | None:
        """The id of one finished attempt that made this choice (its debrief has the wording)."""
        session = self.get_session(code)
        query = (select(choices.c.attempt_id).where(and_(
            choices.c.session_id == session.id, choices.c.scenario_id == count.scenario_id,
            choices.c.node_id == count.node_id, choices.c.choice_id == count.choice_id,
            choices.c.cost.is_not(None))).limit(1))
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def signature(self, attempt_id: str) -> str | None:
        """The stored signature of a finished attempt (None while unfinished)."""
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(select(results.c.signature).where(results.c.attempt_id == attempt_id)).scalar()

    def debrief(self, attempt_id: str) -> dict | None:
        """The stored debrief of a finished attempt (None while unfinished)."""
        with self._guard(), self.engine.connect() as conn:
            text = conn.execute(select(debriefs.c.debrief).where(debriefs.c.attempt_id == attempt_id)).scalar()
        return json.loads(text) if text else None

    def verify(self, code: str | None = None, attempt_id: str | None = None) -> tuple[int, list[Problem]]:
        """Check the signature of every result (in one session, one attempt, or all): (checked, problems)."""
        key = signing.load_key()
        mine = signing.key_id(key)
        query = (select(attempts, learners.c.name.label("learner"), sessions.c.code, sessions.c.pass_mark,
                        results.c.overall, results.c.passed, results.c.scores.label("result_scores"),
                        results.c.ending_kind, results.c.route, debriefs.c.debrief, results.c.signature,
                        results.c.key_id, results.c.sig_version)
                 .join(results, results.c.attempt_id == attempts.c.id)
                 .outerjoin(debriefs, debriefs.c.attempt_id == attempts.c.id)
                 .join(learners, learners.c.id == attempts.c.learner_id)
                 .join(sessions, sessions.c.id == attempts.c.session_id)
                 .order_by(attempts.c.started_at, attempts.c.id))
        if code is not None:
            query = query.where(sessions.c.id == self.get_session(code).id)
        if attempt_id is not None:
            query = query.where(attempts.c.id == attempt_id)
        problems: list[Problem] = []
        checked = 0
        # An attempt marked finished whose result row is gone: deleted, not merely unfinished.
        orphans = (select(attempts.c.id, learners.c.name)
                   .join(learners, learners.c.id == attempts.c.learner_id)
                   .outerjoin(results, results.c.attempt_id == attempts.c.id)
                   .where(and_(attempts.c.finished_at.is_not(None), results.c.attempt_id.is_(None)))
                   .order_by(attempts.c.started_at, attempts.c.id))
        if code is not None:
            orphans = orphans.where(attempts.c.session_id == self.get_session(code).id)
        if attempt_id is not None:
            orphans = orphans.where(attempts.c.id == attempt_id)
        with self._guard(), self.engine.connect() as conn:
            rows = conn.execute(query).all()
            made = self._choices_by_attempt(conn, query)
            for row in rows:
                checked += 1
                problem = self._check(row, made.get(row.id, []), key, mine)
                if problem:
                    problems.append(Problem(row.id, row.learner, problem))
            for row in conn.execute(orphans):
                checked += 1
                problems.append(Problem(row.id, row.name, "DELETED: the attempt finished but its "
                                        "signed result has been removed from the database"))
        return checked, problems

    @staticmethod
    def _choices_by_attempt(conn: Connection, results_query) -> dict[str, list]:
        # One query for all the attempts being checked, not one per attempt.
        wanted = results_query.with_only_columns(attempts.c.id).order_by(None).scalar_subquery()
        made: dict[str, list] = {}
        for c in conn.execute(select(choices.c.attempt_id, *SIGNED_CHOICE_COLUMNS)
                              .where(choices.c.attempt_id.in_(wanted))
                              .order_by(choices.c.attempt_id, choices.c.seq)):
            made.setdefault(c.attempt_id, []).append(c)
        return made

    def _check(self, row, made: list, key: bytes, mine: str) -> str | None:
        if row.key_id != mine:
            return (f"signed on another install (key {row.key_id}, this one is {mine}); set "
                    "DOORSTEP_SECRET to that install's key to check it")
        try:
            stored = {"overall": row.overall, "passed": bool(row.passed), "pass_mark": row.pass_mark,
                      "scores": json.loads(row.result_scores), "ending_kind": row.ending_kind,
                      "route": json.loads(row.route)}
        except ValueError:
            return "TAMPERED: the stored result is not valid JSON"
        if row.finished_at is None:
            return "TAMPERED: a result exists for an attempt marked unfinished"
        if row.debrief is None:
            return "TAMPERED: the debrief was removed"
        payload = self._signed_payload(row, made, row.finished_at, stored, row.debrief, row.sig_version)
        if not signing.verify(payload, row.signature, key):
            return "TAMPERED: the result, its choices or its learner changed after it was signed"
        return None


def summarise(debrief: dict) -> dict:
    """The columns a report reads without parsing the debrief, copied from it: the verdict is
    the core's (Debrief.passed), never worked out again here.

    `debrief` is game.core.debrief.Debrief.to_dict(); competencies a scenario does not assess
    (score None) are left out.
    """
    overall = int(round(debrief.get("overall") or 0))
    ending = debrief.get("ending") or {}
    return {"overall": overall, "passed": debrief["passed"], "pass_mark": debrief["pass_mark"],
            "scores": {name: c["score"] for name, c in (debrief.get("competencies") or {}).items()
                       if c.get("score") is not None},
            "ending_kind": str(ending.get("kind", "")), "route": list(debrief.get("route") or [])}
