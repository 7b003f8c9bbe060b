//! Nothing here: the tests in `tests/` exercise `graph_models::client` against a loopback server.
