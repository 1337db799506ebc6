SELECT pg_advisory_unlock(${runClass}, (SELECT oid::int FROM pg_database WHERE datname = current_database()));
