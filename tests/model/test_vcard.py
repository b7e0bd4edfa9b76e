"""The press contact's vCard parses back (vobject) with every field, in every language."""

from __future__ import annotations

import vobject
from nextsociety.render.vcard import FOLD_AT, VCardContact, fold, vcard

RUIZ = VCardContact(
    name="Inmaculada Ruiz",
    email="inmaculada.ruiz@anima.coop",
    roles={
        "en": "Communication Manager",
        "fr": "Responsable de la communication",
        "ar": "مسؤولة الاتصال",
    },
    organisation="ANIMA Investment Network",
    phone="+33 4 96 11 67 69",
)


def test_vcard_parses_back():
    text = vcard(RUIZ)
    card = vobject.readOne(text)
    assert card.fn.value == "Inmaculada Ruiz"
    assert card.email.value == "inmaculada.ruiz@anima.coop"
    assert card.tel.value == "tel:+33-4-96-11-67-69"
    assert card.org.value == ["ANIMA Investment Network"]
    titles = {t.params["LANGUAGE"][0]: t.value for t in card.contents["title"]}
    assert titles == dict(RUIZ.roles)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "\nN:" not in text  # no family name is invented


def test_text_is_escaped_and_long_lines_folded():
    contact = VCardContact(name="A, B; C\\D", email="x@example.org", organisation="é" * 60)
    text = vcard(contact)
    assert "FN:A\\, B\\; C\\\\D\r\n" in text
    assert all(len(line.encode("utf-8")) <= FOLD_AT for line in text.split("\r\n"))
    assert vobject.readOne(text).org.value == ["é" * 60]
    assert fold("x" * 200).count("\r\n ") == 2
