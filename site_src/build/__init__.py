"""What a build remembers between runs and how it spreads work over cores."""
