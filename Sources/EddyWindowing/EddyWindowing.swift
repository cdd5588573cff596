// Module EddyWindowing: built up by its issue (docs/architecture.md). Placeholder file so the target compiles.
