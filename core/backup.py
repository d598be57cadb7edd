"""Backup and restore of a whole instance: every row of every table and every uploaded file, in one zip archive.

The archive is portable between SQLite and PostgreSQL. Each table is streamed,
row by row, as JSON Lines (one JSON array of column values per row, in the
order the manifest names), so neither writing nor reading ever holds a whole
table in memory. Uploaded files are copied through the storage API, so they
come from and go back to whatever storage ``default`` is.

``manifest.json`` in the archive holds the format version, when it was made,
the migrations applied per app, every table with its columns and row count,
and every file with its size and SHA-256.

Content types and permissions are created by ``migrate`` itself and their ids
differ from one database to the next, so on restore they are matched by natural
key (``app_label``/``model``; content type and ``codename``), created if
missing, and every reference to them is translated. Every other row keeps its
primary key.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import os
import posixpath
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.utils import timezone
from django.utils.duration import duration_iso_string

FORMAT = "sprang-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
FILES_DIR = "media/"

#: Rows that ``migrate`` creates itself: matched on restore by these natural-key fields, not inserted.
MATCHED_BY_NATURAL_KEY = {
    "contenttypes.contenttype": ("app_label", "model"),
    "auth.permission": ("content_type_id", "codename"),
}

READ_CHUNK = 2000
INSERT_BATCH = 1000
COPY_CHUNK = 1024 * 1024

Out = Callable[[str], None]


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why and what to do."""


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    file_bytes: int
    seconds: float
    warnings: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    tables: int
    rows: int
    #: Of ``rows``, those ``migrate`` had created already (content types, permissions), matched by natural key.
    matched: int
    files: int
    files_already_present: int
    file_bytes: int
    seconds: float
    flushed: bool = False


#: Sent in the restore's transaction before any row is loaded, with ``using``: an app puts in place what its
#: rows need beyond its models' tables (idea search's table and triggers). PostgreSQL refuses to alter a
#: table with pending (deferred) foreign key checks, hence before the rows.
restore_starting = Signal()
#: Sent in the same transaction once every row is loaded and the sequences reset, with ``using``: an app
#: rebuilds what it derives from its rows (idea search's index), before the counts are checked.
restore_loaded = Signal()


# -- which tables, in which order ---------------------------------------------


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every table Django manages (including many-to-many tables), each after the tables it refers to.

    Foreign keys are deferred constraints on SQLite and PostgreSQL, so a cycle
    (or a self-reference) only needs every row in place by the end of the transaction.
    """
    candidates = {
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    }
    ordered: list[type[models.Model]] = []
    seen: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in seen:
            return
        seen.add(model)
        for f in model._meta.local_concrete_fields:
            target = f.related_model if f.is_relation else None
            if isinstance(target, type) and issubclass(target, models.Model):
                target = target._meta.concrete_model
                if target in candidates and target is not model:
                    visit(target)
        ordered.append(model)

    for model in sorted(candidates, key=_label):
        visit(model)
    return ordered


def _related_label(f: models.Field) -> str | None:
    """The label of the model a foreign key points to, or None for other fields."""
    target = f.related_model if f.is_relation else None
    return _label(target) if isinstance(target, type) and issubclass(target, models.Model) else None


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.local_concrete_fields)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The migrations applied in the database, per app, sorted by name."""
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def tables_with_rows(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The models that hold rows, leaving out those ``migrate`` fills itself."""
    return [
        _label(model)
        for model in backed_up_models()
        if _label(model) not in MATCHED_BY_NATURAL_KEY and model._base_manager.using(using).exists()
    ]


# -- values to and from JSON --------------------------------------------------


def _to_json(value: Any) -> Any:
    """Encode what JSON lacks without losing precision (Django's encoder cuts microseconds)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"Cannot put a value of type {type(value).__name__} in a backup.")


def _dumps(value: Any) -> str:
    return json.dumps(value, default=_to_json, ensure_ascii=False, separators=(",", ":"))


# -- storage ------------------------------------------------------------------


def storage_files(storage: Storage) -> Iterator[str]:
    """Every file name in the storage, walked through its API, in a stable order."""

    def walk(path: str) -> Iterator[str]:
        try:
            dirs, files = storage.listdir(path)
        except FileNotFoundError:
            return
        for name in sorted(files):
            yield posixpath.join(path, name) if path else name
        for name in sorted(dirs):
            yield from walk(posixpath.join(path, name) if path else name)

    yield from walk("")


def _sha256_of(fh) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := fh.read(COPY_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _stored_hash(storage: Storage, name: str) -> str:
    with storage.open(name, "rb") as fh:
        return _sha256_of(fh)[0]


# -- backup -------------------------------------------------------------------


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """Read every table from one consistent snapshot without blocking the people using the site."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        # A deferred transaction reads one snapshot (WAL) and, unlike Django's
        # IMMEDIATE transactions, does not hold the write lock meanwhile.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=using):
        yield


def backup_create(
    *,
    path: Path,
    using: str = DEFAULT_DB_ALIAS,
    storage: Storage | None = None,
    overwrite: bool = False,
    out: Out | None = None,
) -> BackupResult:
    """Write every row of every table and every stored file to a zip archive at ``path``.

    The archive is written under a temporary name and renamed when complete, so
    ``path`` never holds half a backup.
    """
    started = time.monotonic()
    storage = storage or default_storage
    out = out or (lambda message: None)
    path = Path(path)
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists. Choose another name, or pass --overwrite to replace it.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    connection = connections[using]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "django_version": django.get_version(),
        "database_vendor": connection.vendor,
        "natural_keys": {label: list(fields) for label, fields in MATCHED_BY_NATURAL_KEY.items()},
        "migrations": {},
        "tables": [],
        "files": [],
        "warnings": [],
    }
    referenced_files: set[str] = set()
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            with _snapshot(using):
                manifest["migrations"] = applied_migrations(using)
                for model in backed_up_models():
                    manifest["tables"].append(_dump_table(archive, model, using, referenced_files))
                    out(f"{_label(model)}: {manifest['tables'][-1]['rows']} rows")
            # Files after the rows: a file is saved before its row, so every row read above has its file by now.
            for name in storage_files(storage):
                manifest["files"].append(_dump_file(archive, storage, name))
            stored = {entry["name"] for entry in manifest["files"]}
            manifest["warnings"] = [
                f"The file {name} is referenced in the database but missing from the storage."
                for name in sorted(referenced_files - stored)
            ]
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return BackupResult(
        path=path,
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        files=len(manifest["files"]),
        file_bytes=sum(f["size"] for f in manifest["files"]),
        seconds=time.monotonic() - started,
        warnings=manifest["warnings"],
    )


def _dump_table(
    archive: zipfile.ZipFile, model: type[models.Model], using: str, referenced_files: set[str]
) -> dict[str, Any]:
    label = _label(model)
    columns = _columns(model)
    attnames = [f.attname for f in columns]
    file_positions = [i for i, f in enumerate(columns) if isinstance(f, models.FileField)]
    member = f"{DATA_DIR}{label}.jsonl"
    rows = 0
    queryset = model._base_manager.using(using).order_by("pk").values_list(*attnames)
    with io.TextIOWrapper(archive.open(member, "w", force_zip64=True), encoding="utf-8", newline="\n") as stream:
        for row in queryset.iterator(chunk_size=READ_CHUNK):
            stream.write(_dumps(row))
            stream.write("\n")
            rows += 1
            for i in file_positions:
                if row[i]:
                    referenced_files.add(row[i])
    return {"model": label, "table": model._meta.db_table, "columns": attnames, "rows": rows, "member": member}


def _dump_file(archive: zipfile.ZipFile, storage: Storage, name: str) -> dict[str, Any]:
    member = FILES_DIR + name
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as source, archive.open(member, "w", force_zip64=True) as target:
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return {"name": name, "size": size, "sha256": digest.hexdigest(), "member": member}


# -- restore ------------------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as exc:
        raise BackupError("The archive has no manifest.json; it is not a Språng backup.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("The archive is not a Språng backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive is in backup format {manifest.get('format_version')}; "
            f"this version of Språng reads format {FORMAT_VERSION}."
        )
    return manifest


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise BackupError(f"{path} does not exist.") from exc
    except zipfile.BadZipFile as exc:
        raise BackupError(f"{path} is not a backup archive (not a zip file).") from exc


def check_compatible(manifest: dict[str, Any], using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse an archive made at another point of the migrations, or with tables this code does not know."""
    here = applied_migrations(using)
    there: dict[str, list[str]] = manifest["migrations"]
    problems = []
    for app in sorted(set(here) | set(there)):
        missing = sorted(set(there.get(app, [])) - set(here.get(app, [])))
        extra = sorted(set(here.get(app, [])) - set(there.get(app, [])))
        if missing:
            problems.append(f"{app}: the archive has {', '.join(missing)}, not applied in this database")
        if extra:
            problems.append(f"{app}: this database has {', '.join(extra)}, which the archive predates")
    if problems:
        raise BackupError(
            "The database's migrations differ from the archive's. Migrate this database to the archive's "
            "state (manage.py migrate APP MIGRATION), or run the Språng version the backup came from.\n  "
            + "\n  ".join(problems)
        )
    known = {_label(m): m for m in backed_up_models()}
    for table in manifest["tables"]:
        model = known.get(table["model"])
        if model is None:
            raise BackupError(f"The archive holds the table {table['model']}, which this installation does not have.")
        expected = sorted(f.attname for f in _columns(model))
        if sorted(table["columns"]) != expected:
            raise BackupError(
                f"The columns of {table['model']} in the archive ({', '.join(table['columns'])}) "
                f"differ from this installation's ({', '.join(expected)})."
            )


def restore(
    *,
    path: Path,
    using: str = DEFAULT_DB_ALIAS,
    storage: Storage | None = None,
    force: bool = False,
    confirm: Callable[[list[str]], bool] | None = None,
    out: Out | None = None,
) -> RestoreResult:
    """Load an archive written by ``backup_create`` into an empty, migrated database and the storage.

    Refuses a database that already holds data, and stored files with the
    archive's names but other content, unless ``force``: then, once ``confirm``
    (given what is to be replaced) agrees, the database is flushed in the same
    transaction as the load and those files are overwritten. Rows, the sequence
    reset and the check of every count and file hash happen in one transaction;
    if anything fails, no row is kept and the files written so far are deleted
    (files overwritten under ``force`` are not brought back).
    """
    started = time.monotonic()
    storage = storage or default_storage
    out = out or (lambda message: None)
    with _open_archive(Path(path)) as archive:
        manifest = read_manifest(archive)
        check_compatible(manifest, using)
        occupied = tables_with_rows(using)
        if occupied and not force:
            raise BackupError(
                f"The database already holds data ({', '.join(occupied[:6])}{', …' if len(occupied) > 6 else ''}). "
                "Restore into an empty database (created and migrated, nothing else), "
                "or pass --force to delete everything in it first."
            )
        present, conflicts = _existing_files(storage, manifest["files"])
        if conflicts and not force:
            raise BackupError(
                f"{len(conflicts)} file(s) in the storage have the names of files in the archive but other content "
                f"(for example {conflicts[0]}). Empty the storage, or pass --force to overwrite them."
            )
        if (occupied or conflicts) and confirm is not None:
            doomed = [f"{label} (every row)" for label in occupied]
            doomed += [f"{name} (file in the storage)" for name in conflicts]
            if not confirm(doomed):
                raise BackupError("Restore cancelled; nothing was changed.")
        written: list[str] = []
        try:
            with transaction.atomic(using=using):
                if occupied:
                    call_command("flush", interactive=False, database=using, verbosity=0)
                restore_starting.send(sender=None, using=using)
                rows, matched = _load_tables(archive, manifest, using, out)
                _reset_sequences(manifest, using)
                restore_loaded.send(sender=None, using=using)
                _verify_counts(manifest, using)
                file_bytes = _restore_files(archive, storage, manifest["files"], present, conflicts, written, out)
        except BaseException as exc:
            for name in written:
                storage.delete(name)
            if isinstance(exc, zipfile.BadZipFile | KeyError | ValueError):
                raise BackupError(f"The archive is damaged or incomplete ({exc!r}); nothing was restored.") from exc
            if isinstance(exc, DatabaseError):
                raise BackupError(f"The database refused the archive's rows ({exc}); nothing was restored.") from exc
            raise
        finally:
            from django.contrib.contenttypes.models import ContentType

            ContentType.objects.clear_cache()
    return RestoreResult(
        tables=len(manifest["tables"]),
        rows=rows,
        matched=matched,
        files=len(manifest["files"]),
        files_already_present=len(present),
        file_bytes=file_bytes,
        seconds=time.monotonic() - started,
        flushed=bool(occupied),
    )


def _existing_files(storage: Storage, files: list[dict[str, Any]]) -> tuple[set[str], list[str]]:
    """Files of the archive already in the storage: those with the same content, and those with other content."""
    present: set[str] = set()
    conflicts: list[str] = []
    for entry in files:
        if storage.exists(entry["name"]):
            if _stored_hash(storage, entry["name"]) == entry["sha256"]:
                present.add(entry["name"])
            else:
                conflicts.append(entry["name"])
    return present, conflicts


def _rows(archive: zipfile.ZipFile, member: str) -> Iterator[list[Any]]:
    with io.TextIOWrapper(archive.open(member), encoding="utf-8", newline="\n") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


#: Fields whose JSON value (str, int, bool) is already what either database takes. Exact classes only:
#: a subclass may convert its values, so it goes through ``to_python`` and ``get_db_prep_save``.
_PLAIN_FIELDS = frozenset(
    {
        models.AutoField,
        models.BigAutoField,
        models.SmallAutoField,
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.PositiveSmallIntegerField,
        models.BooleanField,
        models.CharField,
        models.TextField,
        models.EmailField,
        models.SlugField,
        models.URLField,
    }
)


def _is_plain(f: models.Field) -> bool:
    if isinstance(f, models.ForeignKey) and type(f) in (models.ForeignKey, models.OneToOneField):
        return type(f.target_field) in _PLAIN_FIELDS
    return type(f) in _PLAIN_FIELDS


def _converter(f: models.Field, connection, id_map: dict[Any, Any] | None) -> Callable[[Any], Any] | None:
    """How an archived value becomes a database value: None when it already is one."""
    plain = _is_plain(f)
    if plain and id_map is None:
        return None

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if id_map is not None:
            value = id_map[value]
        return value if plain else f.get_db_prep_save(f.to_python(value), connection)

    return convert


def _load_tables(archive: zipfile.ZipFile, manifest: dict[str, Any], using: str, out: Out) -> tuple[int, int]:
    """Insert every table's rows; return how many rows were loaded, and how many of them were matched."""
    connection = connections[using]
    id_maps: dict[str, dict[Any, Any]] = {}
    total = matched = 0
    for table in manifest["tables"]:
        model = apps.get_model(table["model"])
        by_attname = {f.attname: f for f in _columns(model)}
        fields = [by_attname[name] for name in table["columns"]]
        label = table["model"]
        if label in MATCHED_BY_NATURAL_KEY:
            id_maps[label] = _match_natural_keys(archive, table, model, fields, id_maps, using)
            total += len(id_maps[label])
            matched += len(id_maps[label])
            out(f"{label}: {len(id_maps[label])} rows matched by natural key")
            continue
        converters = [_converter(f, connection, id_maps.get(_related_label(f) or "")) for f in fields]
        insert = _Inserter(connection, model._meta.db_table, [str(f.column) for f in fields])
        count = 0
        batch: list[list[Any]] = []
        with connection.cursor() as cursor:
            for row in _rows(archive, table["member"]):
                batch.append([v if c is None else c(v) for c, v in zip(converters, row, strict=True)])
                if len(batch) == insert.rows_per_batch:
                    insert(cursor, batch)
                    count += len(batch)
                    batch = []
            if batch:
                insert(cursor, batch)
                count += len(batch)
        if count != table["rows"]:
            raise BackupError(f"{label}: the archive's data has {count} rows, its manifest {table['rows']}.")
        total += count
        out(f"{label}: {count} rows")
    return total, matched


class _Inserter:
    """Inserts batches of rows: ``COPY`` on PostgreSQL (one stream per batch), ``executemany`` elsewhere."""

    rows_per_batch = INSERT_BATCH

    def __init__(self, connection, table: str, columns: list[str]) -> None:
        qn = connection.ops.quote_name
        names = ", ".join(qn(c) for c in columns)
        self.copy = connection.vendor == "postgresql"
        # Names come from the models; values are bound parameters or streamed by the driver.
        self.sql = (
            f"COPY {qn(table)} ({names}) FROM STDIN"
            if self.copy
            else f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        )

    def __call__(self, cursor, rows: list[list[Any]]) -> None:
        if self.copy:
            with cursor.cursor.copy(self.sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(self.sql, rows)


def _match_natural_keys(
    archive: zipfile.ZipFile,
    table: dict[str, Any],
    model: type[models.Model],
    fields: list[models.Field],
    id_maps: dict[str, dict[Any, Any]],
    using: str,
) -> dict[Any, Any]:
    """Find (or create) each archived row by its natural key; map the archive's id to this database's."""
    key_fields = MATCHED_BY_NATURAL_KEY[table["model"]]
    pk_name = model._meta.pk.attname
    mapping: dict[Any, Any] = {}
    manager = model._base_manager.db_manager(using)
    for row in _rows(archive, table["member"]):
        values = {}
        for f, value in zip(fields, row, strict=True):
            target = _related_label(f)
            if target in id_maps and value is not None:
                value = id_maps[target][value]
            values[f.attname] = value
        lookup = {name: values[name] for name in key_fields}
        defaults = {k: v for k, v in values.items() if k != pk_name and k not in key_fields}
        obj, _created = manager.get_or_create(**lookup, defaults=defaults)
        mapping[values[pk_name]] = obj.pk
    if len(mapping) != table["rows"]:
        raise BackupError(
            f"{table['model']}: the archive's data has {len(mapping)} rows, its manifest {table['rows']}."
        )
    return mapping


def _reset_sequences(manifest: dict[str, Any], using: str) -> None:
    """Let new rows get fresh ids after rows were inserted with theirs (PostgreSQL; SQLite keeps up by itself)."""
    connection = connections[using]
    loaded = [apps.get_model(t["model"]) for t in manifest["tables"] if t["model"] not in MATCHED_BY_NATURAL_KEY]
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _verify_counts(manifest: dict[str, Any], using: str) -> None:
    wrong = []
    for table in manifest["tables"]:
        if table["model"] in MATCHED_BY_NATURAL_KEY:
            continue
        count = apps.get_model(table["model"])._base_manager.using(using).count()
        if count != table["rows"]:
            wrong.append(f"{table['model']}: {count} rows, the archive has {table['rows']}")
    if wrong:
        raise BackupError("After loading, the row counts differ from the archive's:\n  " + "\n  ".join(wrong))


def _restore_files(
    archive: zipfile.ZipFile,
    storage: Storage,
    files: list[dict[str, Any]],
    present: set[str],
    conflicts: list[str],
    written: list[str],
    out: Out,
) -> int:
    total = 0
    for entry in files:
        name = entry["name"]
        total += entry["size"]
        if name in present:
            continue
        if name in conflicts:
            storage.delete(name)
        with archive.open(entry["member"]) as source:
            content = File(source, name=posixpath.basename(name))
            content.size = entry["size"]
            saved = storage.save(name, content)
        written.append(saved)
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; restore into an empty storage.")
    wrong = [entry["name"] for entry in files if _stored_hash(storage, entry["name"]) != entry["sha256"]]
    if wrong:
        raise BackupError(
            f"{len(wrong)} restored file(s) differ from the archive (SHA-256), for example {wrong[0]}; nothing was kept."
        )
    out(f"{len(files)} files ({len(files) - len(present)} written), hashes checked")
    return total
