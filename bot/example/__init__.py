"""The example plan `commplan demo` loads."""
