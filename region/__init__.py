"""For the office that checks a whole region: its roster of organs and their deadlines, the
compiled tables (汇总), each organ's trends, rankings, and rectification letters.

Reads the store (through `Store.current_reports` and the `cells` view); never extracts.
"""
