"""Did the person open this page themselves, or did another site send their browser here?

A read receipt tells a young person that their worker has read what they wrote. A link on another
site (an image, a frame, a page that redirects) could make a signed-in browser load the page with
nobody looking, so only a visit that starts in Heard or in the browser itself counts as opening it.
The page is still shown either way, and the access is still audited: only the receipt waits for a
visit that counts, or for the reader to say so with a button.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import request

# Sec-Fetch-Site (Fetch Metadata, sent by every current browser over HTTPS): "same-origin" is a
# link or form in Heard; "none" is typed, a bookmark, or a link opened from another program
# (such as a mail app). "same-site" is another site under the same domain: not Heard.
OPENED_HERE = ("same-origin", "none")


def opened_here() -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site.strip().lower() in OPENED_HERE
    # An older browser without Fetch Metadata: a Referer from elsewhere is a link from elsewhere;
    # with none, it was typed or bookmarked.
    referrer = request.headers.get("Referer")
    if not referrer:
        return True
    here = urlsplit(request.host_url)
    there = urlsplit(referrer)
    return (there.scheme, there.netloc) == (here.scheme, here.netloc)
