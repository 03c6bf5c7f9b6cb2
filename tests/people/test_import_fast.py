"""The import's shortcuts for emails and dates give exactly what the functions they stand in for give."""

from hypothesis import given, settings
from hypothesis import strategies as st

from groundswell.people.contact_points import InvalidContactPoint, normalize_email
from groundswell.people.dates import parse_date
from groundswell.people.importing.fast import EmailReader, read_date


def outcome(parse, raw):
    try:
        return parse(raw)
    except InvalidContactPoint as exc:
        return str(exc)


LOCAL = st.text(alphabet="abcXYZ09.+_-'!é\" ", min_size=0, max_size=70)
DOMAIN = st.sampled_from(
    ["example.org", "EXAMPLE.org", "x.co", "localhost", "foo", "a..b.com", "-x.com", "x.123", "test", "invalid",
     "xn--80ak6aa92e.com", "b.c", "exa_mple.com", "ex-ample.com", "a" * 64 + ".com", "münchen.de", ""]
)


@settings(max_examples=400, deadline=None)
@given(local=LOCAL, domain=DOMAIN, at=st.sampled_from(["@", "@@", ""]))
def test_emails_read_through_the_domain_cache_match_normalize_email(local, domain, at):
    reader = EmailReader()
    raw = f"{local}{at}{domain}"
    outcome(reader.normalize, "someone@" + domain)  # warm the cache
    assert outcome(reader.normalize, raw) == outcome(normalize_email, raw)


def test_the_domain_cache_is_used_and_still_rejects_a_bad_local_part():
    reader = EmailReader()
    assert reader.normalize("Ann.Lee@Example.ORG") == "ann.lee@example.org"
    assert reader.normalize(" bo@example.org ") == "bo@example.org"
    assert list(reader._domains) == ["example.org"]
    assert outcome(reader.normalize, "a..b@example.org") == "not an email address: 'a..b@example.org'"
    assert outcome(reader.normalize, "x@localhost") == outcome(normalize_email, "x@localhost")


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.builds(lambda m, d, y: f"{m}/{d}/{y}", st.integers(0, 13), st.integers(0, 32), st.integers(0, 3000)),
        st.builds(lambda m, d, y: f"{y:04d}-{m:02d}-{d}", st.integers(0, 13), st.integers(0, 32), st.integers(0, 9999)),
        st.text(alphabet="0123456789/-. ", max_size=12),
    )
)
def test_dates_read_by_the_shortcut_match_parse_date(text):
    assert read_date(text.strip()) == parse_date(text)
