"""Backups of the whole database, and restoring them (``backup_database``,
``restore_database``; ``make backup`` / ``make restore``; README: Operations).

- SQLite: SQLite's online backup API, page by page, consistent while the site keeps
  serving and editors keep saving; the copy is an ordinary SQLite file.
- PostgreSQL: ``pg_dump --format=custom`` (compressed, restored by ``pg_restore``,
  which can also pick single tables out of it); restoring replaces the objects it holds
  (``--clean --if-exists``) in one transaction.

A backup is written beside its final name and renamed into place when complete, so a
failed run never leaves a file that looks like a backup.
"""

import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.db import connections

SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".dump"}


class BackupError(Exception):
    pass


def _pg_command(program, settings_dict, *args):
    """``program`` against the database of ``settings_dict``, password in the env."""
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command += [flag, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return [*command, *args], env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup_path(directory, vendor, now=None):
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return Path(directory) / f"letters-{stamp}{SUFFIX[vendor]}"


def database_backup(*, path, using="default"):
    """Write a complete copy of the database ``using`` to ``path``; return the path."""
    connection = connections[using]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
                (status,) = target.execute("PRAGMA integrity_check").fetchone()
                if status != "ok":
                    raise BackupError(
                        f"the copy fails SQLite's integrity check: {status}"
                    )
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            settings_dict = connection.settings_dict
            command, env = _pg_command(
                "pg_dump",
                settings_dict,
                "--format=custom",
                "--no-owner",
                "--file",
                str(partial),
                settings_dict["NAME"],
            )
            _run(command, env)
        else:
            raise BackupError(f"no backup for {connection.vendor} databases")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def database_restore(*, path, settings_dict):
    """Replace the contents of the database ``settings_dict`` describes with the
    backup at ``path`` (made by :func:`database_backup` from the same kind of
    database)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup")
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        if path.suffix != SUFFIX["sqlite"]:
            raise BackupError(f"{path}: not an SQLite backup ({SUFFIX['sqlite']})")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(settings_dict["NAME"], timeout=30)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    elif engine.endswith("postgresql"):
        if path.suffix != SUFFIX["postgresql"]:
            raise BackupError(f"{path}: not a pg_dump backup ({SUFFIX['postgresql']})")
        command, env = _pg_command(
            "pg_restore",
            settings_dict,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            settings_dict["NAME"],
            str(path),
        )
        _run(command, env)
    else:
        raise BackupError(f"no restore for {engine}")
