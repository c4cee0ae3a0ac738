"""Parties of the markets crmcore serves, for the matching tests."""

from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress

WHEN = "2026-03-02T09:00:00+01:00"


def person(given=None, family=None, *, phone=None, email=None, born=None, address=None, **more):
    contacts = []
    if phone:
        contacts.append(PhoneNumber.parse(phone[0], country=phone[1]))
    if email:
        contacts.append(EmailAddress.parse(email))
    if address:
        contacts.append(PostalAddress(**address))
    attributes = {"birth_date": born} if born else {}
    return Party.person(
        given=given,
        family=family,
        created_at=WHEN,
        contacts=contacts,
        attributes=attributes,
        **more,
    )


def company(name, legal_form=None, *, tax=None, phone=None, email=None, address=None):
    contacts = []
    if phone:
        contacts.append(PhoneNumber.parse(phone[0], country=phone[1]))
    if email:
        contacts.append(EmailAddress.parse(email))
    if address:
        contacts.append(PostalAddress(**address))
    identifiers = [Identifier.parse(tax[1], scheme=tax[0], country=tax[2])] if tax else []
    return Party.organization(
        name, legal_form=legal_form, created_at=WHEN, contacts=contacts, identifiers=identifiers
    )
