"""Menjelaskan Sesuai Poin-poin Pertanyaan: every question gets an answer, on topic."""

from __future__ import annotations

from cs_audit.criteria.base import Context, content_words, normal, quote, result, shares_topic
from cs_audit.models import CriterionResult, Message, Verdict
from cs_audit.prices import find_prices

KEY = "answers_questions"


def _gives_asked_data(ctx: Context, question: Message, answers: tuple[Message, ...]) -> bool:
    rubric, asked, said = (
        ctx.config.rubric,
        normal(question.text),
        " ".join(normal(a.text) for a in answers),
    )
    return bool(
        (rubric.find("asks_price", asked) and any(find_prices(a.text) for a in answers))
        or (rubric.find("asks_stock", asked) and rubric.find("gives_stock", said))
        or (rubric.find("asks_size", asked) and rubric.find("gives_size", said))
    )


def judge(ctx: Context) -> CriterionResult:
    asked = 0
    for turn in ctx.conversation.turns:
        questions = ctx.questions(turn)
        if not questions:
            continue
        asked += len(questions)
        if turn.reply is None:
            return result(
                KEY,
                Verdict.FAIL,
                f"a question got no answer: {quote(questions[0].text)}",
                questions[0],
            )
        answers = ctx.answers_to(turn)
        said = set().union(*(content_words(a.text) for a in answers)) if answers else set()
        for question in questions:
            on_topic = shares_topic(content_words(question.text), said) or _gives_asked_data(
                ctx, question, answers
            )
            if not on_topic and content_words(question.text):
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
