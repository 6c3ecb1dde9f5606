"""Layout: from the document to positioned glyphs on grid pages."""
