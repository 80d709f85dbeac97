"""Who is who: customer, business side, and the option that fixes an undecidable chat."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cs_audit.config import AgentSpec, AuditConfig
from cs_audit.errors import RolesError
from cs_audit.roles import (
    Roles,
    assign_roles,
    customer_in_file_name,
    frequent_authors,
    identity,
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
        # names holding a dot, in a folder an iPhone zip was extracted into (fuzzing)
        ("week/WhatsApp Chat - @nia.olshop/_chat.txt", "@nia.olshop"),
        ("week/WhatsApp Chat - J. Sitompul/_chat.txt", "J. Sitompul"),
        ("WhatsApp Chat - J. Sitompul.zip/_chat.txt", "J. Sitompul"),
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
    assert customer_in_file_name("WhatsApp Chat with Sofia Reyes (1) (1).txt") == "Sofia Reyes"
    for account in (None, "Toko Maju"):  # nothing says otherwise, or the folder agrees
        roles = assign_roles(
            "Chat WhatsApp dengan Budi.txt", ["Toko Maju"], CONFIG, account=account
        )
        assert (set(roles.customers), set(roles.business)) == ({"Budi"}, {"Toko Maju"})
    with pytest.raises(RolesError):  # the folder's account is another: a group's member
        assign_roles("Chat WhatsApp dengan Reseller 2026.txt", ["Bagus"], CONFIG, account="Kios")


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


@pytest.mark.parametrize(
    ("file", "authors", "config", "frequent", "expected"),
    [
        ("Chat WhatsApp dengan Budi.txt", ["Budi"], CONFIG, frozenset(), ({"Budi"}, None)),
        ("Chat WhatsApp dengan Budi.txt", ["Budi"], CONFIG, {"Toko"}, ({"Budi"}, "Toko")),
        ("chat.txt", ["Budi"], CONFIG.with_agents(("Toko",)), frozenset(), ({"Budi"}, "Toko")),
    ],
    ids=["named", "account-from-folder", "agent-option"],
)
def test_a_chat_only_the_customer_wrote_is_audited(
    file: str,
    authors: list[str],
    config: AuditConfig,
    frequent: frozenset[str],
    expected: tuple[set[str], str | None],
) -> None:
    """Nobody answered: the customer is known (file name, or --agent names the other
    side), the business side is empty and its account named where it can be."""
    roles = assign_roles(file, authors, config, frequent=frozenset(frequent))
    assert (set(roles.customers), roles.business, roles.account) == (
        expected[0],
        frozenset(),
        expected[1],
    )


@pytest.mark.parametrize(
    ("file", "authors"),
    [
        ("WhatsApp Chat with Arisan Keluarga.txt", ["Ani", "Budi", "Cici"]),  # a group
        ("WhatsApp Chat with Sari.txt", ["Budi", "Toko"]),  # the name is not an author
        ("chat.txt", ["Budi"]),  # one author, nothing says which side
    ],
)
def test_customers_are_never_made_the_business_side(file: str, authors: list[str]) -> None:
    """Where nothing tells the sides, the file is reported, never all business."""
    with pytest.raises(RolesError):
        assign_roles(file, authors, CONFIG)


def test_file_names_with_bidi_marks_or_bytes_that_were_not_utf8() -> None:
    """Android wraps a number in bidi marks; a Latin-1 name on disk shows U+FFFD: both
    still name their author."""
    phone = "WhatsApp Chat with \u202a+62 812-3456-7890\u202c.txt"
    assert customer_in_file_name(phone) == "+62 812-3456-7890"
    roles = assign_roles(phone, ["+62 812-3456-7890", "Toko"], CONFIG)
    assert (set(roles.customers), set(roles.business)) == ({"+62 812-3456-7890"}, {"Toko"})
    latin = assign_roles("WhatsApp Chat with Ren\ufffd.txt", ["René", "Toko"], CONFIG)
    assert (set(latin.customers), set(latin.business)) == ({"René"}, {"Toko"})


def test_a_file_of_system_lines_has_no_sides_to_tell() -> None:
    """No author at all: no error, and no conversation will come of it."""
    assert assign_roles("chat.txt", [], CONFIG) == Roles(frozenset(), frozenset())


@given(
    file=st.sampled_from(
        ["chat.txt", "WhatsApp Chat with Budi.txt", "WhatsApp Chat with Arisan.txt"]
    ),
    authors=st.lists(st.sampled_from(["Budi", "Rina", "Sari", "Toko"]), min_size=1, unique=True),
)
def test_the_suggested_agent_option_fixes_what_it_is_suggested_for(
    file: str, authors: list[str]
) -> None:
    """Wherever the sides cannot be told and --agent is suggested, naming one of the
    chat's authors as the business account tells them."""
    try:
        assign_roles(file, authors, CONFIG)
        hint = None
    except RolesError as error:
        hint = error.hint
    if hint is None:
        return
    assert "pass --agent NAME" in hint
    named = customer_in_file_name(file)
    for agent in authors:
        if agent != named:  # the one the file name names is the customer
            roles = assign_roles(file, authors, CONFIG.with_agents((agent,)))
            assert agent in roles.business
            assert not roles.customers & roles.business


def test_a_roster_never_makes_the_lone_business_author_a_customer() -> None:
    """Found by make fuzz: with a roster that does not list the account, a chat only the
    business wrote in, to the customer its file name names, stays the business's."""
    roster = AuditConfig(agents=(AgentSpec("Fikri", ("+62 857-2407-2439",)),))
    file = "WhatsApp Chat with +62 854-4648-1377.txt"
    for account in (None, "Toko Maju"):
        roles = assign_roles(file, ["Toko Maju"], roster, account=account)
        assert (set(roles.customers), set(roles.business)) == ({"+62 854-4648-1377"}, {"Toko Maju"})


def test_a_customer_named_with_a_colon_stays_the_customer() -> None:
    """Found by make fuzz: "Budi: VIP: Hi" reads as author "Budi"; the file name's
    "Budi: VIP" still names them, whatever the config says."""
    roster = AuditConfig(agents=(AgentSpec("Rina", ("+62 857-2407-2439",)),))
    for config in (CONFIG, roster):
        roles = assign_roles("Chat WhatsApp dengan Budi: VIP.txt", ["Budi"], config)
        assert (set(roles.customers), roles.business) == ({"Budi"}, frozenset())


def test_the_review_s_side_cases() -> None:
    """A chat nobody answered is not credited to its own customer even when they are
    frequent in the folder; a name unreadable on disk matches nobody, and --agent then
    tells the sides; a roster of signatures alone never makes the account a customer."""
    roles = assign_roles(
        "Chat WhatsApp dengan Budi (2).txt", ["Budi"], CONFIG, frequent=frozenset({"Budi"})
    )
    assert (roles.customers, roles.account) == (frozenset({"Budi"}), None)
    thai = "Chat WhatsApp dengan \ufffd\ufffd\ufffd\ufffd\ufffd.txt"
    roles = assign_roles(thai, ["Toko Maju"], CONFIG, account="Toko Maju")
    assert roles.business == frozenset({"Toko Maju"})
    fixed = assign_roles(thai, ["Toko Maju"], CONFIG.with_agents(("Toko Maju",)))
    assert fixed.business == frozenset({"Toko Maju"})
    signers = AuditConfig(agents=(AgentSpec("Rina"),))
    with pytest.raises(RolesError):
        assign_roles("chat.txt", ["Toko Maju"], signers)


def test_fuzz_finds_a_customer_named_like_an_agent_and_a_lone_group_member() -> None:
    """Found by make fuzz: a customer called Putri stays the customer of her file though
    the roster has an agent called Putri; a lone member of a group named like the file,
    whom another file names as its customer, is never made the business."""
    roster = AuditConfig(agents=(AgentSpec("Putri", ("Outfit Kita.id",)),))
    roles = assign_roles("WhatsApp Chat with Putri.txt", ["Putri"], roster)
    assert (set(roles.customers), roles.business) == ({"Putri"}, frozenset())
    with pytest.raises(RolesError):
        assign_roles(
            "Chat WhatsApp dengan Reseller Outfit 2026.txt",
            ["Hendra Wijaya"],
            CONFIG,
            named_elsewhere=frozenset({"hendra wijaya"}),
        )


def test_a_decomposed_file_name_names_its_composed_author() -> None:
    """A Mac writes "김민지" and "Zoë" in file names decomposed (NFD); the chat has
    them composed: the file name still names the customer (found by fuzzing)."""
    for name in ("김민지", "Zoë Álvarez"):
        decomposed = unicodedata.normalize("NFD", name)
        assert decomposed != name
        file = f"WhatsApp Chat - {decomposed}.zip/_chat.txt"
        assert customer_in_file_name(file) == name
        roles = assign_roles(file, [name, "Outfit Kita.id"], CONFIG)
        assert (set(roles.customers), set(roles.business)) == ({name}, {"Outfit Kita.id"})
    assert identity(unicodedata.normalize("NFD", "Zoë")) == identity("Zoë")


def test_a_customer_with_several_chats_is_never_the_business() -> None:
    """Found by make fuzz: Emily Carter's three chats in one folder (one named
    "export.txt") make her an author of three chats, which marks the business account;
    but other files name her as their customer, so she is the customer of all three."""
    emily = frozenset({identity("Emily Carter")})
    roles = assign_roles(
        "export.txt", ["Emily Carter"], CONFIG, frequent=emily, named_elsewhere=emily
    )
    assert (set(roles.customers), roles.business) == ({"Emily Carter"}, frozenset())
    named = assign_roles(
        "Chat WhatsApp dengan Emily Carter.txt",
        ["Emily Carter", "Toko Maju"],
        CONFIG,
        frequent=emily | {identity("Toko Maju")},
        named_elsewhere=emily,
    )
    assert (set(named.customers), set(named.business)) == ({"Emily Carter"}, {"Toko Maju"})
