"""attrib: who said it, through whom, in what channel, and when."""
