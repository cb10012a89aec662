"""What the server adds to the results store: pinned scenario sources, one attempt per learner
per scenario, trainer accounts, the audit log and the join throttle.

Everything here is in the database, never in a process, so several server processes behind a
load balancer share one PostgreSQL and agree on every limit.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, insert, select, update

from game.storage.errors import StoreError
from game.storage.safetext import refuse_unsafe
from game.clock import now_iso
from game.storage.schema import (attempt_slots, attempts, audit_log, choices, learners,
                                 scenario_sources, sessions, throttle, trainers)
from game.storage.store import Attempt, ChoiceRecord, SessionInfo, Store, _dumps, name_key

ROLES = ("trainer", "manager")


@dataclass(frozen=True, kw_only=True)
class Trainer:
    id: int
    username: str
    display_name: str
    role: str  # 'trainer' manages their own sessions; 'manager' reads every report
    password_hash: str
    disabled: bool


@dataclass(frozen=True, kw_only=True)
class Enrolled:
    """A learner admitted to a session: their row id and the nonce their token must carry."""
    session: SessionInfo
    learner_id: int
    learner: str
    nonce: str


@dataclass(frozen=True, kw_only=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    session_code: str | None
    detail: str


class NameTaken(StoreError):
    """The name has already joined this session from another browser or machine."""


class HostedStore(Store):
    """The store as the server uses it."""

    def ping(self) -> None:
        """StoreError unless the database answers."""
        with self._guard(), self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    # -- scenario sources ---------------------------------------------------------------------

    def save_bundle(self, bundle_hash: str, scenario_id: str, source_hash: str, bundle: dict) -> None:
        """Keep a scenario's text (main file and includes) under its hash; a repeat is harmless."""
        with self._write() as conn:
            conn.execute(self._insert_ignoring_duplicates(scenario_sources).values(
                bundle_hash=bundle_hash, scenario_id=scenario_id, source_hash=source_hash,
                bundle=json.dumps(bundle, sort_keys=True, ensure_ascii=False), created_at=now_iso()))

    def bundle(self, bundle_hash: str) -> dict | None:
        with self._guard(), self.engine.connect() as conn:
            text = conn.execute(select(scenario_sources.c.bundle)
                                .where(scenario_sources.c.bundle_hash == bundle_hash)).scalar()
        return json.loads(text) if text else None

    # -- sessions -----------------------------------------------------------------------------

    def session_owner(self, code: str) -> int | None:
        return self._session_row(code).owner_id if self._session_row(code) else None

    def set_owner(self, code: str, owner_id: int) -> None:
        with self._write() as conn:
            conn.execute(update(sessions).where(sessions.c.code == code).values(owner_id=owner_id))

    def sessions_of(self, owner_id: int | None) -> list[SessionInfo]:
        """The sessions a trainer made (None: every session, for a manager), newest first."""
        query = select(sessions).order_by(sessions.c.created_at.desc(), sessions.c.id.desc())
        if owner_id is not None:
            query = query.where(sessions.c.owner_id == owner_id)
        with self._guard(), self.engine.connect() as conn:
            return [self._session_info(r) for r in conn.execute(query)]

    def progress(self, code: str) -> dict[str, int]:
        """Live counts for the dashboard: learners, started, finished, withdrawn, passed."""
        session = self.get_session(code)
        from game.storage.schema import results
        with self._guard(), self.engine.connect() as conn:
            people = conn.execute(select(func.count()).where(learners.c.session_id == session.id)).scalar()
            started = conn.execute(select(func.count()).where(attempts.c.session_id == session.id)).scalar()
            finished = conn.execute(select(func.count()).where(and_(
                attempts.c.session_id == session.id, attempts.c.finished_at.is_not(None)))).scalar()
            withdrawn = conn.execute(select(func.count()).where(and_(
                attempts.c.session_id == session.id, attempts.c.finished_at.is_(None),
                attempts.c.withdrawn_at.is_not(None)))).scalar()
            passed = conn.execute(select(func.count()).select_from(results).where(
                and_(results.c.session_id == session.id, results.c.passed.is_(True)))).scalar()
        return {"learners": people, "started": started, "finished": finished,
                "withdrawn": withdrawn, "passed": passed}

    # -- learners -----------------------------------------------------------------------------

    def enrol(self, code: str, name: str, nonce: str | None) -> Enrolled:
        """Admit a learner by name. A name already admitted is accepted again only with the nonce
        its first token carried (the same browser, or the desktop client's saved token)."""
        session = self.get_session(code)
        clean = " ".join(refuse_unsafe(name, "learner name").split())
        if not clean:
            raise StoreError("A learner name is needed.", "Type your name or staff ID.")
        key = name_key(clean)
        fresh = secrets.token_hex(12)
        with self._write() as conn:
            conn.execute(self._insert_ignoring_duplicates(learners).values(
                session_id=session.id, name=clean, name_key=key, created_at=now_iso(), join_nonce=fresh))
            row = conn.execute(select(learners.c.id, learners.c.name, learners.c.join_nonce).where(
                and_(learners.c.session_id == session.id, learners.c.name_key == key))).one()
            if row.join_nonce is None:  # made on the command line, or the trainer allowed a rejoin
                conn.execute(update(learners).where(learners.c.id == row.id).values(join_nonce=fresh))
                return Enrolled(session=session, learner_id=row.id, learner=row.name, nonce=fresh)
        if row.join_nonce != fresh and not (nonce and secrets.compare_digest(nonce, row.join_nonce)):
            raise NameTaken(f"Someone called {row.name} has already joined session {session.code}.",
                             "If that was you on another computer, ask your trainer to let you "
                             "rejoin; otherwise add your surname or staff ID.")
        return Enrolled(session=session, learner_id=row.id, learner=row.name, nonce=row.join_nonce)

    def learner_nonce(self, learner_id: int) -> str | None:
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(select(learners.c.join_nonce).where(learners.c.id == learner_id)).scalar()

    def learner_name(self, learner_id: int) -> str:
        with self._guard(), self.engine.connect() as conn:
            return conn.execute(select(learners.c.name).where(learners.c.id == learner_id)).scalar() or ""

    def allow_rejoin(self, code: str, learner: str) -> bool:
        """Let this learner join again from another machine (their old token stops working)."""
        session = self.get_session(code)
        with self._write() as conn:
            done = conn.execute(update(learners).where(and_(
                learners.c.session_id == session.id, learners.c.name_key == name_key(learner)))
                .values(join_nonce=None))
        return done.rowcount > 0

    def claim_attempt(self, enrolled: Enrolled, scenario_id: str, source_hash: str) -> Attempt:
        """The learner's one attempt at this scenario: made now, or the one they already have
        (finished or not). Two tabs or two machines racing both get the same attempt: the
        database's primary key on (learner, scenario) lets only one INSERT in."""
        from game.storage import codes
        session = enrolled.session
        if scenario_id not in {s.id for s in session.scenarios}:
            raise StoreError(f"Session {session.code} does not assess '{scenario_id}'.")
        with self._write() as conn:
            held = conn.execute(select(attempt_slots.c.attempt_id).where(and_(
                attempt_slots.c.learner_id == enrolled.learner_id,
                attempt_slots.c.scenario_id == scenario_id))).scalar()
            if held is None:
                if not session.is_open:
                    raise StoreError(f"Session {session.code} ({session.name}) is closed.",
                                     "Ask your trainer for the code of an open session.")
                attempt_id = codes.new_attempt_id()
                conn.execute(insert(attempts).values(
                    id=attempt_id, session_id=session.id, learner_id=enrolled.learner_id,
                    scenario_id=scenario_id, source_hash=source_hash, started_at=now_iso()))
                conn.execute(insert(attempt_slots).values(
                    learner_id=enrolled.learner_id, scenario_id=scenario_id, attempt_id=attempt_id))
                held = attempt_id
        return self.get_attempt(held)

    def resume_attempt(self, attempt_id: str) -> None:
        """A withdrawn attempt is in progress again (its choices were never lost)."""
        with self._write() as conn:
            conn.execute(update(attempts).where(and_(attempts.c.id == attempt_id,
                                                     attempts.c.finished_at.is_(None)))
                         .values(withdrawn_at=None))

    def attempt_context(self, attempt_id: str) -> tuple[Attempt, int, str | None] | None:
        """(attempt, learner id, the learner's join nonce) in one query, or None."""
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(
                select(attempts, learners.c.name.label("learner"), learners.c.join_nonce, sessions.c.code)
                .join(learners, learners.c.id == attempts.c.learner_id)
                .join(sessions, sessions.c.id == attempts.c.session_id)
                .where(attempts.c.id == attempt_id)).first()
        if row is None:
            return None
        attempt = Attempt(row.id, row.code, row.learner, row.scenario_id, row.started_at,
                          row.finished_at, row.state, row.withdrawn_at)
        return attempt, row.learner_id, row.join_nonce

    def record_choice(self, attempt_id: str, record: ChoiceRecord, state: str) -> list[ChoiceRecord]:
        """Store one choice (kept if that seq is stored already) and the play state; the
        attempt's choices as stored afterwards, read in the same transaction."""
        with self._write() as conn:
            owner = conn.execute(select(attempts.c.session_id, attempts.c.scenario_id)
                                 .where(attempts.c.id == attempt_id)).one()
            conn.execute(self._insert_ignoring_duplicates(choices).values(
                attempt_id=attempt_id, seq=record.seq, session_id=owner.session_id,
                scenario_id=owner.scenario_id, node_id=record.node_id, choice_id=record.choice_id,
                choice_text=record.choice_text, scores=_dumps(record.scores), at=record.at))
            conn.execute(update(attempts).where(and_(attempts.c.id == attempt_id,
                                                     attempts.c.finished_at.is_(None))).values(state=state))
            rows = conn.execute(select(choices).where(choices.c.attempt_id == attempt_id)
                                .order_by(choices.c.seq)).all()
        return [ChoiceRecord(r.seq, r.node_id, r.choice_id, r.choice_text, json.loads(r.scores), r.at)
                for r in rows]

    def attempts_of(self, learner_id: int) -> dict[str, Attempt]:
        """The learner's attempts by scenario id."""
        with self._guard(), self.engine.connect() as conn:
            ids = conn.execute(select(attempt_slots.c.attempt_id)
                               .where(attempt_slots.c.learner_id == learner_id)).scalars().all()
        found = [self.get_attempt(i) for i in ids]
        return {a.scenario_id: a for a in found}

    # -- trainers -----------------------------------------------------------------------------

    def add_trainer(self, username: str, display_name: str, password_hash: str, role: str) -> Trainer:
        if role not in ROLES:
            raise StoreError(f"A role is {' or '.join(ROLES)}, not '{role}'.")
        user = username.strip().casefold()
        if not user:
            raise StoreError("A user name is needed.")
        try:
            with self._write() as conn:
                conn.execute(insert(trainers).values(
                    username=user, display_name=display_name.strip() or user,
                    password_hash=password_hash, role=role, created_at=now_iso()))
        except StoreError:
            if self.trainer(user) is not None:
                raise StoreError(f"There is already an account called '{user}'.",
                                 "Pick another user name, or use --reset-password.") from None
            raise
        return self.trainer(user)

    def set_password(self, username: str, password_hash: str) -> bool:
        with self._write() as conn:
            done = conn.execute(update(trainers).where(trainers.c.username == username.strip().casefold())
                                .values(password_hash=password_hash))
        return done.rowcount > 0

    def trainer(self, username: str) -> Trainer | None:
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(select(trainers).where(trainers.c.username == username.strip().casefold())).first()
        return self._trainer(row)

    def trainer_by_id(self, trainer_id: int) -> Trainer | None:
        with self._guard(), self.engine.connect() as conn:
            return self._trainer(conn.execute(select(trainers).where(trainers.c.id == trainer_id)).first())

    def list_trainers(self) -> list[Trainer]:
        with self._guard(), self.engine.connect() as conn:
            return [self._trainer(r) for r in conn.execute(select(trainers).order_by(trainers.c.username))]

    @staticmethod
    def _trainer(row) -> Trainer | None:
        if row is None:
            return None
        return Trainer(id=row.id, username=row.username, display_name=row.display_name, role=row.role,
                       password_hash=row.password_hash, disabled=row.disabled_at is not None)

    # -- audit log ----------------------------------------------------------------------------

    def audit(self, actor: str, action: str, session_code: str | None = None, detail: str = "") -> None:
        with self._write() as conn:
            conn.execute(insert(audit_log).values(at=now_iso(), actor=actor, action=action,
                                                  session_code=session_code, detail=detail))

    def audit_entries(self, session_code: str | None = None, limit: int = 200) -> list[AuditEntry]:
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if session_code is not None:
            query = query.where(audit_log.c.session_code == session_code)
        with self._guard(), self.engine.connect() as conn:
            return [AuditEntry(at=r.at, actor=r.actor, action=r.action, session_code=r.session_code,
                               detail=r.detail) for r in conn.execute(query)]

    # -- throttle -----------------------------------------------------------------------------

    def throttled(self, bucket: str, now: int, window: int, limit: int) -> bool:
        """True when `bucket` already has `limit` failures in the last `window` seconds."""
        with self._guard(), self.engine.connect() as conn:
            n = conn.execute(select(func.count()).where(and_(
                throttle.c.bucket == bucket, throttle.c.at > now - window))).scalar()
        return n >= limit

    def count_failure(self, bucket: str, now: int, window: int) -> None:
        with self._write() as conn:
            conn.execute(insert(throttle).values(bucket=bucket, at=now))
            conn.execute(delete(throttle).where(throttle.c.at <= now - window))
