"""Queries and writes the rest of commplan uses; each module holds one aggregate's."""
