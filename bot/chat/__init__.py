"""Chat input from every surface: typed commands, buttons, and the replies they give."""
