"""The `nextsociety/cms` plugin: the web editor at `/admin/` (and `/fr/admin/`, `/ar/admin/`).

It publishes the pinned Sveltia CMS bundle (installed from `cms/package-lock.json` by `make
install`; never fetched at build or run time), an admin page per language that loads it, and
that language's `config.yml`, computed from the validated model by `render/cms.py`, so the
editor accepts what `nextsociety check` accepts at this commit (docs/web-editing.md).
"""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from nextsociety.model.languages import Language
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.services import SiteServices
from nextsociety.render.cms import CmsSettings, cms_config, site_context
from nextsociety.render.cms_bundle import BundleError, LocalBundle, localize_bundle

PLUGIN_NAME = "nextsociety/cms"
ADMIN_DIR = "admin"
BUNDLE_NAME = "sveltia-cms.js"


# libyaml's emitter when PyYAML has it: the same text, 4 times faster (0.7 s -> 0.17 s a build).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _PlainDumper(_Dumper):  # type: ignore[misc,valid-type]
    """YAML without anchors and aliases: shared option lists are written out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(data: dict[str, Any]) -> str:
    # The preview loads the site on every save: the same editor's configuration is written
    # out once (JSON, far cheaper than YAML, is the key).
    return _yaml_of_json(json.dumps(data, ensure_ascii=False))


@functools.lru_cache(maxsize=8)
def _yaml_of_json(text: str) -> str:
    data = json.loads(text)
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)


class CmsPluginConfig(Config):
    # The CMS's npm package, relative to mkdocs.yml: what `npm ci --prefix cms` installs.
    package = c.Type(str, default="cms/node_modules/@sveltia/cms")
    repo = c.Type(str)  # the GitHub repository editors save to, owner/name
    branch = c.Type(str, default="main")
    editorial_workflow = c.Type(bool, default=True)  # saving opens a pull request
    # The OAuth proxy that signs editors in with GitHub (docs/web-editing.md); without it,
    # editors sign in with a personal access token.
    auth_url = c.Optional(c.Type(str))


class CmsPlugin(BasePlugin[CmsPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self.bundle: LocalBundle | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        package = root / self.config.package
        if not (package / "dist" / BUNDLE_NAME).is_file():
            raise PluginError(
                f"{PLUGIN_NAME}: the web editor's file {self.config.package}/dist/{BUNDLE_NAME} "
                "is missing: run 'make install' (or 'bash cms/install.sh'), which installs it "
                "from cms/package-lock.json"
            )
        site_path = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        try:
            self.bundle = localize_bundle(package, f"{site_path}{ADMIN_DIR}/")
        except BundleError as exc:
            raise PluginError(f"{PLUGIN_NAME}: {exc}") from None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.services is not None and self.bundle is not None
        bundle_uri = posixpath.join(ADMIN_DIR, BUNDLE_NAME)
        files.append(File.generated(config, bundle_uri, content=self.bundle.text))
        for path, source in self.bundle.files.items():
            uri = posixpath.join(ADMIN_DIR, path)
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        env = config.theme.get_env()
        template = env.get_template("admin.html")
        for lang in self.services.languages.languages:
            folder = lang.prefix + ADMIN_DIR
            t = self.services.translator(lang)
            page = template.render(
                lang=lang,
                title=t("cms.title"),
                noscript=t("cms.noscript"),
                bundle=posixpath.relpath(bundle_uri, folder),
            )
            text = config_yaml(self.editor_config(lang, config))
            files.append(File.generated(config, f"{folder}/index.html", content=page))
            files.append(File.generated(config, f"{folder}/config.yml", content=text))
        return files

    def editor_config(self, lang: Language, config: MkDocsConfig) -> dict[str, Any]:
        """The editor's configuration in `lang`, from the validated site."""
        assert self.services is not None
        site = self.services.site
        context = site_context(site, lang)
        settings = CmsSettings(
            repo=self.config.repo,
            branch=self.config.branch,
            site_url=config.site_url or "",
            editorial_workflow=self.config.editorial_workflow,
            auth_url=self.config.auth_url,
        )
        data_dir = site.config.data_dir or "data"
        return cms_config(context, settings, site.config.docs_dir, data_dir)
