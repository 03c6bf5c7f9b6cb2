"""What an attempt is checked against — the organization's result codes and the campaign's survey questions —
kept in memory between attempts while they are unchanged.

Reading and building them cost each attempt more Python than everything else it does. Each set is kept with
its `fingerprint`: a digest, computed by PostgreSQL, of every row it was built from. The attempt statement
recomputes the digest and writes nothing when it differs (a code was retired or relabelled, a question
added…); the attempt is then checked again against rows read afresh. So a kept set is never acted on once
it is out of date. SQLite has no attempt statement: there every attempt reads the rows.
"""

from dataclasses import dataclass

from django.db import connection

from groundswell.outreach.models import Campaign, Question, ResultCode
from groundswell.outreach.result_codes import ensure_result_codes

# Every column of every code of the organization and every question of the campaign, in id order.
FINGERPRINT = """md5(
    coalesce((SELECT string_agg(rc::text, ',' ORDER BY rc.id) FROM {codes} rc WHERE rc.org_id = %s), '') || '|' ||
    coalesce((SELECT string_agg(q::text, ',' ORDER BY q.id) FROM {questions} q WHERE q.campaign_id = %s), ''))"""

_MAX_KEPT = 1_000


@dataclass(frozen=True)
class AttemptRules:
    codes: dict[str, ResultCode]  # the active codes by name
    questions: list[Question]
    fingerprint: str  # "" when not kept (SQLite)


_kept: dict[tuple[int, int], AttemptRules] = {}


def rules_for(campaign: Campaign, *, fresh: bool = False) -> AttemptRules:
    """The codes and questions an attempt on `campaign` is checked against: the kept ones, unless `fresh`
    (the attempt statement found them out of date) or there are none yet."""
    key = (campaign.org_id, campaign.pk)
    if connection.vendor != "postgresql":
        return _read(campaign, "")
    if not fresh and (kept := _kept.get(key)) is not None:
        return kept
    # The digest first, the rows after: rows changed in between are newer than the digest, so the next attempt
    # statement finds the digest out of date and they are read again (never the other way round).
    rules = _read(campaign, fingerprint_now(campaign))
    if len(_kept) >= _MAX_KEPT:
        _kept.clear()
    _kept[key] = rules
    return rules


def fingerprint_sql() -> str:
    """FINGERPRINT with the table names; its two parameters are the organization and the campaign."""
    quote = connection.ops.quote_name
    return FINGERPRINT.format(codes=quote(ResultCode._meta.db_table), questions=quote(Question._meta.db_table))


def fingerprint_now(campaign: Campaign) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {fingerprint_sql()}", [campaign.org_id, campaign.pk])
        return cursor.fetchone()[0]


def _read(campaign: Campaign, fingerprint: str) -> AttemptRules:
    codes = {code.code: code for code in ensure_result_codes(campaign.org)}
    return AttemptRules(codes=codes, questions=list(campaign.questions.all()), fingerprint=fingerprint)
