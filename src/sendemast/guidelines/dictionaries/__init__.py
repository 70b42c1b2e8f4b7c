"""The spelling dictionaries and word forms: Hunspell expanded into tries, productive compounds, a
workspace's own vocabulary, inflected forms of the word lists, suggestions for unknown words."""
