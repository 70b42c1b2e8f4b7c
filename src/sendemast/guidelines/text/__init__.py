"""Reading Danish and English text for the rules: word lists in one index, stems, LIX, people, verbs,
hashtags."""
