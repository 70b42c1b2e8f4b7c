"""sendemast: write for social media in your own voice, within the lines of the Danish public sector."""

__version__ = "0.1.0"
