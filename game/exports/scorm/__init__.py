"""SCORM 1.2 packages: the browser player and the pure core (in Pyodide) as one zip for an LMS.

`package.build` writes the zip; `sco` is the Python that runs in the page. Kept free of imports
here: the page imports `game.exports.scorm.sco` inside Pyodide.
"""
