"""Running Pagefind over a built site, and making its search bundle byte-reproducible. No MkDocs.

Pagefind 1.5.2 (the latest on PyPI) writes three things in hash-map order, which changes from
run to run: the languages of `pagefind-entry.json`, the values inside each filter chunk
(`filter/<lang>_<hash>.pf_filter`) and the list of filter chunks in each language's metadata
(`pagefind.<lang>_<hash>.pf_meta`). Chunk names are content hashes, so the names change too,
and with them the metadata file and the entry. `canonicalize_bundle` rewrites exactly these
files in sorted order, named the way Pagefind names them (the SHA-1 of the CBOR content, as
its later sources do once sorted); word indexes and fragments are already stable.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import queue
import re
import struct
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ENTRY_FILE = "pagefind-entry.json"
PAGES_AHEAD = 32  # pages waiting for Pagefind before the build waits for it
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


def index_site(
    binary: Path,
    site_dir: Path,
    output_subdir: str = "pagefind",
    exclude_selectors: tuple[str, ...] = (),
) -> tuple[dict[str, int], str]:
    """Index `site_dir` offline into `site_dir/output_subdir`, then make the bundle reproducible.

    Returns the pages indexed per language and Pagefind's warnings (empty when there are none).
    """
    command = [str(binary), "--site", str(site_dir), "--output-subdir", output_subdir, "--quiet"]
    if exclude_selectors:
        command += ["--exclude-selectors", ",".join(exclude_selectors)]
    # The working folder is the built site: Pagefind reads no pagefind.yml of the caller's.
    proc = subprocess.run(command, cwd=site_dir, capture_output=True, text=True, check=False)
    messages = "\n".join(line for line in (proc.stdout + proc.stderr).splitlines() if line.strip())
    if proc.returncode != 0:
        raise PagefindError(
            f"Pagefind failed (exit {proc.returncode}) indexing {site_dir}:\n{messages}"
        )
    return canonicalize_bundle(site_dir / output_subdir), messages


class BackgroundIndex:
    """Pagefind's indexing service (`pagefind --service`), fed page by page while the build
    renders the next pages: one service per language, so that the languages are indexed, and
    their index written, side by side on the machine's cores.

    Each language's index is Pagefind's own (Pagefind indexes each language apart: the bundle
    is the same as one service's); `finish` merges the entries of the languages into one
    `pagefind-entry.json`. A page's language is its `<html lang>`, as Pagefind reads it.
    """

    def __init__(self, output: Path, exclude_selectors: Sequence[str] = ()) -> None:
        self._output = output
        self._exclude = tuple(exclude_selectors)
        self._services: dict[str, _Service] = {}
        find_binary()  # a missing binary fails the build at its start, not at its first page

    def add(self, html: str, url: str) -> None:
        """Index one page (its final HTML) at `url` ("/news/2018/x/"); returns at once
        unless the service of its language is PAGES_AHEAD pages behind."""
        match = _HTML_LANG.search(html, 0, 2000)
        code = match.group(1) if match else ""
        service = self._services.get(code)
        if service is None:
            service = self._services[code] = _Service(self._exclude)
        service.add(html, url)

    def answers(self) -> list[list[dict[str, Any]]]:
        """Wait for every page; each language's index files (path, base64 content), in the
        order of the languages' codes. The services are stopped."""
        services = [self._services.pop(code) for code in sorted(self._services)]
        try:
            for service in services:
                service.end_pages()
            asked = [(service, service.ask_files()) for service in services]  # all at once
            return [service.files(message_id) for service, message_id in asked]
        finally:
            for service in services:
                service.close()

    def finish(self, more: Sequence[list[dict[str, Any]]] = ()) -> dict[str, int]:
        """Wait for every page, write the bundle of these languages and of `more` (other
        processes' `answers()`); returns the pages indexed per language."""
        answers = self.answers() + list(more)
        if not answers:  # no page to index: Pagefind's answer for an empty site
            self._services[""] = _Service(self._exclude)
            answers = self.answers()
        _write_bundle(self._output, sorted(answers, key=_answer_languages))
        return canonicalize_bundle(self._output)

    def close(self) -> None:
        """Stop the services (after `finish`, or without writing when a build fails)."""
        for service in self._services.values():
            service.close()


def _answer_languages(files: Sequence[dict[str, Any]]) -> list[str]:
    """The languages of one service's answer (from its entry file), to sort answers by."""
    for file in files:
        if str(file["path"]) == ENTRY_FILE:
            return sorted(json.loads(base64.b64decode(file["content"]))["languages"])
    return []


_HTML_LANG = re.compile(r"<html[^>]*?\slang=\"([^\"]*)\"")


def _write_bundle(output: Path, answers: Sequence[Sequence[dict[str, Any]]]) -> None:
    """The files of every language's answer, with one entry that lists all their languages.

    The files come back in the answers and are written here: the service's own WriteFiles
    answered before its writes were done, and a bundle was read half written now and then.
    """
    entry: dict[str, Any] = {}
    for files in answers:
        for file in sorted(files, key=lambda f: str(f["path"])):
            content = base64.b64decode(file["content"])
            if str(file["path"]) == ENTRY_FILE:
                part = json.loads(content)
                languages = {**entry.get("languages", {}), **part["languages"]}
                entry = {**part, "languages": languages}
                continue
            path = output / str(file["path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    if entry:
        (output / ENTRY_FILE).write_text(
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


class _Service:
    """One `pagefind --service` process and the thread that feeds it pages in order.

    The protocol is the one of Pagefind's own Node and Python APIs: base64-encoded JSON
    messages ended by a comma, on stdin and stdout. (The Python API's client waits 0.1 s
    before reading each answer: 17 s for 168 pages; this one reads answers in a thread as
    they come.) Pages must be added in the same order in every build (MkDocs' order):
    Pagefind numbers them in that order.
    """

    def __init__(self, exclude_selectors: Sequence[str]) -> None:
        self._process = subprocess.Popen(
            [str(find_binary()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._answered = threading.Condition()
        self._sent = 0
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()
        config = {"exclude_selectors": list(exclude_selectors)}
        answer = self._wait(self._send({"type": "NewIndex", "config": config}))
        self._index_id = int(answer["index_id"])
        # Pages go one at a time, each after the previous one's answer: the service indexes
        # requests concurrently and numbers pages as they finish, which made the bundle
        # differ from build to build. A bounded queue: a slow service holds the build back
        # rather than piling up pages in memory.
        self._pages: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=PAGES_AHEAD)
        self._failure: PagefindError | None = None
        self._sender = threading.Thread(target=self._send_pages, daemon=True)
        self._sender.start()

    def add(self, html: str, url: str) -> None:
        if self._failure is not None:
            raise self._failure
        self._pages.put((html, url))

    def end_pages(self) -> None:
        """Wait until every page added has been indexed."""
        self._pages.put(None)
        self._sender.join()
        if self._failure is not None:
            raise self._failure

    def ask_files(self) -> int:
        """Ask for the index's files (Pagefind builds them now); returns the request's id."""
        return self._send({"type": "GetFiles", "index_id": self._index_id})

    def files(self, message_id: int) -> list[dict[str, Any]]:
        """The answer to `ask_files`: each file's path and base64 content."""
        return list(self._wait(message_id)["files"])

    def close(self) -> None:
        """Stop the service."""
        if self._sender.is_alive():
            self._failure = self._failure or PagefindError("closed")
            self._pages.put(None)
            self._sender.join()
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=10)

    def _send_pages(self) -> None:
        message = {"type": "AddFile", "index_id": self._index_id, "file_path": None}
        while (page := self._pages.get()) is not None:
            if self._failure is not None:
                continue  # drain the queue so that the build never blocks on a dead service
            html, url = page
            try:
                self._wait(self._send({**message, "url": url, "file_contents": html}))
            except PagefindError as exc:
                self._failure = exc

    def _send(self, payload: dict[str, Any]) -> int:
        self._sent += 1
        request = {"message_id": self._sent, "payload": payload}
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(request).encode()) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise PagefindError("the Pagefind service stopped") from None
        return self._sent

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            self._answered.wait_for(
                lambda: message_id in self._answers or not self._reader.is_alive()
            )
            answer = self._answers.pop(message_id, None)
        if answer is None:
            raise PagefindError("the Pagefind service stopped: " + "; ".join(self._errors))
        if answer.get("type") == "Error":
            raise PagefindError(f"Pagefind: {answer.get('message')}")
        return answer

    def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)
        pending = b""
        while chunk := stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            with self._answered:
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    if answer is not None and answer.get("message_id") is not None:
                        self._answers[int(answer["message_id"])] = answer["payload"]
                    elif answer is not None:
                        self._errors.append(str(answer.get("payload")))
                self._answered.notify_all()
        with self._answered:
            self._answered.notify_all()


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
