-- ping: the trivial /healthz route of the same binary — the ceiling of the HTTP layer here.
wrk.method = "GET"
wrk.path = "/healthz"
wrk.headers["Connection"] = "keep-alive"
