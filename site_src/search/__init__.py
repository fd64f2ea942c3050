"""The Pagefind search index and the text it is built from."""
