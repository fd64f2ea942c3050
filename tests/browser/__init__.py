"""Real-browser tests: Debian Chromium driven by Playwright against the served site."""
