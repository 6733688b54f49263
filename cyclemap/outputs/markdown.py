"""Text from a cycle file made inert inside Markdown (a README table, a pull-request
comment): what a moment's name says is shown, never acted on.

- Markdown syntax (`[link](…)`, `![image](…)`, emphasis, code, tables) is escaped with
  backslashes, and `<`, `>`, `&` become entities, so no HTML tag (`<img>`) gets through.
- Bare addresses (`https://…`, `www.…`) are not turned into links, and `@name` does not
  mention (notify) anyone on GitHub or GitLab: a zero-width space goes after `@` and
  inside `://` and `www.`, as Dependabot and Renovate do in their pull requests.
- Line breaks become `<br>` (a table row stays one line).
"""

from __future__ import annotations

import re

ZWSP = "&#8203;"
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def inline(text: object, breaks: str = "<br>") -> str:
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = value.replace("://", f":{ZWSP}//")  # https://
    value = re.sub(r"(?i)\b(www)\.", rf"\1{ZWSP}.", value)
    value = re.sub(r"@(?=\w)", f"@{ZWSP}", value)
    return re.sub(r"\r\n|\r|\n", breaks, value)
