"""PostgreSQL for the test suite: the production backend, except how a transactional test's
tables are emptied afterwards.

Django empties them with one TRUNCATE of every table, which gives each of the ~80 tables and
their indexes new files: two to three seconds per test here. DELETE of the few rows a test left
takes milliseconds; the foreign keys Django creates are deferrable, so the order does not matter.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = style.SQL_KEYWORD("DELETE FROM")
        return [
            "SET CONSTRAINTS ALL DEFERRED",
            *(f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables),
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
