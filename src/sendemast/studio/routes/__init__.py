"""One router per page family: compose, rewrite, check, library, history, reports."""
