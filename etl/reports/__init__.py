"""One-claim evidence reports: the dashboard's evidence card and `cfwatch report` build the same
self-contained HTML from the same rows with the same function (`render_html`)."""
