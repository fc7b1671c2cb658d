"""Widgets only: main window, views, toolbars, dialogs and themes."""
