"""The dashboard: server-rendered pages (Jinja2), HTMX for the interactive parts, charts from Chart.js."""
