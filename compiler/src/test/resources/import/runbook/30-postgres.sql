-- Update max connections (requires restart)
ALTER SYSTEM SET max_connections = 500;

-- Add missing indexes
CREATE INDEX CONCURRENTLY idx_usage_events_tenant_date
ON usage_events(tenant_id, created_at);

-- Vacuum and analyze
VACUUM ANALYZE usage_events;
