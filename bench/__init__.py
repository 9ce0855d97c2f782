# The load generators' fixed CSRF secret: Django accepts the unmasked secret as the form token.
BENCH_CSRF = "b" * 32
