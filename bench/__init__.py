# The load generators' fixed CSRF secret: Django accepts the unmasked secret as the form token.
BENCH_CSRF = "b" * 32


def profile_in_process(**extra):
    """Settings for a script that profiles the portal in its own process: the bench's production
    settings over plain HTTP, files under var/bench. Call before django.setup()."""
    import os
    from pathlib import Path

    var = Path(__file__).resolve().parent.parent / "var" / "bench"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        USE_HTTPS="0",
        STATIC_ROOT=str(var / "static-profile"),
        MEDIA_ROOT=str(var / "media"),
        PAGE_CACHE_STAMP=str(var / "page-cache-profile.stamp"),
        LOG_LEVEL="WARNING",
        **extra,
    )
