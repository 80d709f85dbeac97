"""Who is who: customer, business side, and the option that fixes an undecidable chat."""

from __future__ import annotations

import pytest

from cs_audit.config import AgentSpec, AuditConfig
from cs_audit.errors import RolesError
from cs_audit.roles import (
    assign_roles,
    customer_in_file_name,
    frequent_authors,
    phone_key,
    settled_roles,
)

CONFIG = AuditConfig()


def test_phone_numbers_match_however_written() -> None:
    """International, compact and national spellings of one number give one key."""
    keys = {
        phone_key(p)
        for p in ("+62 812-3456-7890", "+6281234567890", "0812 3456 7890", "0062 812 3456 7890")
    }
    assert keys == {"6281234567890"}
    assert phone_key("Budi Santoso") is None
    assert phone_key("12:30") is None


@pytest.mark.parametrize(
    ("file", "customer"),
    [
        ("exports/WhatsApp Chat with Jessica Miller.txt", "Jessica Miller"),
        ("Chat WhatsApp dengan +62 812-3456-7890.txt", "+62 812-3456-7890"),
        ("in/WhatsApp Chat - Sari Dewi.zip/_chat.txt", "Sari Dewi"),
        ("week.zip/Chat WhatsApp dengan Budi.txt", "Budi"),
        ("notes/chat.txt", None),
    ],
)
def test_customer_named_by_the_file(file: str, customer: str | None) -> None:
    """Android and Indonesian file names, and iOS zip names, name the other party."""
    assert customer_in_file_name(file) == customer


def test_file_name_decides_a_one_to_one_chat() -> None:
    """The named party is the customer; the other author is the business side."""
    roles = assign_roles(
        "Chat WhatsApp dengan 0812 3456 7890.txt", ["+62 812-3456-7890", "Toko Maju"], CONFIG
    )
    assert (set(roles.customers), set(roles.business)) == ({"+62 812-3456-7890"}, {"Toko Maju"})


def test_roster_and_agent_option() -> None:
    """A roster alias (any phone spelling) or --agent puts an author on the business side."""
    roster = AuditConfig(agents=(AgentSpec("Rina", appears_as=("0811 1111 2222",)),))
    roles = assign_roles("chat.txt", ["+62 811-1111-2222", "Budi"], roster)
    assert (set(roles.customers), set(roles.business)) == ({"Budi"}, {"+62 811-1111-2222"})
    roles = assign_roles("chat.txt", ["Toko Maju", "Budi"], CONFIG.with_agents(("toko maju",)))
    assert set(roles.business) == {"Toko Maju"}


def test_exporter_and_frequent_author() -> None:
    """iOS's "Anda" is the exporting business phone; an author in most chats is the business."""
    assert set(assign_roles("chat.txt", ["Anda", "Sari"], CONFIG).business) == {"Anda"}
    frequent = frequent_authors([["Toko", "A"], ["Toko", "B"], ["Toko", "C"], ["D", "E"]])
    assert frequent == {"Toko"}
    assert set(assign_roles("x.txt", ["Toko", "Z"], CONFIG, frequent=frequent).customers) == {"Z"}


def test_undecidable_roles_name_the_fix() -> None:
    """Two authors and nothing to tell them apart: an error that says what to pass."""
    with pytest.raises(RolesError) as caught:
        assign_roles("notes/chat.txt", ["Budi", "Rina"], CONFIG)
    assert str(caught.value) == (
        "notes/chat.txt: cannot tell the customer from the business side (authors: Budi, "
        "Rina); pass --agent NAME for the business account, or list agents in the config's "
        "[[agents]]"
    )


def test_browser_copy_suffix_and_silent_customer() -> None:
    """ "... Budi (1).txt" still names Budi; a chat where only the business wrote is fine."""
    assert customer_in_file_name("WhatsApp Chat with Budi (1).txt") == "Budi"
    roles = assign_roles("Chat WhatsApp dengan Budi.txt", ["Toko Maju"], CONFIG)
    assert (set(roles.customers), set(roles.business)) == ({"Budi"}, {"Toko Maju"})


def test_file_name_outranks_frequency_and_roster_outranks_file_name() -> None:
    """Three exports of one customer: the file name keeps them a customer; a roster entry
    for an author the file name names still makes them business."""
    frequent = frequent_authors([["Budi", "Toko"]] * 3)
    assert frequent == {"Budi", "Toko"}
    roles = assign_roles(
        "Chat WhatsApp dengan Budi.txt", ["Budi", "Toko"], CONFIG, frequent=frequent
    )
    assert (set(roles.customers), set(roles.business)) == ({"Budi"}, {"Toko"})
    roster = CONFIG.with_agents(("Budi",))
    with pytest.raises(RolesError):
        assign_roles("Chat WhatsApp dengan Budi.txt", ["Budi"], roster)


@pytest.mark.parametrize(
    ("file", "authors", "settled"),
    [
        ("WhatsApp Chat with Budi.txt", ["Budi", "Toko"], ({"Budi"}, {"Toko"})),
        ("Chat WhatsApp dengan Budi.txt", ["Budi", "Anda"], ({"Budi"}, {"Anda"})),
        ("WhatsApp Chat with Budi.txt", ["Budi", "Toko", "Sari"], None),  # Sari: either side
        ("WhatsApp Chat with Budi.txt", ["Toko", "Sari"], None),  # Budi never wrote
        ("chat.txt", ["Anda", "Sari"], None),  # no name: Sari could be frequent
        ("chat.txt", ["Budi", "Toko"], None),  # undecidable alone
    ],
)
def test_settled_roles_are_those_no_folder_can_change(
    file: str, authors: list[str], settled: tuple[set[str], set[str]] | None
) -> None:
    """Sides are settled from one file only where every customer is the one its name
    names; whatever authors are frequent across the folder, assign_roles agrees."""
    roles = settled_roles(file, authors, CONFIG)
    assert (roles and (set(roles.customers), set(roles.business))) == settled
    if roles is not None:
        for frequent in (frozenset(authors), frozenset({"Toko"}), frozenset()):
            assert assign_roles(file, authors, CONFIG, frequent=frequent) == roles
