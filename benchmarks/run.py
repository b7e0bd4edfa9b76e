#!/usr/bin/env python3
"""Build benchmark: our site (all our plugins) vs plain Material on the same Markdown pages.

For each size N this script generates, under benchmarks/work/<N>/, a synthetic project made
of a snapshot of the real project at a git revision (mkdocs.yml, data/, content/, overrides/
and the plugin code, imported from the copy) plus N news items
in English, French and Arabic (content/news/<year>/<slug>.md, .fr.md, .ar.md; about 600
words each, deterministic text from a fixed seed, real front matter referencing registry ids).
It then builds it twice, each build a subprocess `python -m mkdocs build`:

  (a) ours   the copied mkdocs.yml with every plugin of ours, `--strict`;
  (b) plain  the same Markdown files with a minimal mkdocs.yml: Material, `font: false`,
             the same Markdown extensions, `plugins: []` (not even MkDocs' search), and a nav
             of the static pages only. Each language file is its own page
             (news/2018/x.fr.md -> news/2018/x.fr/).

Per build it records wall time, CPU time (user + sys of the child, from os.wait4) and the
child's peak RSS, over --runs runs, and reports the medians: ms per built page, the ratio
(a)/(b), and the growth of build time from 1,000 to 5,000 items.

Not a test: nothing here fails CI. See benchmarks/README.md for the figures.

    /tmp/venv/bin/python benchmarks/run.py --sizes 100,1000,5000 --runs 3
    /tmp/venv/bin/python benchmarks/run.py --sizes 1000 --runs 1 --profile
    /tmp/venv/bin/python benchmarks/run.py --sizes 1000 --variants ours --runs 0 --serve

--serve also measures the preview (`nextsociety serve`, what `make serve` runs) at each size:
save a news item, then ask for its page until the new text is served; the median of 5 edits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"

TARGET_RATIO = 1.15  # (a)/(b), at every N
TARGET_VS_SEARCH_WALL = 1.0  # the performance issue: faster than plain Material with search
TARGET_VS_SEARCH_RSS = 1.5
TARGET_GROWTH = 5.2  # time(5000) / time(1000), the performance issue
SEED = 2018
WORDS_PER_ITEM = 600

# Used only while data/partners.yml, data/clusters.yml, data/contacts.yml do not exist yet.
FALLBACK_PARTNERS = ["accio", "france-clusters", "anima-investment-network"]
FALLBACK_CLUSTERS = ["ofppt-cluster-solaire", "tunisia-mechanical-cluster", "lebanon-wood-cluster"]
FALLBACK_CONTACTS = ["anima-press"]

FALLBACK_TAGS = [
    "clusters",
    "innovation",
    "training",
    "benchmarking",
    "investment",
    "startups",
    "mediterranean",
    "export",
    "digital",
    "energy",
    "agrifood",
    "textile",
]

# Word stock for the pseudo-random text. Not meant to read well, only to look like each language
# to Markdown, Jinja and the HTML writer (accents, non-Latin script, word and sentence lengths).
EN_WORDS = """the of and to in a for on with by programme cluster clusters partners innovation
economic development mediterranean europe network training visit benchmarking companies
support international cooperation entrepreneurs startups investment regional strategy
managers delegation participants agency services export growth ecosystem public private
sector industry research universities experience exchange project booster track members
technology digital energy agriculture textile tourism funding european union countries
during between their which after these new first open community change makers engaged""".split()  # noqa: SIM905 - a word list reads better as text
FR_WORDS = """le la les de des du et à en pour avec par sur dans une un programme grappe grappes
partenaires innovation développement économique méditerranée europe réseau formation visite
entreprises accompagnement international coopération entrepreneurs jeunes pousses
investissement régional stratégie gestionnaires délégation participants agence services
exportation croissance écosystème public privé secteur industrie recherche universités
expérience échange projet membres technologie numérique énergie agriculture tourisme
financement européenne union pays pendant entre leurs après nouveaux première ouverte
communauté acteurs changement engagés réussite étape élaboration méthodologie""".split()  # noqa: SIM905 - a word list reads better as text
AR_WORDS = """في من إلى على مع عن هذا هذه التي الذي برنامج العنقود العناقيد الشركاء الابتكار
التنمية الاقتصادية المتوسط أوروبا شبكة التدريب زيارة المقارنة الشركات الدعم الدولي
التعاون رواد الأعمال الناشئة الاستثمار الإقليمي الاستراتيجية المديرين الوفد المشاركين
الوكالة الخدمات التصدير النمو المنظومة العام الخاص القطاع الصناعة البحث الجامعات
الخبرة التبادل المشروع الأعضاء التكنولوجيا الرقمية الطاقة الزراعة النسيج السياحة
التمويل الاتحاد الأوروبي البلدان خلال بين بعد الجديدة الأولى مفتوح مجتمع التغيير""".split()  # noqa: SIM905 - a word list reads better as text
LATIN_NAMES = [
    "THE NEXT SOCIETY",
    "ACCIÓ",
    "ANIMA",
    "France Clusters",
    "Cluster Booster Track",
    "Barcelona",
    "Catalonia",
    "EU",
]


# -- synthetic project ------------------------------------------------------------------------


def registry_ids(path: Path, fallback: list[str]) -> tuple[list[str], str]:
    """Ids of a registry file (a list of {id: …}, possibly under one top key, or a mapping by id)."""
    if not path.exists():
        return list(fallback), "fallback list (no " + path.name + ")"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except yaml.YAMLError as exc:
        print(f"warning: {path}: {exc}; using fallback ids", file=sys.stderr)
        return list(fallback), "fallback list (" + path.name + " unreadable)"
    if (
        isinstance(data, dict)
        and len(data) == 1
        and isinstance(next(iter(data.values())), (list, dict))
    ):
        data = next(iter(data.values()))
    ids: list[str] = []
    if isinstance(data, list):
        records = [item for item in data if isinstance(item, dict) and "id" in item]
        press = [item for item in records if item.get("kind") == "press"]
        ids = [str(item["id"]) for item in (press or records)]  # contacts: press contacts first
    elif isinstance(data, dict):
        ids = [str(key) for key, value in data.items() if isinstance(value, dict)]
    if not ids:
        print(f"warning: {path}: no ids found; using fallback ids", file=sys.stderr)
        return list(fallback), "fallback list (no ids in " + path.name + ")"
    return ids, "data/" + path.name


def tag_ids(path: Path) -> tuple[list[str], str]:
    """Tags the news plugin knows: the `tag.<id>` keys of data/site.yml's string table."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
        strings = data.get("strings", data) if isinstance(data, dict) else {}
        tags = sorted(key[4:] for key in strings if isinstance(key, str) and key.startswith("tag."))
    except (OSError, yaml.YAMLError, AttributeError):
        tags = []
    if tags:
        return tags, "data/" + path.name + " (tag.* strings)"
    return list(FALLBACK_TAGS), "fallback list"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml-style YAML (`!ENV`, `!!python/name:`) without executing anything."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_AnyTagLoader.add_multi_constructor("!", _any_tag)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def sentence(rng: random.Random, words: list[str], rtl: bool) -> str:
    n = rng.randint(8, 20)
    picked = [rng.choice(words) for _ in range(n)]
    if rng.random() < 0.3:
        name = rng.choice(LATIN_NAMES)
        picked.insert(rng.randrange(len(picked)), name)
    if not rtl:
        picked[0] = picked[0][:1].upper() + picked[0][1:]
    if rng.random() < 0.15:
        i = rng.randrange(len(picked))
        picked[i] = f"**{picked[i]}**"
    return " ".join(picked) + ("." if not rtl or rng.random() < 0.5 else "؛")


def body_text(rng: random.Random, words: list[str], rtl: bool, link: str | None) -> str:
    """About WORDS_PER_ITEM words of Markdown: paragraphs, a heading or two, a list, a link."""
    parts: list[str] = []
    count = 0
    heading_at = {2, 5}
    paragraph = 0
    while count < WORDS_PER_ITEM:
        paragraph += 1
        if paragraph in heading_at:
            title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 5)))
            parts.append("## " + (title if rtl else title[:1].upper() + title[1:]))
        if paragraph == 4:
            items = [
                " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))) for _ in range(4)
            ]
            parts.append("\n".join("- " + item for item in items))
            count += sum(len(item.split()) for item in items)
        sentences = [sentence(rng, words, rtl) for _ in range(rng.randint(3, 6))]
        if paragraph == 3 and link:
            sentences.append(f"[{' '.join(rng.choice(words) for _ in range(3))}]({link})")
        text = " ".join(sentences)
        parts.append(text)
        count += len(text.split())
    return "\n\n".join(parts) + "\n"


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def generate_news(content: Path, n: int, seed: int, refs: dict[str, list[str]]) -> int:
    """Write n news items in three languages under content/news/; return the files written."""
    rng = random.Random(seed)
    start = dt.date(2017, 1, 1).toordinal()
    span = dt.date(2020, 12, 31).toordinal() - start
    items = []
    for i in range(n):
        date = dt.date.fromordinal(start + (span * i) // max(n - 1, 1))
        words = "-".join(rng.sample(EN_WORDS[10:], 3))
        items.append((date, f"{words}-{i + 1:05d}"))
    written = 0
    languages = (("", EN_WORDS, False), (".fr", FR_WORDS, False), (".ar", AR_WORDS, True))
    for i, (date, slug) in enumerate(items):
        kind = "press-release" if rng.random() < 0.4 else "news"
        partners = sorted(
            rng.sample(refs["partners"], min(len(refs["partners"]), rng.randint(1, 3)))
        )
        clusters = sorted(
            rng.sample(refs["clusters"], min(len(refs["clusters"]), rng.randint(0, 4)))
        )
        tags = sorted(rng.sample(refs["tags"], min(len(refs["tags"]), rng.randint(1, 3))))
        contact = rng.choice(refs["contacts"])
        previous = items[i - 1] if i else None
        for suffix, words, rtl in languages:
            link = None
            if previous is not None:
                link = f"../{previous[0].year}/{previous[1]}.md"
                if previous[0].year == date.year:
                    link = f"{previous[1]}.md"
            title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 10)))
            summary = " ".join(rng.choice(words) for _ in range(rng.randint(20, 32)))
            if not rtl:
                title = title[:1].upper() + title[1:]
                summary = summary[:1].upper() + summary[1:] + "."
            lines = [
                "---",
                f"title: {yaml_str(title)}",
                f"date: {date.isoformat()}",  # a translation may repeat date and type, same values
                f"type: {kind}",
                f"summary: {yaml_str(summary)}",
            ]
            if not suffix:  # references belong to the original (issue 5, model/news.py)
                lines += [
                    f"partners: {yaml_list(partners)}",
                    f"clusters: {yaml_list(clusters)}",
                    "events: []",
                    f"contact: {contact}",
                    f"tags: {yaml_list(tags)}",
                ]
            lines += ["---", ""]
            path = content / "news" / str(date.year) / f"{slug}{suffix}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + body_text(rng, words, rtl, link), encoding="utf-8")
            written += 1
    return written


def static_pages(content: Path) -> list[str]:
    """Default-language Markdown pages of the real content (no language suffix, not news)."""
    pages = []
    for path in sorted(content.rglob("*.md")):
        rel = path.relative_to(content).as_posix()
        if rel.startswith("news/") or re.search(r"\.[a-z]{2}\.md$", rel):
            continue
        pages.append(rel)
    pages.sort(key=lambda p: (p != "index.md", p))
    return pages


def top_level_block(text: str, key: str) -> str:
    """The verbatim `key:` block of a YAML file (the line and its indented continuation)."""
    lines = text.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if re.match(rf"^{re.escape(key)}\s*:", line):
            inside = True
            out.append(line)
            continue
        if inside:
            if line and not line[0].isspace() and not line.startswith("#"):
                break
            out.append(line)
    return "\n".join(out).rstrip() + "\n" if out else ""


def page_templates(content: Path) -> list[str]:
    """`template:` values set in front matter (pages of ours such as the press room set one)."""
    names = set()
    for path in content.rglob("*.md"):
        if path.relative_to(content).parts[0] == "news":
            continue  # generated items set none
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        match = re.search(r"^template:\s*['\"]?([^'\"\s]+)", head, re.MULTILINE)
        if match:
            names.add(match.group(1))
    return sorted(names)


def plain_theme_dir(project: Path) -> str | None:
    """Stub templates for plain Material: each `template:` a page names, as Material's main.html.

    Plain Material does not have our page templates (press.html…); the stub renders the page
    the way Material renders any page, so the plain build stays plain and does not fail."""
    names = page_templates(project / "content")
    if not names:
        return None
    stubs = project / "plain-theme"
    for name in names:
        path = stubs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{% extends "main.html" %}\n', encoding="utf-8")
    return stubs.name


def plain_config(
    original: str, nav: list[str], custom_dir: str | None = None, search: bool = False
) -> str:
    """A minimal Material config for the same docs dir: no plugins (or only Material's search
    when `search`), nav of the static pages only."""
    site_url = "https://www.thenextsociety.co/"
    match = re.search(r'^site_url:.*?"(https?://[^"]+)"', original, re.MULTILINE)
    if match:
        site_url = match.group(1)
    lines = [
        "# Generated by benchmarks/run.py: plain Material for MkDocs on the same pages.",
        "site_name: THE NEXT SOCIETY",
        f"site_url: {site_url}",
        "docs_dir: content",
        "use_directory_urls: true",
        "theme:",
        "  name: material",
        "  language: en",
        "  font: false",
        *(
            [f"  custom_dir: {custom_dir}  # stubs for page templates of ours, see run.py"]
            if custom_dir
            else []
        ),
        "  features:",
        "    - navigation.footer",
        "    - navigation.top",
        "plugins: [search]" if search else "plugins: []",
        "nav:",
        *(f"  - {yaml_str(page)}" for page in nav),
    ]
    return "\n".join(lines) + "\n" + top_level_block(original, "markdown_extensions")


SNAPSHOT = ("mkdocs.yml", "data", "content", "overrides", "plugins")


def snapshot(project: Path, rev: str) -> None:
    """Copy what a build reads (config, registries, pages, templates, plugin code) into project.

    `rev` is a git revision (default HEAD: a fixed commit, safe from edits in progress in the
    working tree) or "worktree" (the files as they are now). The plugin code is imported from
    the copy (PYTHONPATH), so every build of a run measures the same code."""
    if rev == "worktree":
        for name in SNAPSHOT:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(
                    source, project / name, ignore=shutil.ignore_patterns("__pycache__")
                )
            elif source.is_file():
                shutil.copy2(source, project / name)
        return
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    paths = [name for name in SNAPSHOT if name in listed]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, *paths], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)


def link_installed(project: Path) -> None:
    """The web editor installed by `make install` (cms/node_modules, not in git): the build
    publishes it at /admin/ and stops without it."""
    installed = ROOT / "cms"
    if installed.is_dir() and not (project / "cms").exists():
        (project / "cms").symlink_to(installed, target_is_directory=True)


def describe(rev: str) -> str:
    if rev == "worktree":
        return "worktree"
    return subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def make_project(n: int, seed: int, rev: str = "HEAD") -> dict[str, Any]:
    """Generate benchmarks/work/<n>/ from a snapshot of the real project plus n news items."""
    project = WORK / str(n)
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    snapshot(project, rev)
    link_installed(project)
    original = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "content").mkdir(exist_ok=True)
    refs: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for key, fallback in (
        ("partners", FALLBACK_PARTNERS),
        ("clusters", FALLBACK_CLUSTERS),
        ("contacts", FALLBACK_CONTACTS),
    ):
        refs[key], sources[key] = registry_ids(project / "data" / f"{key}.yml", fallback)
    refs["tags"], sources["tags"] = tag_ids(project / "data" / "site.yml")
    static = static_pages(project / "content")
    files = generate_news(project / "content", n, seed, refs)
    stubs = plain_theme_dir(project)
    for variant, search in (("plain", False), ("plain-search", True)):
        (project / CONFIGS[variant]).write_text(
            plain_config(original, static, stubs, search=search), encoding="utf-8"
        )
    return {
        "project": str(project),
        "news_files": files,
        "static_pages": static,
        "reference_sources": sources,
        "reference_counts": {k: len(v) for k, v in refs.items()},
    }


# -- measuring ---------------------------------------------------------------------------------


# The variants: ours, plain Material without any plugin, and plain Material with its built-in
# search plugin (lunr), the peer a user would pick instead of our site with Pagefind.
CONFIGS = {
    "ours": "mkdocs.yml",
    "plain": "mkdocs-plain.yml",
    "plain-search": "mkdocs-plain-search.yml",
}


def build_env(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    if (project / "plugins").is_dir():  # our plugins from the snapshot, not the live working tree
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(project / "plugins"), env.get("PYTHONPATH")])
        )
    # The default site_url of mkdocs.yml, whatever the caller's shell says.
    env.pop("SITE_URL", None)
    return env


def run_build(project: Path, variant: str, run: int, profile: Path | None = None) -> dict[str, Any]:
    """One `python -m mkdocs build` as a child process; wall, CPU and peak RSS from os.wait4."""
    out = project / f"site-{variant}-{run}"
    if out.exists():
        shutil.rmtree(out)
    config = CONFIGS[variant]
    args = ["build", "-f", config, "-d", str(out)]
    if variant == "ours":
        args.insert(1, "--strict")
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", *args]
    log_path = project / f"build-{variant}-{run}.log"
    load_before = os.getloadavg()[0]
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=project, env=build_env(project), stdout=log, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    pages = sum(1 for _, _, names in os.walk(out) for name in names if name == "index.html")
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    result = {
        "variant": variant,
        "run": run,
        "returncode": proc.returncode,
        "wall_s": round(wall, 3),
        "user_s": round(usage.ru_utime, 3),
        "sys_s": round(usage.ru_stime, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: ru_maxrss is in KiB
        "pages": pages,
        "warnings": len(re.findall(r"^WARNING", log_text, re.MULTILINE)),
        # 1-minute load average before and after: other work on the machine inflates wall time.
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "command": " ".join(cmd[1:]),
    }
    if proc.returncode != 0:
        tail = "\n".join(log_text.splitlines()[-25:])
        print(
            f"\n!! {variant} build failed (exit {proc.returncode}); log {log_path}:\n{tail}\n",
            file=sys.stderr,
        )
    return result


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in runs if r["returncode"] == 0]
    if not ok:
        return {"ok": False, "runs": runs}
    pages = ok[0]["pages"]
    wall = median_of(ok, "wall_s")
    cpu = median_of(ok, "cpu_s")
    return {
        "ok": True,
        "runs": runs,
        "n_runs": len(ok),
        "pages": pages,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "peak_rss_mb": round(median_of(ok, "peak_rss_mb"), 1),
        "load_median": round(
            statistics.median(x for r in ok for x in (r["load_before"], r["load_after"])), 2
        ),
        "wall_ms_per_page": round(1000 * wall / pages, 2) if pages else None,
        "cpu_ms_per_page": round(1000 * cpu / pages, 2) if pages else None,
    }


# -- machine and report ------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"nproc": os.cpu_count(), "python": platform.python_version()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        info["cpu"] = model.group(1).strip() if model else platform.processor()
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        info["ram_gb"] = round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None
    except OSError:
        info["cpu"] = platform.processor()
    from importlib.metadata import version

    for dist in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "nextsociety"):
        try:
            info[dist] = version(dist)
        except Exception:  # noqa: BLE001 - a missing package is just not reported
            info[dist] = None
    return info


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "—" if value is None else format(value, spec)


def report(results: dict[str, Any]) -> str:
    """The results as a Markdown table (also readable in a terminal), growth and flags."""
    sizes = results["sizes"]
    lines = [
        (
            "| N items | pages ours / plain | ours ms/page | plain ms/page | ours s | plain s "
            "| ratio (a)/(b) wall | ours CPU s | plain CPU s | ratio CPU | ours peak MB "
            "| plain peak MB | runs | load |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sorted(sizes, key=int):
        entry = sizes[n]
        ours, plain = entry.get("ours", {}), entry.get("plain", {})
        ratio, cpu_ratio = entry.get("ratio_wall"), entry.get("ratio_cpu")
        flag = " ⚠" if ratio is not None and ratio > TARGET_RATIO else ""
        cpu_flag = " ⚠" if cpu_ratio is not None and cpu_ratio > TARGET_RATIO else ""
        load = max(ours.get("load_median") or 0, plain.get("load_median") or 0)
        lines.append(
            f"| {n} | {ours.get('pages', '—')} / {plain.get('pages', '—')} "
            f"| {fmt(ours.get('wall_ms_per_page'))} | {fmt(plain.get('wall_ms_per_page'))} "
            f"| {fmt(ours.get('wall_s'), '.1f')} | {fmt(plain.get('wall_s'), '.1f')} "
            f"| {fmt(ratio)}{flag} "
            f"| {fmt(ours.get('cpu_s'), '.1f')} | {fmt(plain.get('cpu_s'), '.1f')} "
            f"| {fmt(cpu_ratio)}{cpu_flag} "
            f"| {fmt(ours.get('peak_rss_mb'), '.0f')} | {fmt(plain.get('peak_rss_mb'), '.0f')} "
            f"| {ours.get('n_runs', 0)}/{plain.get('n_runs', 0)} | {fmt(load, '.1f')} |"
        )
    out = "\n".join(lines) + "\n"
    growth = results.get("growth")
    if growth:
        out += (
            f"\nGrowth from 1,000 to 5,000 items, time(5000)/time(1000) (linear: 5.0, "
            f"target ≤ {TARGET_GROWTH}):\n"
        )
        for variant in CONFIGS:
            g = growth.get(variant)
            if not g:
                continue
            flag = "  ⚠ above target" if g["wall"] > TARGET_GROWTH else ""
            cpu_flag = "  ⚠ above target" if g["cpu"] > TARGET_GROWTH else ""
            out += f"- {variant}: wall {fmt(g['wall'])}{flag}; CPU {fmt(g['cpu'])}{cpu_flag}\n"
    flags = [n for n in sizes if (sizes[n].get("ratio_wall") or 0) > TARGET_RATIO]
    if flags:
        out += (
            f"\n⚠ ratio (a)/(b) above {TARGET_RATIO} at N = {', '.join(sorted(flags, key=int))}\n"
        )
    return out + report_vs_search(sizes)


def report_vs_search(sizes: dict[str, Any]) -> str:
    """Ours against plain Material with its search plugin: the performance issue's targets."""
    rows = [n for n in sorted(sizes, key=int) if "vs_search" in sizes[n]]
    if not rows:
        return ""
    out = (
        "\nOurs (with Pagefind) vs plain Material with its search plugin (targets: wall ≤ "
        f"{TARGET_VS_SEARCH_WALL}, peak memory ≤ {TARGET_VS_SEARCH_RSS}):\n\n"
        "| N items | ours s | plain-search s | wall ratio | ours CPU s | plain-search CPU s "
        "| ours peak MB | plain-search peak MB | memory ratio | ours cold s |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    for n in rows:
        ours, peer, ratio = sizes[n]["ours"], sizes[n]["plain-search"], sizes[n]["vs_search"]
        cold = sizes[n].get("ours_cold", {}).get("wall_s")
        wall_flag = " ⚠" if ratio["wall"] > TARGET_VS_SEARCH_WALL else ""
        rss_flag = " ⚠" if ratio["peak_rss"] > TARGET_VS_SEARCH_RSS else ""
        out += (
            f"| {n} | {fmt(ours['wall_s'], '.1f')} | {fmt(peer['wall_s'], '.1f')} "
            f"| **{fmt(ratio['wall'])}**{wall_flag} | {fmt(ours['cpu_s'], '.1f')} "
            f"| {fmt(peer['cpu_s'], '.1f')} | {fmt(ours['peak_rss_mb'], '.0f')} "
            f"| {fmt(peer['peak_rss_mb'], '.0f')} | **{fmt(ratio['peak_rss'])}**{rss_flag} "
            f"| {fmt(cold, '.1f')} |\n"
        )
    return out


def parse_runs_for(values: list[str]) -> dict[int, int]:
    out: dict[int, int] = {}
    for value in values:
        for part in value.split(","):
            n, _, r = part.partition("=")
            out[int(n)] = int(r)
    return out


def profile_summary(stats_path: Path, limit: int = 25) -> str:
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(stats_path), stream=buffer)
    stats.sort_stats("cumulative").print_stats(limit)
    buffer.write("\n--- functions of nextsociety (cumulative) ---\n")
    stats.sort_stats("cumulative").print_stats("nextsociety", limit)
    buffer.write("\n--- top functions by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    return buffer.getvalue()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="100,1000,5000",
        help="comma-separated item counts (default: %(default)s)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="builds per variant and size; the median is reported"
    )
    parser.add_argument(
        "--runs-for",
        action="append",
        default=[],
        metavar="N=R",
        help="override --runs for one size, e.g. --runs-for 5000=1 (repeatable)",
    )
    parser.add_argument(
        "--variants", default="ours,plain", help="which builds to run (default: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help="seed of the synthetic text (default: %(default)s)"
    )
    parser.add_argument(
        "--rev",
        default="HEAD",
        help="git revision whose config, data, content, templates and plugins are measured, "
        "or 'worktree' for the files as they are (default: %(default)s)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep benchmarks/work/<N>/ and the built sites"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=WORK / "results.json",
        help="results JSON (default: %(default)s)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of measuring, run one cProfile'd 'ours' build per size and print the hotspots",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="also measure the preview's reload (nextsociety serve) at each size",
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="JSON",
        help="print the table of an earlier results file and exit",
    )
    return parser


def profile_size(project: Path, n: int) -> None:
    """One cProfile'd 'ours' build of size `n`; its hotspots are printed and kept."""
    stats = project / "ours.prof"
    result = run_build(project, "ours", 1, profile=stats)
    print(
        f"N={n}: profiled build {result['wall_s']} s wall (with profiler overhead), "
        f"exit {result['returncode']}; stats in {stats}"
    )
    text = profile_summary(stats)
    (project / "ours-profile.txt").write_text(text, encoding="utf-8")
    print(text)


def measure_size(
    project: Path, n: int, variants: list[str], runs: int, keep: bool
) -> tuple[dict[str, Any], bool]:
    """`runs` builds of each variant of size `n`: their summaries and ratios, and whether one
    failed."""
    collected: dict[str, list[dict[str, Any]]] = {variant: [] for variant in variants}
    failed = False
    cold = None
    if "ours" in variants:
        # Ours caches its social cards outside site/ (project/.cache/): a first build with an
        # empty cache is reported on its own as the cold cost; the measured runs are warm.
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold = run_build(project, "ours", 0)
        print(
            f"N={n} ours (cold cache): {cold['wall_s']:8.2f} s wall {cold['cpu_s']:8.2f} s CPU "
            f"{cold['peak_rss_mb']:7.0f} MB exit {cold['returncode']}",
            flush=True,
        )
        shutil.rmtree(project / "site-ours-0", ignore_errors=True)
        failed = cold["returncode"] != 0
    # Variants alternate (ours, plain, ours, plain...) so that a busy moment on the machine
    # weighs on both rather than on one.
    for run in range(1, runs + 1):
        for variant in variants:
            if collected[variant] and collected[variant][-1]["returncode"] != 0:
                continue  # a failed build is not retried
            result = run_build(project, variant, run)
            collected[variant].append(result)
            print(
                f"N={n} {variant:12} run {run}/{runs}: {result['wall_s']:8.2f} s wall "
                f"{result['cpu_s']:8.2f} s CPU {result['peak_rss_mb']:7.0f} MB "
                f"{result['pages']} pages exit {result['returncode']} "
                f"(load {result['load_before']:.1f}->{result['load_after']:.1f})",
                flush=True,
            )
            failed = failed or result["returncode"] != 0
            if not keep or run < runs:
                shutil.rmtree(project / f"site-{variant}-{run}", ignore_errors=True)
    entry: dict[str, Any] = {variant: summarize(collected[variant]) for variant in variants}
    if cold is not None:
        entry["ours_cold"] = summarize([cold])
    ours, plain = entry.get("ours", {}), entry.get("plain", {})
    if ours.get("ok") and plain.get("ok"):
        entry["ratio_wall"] = round(ours["wall_s"] / plain["wall_s"], 3)
        entry["ratio_cpu"] = round(ours["cpu_s"] / plain["cpu_s"], 3)
        entry["ratio_wall_per_page"] = round(
            ours["wall_ms_per_page"] / plain["wall_ms_per_page"], 3
        )
    peer = entry.get("plain-search", {})
    if ours.get("ok") and peer.get("ok"):
        entry["vs_search"] = {
            "wall": round(ours["wall_s"] / peer["wall_s"], 3),
            "cpu": round(ours["cpu_s"] / peer["cpu_s"], 3),
            "peak_rss": round(ours["peak_rss_mb"] / peer["peak_rss_mb"], 3),
        }
        print(
            f"N={n} ours / plain-search: wall {entry['vs_search']['wall']:.2f} (target <= 1.0), "
            f"peak memory {entry['vs_search']['peak_rss']:.2f} (target <= 1.5)",
            flush=True,
        )
    return entry, failed


# -- the preview -------------------------------------------------------------------------------

SERVE_EDITS = 5


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until `url` serves `text` (polled every 20 ms); raises after `timeout`."""
    start = time.monotonic()
    while text not in _get(url):
        if time.monotonic() - start > timeout:
            raise RuntimeError(f"{url} did not show {text!r} within {timeout:.0f} s")
        time.sleep(0.02)
    return time.monotonic() - start


def measure_serve(project: Path, edits: int = SERVE_EDITS) -> dict[str, Any]:
    """`nextsociety serve` on the project: from saving a news item to its page serving the
    new text, `edits` times (1.5 s apart, so the previous save's load is over)."""
    source = min((project / "content" / "news").glob("*/*[0-9].md"))
    url_path = f"news/{source.parent.name}/{source.stem}/"
    port = _free_port()
    command = [sys.executable, "-m", "nextsociety.cli", "serve", "-a", f"127.0.0.1:{port}"]
    log_path = project / "serve.log"
    original = source.read_text(encoding="utf-8")
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command, cwd=project, env=build_env(project), stdout=log, stderr=subprocess.STDOUT
        )
        try:
            url = f"http://127.0.0.1:{port}/{url_path}"
            first = _wait_for(url, "</html>", timeout=600)
            times = []
            for edit in range(edits):
                time.sleep(1.5)
                word = f"Benchmarkedit{edit}x{time.time_ns()}"
                source.write_text(original.rstrip("\n") + f"\n\n{word}\n", encoding="utf-8")
                times.append(round(_wait_for(url, word, timeout=300), 3))
                print(f"preview: edit {edit + 1}/{edits} served in {times[-1]:.2f} s", flush=True)
        finally:
            source.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(timeout=60)
    return {
        "page": "/" + url_path,
        "first_page_s": round(first, 2),
        "reload_s": times,
        "median_reload_s": round(statistics.median(times), 3),
        "target_s": 2.0,
    }


def growth(results: dict[str, Any], variants: list[str]) -> dict[str, Any]:
    """How much slower 5,000 items build than 1,000, per variant."""
    found = {}
    for variant in variants:
        a = results["sizes"]["1000"].get(variant, {})
        b = results["sizes"]["5000"].get(variant, {})
        if a.get("ok") and b.get("ok"):
            found[variant] = {
                "wall": round(b["wall_s"] / a["wall_s"], 2),
                "cpu": round(b["cpu_s"] / a["cpu_s"], 2),
            }
    return found


def write_results(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text(encoding="utf-8"))))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs_for = parse_runs_for(args.runs_for)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not variants or set(variants) - set(CONFIGS):
        parser.error("--variants takes a comma-separated list of " + ", ".join(CONFIGS))
    WORK.mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "rev": args.rev,
        "commit": describe(args.rev),
        "seed": args.seed,
        "words_per_item": WORDS_PER_ITEM,
        "targets": {"ratio": TARGET_RATIO, "growth_1000_to_5000": TARGET_GROWTH},
        "sizes": {},
    }
    failed = False
    for n in sizes:
        t0 = time.perf_counter()
        info = make_project(n, args.seed, args.rev)
        project = Path(info["project"])
        print(
            f"N={n}: generated {info['news_files']} news files in {time.perf_counter() - t0:.1f} s "
            f"({', '.join(f'{k} from {v}' for k, v in info['reference_sources'].items())})",
            flush=True,
        )
        if args.profile:
            profile_size(project, n)
            continue  # the stats file is the point of the run: the project is kept
        entry, size_failed = measure_size(
            project, n, variants, runs_for.get(n, args.runs), args.keep
        )
        failed = failed or size_failed
        if args.serve:
            entry["serve"] = measure_serve(project)
            print(
                f"N={n} preview reload: median {entry['serve']['median_reload_s']:.2f} s "
                "(target <= 2)",
                flush=True,
            )
        entry["generation"] = {k: v for k, v in info.items() if k != "project"}
        results["sizes"][str(n)] = entry
        write_results(args.out, results)
        if any(
            not entry[v].get("ok") or entry[v]["n_runs"] < len(entry[v]["runs"]) for v in variants
        ):
            print(f"N={n}: a build failed; {project} is kept with its logs", file=sys.stderr)
        elif not args.keep:
            shutil.rmtree(project, ignore_errors=True)

    if args.profile:
        return 0
    if "1000" in results["sizes"] and "5000" in results["sizes"]:
        results["growth"] = growth(results, variants)
    print("\n" + report(results))
    write_results(args.out, results)
    print(f"results written to {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
