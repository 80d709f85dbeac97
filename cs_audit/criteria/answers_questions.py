"""Menjelaskan Sesuai Poin-poin Pertanyaan: every question gets an answer, on topic."""

from __future__ import annotations

import re
from collections.abc import Set

from cs_audit.criteria.base import Context, quote, result, shares_topic, topic_words
from cs_audit.models import CriterionResult, Message, MessageKind, Turn, Verdict
from cs_audit.prices import find_prices

KEY = "answers_questions"


def _data_answer(ctx: Context, question: Message, turn: Turn) -> bool | None:
    """For a question asking price, stock, size or a time: whether every datum asked
    was given. None when the question asks for no such data."""
    kinds = [kind for kind in ctx.asks(question) if kind != "contents"]  # by topic
    if not kinds:
        return None
    return all(
        ctx.gives(turn, kind) or (kind == "stock" and _offered(ctx, question, turn))
        for kind in kinds
    )


# a follow-up asking for news names no topic of its own: "any update?"
_NUDGE = frozenset({"update", "updates", "updatenya"})


def _when_told(ctx: Context, question: Message, turn: Turn) -> bool:
    """A question of when, on an order or a case, answered with a day or a time."""
    return bool(ctx.config.rubric.find("asks_schedule", ctx.normal(question))) and ctx.gives(
        turn, "schedule"
    )


# an amount asked in a unit ("isinya brp ml?", "how many grams?") and told in it ("100 ml")
_UNITS = (
    r"ml|l|liter|litre|gr|gram|grams|g|kg|kilo|cm|mm|m|meter|meters|inch|inci|watt|pk|pcs|"
    r"lembar|biji|butir|tablet|tablets|kapsul|sachet|porsi|orang|people|pax"
)
_AMOUNT_ASKED = re.compile(rf"\b(?:berapa|brp|brapa|how many|how much)\s+({_UNITS})\b")


def _amount_told(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """ "isinya brp ml kak?" answered "100 ml kak": the amount asked, in its unit."""
    asked = _AMOUNT_ASKED.search(ctx.normal(question))
    if asked is None:
        return False
    told = re.compile(rf"\d\s*{re.escape(asked[1])}\b")
    return any(told.search(ctx.normal(a)) for a in answers)


def _offered(ctx: Context, question: Message, turn: Turn) -> bool:
    """ "Cheesecake blueberry ada?" answered by offering it at a price ("Cheesecake
    Blueberry 18cm Rp 240.000"): an answer that names what was asked and prices it."""
    text = ctx.normal(question)
    if text.count("?") > 1:  # among several questions, a price may answer another one
        return False
    standard = ctx.config.rubric.standard_forms
    topic = topic_words(text, standard)
    return bool(topic) and any(
        find_prices(a.text) and shares_topic(topic, topic_words(ctx.normal(a), standard))
        for a in ctx.answers_to(turn)
    )


def _fulfils(ctx: Context, answers: tuple[Message, ...]) -> bool:
    """A reply that does what was asked ("Here you go: https://…", "Berikut link-nya")."""
    rubric = ctx.config.rubric
    return any(rubric.find("fulfils", ctx.normal(a)) for a in answers)


def _takes_order(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """An order placed ("ok sy order 1") is answered by taking it: a total, how to pay."""
    rubric = ctx.config.rubric
    return bool(
        rubric.find("places_order", ctx.normal(question))
        and any(rubric.find("takes_order", ctx.normal(a)) for a in answers)
    )


def _escalates(ctx: Context, answers: tuple[Message, ...]) -> bool:
    """A concrete escalation (which team, by when) answers a request or complaint."""
    rubric = ctx.config.rubric
    return any(
        rubric.find("escalation", ctx.normal(a)) and rubric.find("gives_schedule", ctx.normal(a))
        for a in answers
    )


def _turns_down(ctx: Context, answers: tuple[Message, ...]) -> bool:
    """A complaint or request turned down ("bukan tanggung jawab kami", "we don't give
    refunds") has been taken up, if not as wished (LABELING.md: a refusal is on the
    point). Blame alone is not: it may leave the request undone."""
    rubric = ctx.config.rubric
    return any(rubric.find("refusal", ctx.normal(a)) for a in answers)


def _remedies(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """A request or complaint ("mau klaim garansi"; no question word) is taken up by a
    remedy offered ("unitnya kami tukar dengan yang baru")."""
    rubric = ctx.config.rubric
    return not rubric.find("question_word", ctx.normal(question)) and any(
        rubric.find("remedy", ctx.normal(a)) for a in answers
    )


def _notes_feedback(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """A wish for next time ("tolong jgn sampe keulang lagi ya") is taken up by noting
    it ("sudah kami catat dan kami bahas dengan tim tutor")."""
    rubric = ctx.config.rubric
    return bool(rubric.find("feedback", ctx.normal(question))) and any(
        rubric.find("notes_feedback", ctx.normal(a)) for a in answers
    )


def _gives_account(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """ "ok, tf ke mana?" is answered by an account to pay into ("BCA 0374551286")."""
    rubric = ctx.config.rubric
    return bool(rubric.find("asks_account", ctx.normal(question))) and any(
        rubric.find("gives_account", ctx.normal(a)) for a in answers
    )


_TAKES_UP_A_COMPLAINT = ("empathy", "remedy", "escalation", "refusal", "notes_feedback")


def _complaint_ignored(
    ctx: Context, questions: tuple[Message, ...], answers: tuple[Message, ...]
) -> Message | None:
    """A complaint told beside a question of another message ("kak mau komplain, nama
    sy ga ada di list" - "bisa booking 2 kelas sekaligus ga?") that the answers take up
    in no way a complaint is (an apology, a remedy, an escalation, a refusal, noting
    it), while they answer the question (LABELING.md: a skipped point fails)."""
    if len(questions) < 2:  # most turns: one message, no complaint beside a question
        return None
    rubric = ctx.config.rubric
    texts = [ctx.normal(q) for q in questions]
    complaint = next(
        (
            q
            for q, t in zip(questions, texts, strict=True)
            if "?" not in t and ctx.complains(q) and not rubric.find("question_word", t)
        ),
        None,
    )
    if complaint is None:
        return None
    if any(rubric.find(key, ctx.normal(a)) for a in answers for key in _TAKES_UP_A_COMPLAINT):
        return None
    return complaint


def _asked_topic(ctx: Context, question: Message) -> frozenset[str]:
    """The words a question's topic is looked for by: its own, or none where it ends
    in a question of question words alone after what happened ("kemarin cuma kena
    gerimis dikit pas di motor. terus gimana?"): that asks what now, and any reply on
    the case answers it."""
    rubric, standard = ctx.config.rubric, ctx.config.rubric.standard_forms
    text = ctx.normal(question)
    pieces = [p for p in _PIECES.split(text.rstrip()) if p.strip()]
    last = pieces[-1] if pieces else ""
    if (
        len(pieces) > 1
        and text.rstrip().endswith("?")
        and rubric.find("question_word", last)
        and not topic_words(last, standard) - _NUDGE
    ):
        return frozenset()
    return topic_words(text, standard) - _NUDGE


def _haggling_met(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """Haggling ("bisa kurang ga") is taken up by a price cut, a refusal or a price."""
    rubric = ctx.config.rubric
    return bool(rubric.find("asks_discount", ctx.normal(question))) and any(
        rubric.find("discount", ctx.normal(a)) or find_prices(a.text) for a in answers
    )


# where one point of a message ends, and words that join the next point
_PARTS = re.compile(r"\?+|\n+|(?<=\w)[.,;](?=\s|$)")
_JOINER = re.compile(r"^\W*((and|also|or|plus|then|btw|dan|terus|trus|sama|lalu|atau|juga)\b\W*)*")
# where one clause of a reply ends: the yes or no it says is about that clause's words
_CLAUSE = re.compile(r"[.,;!?\n]+\s*")


def _yes_no_points(
    ctx: Context, question: Message, turn: Turn, saying: Set[int]
) -> list[tuple[str, frozenset[str]]]:
    """In a message asking several things, its yes/no points that may have been
    skipped, and their words: each is skipped unless an answer takes up one of its
    words. Where the answers say a yes or a no ("Pengiriman ke Sidoarjo bisa"), only
    the points none of them can be: each yes or no stands in a clause on another
    point's words (not "Bisa kak, ukuran L ready", whose "bisa kak" may answer any).
    None (an empty list) where the message asks one thing, or a photo or file was sent
    (it may be what was asked for); haggling keeps its own rule. ``saying``: the lines
    of the replies that say a yes or a no to anything."""
    rubric, standard = ctx.config.rubric, ctx.config.rubric.standard_forms
    split = [p for p in _PARTS.split(ctx.normal(question)) if p.strip()]
    if len(split) < 2:
        return []  # one point ("brp harganya kak?")
    answers = ctx.answers_to(turn)
    if any(a.kind is not MessageKind.TEXT for a in answers):
        return []
    parts = [_JOINER.sub("", p).strip() for p in split]
    points = [
        p
        for p in parts
        if p
        and (rubric.find("question", p) or rubric.find("yes_no_question", p))
        # a yes told back, not asked: "boleh kak, kartunya brp?"
        and not (len(p.split()) <= 2 and rubric.find("yes_no_answer", p))
    ]
    if len(points) < 2:
        return []
    topics = [topic_words(point, standard) for point in points]
    asked = [
        i
        for i, point in enumerate(points)
        if not rubric.find("asks_discount", point)
        and rubric.find("yes_no_question", point)
        and topics[i]
    ]
    if asked and any(a.line in saying for a in answers):
        clauses = [c for a in answers for c in _CLAUSE.split(ctx.normal(a))]
        said = [topic_words(c, standard) for c in clauses if rubric.find("says_yes_or_no", c)]
        asked = [
            i
            for i in asked
            if all(
                any(shares_topic(topics[j], c) for j in range(len(points)) if j != i) for c in said
            )
        ]
    return [(points[i], topics[i]) for i in asked]


_SENTENCE_END = re.compile(r"[.!?\n]+")
_SUBPOINT = re.compile(r",\s*(?=(?:and|also|plus|sama|terus|trus|trs|dan|lalu)\b)")
# a message's questions, each whole with its clauses ("Do you rent decoration only,
# without the full WO package?")
_PIECES = re.compile(r"\?+|\n+|(?<=\w)[.;](?=\s|$)")
# a yes/no question without its "?": a verb that asks, a "no" after it ("bata merahnya
# bisa diretur ga kalau sisa", "hp lamanya bisa tukar tambah gak kak"), or one opening it
_ASKING_VERB = re.compile(r"\b(bisa|boleh|ada|masih|can|could|do|does|is|are|will)\b")
_OR_NOT = re.compile(r"\b(ga|gak|nggak|ngga|enggak|tidak)\b(?! (apa|masalah|papa|usah|perlu))")
_OPENS_ASKING = re.compile(
    r"^\W*(can|could|do|does|is|are|will|would) (you|i|we|it|there|this|that|they)\b"
)


def _asks_without_mark(piece: str) -> bool:
    """Whether a piece of a message (one line) asks yes or no without a "?". The "no" is
    looked for after the first verb only: one pass, where a pattern of both (verb, any
    text, "no") tried every verb against the rest, a long message's length squared."""
    verb = _ASKING_VERB.search(piece)
    return (verb is not None and _OR_NOT.search(piece, verb.end()) is not None) or (
        _OPENS_ASKING.search(piece) is not None
    )


# a day or a time named: answered by one ("bisa dtg sblm tgl 24 ga", "bisa pagi ga",
# "can it be there before noon")
_NAMES_A_TIME = re.compile(
    r"\b(tgl|tanggal|jam|pagi|siang|sore|malam|malem|besok|lusa|hari ini|noon|morning|"
    r"afternoon|evening|tonight|tomorrow|today)\b|\d{1,2}/\d{1,2}"
)


def _last_point_skipped(ctx: Context, question: Message, turn: Turn) -> str | None:
    """A message's last point, a yes/no question or a request to be told ("please let
    me know if you offer installation") after others, that no answer takes up ("...
    pantofel oxford hitam brp? bisa COD ke Bogor ga? trs kalo kebesaran bisa tuker?"
    answered with the price and COD only): none of the words it holds alone
    (not in the points before it) comes back in the answers, no data it asks is given,
    no time it names is answered with one, and no yes or no can be its: neither one
    opening the first answer where it is the message's only yes/no point, nor one
    standing alone in a sentence ("Bisa kak 😊")."""
    rubric, standard = ctx.config.rubric, ctx.config.rubric.standard_forms
    text = ctx.normal(question).rstrip()
    if text.count("?") + text.count("\n") + text.count(". ") + text.count(",") == 0:
        return None  # one piece: one point
    pieces = [p for p in _PIECES.split(text) if p.strip()]  # clauses stay whole
    # but for a point joined to the last by a comma and a joiner: "do you have a fitting
    # room, and is there parking"
    pieces[-1:] = [p for p in _SUBPOINT.split(pieces[-1]) if p.strip()] if pieces else []
    if len(pieces) < 2:
        return None
    last = _JOINER.sub("", pieces[-1]).strip()
    ended = text.endswith("?")
    if not last or not (
        (ended and len(last.split()) >= 2)
        or _asks_without_mark(last)
        or rubric.find("yes_no_question", last)  # "parkir di venue udh include belum"
        or rubric.find("asks_to_be_told", last)
    ):
        return None
    answers = ctx.answers_to(turn)
    if not answers or any(a.kind is not MessageKind.TEXT for a in answers):
        return None
    # the cheap tests first: its own words, and whether an answer takes one up
    before = [_JOINER.sub("", p).strip() for p in pieces[:-1]]
    other_words = frozenset().union(*(topic_words(p, standard) for p in before))
    own = {
        w
        for w in topic_words(last, standard)
        if len(w) >= 4 and w.isalpha() and not shares_topic({w}, other_words)
    }
    if not own:
        return None
    said = frozenset().union(*(topic_words(ctx.normal(a), standard) for a in answers))
    if shares_topic(own, said):
        return None
    if rubric.find("question_word", last) or rubric.find("asks_discount", last):
        return None
    others = [p for p in before if rubric.find("question", p) or rubric.find("yes_no_question", p)]
    if not others:
        return None
    kinds = [k for k in ("price", "stock", "size", "schedule") if rubric.find(f"asks_{k}", last)]
    if rubric.find("gives_schedule", last) or _NAMES_A_TIME.search(last):
        kinds.append("schedule")
    if kinds and any(ctx.gives(turn, k) for k in kinds):
        return None
    yes_no_points = [p for p in (*others, last) if not rubric.find("question_word", p)]
    if len(yes_no_points) == 1 and rubric.find("yes_no_answer", ctx.normal(answers[0])):
        return None
    name = topic_words(ctx.conversation.customer.casefold())
    for a in answers:
        for sentence in _SENTENCE_END.split(ctx.normal(a)):
            if (
                rubric.find("says_yes_or_no", sentence)
                and not topic_words(sentence, standard) - name
            ):
                return None
    return last


def _yes_or_no(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    """A yes/no question ("Warna biru ada?") answered with a yes or a no ("Ada kak"),
    also after a moment to check ("sebentar saya cek ya" - "Pesanan kakak sudah
    berangkat ...")."""
    rubric = ctx.config.rubric
    return bool(
        answers
        and rubric.find("yes_no_question", ctx.normal(question))
        and any(
            rubric.find("yes_no_answer", text)
            for i, text in enumerate(ctx.normal(a) for a in answers)
            # a later reply that asks ("Ada lagi yang bisa dibantu kak?") answers nothing
            if i == 0 or not text.rstrip().endswith("?")
        )
    )


def judge(ctx: Context) -> CriterionResult:
    asked = 0
    # a reply may answer two turns (see Context.answers_to): its words are kept for the
    # next turn only, so a year-long chat never holds every message's words at once;
    # they are read only where a question's topic decides
    words: dict[int, frozenset[str]] = {}
    standard = ctx.config.rubric.standard_forms

    def said_in(answers: tuple[Message, ...]) -> frozenset[str]:
        nonlocal words
        words = {a.line: words.get(a.line) or topic_words(ctx.normal(a), standard) for a in answers}
        return frozenset().union(*words.values())

    saying: set[int] | None = None  # the replies that say a yes or a no, found once
    for turn, questions, answers in ctx.points:
        asked += len(questions)
        if turn.reply is None:
            return result(
                KEY,
                Verdict.FAIL,
                f"a question got no answer: {quote(questions[0].text)}",
                questions[0],
            )
        pointer = ctx.pointer_elsewhere(turn)
        if pointer is not None:  # "cek aja di katalog", even beside an answer
            return result(
                KEY,
                Verdict.FAIL,
                f"the reply points elsewhere instead of answering {quote(questions[0].text)}: "
                f"{quote(pointer.text)}",
                questions[0],
                pointer,
            )
        ignored = _complaint_ignored(ctx, questions, answers)
        if ignored is not None:
            return result(
                KEY,
                Verdict.FAIL,
                f"the reply answers beside the complaint {quote(ignored.text)} but does not "
                "take it up (no apology, remedy or escalation)",
                ignored,
                *answers[:1],
            )
        said: frozenset[str] | None = None
        for question in questions:
            on_topic = _data_answer(ctx, question, turn)
            if on_topic is None and _when_told(ctx, question, turn):
                on_topic = True  # "kira2 kapan nyampe" on an order: "diantar besok (19/9)"
            if on_topic is None:
                said = said_in(answers) if said is None else said
                topic = _asked_topic(ctx, question)
                on_topic = (
                    not topic
                    or shares_topic(topic, said)
                    or _yes_or_no(ctx, question, answers)
                    or _fulfils(ctx, answers)
                    or _takes_order(ctx, question, answers)
                    or _escalates(ctx, answers)
                    or _turns_down(ctx, answers)
                    or _haggling_met(ctx, question, answers)
                    or _remedies(ctx, question, answers)
                    or _notes_feedback(ctx, question, answers)
                    or _gives_account(ctx, question, answers)
                    or _amount_told(ctx, question, answers)
                )
            if on_topic and saying is None:
                texts = ctx.normal_texts(ctx.replies)
                matching = ctx.config.rubric.matching("says_yes_or_no", texts)
                saying = {ctx.replies[i].line for i in matching}
            if on_topic and (points := _yes_no_points(ctx, question, turn, saying or set())):
                said = said_in(answers) if said is None else said
                point = next(
                    (
                        p
                        for p, topic in points
                        if not shares_topic(topic, said)
                        # "bisa pagi ga?" - "Sabtu jam 08.00"
                        and not (_NAMES_A_TIME.search(p) and ctx.gives(turn, "schedule"))
                    ),
                    None,
                )
                if point is not None:
                    return result(
                        KEY,
                        Verdict.FAIL,
                        f"the reply skips a point of {quote(question.text)}: {quote(point)}",
                        question,
                        *answers[:1],
                    )
            if on_topic and (last := _last_point_skipped(ctx, question, turn)) is not None:
                return result(
                    KEY,
                    Verdict.FAIL,
                    f"the reply skips a point of {quote(question.text)}: {quote(last)}",
                    question,
                    *answers[:1],
                )
            if not on_topic:
                return result(
                    KEY,
                    Verdict.FAIL,
                    f"the reply does not take up the question {quote(question.text)}",
                    question,
                    *answers[:1],
                )
    if not asked:
        return result(KEY, Verdict.NOT_APPLICABLE, "the customer asked no question")
    return result(KEY, Verdict.PASS, f"all {asked} question(s) answered on topic")
