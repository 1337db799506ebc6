-- Run by every session that does upgrade work: a shared lock that ends only with the session, so a
-- statement left running by a killed run keeps it held until the server has finished or cancelled it.
SELECT pg_advisory_lock_shared(${workClass}, (SELECT oid::int FROM pg_database WHERE datname = current_database()));
