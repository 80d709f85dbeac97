"""Who is who: the customer, the business side, and WhatsApp itself.

Sources, strongest first: the config's roster, ``--agent``, the export's file name
(it names the other party: the customer, for a business phone's export), and, across
a folder, an author present in many chats. Where they do not tell, the file is
reported with the option that fixes it: never a silent guess.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import phonenumbers

from cs_audit.config import AuditConfig
from cs_audit.errors import RolesError
from cs_audit.ingest.kinds import strip_bidi

# "WhatsApp Chat with X.txt", "Chat WhatsApp dengan X.txt", iOS "WhatsApp Chat - X.zip";
# a browser's second download of one name adds " (1)".
_FILE_NAME = re.compile(
    r"^(?:WhatsApp Chat with|Chat WhatsApp dengan|WhatsApp Chat -|Chat WhatsApp -)\s+(.+?)"
    r"(?:\s\(\d+\))*$",  # a copy of a copy: "Sofia Reyes (1) (1).txt"
    re.IGNORECASE,
)
# The exporting phone's own user, as iOS writes them.
_EXPORTER = frozenset({"anda", "you"})
_PHONE = re.compile(r"\+?[\d\s\-().\u2011]{8,}")


def phone_key(text: str, country_code: str = "62") -> str | None:
    """The digits that identify a phone number however it is written, or None.

    ``+62 812-3456-7890``, ``+6281234567890`` and ``0812 3456 7890`` give one key.
    """
    text = text.strip()
    if not _PHONE.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) < 8:
        return None
    # read as the maintained phonenumbers library reads it ("0062 812...", "(0812)..."),
    # in the config's country; what it cannot read keeps the digits it shows
    international = "+" + text.lstrip()[2:] if digits.startswith("00") else text
    number = _parsed(international, country_code)
    if number is not None:
        return f"{number.country_code}{number.national_number}"
    if text.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return country_code + digits[1:]
    return digits


@functools.lru_cache(maxsize=4096)
def _parsed(text: str, country_code: str) -> phonenumbers.PhoneNumber | None:
    """A phone number as libphonenumber reads it, if it is a possible one."""
    region = phonenumbers.region_code_for_country_code(int(country_code))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def identity(author: str, country_code: str = "62") -> str:
    """A key under which two spellings of one author are equal (composed or decomposed
    accents and Hangul, as a roster typed on a Mac may have them, are one)."""
    folded = unicodedata.normalize("NFC", author).casefold()
    return phone_key(author, country_code) or " ".join(folded.split())


def customer_in_file_name(file: str) -> str | None:
    """The other party an export's file name names (for zips, the zip's name)."""
    parts = PurePosixPath(file).parts
    for part in reversed(parts):
        # only an export's own extensions come off: "@nia.olshop" and "J. Sitompul" are
        # whole names (a folder an iPhone zip was extracted into keeps them)
        stem = part[:-4] if part.casefold().endswith((".txt", ".zip")) else part
        # a phone number in a file name comes wrapped in bidi marks, as Android writes it
        found = _FILE_NAME.match(strip_bidi(stem))
        if found:  # a Mac writes file names decomposed (NFD); chats are composed (NFC)
            return unicodedata.normalize("NFC", found[1].strip())
    return None


def same_party(named: str, author: str, country_code: str = "62") -> bool:
    """Whether the party a file name names is this author. A name whose bytes were not
    UTF-8 on disk shows U+FFFD for each: there, any one or two characters match."""
    if identity(named, country_code) == identity(author, country_code):
        return True
    # a name holding ": " ("Budi: VIP") reads as author "Budi" where the body follows
    if ": " in named and identity(named.partition(": ")[0], country_code) == identity(
        author, country_code
    ):
        return True
    folded = " ".join(named.casefold().split())
    unreadable = folded.count("\ufffd")
    if not unreadable or len(folded) - unreadable < max(3, unreadable):
        return False  # too little of the name was readable to tell anyone by it
    # each run of U+FFFD stands for one to two characters a byte each
    pattern = "".join(
        f".{{{len(run)},{2 * len(run)}}}" if run.startswith("\ufffd") else re.escape(run)
        for run in re.split("(\ufffd+)", folded)
        if run
    )
    return re.fullmatch(pattern, " ".join(author.casefold().split())) is not None


@dataclass(frozen=True, slots=True)
class Roles:
    """The authors of one chat, by side."""

    customers: frozenset[str]
    business: frozenset[str]  # empty where only the customer wrote: nobody answered
    account: str | None = None  # the business account where none of its authors wrote


class AuthorCount:
    """Counts the chats each author writes in, a chat at a time (see ``frequent``)."""

    def __init__(self) -> None:
        self._counted: Counter[str] = Counter()
        self._chats = 0

    def add(self, authors: Iterable[str]) -> None:
        self._chats += 1
        self._counted.update(set(authors))

    def frequent(self, *, minimum: int = 3) -> frozenset[str]:
        """Authors present in at least ``minimum`` chats and in more than half of them:
        across a folder of one business's exports, that is the business account."""
        total = self._chats
        return frozenset(a for a, n in self._counted.items() if n >= minimum and n * 2 > total)


class AccountHints:
    """Per folder, the author in most of its chats: the business account a chat that
    only its customer wrote in belongs to, where several shops are audited together.
    An author some file names as its customer is never one, and group chats (three
    authors or more) are not counted; a folder without a clear account takes the whole
    run's."""

    _RUN = "\0"  # the whole run's key among the folders'

    def __init__(self, country_code: str = "62") -> None:
        self._code = country_code
        self._folders: dict[str, Counter[str]] = {}
        self._customers: set[str] = set()

    def add(self, file: str, authors: Iterable[str]) -> None:
        named = customer_in_file_name(file)
        if named is not None:
            self._customers.add(identity(named, self._code))
        # "Anda"/"You" is whoever exported the chat (the business, on an iPhone): it
        # names no account, and must not outvote the name other exports show
        people = {a for a in authors if a.casefold() not in _EXPORTER}
        if len(people) > 2:  # a group: any member writes in it, the account or not
            return
        self._folders.setdefault(os.path.dirname(file), Counter()).update(
            a for a in people if named is None or not same_party(named, a, self._code)
        )

    def settle(self) -> tuple[dict[str, str], frozenset[str]]:
        """Each folder's account (and the run's), and the identities named as customers."""
        customers = frozenset(self._customers)
        everywhere: Counter[str] = Counter()
        accounts = {}
        for folder, counted in self._folders.items():
            authors = Counter(
                {a: n for a, n in counted.items() if identity(a, self._code) not in customers}
            )
            everywhere.update(authors)
            if authors and max(authors.values()) >= 2:
                accounts[folder] = min(authors, key=lambda a: (-authors[a], a))
        if everywhere and max(everywhere.values()) >= 2:
            accounts[self._RUN] = min(everywhere, key=lambda a: (-everywhere[a], a))
        self._folders.clear()
        return accounts, customers

    @classmethod
    def of(cls, accounts: Mapping[str, str], file: str) -> str | None:
        """The business account of a file's folder, else of the whole run."""
        return accounts.get(os.path.dirname(file)) or accounts.get(cls._RUN)


def frequent_authors(chats: Iterable[Iterable[str]], *, minimum: int = 3) -> frozenset[str]:
    """``AuthorCount.frequent`` of these chats' authors."""
    count = AuthorCount()
    for authors in chats:
        count.add(authors)
    return count.frequent(minimum=minimum)


def settled_roles(
    file: str, authors: Iterable[str], config: AuditConfig, *, group: bool = False
) -> Roles | None:
    """The chat's sides where the folder cannot change them: every customer is the one
    its file name names. None where authors frequent across the folder could decide,
    and in a group (its name is no customer's)."""
    if group:
        return None
    people = set(authors)
    try:
        roles = assign_roles(file, people, config)
    except RolesError:
        return None
    named = customer_in_file_name(file)
    code = config.country_code
    if named is None or not roles.customers <= people:  # a customer who never wrote
        return None
    if not roles.business:  # nobody answered: the folder may name the account
        return None
    if any(not same_party(named, c, code) for c in roles.customers):
        return None
    return roles


def assign_roles(
    file: str,
    authors: Iterable[str],
    config: AuditConfig,
    *,
    frequent: frozenset[str] = frozenset(),
    account: str | None = None,
    named_elsewhere: frozenset[str] = frozenset(),
    group: bool = False,
) -> Roles:
    """Split a chat's authors into customers and the business side, or say what to pass.

    Precedence: the roster and --agent (and iOS's "Anda"), then the file name, then
    authors frequent across the folder. A group's export (``group``: its system lines
    show group events) is named by the group's subject: the name is no customer's.
    """
    code = config.country_code
    people = sorted(set(authors))
    if not people:  # only WhatsApp's own lines: no conversation, nobody to tell apart
        return Roles(frozenset(), frozenset())
    told = {identity(a, code) for spec in config.agents for a in spec.appears_as}
    told |= {identity(a, code) for a in config.agent_names}
    named = None if group else customer_in_file_name(file)
    # a roster agent's own name marks an author as theirs, unless the file name names
    # that author as its customer (a customer called Putri, an agent called Putri)
    signers = {identity(spec.name, code) for spec in config.agents}
    business = {
        a
        for a in people
        if identity(a, code) in told
        or a.casefold() in _EXPORTER
        or (identity(a, code) in signers and not (named and same_party(named, a, code)))
    }
    customers = set()
    if named is not None:
        customers = {a for a in people if same_party(named, a, code)} - business
    else:  # "export.txt": an author another file names as its customer is one here too
        customers = {a for a in people if identity(a, code) in named_elsewhere} - business
    # authors frequent across the folder are the business side, but for a customer who
    # has several chats in it (another file names them as its customer)
    frequent_keys = {identity(a, code) for a in frequent} - named_elsewhere
    business |= {a for a in people if identity(a, code) in frequent_keys} - customers
    if customers and not business and len(people) == 2:
        business = set(people) - customers
    rest = set(people) - business
    if business and rest:
        return Roles(frozenset(rest), frozenset(business))
    given = {identity(a, code) for a in config.agent_names}  # --agent names the account
    # (never in a group: a lone member there is no customer of the folder's account)
    other = (
        not group and account is not None and identity(account, code) != identity(people[0], code)
    )
    if not business and (
        customers == rest or ((given or other) and len(people) == 1 and named is None)
    ):
        # only the customer wrote (the file name names them, or the config or the
        # folder's other files name the business account and it is not here): nobody
        # answered, the worst chat of the week
        hint = {account} - set(people) if account else set()
        return Roles(frozenset(people), frozenset(), _account(config, frequent - set(people), hint))
    if business and not rest and named is None:
        # only the business side wrote, and nothing names the customer (a broadcast)
        return Roles(frozenset(), frozenset(business))
    silent = named is not None and not any(same_party(named, a, code) for a in people)
    lone = (
        len(people) == 1
        and account in (None, people[0])
        and identity(people[0], code) not in named_elsewhere  # a customer in another file
    )
    if named is not None and silent and (business or lone):
        # only the business side wrote, to the customer the file name names; a lone
        # author is not the business where the folder shows another account (in a
        # group named like the file, a lone author is a member)
        return Roles(frozenset({named}), frozenset(business or people))
    raise RolesError(
        file,
        f"cannot tell the customer from the business side (authors: {', '.join(people)})",
        "pass --agent NAME for the business account, or list agents in the config's [[agents]]",
    )


def _account(config: AuditConfig, frequent: frozenset[str], hint: set[str]) -> str | None:
    """The business account of a chat it never wrote in: the one author frequent across
    the run, else the one --agent name, else the author in most chats of its folder."""
    for names in (frequent, config.agent_names, hint):
        if len(names) == 1:
            return next(iter(names))
    return None
