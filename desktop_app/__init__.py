"""Ballerup Kommune's disability policy, readable, spoken and in plain language."""

__version__ = "0.1.0"
APP_ID = "ballerup-handicap"
# The desktop entry's name (packaging/linux/), also the Wayland app id and the icon's name.
DESKTOP_ID = "dk.ballerup.handicappolitik"
