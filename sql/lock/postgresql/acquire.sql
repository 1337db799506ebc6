-- Advisory locks live per database: the second key is this database's oid, so the scope is explicit.
SELECT pg_try_advisory_lock(${runClass}, (SELECT oid::int FROM pg_database WHERE datname = current_database()));
