"""One WSGI app per simulated service: create_app(runtime) -> WSGI callable."""
