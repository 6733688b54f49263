"""Judging a cycle: the graph, the rule catalogue, the service level, the critique and
the one pipeline (`pipeline.check_file`) that every command reads from. Pure: no printing."""
