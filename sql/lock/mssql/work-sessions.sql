SELECT CAST(l.request_session_id AS varchar(20)), DATEDIFF(second, r.start_time, GETDATE()), LEFT(COALESCE(t.text, ''), 160)
FROM sys.dm_tran_locks l
LEFT JOIN sys.dm_exec_requests r ON r.session_id = l.request_session_id
OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) t
WHERE l.resource_type = 'APPLICATION' AND l.resource_database_id = DB_ID() AND l.resource_description LIKE '%apim-work%';
