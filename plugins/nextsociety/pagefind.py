"""Running Pagefind over a build's pages, and making its search bundle byte-reproducible. No MkDocs.

Pagefind 1.5.2 (the latest on PyPI) writes three things in hash-map order, which changes from
run to run: the languages of `pagefind-entry.json`, the values inside each filter chunk
(`filter/<lang>_<hash>.pf_filter`) and the list of filter chunks in each language's metadata
(`pagefind.<lang>_<hash>.pf_meta`). Chunk names are content hashes, so the names change too,
and with them the metadata file and the entry. `canonicalize_bundle` rewrites exactly these
files in sorted order, named the way Pagefind names them (the SHA-1 of the CBOR content, as
its later sources do once sorted); word indexes and fragments are already stable.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nextsociety.render.text import html_lang

ENTRY_FILE = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"  # the prefix of every decompressed Pagefind data file


class PagefindError(Exception):
    """Pagefind is missing, failed, or wrote a bundle this module does not understand."""


def find_binary() -> Path:
    """The Pagefind binary of the `pagefind[extended]` package (or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        binary = None
    else:
        binary = get_executable()
    if binary is None or not os.access(binary, os.X_OK):
        raise PagefindError(
            "the Pagefind binary is missing: pip install 'pagefind[extended]>=1.5,<2'"
        )
    return Path(binary)


class LanguageIndexes:
    """The search index of a build, one Pagefind run per language.

    Each page's search document (`add`) is written as it is rendered to a folder of its
    language, outside the site; `run` then indexes each language's folder with Pagefind's
    command line, every language at once on the machine's cores. The command line costs a
    third less than Pagefind's service fed the same pages, and the site's processes keep
    the interpreter to themselves while they render. `finish` gathers the languages' bundles
    (those of other processes too) into one, with one entry that lists them all.
    """

    def __init__(self, output: Path, exclude_selectors: Sequence[str] = ()) -> None:
        self._output = output
        self._exclude = tuple(exclude_selectors)
        self._binary = find_binary()  # a missing binary fails the build at its start
        self._folder = Path(tempfile.mkdtemp(prefix="nextsociety-search-", dir=_scratch_folder()))
        self._languages: set[str] = set()
        self._runs: list[tuple[Path, subprocess.Popen[str]]] | None = None  # Pagefind at work

    def add(self, document: str, dest_path: str) -> None:
        """Index one page: its search document, at its path in the site
        ("news/2018/x/index.html"); Pagefind makes its URL ("/news/2018/x/") from the path."""
        code = html_lang(document) or ""
        self._languages.add(code)
        path = self._folder / _language_folder(code) / dest_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")

    def start(self) -> None:
        """Start indexing every language added (once all its pages are added); `run` waits."""
        if self._runs is not None:
            return
        folders = [self._folder / _language_folder(code) for code in sorted(self._languages)]
        self._runs = [
            (folder, _start_pagefind(self._binary, folder, self._exclude)) for folder in folders
        ]

    def run(self) -> list[Path]:
        """Index every language added (`start`) and wait; returns each language's bundle folder,
        in the order of the languages' codes. They stay until `finish` or `close`, in any
        process."""
        self.start()
        runs, self._runs = self._runs or [], None
        failures = [_failure(folder, process) for folder, process in runs]
        if any(failures):
            raise PagefindError("\n".join(filter(None, failures)))
        return [folder / BUNDLE_SUBDIR for folder, _ in runs]

    def finish(self, more: Sequence[Path] = ()) -> dict[str, int]:
        """Index the languages added, write the bundle of these and of `more` (other
        processes' `run()`) into `output`; returns the pages indexed per language."""
        try:
            bundles = self.run() + list(more)
            if not bundles:  # no page to index: Pagefind's bundle for an empty site
                self.add(_EMPTY_DOCUMENT, "index.html")
                bundles = self.run()
            _merge_bundles(self._output, sorted(bundles, key=_bundle_languages))
            return canonicalize_bundle(self._output)
        finally:
            discard_bundles(more)
            self.close()

    def close(self) -> None:
        """Stop Pagefind if it runs; remove the documents and bundles of this process."""
        for _, process in self._runs or []:
            process.kill()
            process.communicate()
        self._runs = None
        shutil.rmtree(self._folder, ignore_errors=True)


def discard_bundles(bundles: Sequence[Path]) -> None:
    """Remove other processes' `run()` bundles and their documents (a failed build)."""
    for bundle in bundles:
        shutil.rmtree(bundle.parent.parent, ignore_errors=True)


BUNDLE_SUBDIR = "pagefind"  # each language's bundle, inside the folder of its documents
MEMORY_FOLDER = "/dev/shm"  # Linux's shared memory (tmpfs), when there is one
# Bytes free: 5,000 items (15,000 pages of ~13 kB, a 77 MB bundle) take ~0.3 GB there.
MEMORY_NEEDED = 2 << 30
_EMPTY_DOCUMENT = "<!doctype html><html><head></head><body></body></html>"


def _scratch_folder() -> str | None:
    """Where the search documents go: memory (`/dev/shm`) when it has room, where writing
    thousands of small files costs the system a fraction of a disk's; else the temporary folder."""
    try:
        roomy = shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_NEEDED
    except OSError:
        return None
    return MEMORY_FOLDER if roomy and os.access(MEMORY_FOLDER, os.W_OK) else None


def _language_folder(code: str) -> str:
    return f"lang-{code}" if code else "lang"


def _start_pagefind(
    binary: Path, folder: Path, exclude_selectors: Sequence[str]
) -> subprocess.Popen[str]:
    command = [str(binary), "--site", str(folder), "--output-subdir", BUNDLE_SUBDIR, "--quiet"]
    if exclude_selectors:
        command += ["--exclude-selectors", ",".join(exclude_selectors)]
    # The working folder is the documents': Pagefind reads no pagefind.yml of the caller's.
    return subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _failure(folder: Path, process: subprocess.Popen[str]) -> str | None:
    output, _ = process.communicate()
    if process.returncode == 0:
        return None
    messages = "\n".join(line for line in output.splitlines() if line.strip())
    return f"Pagefind failed (exit {process.returncode}) indexing {folder}:\n{messages}"


def _bundle_languages(bundle: Path) -> list[str]:
    """The languages of one bundle (from its entry file), to merge bundles in that order."""
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    return sorted(entry["languages"])


def _merge_bundles(output: Path, bundles: Sequence[Path]) -> None:
    """The files of every language's bundle, with one entry that lists all their languages.
    The script and WebAssembly files every bundle holds are the same in each."""
    entry: dict[str, Any] = {}
    output.mkdir(parents=True, exist_ok=True)
    for bundle in bundles:
        for path in sorted(bundle.rglob("*")):
            if path.is_dir():
                continue
            relative = path.relative_to(bundle)
            if str(relative) == ENTRY_FILE:
                part = json.loads(path.read_text(encoding="utf-8"))
                languages = {**entry.get("languages", {}), **part["languages"]}
                entry = {**part, "languages": languages}
                continue
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
    if entry:
        (output / ENTRY_FILE).write_text(
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


def canonicalize_bundle(bundle: Path) -> dict[str, int]:
    """Rewrite the order-dependent files of a Pagefind bundle sorted; returns pages per language."""
    entry_path = bundle / ENTRY_FILE
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = dict(sorted(entry["languages"].items()))
    for code, language in languages.items():
        language["hash"] = _canonicalize_language(bundle, code, language["hash"])
    entry["languages"] = languages
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return {code: int(language["page_count"]) for code, language in languages.items()}


def _canonicalize_language(bundle: Path, code: str, meta_hash: str) -> str:
    """Sort a language's filter chunks and their list in its metadata; returns the new meta hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = read_data_file(meta_path)
    try:
        filters = meta[3]  # MetaIndex: [version, pages, index_chunks, filters, sorts, meta_fields]
        chunks = [
            (name, read_data_file(bundle / "filter" / f"{chunk}.pf_filter"))
            for name, chunk in filters
        ]
    except (IndexError, TypeError, ValueError) as exc:
        raise PagefindError(f"{meta_path}: not a Pagefind 1.x metadata file ({exc})") from None
    for _, chunk in filters:
        (bundle / "filter" / f"{chunk}.pf_filter").unlink()
    taken: set[str] = set()
    sorted_filters = []
    for name, (filter_name, values) in sorted(chunks, key=lambda pair: pair[0]):
        data = encode_cbor([filter_name, sorted(values, key=lambda value: value[0])])
        digest = f"{code}_{hashlib.sha1(data).hexdigest()}"
        short = digest[: len(code) + 8]  # Pagefind: "<lang>_" and 7 hex digits, longer on a clash
        while short in taken and len(short) < len(digest):
            short = digest[: len(short) + 1]
        taken.add(short)
        write_data_file(bundle / "filter" / f"{short}.pf_filter", data)
        sorted_filters.append([name, short])
    meta[3] = sorted_filters
    data = encode_cbor(meta)
    new_hash = f"{code}_{hashlib.sha1(data).hexdigest()[: len(code) + 8]}"
    meta_path.unlink()
    write_data_file(bundle / f"pagefind.{new_hash}.pf_meta", data)
    return new_hash


def read_data_file(path: Path) -> Any:
    """A Pagefind data file: gzip of the signature and one CBOR item."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise PagefindError(f"{path}: not a Pagefind data file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise PagefindError(f"{path}: trailing data after the CBOR item")
    return value


def write_data_file(path: Path, cbor: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor, compresslevel=9, mtime=0))


# -- the CBOR subset Pagefind's metadata and filter files use (RFC 8949, shortest form) ---------


def encode_cbor(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        return {False: b"\xf4", True: b"\xf5", None: b"\xf6"}[value]
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(3, len(text)) + text
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode_cbor(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(
            encode_cbor(k) + encode_cbor(v) for k, v in value.items()
        )
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, fmt, limit in (
        (24, ">B", 1 << 8),
        (25, ">H", 1 << 16),
        (26, ">I", 1 << 32),
        (27, ">Q", 1 << 64),
    ):
        if number < limit:
            return bytes([major << 5 | info]) + struct.pack(fmt, number)
    raise ValueError(f"{number} does not fit in CBOR")


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    initial = data[at]
    major, info = initial >> 5, initial & 31
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise PagefindError(f"unsupported CBOR simple value {info}")
        return simple[info], at
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise PagefindError(f"unsupported CBOR length encoding {info}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        chunk = data[at : at + number]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise PagefindError(f"unsupported CBOR major type {major}")
