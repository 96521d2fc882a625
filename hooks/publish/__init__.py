"""Publishing: the all-or-nothing build, the list of published URLs, and dates from Git."""
