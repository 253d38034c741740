"""The project's colours, named once. Vocabularies and charts refer to these names.

The categorical colours are Tableau 10 and its light variants (the Vega default), because
they stay distinguishable for the common colour-vision deficiencies at the sizes we draw and
every reader of charts has seen them. Meaning is carried by hue families: removals and
takedowns are red, store penalties purple, customs and police seizures orange, notices and
detection blue, money teal-green, context figures grey or muted. The ink and accent colours
match .streamlit/config.toml.
"""

RED = "#d62728"
LIGHT_RED = "#ff9896"
PURPLE = "#9467bd"
LIGHT_PURPLE = "#c5b0d5"
DARK_PURPLE = "#756bb1"
INDIGO = "#393b79"
ORANGE = "#ff7f0e"
LIGHT_ORANGE = "#ffbb78"
BURNT_ORANGE = "#e6550d"
SAND = "#fd8d3c"
BROWN = "#8c564b"
DARK_BROWN = "#843c39"
BLUE = "#1f77b4"
LIGHT_BLUE = "#aec7e8"
MID_BLUE = "#3182bd"
TEAL = "#17becf"
GREEN = "#2ca02c"
LIGHT_GREEN = "#98df8a"
MID_GREEN = "#31a354"
OLIVE = "#bcbd22"
PINK = "#e377c2"
GREY = "#7f7f7f"
DARK_GREY = "#636363"
LIGHT_GREY = "#c7c7c7"
NEUTRAL = "#888888"

# A slate ramp for ordered terms that must not borrow a category's hue (the 7/30/90-day effect
# windows, drawn beside the milestone kinds).
SLATE_LIGHT = "#b3bcc6"
SLATE = "#7b8794"
SLATE_DARK = "#3e4c59"
BAND = "#dbe4ee"  # the zone a claim allows: a tint no term uses

INK = "#1f2933"  # text
MUTED = "#7b8794"  # secondary text and axis labels
ACCENT = "#c2410c"  # the theme's primary colour: the one thing to look at
GRID = "#eef0f2"
RULE = "#cbd2d9"
