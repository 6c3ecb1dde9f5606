"""zhuanbao: typesets Chinese official bulletins (简报) to PDF and DOCX."""

__version__ = "0.1.0"
