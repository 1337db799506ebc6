-- True when no session holds the work lock; a free lock is released again at once.
SELECT CASE WHEN pg_try_advisory_lock(${workClass}, d.oid::int)
            THEN pg_advisory_unlock(${workClass}, d.oid::int) ELSE false END
FROM pg_database d WHERE d.datname = current_database();
