import attrs

from crmcore.model import EmailAddress, ExternalKey, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.storage import _keys as keys


def _party(**fields):
    return Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00", **fields)


def test_index_rows_are_distinct():
    party = _party(
        contacts=[
            PhoneNumber("+48 601 234 567"),
            PhoneNumber("+48601234567", label="home"),
            EmailAddress("A@B.PL"),
        ],
        external_keys=[ExternalKey("1C", "x")],
        roles={"client"},
        tags={"vip"},
    )
    assert sorted(keys.index_rows(party)) == [
        ("email", "a@b.pl"),
        ("external", "1C\x1fx"),
        ("phone", "+48601234567"),
        ("role", "client"),
        ("tag", "vip"),
    ]


def test_identifier_rows_compact_values():
    party = _party(
        identifiers=[
            Identifier("nip", "526-025-09-95", country="PL"),
            Identifier("nip", "5260250995", country="PL"),
            Identifier("vat", "el 094014201"),
        ]
    )
    assert list(keys.identifier_rows(party)) == [
        ("nip", "5260250995", "PL"),
        ("vat", "EL094014201", ""),
    ]


def test_country_prefers_the_primary_address_then_any_then_identifiers():
    warsaw = PostalAddress(locality="Warszawa", country="PL")
    kyiv = PostalAddress(locality="Київ", country="UA", primary=True)
    nowhere = PostalAddress(locality="Somewhere")
    assert keys.party_country(_party(contacts=[warsaw, kyiv])) == "UA"
    assert keys.party_country(_party(contacts=[nowhere, warsaw])) == "PL"
    assert keys.party_country(_party(contacts=[attrs_primary(nowhere), warsaw])) == "PL"
    assert (
        keys.party_country(
            _party(identifiers=[Identifier("afm", "1"), Identifier("afm", "2", country="GR")])
        )
        == "GR"
    )
    assert keys.party_country(_party()) is None


def attrs_primary(address):
    return attrs.evolve(address, primary=True)
