"""``GET /reset-password``: the small page the reset mail links to.

Self-contained (no external resources) and locked down: the token travels in the URL fragment
(``#token=...``), which browsers never send to a server, so it cannot reach access logs or a
``Referer``; the script removes it from the address bar at once. The Content-Security-Policy
allows only this page's own inline script and style (by hash) and requests to this origin.
"""

from __future__ import annotations

import base64
import hashlib

from litestar import MediaType, Response, get

RESET_API_PATH = "/api/v1/auth/reset-password"

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
    "label,input,button{display:block;width:100%;margin:.5rem 0}"
    "input,button{padding:.5rem;font-size:1rem}#result{margin-top:1rem;font-weight:600}"
)
_SCRIPT = f"""
"use strict";
const found = /(?:^|[#?&])token=([^&]+)/.exec(location.hash) ||
  /(?:^|[?&])token=([^&]+)/.exec(location.search);
const token = found ? decodeURIComponent(found[1]) : "";
history.replaceState(null, "", location.pathname);
const form = document.getElementById("reset");
const result = document.getElementById("result");
if (!token) {{ result.textContent = "This link has no reset token; ask for a new one."; }}
form.addEventListener("submit", async (event) => {{
  event.preventDefault();
  const password = document.getElementById("new_password").value;
  const confirmation = document.getElementById("confirmation").value;
  if (password !== confirmation) {{ result.textContent = "The passwords differ."; return; }}
  result.textContent = "Saving...";
  try {{
    const response = await fetch("{RESET_API_PATH}", {{
      method: "POST", credentials: "omit", referrerPolicy: "no-referrer",
      headers: {{"Content-Type": "application/json", "Accept": "application/json"}},
      body: JSON.stringify({{token: token, new_password: password}})
    }});
    if (response.ok) {{
      form.hidden = true;
      result.textContent = "Your password was changed. You can sign in with it now.";
    }} else {{
      const problem = await response.json().catch(() => ({{}}));
      result.textContent = problem.detail || "The password could not be changed.";
    }}
  }} catch (error) {{ result.textContent = "The server could not be reached; try again."; }}
}});
"""
_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Choose a new password</title><style>{_STYLE}</style></head>
<body><h1>Choose a new password</h1>
<form id="reset" method="post" action="{RESET_API_PATH}">
<label for="new_password">New password</label>
<input id="new_password" name="new_password" type="password" autocomplete="new-password"
 minlength="8" required>
<label for="confirmation">Repeat it</label>
<input id="confirmation" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">Change password</button></form>
<p id="result" role="status"></p>
<script>{_SCRIPT}</script></body></html>
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_sha256(_SCRIPT)}; style-src {_sha256(_STYLE)}; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


@get("/reset-password", include_in_schema=False, sync_to_thread=False)
def reset_page() -> Response[str]:
    """The reset form; the token never leaves the browser except in the API call's body."""
    return Response(_PAGE, media_type=MediaType.HTML, headers=PAGE_HEADERS)
