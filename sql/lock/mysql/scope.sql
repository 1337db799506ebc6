-- What the lock protects: this server and this database (named locks are server-wide).
SELECT CONCAT(@@hostname, ':', @@port, '/', COALESCE(DATABASE(), ''));
