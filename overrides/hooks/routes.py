"""Where the calculators live in the site, written once.

The site paths of the pages that carry a calculator, in the default language; every other
language has the same path under its prefix (``da/calculators/load/``), as mkdocs-static-i18n's
folder structure gives them. hooks/calculators.py links to them from a calculator's page data,
and hooks/intent.py finds the links to them in a page's content and writes the speculation rules
that prerender them. A page that moves in ``nav`` moves here, and nowhere else.
"""

from __future__ import annotations

#: The calculator pages by what they hold.
PAGES = {
    "load": "calculators/load/",  # the load and cuff-pressure calculators
    "screening": "calculators/screening/",
    "first_session": "first-session/",  # the session plan and its timer
}
#: The pages a link in a page's content prerenders (hooks/intent.py): the two a reader is sent to
#: from the guides; the first-session page is reached from the load calculator's hand-over.
PRERENDERED = (PAGES["load"], PAGES["screening"])
