"""The press room (`/press/`) of the `nextsociety/news` plugin: releases, contacts, boilerplate,
feeds and the media kit, and the boilerplate shown under every press release."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import File

from nextsociety.model import urls
from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem
from nextsociety.model.press import Boilerplate
from nextsociety.model.registries.contacts import Contact
from nextsociety.model.urls import MEDIA_KIT_DIR
from nextsociety.plugins.services import SiteServices
from nextsociety.render.markdown_text import markdown_html
from nextsociety.render.news import Entry
from nextsociety.render.vcard import VCardContact, vcard


@dataclass(frozen=True)
class PressRoom:
    """What the press room template shows, in one language."""

    releases: Sequence[Entry]
    contacts: Sequence[Contact]
    media: Sequence[File]  # the media kit: every file under press/media/
    media_kit_url: str | None = None  # the media kit page (/press/media-kit/), when there is one


def boilerplate_html(boilerplate: Boilerplate, codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """The "About" text per language, converted once per build (shown under every release)."""
    return {
        code: {
            "title": boilerplate.title[code],
            "body_html": markdown_html(boilerplate.body[code]),
        }
        for code in codes
    }


def press_room(
    services: SiteServices, items: Iterable[NewsItem], files: Iterable[File], lang: Language
) -> PressRoom:
    contacts: Mapping[str, Contact] = services.records("contacts")
    media = sorted(
        (f for f in files if f.src_uri.startswith(MEDIA_KIT_DIR) and not f.is_documentation_page()),
        key=lambda f: f.src_uri,
    )
    kit = services.pages.variant(urls.MEDIA_KIT, lang)
    return PressRoom(
        releases=[services.news_entry(item, lang) for item in items if item.is_press_release],
        contacts=list(contacts.values()),
        media=media,
        media_kit_url=kit.url if kit is not None else None,
    )


def contact_cards(services: SiteServices) -> dict[str, str]:
    """Every contact's vCard text by its site path (`urls.contact_card_url`)."""
    contacts: Mapping[str, Contact] = services.records("contacts")
    partners: Mapping[str, Any] = services.records("partners")
    cards = {}
    for contact in contacts.values():
        organisation = partners.get(contact.organisation) if contact.organisation else None
        roles = dict(contact.role.texts) if contact.role is not None else {}
        card = VCardContact(
            name=contact.name,
            email=contact.email,
            roles=roles,
            organisation=organisation.name if organisation is not None else None,
            phone=contact.phone,
            website=contact.website,
            kind="individual" if contact.kind == "press" else "org",
        )
        cards[urls.contact_card_url(contact.id)] = vcard(card)
    return cards
