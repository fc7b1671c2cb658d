"""Qt-free core: content model, loading, rendering, readability, search and settings."""
