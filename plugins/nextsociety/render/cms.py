"""The web editor's configuration (Sveltia CMS, `admin/config.yml`), computed from the model.

Every collection is made from the model's own field tables (`ORIGINAL_FIELDS`,
`TRANSLATION_FIELDS`, the registries' fields): the same names, the same required flags, the
patterns of the model's checks, and select options from what `nextsociety check` accepts at
this commit (registry ids, events, tags, vocabularies, ISO country codes). Labels, hints and
messages come from the string table, in the admin page's language. No MkDocs here: the
`nextsociety/cms` plugin writes the result (docs/web-editing.md).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nextsociety.model import events as event_model
from nextsociety.model import news as news_model
from nextsociety.model.countries import country_codes, country_name
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.records import (  # the model's own expressions: patterns cannot drift
    _EMAIL_RE,
    _HOST_RE,
    _PHONE_RE,
    check_email,
    check_https_url,
    check_name,
    check_phone,
)
from nextsociety.model.references import tag_ids
from nextsociety.model.registries import clusters, contacts, partners
from nextsociety.model.registries.base import Registries
from nextsociety.model.schema import (
    MAX_TEXT_LENGTH,
    SLUG_RE,
    Field,
    check_plain_text,
    check_slug,
)
from nextsociety.model.site import Site

Option = dict[str, str]
Translate = Callable[[str], str]

# The model's checks as patterns the editor applies while typing (JavaScript syntax), with the
# string-table key of the message it shows.
PLAIN_TEXT = r"^(?![\s\S]*<\s*\/?\s*[a-zA-Z][^>]*>)[\s\S]*\S[\s\S]*$"  # not empty, no markup
HTTPS_URL = "^https://" + _HOST_RE.pattern.strip("^$") + r"(?:[:/?#]\S*)?$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
DAY_OR_MONTH = r"^\d{4}-\d{2}(?:-\d{2})?$"  # YYYY-MM when the source gives only a month
# a news item's `date:` also takes an embargo's instant, with its zone (model.news)
PUBLICATION = r"^\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?)?$"
DAY_OR_TIME = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$"
CHECK_PATTERNS: Mapping[Callable[[Any], str | None], tuple[str, str]] = {
    check_slug: (SLUG_RE.pattern, "cms.pattern.slug"),
    check_plain_text: (PLAIN_TEXT, "cms.pattern.text"),
    check_name: (PLAIN_TEXT, "cms.pattern.text"),
    check_https_url: (HTTPS_URL, "cms.pattern.url"),
    check_email: (_EMAIL_RE.pattern, "cms.pattern.email"),
    check_phone: (_PHONE_RE.pattern, "cms.pattern.phone"),
    contacts.check_twitter: (contacts._TWITTER_RE.pattern, "cms.pattern.twitter"),
}
DATE_PATTERNS: Mapping[str, tuple[str, str]] = {
    "date": (PUBLICATION, "cms.pattern.publication"),
    "announced": (DAY_OR_MONTH, "cms.pattern.day_or_month"),
    "updated": (DAY, "cms.pattern.day"),
    "start": (DAY_OR_TIME, "cms.pattern.day_or_time"),
    "end": (DAY_OR_TIME, "cms.pattern.day_or_time"),
}
MEDIA_DIR = "assets/images"
# Fields of translations the editor does not show: `nextsociety status --stamp` writes them.
NOT_EDITED = frozenset({"translated_from"})
# Fields a translation may repeat only with the original's value: edited once, in the original.
SAME_IN_EVERY_LANGUAGE = frozenset({"date", "type"})
# Hints shown under a field (string-table keys `cms.hint.<name>`).
HINTED = frozenset({"date", "slug", "start", "timezone", "tags", "draft", "id"})


@dataclass(frozen=True)
class CmsSettings:
    """Where the editor saves: the GitHub repository and branch, and the public site."""

    repo: str  # owner/name
    branch: str
    site_url: str
    editorial_workflow: bool = True  # saving opens a pull request; publishing merges it
    auth_url: str | None = None  # the OAuth proxy's address; None: access tokens only


@dataclass(frozen=True)
class Vocabulary:
    """What the model accepts in one field besides its type: the values and their labels."""

    values: Mapping[str, Sequence[Option]]  # field name -> select options

    def options(self, name: str) -> Sequence[Option] | None:
        return self.values.get(name)


@dataclass(frozen=True)
class Context:
    """One admin page's language and what the site accepts."""

    t: Translate
    languages: LanguageSet
    lang: Language
    registries: Registries
    events: Sequence[Option]  # every event: its title in this language, and its id
    tags: Sequence[str]


def site_context(site: Site, lang: Language) -> Context:
    """What the editor's configuration in `lang` is made from: the validated site."""
    strings = site.strings
    return Context(
        t=lambda key: strings.get(key, lang.code),
        languages=site.config.languages,
        lang=lang,
        registries=site.registries or Registries({}),
        events=[
            {"label": f"{event.text(lang).title} ({event.id})", "value": event.id}
            for event in site.events
        ],
        tags=sorted(tag_ids(strings.strings)),
    )


def cms_config(
    context: Context, settings: CmsSettings, content_dir: str, data_dir: str
) -> dict[str, Any]:
    """The whole configuration as data (written as YAML by the plugin)."""
    t = context.t
    return {
        "backend": {
            "name": "github",
            "repo": settings.repo,
            "branch": settings.branch,
            **({"base_url": settings.auth_url} if settings.auth_url else {}),
            # Without an OAuth proxy, GitHub's button would lead nowhere: tokens only.
            "auth_methods": ["oauth", "token"] if settings.auth_url else ["token"],
            "commit_messages": {
                "create": "Create {{collection}} “{{slug}}”",
                "update": "Update {{collection}} “{{slug}}”",
                "delete": "Delete {{collection}} “{{slug}}”",
            },
        },
        "publish_mode": "editorial_workflow" if settings.editorial_workflow else "simple",
        "site_url": settings.site_url,
        "app_title": t("cms.title"),
        # Uploaded images go in the docs folder, written as paths from there (the model's rule).
        "media_folder": posixpath.join(content_dir, MEDIA_DIR),
        "public_folder": "/" + MEDIA_DIR,
        "i18n": {
            "structure": "multiple_files",
            "locales": list(context.languages.codes),
            "default_locale": context.languages.default.code,
            "omit_default_locale_from_file_path": True,  # x.md, x.fr.md, x.ar.md: our layout
            "initial_locales": "all",  # a translation may be left out, as on the site
        },
        "slug": {"encoding": "ascii", "clean_accents": True, "maxlength": 60},
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            *news_collections(context, content_dir),
            *event_collections(context, content_dir),
            *registry_collections(context, data_dir),
        ],
    }


# -- fields ------------------------------------------------------------------------------------


def cms_field(
    name: str,
    field: Field,
    context: Context,
    vocabulary: Vocabulary,
    i18n: bool | str = False,
) -> dict[str, Any]:
    """One model field as an editor field: widget, required flag, options or pattern, hint."""
    t = context.t
    spec: dict[str, Any] = {"name": name, "label": t(f"cms.field.{name}")}
    options = vocabulary.options(name)
    if options is not None:
        spec |= {"widget": "select", "options": list(options), "multiple": field.types is list}
        if field.types is list:
            spec["dropdown_threshold"] = 0  # a searchable list, never a wall of checkboxes
    elif field.types is bool:
        spec |= {"widget": "boolean", "default": False}
    elif field.types is dict:
        spec |= {"widget": "object", "fields": _localized_fields(context, field)}
    elif field.types is list:
        spec |= {"widget": "list"}
    elif name == "image":
        spec |= {"widget": "image"}
    else:
        spec |= _text_widget(name, field, t)
    spec["required"] = field.required
    if i18n:
        spec["i18n"] = i18n
    if name in HINTED:
        spec["hint"] = t(f"cms.hint.{name}")
    return spec


def _text_widget(name: str, field: Field, t: Translate) -> dict[str, Any]:
    if name in DATE_PATTERNS:
        pattern, message = DATE_PATTERNS[name]
        return {"widget": "string", "pattern": [pattern, t(message)]}
    spec: dict[str, Any] = {"widget": "text" if name in ("summary", "description") else "string"}
    if field.check in (check_plain_text, check_name):
        spec["maxlength"] = MAX_TEXT_LENGTH
    if field.check is check_https_url:
        spec["type"] = "url"
    if field.check is check_email:
        spec["type"] = "email"
    if field.check is not None and field.check in CHECK_PATTERNS:
        pattern, message = CHECK_PATTERNS[field.check]
        spec["pattern"] = [pattern, t(message)]
    return spec


def _localized_fields(context: Context, field: Field) -> list[dict[str, Any]]:
    """A text per language (`{en: …, fr: …, ar: …}`); only the default language is required."""
    default = context.languages.default.code
    pattern = [PLAIN_TEXT, context.t("cms.pattern.text")]
    return [
        {
            "name": lang.code,
            "label": lang.name,
            "widget": "text",
            "required": lang.code == default,
            "pattern": pattern,
            "maxlength": MAX_TEXT_LENGTH,
        }
        for lang in context.languages.languages
    ]


def front_matter_fields(
    original: Mapping[str, Field],
    translation: Mapping[str, Field],
    context: Context,
    vocabulary: Vocabulary,
) -> list[dict[str, Any]]:
    """The fields of an item with translations: texts per language, the rest in the original."""
    names = [*original, *(name for name in translation if name not in original)]
    fields = []
    for name in names:
        if name in NOT_EDITED:
            continue
        translated = name in translation and name not in SAME_IN_EVERY_LANGUAGE
        fields.append(
            cms_field(
                name, original.get(name) or translation[name], context, vocabulary, translated
            )
        )
    return fields


def body_field(t: Translate) -> dict[str, Any]:
    return {
        "name": "body",
        "label": t("cms.field.body"),
        "widget": "markdown",
        "required": False,
        "i18n": True,
    }


# -- options -----------------------------------------------------------------------------------


def record_options(records: Mapping[str, Any]) -> list[Option]:
    """`{label, value}` for every record of a registry: its name, and the id files store."""
    return [
        {"label": f"{record.name} ({record_id})", "value": record_id}
        for record_id, record in records.items()
    ]


def labelled(values: Iterable[str], t: Translate, key: str) -> list[Option]:
    """Values of a vocabulary with their labels from the string table (`key` with `{}`)."""
    return [{"label": t(key.format(value)), "value": value} for value in values]


def country_options(lang: str) -> list[Option]:
    codes = sorted(country_codes(), key=lambda code: country_name(code, lang))
    return [{"label": f"{country_name(code, lang)} ({code})", "value": code} for code in codes]


def news_vocabulary(context: Context) -> Vocabulary:
    registries = context.registries
    partner_options = record_options(registries.get("partners"))
    return Vocabulary(
        {
            "type": labelled(news_model.NEWS_TYPES, context.t, "news.type.{}"),
            "partners": partner_options,
            "organisers": partner_options,
            "clusters": record_options(registries.get("clusters")),
            "events": list(context.events),
            "contact": record_options(registries.get("contacts")),
            "tags": labelled(context.tags, context.t, "tag.{}"),
        }
    )


def event_vocabulary(context: Context) -> Vocabulary:
    registries = context.registries
    cluster_options = record_options(registries.get("clusters"))
    return Vocabulary(
        {
            "status": labelled(event_model.EVENT_STATUSES, context.t, "events.status.{}"),
            "hosts": record_options(registries.get("partners")),
            "clusters": cluster_options,
            "visits": cluster_options,
            "country": country_options(context.lang.code),
        }
    )


def registry_vocabulary(context: Context) -> Vocabulary:
    t = context.t
    return Vocabulary(
        {
            "country": country_options(context.lang.code),
            "partner": record_options(context.registries.get("partners")),
            "organisation": record_options(context.registries.get("partners")),
            "sector": labelled(clusters.SECTORS, t, "registry.sector.{}"),
            "kind": labelled(partners.KINDS, t, "registry.kind.{}"),
        }
    )


# -- collections -------------------------------------------------------------------------------


def _entry_collection(name: str, context: Context, folder: str, path: str) -> dict[str, Any]:
    t = context.t
    return {
        "name": name,
        "label": t(f"cms.collection.{name}"),
        "label_singular": t(f"cms.collection.{name}.one"),
        "folder": folder,
        "path": path,
        "extension": "md",
        "format": "yaml-frontmatter",
        "i18n": True,
        "create": True,
        "slug": {
            "template": "{{title}}",
            "editable": ["create"],  # a slug never changes once published
            "pattern": [SLUG_RE.pattern, t("cms.pattern.slug")],
            "hint": t("cms.hint.slug"),
        },
        "summary": "{{title}}",
        "sortable_fields": ["title"],
    }


def news_collections(context: Context, content_dir: str) -> list[dict[str, Any]]:
    """Press releases and news items: one folder, told apart by `type`."""
    fields = front_matter_fields(
        news_model.ORIGINAL_FIELDS,
        news_model.TRANSLATION_FIELDS,
        context,
        news_vocabulary(context),
    )
    folder = posixpath.join(content_dir, news_model.NEWS_DIR)
    collections = []
    for name, item_type in (("press-releases", "press-release"), ("news", "news")):
        typed = [
            {**field, "default": item_type, "readonly": True} if field["name"] == "type" else field
            for field in fields
        ]
        collection = _entry_collection(
            name, context, folder, "{{fields.date | date('YYYY')}}/{{slug}}"
        )
        collection |= {
            "filter": {"field": "type", "value": item_type},
            "fields": [*typed, body_field(context.t)],
            "sortable_fields": ["date", "title"],
        }
        collections.append(collection)
    return collections


def event_collections(context: Context, content_dir: str) -> list[dict[str, Any]]:
    """Dated events (`events/<year>/`) and planned ones, whose dates are not fixed yet."""
    fields = event_fields(context)
    folder = posixpath.join(content_dir, "events")
    dated_path = "{{fields.start | date('YYYY')}}/{{slug}}"
    dated = _entry_collection("events", context, folder, dated_path)
    statuses = [status for status in event_model.EVENT_STATUSES if status != "planned"]
    dated |= {
        "filter": {"field": "status", "value": statuses},
        "fields": [*fields, body_field(context.t)],
    }
    planned_folder = posixpath.join(folder, event_model.PLANNED_DIR)
    planned = _entry_collection("planned-events", context, planned_folder, "{{slug}}")
    undated = [field for field in fields if field["name"] not in ("start", "end", "timezone")]
    planned |= {
        "filter": {"field": "status", "value": "planned"},
        "fields": [
            {**field, "default": "planned"} if field["name"] == "status" else field
            for field in undated
        ]
        + [body_field(context.t)],
    }
    return [dated, planned]


def event_fields(context: Context) -> list[dict[str, Any]]:
    """An event's fields; its place is one `location` object, edited in the original."""
    vocabulary = event_vocabulary(context)
    original = dict(event_model.ORIGINAL_FIELDS)
    location_field = original.pop("location")
    translation = {  # a translated city, region, venue: kept, not edited (docs/web-editing.md)
        name: field
        for name, field in event_model.TRANSLATION_FIELDS.items()
        if name not in event_model.LOCATION_FIELDS
    }
    fields = front_matter_fields(original, translation, context, vocabulary)
    location = {
        "name": "location",
        "label": context.t("cms.field.location"),
        "widget": "object",
        "required": location_field.required,
        "fields": [
            cms_field(name, field, context, vocabulary)
            for name, field in event_model.LOCATION_FIELDS.items()
        ],
    }
    after_status = next(i for i, field in enumerate(fields) if field["name"] == "status") + 1
    return [*fields[:after_status], location, *fields[after_status:]]


REGISTRY_FIELDS: Mapping[str, Mapping[str, Field]] = {
    "partners": partners.PARTNER_FIELDS,
    "clusters": clusters.CLUSTER_FIELDS,
    "contacts": contacts.CONTACT_FIELDS,
}


def registry_collections(context: Context, data_dir: str) -> list[dict[str, Any]]:
    """Each registry file, a YAML list of records, as one list the editor adds to and edits."""
    vocabulary = registry_vocabulary(context)
    contact_kinds = labelled(contacts.CONTACT_KINDS, context.t, "cms.contact_kind.{}")
    contact_vocabulary = Vocabulary({**vocabulary.values, "kind": contact_kinds})
    return [
        registry_collection(
            name,
            [
                cms_field(
                    key, field, context, contact_vocabulary if name == "contacts" else vocabulary
                )
                for key, field in fields.items()
            ],
            context.t,
            posixpath.join(data_dir, f"{name}.yml"),
        )
        for name, fields in REGISTRY_FIELDS.items()
    ]


def registry_collection(
    name: str, record_fields: list[dict[str, Any]], t: Translate, file: str
) -> dict[str, Any]:
    """A file collection of one file whose root is the list of records."""
    records = {
        "name": name,
        "label": t(f"cms.collection.{name}"),
        "label_singular": t(f"cms.collection.{name}.one"),
        "widget": "list",
        "root": True,  # the file is a list, not a mapping
        "summary": "{{fields.name}} ({{fields.id}})",
        "fields": record_fields,
    }
    label = t(f"cms.collection.{name}")
    return {
        "name": name,
        "label": label,
        "files": [
            {"name": name, "label": label, "file": file, "format": "yaml", "fields": [records]}
        ],
    }
