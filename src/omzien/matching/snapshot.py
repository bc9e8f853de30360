"""An engine's arrays as files: written once by a builder, mapped read-only by every process.

A snapshot is a directory of NumPy ``.npy`` files (one per column, the text indexes as flat
arrays) and ``meta.json``, named by its version under a root directory. ``current`` is a
symbolic link to the newest version, replaced atomically (``os.replace``), so a reader sees the
old snapshot or the new one, never half of one. Readers map the files with
``np.load(mmap_mode="r")``: the operating system keeps one copy in its page cache for every
process of the host, and a process only pays for the pages it touches. A process that still
maps an older version keeps it after it is deleted (the files stay until it lets go).
"""

import json
import os
import shutil
import time
from pathlib import Path

import numpy as np

from omzien.matching.engine import (
    VACANCY_COLUMNS,
    VACANCY_TEXTS,
    VOLUNTEER_COLUMNS,
    VOLUNTEER_TEXTS,
    Base,
    Engine,
    MappedStore,
    MappedTermIndex,
)
from omzien.matching.scoring import Tables

FORMAT = 2  # 2: volunteers ordered by locality and travel distance, with an index by id
CURRENT = "current"
KEEP = 2  # versions kept on disk: the current one and the one before
# Whose slots are written ordered by locality and travel distance (``_order``): the
# volunteers, so a query for a vacancy reads only those near enough; vacancies stay by id.
BY_LOCALITY = {"vol": True, "vac": False}


def _save(directory: Path, name: str, array: np.ndarray) -> None:
    np.save(directory / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)


def _order(store, by_locality: bool) -> np.ndarray:
    """The store's slots in the order they are written: by id; or (``by_locality``) by
    locality, then by travel distance, farthest first (an unknown distance first: nothing is
    too far for it), then by id, so a query for a vacancy reads only, of each locality, the
    first slots of its run (``kernel.near_enough``)."""
    ids = store.view("id")
    if not by_locality:
        return np.argsort(ids, kind="stable")
    travel = store.view("travel")
    farthest_first = np.where(np.isnan(travel), -np.inf, -travel)
    return np.lexsort((ids, farthest_first, store.view("locality")))


def _write_store(directory: Path, prefix: str, store, columns: dict) -> int:
    n = store.n
    order = _order(store, BY_LOCALITY[prefix])
    for name in columns:
        _save(directory, f"{prefix}.{name}", store.view(name)[order])
    written_ids = store.view("id")[order]
    by_id = np.argsort(written_ids, kind="stable")  # written slots by id
    _save(directory, f"{prefix}.by_id", by_id)
    _save(directory, f"{prefix}.sorted_ids", written_ids[by_id])
    new_slot = np.empty(n, dtype=np.int64)
    new_slot[order] = np.arange(n)
    for text, index in store.texts.items():
        terms = sorted(term for term, slots in index.postings.items() if slots)
        term_id = {term: i for i, term in enumerate(terms)}
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        postings = []
        for i, term in enumerate(terms):
            slots = np.sort(new_slot[np.fromiter(index.postings[term], dtype=np.int64)])
            postings.append(slots)
            offsets[i + 1] = offsets[i] + len(slots)
        stem_offsets = np.zeros(n + 1, dtype=np.int64)
        stems = []
        for j, old in enumerate(order.tolist()):
            ids = sorted(term_id[term] for term in index.terms_at(old))
            stems.extend(ids)
            stem_offsets[j + 1] = stem_offsets[j] + len(ids)
        _save(directory, f"{prefix}.{text}.terms", np.array(terms, dtype=str))
        _save(directory, f"{prefix}.{text}.offsets", offsets)
        _save(
            directory,
            f"{prefix}.{text}.postings",
            np.concatenate(postings).astype(np.int32) if postings else np.zeros(0, np.int32),
        )
        _save(directory, f"{prefix}.{text}.stem_offsets", stem_offsets)
        _save(directory, f"{prefix}.{text}.stems", np.array(stems, dtype=np.int32))
    return n


def write(engine: Engine, root: Path, meta: dict) -> str:
    """Write a snapshot of ``engine`` (built in this process, no base) under ``root``, make it
    the current one and return its version. ``meta`` is kept with it (``load`` returns it)."""
    if engine.has_base:
        raise ValueError("Only an engine built in this process can be written.")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    version = f"{time.time_ns()}-{os.getpid()}"
    work = root / f".{version}.tmp"
    work.mkdir()
    volunteers = _write_store(work, "vol", engine._vol.overlay, VOLUNTEER_COLUMNS)
    vacancies = _write_store(work, "vac", engine._vac.overlay, VACANCY_COLUMNS)
    _save(work, "km", engine._km)
    _save(work, "proximity", engine._proximity)
    _save(work, "tables.km", engine.tables.km)
    info = {
        **meta,
        "format": FORMAT,
        "version": version,
        "domain_bit": engine.domain_bit,
        "volunteers": volunteers,
        "vacancies": vacancies,
    }
    (work / "meta.json").write_text(json.dumps(info), encoding="utf-8")
    os.rename(work, root / version)
    link = root / f".{CURRENT}.{version}"
    os.symlink(version, link)
    os.replace(link, root / CURRENT)
    _prune(root, version)
    return version


def _prune(root: Path, current: str) -> None:
    versions = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and p.name[0] != "."),
        key=lambda p: p.name,
    )
    for old in versions[:-KEEP]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in root.glob(".*.tmp"):  # a builder that died half-way
        if time.time() - leftover.stat().st_mtime > 3600:
            shutil.rmtree(leftover, ignore_errors=True)


def current_version(root: Path) -> str | None:
    """The current snapshot's version (one system call), or None when there is none."""
    try:
        return os.readlink(Path(root) / CURRENT)
    except OSError:
        return None


def _mapped(path: Path) -> np.ndarray:
    """The file's array, mapped read-only, as a plain ndarray (``np.memmap``'s own indexing
    costs more than the queries' arithmetic)."""
    return np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)


def _load_store(directory: Path, prefix: str, columns: dict, texts) -> MappedStore:
    def mapped(name: str) -> np.ndarray:
        return _mapped(directory / f"{prefix}.{name}.npy")

    return MappedStore(
        {name: mapped(name) for name in columns},
        mapped("sorted_ids"),
        mapped("by_id"),
        BY_LOCALITY[prefix],
        {
            text: MappedTermIndex(
                mapped(f"{text}.terms"),
                mapped(f"{text}.offsets"),
                mapped(f"{text}.postings"),
                mapped(f"{text}.stem_offsets"),
                mapped(f"{text}.stems"),
            )
            for text in texts
        },
    )


def load(root: Path, version: str | None = None) -> tuple[Engine, dict] | None:
    """An engine on the current (or the given) snapshot, and the snapshot's ``meta``; None
    when there is none or it was written in another format."""
    root = Path(root)
    version = version or current_version(root)
    if version is None:
        return None
    directory = root / version
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("format") != FORMAT:
        return None
    base = Base(
        volunteers=_load_store(directory, "vol", VOLUNTEER_COLUMNS, VOLUNTEER_TEXTS),
        vacancies=_load_store(directory, "vac", VACANCY_COLUMNS, VACANCY_TEXTS),
        domain_bit=meta["domain_bit"],
        km=_mapped(directory / "km.npy"),
        proximity=_mapped(directory / "proximity.npy"),
    )
    tables = Tables(_mapped(directory / "tables.km.npy"))
    return Engine(tables, base), meta
