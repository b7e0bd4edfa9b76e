"""Press and general contacts of the programme (data/contacts.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nextsociety.model.records import (
    LocalizedText,
    RecordFile,
    check_email,
    check_https_url,
    check_name,
    check_phone,
    check_vocabulary,
    has_required,
    parse_localized,
    parse_records,
)
from nextsociety.model.registries.base import RegistryKind
from nextsociety.model.schema import Field, check_slug
from nextsociety.model.yamlio import LineDict

# "press": shown with press releases; "general": the programme's own address.
CONTACT_KINDS = ("general", "press")

_TWITTER_RE = re.compile(r"^@[A-Za-z0-9_]{1,15}$")


def check_twitter(value: Any) -> str | None:
    if not _TWITTER_RE.match(str(value)):
        return f"'{value}' is not an X (Twitter) handle such as @TheNext_Society"
    return None


CONTACT_FIELDS = {
    "id": Field(str, required=True, check=check_slug),
    "kind": Field(str, required=True),
    "name": Field(str, required=True, check=check_name),
    "role": Field(dict),
    "phone": Field(str, check=check_phone),
    "email": Field(str, required=True, check=check_email),
    "website": Field(str, check=check_https_url),
    "organisation": Field(str, check=check_slug),  # a partner id, when a source ties them
    "twitter": Field(str, check=check_twitter),
}


@dataclass(frozen=True)
class Contact:
    id: str
    kind: str  # one of CONTACT_KINDS
    name: str
    email: str
    role: LocalizedText | None = None
    phone: str | None = None
    website: str | None = None
    organisation: str | None = None  # id of the partner the source ties the contact to
    twitter: str | None = None  # "@TheNext_Society"

    @property
    def twitter_url(self) -> str | None:
        return f"https://x.com/{self.twitter[1:]}" if self.twitter else None


def parse_contacts(
    data: Any, file: RecordFile
) -> tuple[tuple[Contact, ...], dict[str, int] | None]:
    def build(values: dict[str, Any], raw: LineDict) -> Contact | None:
        check_vocabulary(values, "kind", CONTACT_KINDS, raw, file)
        role = parse_localized(values, "role", raw, file)
        if not has_required(values, CONTACT_FIELDS):
            return None
        return Contact(
            id=values["id"],
            kind=values["kind"],
            name=values["name"].strip(),
            email=values["email"],
            role=role,
            phone=values.get("phone"),
            website=values.get("website"),
            organisation=values.get("organisation"),
            twitter=values.get("twitter"),
        )

    return parse_records(data, file, CONTACT_FIELDS, "contact", build)


# Contacts have no pages: press releases and the press room show them.
REGISTRY = RegistryKind(
    name="contacts",
    record="contact",
    parse=parse_contacts,
    order=30,
    pages=False,
    references={"organisation": "partners"},  # checked; press releases name it with the contact
)
