"""Search analytics: what customers searched for, how many results they got and which one they opened.

Pure checks (privacy.py, validation.py), the two back ends' SQL (storage.py) and the report's
searches section (summary.py). A stored search holds no address, cookie or identifier.
"""
