"""``python -m sendemast.drafting.style``: the example leader's card beside other authors' posts
(:mod:`sendemast.drafting.style.report`)."""

from sendemast.drafting.style.report import main

main()
