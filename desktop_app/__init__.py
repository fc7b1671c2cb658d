"""Ballerup Kommune's disability policy, readable, spoken and in plain language."""

__version__ = "0.1.0"
APP_ID = "ballerup-handicap"
