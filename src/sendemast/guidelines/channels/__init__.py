"""How each channel counts a post (``count``), X's weighted length (``xcount``) and X threads
(``x_thread``)."""
