"""`cyclemap serve`: a local live page for workshops (docs/serve.md).

- `workspace.py`: which files are served (a table of keys, nothing else), their last
  good picture and the latest save's problem; pure Python, thread-safe.
- `views.py`: the HTML of the index and of a cycle's page, and the fragments a page
  swaps in after a save, in the cycle's language and in service language.
- `app.py`: the Starlette application (pages, JSON fragments, server-sent events,
  assets), its Content-Security-Policy and the file watcher (watchfiles).
- `assets/`: the page's script and style, served from here only.

The command (`cyclemap.cli.serve_cmd`) binds the socket, warms the embedded Graphviz
and runs uvicorn.
"""
