import pytest

from tests.foundation.test_settings import _settings_probe


def test_media_go_to_object_storage_when_a_bucket_is_configured():
    words = _settings_probe(
        "s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name']",
        DEBUG="1",
        MEDIA_S3_BUCKET="quartier-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert words == ["storages.backends.s3.S3Storage", "quartier-media"]


def test_a_replica_is_used_only_when_configured():
    without = _settings_probe("sorted(s.DATABASES)", DEBUG="1")
    with_replica = _settings_probe(
        "sorted(s.DATABASES), s.DATABASE_ROUTERS",
        DEBUG="1",
        DATABASE_URL="postgres://u@db1:5432/q",
        DATABASE_REPLICA_URL="postgres://u@db2:5432/q",
    )
    assert without == ["['default']"]
    printed = " ".join(with_replica)
    assert "'replica']" in printed and "PublicReadsRouter" in printed


@pytest.mark.parametrize(
    ("method", "cookies", "expected"),
    [
        ("GET", {}, "replica"),
        ("HEAD", {}, "replica"),
        ("POST", {}, "default"),
        ("GET", {"sessionid": "x"}, "default"),
    ],
)
def test_only_anonymous_reads_go_to_the_replica(rf, method, cookies, expected):
    from portal.db_router import PublicReadsRouter, ReplicaForPublicReadsMiddleware

    router = PublicReadsRouter()
    seen = []
    middleware = ReplicaForPublicReadsMiddleware(
        lambda request: seen.append(router.db_for_read(None))
    )
    request = rf.generic(method, "/de/")
    request.COOKIES.update(cookies)
    middleware(request)
    assert seen == [expected]
    assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) == "default"  # outside a request
