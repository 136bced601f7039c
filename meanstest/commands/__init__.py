"""Commands that live in their own module, registered on the group in `meanstest.cli`."""
