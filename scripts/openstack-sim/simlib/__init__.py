"""The simulated cloud: services, their set-up, the orchestrator and the client."""
