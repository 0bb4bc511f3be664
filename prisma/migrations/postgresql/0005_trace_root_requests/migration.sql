-- How many top-level HTTP requests a trace holds: one client command (`openstack server create`)
-- is often a token request, lookups and the action, and the list says so next to the request
-- that names the trace (lib/span/rootRequest.ts). Traces stored before this count as 0: unknown.
ALTER TABLE "trace" ADD COLUMN "root_requests" INTEGER NOT NULL DEFAULT 0;
