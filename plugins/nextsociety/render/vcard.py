"""A press contact as a vCard (RFC 6350, version 4.0), for journalists' address books.

Only what the contact registry gives: the name as written (FN; no N, which would need a
family name the registry does not state), the role in every language (TITLE with one ALTID and
a LANGUAGE each), the organisation, phone, e-mail and website. UTF-8, CRLF line ends, lines
folded at 75 octets, text values escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FOLD_AT = 75  # octets per line, CRLF excluded (RFC 6350, 3.2)


@dataclass(frozen=True)
class VCardContact:
    name: str
    email: str
    roles: Mapping[str, str] = field(default_factory=dict)  # language -> role
    organisation: str | None = None
    phone: str | None = None  # "+33 4 96 11 67 69"
    website: str | None = None
    kind: str = "individual"  # or "org": the programme's own address


def vcard(contact: VCardContact) -> str:
    """The vCard text of one contact."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"KIND:{contact.kind}", f"FN:{escape(contact.name)}"]
    for lang, role in contact.roles.items():
        lines.append(f"TITLE;ALTID=1;LANGUAGE={lang}:{escape(role)}")
    if contact.organisation:
        lines.append(f"ORG:{escape(contact.organisation)}")
    if contact.phone:
        number = "-".join(contact.phone.split())
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{number}")
    lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    if contact.website:
        lines.append(f"URL:{contact.website}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def escape(text: str) -> str:
    """A vCard text value: backslash, comma, semicolon and new lines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a line at 75 octets without splitting a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = FOLD_AT if not parts else FOLD_AT - 1  # a continuation starts with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
