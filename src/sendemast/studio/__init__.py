"""The studio: sendemast in the browser — compose, rewrite, check, library, history and eval reports.

``create_app(workspace)`` builds the ASGI app; ``sendemast studio`` serves it with uvicorn. Every page
calls the same library functions as the CLI (``assembly``: each leader's profile, check, index and
history, and ``draft_in_workspace``); this package only shows them.
"""

from sendemast.studio.app import create_app

__all__ = ["create_app"]
