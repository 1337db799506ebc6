EXEC sp_releaseapplock @Resource = 'apim-upgrade', @LockOwner = 'Session';
SELECT 1;
