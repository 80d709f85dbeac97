"""The commented default config that ``cs-audit init`` writes, and its phrase files.

The rubric's phrase lists are the files shipped in cs_audit/phrases/, copied as they
are into a ``phrases`` folder beside the config: the files a supervisor edits hold
exactly what cs-audit would use without them.
"""

from __future__ import annotations

from cs_audit.rubric import shipped_phrase_files

PHRASES_DIR = "phrases"

_HEAD = """\
# cs-audit configuration. Every key is optional: what is left out keeps the default
# shown here. Precedence: command-line options > this file > defaults.

[conversations]
# A conversation ends when the chat is silent this long after an agent's reply.
session_gap_hours = 24
# Business messages that start like these are greeting/away messages, not replies.
automated_texts = [
    "Terima kasih telah menghubungi",
    "Terima kasih sudah menghubungi kami. Pesan Anda",
    "Thanks for messaging",
    "Thank you for contacting us",
]
# A business text sent again and again this soon after the customer is automated too.
automated_within_seconds = 10
# Phone numbers written nationally (0812...) belong to this country code.
country_code = "62"
# Signatures name the agent in group "name"; searched in a reply's last line.
# signature_patterns = ['^\\s*~\\s*(?P<name>[A-Z][\\w.]*)\\s*$']

[sla]
# The accessibility bar of CCSEI: a reply within the hour.
target_minutes = 60
# The stricter live-chat tier (e-commerce chat: under a minute).
live_chat_target_minutes = 1

[scorecard]
# Pass rates (and scores, x100) at or above good show green, under poor red, amber
# between: in the workbook's Summary and the terminal's score column.
good = 0.8
poor = 0.5

# Business hours: latency then counts open time only. Shifts are HH:MM-HH:MM;
# split shifts are several entries; a day left out is closed.
# [business_hours]
# monday = ["08:00-12:00", "13:00-17:00"]
# tuesday = ["08:00-12:00", "13:00-17:00"]
# wednesday = ["08:00-12:00", "13:00-17:00"]
# thursday = ["08:00-12:00", "13:00-17:00"]
# friday = ["08:00-11:30", "13:30-17:00"]
# saturday = ["09:00-14:00"]
# holidays = [2026-12-31]
# public_holidays = "ID"

# The roster: who the business-side authors are, and how they sign.
# [[agents]]
# name = "Rina"
# appears_as = ["+62 811-1111-2222"]
# signatures = ["Rina", "R"]

[rubric]
# A failed critical criterion makes the conversation's score 0.
critical = []
# "excluded": n/a criteria are left out of the score; "pass": they count as passed.
na_counts_as = "excluded"
# A reply longer than this is a wall of text.
wall_of_text_chars = 700
wall_of_text_lines = 15
# A quoted price may differ from the --catalog price by this share (0.05 = 5%).
price_tolerance = 0.0
# Messages per side that language detection reads.
language_sample = 8
# The phrase lists that decide each criterion and flag: one file per language in this
# folder, beside this file (id.toml, en.toml, any.toml for language-neutral ones).
# Edit them, or add a language by adding a file (jv.toml). A list can also be replaced
# here, per language:
# [rubric.phrases.closing]
# id = ['\\bterima ?kasih\\b', '\\bsemoga harinya menyenangkan\\b']
phrases_dir = "phrases"

# Weights of the six criteria in the score (0-100).
[rubric.weights]
response_speed = 2.0
greeting = 1.0
needs_inquiry = 1.0
answers_questions = 2.0
accurate_concise = 1.5
polite_closing = 1.0

"""


def default_config_text() -> str:
    """The config file, ready to write."""
    return _HEAD


def default_phrase_files() -> list[tuple[str, str]]:
    """The phrase files to write into ``PHRASES_DIR``: (file name, text)."""
    return shipped_phrase_files()
