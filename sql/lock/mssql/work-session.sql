-- Run by every session that does upgrade work: a shared lock that ends only with the session.
EXEC sp_getapplock @Resource = 'apim-work', @LockMode = 'Shared', @LockOwner = 'Session', @LockTimeout = 0;
